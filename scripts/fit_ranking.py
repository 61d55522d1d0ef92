"""Fit the ranking model's weights (nlp_models/ranking.json) on labelled questions: the TUNE split of
benchmarks/questions (every *.json there) plus the two public dev sets, never the test split.

    python scripts/fit_ranking.py            # fit, report, write nlp_models/ranking.json
    python scripts/fit_ranking.py --dry-run  # fit and report only

Every candidate line the engine retrieves for a question is labelled 1 when it contains one of the
question's expected facts in a section the fact allows, else 0. Two learners over the features of
briefing_tui/briefing/features.py give weights: a logistic regression (L2, Newton's method, numpy) and
a listwise softmax loss within each question's section. The learner, its L2 strength and the packing's
numbers (floor, same-document and same-paragraph penalties, the lines each section takes in turn, the
words left over given to the best lines of any section) are chosen by CROSS-VALIDATION over questions, grouped by document:
the questions fall into FOLDS folds (by a digest of the documents they are about), each fold's briefings are packed with
weights fitted on the other folds, and the choice is the one whose held-out `criterion` is best: the
facts found, less `--misplaced-cost` (default MISPLACED_COST, 0.5) for each line shown in the wrong finding
section (a forbidden placement, or a line against its hand label in nlp_models/roles/labels.jsonl), which
are printed beside the recall. In-sample recall (fitting and scoring on the same facts) overfits, so it is
printed but never chooses. The chosen learner is then refitted on every question for the shipped weights.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quality import SHARED, doc_path, own_sets, split_of, splits  # noqa: E402
from scoring import against_label, norm  # noqa: E402

from briefing_tui.briefing.compose import answerable, candidates_for  # noqa: E402
from briefing_tui.briefing.features import OPPOSITE, Candidate, Features  # noqa: E402
from briefing_tui.briefing.model import Model, load_model  # noqa: E402
from briefing_tui.briefing.pack import Packed, pack  # noqa: E402
from briefing_tui.briefing.query import parse_query  # noqa: E402
from briefing_tui.briefing.rank import reads_opposite  # noqa: E402
from briefing_tui.briefing.scope import descriptors_out, scope  # noqa: E402
from briefing_tui.index.telling import RANKING_FILE, ROLE_SECTION  # noqa: E402

METHODS = ("logistic", "listwise", "pairwise")
# The learners a fit tries unless --methods says: pairwise held out 0.749 pooled against logistic's 0.759
# (l2 3, session 17), so it is there to try, not tried by default (each learner is 5 fits of the grid's L2s).
DEFAULT_METHODS = ("logistic", "listwise")
# Session 20 chose 0.3, the grid's smallest; with 0.1 in the grid (and 30 out) the fit chose 0.1 at the same
# pooled held-out recall (0.843) and a lower mean of sets (0.809 against 0.813), so the grid stays.
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
# The packing's numbers, chosen one group at a time (coordinate ascent over held-out recall), each group
# from its grid of settings. The fill's two numbers move together: either alone changes nothing.
PACKING_GRID = {
    ("floor_ratio",): ((0.0,), (0.01,), (0.03,)),
    ("same_document_penalty",): ((0.0,), (0.2,), (0.5,)),
    ("same_paragraph_penalty",): ((0.0,), (0.2,), (0.5,), (0.9,)),
    ("round_lines",): ((1,), (2,), (100,)),
    ("fill_lines", "fill_ratio"): ((0, 1.0), (1, 0.1), (2, 0.1), (4, 0.1), (1, 0.01), (2, 0.01), (4, 0.01)),
    ("length_exponent",): ((0.0,), (0.25,), (0.5,), (1.0,)),
    ("swap_gain",): ((0.0,), (1.0,), (1.5,), (2.0,)),
    # A question about change with lines from this many inspections gives each its lines first (100: never).
    ("side_by_side_inspections",): ((2,), (100,)),
    # The section quotas (ranking.json packing 'quotas', rule.section): how many lines each section takes
    # before words left go to the best lines of any section. The base rule's only: in session 17 the
    # strengths_only and weaknesses_only quotas (4, 6) changed no held-out fact (the fill already gives
    # those sections their lines), and the base quotas moved at most 3 of 1,226.
    ("quotas.base.strengths",): ((2,), (3,), (4,)),
    ("quotas.base.weaknesses",): ((3,), (4,), (5,)),
    ("quotas.base.actions",): ((1,), (2,), (3,)),
    ("quotas.base.figures",): ((1,), (2,), (3,)),
}
PACKING_SWEEPS = 2
# The role probability under which a strength or weakness is also a candidate as the opposite finding
# (ranking.json 'sections' split_role_p, rank.reads_opposite): chosen by held-out recall after the learner
# and packing; candidates are collected at the grid's largest value and filtered for each smaller one.
SPLIT_GRID = (0.0, 0.6, 0.7, 0.8, 0.9)
NEWTON_STEPS = 30
LISTWISE_STEPS = 600
LISTWISE_RATE = 0.05
# The pairwise learner pairs each expected-fact line with the irrelevant lines of its question's section
# that a first pointwise fit ranks highest: those packing would show in its place (the top few ranks).
PAIR_RIVALS = 10


@dataclass(frozen=True)
class Example:
    """One tuning question with its candidates (features fixed; scores come from the model being fitted)."""

    qid: str
    facts: tuple[tuple[str, tuple[str, ...]], ...]  # (normalised find, allowed sections or all)
    intents: frozenset[str]
    answerable: bool
    candidates: tuple[Candidate, ...]
    councils: tuple[str, ...] = ()  # the councils it names (two or more are packed side by side)
    forbids: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (normalised find, sections it must not be shown in)


def label(c: Candidate, facts) -> int:
    text = norm(c.text)
    return int(any(f in text and (not allowed or c.kind in allowed) for f, allowed in facts))


def corpora() -> list[tuple[str, list[Path], list[dict]]]:
    """(name, corpus, questions): the public dev sets and the tune split, never the test split."""
    out = [("dev_queries", [ROOT / "seeds"], json.loads((SHARED / "eval" / "dev_queries.json").read_text())["queries"])]
    wide = json.loads((SHARED / "eval" / "dev_wide.json").read_text())
    out.append(("dev_wide", [doc_path(d) for d in wide["corpus"]], wide["queries"]))
    split = splits()
    own = [q for _, qs in own_sets() for q in qs]
    tune = [q for q in own if split_of(q, split) == "tune"]
    assert all(split_of(q, split) != "test" for q in tune)
    unsplit = [q["id"] for q in own if split_of(q, split) is None]
    if unsplit:
        print(f"{len(unsplit)} questions of benchmarks/questions have documents of no split (or of both) in "
              f"splits.json and are not used: {', '.join(unsplit[:8])}{' ...' if len(unsplit) > 8 else ''}",
              file=sys.stderr)
    out.append(("tune", [doc_path(d) for d, s in sorted(split.items()) if s == "tune"], tune))
    return out


def collect(m: Model) -> list[Example]:
    from briefing_tui.briefing.engine import Engine

    examples = []
    for name, corpus, questions in corpora():
        engine = Engine(corpus)
        engine.open()
        index = engine.index
        for q in questions:
            parsed = parse_query(q["query"], index)
            docs, _ = scope(index, parsed, None)
            if not parsed.text or not docs:
                continue
            if parsed.years and len(docs) < len(index.docs):
                parsed = descriptors_out(parsed, [index.docs[d] for d in docs])
            cands = candidates_for(index, parsed, docs, m)
            facts = tuple((norm(f["find"]), tuple(f.get("in") or ())) for f in q.get("expect", []))
            forbids = tuple((norm(f["find"]), tuple(f.get("in") or ())) for f in q.get("forbid", []))
            examples.append(Example(f"{name}/{q['id']}", facts, parsed.intents, answerable(parsed, cands), tuple(cands),
                                    parsed.councils, forbids))
        print(f"{name}: {len(questions)} questions over {len(corpus)} corpus paths", file=sys.stderr)
    return examples


class _Kept(pickle.Unpickler):
    """Reads kept examples whichever script kept them (run as a script, this module is '__main__')."""

    def find_class(self, module: str, name: str):
        return Example if name == Example.__name__ else super().find_class(module, name)


def examples_for(m: Model, kept: Path | None = None) -> list[Example]:
    """The tuning questions with their candidates, collected at the grid's largest split_role_p (`split_at`
    takes each smaller one's out); kept in `kept` (a pickle) and read back from it when it exists, as
    features do not depend on the weights."""
    if kept and kept.is_file():
        with kept.open("rb") as f:
            return _Kept(f).load()
    examples = collect(replace(m, sections=replace(m.sections, split_role_p=max(SPLIT_GRID))))
    if kept:
        kept.write_bytes(pickle.dumps(examples))
    return examples


def split_at(examples: list[Example], m: Model, split_role_p: float) -> list[Example]:
    """The questions with the candidates collected at a larger split_role_p that this one would not make
    (an opposite reading of a finding the classifier is surer of, unless its cues judge both ways)."""
    sections = replace(m.sections, split_role_p=split_role_p)

    def made(c: Candidate) -> bool:
        h = c.hit
        return h is None or c.kind != OPPOSITE.get(ROLE_SECTION.get(h.role, "")) or reads_opposite(h, c.text, sections)

    return [replace(ex, candidates=tuple(c for c in ex.candidates if made(c))) for ex in examples]


def choose_split(examples: list[Example], m0: Model, cv: CrossValidated, packing: dict):
    """split_role_p by held-out recall (`criterion`) with the chosen learner and packing, the smallest
    of the best; with its questions and cross-validated models."""
    best = None
    for t in SPLIT_GRID:
        ex_t = split_at(examples, m0, t)
        run = cross_validate(ex_t, m0, cv.method, cv.l2)
        sets = run.recall(ex_t, packing)
        print(f"  split_role_p={t}: held-out recall {pooled(sets):.3f} pooled, {mean_recall(sets):.3f} mean of sets, "
              f"{misplaced_lines(sets)} lines misplaced",
              file=sys.stderr)
        if best is None or criterion(sets) > best[0] + 1e-9:
            best = (criterion(sets), t, ex_t, run)
    return best[1:]


def design(examples: list[Example]):
    """Feature rows, labels and group ids (one group per question and section)."""
    rows, ys, groups = [], [], []
    for n, ex in enumerate(examples):
        for c in ex.candidates:
            if c.feats is not None:
                rows.append(c.feats.vector())
                ys.append(label(c, ex.facts))
                groups.append(f"{n}/{c.kind}")
    _, gid = np.unique(np.array(groups), return_inverse=True)
    return np.array(rows).reshape(len(ys), len(Features.names())), np.array(ys, dtype=float), gid


def listwise(x: np.ndarray, y: np.ndarray, gid: np.ndarray, l2: float, steps: int = LISTWISE_STEPS,
             rate: float = LISTWISE_RATE) -> np.ndarray:
    """Weights that put an expected-fact line first within its question's section: the softmax
    (ListNet-style) loss over each group holding a positive, L2-penalised, by gradient descent (Adam)."""
    keep = np.isin(gid, np.unique(gid[y > 0]))
    x, y, gid = x[keep], y[keep], gid[keep]
    _, gid = np.unique(gid, return_inverse=True)
    groups = gid.max() + 1
    beta = np.zeros(x.shape[1])
    m1, m2 = np.zeros_like(beta), np.zeros_like(beta)
    for t in range(1, steps + 1):
        z = x @ beta
        z = z - np.bincount(gid, weights=z, minlength=groups)[gid] / np.bincount(gid, minlength=groups)[gid]
        e = np.exp(np.clip(z, -30, 30))
        p_all = e / np.bincount(gid, weights=e, minlength=groups)[gid]
        ep = e * (y > 0)
        p_pos = ep / np.maximum(np.bincount(gid, weights=ep, minlength=groups)[gid], 1e-12)
        grad = (x.T @ (p_all - p_pos) + l2 * beta) / groups  # the summed loss + l2/2 x the squared weights
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad ** 2
        beta -= rate * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    return beta


def pairwise(x: np.ndarray, y: np.ndarray, gid: np.ndarray, l2: float, rivals: int = PAIR_RIVALS) -> np.ndarray:
    """Weights that rank an expected-fact line above the irrelevant lines of its question's section that
    compete with it (RankNet with a logistic loss): a logistic regression on the differences of their
    feature rows, each pair once each way (so no intercept is learnt), each group's pairs weighted to
    sum to one (a question with many lines counts as much as one with few). The irrelevant lines paired
    are the group's `rivals` best by a pointwise logistic fit: the lines packing would show instead,
    so the loss is on the top ranks, not on lines far below any briefing."""
    first, _ = logistic(x, y, np.ones(len(y)), l2)
    z = x @ first
    left, right, weight = [], [], []
    order = np.lexsort((-z, gid))  # by group, best first within it
    bounds = np.flatnonzero(np.diff(gid[order])) + 1
    for rows in np.split(order, bounds):
        pos = rows[y[rows] > 0]
        neg = rows[y[rows] <= 0][:rivals]
        if not len(pos) or not len(neg):
            continue
        a, b = np.repeat(pos, len(neg)), np.tile(neg, len(pos))
        left.append(a)
        right.append(b)
        weight.append(np.full(len(a), 1.0 / len(a)))
    a, b, w = np.concatenate(left), np.concatenate(right), np.concatenate(weight)
    d = x[a] - x[b]
    coef, _ = logistic(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], np.r_[w, w], l2)
    return coef


def calibrated(x: np.ndarray, y: np.ndarray, gid: np.ndarray, coef: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """A ranking's weights made a calibrated probability, so its lines compare across sections and with
    the packing's floors: a logistic regression on its score (Platt scaling) and on the features the
    ranking cannot weigh, those constant within each question's section (the section, the wanted section)."""
    size = np.bincount(gid, minlength=gid.max() + 1)  # rows per group
    means = np.stack([np.bincount(gid, weights=col, minlength=gid.max() + 1) / size for col in x.T], axis=1)
    constant = np.flatnonzero(np.all(np.isclose(x, means[gid]), axis=0) & (x.std(axis=0) > 0))
    columns = np.column_stack([x @ coef, x[:, constant]])
    weights, bias = logistic(columns, y, np.ones(len(y)), l2)
    out = coef * weights[0]
    out[constant] += weights[1:]
    return out, bias


def logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the intercept is not penalised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + penalty * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta[:-1], float(beta[-1])


def fit(examples: list[Example], method: str, l2: float) -> tuple[np.ndarray, float]:
    """Weights and bias by one learner on these questions."""
    x, y, gid = design(examples)
    if method == "logistic":
        return logistic(x, y, np.ones(len(y)), l2)
    ranking = listwise(x, y, gid, l2) if method == "listwise" else pairwise(x, y, gid, l2)
    return calibrated(x, y, gid, ranking, l2)


def _key(ex: Example) -> tuple[str, int]:
    """An example's identity for the caches below: split_at keeps nested subsets of one question's
    candidates (a smaller split_role_p drops more), so its id and candidate count name one subset."""
    return ex.qid, len(ex.candidates)


_ROWS: dict[tuple[str, int], tuple[list[int], np.ndarray]] = {}


def _rows(ex: Example) -> tuple[list[int], np.ndarray]:
    """The ranked candidates' positions and feature rows: fixed while the weights change, so made once."""
    key = _key(ex)
    if key not in _ROWS:
        ranked = [n for n, c in enumerate(ex.candidates) if c.feats is not None]
        _ROWS[key] = ranked, np.array([ex.candidates[n].feats.vector() for n in ranked]).reshape(len(ranked), -1)
    return _ROWS[key]


def rescored(ex: Example, m: Model) -> list[Candidate]:
    """The question's candidates scored by `m` (one matrix product; the same numbers as Model.score)."""
    ranked, x = _rows(ex)
    if not ranked:
        return list(ex.candidates)
    z = x @ np.array(m.weights) + m.bias
    scores = dict(zip(ranked, np.where(z > -40, 1 / (1 + np.exp(-np.clip(z, -40, 40))), 0.0).tolist()))
    return [c.scored(c.feats, scores[n]) if n in scores else c for n, c in enumerate(ex.candidates)]


_FOUND: dict[tuple, tuple[int, int]] = {}


def found(ex: Example, m: Model) -> tuple[int, int]:
    """Expected facts the packed briefing shows in an allowed section (the score.py rule), and the lines it
    misplaces (`misplaced`); remembered for each question, weights and packing, as the grid comes back to the
    same settings."""
    if not ex.answerable:
        return 0, 0
    key = (_key(ex), m.weights, m.bias, m.packing, tuple((r, tuple(sorted(q.items()))) for r, q in sorted(m.quotas.items())))
    if key not in _FOUND:
        _FOUND[key] = _found(ex, m)
    return _FOUND[key]


def packed(ex: Example, m: Model, scored: list[Candidate] | None = None) -> Packed:
    """The question's briefing as `m` packs it (its candidates `rescored` by `m` unless given)."""
    people = any(c.kind == "quotes" and c.feats is None for c in ex.candidates)  # quotes of people it names
    return pack(scored if scored is not None else rescored(ex, m), ex.intents, int(m.packing.max_words), m,
                people=people, councils=ex.councils)


def _found(ex: Example, m: Model) -> tuple[int, int]:
    shown = [(k, norm(c.text)) for k, cs in packed(ex, m).chosen.items() for c in cs]
    return sum(any(f in t and (not allowed or k in allowed) for k, t in shown) for f, allowed in ex.facts), \
        misplaced(ex, shown)


def misplaced(ex: Example, shown: list[tuple[str, str]]) -> int:
    """Polarity errors of a briefing: its forbidden placements (the question writers') and the finding lines
    it shows against their hand label (a labelled weakness shown as a strength, or the reverse)."""
    return sum(any(f in t and k in sections for k, t in shown) for f, sections in ex.forbids) + \
        sum(against_label(k, t) for k, t in shown)


def set_of(ex: Example) -> str:
    return ex.qid.split("/")[0]


def by_set(pairs: list[tuple[Example, Model]]) -> dict[str, tuple[int, int, int]]:
    """(facts found, facts, lines misplaced) for each tuning set, each question packed with its own model."""
    out: dict[str, tuple[int, int, int]] = {}
    for ex, m in pairs:
        f, t, w = out.get(set_of(ex), (0, 0, 0))
        hits, wrong = found(ex, m)
        out[set_of(ex)] = (f + hits, t + len(ex.facts), w + wrong)
    return out


def mean_recall(sets: dict[str, tuple[int, ...]]) -> float:
    """Mean over the tuning sets of each set's recall, so the small seeds set counts as much as the others."""
    return sum(s[0] / s[1] for s in sets.values() if s[1]) / max(1, len(sets))


def pooled(sets: dict[str, tuple[int, ...]]) -> float:
    """Facts found / facts over every set: each fact once, the steadier figure to choose by (the seeds
    set's 28 facts move its own recall 0.036 a fact)."""
    return sum(s[0] for s in sets.values()) / max(1, sum(s[1] for s in sets.values()))


def misplaced_lines(sets: dict[str, tuple[int, int, int]]) -> int:
    return sum(s[2] for s in sets.values())


def credited(sets: dict[str, tuple[int, int, int]], cost: float) -> dict[str, tuple[float, int]]:
    """Each set's facts found less `cost` for each line it misplaces, and its facts."""
    return {k: (f - cost * w, t) for k, (f, t, w) in sets.items()}


def recall(examples: list[Example], m: Model) -> tuple[float, int]:
    """In-sample recall of one model on every question, and the number of facts."""
    sets = by_set([(ex, m) for ex in examples])
    return mean_recall(sets), sum(s[1] for s in sets.values())


def per_set(sets: dict[str, tuple[int, ...]]) -> str:
    return ", ".join(f"{k} {s[0] / s[1]:.3f}" for k, s in sets.items() if s[1])


def fold_of(ex: Example, folds: int = FOLDS) -> int:
    """A question's fold: a digest of the documents it is about (its id where the set names none), so the
    questions on one report are held out together, as the project's held-back questions are on reports the fit
    never saw, and a question keeps its fold when others are added."""
    return zlib.crc32(_documents().get(ex.qid, ex.qid).encode()) % folds


@lru_cache(maxsize=1)
def _documents() -> dict[str, str]:
    """The documents each tune question names (its 'docs'), joined, by the qid `collect` gives it."""
    return {f"tune/{q['id']}": " ".join(sorted(q["docs"])) for _, qs in own_sets() for q in qs if q.get("docs")}


@dataclass(frozen=True)
class CrossValidated:
    """One learner's weights fitted without each fold, to pack that fold's questions (held out)."""

    method: str
    l2: float
    models: tuple[Model, ...]  # by fold

    def pairs(self, examples: list[Example], packing: dict) -> list[tuple[Example, Model]]:
        return [(ex, with_packing(self.models[fold_of(ex)], packing)) for ex in examples]

    def recall(self, examples: list[Example], packing: dict) -> dict[str, tuple[int, int]]:
        """(facts found, facts) by set, every question packed by the model fitted without it."""
        return by_set(self.pairs(examples, packing))


def cross_validate(examples: list[Example], m0: Model, method: str, l2: float) -> CrossValidated:
    models = []
    for fold in range(FOLDS):
        coef, bias = fit([ex for ex in examples if fold_of(ex) != fold], method, l2)
        models.append(with_weights(m0, coef, bias))
    return CrossValidated(method, l2, tuple(models))


def with_weights(m: Model, coef, bias: float) -> Model:
    return replace(m, weights=tuple(float(round(v, 4)) for v in coef), bias=float(round(bias, 4)))


QUOTA = "quotas."  # a packing grid name 'quotas.RULE.SECTION' is the lines SECTION takes under quota rule RULE


def with_packing(m: Model, packing: dict) -> Model:
    quotas = {rule: dict(counts) for rule, counts in m.quotas.items()}
    for k, v in packing.items():
        if k.startswith(QUOTA):
            rule, section = k[len(QUOTA):].split(".")
            quotas.setdefault(rule, {})[section] = int(v)
    numbers = {k: v for k, v in packing.items() if not k.startswith(QUOTA)}
    return replace(m, packing=replace(m.packing, **numbers), quotas=quotas)


def packing_of(m: Model) -> dict:
    out = {}
    for names in PACKING_GRID:
        for k in names:
            if k.startswith(QUOTA):
                rule, section = k[len(QUOTA):].split(".")
                out[k] = m.quotas.get(rule, {}).get(section, m.quotas["base"][section])
            else:
                out[k] = getattr(m.packing, k)
    return out


def write_packing(data: dict, packing: dict) -> None:
    """The chosen packing numbers into ranking.json's 'packing' block (quotas into their rules)."""
    for k, v in packing.items():
        if k.startswith(QUOTA):
            rule, section = k[len(QUOTA):].split(".")
            data["packing"]["quotas"].setdefault(rule, {})[section] = int(v)
        else:
            data["packing"][k] = v


CRITERIA = ("mean", "pooled")
CRITERION = ["pooled"]  # set once by --criterion


# What a misplaced line (`misplaced`: a shortcoming shown as a strength or the reverse) costs in the criterion,
# in facts found. 0: the fit chooses by the facts found alone and reports the lines misplaced beside them.
# Measured in session 19 (659 questions, the s19 index): at cost 1.0 the fit chose split_role_p 0.9, a score
# floor of 0.03, 5 weakness lines and 1 action line, and halved the tune split's finding lines shown against
# their hand label (quality suite, 67 -> 34), but it found fewer facts (tune 0.838 -> 0.830, dev_wide 0.819 ->
# 0.783), and the test split, whose documents have no hand labels, lost 0.016 with 3 more forbidden
# placements (3 -> 6): the hand labels are the role classifier's own training sentences, where its roles are
# surest, so what the cost learns there does not carry to other reports. Session 22 (695 questions): at cost
# 0.5 the dry run chose everything as at 0 but split_role_p 0.7 for 0.6, tied at 0.824 pooled held-out recall
# with 61 lines misplaced, not 72: half a fact a line breaks such ties towards fewer polarity errors and moved
# nothing else, so it is the default. The shipped refit (on the merged index) chose split_role_p 0.9 at 0.825
# with 47 lines misplaced; at cost 0 it tied at 0.825 choosing split_role_p 0, with 63.
MISPLACED_COST = 0.5
MISPLACED = [MISPLACED_COST]  # set once by --misplaced-cost (0 chooses by the facts found alone)


def criterion(sets: dict[str, tuple[int, int, int]]) -> float:
    """What the fit maximises (--criterion), with each misplaced line taken off the facts found
    (`credited`): 'pooled' (the default), over all facts, each fact once, or 'mean', the mean of the
    question sets' figures, as the project's targets are set per question set. Pooled, because the mean
    weighs one of the seeds set's 28 facts (0.012) as 40 of the tune split's 1,115 (0.0003 each): on the
    659 questions of session 17 the mean preferred settings that gained one seeds fact and lost tune facts
    (a quota of 1 action line: +0.012 mean, 0 facts pooled), and the held-back questions the project is
    judged on are like the tune split's, not the seeds'."""
    net = credited(sets, MISPLACED[0])
    return mean_recall(net) if CRITERION[0] == "mean" else pooled(net)


def tune_packing(cv: CrossValidated, examples: list[Example], start: dict) -> tuple[float, dict]:
    """The packing numbers by coordinate ascent on held-out recall, one number at a time from its grid."""
    best, chosen = criterion(cv.recall(examples, start)), dict(start)
    for _ in range(PACKING_SWEEPS):
        moved = False
        for names, grid in PACKING_GRID.items():
            for values in grid:
                setting = dict(chosen, **dict(zip(names, values)))
                if setting == chosen:
                    continue
                r = criterion(cv.recall(examples, setting))
                if r > best + 1e-9:
                    best, chosen, moved = r, setting, True
        if not moved:
            break
    return best, chosen


def choose(examples: list[Example], m0: Model, methods=DEFAULT_METHODS) -> tuple[CrossValidated, dict]:
    """The learner and L2 strength by held-out recall (`criterion`) under the current packing, then the
    packing numbers for that learner, then the learner again under the chosen packing."""
    runs = [cross_validate(examples, m0, method, l2) for method in methods for l2 in L2_GRID]
    packing = packing_of(m0)

    def best_run() -> CrossValidated:
        scored = []
        for cv in runs:
            sets = cv.recall(examples, packing)
            scored.append((cv, criterion(sets)))
            print(f"  {cv.method} l2={cv.l2}: held-out recall {pooled(sets):.3f} pooled, {mean_recall(sets):.3f} "
                  f"mean of sets, {misplaced_lines(sets)} lines misplaced", file=sys.stderr)
        return max(scored, key=lambda t: t[1])[0]

    cv = best_run()
    r, packing = tune_packing(cv, examples, packing)
    print(f"  packing for {cv.method} l2={cv.l2}: held-out criterion {r:.3f} with {packing}", file=sys.stderr)
    return best_run(), packing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--examples", type=Path, help="keep the collected candidates here (pickle) and reuse them; "
                        "features do not depend on the weights, so this only saves time")
    parser.add_argument("--criterion", choices=CRITERIA, default=CRITERION[0],
                        help="choose by the mean of the sets' held-out recalls or by pooled recall")
    parser.add_argument("--misplaced-cost", type=float, default=MISPLACED_COST,
                        help="facts a misplaced line costs in the criterion (0: choose by the facts found alone)")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=DEFAULT_METHODS, help="the learners to try")
    args = parser.parse_args()
    CRITERION[0] = args.criterion
    MISPLACED[0] = args.misplaced_cost
    m0 = load_model()
    examples = examples_for(m0, args.examples)
    reach = sum(any(label(c, (f,)) for c in ex.candidates) for ex in examples for f in ex.facts)
    print(f"facts in some candidate of an allowed section (the ceiling): {reach}")
    base, facts = recall(examples, m0)
    base_sets = cross_validate(examples, m0, "logistic", 1.0).recall(examples, packing_of(m0))
    print(f"{len(examples)} tuning questions, {facts} facts; the current model: in-sample recall {base:.3f} (mean of "
          f"sets); its packing with logistic l2=1 refitted per fold: held-out {pooled(base_sets):.3f} pooled, "
          f"{mean_recall(base_sets):.3f} mean of sets")
    cv, packing = choose(examples, m0, tuple(args.methods))
    split, examples, cv = choose_split(examples, m0, cv, packing)
    m0 = replace(m0, sections=replace(m0.sections, split_role_p=split))
    held_out = cv.recall(examples, packing)
    coef, bias = fit(examples, cv.method, cv.l2)
    m = with_packing(with_weights(m0, coef, bias), packing)
    r, _ = recall(examples, m)
    tag = f"{cv.method} l2={cv.l2} split_role_p={split} criterion={CRITERION[0]} misplaced_cost={MISPLACED[0]} " \
        + " ".join(f"{k}={v}" for k, v in packing.items())
    print(f"chosen: {tag}\n  held-out recall ({FOLDS} folds over the documents questions are about) {pooled(held_out):.3f} pooled, "
          f"{mean_recall(held_out):.3f} mean of sets: {per_set(held_out)}; {misplaced_lines(held_out)} lines misplaced\n  in-sample recall {r:.3f} (was {base:.3f}): "
          f"{per_set(by_set([(ex, m) for ex in examples]))} (was {per_set(by_set([(ex, m0) for ex in examples]))})")
    for name, value in sorted(zip(Features.names(), m.weights), key=lambda t: -abs(t[1])):
        print(f"  {name:20s} {value:+.3f}")
    print(f"  {'bias':20s} {m.bias:+.3f}")
    if args.dry_run:
        return 0
    data = json.loads(RANKING_FILE.read_text())
    data["weights"] = dict(zip(Features.names(), m.weights))
    data["bias"] = m.bias
    write_packing(data, packing)
    data["sections"]["split_role_p"] = split
    data["fitted_by"] = "python scripts/fit_ranking.py"
    data["fitted_on"] = {"questions": len(examples), "facts": facts, "sets": "dev_queries, dev_wide, tune split",
                         "choice": tag, "folds": FOLDS, "held_out_recall": round(mean_recall(held_out), 3),
                         "held_out_recall_pooled": round(pooled(held_out), 3),
                         "held_out_misplaced_lines": misplaced_lines(held_out), "misplaced_cost": MISPLACED[0],
                         "tuning_recall": round(r, 3), "tuning_recall_before": round(base, 3)}
    RANKING_FILE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {RANKING_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
