import json

from briefing_tui.cli import main
from tests.conftest import SEEDS


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_contract(capsys, seed_cache, engine):
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "adoption", "--format", "json")
    assert code == 0
    answer = json.loads(out)
    assert answer["query"] == "adoption"
    kinds = {s["kind"] for s in answer["sections"]}
    assert kinds <= {"judgement", "strengths", "weaknesses", "actions", "figures", "quotes"}
    item = answer["sections"][0]["items"][0]
    assert set(item["citation"]) >= {"doc", "paragraph", "label", "source_text"}


def test_ask_jsonl_one_line_per_query(capsys, monkeypatch, seed_cache, engine):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("adoption\n\nzzzz qqqq\nLSCB\n"))
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "--jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert all("sections" in json.loads(line) for line in lines)


def test_show_prints_paragraph_with_metadata(capsys, seed_cache, engine):
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "show", "003_ecc5ab33cf1005e7.txt", "106")
    assert code == 0
    assert "Hounslow now takes 222 days on average." in " ".join(out.split())
    assert "Ofsted inspection report" in out


def test_errors_are_one_line_without_traceback(capsys, seed_cache, engine):
    code, _, err = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "show", "nope.txt", "1")
    assert code != 0 and "no document called" in err and "Traceback" not in err
    code, _, err = run(capsys, "--corpus", "/no/such/folder", "ask", "x")
    assert code != 0 and "no such file or folder" in err
    code, _, err = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask")
    assert code != 0 and "needs a question" in err


def test_topics_and_sources(capsys, seed_cache, engine):
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "topics")
    assert code == 0 and "Adoption" in out
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "sources")
    assert code == 0 and "Ofsted inspection letter" in out and "News article" in out


def test_add_copies_indexes_and_reports_bad_files(capsys, monkeypatch, tmp_path):
    from tests.conftest import REPORTS

    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    good = tmp_path / "note.md"
    good.write_text("# Scrutiny note\n\nThe committee heard that adoption timeliness has improved since 2023.\n")
    code, out, err = run(capsys, "--cache", str(tmp_path / "cache"), "add", str(good), str(bad),
                         str(REPORTS / "2026-06-17-brent.pdf"))
    assert code == 0
    assert (tmp_path / "home" / "corpus" / "note.md").exists()
    assert "broken.pdf" in err and "damaged or truncated" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, "--cache", str(tmp_path / "cache"), "sources")
    assert "note.md" in out and "2026-06-17-brent.pdf" in out
    code, out, err = run(capsys, "--cache", str(tmp_path / "cache"), "add", str(good))
    assert "already there" in out


def test_judgements_command(capsys, tmp_path):
    from tests.conftest import REPORTS

    code, out, _ = run(capsys, "--cache", str(tmp_path / "c"), "--corpus", str(REPORTS), "judgements")
    assert code == 0
    assert "Overall effectiveness" in out and "Requires improvement" in out and "Outstanding" in out
    assert "Brent 2026 gives no overall effectiveness grade" in out


def test_settings_come_from_briefing_variables_only(tmp_path):
    import os

    from briefing_tui.settings import Settings

    env = {"BRIEFING_HOME": str(tmp_path / "h"), "BRIEFING_CACHE": str(tmp_path / "c"), "BRIEFING_COUNCIL": "Leeds",
           "BRIEFING_CORPUS": os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]),
           "BRIEFING_SPACY_MODEL": "en_core_web_sm", "BRIEFING_MAX_WORDS": "5", "BRIEFING_PROCESSES": "x"}
    s = Settings.from_env(env)
    assert (s.home, s.cache, s.council, s.spacy_model) == (tmp_path / "h", tmp_path / "c", "Leeds", "en_core_web_sm")
    assert s.corpus == (tmp_path / "a", tmp_path / "b") and s.default_corpus() == [tmp_path / "a", tmp_path / "b"]
    assert s.user_corpus == tmp_path / "h" / "corpus"
    assert s.max_words == 20 and s.processes >= 1  # out of range or not a number: the nearest sensible value
    d = Settings.from_env({"XDG_CACHE_HOME": str(tmp_path / "x")})
    assert d.cache == tmp_path / "x" / "briefing" and d.council is None and d.max_words == 200


def test_no_module_but_settings_reads_briefing_variables():
    from tests.conftest import ROOT

    readers = [p.name for p in (ROOT / "briefing_tui").rglob("*.py")
               if p.name != "settings.py" and ("BRIEFING_" in (t := p.read_text()) and "environ" in t)]
    assert readers == []


def test_cli_defaults_come_from_settings(capsys, monkeypatch, seed_cache, engine):
    from briefing_tui.cli import build_parser

    monkeypatch.setenv("BRIEFING_MAX_WORDS", "60")
    monkeypatch.setenv("BRIEFING_CACHE", str(seed_cache))
    args = build_parser().parse_args(["ask", "adoption"])
    assert args.max_words == 60 and args.cache == seed_cache
    monkeypatch.setenv("BRIEFING_CORPUS", str(SEEDS))
    code, out, _ = run(capsys, "ask", "adoption", "--format", "json")
    words = sum(len(i["text"].split()) for s in json.loads(out)["sections"] for i in s["items"])
    assert code == 0 and 0 < words <= 60


def test_width_0_prints_one_unwrapped_line_per_finding(capsys, seed_cache, engine):
    """--width 0 once wrapped at 40 columns; it is the email text, each finding on one line."""
    from briefing_tui.briefing.render import to_text

    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "adoption", "--width", "0")
    assert code == 0
    assert out == to_text(engine.ask("adoption"))
    assert max(len(line) for line in out.splitlines()) > 72
    assert all(not line.startswith("  ") or line.lstrip().startswith("[") for line in out.splitlines()), \
        "no finding is continued on a second line"
    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "adoption", "--width", "10")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 40  # below 40 wraps at 40, as documented


def test_a_negative_width_is_refused_in_a_sentence(capsys, seed_cache, engine):
    code, out, err = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "adoption", "--width", "-5")
    assert code != 0 and out == ""
    assert "--width must be 0 (unwrapped lines) or the columns to wrap at, not -5" in err and "Traceback" not in err


def test_a_setting_that_cannot_be_read_is_said_and_left_at_its_default(capsys, seed_cache, engine, monkeypatch):
    from briefing_tui.settings import Settings

    s = Settings.from_env({"BRIEFING_WIDTH": "-5", "BRIEFING_MAX_WORDS": "lots", "BRIEFING_PROCESSES": "2"})
    assert (s.width, s.max_words, s.processes) == (72, 200, 2)
    assert set(s.unread) == {"BRIEFING_WIDTH='-5' is not a whole number of 0 or more; the default, 72, is used",
                             "BRIEFING_MAX_WORDS='lots' is not a whole number of 20 or more; the default, 200, is used"}
    assert Settings.from_env({"BRIEFING_WIDTH": "٣"}).unread, "digits of other scripts are not read as columns"
    monkeypatch.setenv("BRIEFING_WIDTH", "-5")
    code, out, err = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "adoption")
    assert code == 0 and out and "BRIEFING_WIDTH='-5' is not a whole number" in err


def test_sources_cut_long_titles_at_a_word(capsys, seed_cache, engine):
    from briefing_tui.cli import TITLE_COLUMNS

    code, out, _ = run(capsys, "--cache", str(seed_cache), "--corpus", str(SEEDS), "sources")
    titles = [line.rsplit("; ", 1)[-1] for line in out.splitlines() if line.startswith("    ")]
    assert code == 0 and titles and all(len(t) <= TITLE_COLUMNS for t in titles)
    cut = [t for t in titles if t.endswith(" …")]
    assert cut, "a seed title is longer than TITLE_COLUMNS"
    assert all(t[: -2].rstrip() == t[: -2] for t in cut)


def test_briefing_width_0_means_unwrapped():
    from briefing_tui.settings import Settings

    assert Settings.from_env({"BRIEFING_WIDTH": "0"}).width == 0
    assert Settings.from_env({"BRIEFING_WIDTH": "30"}).width == 40
    assert Settings.from_env({"BRIEFING_WIDTH": "100"}).width == 100
    assert Settings.from_env({}).width == 72
