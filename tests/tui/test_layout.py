"""Layout that adapts: the sidebar by width and by key, the judgement grid at 80 columns, resizing."""
from __future__ import annotations

import pytest

from briefing_tui.tui.screens.judgements import JudgementScreen, column_label
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.charts import GRADE_ABBREVIATIONS, grade_cell, grade_key, grade_legend
from briefing_tui.tui.widgets.prompt import Prompt
from briefing_tui.tui.widgets.topics import TopicList
from tests.tui.helpers import ask, highlighted_on_screen, make_app, ready, wait_for


@pytest.fixture
def app(engine, seed_cache, tmp_path):
    return make_app(seed_cache, tmp_path)


async def test_sidebar_hides_below_100_columns_and_a_key_toggles_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        topics = app.screen.query_one(TopicList)
        assert not topics.display
        await pilot.press("f7")
        await pilot.pause()
        assert topics.display and topics.outer_size.width <= 24
        assert app.screen.query_one("#main").size.width >= 56
        await pilot.press("f7")
        await pilot.pause()
        assert not topics.display


async def test_sidebar_shows_at_100_columns_and_hides_on_its_key(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        topics = app.screen.query_one(TopicList)
        assert topics.display and topics.outer_size.width == 30
        topics.focus()
        await pilot.press("f7")
        await pilot.pause()
        assert not topics.display
        assert isinstance(app.focused, Prompt), "focus leaves the hidden sidebar"
        await pilot.press("f7")
        await pilot.pause()
        assert topics.display


async def test_t_shows_the_hidden_sidebar_and_goes_to_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        await pilot.press("tab", "t")
        assert await wait_for(pilot, lambda: isinstance(app.focused, TopicList))
        assert app.focused.display


def test_grades_abbreviate_with_a_legend():
    assert grade_key("requires improvement to be good") == "requires improvement"
    assert grade_cell("requires improvement to be good", short=True).plain.strip() == "RI"
    assert grade_cell("Good", short=True).plain.strip() == "Good"
    assert grade_cell(None, short=True).plain.strip() == "—"
    legend = grade_legend().plain
    assert all(short in legend and key.capitalize() in legend for key, short in GRADE_ABBREVIATIONS.items())
    assert column_label("Hounslow", "2014-02-05") == "Hounslow 2014" and column_label(None, None) == "Undated"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_judgement_grid_fits_with_a_frozen_area_column(pdf_engine, tmp_path, size):
    from briefing_tui.tui.app import BriefingApp

    app = BriefingApp(pdf_engine, history_file=tmp_path / "h.txt")
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        await pilot.press("f5")
        assert await wait_for(pilot, lambda: isinstance(app.screen, JudgementScreen))
        await pilot.pause(0.2)
        grid = app.screen.query_one("#grid")
        assert len(app.screen.table.inspections) >= 3
        assert grid.region.right <= size[0]
        assert grid.fixed_columns == 1
        widths = [c.get_render_width(grid) for c in grid.columns.values()]
        assert sum(widths) <= grid.scrollable_content_region.width, "every column is on screen beside the areas"
        assert grid.max_scroll_x == 0
        for row in range(grid.row_count):
            for col in range(1, len(grid.columns)):
                cell = grid.get_cell_at((row, col)).plain.strip()
                assert cell in set(GRADE_ABBREVIATIONS.values()) | {"—"}, cell
        assert app.screen.styles.background.a == 1, "the grid's screen is opaque"
        assert "Requires improvement" in str(app.screen.query_one("#grid-legend").render())


async def test_resizing_keeps_the_focused_answer_in_view(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        await ask(pilot, app, "fostering")
        newest = await ask(pilot, app, "how long are children waiting to be adopted?")
        await pilot.press("tab", "down", "down", "down")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        assert await wait_for(pilot, lambda: highlighted_on_screen(newest))
        assert app.focused is newest
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert await wait_for(pilot, lambda: highlighted_on_screen(newest))


async def test_resizing_keeps_the_newest_answer_in_view_while_typing(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        newest = await ask(pilot, app, "fostering")
        await pilot.resize_terminal(80, 24)
        transcript = app.screen.query_one("#transcript")
        others = [v for v in app.screen.query(BriefingView) if v is not newest]
        assert await wait_for(pilot, lambda: transcript.region.overlaps(newest.region)
                              and all(not transcript.region.overlaps(v.region) for v in others))
        assert isinstance(app.focused, Prompt)
