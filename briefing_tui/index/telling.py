"""How telling a line is and which section it belongs in: the one rule used both when indexing (the
impact prior of a sentence's postings) and when ranking (the role-confidence feature). Its constants
are the "telling" block of nlp_models/ranking.json, which is part of the index version."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from ..settings import models_dir

RANKING_FILE = models_dir() / "ranking.json"
ROLE_SECTION = {"strength": "strengths", "weakness": "weaknesses", "action": "actions", "quote": "quotes"}


class RankingDataError(ValueError):
    """nlp_models/ranking.json is missing, malformed or incomplete; the message says what and where."""


@dataclass(frozen=True)
class Telling:
    """The constants of `telling`, named as in ranking.json."""

    polarity_scale: float  # cue strength (positive minus negative) at which a finding is fully telling
    action_scale: float  # action-cue strength at which a recommendation is fully telling
    figure_base: float  # any line with a number
    figure_labelled: float  # ... whose number says what it measures ('national threshold')
    figure_strong: float  # ... that also carries a strong judgement
    strong_polarity: float  # what counts as a strong judgement for figure lines
    quote: float  # direct speech with a speaker
    impact_weight: float  # how much telling lifts a sentence in its terms' postings (1 + weight * telling)


def load_block(name: str, path: Path = RANKING_FILE) -> dict:
    """One top-level block of the ranking data, or a RankingDataError naming the file and block."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RankingDataError(f"{path}: cannot read the ranking data ({exc})") from None
    block = data.get(name) if isinstance(data, dict) else None
    if not isinstance(block, dict):
        raise RankingDataError(f"{path}: no '{name}' block (an object) in the ranking data")
    return block


def numbers(block: dict, cls, where: str):
    """A frozen dataclass of numbers from a JSON object, every field present and numeric."""
    names = [f.name for f in fields(cls)]
    missing = [n for n in names if n not in block]
    if missing:
        raise RankingDataError(f"{where}: missing {', '.join(missing)}")
    bad = [n for n in names if not isinstance(block[n], (int, float)) or isinstance(block[n], bool)]
    if bad:
        raise RankingDataError(f"{where}: not a number: {', '.join(bad)}")
    return cls(**{n: float(block[n]) for n in names})


@lru_cache(maxsize=1)
def telling_params() -> Telling:
    return numbers(load_block("telling"), Telling, f"{RANKING_FILE.name} 'telling'")


def section_of(role: str, has_figures: bool, speaker: str | None) -> str | None:
    """The briefing section a sentence goes to: quotes need a speaker; a number makes a figure line."""
    if role == "quote":
        return "quotes" if speaker else None
    if has_figures and role != "action":
        return "figures"
    return ROLE_SECTION.get(role)


def telling(kind: str | None, polarity: float, action: float, labelled_figure: bool,
            p: Telling | None = None) -> float:
    """How much a line says on its own, 0 to 1, by the section it goes to."""
    p = p or telling_params()
    if kind == "figures":
        return p.figure_base + p.figure_labelled * labelled_figure + p.figure_strong * (abs(polarity) >= p.strong_polarity)
    if kind == "actions":
        return min(action, p.action_scale) / p.action_scale
    if kind == "quotes":
        return p.quote
    return min(abs(polarity), p.polarity_scale) / p.polarity_scale


def impact_prior(kind: str | None, polarity: float, action: float, labelled_figure: bool) -> float:
    """A telling line comes early in its terms' postings."""
    p = telling_params()
    return 1.0 + p.impact_weight * telling(kind, polarity, action, labelled_figure, p)
