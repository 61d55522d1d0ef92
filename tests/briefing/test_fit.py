"""The ranking fit (scripts/fit_ranking.py) on tiny synthetic data: its learners, the calibration that
makes listwise scores compare across sections, folds over questions and the two recall figures."""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import fit_ranking as fr  # noqa: E402


def synthetic(seed: int = 0, groups: int = 60, size: int = 30):
    """Groups (a question's section) of lines; feature 0 tells the positive line within its group,
    feature 1 is constant within a group (its section) and raises the share of positives."""
    rng = np.random.default_rng(seed)
    rows, ys, gid = [], [], []
    for g in range(groups):
        section = float(g % 2)
        pos = rng.integers(size) if rng.random() < 0.3 + 0.5 * section else None
        for i in range(size):
            signal = rng.normal() + (2.5 if i == pos else 0.0)
            rows.append([signal, section, rng.normal()])
            ys.append(float(i == pos))
            gid.append(g)
    return np.array(rows), np.array(ys), np.array(gid)


def test_logistic_weighs_the_telling_feature_and_not_the_noise():
    x, y, _ = synthetic()
    coef, bias = fr.logistic(x, y, np.ones(len(y)), 1.0)
    assert coef[0] > 1.0 and abs(coef[2]) < 0.5 and bias < 0


def test_a_stronger_penalty_shrinks_the_weights():
    x, y, _ = synthetic()
    loose, _ = fr.logistic(x, y, np.ones(len(y)), 0.1)
    tight, _ = fr.logistic(x, y, np.ones(len(y)), 1000.0)
    assert np.abs(tight).sum() < np.abs(loose).sum()


def test_listwise_cannot_weigh_a_feature_constant_in_its_group_but_the_calibration_does():
    x, y, gid = synthetic()
    ranking = fr.listwise(x, y, gid, 1.0)
    assert ranking[0] > 0.5 and abs(ranking[1]) < 1e-9  # the section's feature gets no gradient
    coef, bias = fr.calibrated(x, y, gid, ranking, 1.0)
    assert coef[1] > 0.3  # the section with more positives scores higher
    assert coef[0] / ranking[0] > 0  # the order within a group is kept
    z = x @ coef + bias
    p = 1 / (1 + np.exp(-z))
    assert abs(p.sum() - y.sum()) / y.sum() < 0.05  # calibrated: as many positives expected as there are


class Q:
    def __init__(self, qid: str):
        self.qid = qid


def test_folds_are_fixed_by_question_and_cover_every_fold():
    qs = [Q(f"tune/q{n}") for n in range(200)]
    folds = [fr.fold_of(q) for q in qs]
    assert set(folds) == set(range(fr.FOLDS))
    assert folds == [fr.fold_of(Q(q.qid)) for q in qs]  # the same id, the same fold, whatever else is added


def test_the_questions_on_one_report_are_held_out_together(monkeypatch):
    docs = {f"tune/q{n}": f"ofsted/report-{n % 7}.pdf" for n in range(70)}
    monkeypatch.setattr(fr, "_documents", lambda: docs)
    folds = {}
    for n in range(70):
        folds.setdefault(docs[f"tune/q{n}"], set()).add(fr.fold_of(Q(f"tune/q{n}")))
    assert all(len(f) == 1 for f in folds.values())  # a report's questions never straddle two folds
    assert len(set().union(*folds.values())) > 1


def test_pooled_recall_counts_each_fact_once_and_the_mean_counts_each_set_once():
    sets = {"small": (1, 2), "large": (90, 100)}
    assert fr.pooled(sets) == 91 / 102
    assert fr.mean_recall(sets) == (0.5 + 0.9) / 2


def test_pairwise_weighs_the_telling_feature_and_cannot_weigh_a_group_constant():
    x, y, gid = synthetic()
    ranking = fr.pairwise(x, y, gid, 1.0)
    assert ranking[0] > 0.5 and abs(ranking[1]) < 1e-6 and abs(ranking[2]) < 0.5
    coef, _ = fr.calibrated(x, y, gid, ranking, 1.0)
    assert coef[1] > 0.3 and coef[0] > 0


def test_quota_settings_of_the_grid_are_read_and_written_as_quota_rules():
    from briefing_tui.briefing.model import load_model

    m = load_model()
    packing = fr.packing_of(m)
    assert packing["quotas.base.strengths"] == m.quotas["base"]["strengths"]
    moved = fr.with_packing(m, dict(packing, **{"quotas.base.strengths": 7}))
    assert moved.quotas["base"]["strengths"] == 7 and m.quotas["base"]["strengths"] != 7
    data = {"packing": {"quotas": {"base": {"strengths": 1}}}}
    fr.write_packing(data, {"quotas.base.strengths": 7, "floor_ratio": 0.02})
    assert data["packing"] == {"quotas": {"base": {"strengths": 7}}, "floor_ratio": 0.02}


def test_lines_shown_in_the_wrong_finding_section_are_counted_and_cost_what_the_criterion_says():
    from scoring import LABELS, against_label, norm

    first = __import__("json").loads(LABELS.read_text(encoding="utf-8").splitlines()[0])
    text, opposite = norm(first["text"]), {"weakness": "strengths", "strength": "weaknesses"}.get(first["label"])
    assert opposite and against_label(opposite, text)  # the hand labels say it is the other finding
    assert not against_label(fr.OPPOSITE[opposite], text) and not against_label("figures", text)
    ex = fr.Example("tune/q", (("plans are good", ()),), frozenset(), True, (), forbids=(("are weak", ("strengths",)),))
    shown = [("strengths", "some plans are weak"), ("weaknesses", "some plans are weak"), (opposite, text)]
    assert fr.misplaced(ex, shown) == 2  # the forbidden placement and the labelled line; not the allowed one
    sets = {"tune": (10, 20, 2)}
    assert fr.pooled(sets) == 0.5 and fr.credited(sets, 1.0) == {"tune": (8.0, 20)}
    assert fr.criterion(sets) == fr.pooled(fr.credited(sets, fr.MISPLACED_COST))
