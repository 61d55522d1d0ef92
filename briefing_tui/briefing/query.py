"""Query understanding: topics, entities, people, council, years and intent from a councillor's question,
forgiving of typos, case and acronyms (rapidfuzz against the corpus's own words). No model is loaded."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from ..corpus.metadata import council_name, council_pattern, councils
from ..nlp.taxonomy import entity_index, find_topics, topics
from ..nlp.tags import content_terms, entity_tag, topic_tag
from ..nlp.text import STOP, stem, stems, words
from ..sanitise import safe

MAX_QUERY_CHARS = 2000
INTENT_CUES = {
    "judgement": {"grade", "graded", "judgement", "judgment", "rating", "rated", "rate", "overall", "verdict", "ofsted",
                  "effective", "effectiveness", "inadequate", "outstanding"},
    "strengths": {"strength", "strengths", "good", "well", "positive", "praise", "praised", "best", "working", "success",
                  "successes", "strong"},
    "weaknesses": {"weakness", "weaknesses", "problem", "problems", "concern", "concerns", "fail", "failing", "bad",
                   "poor", "wrong", "issue", "issues", "criticism", "criticised", "shortcomings", "worry", "weak", "delay",
                   "delays", "risks"},
    "actions": {"improve", "improvement", "improvements", "recommend", "recommendation", "recommendations", "should",
                "must", "action", "actions", "fix", "next", "priorities", "priority", "do"},
    "figures": {"many", "much", "long", "number", "numbers", "figure", "figures", "statistic", "statistics",
                "percentage", "percent", "rate", "data", "proportion", "days", "waiting", "wait", "time", "often"},
    "quotes": {"say", "said", "says", "quote", "quoted", "comment", "comments", "told", "response", "respond",
               "react", "reaction", "think", "view", "views", "statement"},
    "change": {"change", "changed", "changes", "improved", "since", "progress", "later", "trajectory", "compare",
               "compared", "better", "worse", "over", "trend", "before", "then", "now", "improving"},
}
# Words that only say what kind of answer is wanted; they weigh little as search terms.
FUNCTION_WORDS = {"what", "how", "did", "does", "do", "say", "said", "tell", "me", "about", "find", "found", "is", "are",
                  "was", "were", "the", "a", "an", "of", "in", "on", "for", "there", "any", "show", "give", "summary",
                  "summarise", "summarize", "brief", "briefing", "inspection", "inspections", "report", "reports",
                  "ofsted", "council", "councils", "local", "authority", "many", "much", "long", "good", "well",
                  "latest", "recent", "last", "later", "current", "children", "child", "services", "service", "effective",
                  "overall", "judgement", "judgment", "grade", "rating", "rated", "happening", "happen", "going",
                  "doing", "been", "has", "have", "they", "their", "our", "we", "us", "it", "its", "this", "that"}
LATEST = re.compile(r"\b(latest|most recent|newest|current|currently|now|later|last inspection|recent inspection)\b", re.I)
SINCE = re.compile(r"\b(?:since|after|from)\s+((?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


class Vocabulary(Protocol):
    """What query understanding needs to know of the corpus."""

    def known(self, term: str) -> bool: ...
    def terms(self) -> list[str]: ...
    def people(self) -> list[str]: ...


@dataclass(frozen=True)
class Query:
    text: str
    terms: dict[str, float]  # stems and tags ('t_adoption', 'e_lscb') with weights
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    people: tuple[str, ...]  # speakers the query names, as stored
    council: str | None
    years: tuple[int, ...]
    since: int | None
    latest: bool
    intents: frozenset[str]
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def content_terms(self) -> list[str]:
        return content_terms(self.terms)


def _clean(text: str) -> str:
    text = re.sub("[\u200b-\u200d]", " ", safe(text[:MAX_QUERY_CHARS]))  # zero-width spaces split words
    return re.sub(r"\s+", " ", text).strip()


def parse_query(raw: str, vocabulary: Vocabulary) -> Query:
    text = _clean(raw)
    lower = text.lower()
    tokens = [w for w in words(text)]
    corrections: dict[str, str] = {}
    fixed: list[str] = []
    for w in tokens:
        c = _correct(w, vocabulary)
        if c != w.lower() and c != stem(w):
            corrections[w] = c
        fixed.append(c)
    people = _people(text, vocabulary)
    if people:  # a speaker's name and title are not search words
        named = {w.lower() for p in people for w in re.findall(r"[A-Za-z]+", p.split(",")[0])}
        fixed = [w for w in fixed if w.lower() not in named and w.lower() not in ("councillor", "cllr")]
    corrections = {a: b for a, b in corrections.items() if b in fixed}
    fixed_stems = [stem(w) for w in fixed]
    topic_ids = find_topics(fixed_stems, include_plain=True)
    entity_ids = list(dict.fromkeys(v for _, _, v in entity_index().find(fixed_stems)))
    for w in tokens:  # acronyms typed in any case: 'lscb', 'Edt'
        if w.isalpha() and 2 <= len(w) <= 5:
            hit = next((e for e in _acronyms() if e.lower() == w.lower()), None)
            if hit and hit not in entity_ids:
                entity_ids.append(hit)
    for e in entity_ids:
        for t in find_topics(stems(e)):
            if t not in topic_ids:
                topic_ids.append(t)
    intents = {name for name, cues in INTENT_CUES.items() if any(w.lower() in cues for w in fixed)}
    if re.search(r"\bhow (long|many|much|often|quickly)\b", lower):
        intents.add("figures")
    if re.search(r"\bwhat did\b.*\b(say|think)\b|\bsaid\b|\bquotes?\b", lower):
        intents.add("quotes")
    if people:
        intents.add("quotes")
    if "overall" in topic_ids:
        intents.add("judgement")
    council = _council(text)
    years = tuple(sorted({int(y) for y in YEAR.findall(text)}))
    since = SINCE.search(text)
    terms: dict[str, float] = {}
    for w, s in zip(fixed, fixed_stems):  # noqa: B007
        if s in STOP or not s:
            continue
        weight = 0.25 if w.lower() in FUNCTION_WORDS or s in FUNCTION_WORDS else 1.0
        if "change" in intents and w.lower() in INTENT_CUES["change"]:
            weight = 0.25  # 'what changed?' asks for a comparison, not for the word 'change'
        if YEAR.fullmatch(w) or (council and w.lower() in council.lower().split()):
            weight = 0.2
        terms[s] = max(terms.get(s, 0.0), weight)
    for t in topic_ids:
        terms[topic_tag(t)] = 1.5
        info = next(x for x in topics() if x.id == t)
        for phrase in info.terms:
            if " " not in phrase and phrase not in STOP and phrase not in terms and phrase not in FUNCTION_WORDS:
                terms[phrase] = 0.15
    for e in entity_ids:
        terms[entity_tag(e)] = 1.5
    return Query(text, terms, tuple(topic_ids), tuple(entity_ids), tuple(people), council, years,
                 int(since.group(1)) if since else None, bool(LATEST.search(text)), frozenset(intents), corrections)


def _correct(word: str, vocabulary: Vocabulary) -> str:
    """A word the corpus and the taxonomy do not know is replaced by its nearest known word."""
    s = stem(word)
    if len(word) < 4 or not word.isalpha() or vocabulary.known(s) or s in STOP or word.lower() in FUNCTION_WORDS \
            or s in _taxonomy_words() or word.lower() in _intent_words():
        return word.lower()
    choices = vocabulary.terms() + list(_taxonomy_choices())
    best = process.extractOne(s, choices, scorer=fuzz.ratio, score_cutoff=80)
    return best[0] if best else word.lower()


_TAXONOMY_WORDS: set[str] = set()


def _taxonomy_words() -> set[str]:
    if not _TAXONOMY_WORDS:
        for t in topics():
            for phrase in t.terms + t.plain:
                _TAXONOMY_WORDS.update(phrase.split())
    return _TAXONOMY_WORDS


@lru_cache(maxsize=1)
def _taxonomy_choices() -> tuple[str, ...]:
    return tuple(sorted(_taxonomy_words()))


@lru_cache(maxsize=1)
def _intent_words() -> frozenset[str]:
    return frozenset().union(*INTENT_CUES.values())


def _acronyms() -> list[str]:
    from ..nlp.taxonomy import entity_forms

    return sorted({e.form for e in entity_forms() if e.form.isupper()} | {e.canonical for e in entity_forms()
                                                                            if e.canonical.isupper()})


def _people(text: str, vocabulary: Vocabulary) -> list[str]:
    """Speakers the query names, by full name or surname, in any case, allowing a typo."""
    tokens = [w.lower() for w in words(text) if len(w) >= 3 and w.lower() not in FUNCTION_WORDS]
    found = []
    for person in vocabulary.people():
        bare = person.split(",")[0]
        bare = re.sub(r"^(Councillor|Cllr\.?|Ms|Mr|Mrs|Miss|Dr|Professor|Sir|Dame)\s+", "", bare)
        parts = [p.lower() for p in bare.split()]
        if not parts:
            continue
        surname = parts[-1]
        if any(fuzz.ratio(tok, surname) >= (100 if len(surname) <= 4 else 85) for tok in tokens):
            found.append(person)
    return found


def _council(text: str) -> str | None:
    m = council_pattern().search(text)
    if m:
        return council_name(m.group(1))
    for w in re.findall(r"[A-Za-z][A-Za-z-]{4,}", text):
        best = process.extractOne(w.lower(), [n.lower() for n, _ in councils()], scorer=fuzz.ratio, score_cutoff=88)
        if best and w.lower() not in FUNCTION_WORDS and w.lower() not in _intent_words() and w[0].isupper():
            return councils()[best[2]][0]
    return None
