"""People the documents quote, one entry each however the documents title them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp.quotes import TITLES

HONORIFIC = re.compile(rf"^{TITLES}\s+", re.I)


@dataclass(frozen=True)
class Person:
    """One person quoted in the corpus, however the documents title them."""

    name: str  # without honorific: what a question names ("Lily Bath")
    shown: str  # the fullest form the documents use ("Councillor Lily Bath")


def distinct_people(quoted: list[str]) -> list[Person]:
    """People deduplicated by name without honorific ('Cllr Lily Bath' = 'Councillor Lily Bath')."""
    found: dict[str, Person] = {}
    for raw in quoted:
        shown = " ".join(raw.split(",")[0].split())
        name = HONORIFIC.sub("", shown)
        key = name.lower().replace("’", "'")
        if not key:
            continue
        if key not in found or len(shown) > len(found[key].shown):
            found[key] = Person(name, shown)
    return sorted(found.values(), key=lambda p: p.name.split()[-1].lower())
