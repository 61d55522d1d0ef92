"""WCAG AA contrast (4.5:1 for text) of what the screen actually shows, in the dark and the light theme:
the question, section headings, lines, the sources list, the highlighted line, the status line, the welcome."""
from __future__ import annotations

import pytest
from rich.color import Color as RichColor

from briefing_tui.tui.themes import DARK, LIGHT, contrast
from briefing_tui.tui.widgets.briefing_view import BriefingView
from tests.tui.helpers import ask, make_app, ready

AA = 4.5


def rgb(color: RichColor) -> tuple[int, int, int]:
    triplet = color.get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def pair(style) -> float:
    return contrast(rgb(style.color), rgb(style.bgcolor))


def test_contrast_formula_on_known_pairs():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # WebAIM's AA grey


@pytest.mark.parametrize("theme", [DARK.name, LIGHT.name])
async def test_text_meets_aa_in_both_themes(engine, seed_cache, tmp_path, theme):
    app = make_app(seed_cache, tmp_path, theme=theme)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "adoption")
        screen = app.screen
        measured = {
            "welcome": pair(screen.query_one("#welcome").rich_style),
            "question": pair(screen.query_one(".question").rich_style),
            "status line": pair(screen.query_one("#status").rich_style),
            "topics heading": pair(screen.query_one("#topics").get_component_rich_style("option-list--option-disabled")),
        }
        for focused in (False, True):
            if focused:
                view.focus()
                await pilot.pause(0.1)
            state = "focused" if focused else "unfocused"
            measured[f"section heading ({state})"] = pair(view.get_component_rich_style("option-list--option-disabled"))
            measured[f"line and sources list ({state})"] = pair(view.get_component_rich_style("option-list--option"))
            measured[f"highlighted line ({state})"] = pair(
                view.get_component_rich_style("option-list--option-highlighted"))
        assert isinstance(view, BriefingView) and view.briefing.sources()
        low = {name: round(ratio, 2) for name, ratio in measured.items() if ratio < AA}
        assert not low, f"below 4.5:1 in {theme}: {low}"


async def test_ctrl_t_switches_between_the_two_aa_themes(engine, seed_cache, tmp_path):
    app = make_app(seed_cache, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        assert app.theme == DARK.name
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT.name
        await pilot.press("ctrl+t")
        assert app.theme == DARK.name
