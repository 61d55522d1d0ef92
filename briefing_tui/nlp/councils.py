"""The council gazetteer (nlp_models/councils.jsonl): council names in documents and in questions."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .taxonomy import BadModelData, jsonl_rows

# A typed council name within this edit similarity (0-100) of a one-word name is read as that council.
TYPO_SCORE = 88
TYPO_MIN_LETTERS = 5


@dataclass(frozen=True)
class Council:
    name: str  # as councils are named in our metadata
    aliases: tuple[str, ...]  # other official names: found in documents and questions
    short: tuple[str, ...]  # forms people type ('Stoke', 'RBKC'): found in questions only
    word: bool  # the name is also an English word ('Reading'): in questions only with a capital


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Council, ...]:
    return parse_gazetteer(jsonl_rows("councils.jsonl"))


def parse_gazetteer(rows: list[tuple[str, dict]]) -> tuple[Council, ...]:
    """Validated councils from (where, row) pairs: a name, and lists of non-empty forms."""
    out = []
    for where, row in rows:
        lists = [row.get(k, []) for k in ("aliases", "short")]
        if not isinstance(row.get("name"), str) or not row["name"].strip() or \
                not all(isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v) for v in lists):
            raise BadModelData(f"{where}: needs a name and lists of non-empty 'aliases' and 'short' forms")
        out.append(Council(row["name"], tuple(lists[0]), tuple(lists[1]), bool(row.get("word", False))))
    return tuple(out)


def councils() -> list[tuple[str, list[str]]]:
    """Each council's name and its official other names (the forms documents use)."""
    return [(c.name, list(c.aliases)) for c in gazetteer()]


@lru_cache(maxsize=1)
def council_pattern() -> re.Pattern[str]:
    """Official names and aliases as written (case-sensitive): how documents name their council."""
    forms = {f for c in gazetteer() for f in (c.name, *c.aliases)}
    alternatives = "|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b")


def council_name(form: str) -> str:
    """The council's name for one of its official forms; other text is returned as it is."""
    return _official().get(form, form)


@lru_cache(maxsize=1)
def _official() -> dict[str, str]:
    return {f: c.name for c in gazetteer() for f in (c.name, *c.aliases)}


def fold(text: str) -> str:
    """Spelling variants of a name made one: hyphens and dashes as spaces, '&' as 'and', 'St.' as 'St'."""
    text = re.sub(r"[-\u2010-\u2015]", " ", text.replace("\u2019", "'"))
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\b(St|Saint)\.?\s", "St ", text, flags=re.I)
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=1)
def _question_forms() -> tuple[re.Pattern[str], dict[str, Council]]:
    forms: dict[str, Council] = {}
    for c in gazetteer():
        for form in (c.name, *c.aliases, *c.short):
            forms.setdefault(fold(form).lower(), c)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # Longest first, so 'Kingston upon Hull' wins over 'Kingston' and 'NE Lincs' over 'Lincs'.
    # An apostrophe before a name is an opening quote ('Hounslow has improved'), unless it follows a letter.
    return re.compile(rf"(?<!\w)(?<!\w')({alternatives})(?![\w])", re.I), forms


@lru_cache(maxsize=1)
def _one_word_forms() -> tuple[list[str], list[Council]]:
    _, forms = _question_forms()
    pairs = [(f, c) for f, c in forms.items() if " " not in f and len(f) >= TYPO_MIN_LETTERS and not c.word]
    return [f for f, _ in pairs], [c for _, c in pairs]


@lru_cache(maxsize=1)
def _first_words() -> dict[str, Council]:
    """The first word of a council's name of several words, where no other council's name begins with it or
    is it, nor is another form of a council ('Bracknell' for Bracknell Forest, 'Windsor' for Windsor and Maidenhead; not 'Kingston', which
    begins two): the short form people type. Read only when it is not an English word (see mentions)."""
    _, forms = _question_forms()
    owners: dict[str, set[str]] = {}
    for c in gazetteer():  # names, not official forms ('Royal Borough of ...', 'City of ...')
        words = re.findall(r"[a-z']+", fold(c.name).lower())
        owners.setdefault(words[0], set()).add(c.name if len(words) > 1 else "")
    by_name = {c.name: c for c in gazetteer()}
    return {w: by_name[next(iter(names))] for w, names in owners.items()
            if len(names) == 1 and "" not in names and len(w) >= TYPO_MIN_LETTERS and w not in forms}


@lru_cache(maxsize=1)
def _many_word_forms() -> dict[int, tuple[list[str], list[Council]]]:
    """Names of several words, by their number of words, for typos in any of them ('South Glocestershire')."""
    _, forms = _question_forms()
    out: dict[int, tuple[list[str], list[Council]]] = {}
    for f, c in forms.items():
        n = len(f.split())
        if n > 1 and len(f) >= TYPO_MIN_LETTERS:
            names, owners = out.setdefault(n, ([], []))
            names.append(f)
            owners.append(c)
    return out


def mentions(text: str, is_word: Callable[[str], bool] = lambda w: False) -> list[tuple[str, str]]:
    """Each council a question names and the words that named it, in order, in any common form
    ('Stockton on Tees', 'Stoke', 'City of York', 'RBKC', 'Bracknell'), allowing a typo in a name
    ('Rotheram', 'South Glocestershire') whose mistyped word is not itself a word."""
    folded = fold(text)
    pattern, forms = _question_forms()
    found: list[tuple[int, str, str]] = []
    for m in pattern.finditer(folded):
        council = forms[m.group(1).lower()]
        if council.word and not m.group(1)[0].isupper():
            continue
        found.append((m.start(), council.name, m.group(1)))

    def taken(start: int) -> bool:
        return any(a <= start < a + len(form) for a, _, form in found)

    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"[A-Za-z']+", folded)]
    by_words = _many_word_forms()
    for n in sorted(by_words, reverse=True):  # the longest names first, as for exact forms
        names, owners = by_words[n]
        for i in range(len(tokens) - n + 1):
            window = tokens[i:i + n]
            typed = " ".join(w for _, w in window)
            if any(taken(a) for a, _ in window) or all(is_word(w.lower()) for _, w in window) \
                    or len(typed) < TYPO_MIN_LETTERS:
                continue
            best = process.extractOne(typed.lower(), names, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
            if best:
                found.append((window[0][0], owners[best[2]].name, folded[window[0][0]:window[-1][0] + len(window[-1][1])]))
    first = _first_words()
    names, owners = _one_word_forms()
    for m in re.finditer(r"[A-Za-z]{%d,}" % TYPO_MIN_LETTERS, folded):
        if taken(m.start()) or is_word(m.group(0).lower()):
            continue
        word = m.group(0).lower()
        if word in first:
            found.append((m.start(), first[word].name, m.group(0)))
            continue
        best = process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
        if best:
            found.append((m.start(), owners[best[2]].name, m.group(0)))
    return [(name, form) for _, name, form in sorted(found)]


def find_councils(text: str, is_word: Callable[[str], bool] = lambda w: False) -> tuple[str, ...]:
    """The councils a question names, each once, in the order it names them."""
    return tuple(dict.fromkeys(name for name, _ in mentions(text, is_word)))
