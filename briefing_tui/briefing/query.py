"""Query understanding: topics, entities, people, councils, years and intents from a councillor's question,
forgiving of typos, case and acronyms (rapidfuzz against the corpus's own words), with related words from
the corpus's word vectors. No model is loaded."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz, process

from ..nlp.councils import _first_words as first_words, mentions
from ..nlp.quotes import TITLES
from ..nlp.taxonomy import entity_index, find_topics, topics
from ..nlp.tags import content_terms, entity_tag, is_tag, topic_tag
from ..nlp.text import STOP, stem, stems, words
from ..nlp.vectors import related
from ..sanitise import safe
from .intents import grammar, read, speakers_in_role
from ..settings import models_dir

MAX_QUERY_CHARS = 2000
# Words that only say what kind of answer is wanted; they weigh little as search terms.
FUNCTION_WORDS = {"what", "how", "did", "does", "do", "say", "said", "tell", "me", "about", "find", "found", "is", "are",
                  "was", "were", "the", "a", "an", "of", "in", "on", "for", "there", "any", "show", "give", "summary",
                  "summarise", "summarize", "brief", "briefing", "inspection", "inspections", "report", "reports",
                  "ofsted", "council", "councils", "local", "authority", "many", "much", "long", "good", "well",
                  "latest", "recent", "last", "later", "current", "children", "child", "services", "service", "effective",
                  "overall", "judgement", "judgment", "grade", "rating", "rated", "happening", "happen", "going",
                  "doing", "been", "has", "have", "they", "their", "our", "we", "us", "it", "its", "this", "that",
                  "get", "gets", "got", "getting", "being", "like", "actually", "really", "still", "anything"}
LATEST = re.compile(r"\b(latest|most recent|newest|current|currently|now|later|last inspection|recent inspection)\b", re.I)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# 'since 2019', 'since the 2019 inspection', 'since being judged inadequate in 2023'
SINCE = re.compile(rf"\b(?:since|after|from)\s+(?:the\s+|its\s+)?(?:(?:{MONTHS})\s+)?((?:19|20)\d\d)\b|\bsince\b[^.?!]{{0,60}}?\b(?:in|of)\s+((?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
DATE_MONTH = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({MONTHS})\b(?=\s+(?:19|20)\d\d\b)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+({MONTHS})\b",
                        re.I)


class Vocabulary(Protocol):
    """What query understanding needs to know of the corpus."""

    def known(self, term: str) -> bool: ...
    def terms(self) -> list[str]: ...
    def people(self) -> list[str]: ...


# Weights of a question's terms: its own words 1.0; words saying what kind of answer is wanted, or
# naming the documents in scope, count little; a topic's tag most; related words from the vectors
# count below the question's own words, in proportion to their similarity (0.35 lost a fact on
# dev_wide.json, 0.2 loses none: they add reach, not rank).
OWN_WEIGHT = 1.0
CUE_WEIGHT = 0.25
SCOPE_WEIGHT = 0.2
TAG_WEIGHT = 1.5
TOPIC_TERM_WEIGHT = 0.15
RELATED_WEIGHT = 0.2
DERIVED_WEIGHT = 0.5  # the corpus's words of a question word's family ('permanence' for 'permanent'; see derived)
# Entities that name who inspects or who is inspected (intents.json 'document_bodies'), not what a question
# is about: they do not make a 'what did Ofsted find?' question a topic question, nor bring a topic.
AUTHOR_ENTITIES = grammar().document_bodies
# The overall judgement is the whole document's headline: 'what did the inspection conclude overall?'
WHOLE_DOCUMENT_TOPICS = frozenset({"overall"})
DICTIONARY = models_dir() / "dictionary.txt"


@dataclass(frozen=True)
class Query:
    text: str
    terms: dict[str, float]  # stems and tags ('t_adoption', 'e_lscb') with weights
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    people: tuple[str, ...]  # speakers the query names, by name or by role, as stored
    councils: tuple[str, ...]  # the councils it names, in order: two or more are answered side by side
    years: tuple[int, ...]
    since: int | None
    latest: bool
    intents: frozenset[str]
    corrections: dict[str, str] = field(default_factory=dict)
    whole_document: bool = False  # 'what must Camden improve?': the document's recommendations and headlines
    speaker_roles: tuple[str, ...] = ()  # roles the question names: 'portfolio_holder', 'council', 'press'...
    figure_subject: str | None = None  # what a 'how many' question counts: 'children in care'
    related: dict[str, float] = field(default_factory=dict)  # stems the vectors add, with their similarity
    figure_units: frozenset[str] = frozenset()  # the units a figure question asks for ('how long': days, weeks ...)
    names: tuple[str, ...] = ()  # names as the question writes them ('No Labels', 'HIVE'), see question_names
    # The question's own words, each with the corpus's words of its family ('protect': 'protection',
    # 'protective'; see derived): one word of the question however many forms the search takes.
    words: tuple[frozenset[str], ...] = ()

    @property
    def council(self) -> str | None:
        return self.councils[0] if self.councils else None

    @property
    def content_terms(self) -> list[str]:
        return content_terms(self.terms)


# Words that open a question with a capital ('What', 'Compare'): not the start of a name.
OPENERS = frozenset({"what", "how", "why", "when", "where", "who", "which", "whose", "is", "are", "was", "were", "do",
                     "does", "did", "has", "have", "had", "can", "could", "should", "will", "would", "tell", "show",
                     "give", "list", "compare", "summarise", "summarize", "describe", "explain", "please", "any", "i"})
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z&'’-]*")


def question_names(text: str, exclude: set[str]) -> tuple[str, ...]:
    """The names a question writes with capitals: runs of words each with a capital letter ('No Labels',
    'We Do Care', 'HIVE', 'Huddersfield Town Foundation'), split at punctuation and at the `exclude` words (a
    council's, a speaker's); a run's opening question words ('What', 'Compare') are not part of it, and a run
    of one word opening the question is only a name when written in capitals ('UASC housing')."""
    out: list[str] = []
    run: list[str] = []
    at_start = True  # the run holds the question's first word
    end = 0
    for m in NAME_WORD.finditer(text):
        word = re.sub(r"(?<=[A-Z])s$", "", re.sub(r"['’]s$", "", m.group(0)))  # 'Brent's', 'IROs' (read with an s, below)
        named = any(ch.isupper() for ch in word) and word.lower() not in exclude
        if run and (not named or text[end:m.start()].strip()):
            out.append(_name(run, at_start))
            run = []
        if named:
            at_start = at_start if run else m.start() == 0
            run.append(word)
        end = m.end()
    if run:
        out.append(_name(run, at_start))
    return tuple(dict.fromkeys(n for n in out if n))


def _name(run: list[str], at_start: bool) -> str:
    """A run of capitalised words as a name, or '' when it is none (see question_names)."""
    if at_start:
        opened = run[0].lower() in OPENERS
        while run and run[0].lower() in OPENERS:
            run = run[1:]
        if not opened and len(run) == 1 and not run[0].isupper():  # 'Fostering in Leeds': a sentence's capital
            return ""
    return " ".join(run) if run and (len(run) > 1 or len(run[0]) > 1) else ""


def _clean(text: str) -> str:
    text = re.sub("[\u200b-\u200d]", " ", safe(text[:MAX_QUERY_CHARS]))  # zero-width spaces split words
    return re.sub(r"\s+", " ", text).strip()


def parse_query(raw: str, vocabulary: Vocabulary) -> Query:
    text = _clean(raw)
    # A word the corpus knows is no typo of a council's name; but a council's first word ('Bracknell') is known
    # from its own documents, and counts as a name unless it is English.
    named = mentions(text, is_word=lambda w: is_word(w) or vocabulary.known(stem(w)) and w.lower() not in first_words())
    reading = read(one_word_names(text, named))
    councils = tuple(dict.fromkeys(name for name, _ in named))
    council_words = {w.lower() for name, form in named for w in re.findall(r"[A-Za-z]+", f"{name} {form}")}
    council_words |= {f"{w}{apostrophe}s" for w in council_words for apostrophe in "'\u2019"}  # "Wigan's last inspection"
    tokens = words(text)
    corrections: dict[str, str] = {}
    fixed: list[str] = []
    for w in tokens:
        c = w.lower() if w.lower() in council_words else _correct(w, vocabulary)
        if c != w.lower() and c != stem(w):
            corrections[w] = c
        fixed.append(c)
    people = _people(text, vocabulary, council_words)
    if people:  # a speaker's name and title are not search words
        named = {w.lower() for p in people for w in re.findall(r"[A-Za-z]+", p.split(",")[0])}
        fixed = [w for w in fixed if w.lower() not in named and w.lower() not in ("councillor", "cllr")]
    if reading.intents & {"quotes", "response"}:  # 'press coverage of adoption' asks for no one's words
        people += [p for p in speakers_in_role(reading.speaker_roles, vocabulary.people()) if p not in people]
    corrections = {a: b for a, b in corrections.items() if b in fixed}
    # A correction is already a stem (the corpus's and the taxonomy's words are stored stemmed):
    # stemming it again would clip it ('proceed' -> 'proc').
    corrected = set(corrections.values())
    fixed_stems = [w if w in corrected else stem(w) for w in fixed]
    # Words saying what kind of answer is wanted ('judged') or naming a council are not topics.
    topical = ["" if w.lower() in reading.consumed or w.lower() in council_words else s for w, s in zip(fixed, fixed_stems)]
    found = entity_index().find(topical)
    entity_ids = list(dict.fromkeys(v for _, _, v in found))
    # A body that inspects or is inspected ('Birmingham Children's Trust') names the documents, not a topic.
    bodies = {i for a, b, v in found if v in AUTHOR_ENTITIES for i in range(a, b)}
    topic_ids = find_topics(["" if i in bodies else t for i, t in enumerate(topical)], include_plain=True)
    for w in tokens:  # acronyms typed in any case: 'lscb', 'Edt'
        if w.isalpha() and 2 <= len(w) <= 5 and w.lower() not in council_words:
            hit = next((e for e in _acronyms() if e.lower() == w.lower()), None)
            if hit and hit not in entity_ids:
                entity_ids.append(hit)
    for e in entity_ids:
        if e in AUTHOR_ENTITIES:
            continue
        for t in find_topics(stems(e)):
            if t not in topic_ids:
                topic_ids.append(t)
    intents = set(reading.intents)
    if people:
        intents.add("quotes")
    if "overall" in topic_ids:
        intents.add("judgement")
    if len(councils) > 1:
        intents.add("comparison")
    years = tuple(sorted({int(y) for y in YEAR.findall(text)}))
    since = SINCE.search(text)
    dated = _date_words(text)
    terms: dict[str, float] = {}
    for w, s in zip(fixed, fixed_stems):
        lw = w.lower()
        if s in STOP or lw in STOP or not s:  # 'where' stems to 'wher', which is no stop word
            continue
        framing = lw in FUNCTION_WORDS or s in FUNCTION_WORDS or lw in reading.consumed or lw in grammar().framing
        weight = CUE_WEIGHT if framing else OWN_WEIGHT
        if YEAR.fullmatch(w) or lw in council_words or lw in dated:
            weight = SCOPE_WEIGHT
        terms[s] = max(terms.get(s, 0.0), weight)
    for t in topic_ids:
        terms[topic_tag(t)] = TAG_WEIGHT
        info = next(x for x in topics() if x.id == t)
        for phrase in info.terms:
            if " " not in phrase and phrase not in STOP and phrase not in terms and phrase not in FUNCTION_WORDS:
                terms[phrase] = TOPIC_TERM_WEIGHT
    for e in entity_ids:
        terms[entity_tag(e)] = TAG_WEIGHT
    own = [t for t, w in terms.items() if w >= OWN_WEIGHT and not is_tag(t)]
    families = {t: derived(t, vocabulary) for t in own}
    for b, sa, sb in zip(fixed[1:], fixed_stems, fixed_stems[1:]):
        joined = compound(sa, b, vocabulary)
        if sa in families and joined and joined not in families:  # 'breaking down' is one word, 'breakdown'
            families[sa].append(joined)
            if sb in families and sb != sa:
                families[sa] += [sb, *families.pop(sb)]
    for forms in families.values():
        for v in forms:
            terms[v] = max(terms.get(v, 0.0), DERIVED_WEIGHT)
    near = related(own, exclude=FUNCTION_WORDS)
    for t, sim in near.items():
        terms[t] = max(terms.get(t, 0.0), round(RELATED_WEIGHT * sim, 3))
    whole = reading.whole_document and not set(topic_ids) - WHOLE_DOCUMENT_TOPICS and not set(entity_ids) - AUTHOR_ENTITIES \
        and not people
    subject = " ".join(w for w in (reading.figure_subject or "").split() if w not in council_words) or None
    spoken = {w.lower() for p in people for w in re.findall(r"[A-Za-z]+", p)} | {"councillor", "cllr"}
    return Query(text, terms, tuple(topic_ids), tuple(entity_ids), tuple(people), councils, years,
                 int(since.group(1) or since.group(2)) if since else None, bool(LATEST.search(text)), frozenset(intents), corrections,
                 whole, reading.speaker_roles, subject, near, reading.figure_units, question_names(text, council_words | spoken),
                 tuple(frozenset([t, *forms]) for t, forms in families.items()))


def derived(term: str, vocabulary: Vocabulary) -> list[str]:
    """The corpus's words of the same family as a stemmed word, which the stemmer leaves apart: its root (at
    least `min_root` letters, once one of intents.json's `derivations` endings is taken off, or the word
    itself) with another of those endings ('permanent' -> 'permanenc'; 'protect' -> 'protection')."""
    g = grammar()
    roots = {term} | {term[:-len(x)] for x in g.suffixes if term.endswith(x) and len(term) - len(x) >= g.min_root}
    return [v for r in roots if len(r) >= g.min_root for x in g.suffixes
            if (v := r + x) != term and vocabulary.known(v)]


def compound(first: str, second: str, vocabulary: Vocabulary) -> str | None:
    """The corpus's one word for two of the question's ('break' + 'down' -> 'breakdown', 'work' + 'load' ->
    'workload', 'child' + 'care' -> 'childcar'), stemmed, or None."""
    if not second.isalpha():
        return None
    joined = stem(first + second.lower())
    return joined if joined not in STOP and joined not in FUNCTION_WORDS and vocabulary.known(joined) else None


def _date_words(text: str) -> set[str]:
    """A month in a date ('the November 2022 inspection', '3 May') names when, like a year, not what about."""
    return {(m.group(1) or m.group(2)).lower() for m in DATE_MONTH.finditer(text)}


def _correct(word: str, vocabulary: Vocabulary) -> str:
    """A word that is not English, not in the corpus and not in the taxonomy is replaced by its nearest known word."""
    s = stem(word)
    if len(word) < 4 or not word.isalpha() or vocabulary.known(s) or s in STOP or word.lower() in FUNCTION_WORDS \
            or s in _taxonomy_words() or is_word(word):
        return word.lower()
    choices = vocabulary.terms() + list(_taxonomy_choices())
    best = process.extractOne(s, choices, scorer=fuzz.ratio, score_cutoff=80)
    return best[0] if best else word.lower()


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, None]:
    """The dictionary's words, as the keys of a dict: a dict of strings alone is not tracked by the garbage
    collector, where a frozenset of its 83,000 words was walked by every full collection (20 ms, not 3, each)."""
    try:
        return dict.fromkeys(DICTIONARY.read_text(encoding="utf-8").split())
    except OSError:
        return {}


INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
               ("er", ""), ("er", "e"), ("est", ""), ("ly", ""), ("'s", ""))


def is_word(word: str) -> bool:
    """An English word ('press', 'plain', 'judged'): in the dictionary, as it is or as an inflection of a base form."""
    w = word.lower().replace("\u2019", "'")
    d = _dictionary()
    if w in d:
        return True
    for suffix, base in INFLECTIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            root = w[: -len(suffix)] + base
            if root in d or (len(root) > 2 and root[-1] == root[-2] and root[:-1] in d):  # 'stopped' -> 'stop'
                return True
    return False


@lru_cache(maxsize=1)
def _taxonomy_words() -> frozenset[str]:
    return frozenset(w for t in topics() for phrase in t.terms + t.plain for w in phrase.split())


@lru_cache(maxsize=1)
def _taxonomy_choices() -> tuple[str, ...]:
    return tuple(sorted(_taxonomy_words()))


@lru_cache(maxsize=1)
def _acronyms() -> list[str]:
    from ..nlp.taxonomy import entity_forms

    return sorted({e.form for e in entity_forms() if e.form.isupper()} | {e.canonical for e in entity_forms()
                                                                            if e.canonical.isupper()})


def one_word_names(text: str, named: list[tuple[str, str]]) -> str:
    """The question with each council's name as one word, so that the intents' patterns, which allow a few
    words between 'what must' and 'improve', read 'what must Bath and North East Somerset improve?' as they
    read 'what must Leeds improve?'."""
    for name, form in named:
        text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", re.sub(r"\W", "", name), text, flags=re.I)
    return text


def _people(text: str, vocabulary: Vocabulary, council_words: set[str]) -> list[str]:
    """Speakers the query names, by full name or surname, in any case, allowing a typo; a word of a council's
    name the query gives is the council's ('Bath and North East Somerset' names no Councillor Bath)."""
    tokens = [w.lower() for w in words(text)
              if len(w) >= 3 and w.lower() not in FUNCTION_WORDS and w.lower() not in council_words]
    found = []
    for person in vocabulary.people():
        bare = person.split(",")[0]
        bare = re.sub(rf"^{TITLES}\s+", "", bare)
        parts = [p.lower() for p in bare.split()]
        if not parts:
            continue
        surname = parts[-1]
        if any(fuzz.ratio(tok, surname) >= (100 if len(surname) <= 4 else 85) for tok in tokens):
            found.append(person)
    return found
