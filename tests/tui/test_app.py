"""The app driven by keys through Pilot: ask, navigate topics, open a source, copy, no answer."""
from __future__ import annotations

import pytest

from briefing_tui.briefing.engine import Engine
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.judgements import JudgementScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.screens.source import SourceScreen
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.prompt import Prompt
from briefing_tui.tui.widgets.topics import TopicList
from tests.conftest import SEEDS


@pytest.fixture
def app(engine, seed_cache, tmp_path):
    return BriefingApp(Engine([SEEDS], seed_cache), history_file=tmp_path / "history.txt")


async def wait_for(pilot, condition, tries: int = 200):
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def ready(pilot, app):
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)


async def ask(pilot, app, question: str) -> BriefingView:
    before = len(app.screen.query(BriefingView))
    await pilot.click(Prompt)
    for ch in question:
        await pilot.press(ch if ch != " " else "space")
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) > before)
    await pilot.pause()
    return list(app.screen.query(BriefingView))[-1]


async def test_ask_and_receive_a_briefing(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "adoption")
        assert view.briefing.topic == "Adoption"
        kinds = [s.kind for s in view.briefing.sections]
        assert "strengths" in kinds and "weaknesses" in kinds
        assert "lines from" in str(app.screen.query_one("#status").render())


async def test_topic_navigation_by_keys(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        topics = app.screen.query_one(TopicList)
        topics.focus()
        await pilot.press("j", "j", "k")
        chosen = topics.options[topics.highlighted].id
        assert chosen and chosen.startswith("topic:")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 1)
        assert app.screen.query_one(BriefingView).briefing.query == chosen.split(":", 1)[1]


async def test_open_and_close_a_source(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "placement stability")
        view.focus()
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        source = app.screen.source
        assert source.paragraph.pid == view.current_item.citation.paragraph
        assert view.current_item.text in source.paragraph.text
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_copy_gives_plain_text_with_sources(app, monkeypatch):
    copied = {}
    monkeypatch.setattr("briefing_tui.tui.screens.main.clipboard_command", lambda: ["fakeclip"])

    def fake_copy(text, command):
        copied["text"] = text
        return True

    monkeypatch.setattr("briefing_tui.tui.screens.main.copy_with_tool", fake_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "fostering")
        await pilot.press("f2")
        assert await wait_for(pilot, lambda: "text" in copied)
    text = copied["text"]
    assert text.startswith("Briefing: fostering")
    assert "SOURCES" in text and "[1]" in text
    assert "\x1b" not in text and "[bold" not in text


async def test_copy_without_any_clipboard_saves_a_file(app, monkeypatch, tmp_path):
    monkeypatch.setattr("briefing_tui.tui.screens.main.clipboard_command", lambda: None)
    monkeypatch.setattr("briefing_tui.tui.screens.main.terminal_supports_osc52", lambda: False)
    monkeypatch.setenv("BRIEFING_SAVE_DIR", str(tmp_path / "saved"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "fostering")
        await pilot.press("f2")
        assert await wait_for(pilot, lambda: any((tmp_path / "saved").glob("*.txt")) if (tmp_path / "saved").exists() else False)
    saved = next((tmp_path / "saved").glob("*.txt")).read_text()
    assert saved.startswith("Briefing: fostering")


async def test_no_answer_path(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "zebra crossings in antarctica")
        assert view.briefing.empty
        assert view.briefing.suggestions
        assert "Nothing found" in str(app.screen.query_one("#status").render())


async def test_history_with_up_and_down(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        await ask(pilot, app, "fostering")
        prompt = app.screen.query_one(Prompt)
        await pilot.press("up")
        assert prompt.value == "fostering"
        await pilot.press("up")
        assert prompt.value == "adoption"
        await pilot.press("down", "down")
        assert prompt.value == ""


async def test_question_mark_types_in_prompt_but_opens_help_elsewhere(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.click(Prompt)
        await pilot.press("question_mark")
        assert app.screen.query_one(Prompt).value == "?"
        await pilot.press("f1")
        assert await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        app.screen.query_one(TopicList).focus()
        await pilot.press("question_mark")
        assert await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_judgement_grid(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("f5")
        assert await wait_for(pilot, lambda: isinstance(app.screen, JudgementScreen))
        assert app.screen.table.rows


async def test_markup_in_questions_is_shown_as_typed(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "[bold red]adoption[/]")
        question = list(app.screen.query(".question"))[-1]
        assert "[bold red]" in str(question.render())
