"""Pictures that say more than text: figures against their comparators as bars, and grades as colours."""
from __future__ import annotations

from rich.text import Text

GRADE_STYLES = {
    "outstanding": "bold white on dark_green",
    "good": "black on green3",
    "requires improvement": "black on dark_orange",
    "adequate": "black on yellow3",
    "inadequate": "bold white on red3",
}


GRADE_ABBREVIATIONS = {
    "outstanding": "Out",
    "good": "Good",
    "requires improvement": "RI",
    "adequate": "Adeq",
    "inadequate": "Inad",
}


def grade_key(grade: str) -> str:
    """'requires improvement to be good' is graded as 'requires improvement'."""
    g = grade.lower().strip()
    return "requires improvement" if g.startswith("requires improvement") else g


def grade_cell(grade: str | None, short: bool = False) -> Text:
    if not grade:
        return Text(" — ")
    key = grade_key(grade)
    label = GRADE_ABBREVIATIONS.get(key, grade) if short else grade.capitalize()
    return Text(f" {label} ", style=GRADE_STYLES.get(key, ""))


def grade_legend() -> Text:
    """What the abbreviated grades stand for, each in its colour."""
    text = Text()
    for key, short in GRADE_ABBREVIATIONS.items():
        text.append(f" {short} ", style=GRADE_STYLES[key])
        text.append(f" {key.capitalize()}   ")
    text.rstrip()
    return text


def figure_bars(figures: list[dict], width: int = 20) -> Text | None:
    """Bars for the figures of one line that share a unit (672 days against 647 and 608), else None."""
    by_unit: dict[str, list[dict]] = {}
    for f in figures:
        by_unit.setdefault(f.get("unit") or "", []).append(f)
    group = max(by_unit.values(), key=len, default=[])
    if len(group) < 2 or not any(f.get("label") for f in group):
        return None
    top = max(f["number"] for f in group) or 1
    text = Text()
    for f in group:
        n = max(1, round(width * f["number"] / top))
        label = f.get("label") or "this council"
        style = "cyan" if not f.get("label") else "grey62"
        text.append(f"  {f['value']:>14} ", style="bold" if not f.get("label") else "")
        text.append("█" * n, style=style)
        text.append(f" {label}\n", style="dim")
    text.rstrip()
    return text
