"""Graded judgements: which area got which grade, read from judgement tables, judgement headings
('The graded judgment for adoption performance is requires improvement.') and lone grade lines."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import MODELS, BadModelData

GRADE = re.compile(r"\b(outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)\b", re.I)
VERB_GRADE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|remains?)\s+(?:rated\s+|judged\s+|graded\s+)?(?:as\s+|to\s+be\s+)?|rated\s+(?:as\s+)?|"
    r"judged\s+(?:to\s+be\s+|as\s+)?|:\s*)[‘'\"“]?(outstanding|good|requires improvement|inadequate|adequate)[’'\"”]?"
    r"|\brequires?\s+improvement", re.I)
GRADE_ONLY = re.compile(r"^\s*[‘'\"“]?(outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)[.’'\"”]*\s*$", re.I)


@dataclass(frozen=True)
class Judgement:
    """One graded judgement and the paragraph (and span of it) that states it."""

    area: str
    grade: str
    para: int
    start: int
    end: int


@lru_cache(maxsize=1)
def areas() -> tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]:
    path = MODELS / "judgement_areas.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple((a["id"], a["label"], tuple(re.compile(p, re.I) for p in a["patterns"])) for a in data["areas"])
    except (OSError, KeyError, json.JSONDecodeError, re.error) as exc:
        raise BadModelData(f"{path}: {exc}") from exc


@lru_cache(maxsize=1)
def no_overall_grade() -> str:
    """Why an inspection may give no overall effectiveness grade (judgement_areas.json)."""
    path = MODELS / "judgement_areas.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["no_overall_grade"]
    except (OSError, KeyError, json.JSONDecodeError) as exc:
        raise BadModelData(f"{path}: {exc}") from exc
    if not isinstance(value, str) or not value.strip():
        raise BadModelData(f"{path}: 'no_overall_grade' must be a sentence")
    return value


def area_label(area_id: str) -> str:
    return next((label for a, label, _ in areas() if a == area_id), area_id)


def areas_in(text: str) -> list[str]:
    found = []
    for area_id, _, patterns in areas():
        if any(p.search(text) for p in patterns):
            found.append(area_id)
    if "overall" in found and len(found) > 1 and not re.search(r"overall (effectiveness|judge?ment)", text, re.I):
        found.remove("overall")
    return found


def normal_grade(text: str) -> str:
    g = text.lower()
    return "requires improvement" if "improvement" in g else g


def find_judgements(paragraphs: list[tuple[str, str]], kind: str) -> list[Judgement]:
    """Judgements in a document's paragraphs, given as (block kind, text) in order.

    Only inspection reports and letters grade; a news article's 'rated good' is reported, not graded,
    and is left to the briefing as a sentence."""
    if kind not in ("report", "letter"):
        return []
    out: list[Judgement] = []
    seen: set[str] = set()
    last_heading = ""
    for i, (block, text) in enumerate(paragraphs):
        if block == "table" and "\t" in text:
            area_text, grade = text.rsplit("\t", 1)
            for area in areas_in(area_text):
                out.append(Judgement(area, normal_grade(grade), i, 0, len(text)))
        elif GRADE_ONLY.match(text) and last_heading:
            for area in areas_in(last_heading):
                out.append(Judgement(area, normal_grade(GRADE_ONLY.match(text).group(1)), i, 0, len(text)))
        elif block in ("heading", "para") and len(text.split()) <= 30:
            m = VERB_GRADE.search(text)
            if m and m.end() >= len(text.rstrip(" .’'\"”")) - 14:
                grade = GRADE.search(text[m.start():])
                for area in areas_in(text[:m.start()]) or (["overall"] if re.search(r"overall", text, re.I) else []):
                    out.append(Judgement(area, normal_grade(grade.group(1)), i, 0, len(text)))
        if block == "heading":
            last_heading = text
    # The first statement of an area is the graded one (later sections restate it).
    unique = []
    for j in out:
        if j.area not in seen:
            seen.add(j.area)
            unique.append(j)
    return unique
