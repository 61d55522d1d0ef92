"""Figures: the statistics a sentence carries, and what they are compared with (672 days against
the national threshold of 608 days)."""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = (r"days?|weeks?|months?|years?|hours?|children|young people|people|families|cases|adopters|adoptions|"
         r"care leavers|carers|placements|referrals|assessments|plans|social workers|staff|schools|per 10,000(?: children)?|"
         r"per cent|percentage points|homes|moves|visits|inspections|%")
NUMBER = r"(?:£\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:£\s?)?\d+(?:\.\d+)?"
FIGURE = re.compile(rf"(?<![\w/.])({NUMBER})\s*(%|(?:\w+\s){{0,2}}?(?:{UNITS})\b)?", re.I)
NOT_A_FIGURE = re.compile(
    r"(section|paragraph|para|key stage|stage|act|chapter|regulation|schedule|aged?|under|over|age of|from|between|in|since|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|tier|level)\s*$", re.I)
COMPARATOR = re.compile(
    r"(national (?:average|threshold|rate|figure|target)|england average|all england(?: average)?|statistical neighbours?|"
    r"similar (?:areas|authorities|local authorities)|london average|regional average|(?:the )?national average|"
    r"threshold|target|average|compared (?:with|to)|higher than|lower than|reduction from|increase from|up from|down from)",
    re.I)


@dataclass(frozen=True)
class Figure:
    value: str  # as printed: "672 days", "38%"
    number: float
    unit: str
    label: str  # what the number measures, where the text says: "national threshold", else ""


def find_figures(text: str) -> list[Figure]:
    out = []
    for m in FIGURE.finditer(text):
        raw, unit = m.group(1), (m.group(2) or "").strip()
        number = float(raw.replace("£", "").replace(",", "").strip())
        before = text[max(0, m.start() - 40):m.start()]
        if NOT_A_FIGURE.search(before) and not unit.endswith("%"):
            continue
        if re.fullmatch(r"(19|20)\d\d", raw) and not unit:
            continue  # a year
        if re.match(r"\s*[–-]\s*\d", text[m.end():m.end() + 3]) and re.fullmatch(r"(19|20)\d\d", raw) \
                or re.search(r"(19|20)\d\d\s*[–/-]\s*$", before):
            continue  # a span of years, 2012–13
        if not unit and ("," not in raw and "." not in raw and number < 10):
            continue  # a bare small number is rarely a statistic
        if not unit and not re.search(r"\d{2,}", raw):
            continue
        if re.match(r"\s*(?:(?:and|to|–|-)\s*\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b", text[m.end():m.end() + 22]):
            continue  # a date: 31 March
        comparator = None
        for c in COMPARATOR.finditer(text[max(0, m.start() - 60):m.start() + 2]):
            comparator = c.group(1).lower()
        if text[max(0, m.start() - 1):m.start()] == "(":
            prev = COMPARATOR.findall(text[max(0, m.start() - 45):m.start()])
            comparator = prev[-1].lower() if prev else comparator
        out.append(Figure(f"{raw}{'' if unit == '%' else ' '}{unit}".strip(), number,
                          "%" if unit.endswith("%") or unit == "per cent" else unit.split()[-1] if unit else "",
                          comparator or ""))
    return out
