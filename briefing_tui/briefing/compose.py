"""Composing a briefing: scope the documents, rank the candidate lines, and fill balanced sections
under a word budget, each line verbatim with its citation, near-duplicates merged under the primary source."""
from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from ..index.search import Index, ParagraphRow
from ..nlp.judgements import area_label
from ..nlp.taxonomy import topic, topics
from .query import Query, parse_query
from .rank import AUTHORITY, Candidate, judgement_candidates, rank, ungraded
from .scope import councils_note, descriptors_out, scope

SECTION_TITLES = {
    "judgement": "Inspectors' judgements",
    "strengths": "What is working well",
    "weaknesses": "What needs to get better",
    "actions": "What must improve",
    "figures": "Key figures",
    "quotes": "What people said",
}
ORDER = ("judgement", "strengths", "weaknesses", "actions", "figures", "quotes")
DEFAULT_MAX_WORDS = 200
QUEUE_LIMIT = 60


@dataclass(frozen=True)
class Citation:
    doc: str
    paragraph: str
    label: str
    source_text: str
    doc_id: int
    para_id: int
    title: str
    date: str | None


@dataclass(frozen=True)
class Item:
    text: str
    citation: Citation
    speaker: str | None = None
    also: tuple[Citation, ...] = ()
    area: str | None = None  # judgement items: the area graded
    figures: tuple[dict, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Section:
    kind: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Briefing:
    query: str
    topic: str | None
    sections: tuple[Section, ...]
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def items(self) -> list[Item]:
        return [i for s in self.sections for i in s.items]

    @property
    def empty(self) -> bool:
        return not self.items

    def sources(self) -> list[Citation]:
        """Every citation in order of first use, each paragraph once."""
        seen, out = set(), []
        for item in self.items:
            for c in (item.citation, *item.also):
                if (c.doc_id, c.paragraph) not in seen:
                    seen.add((c.doc_id, c.paragraph))
                    out.append(c)
        return out


def citation(index: Index, para: ParagraphRow) -> Citation:
    info = index.docs[para.doc]
    meta = info.meta
    parts = [meta.kind_label]
    if meta.council:
        parts.append(meta.council)
    if meta.year:
        parts.append(str(meta.year))
    parts.append(f"para {para.pid}")
    return Citation(info.name, para.pid, ", ".join(parts), para.text, para.doc, para.id, meta.title, meta.date)


def compose(index: Index, raw_query: str, *, max_words: int = DEFAULT_MAX_WORDS,
            default_council: str | None = None) -> Briefing:
    q = parse_query(raw_query, index)
    docs, notes = scope(index, q, default_council)
    main_topic = topic(q.topics[0]).label if q.topics else None
    if not q.text or not docs:
        return Briefing(q.text, main_topic, (), suggest(index, q), tuple(notes))
    if q.years and len(docs) < len(index.docs):
        q = descriptors_out(q, [index.docs[d] for d in docs])
    hits, para_scores = index.search(q.terms, docs)
    candidates = rank(index, q, hits, para_scores, docs)
    candidates += judgement_candidates(index, q, docs)
    notes += ungraded(index, q, docs)
    if not _answerable(q, candidates):
        return Briefing(q.text, main_topic, (), suggest(index, q), tuple(notes + ["No passage answers this question well."]))
    sections = _fill(candidates, q, max_words, index)
    if q.corrections:
        notes.append("Read as: " + ", ".join(f"{a} → {b}" for a, b in q.corrections.items()))
    cited = [index.docs[i.citation.doc_id] for s in sections for i in s.items]
    whose = councils_note(q, cited, [index.docs[d] for d in docs])
    if whose:
        notes.append(whose)
    briefing = Briefing(q.text, main_topic, sections, () if sections else suggest(index, q), tuple(notes))
    return briefing


def _answerable(q: Query, candidates: list[Candidate]) -> bool:
    """Is there something on the question's subject? Topics, entities, people or a named year are
    enough; bare words must be matched, most of them by one line, not one stray word among many."""
    if not candidates:
        return False
    if q.topics or q.entities or q.people or q.years or q.since or q.latest or q.intents & {"judgement", "change"}:
        return True
    core = {t for t, w in q.terms.items() if w >= 0.5 and not t.startswith(("t_", "e_"))}
    if not core:
        return False
    best = max((len(core & set(c.hit.terms)) for c in candidates if c.hit is not None), default=0)
    return best >= max(1, (len(core) + 1) // 2)


def _quotas(q: Query) -> dict[str, int]:
    quotas = {"judgement": 2, "strengths": 3, "weaknesses": 4, "actions": 2, "figures": 2, "quotes": 1}
    if "quotes" in q.intents:
        quotas.update(quotes=8, strengths=1, weaknesses=1, actions=1, figures=1)
    if "figures" in q.intents:
        quotas["figures"] = 4
    if "strengths" in q.intents and "weaknesses" not in q.intents:
        quotas.update(strengths=5, weaknesses=2)
    if "weaknesses" in q.intents and "strengths" not in q.intents:
        quotas.update(weaknesses=5, strengths=2)
    if "actions" in q.intents:
        quotas["actions"] = 4
    if "judgement" in q.intents or "change" in q.intents:
        quotas["judgement"] = 6
    return quotas


def _fill(candidates: list[Candidate], q: Query, max_words: int, index: Index) -> tuple[Section, ...]:
    quotas = _quotas(q)
    # Lines far down a section's ranking are never shown: keep the head of each queue.
    queues = {k: sorted((c for c in candidates if c.kind == k), key=lambda c: -c.rel)[:QUEUE_LIMIT] for k in ORDER}
    best = max((c.rel for c in candidates if c.kind != "judgement"), default=0.0)
    floor = 0.3 * best
    chosen: dict[str, list[Candidate]] = {k: [] for k in ORDER}
    budget = max_words
    priority = [k for k in ORDER if k in q.intents] + [k for k in ORDER if k not in q.intents]
    progress = True
    first = True
    while progress and budget > 0:
        progress = False
        # Judgements are short and what a councillor is asked about first: they are placed in full first.
        for kind in (["judgement"] * quotas["judgement"] if first else priority):
            if len(chosen[kind]) >= quotas[kind]:
                continue
            queue = queues[kind]
            used_paras = {o.para.id for o in chosen[kind]}
            # Distinct paragraphs first: the best line of each, then second lines.
            fresh = [c for c in queue if c.para.id not in used_paras and (c.kind == "judgement" or c.rel >= floor)]
            for c in list(fresh or queue):
                queue.remove(c)
                if c.kind != "judgement" and c.rel < floor:
                    continue
                words = len(c.text.split())
                if words > budget or sum(1 for o in chosen[kind] if o.para.id == c.para.id) >= 3:
                    continue
                if _merge_duplicate(c, chosen, index):
                    continue
                chosen[kind].append(c)
                budget -= words
                progress = True
                break
        if first:
            first, progress = False, True
    sections = []
    for kind in ORDER:
        items = chosen[kind]
        if kind == "quotes" and q.people:
            items = sorted(items, key=lambda c: -c.rel)
        if items:
            sections.append(Section(kind, SECTION_TITLES[kind], tuple(_item(index, c) for c in items)))
    return tuple(sections)


def _merge_duplicate(c: Candidate, chosen: dict[str, list[Candidate]], index: Index) -> bool:
    """A candidate that repeats a chosen line is merged into it, the primary source kept first."""
    a = c.normed
    for kind, items in chosen.items():
        for i, other in enumerate(items):
            b = other.normed
            if _different_inspections(index, c.para.doc, other.para.doc):
                continue  # the same words about two inspections are two findings
            if a == b or _near(a, b):
                cite = citation(index, c.para)
                if c.para.doc != other.para.doc or c.para.id != other.para.id:
                    if _authority(index, c) > _authority(index, other):
                        promoted = replace(c, kind=other.kind, also=[citation(index, other.para), *other.also])
                        items[i] = promoted
                    elif cite.doc_id != other.para.doc:
                        other.also.append(cite)
                return True
    return False


def _different_inspections(index: Index, a: int, b: int) -> bool:
    ma, mb = index.docs[a].meta, index.docs[b].meta
    return ma.kind == mb.kind == "report" and (ma.council, ma.inspection_end) != (mb.council, mb.inspection_end)


def _near(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    if len(short) < 25:
        return False
    if len(short) >= 0.5 * len(long_) and fuzz.token_set_ratio(a, b, score_cutoff=88):
        return True
    return len(short) >= 45 and bool(fuzz.partial_ratio(short, long_, score_cutoff=92))


def _authority(index: Index, c: Candidate) -> float:
    return AUTHORITY.get(index.docs[c.para.doc].meta.kind, 0.85)


def _item(index: Index, c: Candidate) -> Item:
    speaker = c.hit.speaker if c.hit and c.hit.speaker else None
    return Item(c.text, citation(index, c.para), speaker, tuple(c.also), area_label(c.area) if c.area else None,
                c.hit.figures if c.hit else ())


def suggest(index: Index, q: Query, n: int = 5) -> tuple[str, ...]:
    """The corpus's topics nearest the question, else its most discussed ones."""
    counts = index.topic_counts()
    labels = {t.label: t for t in topics() if counts.get(t.id)}
    out: list[str] = []
    if q.text:
        choices = list(labels)
        for label, score, _ in process.extract(q.text, choices, scorer=fuzz.token_set_ratio, limit=n):
            if score >= 40:
                out.append(label)
    for t in sorted(labels.values(), key=lambda t: -counts.get(t.id, 0)):
        if len(out) >= n:
            break
        if t.label not in out:
            out.append(t.label)
    return tuple(out[:n])
