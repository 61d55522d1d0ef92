"""Fit the ranking model's weights (nlp_models/ranking.json) on labelled questions: the TUNE split of
benchmarks/questions plus the two public dev sets, never the test split.

    python scripts/fit_ranking.py            # fit, report, write nlp_models/ranking.json
    python scripts/fit_ranking.py --dry-run  # fit and report only

Every candidate line the engine retrieves for a question is labelled 1 when it contains one of the
question's expected facts in a section the fact allows, else 0. A logistic regression (L2, Newton's
method, numpy) over the features of briefing_tui/briefing/features.py gives the weights; the L2
strength, the per-question weighting and the packing's floor, same-document and same-paragraph penalties are chosen by
the recall of the packed briefings on the same tuning questions (a small grid, printed).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quality import SHARED, doc_path, own_sets, split_of, splits  # noqa: E402
from scoring import norm  # noqa: E402

from briefing_tui.briefing.compose import answerable, candidates_for  # noqa: E402
from briefing_tui.briefing.features import Candidate, Features  # noqa: E402
from briefing_tui.briefing.model import Model, load_model  # noqa: E402
from briefing_tui.briefing.pack import pack  # noqa: E402
from briefing_tui.briefing.query import parse_query  # noqa: E402
from briefing_tui.briefing.scope import descriptors_out, scope  # noqa: E402
from briefing_tui.index.telling import RANKING_FILE  # noqa: E402

L2_GRID = (1.0, 10.0, 30.0)
FLOOR_GRID = (0.0, 0.01, 0.03)
PENALTY_GRID = (0.0, 0.1)
PARAGRAPH_GRID = (0.1, 1.0)
PER_QUESTION = (False,)
NEWTON_STEPS = 30
LISTWISE_STEPS = 600
LISTWISE_RATE = 0.05


@dataclass(frozen=True)
class Example:
    """One tuning question with its candidates (features fixed; scores come from the model being fitted)."""

    qid: str
    facts: tuple[tuple[str, tuple[str, ...]], ...]  # (normalised find, allowed sections or all)
    intents: frozenset[str]
    answerable: bool
    candidates: tuple[Candidate, ...]
    councils: tuple[str, ...] = ()  # the councils it names (two or more are packed side by side)


def label(c: Candidate, facts) -> int:
    text = norm(c.text)
    return int(any(f in text and (not allowed or c.kind in allowed) for f, allowed in facts))


def corpora() -> list[tuple[str, list[Path], list[dict]]]:
    """(name, corpus, questions): the public dev sets and the tune split, never the test split."""
    out = [("dev_queries", [ROOT / "seeds"], json.loads((SHARED / "eval" / "dev_queries.json").read_text())["queries"])]
    wide = json.loads((SHARED / "eval" / "dev_wide.json").read_text())
    out.append(("dev_wide", [doc_path(d) for d in wide["corpus"]], wide["queries"]))
    split = splits()
    tune = [q for _, qs in own_sets() for q in qs if split_of(q, split) == "tune"]
    assert all(split_of(q, split) != "test" for q in tune)
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
            examples.append(Example(f"{name}/{q['id']}", facts, parsed.intents, answerable(parsed, cands), tuple(cands),
                                    parsed.councils))
        print(f"{name}: {len(questions)} questions over {len(corpus)} corpus paths", file=sys.stderr)
    return examples


def design(examples: list[Example], per_question: bool):
    """Feature rows, labels, row weights and group ids (one group per question and section)."""
    rows, ys, ws, groups = [], [], [], []
    for n, ex in enumerate(examples):
        ranked = [c for c in ex.candidates if c.feats is not None]
        for c in ranked:
            rows.append(c.feats.vector())
            ys.append(label(c, ex.facts))
            ws.append(1.0 / len(ranked) if per_question else 1.0)
            groups.append(f"{n}/{c.kind}")
    w = np.array(ws)
    _, gid = np.unique(np.array(groups), return_inverse=True)
    return np.array(rows), np.array(ys, dtype=float), w * len(w) / w.sum(), gid


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
        grad = x.T @ (p_all - p_pos) / groups + l2 * beta / len(y)
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad ** 2
        beta -= rate * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    return beta


def calibrated_bias(x: np.ndarray, y: np.ndarray, coef: np.ndarray) -> float:
    """The intercept that makes sigmoid(bias + x.coef) a calibrated probability (Newton on one number)."""
    z, b = x @ coef, 0.0
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-np.clip(z + b, -30, 30)))
        b -= (p - y).sum() / max((p * (1 - p)).sum(), 1e-9)
    return float(b)


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


def found(ex: Example, m: Model) -> int:
    """Expected facts the packed briefing shows in an allowed section (the score.py rule)."""
    if not ex.answerable:
        return 0
    scored = [replace(c, score=m.score(c.feats)) if c.feats is not None else c for c in ex.candidates]
    people = any(c.kind == "quotes" and c.feats is None for c in ex.candidates)  # quotes of people it names
    chosen = pack(scored, ex.intents, int(m.packing.max_words), m, people=people, councils=ex.councils).chosen
    shown = [(k, norm(c.text)) for k, cs in chosen.items() for c in cs]
    return sum(any(f in t and (not allowed or k in allowed) for k, t in shown) for f, allowed in ex.facts)


def by_set(examples: list[Example], m: Model) -> dict[str, tuple[int, int]]:
    """(facts found, facts) for each tuning set."""
    out: dict[str, tuple[int, int]] = {}
    for ex in examples:
        f, t = out.get(ex.qid.split("/")[0], (0, 0))
        out[ex.qid.split("/")[0]] = (f + found(ex, m), t + len(ex.facts))
    return out


def recall(examples: list[Example], m: Model) -> tuple[float, int]:
    """Mean over the tuning sets of each set's recall, so the small seeds set counts as much as the
    others; and the number of facts."""
    sets = by_set(examples, m)
    return sum(f / t for f, t in sets.values() if t) / len(sets), sum(t for _, t in sets.values())


def per_set(examples: list[Example], m: Model) -> str:
    return ", ".join(f"{k} {f / t:.3f}" for k, (f, t) in by_set(examples, m).items())


def with_weights(m: Model, coef, bias: float) -> Model:
    return replace(m, weights=tuple(float(round(v, 4)) for v in coef), bias=float(round(bias, 4)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--examples", type=Path, help="keep the collected candidates here (pickle) and reuse them; "
                        "features do not depend on the weights, so this only saves time")
    args = parser.parse_args()
    m0 = load_model()
    if args.examples and args.examples.is_file():
        examples = pickle.loads(args.examples.read_bytes())
    else:
        examples = collect(m0)
        if args.examples:
            args.examples.write_bytes(pickle.dumps(examples))
    reach = sum(any(label(c, (f,)) for c in ex.candidates) for ex in examples for f in ex.facts)
    print(f"facts in some candidate of an allowed section (the ceiling): {reach}")
    base, facts = recall(examples, m0)
    print(f"{len(examples)} tuning questions, {facts} facts; recall with the current model {base:.3f}")
    best = (base, m0, "current")
    for per_question in PER_QUESTION:
        x, y, w, gid = design(examples, per_question)
        for method in ("logistic", "listwise"):
            for l2 in L2_GRID:
                if method == "logistic":
                    coef, bias = logistic(x, y, w, l2)
                else:
                    coef = listwise(x, y, gid, l2)
                    bias = calibrated_bias(x, y, coef)
                fitted = with_weights(m0, coef, bias)
                for floor in FLOOR_GRID:
                    for pen in PENALTY_GRID:
                        for para in PARAGRAPH_GRID:
                            cand = replace(fitted, packing=replace(fitted.packing, floor_ratio=floor,
                                                                   same_document_penalty=pen,
                                                                   same_paragraph_penalty=para))
                            r, _ = recall(examples, cand)
                            tag = (f"{method} l2={l2} floor_ratio={floor} same_document_penalty={pen} "
                                   f"same_paragraph_penalty={para}")
                            if r > best[0] + 1e-9:
                                best = (r, cand, tag)
                print(f"{method} l2={l2}: positives {int(y.sum())}/{len(y)}; best so far {best[0]:.3f} ({best[2]})",
                      file=sys.stderr)
    r, m, tag = best
    print(f"chosen: {tag}: tuning recall {r:.3f} (was {base:.3f}); by set: {per_set(examples, m)} "
          f"(was {per_set(examples, m0)})")
    for name, value in sorted(zip(Features.names(), m.weights), key=lambda t: -abs(t[1])):
        print(f"  {name:18s} {value:+.3f}")
    print(f"  {'bias':18s} {m.bias:+.3f}")
    if args.dry_run or m is m0:
        return 0
    data = json.loads(RANKING_FILE.read_text())
    data["weights"] = dict(zip(Features.names(), m.weights))
    data["bias"] = m.bias
    data["packing"]["floor_ratio"] = m.packing.floor_ratio
    data["packing"]["same_document_penalty"] = m.packing.same_document_penalty
    data["packing"]["same_paragraph_penalty"] = m.packing.same_paragraph_penalty
    data["fitted_by"] = "python scripts/fit_ranking.py"
    data["fitted_on"] = {"questions": len(examples), "facts": facts, "sets": "dev_queries, dev_wide, tune split",
                         "choice": tag, "tuning_recall": round(r, 3), "tuning_recall_before": round(base, 3)}
    RANKING_FILE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {RANKING_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
