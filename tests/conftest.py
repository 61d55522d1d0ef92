"""Shared fixtures: the seed corpus indexed once per test session into a temporary cache."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "dev_queries.json"


@pytest.fixture(scope="session")
def seed_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def engine(seed_cache):
    from briefing_tui.briefing.engine import Engine

    e = Engine([SEEDS], seed_cache)
    e.open()
    return e


@pytest.fixture(scope="session")
def nlp():
    from briefing_tui.nlp.pipeline import load_pipeline

    return load_pipeline()


def dev_queries() -> list[str]:
    """The public development queries when the shared folder is beside the project, else a fallback set."""
    if SHARED_EVAL.exists():
        return [q["query"] for q in json.loads(SHARED_EVAL.read_text())["queries"]]
    return ["adoption", "What did Lily Bath say?", "placement stability", "How effective is the LSCB?"]


REPORTS = DATA / "reports"


@pytest.fixture(scope="session")
def pdf_engine(tmp_path_factory):
    """Seeds plus the three PDF reports: two frameworks, two councils, three years."""
    from briefing_tui.briefing.engine import Engine

    e = Engine([SEEDS, REPORTS], tmp_path_factory.mktemp("pdfcache"))
    e.open()
    return e
