"""The pipeline's data from nlp_models/: topics, domain entities, cue lists and section rules, validated."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..settings import models_dir
from .text import stem_phrase

MODELS = models_dir()
ENTITY_LABELS = {"BODY", "ROLE", "SERVICE", "PROGRAMME", "ISSUE"}
PRIORS = {"strength", "weakness", "action", "context", "boilerplate", None}


class BadModelData(ValueError):
    """A data file in nlp_models/ is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    area: str | None
    terms: tuple[str, ...]  # stemmed phrases found in documents and queries
    plain: tuple[str, ...]  # stemmed phrases people type, for queries only


@dataclass(frozen=True)
class EntityForm:
    label: str
    form: str
    canonical: str


def _load_json(name: str) -> dict:
    path = MODELS / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BadModelData(f"{path}: {exc}") from exc


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    out = []
    for i, row in enumerate(_load_json("topics.json").get("topics", [])):
        if not isinstance(row, dict) or not row.get("id") or not row.get("terms"):
            raise BadModelData(f"topics.json entry {i}: needs an id and terms")
        out.append(Topic(row["id"], row.get("label", row["id"]), row.get("area"),
                         tuple(dict.fromkeys(stem_phrase(t) for t in row["terms"])),
                         tuple(dict.fromkeys(stem_phrase(t) for t in row.get("plain", [])))))
    return tuple(out)


def topic(topic_id: str) -> Topic | None:
    return next((t for t in topics() if t.id == topic_id), None)


def jsonl_rows(name: str) -> list[tuple[str, dict]]:
    """The rows of a JSON-lines file in nlp_models/, each with 'FILE line N' for error messages."""
    path = MODELS / name
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadModelData(f"{path} line {n}: {exc}") from exc
        if not isinstance(row, dict):
            raise BadModelData(f"{path} line {n}: must be a JSON object")
        out.append((f"{path} line {n}", row))
    return out


@lru_cache(maxsize=1)
def entity_forms() -> tuple[EntityForm, ...]:
    out = []
    for where, row in jsonl_rows("entities.jsonl"):
        if row.get("label") not in ENTITY_LABELS or not isinstance(row.get("pattern"), str) or not row["pattern"].strip():
            raise BadModelData(f"{where}: needs a label in {sorted(ENTITY_LABELS)} and a text pattern")
        out.append(EntityForm(row["label"], row["pattern"], row.get("id") or row["pattern"]))
    return tuple(out)


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: acronyms match exactly, longer names in any case."""
    out = []
    for e in entity_forms():
        words = re.findall(r"\w+|[^\w\s]", e.form)
        if e.form.isupper() or (len(words) == 1 and any(c.isupper() for c in e.form[1:])):
            pattern = [{"ORTH": w} for w in words]
        else:
            pattern = [{"LOWER": w.lower()} for w in words]
        out.append({"label": e.label, "pattern": pattern, "id": e.canonical})
    return out


@lru_cache(maxsize=1)
def cues() -> dict:
    return load_cues(MODELS / "cues.json")


def load_cues(path: Path) -> dict:
    """A cue file (nlp_models/cues.json's shape), validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadModelData(f"{path}: {exc}") from exc
    for key in ("positive", "negative", "positive_phrases", "negative_phrases"):
        if not isinstance(data.get(key), dict):
            raise BadModelData(f"{path.name}: '{key}' must map cues to weights")
    return data


@lru_cache(maxsize=1)
def section_rules() -> tuple[tuple[re.Pattern[str], str | None], ...]:
    out = []
    for i, row in enumerate(_load_json("sections.json").get("rules", [])):
        if row.get("prior") not in PRIORS:
            raise BadModelData(f"sections.json rule {i}: prior must be one of {sorted(p for p in PRIORS if p)}")
        try:
            out.append((re.compile(row["pattern"], re.I), row["prior"]))
        except (KeyError, re.error) as exc:
            raise BadModelData(f"sections.json rule {i}: {exc}") from exc
    return tuple(out)


def section_prior(heading: str) -> str | None:
    for pattern, prior in section_rules():
        if pattern.search(heading):
            return prior
    return None


class PhraseIndex:
    """Finds stemmed phrases in a stemmed token sequence (longest first), by their first word."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in phrases.items():
            parts = tuple(phrase.split())
            if parts:
                self.by_first.setdefault(parts[0], []).append((parts, value))
        for options in self.by_first.values():
            options.sort(key=lambda o: -len(o[0]))

    def find(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        found = []
        i = 0
        while i < len(tokens):
            for parts, value in self.by_first.get(tokens[i], ()):
                if tuple(tokens[i:i + len(parts)]) == parts:
                    found.append((i, i + len(parts), value))
                    i += len(parts) - 1
                    break
            i += 1
        return found


@lru_cache(maxsize=2)
def topic_index(include_plain: bool = False) -> PhraseIndex:
    phrases: dict[str, str] = {}
    for t in topics():
        for term in t.terms + (t.plain if include_plain else ()):
            phrases.setdefault(term, t.id)
    return PhraseIndex(phrases)


def find_topics(tokens: list[str], *, include_plain: bool = False) -> list[str]:
    """Topic ids mentioned in a stemmed token sequence, most mentioned first."""
    counts: dict[str, int] = {}
    for _, _, topic_id in topic_index(include_plain).find(tokens):
        counts[topic_id] = counts.get(topic_id, 0) + 1
    return sorted(counts, key=lambda t: -counts[t])


@lru_cache(maxsize=1)
def entity_index() -> PhraseIndex:
    return PhraseIndex({stem_phrase(e.form): e.canonical for e in entity_forms()})
