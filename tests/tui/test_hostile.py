"""A hostile document: Rich markup and terminal control codes in its file name, title, headings and
sentences, and in the prompt's history. The app and `briefing ask` / `sources` / `show` / `paragraphs`
show all of it as inert text: markup as written, control codes never."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette

from briefing_tui.briefing.engine import Engine
from briefing_tui.cli import main
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.source import SourceScreen
from briefing_tui.tui.widgets.prompt import Prompt
from briefing_tui.tui.widgets.topics import TopicList
from tests.tui.helpers import ask, ready, status, wait_for

NAME = "hostile[b]x[red]\x1b[7m\x9b1m.md"  # a file name cannot hold "/", so no closing tag here
TEXT = (
    "# [bold]Hounslow[/] \x1b[31madoption\x1b[0m report \x07 \x9b31m [link=https://evil.example]click[/link]\n\n"
    "Inspection dates: 3 to 7 March 2025\n\n"
    "## [link=https://evil.example]What needs to improve?[/link] \x1b]8;;https://evil.example\x07here\x1b]8;;\x07\n\n"
    "Inspectors found that adoption \x1b[31mtimeliness\x1b[0m in Hounslow is too slow and "
    "[bold]children wait too long[/bold] for adoptive families \x07\x9b2J.\n\n"
    "Councillor [b]Eve[/b] Mallory\x1b[5m, cabinet member for children's services at the council, said: "
    "\"Adoption in Hounslow is [red]failing[/red] \x1b[2J children \x9b2J and we will fix it.\"\n\n"
    "The council's adoption panel [i]approved[/i] 12 adopters in 2024, up from 8 in 2023 \x1b[1m.\n")
HISTORY = "adoption\n\x1b[2J\x1b[31mwhat [bold]did[/] \x07 Eve say\x9b?\n"
MARKUP = "[bold]children wait too long[/bold]"  # must be shown as written
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus folder, cache folder), the one document indexed."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / NAME).write_text(TEXT, encoding="utf-8")
    Engine([corpus], root / "cache").open()
    return corpus, root / "cache"


def run(capsys, hostile, *args: str) -> str:
    corpus, cache = hostile
    code = main(["--cache", str(cache), "--corpus", str(corpus), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not CONTROL.findall(out) and not CONTROL.findall(err), (args, out, err)
    return out


def test_the_command_line_prints_hostile_text_inertly(capsys, hostile):
    text = run(capsys, hostile, "ask", "adoption", "--width", "0")
    assert MARKUP in text
    assert "[red]failing[/red]" in run(capsys, hostile, "ask", "What did Eve Mallory say?", "--width", "0")
    assert "\\[bold\\]children wait too long\\[/bold\\]" in run(capsys, hostile, "ask", "adoption", "--format", "markdown")
    answer = json.loads(run(capsys, hostile, "ask", "adoption", "--format", "json"))
    assert any(MARKUP in i["text"] for s in answer["sections"] for i in s["items"])
    sources = run(capsys, hostile, "sources")
    assert "hostile[b]x[red]" in sources and "[bold]children" in sources  # the title, cut at a word, shown as printed
    shown = run(capsys, hostile, "show", NAME, "3")
    assert "[link=https://evil.example]What needs to improve?[/link]" in shown
    run(capsys, hostile, "paragraphs")
    run(capsys, hostile, "paragraphs", "--format", "jsonl")
    run(capsys, hostile, "ask", "adoption", "--explain")
    run(capsys, hostile, "topics")


def screen_text(app) -> str:
    """What the top screen paints, as text: control codes in it would go to the terminal as they are."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(seg.text for seg in strip) for strip in update.strips)


def assert_inert(app, where: str) -> str:
    shown = screen_text(app)
    assert not CONTROL.findall(shown), f"control codes on screen ({where}): {sorted(set(CONTROL.findall(shown)))}"
    return shown


async def test_the_app_shows_hostile_text_inertly(hostile, tmp_path):
    corpus, cache = hostile
    history = tmp_path / "history.txt"
    history.write_text(HISTORY, encoding="utf-8")
    app = BriefingApp(Engine([corpus], cache), history_file=history)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        people = [o.prompt.plain for o in app.screen.query_one(TopicList).options]
        assert "Mallory" in people
        view = await ask(pilot, app, "adoption")
        await pilot.press("tab")
        await pilot.pause()
        shown = assert_inert(app, "briefing")
        assert MARKUP in " ".join(shown.split()) and "[bold]" in status(app)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        assert await wait_for(pilot, lambda: "file hostile" in screen_text(app))
        assert_inert(app, "source view")
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "file hostile[b]x[red].md" in shown and MARKUP in shown
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"source")
        assert await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.pause(0.3)
        assert "[bold]children" in assert_inert(app, "palette")
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not CommandPalette.is_open(app))
        # the prompt: a history line, and a paste, with terminal codes in them
        prompt = app.screen.query_one(Prompt)
        prompt.focus()
        await pilot.press("up", "up")  # past the question just asked
        assert prompt.value == "what [bold]did[/] Eve say?"
        assert_inert(app, "history")
        prompt.value = ""
        prompt.post_message(events.Paste("\x1b[2Jwho said \x9b31m[red]that[/red]\x07?"))
        await pilot.pause()
        assert prompt.value == "who said [red]that[/red]?"
        assert_inert(app, "paste")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: len(app.screen.query(".question")) == 2)
        assert_inert(app, "second question")
    assert view.briefing.items
    saved = history.read_text(encoding="utf-8")
    assert not CONTROL.findall(saved.replace("\n", "")), "the history file keeps plain text"
    assert saved.splitlines()[-1] == "who said [red]that[/red]?"
