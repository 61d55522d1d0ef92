"""The quality suite's fast subset as a regression floor: the seeds dev set and the questions on two
tuning reports, answered by the command line as a user would. The floors sit a little below what the
fitted model measures, so a real regression fails them."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402

DEV_RECALL_FLOOR = 0.75  # measured 0.786 (22 of 28 facts) with the model of session 21; 0.750 with session 20's
TUNE_QUICK_RECALL_FLOOR = 0.8  # measured 1.000 (8 questions, 15 facts) in session 21
# The goal is none, and none is measured now; the floor allows the one an earlier model made.
TUNE_QUICK_POLARITY_ERRORS_AT_MOST = 1


@pytest.fixture(scope="module")
def result(engine, seed_cache, monkeypatch_module):
    # The session's seeds index (built by the engine fixture) is reused; only the two reports are new.
    monkeypatch_module.setenv("BRIEFING_CACHE", str(seed_cache))
    return quality.evaluate(quick=True)


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.mark.skipif(not (quality.SHARED / "eval" / "dev_queries.json").is_file(), reason="needs ../shared/eval")
def test_seeds_dev_set_floor(result):
    s = result["groups"]["set dev_queries/public"]
    assert s["recall"] >= DEV_RECALL_FLOOR and s["polarity_errors"] == 0 and s["fidelity"] == 1.0
    assert s["words_median"] <= 200


@pytest.mark.skipif(not (quality.SHARED / "corpus").is_dir(), reason="needs ../shared/corpus")
def test_tuning_subset_floor(result):
    s = result["groups"]["split tune-quick"]
    assert s["questions"] >= 5
    assert s["recall"] >= TUNE_QUICK_RECALL_FLOOR and s["fidelity"] == 1.0
    assert s["polarity_errors"] <= TUNE_QUICK_POLARITY_ERRORS_AT_MOST
