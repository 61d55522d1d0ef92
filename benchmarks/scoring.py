"""The matching rules of ../shared/eval/score.py, mirrored so the quality suite runs without ../shared:
an expected fact is found when it stands (case- and quote-folded) in an item of an allowed section."""
from __future__ import annotations

import re

SECTIONS = {"judgement", "strengths", "weaknesses", "actions", "figures", "quotes"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().lower()


def items_by_section(answer: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for section in answer.get("sections") or []:
        found.setdefault(section.get("kind"), []).extend(section.get("items") or [])
    return found


def hit(sections: dict[str, list[dict]], fact: dict) -> bool:
    needle = norm(fact["find"])
    for kind in fact.get("in") or SECTIONS:
        for item in sections.get(kind, []):
            if needle not in norm(item.get("text", "")):
                continue
            speaker = fact.get("speaker")
            if speaker and norm(speaker) not in norm(item.get("speaker") or ""):
                continue
            return True
    return False


def faithful(item: dict) -> bool:
    citation = item.get("citation") or {}
    source = norm(citation.get("source_text", ""))
    text = norm(item.get("text", ""))
    return bool(text) and bool(citation.get("doc")) and text.strip("\"' .") in source


def score_answer(query: dict, answer: dict) -> dict:
    """Counts for one question: facts expected, found in an allowed section, found anywhere; forbidden
    placements; items and faithful items; words."""
    sections = items_by_section(answer)
    expect = query.get("expect", [])
    items = [i for kind in sections.values() for i in kind]
    return {
        "facts": len(expect),
        "hits": sum(hit(sections, f) for f in expect),
        "hits_any": sum(hit(sections, {"find": f["find"]}) for f in expect),
        "polarity_errors": sum(hit(sections, f) for f in query.get("forbid", [])),
        "items": len(items),
        "faithful": sum(faithful(i) for i in items),
        "words": sum(len((i.get("text") or "").split()) for i in items),
        "missed": [f["find"] for f in expect if not hit(sections, f)],
        "forbidden": [f["find"] for f in query.get("forbid", []) if hit(sections, f)],
    }
