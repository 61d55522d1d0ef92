"""The matching rules of ../shared/eval/score.py, mirrored so the quality suite runs without ../shared:
an expected fact is found when it stands (case- and quote-folded) in an item of an allowed section. Beside
them, one measure of our own: finding lines shown against their hand label."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

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


# The hand-labelled sentences of the role classifier (nlp_models/README.md has the guide): 10,094 sentences of
# 142 documents, most of the corpus the question sets are asked over.
LABELS = Path(__file__).resolve().parents[1] / "nlp_models" / "roles" / "labels.jsonl"
# A finding section and the hand label that says a line does not belong there.
AGAINST = {"strengths": "weakness", "weaknesses": "strength"}


@lru_cache(maxsize=1)
def hand_labels() -> dict[str, str]:
    """Each hand-labelled sentence (normalised) and its label."""
    out = {}
    with LABELS.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out[norm(row["text"])] = row["label"]
    return out


def against_label(kind: str, text: str) -> bool:
    """A line shown as a strength that the hand labels call a weakness, or the reverse: a polarity error
    whatever the question writers chose to forbid. A line shown whole may hold a labelled sentence and more
    (a merged source); only the line as a whole is looked up."""
    return kind in AGAINST and hand_labels().get(norm(text)) == AGAINST[kind]


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
        "against_label": [i.get("text", "") for kind, its in sections.items() for i in its
                          if against_label(kind, i.get("text", ""))],
    }
