"""How a line says things moved over time: improved, declined or set against an earlier inspection, by
the cue patterns of nlp_models/change.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.roles import cue_tables
from ..settings import models_dir

CHANGE_FILE = models_dir() / "change.json"
LISTS = ("not_change", "stalled", "improvement", "decline", "earlier")


class BadChangeData(ValueError):
    """change.json is malformed; the message names the entry."""


@dataclass(frozen=True)
class ChangeCues:
    not_change: re.Pattern[str]  # looks like change and is not ('requires improvement'): removed first
    stalled: re.Pattern[str]  # an improvement denied or too slow: a decline, never an improvement
    improvement: re.Pattern[str]
    decline: re.Pattern[str]
    earlier: re.Pattern[str]  # sets the present against an earlier inspection


@dataclass(frozen=True)
class Change:
    """What a line says of change (each independently: 'has improved, but X has declined' is both)."""

    improved: bool
    declined: bool
    earlier: bool

    @property
    def any(self) -> bool:
        return self.improved or self.declined or self.earlier

    @property
    def side(self) -> str | None:
        """The finding section its change points to: strengths for an improvement only, weaknesses for a
        decline only, None for neither or both."""
        if self.improved != self.declined:
            return "strengths" if self.improved else "weaknesses"
        return None


# One Change object for each of the eight readings, which change_of hands out: its memo of up to 131,072 lines
# then holds no object of its own for the garbage collector to walk (on the 160 reports a pass over the
# benchmark's questions left 21,000, a fifth of the time of each full collection, which lands on a question).
CHANGES = {(i, d, e): Change(i, d, e) for i in (False, True) for d in (False, True) for e in (False, True)}


def _alternation(name: str, values: object) -> re.Pattern[str]:
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise BadChangeData(f"change.json '{name}': must be a non-empty list of regular expressions")
    for v in values:
        try:
            re.compile(v)
        except re.error as exc:
            raise BadChangeData(f"change.json '{name}': {v!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{v})" for v in values), re.I)


@lru_cache(maxsize=1)
def cues() -> ChangeCues:
    try:
        data = json.loads(CHANGE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadChangeData(f"{CHANGE_FILE}: cannot read ({exc})") from None
    if not isinstance(data, dict):
        raise BadChangeData("change.json: must be a JSON object")
    return ChangeCues(*(_alternation(name, data.get(name)) for name in LISTS))


# Python's re matches a case-insensitive pattern two to four times slower than a case-sensitive one. Over a
# lower-cased line, the same patterns without re.I read the same, unless the line holds a letter whose lower
# case differs from the one re.I folds it to (dotted I, dotless i, long s), or a pattern names an upper-case
# or non-ASCII letter or sets its own flags ('(?-i:...)'): those are read as they are.
FOLDS_APART = re.compile("[\u0130\u0131\u017f]")
CASED_PATTERN = re.compile(r"[A-Z]|[^\x00-\x7f’]|\(\?(?!:)")


@lru_cache(maxsize=1)
def lower_cues() -> ChangeCues | None:
    """The cue patterns without re.I, to read a lower-cased line; None if one of them would read otherwise."""
    patterns = [getattr(cues(), name).pattern for name in LISTS]
    if any(CASED_PATTERN.search(p) for p in patterns):
        return None
    return ChangeCues(*(re.compile(p) for p in patterns))


@lru_cache(maxsize=1 << 17)
def change_of(text: str) -> Change:
    """What a line says of change; remembered, as the same lines come back question after question."""
    text = text.replace("’", "'")
    low = lower_cues()
    if low is not None and not FOLDS_APART.search(text):
        return _read(low, text.lower())
    return _read(cues(), text)


def _read(c: ChangeCues, text: str) -> Change:
    plain = c.not_change.sub(" ", text)
    earlier = bool(c.earlier.search(plain))
    plain = asserted(plain)
    stalled = bool(c.stalled.search(plain))
    rest = c.stalled.sub(" ", plain) if stalled else plain  # a line with no stall has nothing to take out
    return CHANGES[bool(c.improvement.search(rest)), stalled or bool(c.decline.search(rest)), earlier]


@lru_cache(maxsize=1)
def _concession() -> re.Pattern[str]:
    """A clause opening with a contrast subordinator (cues.json: 'Although', 'while', 'despite' ...), up to
    the next comma or the line's end: what a line concedes beside its point."""
    words = sorted(cue_tables().contrast, key=len, reverse=True)
    return re.compile(r"\b(?:%s)\b[^,]*(?:,|$)" % "|".join(re.escape(w) for w in words), re.I)


def asserted(text: str) -> str:
    """What a line asserts: a change it concedes is not its point ('Although some progress has been made
    since that inspection, there remain areas which still require improvement' and 'While placement
    stability is improving, some children continue to experience multiple moves' say nothing improved;
    'Although it was inadequate in 2019, it has improved' still does; 'it still takes too long, despite recent
    improvements' says nothing improved). The first such clause only."""
    return _concession().sub(" ", text, count=1)


def says_change(text: str) -> bool:
    """A line says how things moved over time: improved, declined, or against an earlier inspection."""
    return change_of(text).any


@dataclass(frozen=True)
class _Saying:
    """`says_change` in the shape of a compiled pattern (a `search` method), for the index's scan of the
    sentences a pattern matches (Index.sentences_saying)."""

    def search(self, text: str) -> bool:
        return says_change(text)


CHANGE_STATEMENT = _Saying()
