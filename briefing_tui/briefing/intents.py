"""Question kinds, speaker roles and figure subjects from the phrase patterns in nlp_models/intents.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from ..settings import models_dir

MODELS = models_dir()
INTENTS = ("judgement", "strengths", "weaknesses", "actions", "figures", "quotes", "response", "change", "comparison")


class BadIntentData(ValueError):
    """intents.json is malformed; the message names the entry."""


@dataclass(frozen=True)
class Intent:
    id: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    consume: tuple[re.Pattern[str], ...]
    implies: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerRole:
    role: str
    label: str
    asked: tuple[re.Pattern[str], ...]
    described: tuple[re.Pattern[str], ...]
    source: bool = False  # a kind of document as well as a speaker: named without asking what was said


@dataclass(frozen=True)
class Grammar:
    intents: tuple[Intent, ...]
    whole_document: tuple[re.Pattern[str], ...]
    speakers: tuple[SpeakerRole, ...]
    subject_patterns: tuple[re.Pattern[str], ...]
    subject_ends: frozenset[str]
    subject_keep: tuple[str, ...]  # phrases whose inner word would end a subject ('children in care')
    units: tuple[tuple[tuple[re.Pattern[str], ...], frozenset[str]], ...] = ()  # (asked, units) of figure questions
    framing: frozenset[str] = frozenset()  # words that only frame a question ('someone', 'dont')
    document_bodies: frozenset[str] = frozenset()  # entities naming who inspects or is inspected, not a subject
    suffixes: tuple[str, ...] = ()  # endings of one word family the stemmer leaves apart ('ent', 'enc')
    min_root: int = 5  # ... after a root of at least this many letters


@dataclass(frozen=True)
class Reading:
    """What the phrase patterns read in a question."""

    intents: frozenset[str]
    whole_document: bool  # asks for a document's headline findings or recommendations, if no topic is named
    speaker_roles: tuple[str, ...]
    figure_subject: str | None
    consumed: frozenset[str]  # words that say what kind of answer is wanted, not what it is about
    figure_units: frozenset[str] = frozenset()  # the units a figure question asks for ('how long': days, weeks ...)


def _patterns(where: str, values: object) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise BadIntentData(f"intents.json {where}: must be a list of regular expressions")
    out = []
    for v in values:
        try:
            out.append(re.compile(v))
        except re.error as exc:
            raise BadIntentData(f"intents.json {where}: {v!r}: {exc}") from exc
    return tuple(out)


def parse_grammar(data: dict) -> Grammar:
    """Validates the file's content: known intent ids, compilable patterns, a 'subject' group."""
    intents = []
    for i, row in enumerate(data.get("intents", [])):
        if not isinstance(row, dict) or row.get("id") not in INTENTS:
            raise BadIntentData(f"intents.json intent {i}: id must be one of {list(INTENTS)}")
        implies = row.get("implies", [])
        if not isinstance(implies, list) or any(x not in INTENTS for x in implies):
            raise BadIntentData(f"intents.json intent {row['id']}: 'implies' must list intent ids")
        intents.append(Intent(row["id"], _patterns(f"{row['id']}.patterns", row.get("patterns")),
                              _patterns(f"{row['id']}.unless", row.get("unless", [])),
                              _patterns(f"{row['id']}.consume", row.get("consume", [])), tuple(implies)))
    speakers = []
    for i, row in enumerate(data.get("speakers", [])):
        if not isinstance(row, dict) or not isinstance(row.get("role"), str) or not row["role"]:
            raise BadIntentData(f"intents.json speaker {i}: needs a role")
        speakers.append(SpeakerRole(row["role"], row.get("label", row["role"]),
                                    _patterns(f"speaker {row['role']}.asked", row.get("asked")),
                                    _patterns(f"speaker {row['role']}.described", row.get("described")),
                                    bool(row.get("source", False))))
    subject = data.get("figure_subject", {})
    subject_patterns = _patterns("figure_subject.patterns", subject.get("patterns"))
    if any("subject" not in p.groupindex for p in subject_patterns):
        raise BadIntentData("intents.json figure_subject.patterns: each needs a (?P<subject>...) group")
    ends, keep = subject.get("subject_ends", []), subject.get("keep_in", [])
    if not all(isinstance(x, str) for x in [*ends, *keep]):
        raise BadIntentData("intents.json figure_subject: 'subject_ends' and 'keep_in' must list words and phrases")
    units = []
    for i, row in enumerate(data.get("figure_units", [])):
        if not isinstance(row, dict) or not isinstance(row.get("units"), list) or not row["units"] \
                or not all(isinstance(u, str) and u for u in row["units"]):
            raise BadIntentData(f"intents.json figure_units {i}: needs 'asked' patterns and a list of 'units'")
        units.append((_patterns(f"figure_units {i}.asked", row.get("asked")), frozenset(row["units"])))
    return Grammar(tuple(intents), _patterns("whole_document.patterns", data.get("whole_document", {}).get("patterns")),
                   tuple(speakers), subject_patterns, frozenset(ends), tuple(sorted(keep, key=len, reverse=True)),
                   tuple(units), _words("framing", data.get("framing", [])),
                   _words("document_bodies", data.get("document_bodies", [])),
                   *_derivations(data.get("derivations", {"suffixes": [], "min_root": 5})))


def _derivations(block: object) -> tuple[tuple[str, ...], int]:
    if not isinstance(block, dict) or not isinstance(block.get("min_root"), int) or block["min_root"] < 1:
        raise BadIntentData("intents.json derivations: needs 'suffixes' and a positive 'min_root'")
    return tuple(sorted(_words("derivations.suffixes", block.get("suffixes")), key=len, reverse=True)), block["min_root"]


def _words(where: str, values: object) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise BadIntentData(f"intents.json {where}: must be a list of words")
    return frozenset(values)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    path = MODELS / "intents.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BadIntentData(f"{path}: {exc}") from exc
    return parse_grammar(data)


def plain(text: str) -> str:
    """The form patterns are matched against: lower case, words separated by single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?|%", text.lower().replace("\u2019", "'"))).replace("'", " ")


def read(question: str, g: Grammar | None = None) -> Reading:
    g = g or grammar()
    text = plain(question)
    intents: set[str] = set()
    consumed: set[str] = set()
    for intent in g.intents:
        if any(p.search(text) for p in intent.patterns) and not any(p.search(text) for p in intent.unless):
            intents.add(intent.id)
            intents.update(intent.implies)
            for p in intent.consume:
                consumed.update(w for m in p.finditer(text) for w in m.group(0).split())
    # 'checked by a manager' names no speaker: a role counts in a question about what was said.
    said = bool(intents & {"quotes", "response"})
    roles = tuple(r.role for r in g.speakers if (said or r.source) and any(p.search(text) for p in r.asked))
    for r in g.speakers:  # words naming the documents to look in ('the local paper') are not the subject
        if r.source and r.role in roles:
            consumed.update(w for p in r.asked for m in p.finditer(text) for w in m.group(0).split())
    figures = "figures" in intents
    units = frozenset(u for asked, us in g.units if figures and any(p.search(text) for p in asked) for u in us)
    return Reading(frozenset(intents), any(p.search(text) for p in g.whole_document), roles,
                   figure_subject(text, g) if figures else None, frozenset(consumed), units)


def figure_subject(text: str, g: Grammar) -> str | None:
    """What a figure question counts: 'how many children in care are there' -> 'children in care'."""
    for p in g.subject_patterns:
        m = p.search(text)
        if not m:
            continue
        rest = m.group("subject")
        for phrase in g.subject_keep:  # protect 'in' inside a fixed phrase from ending the subject
            rest = rest.replace(phrase, phrase.replace(" ", "_"))
        kept = []
        for w in rest.split():
            if w in g.subject_ends:
                break
            kept.append(w.replace("_", " "))
        if kept:
            return " ".join(kept)
    return None


def speakers_in_role(roles: tuple[str, ...], people: list[str], g: Grammar | None = None) -> list[str]:
    """Stored speakers whose description gives them one of the roles ('cabinet member' for a portfolio holder)."""
    g = g or grammar()
    wanted = [r for r in g.speakers if r.role in roles]
    return [p for p in people if any(d.search(p.lower()) for r in wanted for d in r.described)]
