"""Fit the sparse linear role model that is averaged with the spaCy classifier (nlp_models/roles/linear.npz).

    python scripts/train_roles.py --linear   # refit it on the shipped spaCy model, then evaluate (about 10 min)

Logistic regression (scikit-learn, training only) over the word n-grams of `roles.model_text`, the
character n-grams of the sentence and a few explicit flags (`role_linear.features`), fitted on the
training documents of scripts/train_roles.py's split. Its settings (n-gram ranges, C, class weights)
and the mixing weight alpha of `alpha * p_spacy + (1 - alpha) * p_linear` are chosen on the
development documents only, by macro-F1 as the pipeline files sentences. Writes linear.npz (the
weights) and linear.json (settings, alpha, the development grid); scripts/train_roles.py, which calls
`fit_linear` after training the spaCy model (or alone with --linear), then scores the held-out documents
for the spaCy model alone, the linear model alone and the mix, and refits the temperature on the mix.
"""
from __future__ import annotations

import itertools
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from briefing_tui.nlp.role_linear import LinearRoles, Settings, by_block, features, names, vector  # noqa: E402
from briefing_tui.nlp.role_classifier import RoleClassifier, mixed  # noqa: E402
from briefing_tui.nlp.roles import LABELS, RolePrediction, role_rules  # noqa: E402
from briefing_tui.nlp.taxonomy import cues  # noqa: E402
from train_roles import DATA, DEV, HELD_OUT, item, negated_shortcomings_as_strengths, scores, split_of  # noqa: E402

# Words that limit a judgement and contrast words, besides cues.json's negators and concessive
# subordinators (which the features read from the cue tables): cues.json's 'limiters' and
# 'contrast_words', saved with the weights so reading uses the lists the model was fitted with.
LIMITERS = tuple(cues()["limiters"])
CONTRAST = tuple(cues()["contrast_words"])
# Degree and timing shortfalls ('too late', 'prematurely', 'insufficient', 'not so positive') and the words that
# deny one after them ('avoid delay'): cues.json's 'shortfalls' and 'shortfall_cancellers', read as a flag where
# the settings say (session 22), saved with the weights like the limiters.
SHORTFALLS = tuple(cues()["shortfalls"])
CANCELLERS = tuple(cues()["shortfall_cancellers"])
MIN_DF = 2  # a feature is kept when it stands in at least this many training sentences
# Session 18's grid (word n-grams up to 1, 2 or 3; C 1, 3, 10, 30; class weights none or balanced;
# characters 2-5) chose word 1-3-grams, C 10, balanced; session 19's (characters 2-5, 2-6, 3-6, 3-7,
# 4-7; C 3, 10, 30) characters 3-6. Session 21's (the paragraph's kind as a flag or not; C 3, 10, 30) the kind
# at C 10. Session 22 keeps those and tries the shortfall flag (`Settings.shortfalls`) around C 10.
GRID = {"word_ngrams": (3,), "chars": ((3, 6),), "paragraph_kind": (True,), "shortfalls": (False, True),
        "C": (3.0, 10.0, 30.0), "class_weight": ("balanced",)}
ALPHAS = tuple(round(0.05 * i, 2) for i in range(21))


def settings_of(word_ngrams: int, chars: tuple[int, int], paragraph_kind: bool = False,
                shortfalls: bool = False) -> Settings:
    return Settings(word_ngrams, chars[0], chars[1], LIMITERS, CONTRAST, 1.0, paragraph_kind,
                    SHORTFALLS if shortfalls else (), CANCELLERS if shortfalls else ())


def featurize(rows: list[dict], settings: Settings) -> list:
    return [features(r.get("section"), r["text"], r["cues"], settings, r.get("kind")) for r in rows]


def fit(rows: list[dict], feats: list, settings: Settings, c: float, class_weight) -> LinearRoles:
    """Logistic regression on the training rows' features (vocabulary and idf from them alone)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df: Counter = Counter()
    for f in feats:
        df.update(names(f))
    vocab = sorted(g for g, n in df.items() if n >= MIN_DF)
    vocabs = by_block({g: j for j, g in enumerate(vocab)})
    n = len(feats)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab])
    data, cols, ptr = [], [], [0]
    for f in feats:
        idx, values = vector(f, vocabs, idf, settings)
        cols.extend(idx)
        data.extend(values)
        ptr.append(len(cols))
    x = csr_matrix((data, cols, ptr), shape=(n, len(vocab)))
    y = [LABELS.index(r["label"]) for r in rows]
    lr = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    lr.fit(x, y)
    coef = np.zeros((len(vocab), len(LABELS)))
    coef[:, lr.classes_] = lr.coef_.T
    intercept = np.zeros(len(LABELS))
    intercept[lr.classes_] = lr.intercept_
    return LinearRoles(settings, vocab, idf, coef, intercept)


def filed(part: list[dict], probs: list[dict]) -> list[str]:
    """Roles as the pipeline files the sentences: structure first (scored as neutral), then the
    argmax with the shipped cue-rule overrides."""
    rules = role_rules()
    out = []
    for r, p in zip(part, probs):
        if r["structure"] is not None:
            out.append("neutral")
        else:
            label = max(p, key=p.get)
            out.append(rules.decide(RolePrediction(label, p[label]), r["cues"], r["prior"]).label)
    return out


def summary(part: list[dict], pred: list[str]) -> dict:
    s = scores([r["label"] for r in part], pred)
    s["negated_shortcomings_as_strengths"] = negated_shortcomings_as_strengths(part, pred)
    return s


def prepared(rows: list[dict]) -> list[dict]:
    """The rows with their split, the role structure decides, and the shipped spaCy model's
    uncalibrated probabilities (development and held-out rows)."""
    from train_roles import structure

    classifier = RoleClassifier.load(DATA / "model")
    out = [{**r, "split": split_of(r["doc"])} for r in rows]
    scored = [r for r in out if r["split"] != "train"]
    for r, p in zip(scored, classifier.probabilities([(r.get("section"), r["text"], r["cues"]) for r in scored])):
        r["p_spacy"], r["structure"] = p, structure(r)
    return out


def choose(rows: list[dict]) -> tuple[dict, list[dict]]:
    """Every setting of GRID fitted on the training rows and scored on the development rows with every
    alpha; the best by development macro-F1, ties to fewer negated shortcomings read as strengths, then
    the larger alpha (the nearer the shipped classifier) and the simpler model."""
    train = [r for r in rows if r["split"] == "train"]
    dev = [r for r in rows if r["split"] == DEV]
    grid = []
    for word_ngrams, chars, kind, short in itertools.product(GRID["word_ngrams"], GRID["chars"],
                                                             GRID["paragraph_kind"], GRID["shortfalls"]):
        settings = settings_of(word_ngrams, chars, kind, short)
        train_feats = featurize(train, settings)
        for c, class_weight in itertools.product(GRID["C"], GRID["class_weight"]):
            model = fit(train, train_feats, settings, c, class_weight)
            p_linear = model.probabilities([item(r) for r in dev])
            for alpha in ALPHAS:
                s = summary(dev, filed(dev, [mixed(r["p_spacy"], p, alpha) for r, p in zip(dev, p_linear)]))
                grid.append({"word_ngrams": word_ngrams, "chars": list(chars), "paragraph_kind": kind,
                             "shortfalls": short, "C": c,
                             "class_weight": class_weight, "alpha": alpha, "macro_f1": s["macro_f1"],
                             "accuracy": s["accuracy"], "negated": len(s["negated_shortcomings_as_strengths"]),
                             "neutral_f1": s["per_class"]["neutral"]["f1"]})
            best_here = max((g for g in grid[-len(ALPHAS):]), key=lambda g: g["macro_f1"])
            print(f"words 1-{word_ngrams} chars {chars} kind {kind} shortfalls {short} C={c} cw={class_weight}: linear alone "
                  f"{grid[-len(ALPHAS)]['macro_f1']}, best mix {best_here['macro_f1']} at alpha {best_here['alpha']}",
                  flush=True)
    # ties: fewer negated shortcomings read as strengths, the larger alpha (nearer the shipped classifier),
    # the simpler model (fewer word n-grams, no paragraph kind, no shortfall flag, smaller C)
    best = max(grid, key=lambda g: (g["macro_f1"], -g["negated"], g["alpha"], -g["word_ngrams"],
                                    not g["paragraph_kind"], not g["shortfalls"], -g["C"]))
    return best, grid


def fit_linear(rows: list[dict]) -> dict:
    """Choose the linear model's settings and alpha on the development documents, refit the chosen one
    on the training documents and ship it: nlp_models/roles/linear.npz (weights) and linear.json (what
    was chosen and how; train_roles.py copies its alpha into decision.json as `spacy_weight`)."""
    rows = prepared(rows)
    best, grid = choose(rows)
    train = [r for r in rows if r["split"] == "train"]
    settings = settings_of(best["word_ngrams"], tuple(best["chars"]), best["paragraph_kind"], best["shortfalls"])
    model = fit(train, featurize(train, settings), settings, best["C"], best["class_weight"])
    model.save(DATA / "linear.npz")
    spacy_alone = max((g for g in grid if g["alpha"] == 1.0), key=lambda g: g["macro_f1"])
    linear_alone = next(g for g in grid if g["alpha"] == 0.0 and all(g[k] == best[k] for k in GRID_KEYS))
    record = {"about": "the sparse linear role model averaged with the spaCy classifier: logistic regression "
                       "(scikit-learn) over word n-grams of roles.model_text, character n-grams of the sentence, the paragraph kind where chosen "
                       "and explicit flags (briefing_tui/nlp/role_linear.py), fitted on the training documents; "
                       "its settings and spacy_weight (alpha of alpha * p_spacy + (1 - alpha) * p_linear) chosen "
                       "by macro-F1 on the development documents, sentences as the pipeline files them",
              "command": "python scripts/train_roles.py --linear",
              "settings": {**{k: best[k] for k in GRID_KEYS}, "min_df": MIN_DF, "limiters": list(LIMITERS),
                           "contrast": list(CONTRAST), "shortfalls": list(settings.shortfalls),
                           "shortfall_cancellers": list(settings.shortfall_cancellers), "features": len(model.vocab)},
              "spacy_weight": best["alpha"],
              "train_sentences": len(train),
              "dev": {"chosen": best, "spacy_alone": {k: spacy_alone[k] for k in ("macro_f1", "accuracy", "negated")},
                      "linear_alone": {k: linear_alone[k] for k in ("macro_f1", "accuracy", "negated")},
                      "best_mix_by_setting": best_by_setting(grid)}}
    (DATA / "linear.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print("linear model chosen on dev:", best, "features:", len(model.vocab))
    return record


GRID_KEYS = ("word_ngrams", "chars", "paragraph_kind", "shortfalls", "C", "class_weight")


def best_by_setting(grid: list[dict]) -> list[dict]:
    """For each setting of the grid, its best alpha on the development documents."""
    out: dict[str, dict] = {}
    for g in grid:
        key = json.dumps([g[k] for k in GRID_KEYS])
        if key not in out or g["macro_f1"] > out[key]["macro_f1"]:
            out[key] = g
    return list(out.values())
