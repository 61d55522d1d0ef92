"""Composing a briefing: scope the documents, retrieve and rank the candidate lines with the declared
model, pack them under the word budget, and turn the chosen lines into cited items."""
from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from ..index.search import Index, ParagraphRow, SentenceHit, writes_name
from ..nlp.judgements import area_label
from ..nlp.quotes import REPORT_VOICE
from ..nlp.taxonomy import topic, topics
from ..nlp.text import norm
from .cite import cite
from .features import Candidate
from .model import Model, model
from .pack import Packed, pack
from .query import Query, parse_query
from .rank import judgement_candidates, rank, ungraded
from .scope import councils_note, descriptors_out, inspection_key, scope
from .types import Briefing, Citation, Item, Section

SECTION_TITLES = {
    "judgement": "Inspectors' judgements",
    "strengths": "What is working well",
    "weaknesses": "What needs to get better",
    "actions": "What must improve",
    "figures": "Key figures",
    "quotes": "What people said",
}
ORDER = tuple(SECTION_TITLES)
NEWEST_FIRST = frozenset({"strengths", "weaknesses", "actions", "figures"})
SUGGESTIONS = 5
SUGGESTION_MIN_SIMILARITY = 40  # rapidfuzz token-set score (0..100) for a topic to be suggested
NO_ANSWER = "No passage answers this question well."


@dataclass(frozen=True)
class Composed:
    """A briefing with how it was made: every candidate, scored, and the packing (for --explain)."""

    briefing: Briefing
    candidates: tuple[Candidate, ...] = ()
    packed: Packed | None = None


def citation(index: Index, para: ParagraphRow) -> Citation:
    info = index.docs[para.doc]
    c = cite(para, info)
    return Citation(info.name, c.paragraph, c.label, para.text, para.doc, para.id, info.meta.title, info.meta.date,
                    c.place, c.document, c.when, info.meta.council)


def compose(index: Index, raw_query: str, *, max_words: int | None = None,
            default_council: str | None = None) -> Briefing:
    return explain(index, raw_query, max_words=max_words, default_council=default_council).briefing


def explain(index: Index, raw_query: str, *, max_words: int | None = None, default_council: str | None = None,
            m: Model | None = None) -> Composed:
    """The briefing for a question, with the scored candidates and the packing that chose its lines."""
    m = m or model()
    max_words = max_words or int(m.packing.max_words)
    q = parse_query(raw_query, index)
    docs, notes = scope(index, q, default_council)
    main_topic = topic(q.topics[0]).label if q.topics else None
    if not q.text or not docs:
        return Composed(Briefing(q.text, main_topic, (), suggest(index, q), tuple(notes)))
    if q.years and len(docs) < len(index.docs):
        q = descriptors_out(q, [index.docs[d] for d in docs])
    if unanswerable(q):  # ranking hundreds of lines (every finding, for a bare '?!') would change nothing
        return Composed(Briefing(q.text, main_topic, (), suggest(index, q),
                                 tuple(notes + ungraded(index, q, docs) + [NO_ANSWER])))
    candidates = candidates_for(index, q, docs, m)
    notes += ungraded(index, q, docs)
    if not answerable(q, candidates):
        return Composed(Briefing(q.text, main_topic, (), suggest(index, q),
                                 tuple(notes + [NO_ANSWER])), tuple(candidates))
    packed = pack(candidates, q.intents, max_words, m, people=bool(q.people), councils=q.councils)
    sections = _sections(index, packed, q)
    if q.corrections:
        notes.append("Read as: " + ", ".join(f"{a} → {b}" for a, b in q.corrections.items()))
    cited = [index.docs[i.citation.doc_id] for s in sections for i in s.items]
    whose = councils_note(q, cited, [index.docs[d] for d in docs])
    if whose:
        notes.append(whose)
    briefing = Briefing(q.text, main_topic, sections, () if sections else suggest(index, q), tuple(notes))
    return Composed(briefing, tuple(candidates), packed)


def candidates_for(index: Index, q: Query, docs: tuple[int, ...], m: Model) -> list[Candidate]:
    """Every scored candidate line for a parsed question over the documents in scope."""
    hits, para_scores = index.search(q.terms, docs)
    q, named = named_lines(index, q, docs, m)
    known = {h.id for h in hits}
    hits += [h for h in named if h.id not in known]
    return rank(index, q, hits, para_scores, docs, m) + judgement_candidates(index, q, docs, m)


def named_lines(index: Index, q: Query, docs: tuple[int, ...], m: Model) -> tuple[Query, list[SentenceHit]]:
    """The question with only its distinctive names (those that at most `name_paragraphs` paragraphs in scope
    write as it does: a service, a group, a place, 'No Labels', 'the HIVE'), and the sentences that hold them,
    found whatever their words weigh (a name of stop words, 'We Do Care', is no search term)."""
    kept, paras = [], []
    for name in q.names:
        found = index.paragraphs_naming(name, docs, most=int(m.retrieval.name_paragraphs))  # no more are needed
        if 0 < len(found) <= m.retrieval.name_paragraphs:
            kept.append(name)
            paras += found
    if tuple(kept) != q.names:
        q = replace(q, names=tuple(kept))
    if not kept:
        return q, []
    index.load_paragraphs(paras)
    return q, [h for h in index.sentences_in(paras, q.terms) if writes_name(index.paragraph(h.para).text[h.start:h.end], kept)]


def answerable(q: Query, candidates: list[Candidate]) -> bool:
    """Is there something on the question's subject? Topics, entities, people or a named year are
    enough, as is a question about whole documents (what must X improve), about what the press wrote,
    setting councils side by side, or a distinctive name the documents write ('the PREM panel'); bare
    words must be matched, most of them by one line, not one stray word among many."""
    if not candidates:
        return False
    if asks_beyond_words(q) or any(c.feats is not None and c.feats.name_match for c in candidates):
        return True
    words = asked_words(q)
    if not words:
        return False
    best = max((sum(not w.isdisjoint(c.hit.terms) for w in words) for c in candidates if c.hit is not None), default=0)
    return best >= max(1, (len(words) + 1) // 2)  # at least half the question's words, in one line


def asks_beyond_words(q: Query) -> bool:
    """What makes a question answerable by any line in scope: topics, entities, people, a year, the whole
    document, the press, or councils side by side (see answerable)."""
    return bool(q.topics or q.entities or q.people or q.years or q.since or q.latest
                or q.intents & {"judgement", "change"} or q.whole_document or "press" in q.speaker_roles
                or len(q.councils) > 1)


def unanswerable(q: Query) -> bool:
    """No line could make `answerable` true, whatever the candidates: the question asks nothing beyond its
    words, names nothing, and has no content words ('?!', 'child whoc are for')."""
    return not asks_beyond_words(q) and not q.names and not asked_words(q)


def asked_words(q: Query) -> list[frozenset[str]]:
    """The question's content words, each as the set of its forms the search takes (one word, 'protected',
    counts once however many forms it has); words that only describe the documents in scope are out."""
    core = frozenset(q.content_terms)
    grouped = [w & core for w in q.words]
    return [w for w in grouped if w] + [frozenset([t]) for t in core - frozenset().union(*q.words)]


def _sections(index: Index, packed: Packed, q: Query) -> tuple[Section, ...]:
    sections = []
    for kind in ORDER:
        items = list(packed.chosen.get(kind, ()))
        if kind == "quotes" and q.people:
            items.sort(key=lambda c: -c.score)
        if kind == "judgement" and "change" in q.intents:  # a report's verdict in words beside its grades, oldest first
            items.sort(key=lambda c: index.docs[c.para.doc].meta.date or "")
        elif kind in NEWEST_FIRST and len(q.councils) < 2:
            # The newest inspection's findings lead, and lines of one date keep their order by score; councils
            # set side by side keep their turns.
            items.sort(key=lambda c: index.docs[c.para.doc].meta.date or "", reverse=True)
        if items:
            sections.append(Section(kind, SECTION_TITLES[kind], tuple(_item(index, c) for c in items)))
    return tuple(sections)


def twins(index: Index, c: Candidate) -> tuple[ParagraphRow, ...]:
    """The paragraphs of the other copies of the same inspection (a report as PDF and as text) that hold
    the line word for word: a copy whose sentence was not a candidate (read under another role, say)
    is still cited, as packing cites the copies it merges."""
    if c.inspection is None or c.hit is None:
        return ()
    cited = {c.para.id, *(p.id for p in c.also)}
    out = []
    for d, info in index.docs.items():
        if d == c.para.doc or inspection_key(info.meta) != c.inspection:
            continue
        hits = index.sentences_of((d,))
        index.load_paragraphs([h.para for h in hits])
        for h in hits:
            para = index.paragraph(h.para)
            if para.id not in cited and norm(para.text[h.start:h.end]) == c.normed:
                out.append(para)
                cited.add(para.id)
                break
    return tuple(out)


def _item(index: Index, c: Candidate) -> Item:
    speaker = c.hit.speaker if c.hit and c.hit.speaker else None
    also = (*c.also, *twins(index, c))
    return Item(c.text, citation(index, c.para), speaker, tuple(citation(index, p) for p in also),
                area_label(c.area) if c.area else None, c.hit.figures if c.hit else (),
                reported=bool(speaker) and c.hit.role != "quote" and speaker != REPORT_VOICE)


def suggest(index: Index, q: Query, n: int = SUGGESTIONS) -> tuple[str, ...]:
    """The corpus's topics nearest the question, else its most discussed ones."""
    counts = index.topic_counts()
    labels = {t.label: t for t in topics() if counts.get(t.id)}
    out: list[str] = []
    if q.text:
        choices = list(labels)
        for label, score, _ in process.extract(q.text, choices, scorer=fuzz.token_set_ratio, limit=n):
            if score >= SUGGESTION_MIN_SIMILARITY:
                out.append(label)
    for t in sorted(labels.values(), key=lambda t: -counts.get(t.id, 0)):
        if len(out) >= n:
            break
        if t.label not in out:
            out.append(t.label)
    return tuple(out[:n])
