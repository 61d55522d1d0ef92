"""The app driven by keys through Pilot at 80x24 and 100x30: ask, read to the end, Tab order, sources,
copy, help, no answer, history, markup."""
from __future__ import annotations

import pytest

from briefing_tui.briefing.render import line_with_citation
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.screens.source import SourceScreen
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.prompt import Prompt
from briefing_tui.tui.widgets.topics import TopicList
from tests.tui.helpers import SIZES, ask, highlighted_on_screen, make_app, ready, status, wait_for


@pytest.fixture
def app(engine, seed_cache, tmp_path):
    return make_app(seed_cache, tmp_path)


@pytest.fixture
def clipboard(monkeypatch):
    """A fake clipboard tool: what the app copies lands in the returned list."""
    copied: list[str] = []
    monkeypatch.setattr("briefing_tui.briefing.export.clipboard_command", lambda: ["fakeclip"])
    monkeypatch.setattr("briefing_tui.briefing.export.copy_with_tool", lambda text, command: copied.append(text) or True)
    return copied


@pytest.mark.parametrize("size", SIZES)
async def test_ask_and_receive_a_briefing(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "adoption")
        assert view.briefing.topic == "Adoption"
        kinds = [s.kind for s in view.briefing.sections]
        assert "strengths" in kinds and "weaknesses" in kinds
        assert f"{len(view.briefing.items)} lines" in status(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_briefing_is_read_to_its_end_by_keyboard(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "how long are children waiting to be adopted?")
        await pilot.press("tab")
        assert app.focused is view
        assert view.max_scroll_y > 0, "the answer is longer than the window at this size"
        seen = {view.highlighted}
        for _ in range(len(view.options)):
            await pilot.press("down")
            await pilot.pause()
            assert highlighted_on_screen(view)
            seen.add(view.highlighted)
            if view.highlighted == max(i for i, o in enumerate(view.options) if not o.disabled):
                break
        assert all(i in seen for i, o in enumerate(view.options) if not o.disabled), "every line and source is reached"
        await pilot.press("home")
        await pilot.pause()
        first = view.highlighted
        assert view.scroll_y == 0 and highlighted_on_screen(view)
        await pilot.press("end")
        await pilot.pause()
        assert view.options[view.highlighted].id.startswith("source-")
        assert view.scroll_y == view.max_scroll_y, "End shows the end of the sources list"
        await pilot.press("pageup")
        await pilot.pause()
        assert view.highlighted < len(view.options) - 2 and highlighted_on_screen(view)
        await pilot.press("home", "pagedown")
        await pilot.pause()
        assert view.highlighted > first + 1 and highlighted_on_screen(view)
        at = view.highlighted
        await pilot.press("j")
        assert view.highlighted > at
        await pilot.press("k")
        assert view.highlighted == at


@pytest.mark.parametrize("size", SIZES)
async def test_status_line_shows_the_highlighted_lines_full_citation(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "adoption")
        await pilot.press("tab", "down")
        await pilot.pause()
        c = view.current_citation
        text = status(app).replace("\n", " ")
        assert c.label in text and c.title in text and "2014" in text
        await pilot.press("end")
        await pilot.pause()
        last = view.current_citation
        assert view.current_item is None and last.label in status(app).replace("\n", " ")


@pytest.mark.parametrize("size", SIZES)
async def test_tab_goes_from_the_prompt_to_the_newest_answer(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        newest = await ask(pilot, app, "fostering")
        assert isinstance(app.focused, Prompt)
        await pilot.press("tab")
        assert app.focused is newest
        await pilot.press("tab")
        topics = app.screen.query_one(TopicList)
        if size[0] >= 100:
            assert app.focused is topics
            await pilot.press("tab")
        else:
            assert not topics.display  # hidden below 100 columns: Tab skips it
        assert isinstance(app.focused, Prompt)
        await pilot.press("shift+tab")
        assert app.focused is (topics if size[0] >= 100 else newest)
        app.screen.query_one(Prompt).focus()
        await pilot.press("tab", "left_square_bracket")
        older = list(app.screen.query(BriefingView))[0]
        assert app.focused is older
        await pilot.press("right_square_bracket")
        assert app.focused is newest


@pytest.mark.parametrize("size", SIZES)
async def test_open_a_line_and_a_listed_source(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "placement stability")
        await pilot.press("tab", "enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        source = app.screen.source
        assert source.paragraph.pid == view.current_item.citation.paragraph
        assert view.current_item.text in source.paragraph.text
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("end", "enter")  # the last listed source opens too
        assert await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        assert app.screen.source.paragraph.pid == view.current_citation.paragraph


@pytest.mark.parametrize("size", SIZES)
async def test_copy_the_briefing_and_the_highlighted_line(app, clipboard, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "fostering")
        await pilot.press("f2")
        assert await wait_for(pilot, lambda: len(clipboard) == 1)
        assert clipboard[0].startswith("Briefing: fostering") and "[1]" in clipboard[0]
        assert "\x1b" not in clipboard[0] and "[bold" not in clipboard[0]
        await pilot.press("tab", "down", "y")
        assert await wait_for(pilot, lambda: len(clipboard) == 2)
        item = view.current_item
        assert clipboard[1] == line_with_citation(item)
        assert item.text.split()[0] in clipboard[1] and item.citation.label in clipboard[1]
        assert "\n" not in clipboard[1].strip(), "one line"
        assert item.citation.doc not in clipboard[1], "no file name in text for an email"


async def test_ctrl_c_is_textuals_copy_not_the_briefings(app, clipboard, monkeypatch):
    told = []
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(str(message)))
        await ready(pilot, app)
        app.screen.query_one(TopicList).focus()
        await pilot.press("ctrl+c")  # nothing selected, nothing to copy: Textual's usual hint about quitting
        await pilot.pause()
        assert any("quit" in t for t in told)
        assert not any("no briefing" in t.lower() for t in told)
        await ask(pilot, app, "fostering")
        await pilot.press("tab", "ctrl+c")
        await pilot.pause()
        assert clipboard == [], "Ctrl+C never copies the whole briefing"
    for binding_owner in (MainScreen, type(app), BriefingView):
        assert all("ctrl+c" not in b.key for b in binding_owner.BINDINGS)
        assert "action_copy_text" not in vars(binding_owner), "Screen's Ctrl+C action must not be shadowed"


async def test_copy_without_any_clipboard_saves_a_file(app, monkeypatch, tmp_path):
    monkeypatch.setattr("briefing_tui.briefing.export.clipboard_command", lambda: None)
    monkeypatch.setattr("briefing_tui.briefing.export.terminal_supports_osc52", lambda: False)
    monkeypatch.setenv("BRIEFING_SAVE_DIR", str(tmp_path / "saved"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "fostering")
        await pilot.press("f2")
        assert await wait_for(pilot, lambda: (tmp_path / "saved").exists() and any((tmp_path / "saved").glob("*.txt")))
    saved = next((tmp_path / "saved").glob("*.txt")).read_text()
    assert saved.startswith("Briefing: fostering")


@pytest.mark.parametrize("size", SIZES)
async def test_nothing_found_is_said_once_and_suggestions_can_be_chosen(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "zebra crossings in antarctica")
        assert view.briefing.empty and view.briefing.suggestions
        shown = [str(o.prompt) for o in view.options] + [status(app)]
        assert sum("answers this question" in s for s in shown) == 1
        await pilot.press("tab")
        assert app.focused is view and view.current_key.startswith("suggest-")
        chosen = view.suggestions[view.current_key]
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 2)
        newest = list(app.screen.query(BriefingView))[-1]
        assert newest.briefing.query == chosen
        assert await wait_for(pilot, lambda: app.focused is newest), "the reader moves to the answer they chose"
        assert await wait_for(pilot, lambda: highlighted_on_screen(newest))


async def test_a_new_answer_is_reached_when_textual_sends_it_no_resize(app, monkeypatch):
    # Textual can size a widget first placed while its container scrolls without sending it a Resize; the
    # reader in an answer must still move to the new one, and see its highlighted line
    monkeypatch.setattr(BriefingView, "on_resize", lambda self: None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        first = await ask(pilot, app, "adoption")
        await pilot.press("tab")
        assert app.focused is first
        app.screen.ask("fostering")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 2)
        newest = list(app.screen.query(BriefingView))[-1]
        assert await wait_for(pilot, lambda: app.focused is newest), "the reader moves to the new answer"
        assert await wait_for(pilot, lambda: highlighted_on_screen(newest))


async def test_history_with_up_and_down(app):
    async with app.run_test(size=(80, 24)) as pilot:
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


@pytest.mark.parametrize("size", SIZES)
async def test_question_mark_types_in_prompt_but_opens_help_elsewhere(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        assert "F1" in str(app.screen.query_one("#welcome").render())
        assert isinstance(app.focused, Prompt)
        await pilot.press("question_mark")
        assert app.screen.query_one(Prompt).value == "?"
        await pilot.press("f1")
        assert await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await ask(pilot, app, "adoption")
        await pilot.press("tab", "question_mark")
        assert await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_markup_in_questions_is_shown_as_typed(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "[bold red]adoption[/]")
        question = list(app.screen.query(".question"))[-1]
        assert "[bold red]" in str(question.render())


async def test_a_setting_that_cannot_be_read_is_said_in_the_app(seed_cache, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MAX_WORDS", "lots")
    app = make_app(seed_cache, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        said = [n.message for n in app._notifications]
        assert any("BRIEFING_MAX_WORDS='lots' is not a whole number" in m for m in said), said
