"""Word normalisation shared by the index and the query path: no model needed, so queries stay fast."""
from __future__ import annotations

import re
from functools import lru_cache

from .tags import entity_tag  # noqa: F401  (the tag rule lives in tags.py; kept importable from here)

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)*%?")
IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man", "feet": "foot",
             "judgment": "judgement", "judgments": "judgement", "carers": "carer", "analyses": "analysis",
             "criteria": "criterion", "data": "data", "needs": "need", "was": "be", "were": "be", "is": "be",
             "are": "be", "been": "be", "has": "have", "had": "have", "does": "do", "did": "do", "led": "lead",
             "kids": "child", "kid": "child", "childrens": "child", "young": "young", "said": "say", "says": "say", "told": "tell",
             "organisation": "organization", "prioritise": "prioritize", "recognise": "recognize"}
STOP = frozenset("""a an and are as at be by for from has have he her his i in into is it its of on or our she
that the their them there these they this those to was we were what when where which who whom why will with
would you your how do does did can could should may might about any all than then so such not no also very
""".split())
KEEP_S = ("ss", "us", "is", "ous", "ics", "sis")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, predictable stem: lower case, British and American spellings unified, plural and
    -ing/-ed endings removed. Enough to match 'adopters' to 'adopter' and 'placements' to 'placement'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) <= 3 or w[0].isdigit():
        return w
    w = re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(KEEP_S):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            base = w[: -len(suffix)]
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]
            w = base
            break
    if w.endswith("e") and len(w) >= 5 and not w.endswith(("ee", "ue")):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return WORD.findall(text)


def stems(text: str, *, drop_stop: bool = False) -> list[str]:
    out = [stem(w) for w in WORD.findall(text)]
    return [s for s in out if s not in STOP] if drop_stop else out


def stem_phrase(phrase: str) -> str:
    return " ".join(stems(phrase))

# The marks norm() unifies, all outside ASCII. Replaced one by one (each a fast scan), and only in text that
# has any: a translate() with a table cost ten times as much, on every line packing compares.
NORM_MARKS = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"),
              ("\u00a0", " "))


def norm(text: str) -> str:
    """Case-folded text with quotes, dashes and white space unified: for comparing, never for showing."""
    if not text.isascii():
        for mark, plain in NORM_MARKS:
            text = text.replace(mark, plain)
    return " ".join(text.split()).lower()  # split() and re's \s agree on what white space is
