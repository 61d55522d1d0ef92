"""Search-term tags: how topics ('t_adoption') and entities ('e_lscb') become index terms, and which of a
question's terms are its content words; the one place these rules are written."""
from __future__ import annotations

import re

TOPIC_PREFIX = "t_"
ENTITY_PREFIX = "e_"
# A question's word weighing this much or more is one of its content words (query understanding gives
# 1.0 to a word it keeps, a quarter or less to function words and descriptors).
CONTENT_WEIGHT = 0.5


def topic_tag(topic_id: str) -> str:
    return TOPIC_PREFIX + topic_id


def entity_tag(name: str) -> str:
    """The search term for a named entity ('LSCB' -> 'e_lscb'), the same in the index and in queries."""
    return ENTITY_PREFIX + re.sub(r"\W+", "_", name.lower()).strip("_")


def is_tag(term: str) -> bool:
    return term.startswith((TOPIC_PREFIX, ENTITY_PREFIX))


def untag_topic(term: str) -> str | None:
    """The topic id of a topic tag, else None."""
    return term[len(TOPIC_PREFIX):] if term.startswith(TOPIC_PREFIX) else None


def content_terms(terms: dict[str, float]) -> list[str]:
    """The words (not tags) a question really asks about, in its order."""
    return [t for t, w in terms.items() if w >= CONTENT_WEIGHT and not is_tag(t)]
