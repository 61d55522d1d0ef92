"""Ranking candidate lines: the sentences retrieval found become candidates in the section they would
go to, each with its feature vector and the model's score; graded judgements of the areas a question
bears on; a note where an inspection gives no overall grade."""
from __future__ import annotations

from dataclasses import replace

from ..index.search import Index, SentenceHit
from ..index.telling import section_of
from ..nlp.quotes import REPORT_VOICE
from ..nlp.tags import entity_tag
from ..nlp.taxonomy import topic
from ..nlp.text import stems
from ..nlp.vectors import similarities
from .features import Asked, Candidate, features
from .model import Model
from .query import AUTHOR_ENTITIES, WHOLE_DOCUMENT_TOPICS, Query
from .scope import inspection_key

FINDING_ROLES = ("strength", "weakness", "action", "quote", "neutral")


def candidate(index: Index, kind: str, text: str, hit: SentenceHit | None, para_id: int,
              paragraph_score: float = 0.0, area: str | None = None) -> Candidate:
    para = index.paragraph(para_id)
    meta = index.docs[para.doc].meta
    return Candidate(kind, text, hit, para, meta.kind, meta.year, inspection_key(meta), paragraph_score, area=area,
                     council=meta.council)


def asked(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float], docs: tuple[int, ...],
          generic: bool) -> Asked:
    years = sorted({index.docs[d].meta.year for d in docs if index.docs[d].meta.year})
    return Asked(core=frozenset(q.content_terms), topics=frozenset(q.topics),
                 entities=frozenset(entity_tag(e) for e in q.entities), intents=q.intents, generic=generic,
                 best_sentence=max((h.score for h in hits), default=0.0),
                 best_paragraph=max(para_scores.values(), default=0.0),
                 years=(years[0], years[-1]) if len(years) >= 2 and not q.years else None,
                 whole_document=q.whole_document,
                 figure_subject=frozenset(stems(q.figure_subject, drop_stop=True)) if q.figure_subject else frozenset(),
                 press="press" in q.speaker_roles, figure_units=q.figure_units)


def is_generic(q: Query) -> bool:
    """A question about documents as a whole: no words, entities or people to match, and no topic but
    the overall judgement (the whole document's headline: 'what overall grade did X get?')."""
    return not q.content_terms and not set(q.topics) - WHOLE_DOCUMENT_TOPICS and not q.entities and not q.people


def rank(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float],
         docs: tuple[int, ...], m: Model) -> list[Candidate]:
    """Every candidate line with its features and score (quotes of people the question names first)."""
    people_hits = index.sentences_of(docs, speaker_in=q.people) if q.people else []
    generic = is_generic(q) or q.whole_document
    if generic and index.count_sentences(docs) <= m.retrieval.generic_scope_limit:
        # A question about a document as a whole ('what did the 2011 inspection find?'): every finding is a candidate.
        known = {h.id for h in hits}
        hits = hits + [h for h in index.sentences_of(docs, roles=FINDING_ROLES) if h.id not in known]
    if not hits and not people_hits:
        return []
    context = asked(index, q, hits, para_scores, docs, generic)
    index.load_paragraphs([h.para for h in hits] + [h.para for h in people_hits])
    # One batched call: the question's own and related words against every candidate's stored stems.
    similarity = dict(zip((h.id for h in hits), similarities(q.terms, [h.terms for h in hits]).tolist()))
    out: list[Candidate] = []
    seen: set[int] = set()
    for order, h in enumerate(people_hits):
        para = index.paragraph(h.para)
        seen.add(h.id)
        out.append(replace(candidate(index, "quotes", para.text[h.start:h.end], h, h.para),
                           score=m.retrieval.people_base - m.retrieval.people_step * order))
    for h in hits:
        if h.id in seen or h.role not in FINDING_ROLES:
            continue
        kind = section_of(h.role, bool(h.figures), h.speaker)
        if kind in ("strengths", "weaknesses") and h.speaker not in (None, REPORT_VOICE) and "quotes" in q.intents:
            kind = "quotes"  # a finding that reports what someone told inspectors, asked for what people said
        if kind is None:
            continue
        para = index.paragraph(h.para)
        c = candidate(index, kind, para.text[h.start:h.end], h, h.para, para_scores.get(h.para, 0.0))
        f = features(c, context, m.features, similarity.get(h.id, 0.0))
        if not generic and (q.topics or q.entities) and not (f.topic_sentence or f.topic_heading or f.topic_paragraph) \
                and not f.entity_match and not f.term_cover:
            continue  # on the query's subject neither by its words, its topics nor its paragraph's
        out.append(replace(c, feats=f, score=m.score(f)))
    return out


def judgement_areas(q: Query) -> list[str]:
    areas: list[str] = []
    for t in q.topics:
        info = topic(t)
        if info and info.area and info.area not in areas:
            areas.append(info.area)
    if ("judgement" in q.intents or "change" in q.intents) and not areas:
        areas = ["overall"]
    return areas


def judgement_candidates(index: Index, q: Query, docs: tuple[int, ...], m: Model) -> list[Candidate]:
    """The grades of the areas the question bears on; for a question about change, every inspection's
    grade in date order, so they stand side by side."""
    areas = judgement_areas(q)
    if not areas:
        return []
    j = m.judgements
    wants = "judgement" in q.intents or "change" in q.intents
    every = index.judgements(docs)
    overall = areas == ["overall"]
    if overall and "judgement" in q.intents and ("change" not in q.intents or len({r.doc for r in every}) == 1):
        # A question for grades that names no graded area ('what grades did X get?') takes every area's
        # grade, the overall one first; an inspection with no overall grade (2026 on) so still shows its grades.
        # (A question about change over several inspections sets their overall grades side by side, oldest first.)
        areas += [r.area for r in every if r.area not in areas]
        areas = list(dict.fromkeys(areas))
    rows = [r for r in every if r.area in areas]
    rows.sort(key=lambda r: index.docs[r.doc].meta.date or "")
    index.load_paragraphs([r.para for r in rows])
    out = []
    for n, r in enumerate(rows):
        para = index.paragraph(r.para)
        if "change" in q.intents:
            score = j.change - j.order_step * n - j.area_step * areas.index(r.area)  # oldest first
        else:
            year = index.docs[r.doc].meta.year or j.base_year
            score = (j.wanted if wants else j.unwanted) - j.area_step * areas.index(r.area) \
                + j.year_step * (year - j.base_year)
        c = candidate(index, "judgement", para.text[r.start:r.end], None, r.para, area=r.area)
        out.append(replace(c, score=score))
    # The headline is the whole report's verdict: for a question on grades or change in general, not on a
    # subject, and not on what the press wrote.
    general = overall and not set(q.topics) - WHOLE_DOCUMENT_TOPICS and not set(q.entities) - AUTHOR_ENTITIES \
        and "press" not in q.speaker_roles
    return out + (headlines(index, every, out, j) if general else [])


def headline_paragraph(index: Index, first_grade: int, reach: int) -> int | None:
    """A report's headline paragraph: the first prose paragraph after its first graded judgement (the
    verdict in words under the grades: 'Children in X continue to receive good services. Since ...')."""
    para = index.paragraph(first_grade)
    for p in index.neighbours(para, 0, reach):
        if p.idx > para.idx and p.kind == "para":
            return p.id
    return None


def headlines(index: Index, rows: list, graded: list[Candidate], j) -> list[Candidate]:
    """The opening lines of each graded report's headline paragraph: on a question about grades or
    change in general they say in words what the grades mean and how the council moved since its last
    inspection. A verdict with no side ('Children in X continue to receive good services') stands with
    the grades, just under the report's first one; a strength or a shortcoming leads its own section,
    the newest report's first."""
    first: dict[int, int] = {}
    for r in rows:  # in document order within each report
        first.setdefault(r.doc, r.para)
    top = {}
    for c in graded:
        top[c.para.doc] = max(top.get(c.para.doc, float("-inf")), c.score)
    grade_paras = {r.para for r in rows}
    newest_first = sorted(top, key=lambda d: index.docs[d].meta.date or "", reverse=True)
    out = []
    for doc, para_id in first.items():
        if doc not in top:
            continue
        headline = headline_paragraph(index, para_id, int(j.headline_reach))
        if headline is None or headline in grade_paras:
            continue
        lines = index.sentences_of((doc,), paras=(headline,))[:int(j.headline_lines)]
        para = index.paragraph(headline)
        for n, h in enumerate(lines):
            kind = section_of(h.role, False, None) if h.role in ("strength", "weakness") else "judgement"
            if kind == "judgement":
                score = top[doc] - j.headline_step * (n + 1)
            else:
                score = j.headline_finding - j.order_step * newest_first.index(doc) - j.headline_step * (n + 1)
            out.append(replace(candidate(index, kind, para.text[h.start:h.end], h, headline), score=score))
    return out


def ungraded(index: Index, q: Query, docs: tuple[int, ...]) -> list[str]:
    """Say so when an inspection in scope gives no overall grade, rather than leave a silent gap."""
    if "overall" not in judgement_areas(q):
        return []
    rows = index.judgements(docs)
    graded = {r.doc for r in rows if r.area == "overall"}
    reports = {r.doc for r in rows}
    out = []
    for doc in sorted(reports - graded, key=lambda d: index.docs[d].meta.date or ""):
        meta = index.docs[doc].meta
        out.append(f"The {meta.council or ''} inspection of {meta.year or 'unknown date'} gives no overall "
                   f"effectiveness grade (inspections from April 2026 do not give one).".replace("The  ", "The "))
    return out
