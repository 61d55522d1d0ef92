"""Composing a briefing: scope the documents, rank the candidate lines, and fill balanced sections
under a word budget, each line verbatim with its citation, near-duplicates merged under the primary source."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..index.search import DocInfo, Index, ParagraphRow, SentenceHit
from ..nlp.judgements import area_label
from ..nlp.taxonomy import topic, topics
from ..nlp.text import norm
from .query import Query, parse_query

SECTION_TITLES = {
    "judgement": "Inspectors' judgements",
    "strengths": "What is working well",
    "weaknesses": "What needs to get better",
    "actions": "What must improve",
    "figures": "Key figures",
    "quotes": "What people said",
}
ORDER = ("judgement", "strengths", "weaknesses", "actions", "figures", "quotes")
ROLE_SECTION = {"strength": "strengths", "weakness": "weaknesses", "action": "actions", "quote": "quotes"}
AUTHORITY = {"report": 1.0, "letter": 0.95, "note": 0.85, "news": 0.8}
FINDING_ROLES = {"strength", "weakness", "action", "quote", "neutral"}
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


@dataclass
class _Candidate:
    kind: str
    text: str
    hit: SentenceHit | None
    para: ParagraphRow
    rel: float
    area: str | None = None
    also: list[Citation] = field(default_factory=list)

    @property
    def normed(self) -> str:
        value = self.__dict__.get("_normed")
        if value is None:
            value = self.__dict__["_normed"] = norm(self.text)
        return value


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


def scope(index: Index, q: Query, default_council: str | None = None) -> tuple[tuple[int, ...], list[str]]:
    """The documents a query is about: its council, years or 'since', where it names them."""
    docs = list(index.docs.values())
    notes: list[str] = []
    council = q.council or default_council
    if council:
        matching = [d for d in docs if d.meta.council == council]
        if matching:
            docs = matching
        elif q.council:
            notes.append(f"No documents about {q.council}; showing all councils.")
    if q.years and not q.since:
        matching = [d for d in docs if _years(d) & set(q.years)]
        if matching:
            docs = matching
        else:
            notes.append(f"No documents from {', '.join(map(str, q.years))}; showing all years.")
    if q.since:
        matching = [d for d in docs if d.meta.year is None or d.meta.year >= q.since]
        docs = matching or docs
    elif q.latest and not q.years:
        docs = latest(docs)
    return tuple(d.id for d in docs), notes


def latest(docs: list[DocInfo]) -> list[DocInfo]:
    """Each council's newest inspection report, with what was written since it and what is undated."""
    newest: dict[str | None, str] = {}
    for d in docs:
        if d.meta.kind == "report" and d.meta.date:
            newest[d.meta.council] = max(newest.get(d.meta.council, ""), d.meta.date)
    if not newest:
        return docs
    return [d for d in docs if d.meta.date is None or d.meta.council not in newest
            or d.meta.date >= newest[d.meta.council]]


def _years(d: DocInfo) -> set[int]:
    out = set()
    for value in (d.meta.inspection_start, d.meta.inspection_end, d.meta.published):
        if value:
            out.add(int(value[:4]))
    return out


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
    candidates = _rank(index, q, hits, para_scores, docs)
    candidates += _judgements(index, q, docs)
    notes += _ungraded(index, q, docs)
    if not _answerable(q, candidates):
        return Briefing(q.text, main_topic, (), suggest(index, q), tuple(notes + ["No passage answers this question well."]))
    sections = _fill(candidates, q, max_words, index)
    if q.corrections:
        notes.append("Read as: " + ", ".join(f"{a} → {b}" for a, b in q.corrections.items()))
    briefing = Briefing(q.text, main_topic, sections, () if sections else suggest(index, q), tuple(notes))
    return briefing


def descriptors_out(q: Query, docs: list[DocInfo]) -> Query:
    """Words that only describe the documents in scope ('the 2011 unannounced inspection') weigh little."""
    from ..nlp.text import stems

    title_words = set()
    for d in docs:
        title_words.update(stems(d.meta.title))
    terms = {t: (0.2 if t in title_words and w >= 0.5 and not t.startswith(("t_", "e_")) else w) for t, w in q.terms.items()}
    return replace(q, terms=terms)


def _answerable(q: Query, candidates: list[_Candidate]) -> bool:
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


ANAPHORA = re.compile(r"^(this|these|they|it|he|she|their|its|such|those|as a result|consequently|however, this|"
                      r"this means|in addition|also|for example|for instance|in some|in one|in these|in this|of these|"
                      r"of this|both|there is also|the same)\b", re.I)
GENERIC_SCOPE_LIMIT = 3000
CONTEXT_SECTION = re.compile(r"information about this (local authority )?area|in this area", re.I)
# A line that says how things moved over time: 'have improved significantly since the inspection in 2014'.
CHANGE_STATEMENT = re.compile(
    r"\b(ha(s|ve)|had)\s+(\w+\s+)?(improved|strengthened|declined|deteriorated|worsened|progressed)\b|"
    r"\bsince the (last|previous) inspection\b|\b(improved|declined|deteriorated)\b[^.]*\bsince\b|\bno longer\b", re.I)
ROLE_OF_PRIOR = {"strength": "strength", "weakness": "weakness", "action": "action"}


def _rank(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float],
          docs: tuple[int, ...]) -> list[_Candidate]:
    people_hits: list[SentenceHit] = []
    if q.people:
        people_hits = index.sentences_of(docs, speaker_in=q.people)
    generic = not q.content_terms and not q.topics and not q.entities and not q.people
    if generic and index.count_sentences(docs) <= GENERIC_SCOPE_LIMIT:
        # A question about a document as a whole ('what did the 2011 inspection find?'): every finding is a candidate.
        known = {h.id for h in hits}
        hits = hits + [h for h in index.sentences_of(docs, roles=tuple(FINDING_ROLES)) if h.id not in known]
    if not hits and not people_hits:
        return []
    best_s = max((h.score for h in hits), default=0.0) or 1.0
    best_p = max(para_scores.values(), default=0.0) or 1.0
    ents = {"e_" + re.sub(r"\W+", "_", e.lower()).strip("_") for e in q.entities}
    qtopics = set(q.topics)
    core = {t for t, w in q.terms.items() if w >= 0.5 and not t.startswith(("t_", "e_"))}
    recency = _recency(index, docs, q)
    out: list[_Candidate] = []
    seen: set[int] = set()
    index.load_paragraphs([h.para for h in hits] + [h.para for h in people_hits])
    for order, h in enumerate(people_hits):
        para = index.paragraph(h.para)
        seen.add(h.id)
        out.append(_Candidate("quotes", para.text[h.start:h.end], h, para, 2.0 - 0.01 * order))
    for h in hits:
        if h.id in seen or h.role not in FINDING_ROLES:
            continue
        kind = _section_for(h, q)
        if kind is None:
            continue
        para = index.paragraph(h.para)
        text = para.text[h.start:h.end]
        s = h.score / best_s
        p = para_scores.get(h.para, 0.0) / best_p
        t = 1.0 if qtopics & set(h.topics) else 0.85 if qtopics & section_topics(para.section) \
            else 0.6 if qtopics & set(para.topics) else 0.0
        e = 1.0 if ents & {"e_" + re.sub(r"\W+", "_", x.lower()).strip("_") for x in h.entities} else 0.0
        direct = bool(core & set(h.terms))
        on_topic = max(t, min(1.0, s) if direct else 0.0)
        if kind == "figures":  # a number rarely repeats the topic's words; its paragraph does
            relevance = min(1.0, 0.4 * on_topic + 0.4 * p + 0.05 * s + 0.15 * e)
        else:
            relevance = min(1.0, 0.5 * on_topic + 0.25 * p + 0.12 * s + 0.12 * e)
        if not generic and (q.topics or q.entities) and t == 0 and e == 0 and not direct:
            continue  # on the query's subject neither by its words, its topics nor its paragraph's
        if generic:
            relevance = 0.5 + (0.15 if ROLE_OF_PRIOR.get(para.prior) == h.role else 0.0)
        rel = relevance * (0.5 + 0.5 * _telling(h, kind, text)) * (_concise(text) if kind != "figures" else 1.0)
        if para.kind == "para" and para.lead:
            rel += 0.08  # the first paragraph under a heading carries its headline
        if generic:
            rel += 0.15 * (1 - min(para.idx, 200) / 200)  # the headline findings come first
        if "change" in q.intents:
            rel += 0.3 if CHANGE_STATEMENT.search(text) else 0.1 if re.search(r"\b(improv|since|progress|chang)", text, re.I) else 0

        meta = index.docs[h.doc].meta
        rel *= AUTHORITY.get(meta.kind, 0.85) * recency.get(h.doc, 1.0)
        if para.section and CONTEXT_SECTION.search(para.section):
            rel *= 0.8
        out.append(_Candidate(kind, text, h, para, rel))
    return out


def _concise(text: str) -> float:
    """Short briefings favour lines that say much in few words."""
    words = len(text.split())
    return 1.0 - 0.25 * min(1.0, max(0, words - 22) / 28)


@lru_cache(maxsize=4096)
def section_topics(section: str) -> frozenset[str]:
    from ..nlp.taxonomy import find_topics
    from ..nlp.text import stems

    return frozenset(find_topics(stems(section))) if section else frozenset()


def _telling(h: SentenceHit, kind: str, text: str) -> float:
    """How much a line says on its own: strong cues, numbers with comparators, no dangling 'This'."""
    if kind == "figures":
        value = 0.2 + 0.6 * any(f.get("label") for f in h.figures) + 0.2 * (abs(h.polarity) >= 2)
    elif kind == "actions":
        value = min(h.action, 5) / 5
    elif kind == "quotes":
        value = 0.6
    else:
        value = min(abs(h.polarity), 4) / 4
    if ANAPHORA.match(text):
        value *= 0.4
    return value


def _section_for(h: SentenceHit, q: Query) -> str | None:
    if h.role == "quote":
        return "quotes" if h.speaker else None
    if h.figures and h.role != "action":
        return "figures"
    return ROLE_SECTION.get(h.role)


def _recency(index: Index, docs: tuple[int, ...], q: Query) -> dict[int, float]:
    """With 'latest' or no year named, newer evidence weighs a little more; undated documents stay neutral."""
    dated = sorted({index.docs[d].meta.year for d in docs if index.docs[d].meta.year})
    if len(dated) < 2 or q.years:
        return {}
    newest, oldest = dated[-1], dated[0]
    strength = 0.3 if q.latest else 0.08
    out = {}
    for d in docs:
        y = index.docs[d].meta.year
        if y:
            out[d] = 1.0 + strength * ((y - oldest) / max(1, newest - oldest) - 0.5)
    return out


def _judgement_areas(q: Query) -> list[str]:
    areas: list[str] = []
    for t in q.topics:
        info = topic(t)
        if info and info.area and info.area not in areas:
            areas.append(info.area)
    if ("judgement" in q.intents or "change" in q.intents) and not areas:
        areas = ["overall"]
    return areas


def _judgements(index: Index, q: Query, docs: tuple[int, ...]) -> list[_Candidate]:
    """The grades of the areas the question bears on; for a question about change, every inspection's
    grade in date order, so they stand side by side."""
    areas = _judgement_areas(q)
    if not areas:
        return []
    wants = "judgement" in q.intents or "change" in q.intents
    rows = [r for r in index.judgements(docs) if r[1] in areas]
    rows.sort(key=lambda r: index.docs[r[0]].meta.date or "")
    out = []
    for n, (doc, area, grade, para_id, start, end) in enumerate(rows):
        para = index.paragraph(para_id)
        if "change" in q.intents:
            rel = 2.0 - 0.01 * n - 0.1 * areas.index(area)  # oldest first
        else:
            meta = index.docs[doc].meta
            rel = (1.6 if wants else 0.9) - 0.1 * areas.index(area) + 0.05 * ((meta.year or 2000) - 2000) / 30
        out.append(_Candidate("judgement", para.text[start:end], None, para, rel, area=area))
    return out


def _ungraded(index: Index, q: Query, docs: tuple[int, ...]) -> list[str]:
    """Say so when an inspection in scope gives no overall grade, rather than leave a silent gap."""
    if "overall" not in _judgement_areas(q):
        return []
    graded = {r[0] for r in index.judgements(docs) if r[1] == "overall"}
    reports = {r[0] for r in index.judgements(docs)}
    out = []
    for doc in sorted(reports - graded, key=lambda d: index.docs[d].meta.date or ""):
        meta = index.docs[doc].meta
        out.append(f"The {meta.council or ''} inspection of {meta.year or 'unknown date'} gives no overall "
                   f"effectiveness grade (inspections from April 2026 do not give one).".replace("The  ", "The "))
    return out


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


def _fill(candidates: list[_Candidate], q: Query, max_words: int, index: Index) -> tuple[Section, ...]:
    quotas = _quotas(q)
    # Lines far down a section's ranking are never shown: keep the head of each queue.
    queues = {k: sorted((c for c in candidates if c.kind == k), key=lambda c: -c.rel)[:QUEUE_LIMIT] for k in ORDER}
    best = max((c.rel for c in candidates if c.kind != "judgement"), default=0.0)
    floor = 0.3 * best
    chosen: dict[str, list[_Candidate]] = {k: [] for k in ORDER}
    budget = max_words
    priority = [k for k in ORDER if _intent_kind(k, q)] + [k for k in ORDER if not _intent_kind(k, q)]
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


def _intent_kind(kind: str, q: Query) -> bool:
    return {"judgement": "judgement", "strengths": "strengths", "weaknesses": "weaknesses", "actions": "actions",
            "figures": "figures", "quotes": "quotes"}[kind] in q.intents


def _merge_duplicate(c: _Candidate, chosen: dict[str, list[_Candidate]], index: Index) -> bool:
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


def _authority(index: Index, c: _Candidate) -> float:
    return AUTHORITY.get(index.docs[c.para.doc].meta.kind, 0.85)


def _item(index: Index, c: _Candidate) -> Item:
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
