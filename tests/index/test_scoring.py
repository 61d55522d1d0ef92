"""BM25 and impacts, the telling rule, search tags and the index version, on tiny fixed inputs."""
import ast
import math

import pytest

from briefing_tui.index import version
from briefing_tui.index.search import bm25
from briefing_tui.index.store import B, K1, impacts
from briefing_tui.index.telling import Telling, section_of, telling
from briefing_tui.nlp.tags import content_terms, entity_tag, is_tag, topic_tag, untag_topic

P = Telling(polarity_scale=4, action_scale=5, figure_base=0.2, figure_labelled=0.6, figure_strong=0.2,
            strong_polarity=2, quote=0.6, impact_weight=0.5)


def test_bm25_matches_the_formula():
    idf = {"adopt": 2.0, "delay": 1.0}.get
    score = bm25(["adopt", "delay", "adopt", "child"], {"adopt": 1.0, "delay": 0.5}, idf, 4, 8.0)
    norm = K1 * (1 - B + B * 4 / 8.0)
    expected = 1.0 * 2.0 * 2 * (K1 + 1) / (2 + norm) + 0.5 * 1.0 * 1 * (K1 + 1) / (1 + norm)
    assert math.isclose(score, expected)


def test_bm25_grows_with_frequency_saturates_and_ignores_other_words():
    idf = {"adopt": 1.0}.get
    one, two, ten = (bm25(["adopt"] * n + ["x"] * 4, {"adopt": 1.0}, idf, n + 4, 6.0) for n in (1, 2, 10))
    assert 0 < one < two < ten < (K1 + 1)
    assert bm25(["child", "care"], {"adopt": 1.0}, idf, 2, 6.0) == 0


def test_bm25_prefers_the_shorter_text():
    idf = {"adopt": 1.0}.get
    assert bm25(["adopt"], {"adopt": 1.0}, idf, 3, 10.0) > bm25(["adopt"], {"adopt": 1.0}, idf, 30, 10.0)


def test_impacts_are_the_term_frequency_part_times_the_prior():
    plain = impacts(["adopt", "child", "adopt"], 14.0)
    lifted = impacts(["adopt", "child", "adopt"], 14.0, prior=1.5)
    assert set(plain) == {"adopt", "child"} and plain["adopt"] > plain["child"]
    assert math.isclose(lifted["adopt"], 1.5 * plain["adopt"])
    assert impacts(["adopt"] + ["x"] * 40, 14.0)["adopt"] < impacts(["adopt"], 14.0)["adopt"]


@pytest.mark.parametrize("kind, polarity, action, labelled, expected", [
    ("strengths", 2, 0, False, 0.5), ("weaknesses", -8, 0, False, 1.0), ("actions", 0, 2.5, False, 0.5),
    ("figures", 0, 0, False, 0.2), ("figures", 3, 0, True, 1.0), ("quotes", 0, 0, False, 0.6), (None, 1, 0, False, 0.25)])
def test_telling_by_section(kind, polarity, action, labelled, expected):
    assert math.isclose(telling(kind, polarity, action, labelled, P), expected)


def test_section_of_a_sentence():
    assert section_of("quote", False, "Ms A") == "quotes" and section_of("quote", False, None) is None
    assert section_of("weakness", True, None) == "figures" and section_of("action", True, None) == "actions"
    assert section_of("strength", False, None) == "strengths" and section_of("neutral", False, None) is None


def test_tags_are_written_in_one_place():
    assert topic_tag("adoption") == "t_adoption" and untag_topic("t_adoption") == "adoption"
    assert entity_tag("LSCB") == "e_lscb" and entity_tag("Local Safeguarding Board") == "e_local_safeguarding_board"
    assert is_tag("t_x") and is_tag("e_x") and not is_tag("tx") and untag_topic("adopt") is None
    terms = {"adopt": 1.0, "delay": 0.5, "what": 0.25, "t_adoption": 1.5, "e_lscb": 1.5}
    assert content_terms(terms) == ["adopt", "delay"]


def test_version_ignores_comments_and_docstrings_but_not_code():
    a = ast.parse('"""Doc."""\nX = 1  # why\ndef f():\n    """Say."""\n    return X\n')
    b = ast.parse('X = 1\ndef f():\n    return X\n')
    c = ast.parse('X = 2\ndef f():\n    return X\n')
    assert version._stripped(a) == version._stripped(b) != version._stripped(c)


def test_version_covers_what_the_index_depends_on():
    names = {str(p.relative_to(version.PACKAGE)) for p in version.modules()}
    assert {"index/annotate.py", "index/telling.py", "index/store.py", "index/build.py", "nlp/roles.py",
            "nlp/role_classifier.py", "nlp/role_linear.py", "corpus/pdf.py"} <= names
    assert not any(n.startswith(("briefing/", "tui/")) for n in names)  # reading the store is not making it
    data = {p.name for p in version.data_files()}
    assert "ranking.json" not in data and {"cues.json", "sections.json", "topics.json"} <= data
    assert {"decision.json", "linear.npz"} <= data  # both role models' data: a refit re-annotates the index
    assert len(version.data_version()) == 12


def test_a_row_read_fast_is_the_hit_its_constructor_makes():
    from briefing_tui.index.search import SentenceHit, _hit

    row = (7, 2, 31, 0, 120, "weakness", -1.5, 0.25, '[{"value": "672 days", "number": 672, "unit": "days", '
           '"label": "national threshold"}]', "Lily Bath", "t_adoption t_fostering", "LSCB||IRO", "adopt delay", 3,
           0.8125, 0.5)
    made = _hit(row, 2.5, ["adopt", "delay"])
    plain = SentenceHit(7, 2, 31, 0, 120, "weakness", -1.5, 0.25, ({"value": "672 days", "number": 672, "unit": "days",
                        "label": "national threshold"},), "Lily Bath", ("t_adoption", "t_fostering"), ("LSCB", "IRO"),
                        2.5, ("adopt", "delay"), 0.8125, 0.5)
    assert made == plain and repr(made) == repr(plain) and vars(made) == vars(plain)
    empty = _hit((1, 1, 1, 0, 5, "neutral", 0.0, 0.0, "", None, "", "", "", 0, None, None), 0.0, [])
    assert empty == SentenceHit(1, 1, 1, 0, 5, "neutral", 0.0, 0.0, (), None, (), (), 0.0, (), 0.0, 0.0)
    with pytest.raises(AttributeError):
        made.score = 1.0  # still frozen
