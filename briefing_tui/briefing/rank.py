"""Ranking candidate lines: the sentences retrieval found, and those a question asks for by structure (a
report's headline, what changed, the press's articles), become candidates in the section they would go
to, each with its feature vector and the model's score; graded judgements of the areas a question bears
on; a note where an inspection gives no overall grade."""
from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from ..index.search import Index, ParagraphRow, SentenceHit
from ..index.telling import ROLE_SECTION, section_of
from ..nlp.quotes import REPORT_VOICE
from ..nlp.roles import cue_tables
from ..nlp.tags import entity_tag
from ..nlp.taxonomy import topic
from ..nlp.text import stems
from ..nlp.vectors import similarities
from .change import CHANGE_STATEMENT, change_of
from .features import (ANAPHORA, OPPOSITE, Asked, Candidate, FeatureParams, features, gives_words, line_features,
                       on_subject, phrases)
from .model import Model, Sections
from .query import AUTHOR_ENTITIES, WHOLE_DOCUMENT_TOPICS, Query
from .scope import inspection_key

FINDING_ROLES = ("strength", "weakness", "action", "quote", "neutral")
OPPOSITE_ROLES = ("strength", "weakness")  # the findings a line leaning on one reads as


def candidate(index: Index, kind: str, text: str, hit: SentenceHit | None, para_id: int,
              paragraph_score: float = 0.0, area: str | None = None, score: float = 0.0) -> Candidate:
    para = index.paragraph(para_id)
    meta = index.docs[para.doc].meta
    return Candidate.of(kind=kind, text=text, hit=hit, para=para, doc_kind=meta.kind, year=meta.year,
                        inspection=inspection_key(meta), paragraph_score=paragraph_score, score=score, feats=None,
                        area=area, council=meta.council, also=())


def asked(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float], docs: tuple[int, ...],
          generic: bool, headlines: frozenset[int] = frozenset(), headline_asked: bool = False) -> Asked:
    years = sorted({index.docs[d].meta.year for d in docs if index.docs[d].meta.year})
    return Asked(core=frozenset(q.content_terms), topics=frozenset(q.topics),
                 entities=frozenset(entity_tag(e) for e in q.entities), intents=q.intents, generic=generic,
                 best_sentence=max((h.score for h in hits), default=0.0),
                 best_paragraph=max(para_scores.values(), default=0.0),
                 years=(years[0], years[-1]) if len(years) >= 2 and not q.years else None,
                 whole_document=q.whole_document,
                 figure_subject=frozenset(stems(q.figure_subject, drop_stop=True)) if q.figure_subject else frozenset(),
                 press="press" in q.speaker_roles, headlines=headlines, headline_asked=headline_asked,
                 phrases=phrases(stems(q.text, drop_stop=True)), figure_units=q.figure_units, since=q.since,
                 names=q.names)


def asks_headline(q: Query, generic: bool) -> bool:
    """A question a report's headline answers: its grades, how it changed, the document as a whole."""
    return generic or bool(q.intents & {"judgement", "change"}) or bool(set(q.topics) & WHOLE_DOCUMENT_TOPICS)


def section_for(h: SentenceHit, para: ParagraphRow) -> str | None:
    """The section a line goes to: its role's; a finding the role classifier left neutral goes by its
    heading's role (a bullet under 'Strengths'), else by the sign of its polarity cues, else by the way it says
    things moved ('much progress has been made since Ofsted's last inspection' is a strength), else by the
    finding it leans on ('This was an area for improvement at the last inspection' after a weakness), else
    nowhere."""
    kind = section_of(h.role, bool(h.figures), h.speaker)
    if kind is not None or h.role != "neutral":
        return kind
    role = para.prior if para.prior in ROLE_SECTION and para.prior != "quote" else \
        "strength" if h.polarity > 0 else "weakness" if h.polarity < 0 else None
    if role is None:
        side = change_of(para.text[h.start:h.end]).side
        if side is not None:
            return side
        role = h.leans_on if h.leans_on in OPPOSITE_ROLES else None
    return ROLE_SECTION[role] if role else None


def judged_both_ways(h: SentenceHit, text: str, s: Sections) -> bool:
    """Its positive and negative cues both weigh `mixed_cues` and it turns on a contrast or a negation
    ('X is good, but plans do not ... well enough'; 'safeguarded well, although Y is inconsistent'): cue words
    alone are not enough, as a strength may name what it overcomes ('a timely response to concerns')."""
    if h.mixed < s.mixed_cues:
        return False
    t = cue_tables()
    lowered = text.lower().replace("’", "'")
    words = set(re.findall(r"[a-z']+", lowered))
    return bool(words & (t.contrast | t.negators)) or "n't" in lowered or "but" in words


def reads_opposite(h: SentenceHit, text: str, s: Sections) -> bool:
    """A finding read both ways: the classifier splits its probability (a stored confidence under the
    fitted `split_role_p`), it is `judged_both_ways`, or it says things moved towards the other side (a
    weakness that says what improved since the last inspection, naming the old shortcomings; a strength
    that says what declined)."""
    return 0.0 < h.role_p < s.split_role_p or judged_both_ways(h, text, s) \
        or change_of(text).side == OPPOSITE.get(ROLE_SECTION.get(h.role, ""))


def finding_sides(h: SentenceHit, text: str, s: Sections) -> frozenset[str] | None:
    """The finding sections a line may be listed in, where its words limit them (None: both). A line that
    says things declined, and not that they improved, is never a strength ('an overall decline in ...');
    one that says they improved, and not that they declined, may be a strength though it names the old
    shortcomings, and stays a candidate in its role's section ('has improved, but is not yet good'); any
    other line `judged_both_ways` ('most plans are good, but some lack detail') is a weakness: a shortcoming
    it names is never listed as a strength."""
    side = change_of(text).side
    if side == "weaknesses":
        return frozenset({side})
    if side == "strengths":
        return frozenset({side, ROLE_SECTION.get(h.role, side)})
    return frozenset({"weaknesses"}) if judged_both_ways(h, text, s) else None


def readings(h: SentenceHit, para: ParagraphRow, s: Sections) -> list[str]:
    """The sections a line is a candidate in: `section_for`'s; a strength or weakness is a candidate in
    its role's section, and also in figures when it carries a number ('too many are not in education,
    employment or training') and in the opposite finding's when it `reads_opposite`; in its `finding_sides`
    only; and in actions when it is `listed_for_action`. The features say which reading each candidate is; packing
    shows a line once, in the section it scores best in."""
    kind = section_for(h, para)
    own = ROLE_SECTION.get(h.role)
    if own not in OPPOSITE:
        return [kind] if kind else []
    text = para.text[h.start:h.end]
    out = [own] + (["figures"] if h.figures else []) + ([OPPOSITE[own]] if reads_opposite(h, text, s) else [])
    sides = finding_sides(h, text, s)
    return [k for k in out if k not in OPPOSITE or sides is None or k in sides] + \
        (["actions"] if listed_for_action(para) else [])


def listed_for_action(para: ParagraphRow) -> bool:
    """A bullet of a report's list of what must improve ('What needs to improve': noun phrases such as 'The
    quality of plans for ...'; an older report's 'Areas for improvement'): an action whatever its words
    read as, so a finding there is a candidate as an action too."""
    return para.kind == "bullet" and para.prior == "action"


def is_generic(q: Query) -> bool:
    """A question about documents as a whole: no words, entities or people to match, and no topic but
    the overall judgement (the whole document's headline: 'what overall grade did X get?')."""
    return not q.content_terms and not set(q.topics) - WHOLE_DOCUMENT_TOPICS and not set(q.entities) - AUTHOR_ENTITIES \
        and not q.people


# The readings and line features an open index keeps (see Lines): a pass over the benchmark's 240 questions keeps
# 1,431 on the seeds and 50,760 on the 160 reports (26 MB); past this many the memo starts again.
LINES_KEPT = 65536


class Lines:
    """What no question changes about a line, kept for one open index and one model's parameters: the sections it
    is read in (`readings`) and its features in each (`line_features`), as the same lines come back question after
    question (a question about a report as a whole ranks every finding in scope). Keyed by sentence id, holding
    strings, floats and tuples of strings: dicts the garbage collector does not walk entry by entry."""

    def __init__(self, sections: Sections, params: FeatureParams, most: int = LINES_KEPT) -> None:
        self.sections, self.params, self.most = sections, params, most
        self._readings: dict[str | None, dict[int, tuple[str, ...]]] = {}  # by the role it leans on, then id
        self._features: dict[str, dict[int, dict[str, float]]] = {}  # by section, then id
        self._shapes: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple for each list of sections met
        self._size = 0

    def readings(self, h: SentenceHit, para: ParagraphRow) -> tuple[str, ...]:
        by_id = self._readings.get(h.leans_on)
        kinds = by_id.get(h.id) if by_id is not None else None
        if kinds is None:
            kinds = tuple(readings(h, para, self.sections))
            kinds = self._shapes.setdefault(kinds, kinds)  # a few shared tuples, not a new one a line
            self._keep(self._readings, h.leans_on)[h.id] = kinds
        return kinds

    def features(self, c: Candidate) -> dict[str, float]:
        by_id = self._features.get(c.kind)
        kept = by_id.get(c.hit.id) if by_id is not None else None
        if kept is None:
            kept = line_features(c, self.params)
            self._keep(self._features, c.kind)[c.hit.id] = kept
        return kept

    def _keep(self, memo: dict, key) -> dict:
        if self._size >= self.most:  # full: start again
            self._readings.clear()
            self._features.clear()
            self._size = 0
        self._size += 1
        return memo.setdefault(key, {})


_LINES: WeakKeyDictionary[Index, dict[tuple[Sections, FeatureParams], Lines]] = WeakKeyDictionary()


def lines_of(index: Index, m: Model) -> Lines:
    """The open index's kept lines for a model's parameters (gone with the index)."""
    by_model = _LINES.setdefault(index, {})
    key = (m.sections, m.features)
    lines = by_model.get(key)
    if lines is None:
        lines = by_model[key] = Lines(m.sections, m.features)
    return lines


def rank(index: Index, q: Query, hits: list[SentenceHit], para_scores: dict[int, float],
         docs: tuple[int, ...], m: Model) -> list[Candidate]:
    """Every candidate line with its features and score (quotes of people the question names first)."""
    people_hits = index.sentences_of(docs, speaker_in=q.people) if q.people else []
    generic = is_generic(q) or q.whole_document
    headline_asked = asks_headline(q, generic)
    hits, headlines = widened(index, q, hits, docs, m, generic, headline_asked)
    if not hits and not people_hits:
        return []
    context = asked(index, q, hits, para_scores, docs, generic, headlines, headline_asked)
    index.load_paragraphs([h.para for h in hits] + [h.para for h in people_hits])
    # One batched call: the question's own and related words against every candidate's stored stems.
    similarity = dict(zip((h.id for h in hits), similarities(q.terms, [h.terms for h in hits]).tolist()))
    # What the question is about, for the filter below: its topics and entities, not who wrote the documents
    # ('what does Ofsted want X to improve?' is about X's documents as a whole).
    subject = bool(q.topics) or bool(set(q.entities) - AUTHOR_ENTITIES)
    bridged = frozenset(q.related)  # the vectors' words for the question's ('LADO' -> 'allegation')
    lines = lines_of(index, m)
    out: list[Candidate] = []
    seen: set[int] = set()
    for order, h in enumerate(people_hits):
        para = index.paragraph(h.para)
        seen.add(h.id)
        out.append(candidate(index, "quotes", para.text[h.start:h.end], h, h.para,
                             score=m.retrieval.people_base - m.retrieval.people_step * order))
    for h in hits:
        if h.id in seen or h.role not in FINDING_ROLES:
            continue
        para = index.paragraph(h.para)
        if is_label(para, m.retrieval.label_words):
            continue
        headline = headline_asked and h.para in headlines
        reported = context.press and index.docs[para.doc].meta.kind == "news"
        if not generic and not headline and not reported and subject \
                and not on_subject(h, para, context) and bridged.isdisjoint(h.terms):
            continue  # on the query's subject neither by its words, the words the vectors bridge to, its topics
            # nor its paragraph's (asked before its features are computed: most of a topic question's hits leave here)
        kinds = lines.readings(h, para)
        # An inspectorate's headline stands beside its grades when it is not itself a strength or a weakness
        # (what a report says improved or fell back is a finding, and is read in its finding's section, where
        # readers of a briefing look for it); an article's headline stays its own.
        verdict = headline and index.docs[para.doc].meta.kind != "news" and not OPPOSITE.keys() & set(kinds)
        if h.speaker not in (None, REPORT_VOICE) and "quotes" in q.intents and (not q.people or h.speaker in q.people):
            # A finding that reports what someone told inspectors, asked for what people said (not someone
            # else's, when the question names whose words it wants); one the role classifier judged neither
            # way ('one care leaver described their PA as being 'like a mum'') is what they said all the same.
            kinds = tuple(dict.fromkeys("quotes" if k in OPPOSITE else k for k in kinds)) or ("quotes",)
        elif h.speaker is None and "quotes" in q.intents and not q.people and OPPOSITE.keys() & set(kinds) \
                and gives_words(para.text[h.start:h.end]):
            # What people said or felt, in a finding whose speaker the parse did not name ('They feel that leaders
            # ‘get that it is a hard job’'): a candidate among what people said too, and read where it scores best.
            kinds = (*kinds, "quotes")
        line = None
        for kind in kinds + (("judgement",) if verdict else ()):
            if line is None:
                line = candidate(index, kind, para.text[h.start:h.end], h, h.para, para_scores.get(h.para, 0.0))
            c = line if kind == line.kind else line.read_as(kind)
            f = features(c, context, m.features, similarity.get(h.id, 0.0), lines.features(c))
            out.append(c.scored(f, m.score(f)))
    return out


# How a sentence ends: a label ('Care leavers', 'Quality of practice') does not.
CLOSING = re.compile(r"[.!?:;)\]'\"\u2019\u201d]\s*$")


def is_label(para: ParagraphRow, most_words: float) -> bool:
    """A paragraph that only names the lines after it: a few words and no closing punctuation ('Care
    leavers', 'Quality of practice' in an older report's list of what must improve, printed as a paragraph
    of its own). It says nothing of the council, so it is never a line of a briefing."""
    if para.kind != "para":
        return False
    words = para.text.split(None, int(most_words))  # at most one piece more than a label has: read no further
    return len(words) <= most_words and not CLOSING.search(words[-1] if words else "")


def widened(index: Index, q: Query, hits: list[SentenceHit], docs: tuple[int, ...], m: Model, generic: bool,
            headline_asked: bool) -> tuple[list[SentenceHit], frozenset[int]]:
    """The search's hits and the lines its words miss that a question still asks for, by structure; with
    the headline paragraphs of the documents in scope (a feature of every line)."""
    r = m.retrieval
    # Counting a scope's sentences is itself a cost on a large corpus: only for the questions that need it.
    small = (generic or "change" in q.intents) and index.count_sentences(docs) <= r.generic_scope_limit
    more: list[SentenceHit] = []
    if generic and small:
        # A question about a document as a whole ('what did the 2011 inspection find?'): every finding is a candidate.
        more += index.sentences_of(docs, roles=FINDING_ROLES)
    headlines: frozenset[int] = frozenset()
    if len(docs) <= r.headline_scope_limit:
        found = index.headlines(docs, int(r.headline_scan), int(r.headline_paragraphs))
        headlines = frozenset(p for ps in found.values() for p in ps)
        if headline_asked:  # the report's own verdict answers a question about its grades or its change
            more += index.sentences_in(headlines, q.terms)
    if "press" in q.speaker_roles:
        # What the press said: a news article is short, and its lines need not repeat the question's words.
        news = tuple(d for d in docs if index.docs[d].meta.kind == "news")
        if len(news) <= r.news_scope_limit:
            more += index.sentences_scored_of(news, q.terms)
    if ("actions" in q.intents or q.whole_document) and len(docs) <= r.actions_scope_limit:
        # What a report asks its council to improve is said in its recommendations, in words the question
        # ('what does Ofsted want X to improve?', 'sum up X's inspection') need not use; a report has a handful.
        more += index.sentences_of(docs, roles=("action",))
    if "change" in q.intents and small:
        # How things moved since the last inspection is said in words the question need not use.
        more += index.sentences_saying(docs, CHANGE_STATEMENT, q.terms)
    known = {h.id for h in hits}
    out = list(hits)
    for h in more:
        if h.id not in known:
            known.add(h.id)
            out.append(h)
    return leaning(index, q, out, m), headlines


def leaning(index: Index, q: Query, hits: list[SentenceHit], m: Model) -> list[SentenceHit]:
    """The hits, with the lines that lean on the line before them ('This is because ...', 'They have to ...',
    'Both these areas were identified at the last inspection') marked with that line's role and matching at
    least `anaphora_share` of its score: such a line says what it says of its antecedent's subject, in words the
    question need not share. The next line of each of the `anaphora_antecedents` best hits is read too."""
    r = m.retrieval
    by_id = {h.id: h for h in hits}
    best = sorted((h for h in hits if h.score > 0), key=lambda h: -h.score)[:int(r.anaphora_antecedents)]
    wanted = {h.id + 1 for h in best} | {h.id - 1 for h in hits if h.role == "neutral"}
    near = {h.id: h for h in index.sentences_by_id(wanted - by_id.keys(), q.terms)} if wanted - by_id.keys() else {}
    followers = [near[h.id + 1] for h in best if h.id + 1 in near]
    every = {**near, **by_id}
    index.load_paragraphs({h.para for h in hits} | {h.para for h in followers})
    out = []
    for h in hits + followers:
        before = every.get(h.id - 1)
        para = index.paragraph(h.para)
        leans = before is not None and before.para == h.para and bool(ANAPHORA.match(para.text[h.start:h.end]))
        if leans:
            h = leaning_on(h, before.role, max(h.score, r.anaphora_share * before.score))
        if leans or h.id in by_id:
            out.append(h)
    return out


def leaning_on(h: SentenceHit, role: str | None, score: float) -> SentenceHit:
    """A hit marked as leaning on a line of `role`, with its new score: dataclasses.replace(h, leans_on=role,
    score=score) without __init__'s one object.__setattr__ a field (as Candidate.scored)."""
    made = object.__new__(SentenceHit)
    made.__dict__.update(h.__dict__, leans_on=role, score=score)
    return made


def grades_wanted(q: Query) -> bool:
    """A question a report's grades answer: its grades, how it changed, or the document as a whole ('sum up
    X's inspection', 'what did Ofsted find?': the headline of a report is its overall grade)."""
    return bool(q.intents & {"judgement", "change"}) or q.whole_document or is_generic(q)


def judgement_areas(q: Query) -> list[str]:
    areas: list[str] = []
    for t in q.topics:
        info = topic(t)
        if info and info.area and info.area not in areas:
            areas.append(info.area)
    if grades_wanted(q) and not areas:
        areas = ["overall"]
    return areas


def about_several_councils(index: Index, docs: tuple[int, ...]) -> bool:
    """Documents about more than one council (a document about none, such as a folder's notes, is no other)."""
    return len({index.docs[d].meta.council for d in docs} - {None, ""}) > 1


def judgement_candidates(index: Index, q: Query, docs: tuple[int, ...], m: Model) -> list[Candidate]:
    """The grades of the areas the question bears on; for a question about change, every inspection's
    grade in date order, so they stand side by side. A question that neither asks for grades nor names a
    council, over documents about several councils, takes none: its grades would be the newest councils'
    by date alone, not the ones its lines are about."""
    areas = judgement_areas(q)
    if not areas:
        return []
    j = m.judgements
    wants = grades_wanted(q)
    if not wants and not q.councils and about_several_councils(index, docs):
        return []
    every = index.judgements(docs)
    overall = areas == ["overall"]
    if overall and wants and ("change" not in q.intents or "judgement" in q.intents or len({r.doc for r in every}) == 1):
        # A question for grades that names no graded area ('what grades did X get?', 'how has X improved?',
        # 'sum up X's inspection', 'X's grades in 2016 and 2024') takes every area's grade, the overall one
        # first; an inspection with no overall grade (2026 on) so still shows its grades. (A question about
        # change over several inspections that does not ask for grades sets their overall grades side by side.)
        areas += [r.area for r in every if r.area not in areas]
        areas = list(dict.fromkeys(areas))
    rows = [r for r in every if r.area in areas]
    dates = {d: index.docs[d].meta.date or "" for d in {r.doc for r in rows}}  # once a document, not a row
    years = {d: index.docs[d].meta.year or j.base_year for d in dates}
    rows.sort(key=lambda r: dates[r.doc])
    order = {d: n for n, d in enumerate(sorted(dates, key=dates.get))}
    index.load_paragraphs([r.para for r in rows])
    out = []
    for r in rows:
        para = index.paragraph(r.para)
        if "change" in q.intents:  # by area, then oldest first: each inspection's grade of an area side by side
            score = j.change - j.order_step * order[r.doc] - j.area_step * areas.index(r.area)
        else:
            score = (j.wanted if wants else j.unwanted) - j.area_step * areas.index(r.area) \
                + j.year_step * (years[r.doc] - j.base_year)
        out.append(candidate(index, "judgement", para.text[r.start:r.end], None, r.para, area=r.area, score=score))
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
