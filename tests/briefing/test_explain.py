"""`briefing ask --explain`: each shown line with its score and the features behind it, then the best
lines left out and why."""
from briefing_tui.briefing.explain import explanation
from briefing_tui.briefing.features import Features
from briefing_tui.briefing.model import model
from briefing_tui.cli import main
from tests.conftest import SEEDS


def test_explanation_lists_shown_lines_with_features_and_what_was_left_out(engine):
    composed = engine.explain("adoption")
    assert composed.packed is not None and composed.briefing.items
    text = explanation(composed, {d.id: d.name for d in engine.documents()}, model())
    shown = sum(len(v) for v in composed.packed.chosen.values())
    assert text.count("\n  0.") + text.count("\n  1.") >= shown  # one scored line per shown item at least
    assert "logit" in text and any(f"{name}=" in text for name in Features.names())
    assert "left out:" in text and composed.packed.left_out


def test_explain_matches_the_briefing(engine):
    composed = engine.explain("adoption")
    assert [i.text for i in composed.briefing.items] == [i.text for i in engine.ask("adoption").items]


def test_cli_explain(engine, seed_cache, capsys):
    assert main(["--corpus", str(SEEDS), "--cache", str(seed_cache), "ask", "placement stability", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "Briefing: placement stability" in out and "Ranking model:" in out and "Best left out" in out


def test_a_damaged_ranking_model_is_a_clear_error_not_a_traceback(engine, seed_cache, capsys, monkeypatch, tmp_path):
    from briefing_tui.briefing import model as model_module
    from briefing_tui.index.telling import RankingDataError

    def broken():
        raise RankingDataError(f"{tmp_path / 'ranking.json'}: no 'weights' block (an object)")

    monkeypatch.setattr(model_module, "model", broken)
    monkeypatch.setattr("briefing_tui.briefing.compose.model", broken)
    assert main(["--corpus", str(SEEDS), "--cache", str(seed_cache), "ask", "adoption"]) == 2
    err = capsys.readouterr().err
    assert "briefing:" in err and "ranking.json" in err and "Traceback" not in err
