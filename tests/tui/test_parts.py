"""Pure parts of the app: key notation, help rows from bindings, people, headings, progress, citations."""
from __future__ import annotations

from textual.binding import Binding

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.keys import help_rows, key_label
from briefing_tui.tui.screens.help import help_groups, merged
from briefing_tui.tui.screens.main import MainScreen, progress_text
from briefing_tui.tui.screens.source import section_heading
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.briefing.people import distinct_people


def test_one_key_notation():
    assert [key_label(k) for k in ("ctrl+q", "f1", "question_mark", "pagedown", "shift+tab", "j", "enter", "ctrl+p")] \
        == ["Ctrl+Q", "F1", "?", "PgDn", "Shift+Tab", "j", "Enter", "Ctrl+P"]


def test_help_rows_merge_keys_of_one_action():
    rows = help_rows([Binding("down", "cursor_down", "Down"), Binding("j", "cursor_down", "Down", show=False),
                      Binding("x", "nothing", "")])
    assert rows == [("Down, j", "Down")]


def test_help_lists_every_described_key_in_one_notation():
    groups = dict(help_groups(BriefingApp))
    every = [keys for rows in groups.values() for keys, _ in rows]
    text = " ".join(every)
    assert "^" not in text and "ctrl+" not in text and "⏎" not in text
    for cls in (MainScreen, BriefingView):
        for b in merged(cls):
            if b.description:
                assert any(key_label(b.key) in keys.split(", ") for keys in every), b
    briefing_keys = " ".join(k for k, _ in groups["Answer"])
    for key in ("PgUp", "PgDn", "Home", "End", "j", "k", "y", "Enter"):
        assert key in briefing_keys.split(", ") or key in briefing_keys
    assert any("Ctrl+C" in k for k, _ in groups["Main screen"])


def test_people_are_deduplicated_by_name_without_title():
    people = distinct_people(["Cllr Lily Bath, cabinet member for children’s services at the council",
                              "Councillor Lily Bath, cabinet member for children's services at the council",
                              "Mr John Smith", "Jane Doe, director"])
    assert [p.name for p in people] == ["Lily Bath", "Jane Doe", "John Smith"]
    assert people[0].shown == "Councillor Lily Bath"


def test_people_in_the_sidebar_are_listed_once(engine):
    assert len(engine.people()) >= 2  # the seeds name Lily Bath twice, with two titles
    names = [p.name for p in distinct_people(engine.people())]
    assert names.count("Lily Bath") == 1


def test_section_heading_shows_headings_not_sentences():
    assert section_heading("What needs to improve?1") == "What needs to improve?"
    assert section_heading("The experiences and progress of care leavers: good") is not None
    assert section_heading("The graded judgement for adoption performance is that it is good") is None
    assert section_heading("Inspectors found that children wait too long.") is None
    assert section_heading("") is None and section_heading(None) is None


def test_progress_names_the_step_and_the_document():
    assert "language model" in progress_text("loading", 0, 3, "language model")
    text = progress_text("annotating", 2, 7, "Hounslow, Inspection of Hounslow local authority")
    assert "2/7" in text and "Hounslow" in text
    assert progress_text("checking", 4, 5, "x.pdf") == "Checking documents: 5/5"


def test_indexing_reports_the_model_load_and_document_titles(tmp_path):
    """A fresh cache: the model load is its own step, and a document is named by its file while it is
    read (a large file shows progress before its title is known), then by council and title."""
    import shutil

    from briefing_tui.briefing.engine import Engine
    from tests.conftest import SEEDS

    corpus = tmp_path / "docs"
    corpus.mkdir()
    shutil.copy(SEEDS / "002_31433ffbdd26cf5e.txt", corpus)
    seen = []
    Engine([corpus], tmp_path / "cache", n_process=1).open(lambda *args: seen.append(args))
    stages = [s for s, *_ in seen]
    assert "loading" in stages and stages.index("loading") < stages.index("annotating")
    done = [name for stage, n, total, name in seen if stage == "annotating" and n == total]
    assert done and all(".txt" not in n and "Hounslow" in n for n in done)
