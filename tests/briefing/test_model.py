"""The declared ranking model: its data validated on load, features computed by one pure function."""
import json
import math
from dataclasses import replace

import pytest

from briefing_tui.briefing.features import Asked, Candidate, Features, features
from briefing_tui.briefing.model import load_model, model
from briefing_tui.index.search import ParagraphRow, SentenceHit
from briefing_tui.index.telling import RANKING_FILE, RankingDataError


def write(tmp_path, change):
    data = json.loads(RANKING_FILE.read_text())
    change(data)
    path = tmp_path / "ranking.json"
    path.write_text(json.dumps(data))
    return path


def test_the_shipped_model_loads_with_a_weight_per_feature_and_says_how_it_was_fitted():
    m = model()
    assert len(m.weights) == len(Features.names()) and m.fitted_by and len(m.version) == 12


@pytest.mark.parametrize("change, message", [
    (lambda d: d["weights"].pop("lead"), "missing features ['lead']"),
    (lambda d: d["weights"].update(shoe_size=1), "unknown features ['shoe_size']"),
    (lambda d: d["weights"].update(lead="high"), "finite number"),
    (lambda d: d.update(bias=None), "'bias' must be a number"),
    (lambda d: d["packing"].pop("floor_ratio"), "missing floor_ratio"),
    (lambda d: d["packing"]["quotas"]["base"].pop("quotes"), "'base' quota"),
    (lambda d: d["packing"]["quotas"].update(x={"nonsense": 2}), "quota rule 'x'"),
    (lambda d: d.pop("duplicates"), "no 'duplicates' block"),
    (lambda d: d["packing"].update(same_paragraph_penalty=1.5), "must be 0..1"),
    (lambda d: d["packing"].update(fill_ratio=-0.1), "must be 0..1"),
    (lambda d: d["packing"].update(fill_lines=-1), "line counts must not be negative"),
    (lambda d: d["packing"].pop("round_lines"), "missing round_lines"),
])


def test_a_bad_model_file_fails_with_a_clear_message(tmp_path, change, message):
    with pytest.raises(RankingDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_model(write(tmp_path, change))


def test_an_unreadable_model_file_names_the_file(tmp_path):
    path = tmp_path / "ranking.json"
    path.write_text("{not json")
    with pytest.raises(RankingDataError, match="ranking.json"):
        load_model(path)


def test_score_follows_the_weights():
    m = model()
    f = Features(*([0.0] * len(Features.names())))
    lead = replace(f, lead=1.0)
    i = Features.names().index("lead")
    up = replace(m, weights=m.weights[:i] + (2.0,) + m.weights[i + 1:])
    down = replace(m, weights=m.weights[:i] + (-2.0,) + m.weights[i + 1:])
    assert up.score(lead) > up.score(f) and down.score(lead) < down.score(f)
    assert 0 <= m.score(f) <= 1 and m.contributions(f) == []
    assert [name for name, _, _ in up.contributions(lead)] == ["lead"]


def _candidate(text="This shows adoption delays of 672 days.", section="Adoption", prior=None, idx=3, kind="figures"):
    hit = SentenceHit(1, 1, 1, 0, len(text), "weakness", -3.0, 0.0,
                      ({"value": "672 days", "number": 672.0, "unit": "days", "label": ""},), None,
                      ("adoption",), (), 2.0, ("adopt", "delay", "672", "day", "t_adoption"))
    para = ParagraphRow(1, 1, idx, "4", "para", section, text, ("adoption",), prior, True)
    return Candidate(kind, text, hit, para, "report", 2014, ("X", "2014-02-05"), paragraph_score=3.0)


ASKED = Asked(core=frozenset({"adopt", "day"}), topics=frozenset({"adoption"}), entities=frozenset(),
              intents=frozenset({"figures"}), generic=False, best_sentence=4.0, best_paragraph=3.0, years=(2011, 2014))


def test_features_of_a_candidate():
    f = features(_candidate(), ASKED, model().features)
    assert f == features(_candidate(), ASKED, model().features)  # pure
    assert (f.sentence_match, f.paragraph_match, f.term_cover) == (0.5, 1.0, 1.0)
    assert f.topic_sentence == f.topic_heading == f.topic_paragraph == 1.0
    assert f.figure_subject == 1.0 and f.anaphora == 1.0 and f.lead == 1.0 and f.recency == 1.0
    assert f.wanted_section == 1.0 and f.news == 0.0 and f.semantic == 0.0
    assert 0 < f.role_confidence <= 1 and f.heading_action == 0.0


def test_structure_is_evidence():
    f = features(_candidate(section="What needs to improve", prior="action", kind="actions"), ASKED, model().features)
    assert f.heading_action == 1.0 and f.wanted_section == 0.0
    g = features(_candidate(section="Information about this local authority area", prior="context"), ASKED,
                 model().features)
    assert g.heading_area_info == 1.0


def test_the_question_s_signals_are_features():
    whole = replace(ASKED, whole_document=True, press=True)
    action = _candidate(text="Improve the timeliness of adoption.", section="What needs to improve", prior="action",
                        kind="actions")
    f = features(action, whole, model().features, similarity=0.7)
    assert f.whole_recommendation == 1.0 and f.semantic == 0.7 and f.press_wanted == 0.0
    assert features(action, ASKED, model().features).whole_recommendation == 0.0
    news = replace(_candidate(), doc_kind="news")
    assert features(news, whole, model().features).press_wanted == 1.0
    assert features(news, ASKED, model().features).press_wanted == 0.0
    assert features(_candidate(), ASKED, model().features, similarity=-0.3).semantic == 0.0


def test_role_certainty_spreads_the_stored_classifier_confidence_as_log_odds():
    c = _candidate()
    span = model().features.role_odds_span

    def certainty(p: float) -> float:
        return features(replace(c, hit=replace(c.hit, role_p=p)), ASKED, model().features).role_certainty

    assert certainty(0.0) == 0.0 and certainty(0.5) == 0.0 and certainty(1.0) == 1.0
    assert certainty(0.99) == pytest.approx(math.log(99) / span)
    # A probability near 1 still tells 0.99 from 0.9999, which the probability itself hardly does.
    assert certainty(0.9) < certainty(0.99) < certainty(0.9999) <= 1.0


def test_the_section_a_line_goes_to_is_a_feature():
    c = _candidate()
    for kind in ("strengths", "weaknesses", "actions", "figures"):
        f = features(replace(c, kind=kind), ASKED, model().features)
        assert getattr(f, f"in_{kind}") == 1.0
        assert sum((f.in_strengths, f.in_weaknesses, f.in_actions, f.in_figures)) == 1.0
    f = features(replace(c, kind="quotes"), ASKED, model().features)
    assert (f.in_strengths, f.in_weaknesses, f.in_actions, f.in_figures) == (0.0, 0.0, 0.0, 0.0)


def test_figure_subject_is_the_share_of_what_the_question_counts():
    c = _candidate()  # '672 days' with the words adopt, delay, day
    counts = replace(ASKED, figure_subject=frozenset({"adopt", "delay"}))
    assert features(c, counts, model().features).figure_subject == 1.0
    other = replace(ASKED, figure_subject=frozenset({"foster", "carer"}))
    assert features(c, other, model().features).figure_subject == 0.0
    half = replace(ASKED, figure_subject=frozenset({"adopt", "carer"}))
    assert features(c, half, model().features).figure_subject == 0.5
    no_number = replace(c, hit=replace(c.hit, figures=()))
    assert features(no_number, counts, model().features).figure_subject == 0.0


def test_features_made_fast_are_the_features_init_makes():
    from dataclasses import FrozenInstanceError

    values = {n: float(i) / 10 for i, n in enumerate(Features.names())}
    fast, slow = Features.adopt(dict(values)), Features(**values)
    assert fast == slow and hash(fast) == hash(slow) and fast.vector() == slow.vector() == tuple(values.values())
    with pytest.raises(FrozenInstanceError):
        fast.lead = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        Features.adopt({**values, "unknown": 1.0})  # not a field: init's error, not a silent extra
    short = {n: v for n, v in values.items() if n != "press_wanted"}
    assert Features.adopt(short).press_wanted == 0.0  # a field left out takes its default, as init gives it


def test_a_scored_candidate_is_what_replace_makes_and_leaves_the_original_alone():
    c = _candidate()
    assert c.normed  # a cached property already read is carried over, as the same text gives it
    f = Features.adopt({n: 0.5 for n in Features.names()})
    scored = c.scored(f, 0.75)
    assert scored == replace(c, feats=f, score=0.75) and scored.normed == c.normed
    assert (c.feats, c.score) == (None, 0.0) and (scored.feats, scored.score) == (f, 0.75)


def test_a_candidate_made_fast_or_read_in_another_section_is_what_init_and_replace_make():
    from dataclasses import FrozenInstanceError, fields

    c = _candidate()
    values = {f.name: getattr(c, f.name) for f in fields(Candidate)}
    fast = Candidate.of(**values)
    assert fast == c and repr(fast) == repr(c)
    with pytest.raises(FrozenInstanceError):
        fast.kind = "strengths"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Candidate.of(**values, unknown=1)  # not a field: init's error
    assert c.words and c.normed  # memos read before are carried over, as the same text gives them
    other = c.read_as("weaknesses")
    assert other == replace(c, kind="weaknesses") and (other.words, other.normed) == (c.words, c.normed)
    assert c.kind == "figures"


def test_a_line_reporting_what_people_said_counts_only_on_a_question_about_what_they_said():
    c = _candidate()
    said = replace(c, text="Young adults described the hub as ‘being like one big family’.")
    views = replace(ASKED, intents=frozenset({"quotes"}))
    assert features(said, views, model().features).speech_asked == 1.0
    assert features(said, ASKED, model().features).speech_asked == 0.0
    assert features(replace(c, text="Adoption takes too long."), views, model().features).speech_asked == 0.0


def test_figure_unit_is_a_number_in_the_unit_the_question_asks_for():
    c = _candidate()  # '672 days'
    how_long = replace(ASKED, figure_units=frozenset({"day", "days", "weeks"}))
    assert features(c, how_long, model().features).figure_unit == 1.0
    assert features(c, replace(ASKED, figure_units=frozenset({"%"})), model().features).figure_unit == 0.0
    assert features(c, ASKED, model().features).figure_unit == 0.0  # a question asking for no unit


def test_asked_reads_its_phrase_heads_and_wanted_sections_off_its_fields():
    asked = replace(ASKED, phrases=frozenset({("adopt", "delay"), ("care", "leaver")}),
                    intents=frozenset({"figures", "weaknesses", "change"}))
    assert asked.phrase_heads == {"adopt", "care"} and asked.wanted_sections == {"figures", "weaknesses"}
    assert asked == replace(asked)  # derived, not compared
    shares = {"adopt delay 672": 0.5, "delay adopt": 0.0, "care leaver adopt delay": 1.0, "child 672": 0.0}
    for terms, share in shares.items():
        c = _candidate()
        c = replace(c, hit=replace(c.hit, terms=tuple(terms.split())))
        assert features(c, asked, model().features).phrase_match == share, terms
