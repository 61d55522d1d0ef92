"""Shared line handling for every reader: making text inert and joining wrapped lines."""
from __future__ import annotations

import re

from ..sanitise import safe
from .segment import PAGE_BREAK

SUFFIXES = ("ment", "ments", "tion", "tions", "sion", "ing", "ed", "ly", "ness", "ity", "ities", "able", "ible",
            "ance", "ence", "ation", "ise", "ised", "ize", "al", "ally", "er", "ers", "ive", "ous", "ful", "ship")


def clean_text(text: str) -> str:
    """Unify line ends and remove terminal control codes, so document text is inert."""
    return safe(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n\t" + PAGE_BREAK)


def join_wrapped(left: str, right: str, vocabulary: set[str] | None = None) -> str:
    """Join a wrapped line to the next, mending a word hyphenated across the break."""
    if left.endswith("\ufffe") or (left.endswith("-") and not left.endswith(" -") and right[:1].islower()):
        stem = left[:-1]
        head = re.search(r"(\w+)$", stem)
        tail = re.match(r"(\w+)", right)
        if head and tail and join_hyphen(head.group(1), tail.group(1), vocabulary):
            return stem + right
        return stem + "-" + right
    return left + " " + right


def join_hyphen(head: str, tail: str, vocabulary: set[str] | None) -> bool:
    """Whether a word split by a hyphen at a line end is one word (assess-ment) or a compound."""
    joined = (head + tail).lower()
    if vocabulary is not None:
        if joined in vocabulary:
            return True
        if f"{head}-{tail}".lower() in vocabulary:
            return False
    return tail.lower() in SUFFIXES
