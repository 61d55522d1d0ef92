"""Ranking candidate lines: topical relevance from words, topics, entities and the paragraph, times how
telling a line is; judgements of the areas a question bears on; which section a line belongs in."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..index.search import Index, ParagraphRow, SentenceHit
from ..nlp.taxonomy import topic
from ..nlp.text import entity_tag, norm
from .query import Query

if TYPE_CHECKING:
    from .compose import Citation

ROLE_SECTION = {"strength": "strengths", "weakness": "weaknesses", "action": "actions", "quote": "quotes"}
AUTHORITY = {"report": 1.0, "letter": 0.95, "note": 0.85, "news": 0.8}
FINDING_ROLES = {"strength", "weakness", "action", "quote", "neutral"}


@dataclass
class Candidate:
    """A line that may go into a briefing, in the section it would go to, with its relevance."""

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


def rank(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float],
          docs: tuple[int, ...]) -> list[Candidate]:
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
    ents = {entity_tag(e) for e in q.entities}
    qtopics = set(q.topics)
    core = {t for t, w in q.terms.items() if w >= 0.5 and not t.startswith(("t_", "e_"))}
    recency = _recency(index, docs, q)
    out: list[Candidate] = []
    seen: set[int] = set()
    index.load_paragraphs([h.para for h in hits] + [h.para for h in people_hits])
    for order, h in enumerate(people_hits):
        para = index.paragraph(h.para)
        seen.add(h.id)
        out.append(Candidate("quotes", para.text[h.start:h.end], h, para, 2.0 - 0.01 * order))
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
        e = 1.0 if ents.intersection(h.terms) else 0.0  # the sentence's terms carry its entity tags
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
        out.append(Candidate(kind, text, h, para, rel))
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


def judgement_candidates(index: Index, q: Query, docs: tuple[int, ...]) -> list[Candidate]:
    """The grades of the areas the question bears on; for a question about change, every inspection's
    grade in date order, so they stand side by side."""
    areas = _judgement_areas(q)
    if not areas:
        return []
    wants = "judgement" in q.intents or "change" in q.intents
    rows = [r for r in index.judgements(docs) if r[1] in areas]
    rows.sort(key=lambda r: index.docs[r[0]].meta.date or "")
    index.load_paragraphs([r[3] for r in rows])
    out = []
    for n, (doc, area, grade, para_id, start, end) in enumerate(rows):
        para = index.paragraph(para_id)
        if "change" in q.intents:
            rel = 2.0 - 0.01 * n - 0.1 * areas.index(area)  # oldest first
        else:
            meta = index.docs[doc].meta
            rel = (1.6 if wants else 0.9) - 0.1 * areas.index(area) + 0.05 * ((meta.year or 2000) - 2000) / 30
        out.append(Candidate("judgement", para.text[start:end], None, para, rel, area=area))
    return out


def ungraded(index: Index, q: Query, docs: tuple[int, ...]) -> list[str]:
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
