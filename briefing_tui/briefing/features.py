"""The fixed, documented feature vector of a candidate line and the one pure function that computes it."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter

from ..index.search import ParagraphRow, SentenceHit, writes_name
from ..index.telling import ROLE_SECTION, telling
from ..nlp.text import norm, stems
from .change import change_of

# Lines that lean on the one before ('This means ...', 'They ...') say little when quoted alone.
ANAPHORA = re.compile(r"^(this|these|they|it|he|she|their|its|such|those|as a result|consequently|however, this|"
                      r"this means|in addition|also|for example|for instance|in some|in one|in these|in this|of these|"
                      r"of this|both|there is also|the same)\b", re.I)
# A line that reports what people said or felt, in their words or the inspectors' ('described the hub as
# ‘being like one big family’', 'children said they felt safe'): what a question about views asks for.
SAYING = r"[‘“\"]\w|\b(said|say|says|told|tell|described|describe|describes|commented|feel|feels|felt)\b"
REPORTED_SPEECH = re.compile(SAYING + r"|\b(views?|voices?)\b", re.I)
# Of those, a line that gives people's words, not one about seeking them ('The views of children in care are
# actively sought'): quotation marks or a verb of saying or feeling.
SPOKEN = re.compile(SAYING, re.I)
# Structure as evidence: the headings a line sits under (the stored prior covers strengths, weaknesses,
# actions and the area's background; these name the graded areas).
JUDGEMENT_HEADING = re.compile(r"\b(overall effectiveness|experiences and progress|impact of leaders|"
                               r"children who need help and protection|children in care|care leavers|"
                               r"leadership|adoption performance|judgement)\b", re.I)


class memo_property:
    """A value computed on first read and kept in the instance's __dict__ (which then shadows this
    descriptor): functools.cached_property without its lock, which Python 3.11 takes, shared by every
    instance, on each first read (a twentieth of ranking's time, read once on every candidate)."""

    def __init__(self, func) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True)
class FeatureParams:
    """The declared (not fitted) constants of the features, from ranking.json 'features'."""

    position_span: float  # paragraphs after which a line no longer counts as early in its document
    length_span: float  # words over `concise_words` at which a line is fully long
    concise_words: float  # lines up to this many words are not long at all
    role_odds_span: float  # the classifier's log-odds for a line's role at which it counts as fully sure


@dataclass(frozen=True)
class Asked:
    """What the features need to know of the question and of the whole answer (per query, not per line)."""

    core: frozenset[str]  # the question's content words (stems)
    topics: frozenset[str]
    entities: frozenset[str]  # entity tags
    intents: frozenset[str]
    generic: bool  # a question about documents as a whole ('what did the 2011 inspection find?')
    best_sentence: float  # the best sentence BM25 among the candidates, for scaling
    best_paragraph: float
    years: tuple[int, int] | None  # oldest and newest year of the documents in scope, when they differ
    whole_document: bool = False  # asks for a document's recommendations and headline findings ('what must X improve?')
    figure_subject: frozenset[str] = frozenset()  # stems of what a 'how many' question counts ('children in care')
    press: bool = False  # asks what the press said or reported
    headlines: frozenset[int] = frozenset()  # ids of the headline paragraphs of the documents in scope
    headline_asked: bool = False  # a question the headline answers (grades, change, the whole document)
    phrases: frozenset[tuple[str, str]] = frozenset()  # the question's adjacent content words ('young carer')
    figure_units: frozenset[str] = frozenset()  # units a figure question asks for ('how long': days, weeks ...)
    since: int | None = None  # the year a question asks about change since ('better since 2019?')
    names: tuple[str, ...] = ()  # the question's distinctive names ('No Labels', 'the HIVE'), see compose.named_lines
    # Read off the fields above once a question, not once a line (set by __post_init__):
    phrase_heads: frozenset[str] = field(init=False, repr=False, compare=False)  # first words of `phrases`: a
    # line with none of them holds none of the pairs
    wanted_sections: frozenset[str] = field(init=False, repr=False, compare=False)  # the sections the intents ask for

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrase_heads", frozenset(a for a, _ in self.phrases))
        object.__setattr__(self, "wanted_sections", frozenset(SECTION_OF_INTENT[i] for i in self.intents
                                                              if i in SECTION_OF_INTENT))


@dataclass(frozen=True)
class Features:
    """One candidate line as the ranking model sees it. Every field is 0..1 unless said."""

    sentence_match: float  # the sentence's BM25 for the question's terms / the best sentence's
    paragraph_match: float  # its paragraph's BM25 / the best paragraph's
    term_cover: float  # share of the question's content words in the sentence
    topic_sentence: float  # 1 if the sentence is tagged with a topic of the question
    topic_heading: float  # 1 if its heading names a topic of the question
    topic_paragraph: float  # 1 if its paragraph is tagged with a topic of the question
    entity_match: float  # 1 if it names an entity of the question (LSCB, IRO ...)
    role_confidence: float  # how telling the line is in its section (cue strength, labelled number ...)
    heading_action: float  # under 'What needs to improve', 'Areas for improvement', 'Recommendations'
    heading_strength: float  # under a strengths heading
    heading_weakness: float  # under a weaknesses / 'areas for development' heading
    heading_judgement: float  # under a graded judgement's heading
    heading_area_info: float  # under 'Information about this local authority area' (background)
    prior_agrees: float  # the heading's prior role is the line's role
    figure_subject: float  # a number whose unit or label is one of the question's words
    lead: float  # the first paragraph under its heading
    position: float  # 1 at the document's start, 0 from `position_span` paragraphs on
    news: float  # the source is a news article
    letter: float  # the source is a letter or note, not a report
    recency: float  # 1 for the newest document in scope, 0 the oldest (0.5 when all one year)
    anaphora: float  # opens with 'This', 'They' ...: leans on a line not shown
    length: float  # 0 up to `concise_words` words, 1 at `length_span` more
    wanted_section: float  # the question asks for this section ('what must X improve' -> actions)
    change_statement: float  # says how things moved over time, on a question about change
    generic_position: float  # `position`, on a whole-document question only
    on_topic_telling: float  # role_confidence x the best of the topic matches and term_cover: telling AND on topic
    paragraph_telling: float  # role_confidence x paragraph_match
    semantic: float = 0.0  # cosine similarity (clipped at 0) of the question and the line by the word vectors
    role_certainty: float = 0.0  # the role classifier's log-odds for the line's role / `role_odds_span` (its
    # probability is over 0.99 for most lines, so the probability itself hardly varies)
    whole_recommendation: float = 0.0  # a whole-document question, and the line is an action / under a recommendations heading
    whole_headline: float = 0.0  # a whole-document question, and the line is a finding leading its heading or under a judgement
    press_wanted: float = 0.0  # the question asks about the press, and the source is a news article
    headline: float = 0.0  # in a headline paragraph: the report's summary after its grades, an article's opening
    headline_asked: float = 0.0  # `headline`, on a question about grades, change or the whole document
    neutral_role: float = 0.0  # the role classifier found no role: placed by its heading or its polarity cues
    phrase_match: float = 0.0  # share of the question's word pairs ('case record', 'record system') the line has as pairs
    # The section the line would go to (quotes are the baseline): each section's own base rate, so that
    # scores compare across sections when words left over go to the best line of any section.
    in_strengths: float = 0.0
    in_weaknesses: float = 0.0
    in_actions: float = 0.0
    in_figures: float = 0.0
    speech_asked: float = 0.0  # the question asks what people said, and the line reports what they said or felt
    figure_unit: float = 0.0  # a number in the unit the question asks for ('how long' -> days, weeks ...)
    # A finding is a candidate in more than its role's section (briefing/rank.py readings); these say which reading:
    figure_finding: float = 0.0  # a strength or weakness with a number, read as a finding
    finding_figure: float = 0.0  # ... read as a figure line
    opposite_reading: float = 0.0  # a strength read as a weakness or the reverse (the classifier unsure, or cues both ways)
    opposite_certainty: float = 0.0  # `role_certainty` on the opposite reading: how sure the classifier is it is not this
    mixed_strength: float = 0.0  # its cues judge both ways ('good, but not ... well enough'), read as a strength
    mixed_weakness: float = 0.0  # ... read as a weakness
    cues_against: float = 0.0  # its cues lean the other way: a strength with more negative cues, or the reverse
    # What a line says of change (briefing/change.py, cue patterns in nlp_models/change.json):
    change_agrees: float = 0.0  # read in the finding section its change points to: an improvement as a strength,
    # a decline as a weakness
    change_against: float = 0.0  # ... read in the other: an improvement as a weakness (it names the old shortcomings)
    finding_action: float = 0.0  # a strength or weakness read as an action: a bullet of a list of what must improve
    earlier_asked: float = 0.0  # a question about change, and the line sets the present against an earlier inspection
    # or names the year the question asks about change since
    name_match: float = 0.0  # the line holds one of the question's distinctive names, as written ('We Do Care', 'HIVE')
    # How much the question's words count depends on the question: a question about change or about a whole
    # document is asked in framing words ('has X dealt with the issues ...?') that its answers need not share.
    change_match: float = 0.0  # `paragraph_match`, on a question about change
    whole_match: float = 0.0  # `paragraph_match`, on a whole-document question

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return _NAMES

    @classmethod
    def adopt(cls, values: dict[str, float]) -> Features:
        """Features from a dict of every field by name, as `Features(**values)` makes them but in a tenth of
        the time: a frozen dataclass's __init__ sets its 54 fields one object.__setattr__ at a time, half
        the cost of features(), and a call with 54 keywords copies them into a dict of its own. Anything but
        exactly the fields goes through __init__ (and its errors)."""
        if values.keys() != _NAME_SET:
            return cls(**values)
        made = object.__new__(cls)
        object.__setattr__(made, "__dict__", values)  # adopted, not copied: the caller's new dict
        return made

    def vector(self) -> tuple[float, ...]:
        return _VECTOR(self)  # attrgetter, not astuple: astuple deep-copies, a cost on every candidate


_NAMES = tuple(f.name for f in fields(Features))
_VECTOR = attrgetter(*_NAMES)
_NAME_SET = frozenset(_NAMES)


@dataclass(frozen=True)
class Candidate:
    """A line that may go into a briefing: the section it would go to, where it stands, its features and
    score once ranked, and the other sources that say the same once packed."""

    kind: str
    text: str
    hit: SentenceHit | None  # None for a judgement row
    para: ParagraphRow
    doc_kind: str  # report, letter, note, news
    year: int | None
    inspection: tuple  # what makes two documents 'the same inspection' (see same_inspection)
    paragraph_score: float = 0.0
    score: float = 0.0
    feats: Features | None = None
    area: str | None = None  # judgement rows: the area graded
    council: str | None = None  # the council its document is about
    also: tuple[ParagraphRow, ...] = ()

    @classmethod
    def of(cls, **values) -> Candidate:
        """A candidate from every field by name, as `Candidate(**values)` makes it without __init__'s
        one object.__setattr__ a field (as Features.adopt); anything but exactly the fields goes through __init__."""
        if values.keys() != _CANDIDATE_FIELDS:
            return cls(**values)
        made = object.__new__(cls)
        made.__dict__.update(values)
        return made

    def scored(self, feats: Features, score: float) -> Candidate:
        """This candidate with its features and score: dataclasses.replace(self, feats=..., score=...)
        without re-running __init__ over every field (a sixth of ranking's time on a large corpus)."""
        made = object.__new__(Candidate)
        made.__dict__.update(self.__dict__, feats=feats, score=score)
        return made

    def read_as(self, kind: str) -> Candidate:
        """The same line as a candidate in another section: dataclasses.replace(self, kind=kind) without
        __init__ (a line read in two or three sections is looked up and built once)."""
        made = object.__new__(Candidate)
        made.__dict__.update(self.__dict__, kind=kind)
        return made

    @memo_property
    def normed(self) -> str:
        return norm(self.text)

    @memo_property
    def words(self) -> int:  # counted once: packing sums the chosen lines' words after every line it places
        return len(self.text.split())


_CANDIDATE_FIELDS = frozenset(f.name for f in fields(Candidate))
OPPOSITE = {"strengths": "weaknesses", "weaknesses": "strengths"}  # the two sides of a finding
SECTION_OF_INTENT = {"strengths": "strengths", "weaknesses": "weaknesses", "actions": "actions",
                     "figures": "figures", "quotes": "quotes"}


@lru_cache(maxsize=8192)
def heading_topics(section: str) -> frozenset[str]:
    from ..nlp.taxonomy import find_topics

    return frozenset(find_topics(stems(section))) if section else frozenset()


@lru_cache(maxsize=8192)
def _figure_words(figures: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(s for unit, label in figures for s in stems(f"{unit} {label}"))


@lru_cache(maxsize=16384)
def reports_speech(text: str) -> bool:
    """A line reports what people said or felt (REPORTED_SPEECH); remembered, as the same lines come back
    question after question."""
    return bool(REPORTED_SPEECH.search(text))


def gives_words(text: str) -> bool:
    """A line gives what people said or felt, in their words or the inspectors' (SPOKEN)."""
    return bool(SPOKEN.search(text))


def subject_match(hit: SentenceHit, para: ParagraphRow, asked: Asked,
                  terms: set[str]) -> tuple[bool, bool, bool, float, bool]:
    """How a line is on the question's subject: (topic of the sentence, of its heading, of its paragraph,
    share of the question's content words it has, names an entity of the question). `terms` is set(hit.terms)."""
    return (not asked.topics.isdisjoint(hit.topics), not asked.topics.isdisjoint(heading_topics(para.section)),
            not asked.topics.isdisjoint(para.topics), len(asked.core & terms) / len(asked.core) if asked.core else 0.0,
            not asked.entities.isdisjoint(terms))


def on_subject(hit: SentenceHit, para: ParagraphRow, asked: Asked) -> bool:
    """Any of subject_match's signs: what ranking asks of a line before computing its features."""
    return any(subject_match(hit, para, asked, set(hit.terms)))


@lru_cache(maxsize=8192)
def under_judgement(section: str) -> bool:
    """A heading that names a graded area (read once a heading: many lines share one)."""
    return bool(JUDGEMENT_HEADING.search(section))


def figure_match(subject: frozenset[str], core: frozenset[str], figure_words: frozenset[str],
                 terms: set[str]) -> float:
    """How well a line's numbers count what the question counts: the share of the question's figure
    subject found in the line's figure labels or words (a line with numbers only); without a subject,
    1 if a figure's unit or label is one of the question's words."""
    if not figure_words:
        return 0.0
    if subject:
        return len(subject & (figure_words | terms)) / len(subject)
    return float(bool(core & figure_words))


def phrases(words: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent pairs of content-word stems: a name or phrase of the question ('hotels to homes' -> hotel home)."""
    return frozenset(zip(words, words[1:]))


def phrase_share(wanted: frozenset[tuple[str, str]], terms: tuple[str, ...]) -> float:
    """The share of the wanted word pairs that stand together in a line's stems: the line's pairs that are
    wanted, counted once each (len(wanted & phrases(terms)), without a set of every pair of the line; a memo
    of the lines' pair sets took 25 MB answering the 160 reports, for a microsecond a line)."""
    if not wanted:
        return 0.0
    return len({pair for pair in zip(terms, terms[1:]) if pair in wanted}) / len(wanted)


def certainty(probability: float, span: float) -> float:
    """A probability as log-odds over `span`, clipped to 0..1 (0 at even odds or worse)."""
    if probability >= 1.0:
        return 1.0
    if probability <= 0.5:
        return 0.0
    return min(1.0, math.log(probability / (1.0 - probability)) / span)


# A condition as a feature's value: one shared 0.0 and 1.0 (float(True) makes a new float each time; a line's
# kept features hold thirty of them).
_AS_FLOAT = (0.0, 1.0)


def line_features(c: Candidate, p: FeatureParams) -> dict[str, float]:
    """The features of a line in its section that no question changes (pure): how telling it is and how
    sure its role, the headings over it, where it stands, its length, its reading, what it says of change.
    A line's are the same question after question (rank keeps them); `features` adds the question's."""
    kind, text, hit, para = c.kind, c.text, c.hit, c.para
    assert hit is not None, "judgement rows are not ranked by features"
    figures = hit.figures
    position = 1.0 - min(para.idx, p.position_span) / p.position_span
    prior = para.prior
    finding = hit.role in ("strength", "weakness")
    as_finding = kind in OPPOSITE
    opposite = as_finding and kind == OPPOSITE.get(ROLE_SECTION.get(hit.role, ""))
    role_certainty = certainty(hit.role_p, p.role_odds_span)
    mixed = hit.mixed > 0
    side = change_of(text).side
    f = _AS_FLOAT
    return {
        "role_confidence": telling(kind, hit.polarity, hit.action, bool(figures) and any(x.get("label") for x in figures)),
        "heading_action": f[prior == "action"],
        "heading_strength": f[prior == "strength"],
        "heading_weakness": f[prior == "weakness"],
        "heading_judgement": f[under_judgement(para.section or "")],
        "heading_area_info": f[prior == "context"],
        "prior_agrees": f[prior is not None and prior == hit.role],
        "lead": f[para.kind == "para" and para.lead],
        "position": position,
        "news": f[c.doc_kind == "news"],
        "letter": f[c.doc_kind in ("letter", "note")],
        "anaphora": f[ANAPHORA.match(text) is not None],
        "length": min(1.0, max(0.0, c.words - p.concise_words) / p.length_span),
        "role_certainty": role_certainty,
        "neutral_role": f[hit.role == "neutral"],
        "in_strengths": f[kind == "strengths"],
        "in_weaknesses": f[kind == "weaknesses"],
        "in_actions": f[kind == "actions"],
        "in_figures": f[kind == "figures"],
        "figure_finding": f[finding and as_finding and bool(figures)],
        "finding_figure": f[finding and kind == "figures"],
        "opposite_reading": f[opposite],
        "opposite_certainty": role_certainty if opposite else 0.0,
        "mixed_strength": f[mixed and kind == "strengths"],
        "mixed_weakness": f[mixed and kind == "weaknesses"],
        "cues_against": f[hit.polarity < 0 if kind == "strengths" else hit.polarity > 0 if kind == "weaknesses" else False],
        "change_agrees": f[as_finding and side == kind],
        "change_against": f[as_finding and side == OPPOSITE[kind]] if as_finding else 0.0,
        "finding_action": f[finding and kind == "actions"],
    }


def features(c: Candidate, asked: Asked, p: FeatureParams, similarity: float = 0.0,
             line: dict[str, float] | None = None) -> Features:
    """The feature vector of one candidate line (pure: the same inputs give the same vector).
    `similarity` is the line's word-vector similarity to the question, computed for all candidates at once;
    `line` is `line_features(c, p)`, when the caller has kept it."""
    hit, para, text = c.hit, c.para, c.text
    line = line or line_features(c, p)
    terms = set(hit.terms)
    topic_sentence, topic_heading, topic_paragraph, cover, entity = subject_match(hit, para, asked, terms)
    figures = hit.figures  # most lines have none: their figure features are 0 without a look
    figure_words = _figure_words(tuple((f.get("unit", ""), f.get("label", "")) for f in figures)) if figures else frozenset()
    if asked.years:
        oldest, newest = asked.years
        recency = (c.year - oldest) / max(1, newest - oldest) if c.year else 0.5
    else:
        recency = 0.5
    confidence = line["role_confidence"]
    paragraph_match = min(1.0, c.paragraph_score / asked.best_paragraph) if asked.best_paragraph else 0.0
    on_topic = max(float(topic_sentence), float(topic_heading), float(topic_paragraph), cover)
    change = change_of(text)
    change_asked = "change" in asked.intents
    f = _AS_FLOAT
    return Features.adopt({
        **line,
        "sentence_match": min(1.0, hit.score / asked.best_sentence) if asked.best_sentence else 0.0,
        "paragraph_match": paragraph_match,
        "term_cover": cover,
        "topic_sentence": f[topic_sentence],
        "topic_heading": f[topic_heading],
        "topic_paragraph": f[topic_paragraph],
        "entity_match": f[entity],
        "figure_subject": figure_match(asked.figure_subject, asked.core, figure_words, terms) if figures else 0.0,
        "recency": recency,
        "wanted_section": f[c.kind in asked.wanted_sections],
        "change_statement": f[change_asked and change.any],
        "generic_position": line["position"] if asked.generic else 0.0,
        "on_topic_telling": on_topic * confidence,
        "paragraph_telling": paragraph_match * confidence,
        "semantic": max(0.0, min(1.0, similarity)),
        "whole_recommendation": f[asked.whole_document and (para.prior == "action" or hit.role == "action")],
        "whole_headline": f[asked.whole_document and hit.role in ("strength", "weakness")
                            and bool(para.lead or line["heading_judgement"])],
        "press_wanted": f[asked.press and c.doc_kind == "news"],
        "headline": f[para.id in asked.headlines],
        "headline_asked": f[asked.headline_asked and para.id in asked.headlines],
        "phrase_match": phrase_share(asked.phrases, hit.terms) if not terms.isdisjoint(asked.phrase_heads) else 0.0,
        "speech_asked": f["quotes" in asked.intents and reports_speech(text)],
        "figure_unit": f[bool(figures) and any(x.get("unit", "").lower() in asked.figure_units for x in figures)],
        "earlier_asked": f[change_asked and (change.earlier or (asked.since is not None and str(asked.since) in text))],
        "name_match": f[bool(asked.names) and writes_name(text, asked.names)],
        "change_match": paragraph_match if change_asked else 0.0,
        "whole_match": paragraph_match if asked.whole_document else 0.0,
    })
