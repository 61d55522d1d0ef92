"""The ranking model: named weights over the candidate features, and every other number ranking and
composition use, loaded from nlp_models/ranking.json and validated (a bad file fails with a clear error)."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from pathlib import Path

from ..index.telling import RANKING_FILE, RankingDataError, numbers
from .features import FeatureParams, Features

SECTIONS = ("judgement", "strengths", "weaknesses", "actions", "figures", "quotes")


@dataclass(frozen=True)
class Retrieval:
    generic_scope_limit: float  # a whole-document question takes every finding when its documents have fewer sentences
    people_base: float  # the score of a quote by a person the question names
    people_step: float  # ... less this per earlier quote, so they keep document order
    headline_scope_limit: float  # headline paragraphs are found for questions over at most this many documents
    headline_scan: float  # ... among each document's first paragraphs
    headline_paragraphs: float  # ... this many after its grades table and after its summary heading
    news_scope_limit: float  # a press question takes every line of the articles in scope, when at most this many
    actions_scope_limit: float  # a question for what must improve takes every recommendation of at most this many documents
    anaphora_antecedents: float  # the best-matched lines whose next line is read too when it leans on them ('This ...')
    anaphora_share: float  # a line leaning on the line before it matches at least this share of that line's score
    name_paragraphs: float  # a name the question writes ('No Labels') is searched as written when at most this many
    # paragraphs in scope hold it: more, and it is no distinctive name ('Ofsted')
    label_words: float  # a paragraph of at most this many words and no closing punctuation is a label that names
    # the lines after it ('Care leavers' in a list of what must improve), never a line of a briefing


@dataclass(frozen=True)
class JudgementScores:
    """Graded judgements are placed first; these order them."""

    wanted: float  # the question asks for grades
    unwanted: float  # it does not, but a topic maps to a graded area
    change: float  # a question about change: every inspection's grade, oldest first
    order_step: float  # on a change question, per inspection older than a row's (within an area, the oldest first)
    area_step: float  # per area after the question's first
    year_step: float  # per year after base_year: newer inspections first
    base_year: float


@dataclass(frozen=True)
class Packing:
    max_words: float  # the default word budget of a briefing
    queue_limit: float  # lines further down a section's ranking are never considered
    floor_ratio: float  # a line scoring under this share of the best line is not shown
    max_lines_per_paragraph: float  # in one section
    same_document_penalty: float  # share of the score (0..1) taken off per line a section already has from the same document
    same_paragraph_penalty: float  # ... and per line it already has from the same paragraph (distinct paragraphs first)
    side_by_side_councils: float  # a question naming at least this many councils is answered side by side:
    lines_per_council: float  # ... each named council gets this many lines in every section it has candidates for
    side_by_side_inspections: float  # a question about change with lines from at least this many inspections (and
    # no councils compared) gives each inspection its `lines_per_council` lines in every section first
    round_lines: float  # lines each section takes in turn, in the question's order of interest, before ...
    fill_ratio: float  # once every quota is met, words left go to the best lines scoring at least this share of the best
    fill_lines: float  # ... up to this many more lines per section than its quota
    length_exponent: float  # fitted: a section takes its lines by score / words ** this (0: by score alone), so
    # of two lines scoring close the shorter goes first and leaves words for another (1: the knapsack's score per word)
    swap_gain: float  # fitted: a line too long for the words left takes the place of the weakest shown lines whose
    # words it needs when it scores more than this many times their sum (0: never), as a knapsack would choose


@dataclass(frozen=True)
class Duplicates:
    """Near-duplicate lines (rapidfuzz scores 0..100) are merged under the primary source."""

    min_chars: float  # shorter lines are never merged
    length_ratio: float  # the shorter line is at least this share of the longer for a token-set match
    token_set: float  # token_set_ratio at or above which two lines are the same
    partial_min_chars: float  # a partial match needs a line at least this long
    partial: float  # partial_ratio at or above which one line contains the other


@dataclass(frozen=True)
class Sections:
    """Which sections a finding is a candidate in besides its role's (the model's features then weigh
    each reading; packing shows the line once, in the section it scores best in)."""

    split_role_p: float  # fitted: a strength or weakness the role classifier gives less than this probability
    # is also read as the opposite finding
    mixed_cues: float  # a finding whose positive and negative cues both weigh at least this is also read as the opposite


@dataclass(frozen=True)
class Model:
    """Features -> score (a logistic model), with the packing and judgement constants beside it."""

    weights: tuple[float, ...]  # in Features.names() order
    bias: float
    features: FeatureParams
    retrieval: Retrieval
    judgements: JudgementScores
    packing: Packing
    duplicates: Duplicates
    sections: Sections
    quotas: dict  # rule name -> {section: lines}; 'base' always applies, then the question's
    authority: dict  # document kind -> weight of its word when two sources say the same
    fitted_by: str
    version: str  # digest of the file: part of the answer version

    def logit(self, f: Features) -> float:
        return self.bias + sum(map(mul, self.weights, f.vector()))  # the products summed in order, as a loop would

    def score(self, f: Features) -> float:
        """The model's probability that the line carries a fact the question asks for."""
        z = self.logit(f)
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    def contributions(self, f: Features) -> list[tuple[str, float, float]]:
        """(feature, value, weight x value) for the features that moved this line, largest first."""
        rows = [(n, x, w * x) for n, w, x in zip(Features.names(), self.weights, f.vector()) if x]
        return sorted(rows, key=lambda r: -abs(r[2]))


def _section_counts(block: object, where: str) -> dict:
    if not isinstance(block, dict):
        raise RankingDataError(f"{where}: quotas must be an object of rules")
    for name, rule in block.items():
        if not isinstance(rule, dict) or any(k not in SECTIONS or not isinstance(v, int) or v < 0 for k, v in rule.items()):
            raise RankingDataError(f"{where}: quota rule {name!r} must map sections {SECTIONS} to counts >= 0")
    if "base" not in block or set(block["base"]) != set(SECTIONS):
        raise RankingDataError(f"{where}: the 'base' quota must give every section a count")
    return block


def load_model(path: Path = RANKING_FILE) -> Model:
    name = path.name
    try:
        raw = path.read_bytes()
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise RankingDataError(f"{path}: cannot read the ranking model ({exc})") from None
    if not isinstance(data, dict):
        raise RankingDataError(f"{path}: the ranking model must be a JSON object")

    def block(key: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise RankingDataError(f"{name}: no '{key}' block (an object)")
        return value

    weights = block("weights")
    names = Features.names()
    unknown = sorted(set(weights) - set(names))
    missing = [n for n in names if n not in weights]
    if unknown or missing:
        raise RankingDataError(f"{name} 'weights': " + "; ".join(
            ([f"unknown features {unknown}"] if unknown else []) + ([f"missing features {missing}"] if missing else [])))
    if any(not isinstance(weights[n], (int, float)) or isinstance(weights[n], bool) or not math.isfinite(weights[n])
           for n in names):
        raise RankingDataError(f"{name} 'weights': every weight must be a finite number")
    bias = data.get("bias")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool):
        raise RankingDataError(f"{name}: 'bias' must be a number")
    packing = numbers(block("packing"), Packing, f"{name} 'packing'")
    shares = ("floor_ratio", "fill_ratio", "same_document_penalty", "same_paragraph_penalty")
    if any(not 0 <= getattr(packing, k) <= 1 for k in shares) or packing.max_words < 1:
        raise RankingDataError(f"{name} 'packing': {', '.join(shares)} must be 0..1 and max_words positive")
    if any(getattr(packing, k) < 0 for k in ("round_lines", "fill_lines", "queue_limit", "max_lines_per_paragraph")):
        raise RankingDataError(f"{name} 'packing': line counts must not be negative")
    authority = block("authority")
    if "other" not in authority or any(not isinstance(v, (int, float)) for v in authority.values()):
        raise RankingDataError(f"{name} 'authority': numbers by document kind, with an 'other'")
    return Model(
        weights=tuple(float(weights[n]) for n in names), bias=float(bias),
        features=numbers(block("features"), FeatureParams, f"{name} 'features'"),
        retrieval=numbers(block("retrieval"), Retrieval, f"{name} 'retrieval'"),
        judgements=numbers(block("judgements"), JudgementScores, f"{name} 'judgements'"),
        packing=packing,
        duplicates=numbers(block("duplicates"), Duplicates, f"{name} 'duplicates'"),
        sections=numbers(block("sections"), Sections, f"{name} 'sections'"),
        quotas=_section_counts(block("packing").get("quotas"), f"{name} 'packing'"),
        authority=dict(authority), fitted_by=str(data.get("fitted_by", "")),
        version=hashlib.sha1(raw).hexdigest()[:12])


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, loaded once."""
    return load_model()
