"""Train the sentence-role classifier from the labelled sentences in nlp_models/roles/labels.jsonl.

    python scripts/train_roles.py            # train, evaluate on the held-out documents, ship the model
    python scripts/train_roles.py --eval     # evaluate the shipped model (and the cue rules) only

The labelled sentences are split by document (never by sentence, so no report is on both sides):
a stable hash of the document name puts a fifth of the documents in the held-out set, which is never
trained on or used to choose anything, and another tenth in the development set spaCy uses to pick
its best checkpoint. The model is spaCy's own text classifier (config in nlp_models/roles/config.cfg),
trained with `spacy train`; the result is copied to nlp_models/roles/model/ and its held-out figures,
with those of the older cue rules on the same sentences, to nlp_models/roles/metrics.json.
Requires the `train` extra (nothing else than spaCy is needed at run time).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.nlp.roles import LABELS, RoleScore, model_text  # noqa: E402

DATA = ROOT / "nlp_models" / "roles"
HELD_OUT, DEV = "held-out", "dev"


def split_of(doc: str) -> str:
    """Held-out, dev or train, by a stable hash of the document's name."""
    bucket = int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 10
    return HELD_OUT if bucket < 2 else DEV if bucket == 2 else "train"


def load_rows() -> list[dict]:
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    bad = [r for r in rows if r.get("label") not in LABELS or not r.get("text") or not r.get("doc")]
    if bad:
        raise SystemExit(f"{len(bad)} labelled rows are malformed, e.g. {bad[0]}")
    # The same sentence can stand in two files (a report as PDF and as text): keep its first labelling
    # only, so no sentence is both trained on and held out.
    seen, unique = set(), []
    for r in rows:
        key = " ".join(r["text"].lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def to_docbin(nlp, rows: list[dict], path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin()
    for r in rows:
        doc = nlp.make_doc(model_text(r.get("section"), r["text"]))
        doc.cats = {label: float(label == r["label"]) for label in LABELS}
        db.add(doc)
    db.to_disk(path)


BALANCE = 0.5  # each role is repeated in training until it has at least this share of the commonest


def balanced(rows: list[dict]) -> list[dict]:
    """Strengths outnumber the other roles four to one; repeating the rarer roles' sentences keeps the
    classifier from reading every finding as a strength."""
    by_label: dict[str, list[dict]] = {}
    for r in rows:
        by_label.setdefault(r["label"], []).append(r)
    target = int(BALANCE * max(len(v) for v in by_label.values()))
    out = []
    for label in LABELS:
        group = by_label.get(label, [])
        out.extend(group * max(1, -(-target // max(1, len(group)))) if group else [])
    return out


def train(rows: list[dict], out: Path) -> None:
    import spacy
    from spacy.cli.train import train as spacy_train

    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        to_docbin(nlp, balanced([r for r in rows if split_of(r["doc"]) == "train"]), tmp_path / "train.spacy")
        to_docbin(nlp, [r for r in rows if split_of(r["doc"]) == DEV], tmp_path / "dev.spacy")
        spacy_train(DATA / "config.cfg", tmp_path / "out",
                    overrides={"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy")})
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(tmp_path / "out" / "model-best", out)


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix (gold -> predicted)."""
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    per = {}
    for label in LABELS:
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in LABELS)
        actual = sum(confusion[label].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "n": actual}
    accuracy = sum(confusion[label][label] for label in LABELS) / max(1, len(gold))
    return {"n": len(gold), "accuracy": round(accuracy, 3),
            "macro_f1": round(sum(v["f1"] for v in per.values()) / len(LABELS), 3), "per_class": per,
            "confusion": confusion}


NEGATORS = (" not ", "n't ", " no ", " never ", " lack", " insufficient", " too ", " limited", " inconsistent")


def negated_shortcomings_as_strengths(rows: list[dict], pred: list[str]) -> list[str]:
    """Held-out sentences labelled weakness that carry a negator or limiter and were classed strength."""
    return [r["text"] for r, p in zip(rows, pred)
            if r["label"] == "weakness" and p == "strength" and any(n in f" {r['text'].lower()} " for n in NEGATORS)]


def cue_scores(items: list[tuple[str | None, str]]) -> list[tuple[RoleScore, str | None]]:
    """The cue rules' score and the heading's prior role for (heading, sentence) pairs."""
    from briefing_tui.nlp.pipeline import load_pipeline
    from briefing_tui.nlp.roles import score, toks
    from briefing_tui.nlp.taxonomy import section_prior

    nlp = load_pipeline()
    out = []
    with nlp.select_pipes(disable=[p for p in ("ner", "briefing_figures") if p in nlp.pipe_names]):
        for (section, _), doc in zip(items, nlp.pipe(text for _, text in items)):
            prior = section_prior(section) if section else None
            s = max(doc.sents, key=len)
            out.append((score(toks(s)), prior if prior in ("strength", "weakness", "action") else None))
    return out


def evaluate(rows: list[dict]) -> dict:
    """The shipped model, the cue rules, and the model with the rules' overrides (RoleRules), on the
    held-out documents; each override's threshold is chosen on the development documents."""
    from briefing_tui.nlp.roles import RoleClassifier, RoleRules, decide

    classifier = RoleClassifier.load()
    out: dict = {"counts": {s: dict(Counter(r["label"] for r in rows if split_of(r["doc"]) == s))
                            for s in ("train", DEV, HELD_OUT)}}
    by_split = {}
    for split in (DEV, HELD_OUT):
        part = [r for r in rows if split_of(r["doc"]) == split]
        items = [(r.get("section"), r["text"]) for r in part]
        by_split[split] = (part, [p.label for p in classifier.predict(items)], cue_scores(items))

    def ruled(split: str, rules: RoleRules) -> list[str]:
        _, model, cues = by_split[split]
        return [rules.apply(label, score) for label, (score, _) in zip(model, cues)]

    gold_dev = [r["label"] for r in by_split[DEV][0]]
    choices = (1, 2, 3, 4, None)
    actions = {str(t): scores(gold_dev, ruled(DEV, RoleRules(t, None)))["macro_f1"] for t in choices}
    # ties go to the least intrusive rule: none at all, else the highest threshold
    action = max(choices, key=lambda t: (actions[str(t)], t is None, t or 0))
    negations = {str(t): scores(gold_dev, ruled(DEV, RoleRules(action, t)))["macro_f1"] for t in choices}
    negation = max(choices, key=lambda t: (negations[str(t)], t is None, t or 0))
    held, model, cues = by_split[HELD_OUT]
    gold = [r["label"] for r in held]
    final = ruled(HELD_OUT, RoleRules(action, negation))
    out.update({
        "held_out_documents": sorted({r["doc"] for r in held}),
        "action_override_threshold": action,
        "negation_override_threshold": negation,
        "dev_macro_f1_by_action_threshold": actions,
        "dev_macro_f1_by_negation_threshold": negations,
        "model": scores(gold, model),
        "cue_rules": scores(gold, [decide(score, prior) for score, prior in cues]),
        "model_with_override": scores(gold, final),
        "negated_shortcomings_as_strengths": negated_shortcomings_as_strengths(held, final),
    })
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="evaluate the shipped model only")
    args = parser.parse_args()
    rows = load_rows()
    if not args.eval:
        train(rows, DATA / "model")
    metrics = evaluate(rows)
    metrics["command"] = "python scripts/train_roles.py"
    (DATA / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    decision = {"action_override_threshold": metrics["action_override_threshold"],
                "negation_override_threshold": metrics["negation_override_threshold"],
                "about": "chosen on the development documents by python scripts/train_roles.py; see metrics.json"}
    (DATA / "decision.json").write_text(json.dumps(decision, indent=1) + "\n", encoding="utf-8")
    for name in ("model", "cue_rules", "model_with_override"):
        m = metrics[name]
        print(f"{name}: n={m['n']} accuracy={m['accuracy']} macro_f1={m['macro_f1']} "
              + " ".join(f"{k}={v['f1']}" for k, v in m["per_class"].items()))
    for rule in ("action", "negation"):
        print(f"{rule} override threshold:", metrics[f"{rule}_override_threshold"],
              metrics[f"dev_macro_f1_by_{rule}_threshold"])
    print("negated shortcomings classed strength:", len(metrics["negated_shortcomings_as_strengths"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
