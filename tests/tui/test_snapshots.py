"""Snapshots at fixed sizes (Textual is pinned in pyproject, so they stay meaningful).
Update after a deliberate change of look with: pytest tests/tui/test_snapshots.py --snapshot-update"""
from __future__ import annotations

from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.themes import LIGHT
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.prompt import Prompt
from tests.tui.helpers import make_app


async def until_ready(pilot):
    for _ in range(400):
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.ready:
            break
        await pilot.pause(0.05)
    pilot.app.screen.query_one(Prompt).cursor_blink = False  # a blinking cursor makes snapshots flaky
    await pilot.pause(0.1)


def asking(question: str, then: tuple[str, ...] = ()):
    async def run_before(pilot):
        await until_ready(pilot)
        await pilot.press(*[c if c != " " else "space" for c in question], "enter")
        for _ in range(400):
            status = str(pilot.app.screen.query_one("#status").render())
            if pilot.app.screen.query(BriefingView) and ("lines," in status or "Nothing found" in status):
                break
            await pilot.pause(0.05)
        await settled(pilot)
        if then:
            await pilot.press(*then)
            await settled(pilot)
    return run_before


async def settled(pilot, still: int = 4) -> None:
    """Wait until the layout and scrolling stop changing (an answer's size settles over a refresh or two, and
    the transcript scrolls after it): the same state `still` pauses running, or 10 seconds at most."""
    def state():
        screen = pilot.app.screen
        views = tuple((v.size, v.scroll_y, v.highlighted) for v in screen.query(BriefingView))
        transcript = screen.query("#transcript")
        return views, transcript.first().scroll_y if transcript else None, screen.focused, len(pilot.app.screen_stack)
    last, same = None, 0
    for _ in range(200):
        await pilot.pause(0.05)
        now = state()
        same = same + 1 if now == last else 0
        if same >= still:
            return
        last = now


def test_ready_screen_80x24(snap_compare, engine, seed_cache, tmp_path):
    assert snap_compare(make_app(seed_cache, tmp_path), terminal_size=(80, 24), run_before=until_ready)


def test_briefing_100x30(snap_compare, engine, seed_cache, tmp_path):
    assert snap_compare(make_app(seed_cache, tmp_path), terminal_size=(100, 30), run_before=asking("adoption"))


def test_briefing_end_80x24(snap_compare, engine, seed_cache, tmp_path):
    """The end of a briefing at 80 columns, reached by keyboard: the sources list in full."""
    assert snap_compare(make_app(seed_cache, tmp_path), terminal_size=(80, 24),
                        run_before=asking("adoption", ("tab", "end")))


def test_briefing_light_theme_100x30(snap_compare, engine, seed_cache, tmp_path):
    assert snap_compare(make_app(seed_cache, tmp_path, theme=LIGHT.name), terminal_size=(100, 30),
                        run_before=asking("adoption", ("tab", "down")))


def test_source_view_100x30(snap_compare, engine, seed_cache, tmp_path):
    assert snap_compare(make_app(seed_cache, tmp_path), terminal_size=(100, 30),
                        run_before=asking("fostering", ("tab", "enter")))
