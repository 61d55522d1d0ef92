"""Shared Pilot helpers for the app's tests: make the app, wait for it, ask by typing."""
from __future__ import annotations

from briefing_tui.briefing.engine import Engine
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.prompt import Prompt
from tests.conftest import SEEDS

SIZES = [(80, 24), (100, 30)]


def make_app(seed_cache, tmp_path, **kwargs) -> BriefingApp:
    return BriefingApp(Engine([SEEDS], seed_cache), history_file=tmp_path / "history.txt", **kwargs)


async def wait_for(pilot, condition, tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def ready(pilot, app) -> None:
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)


async def ask(pilot, app, question: str) -> BriefingView:
    """Type a question at the prompt and wait for its answer to be mounted and laid out."""
    before = len(app.screen.query(BriefingView))
    app.screen.query_one(Prompt).focus()
    await pilot.press(*[ch if ch != " " else "space" for ch in question], "enter")
    assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) > before)
    await pilot.pause(0.2)
    return list(app.screen.query(BriefingView))[-1]


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


def highlighted_on_screen(view: BriefingView) -> bool:
    """The highlighted option lies inside the view's scrolled window, and the view inside the screen."""
    y = view._index_to_line[view.highlighted]
    h = view._heights[view.highlighted]
    inside_view = view.scroll_y <= y and y + h <= view.scroll_y + view.scrollable_content_region.height
    transcript = view.parent
    inside_transcript = transcript.region.contains_region(view.region) and view.region.height > 0
    return inside_view and inside_transcript
