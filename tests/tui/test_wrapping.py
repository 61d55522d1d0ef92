"""Wrapped briefing lines shown whole: every row of every option is on screen once scrolled to,
whatever the width the list settles at (with or without its scrollbar)."""
from __future__ import annotations

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static

from briefing_tui.tui.widgets.briefing_view import BriefingView
from tests.tui.helpers import SIZES, ask, make_app, ready


def squeezed(text: str) -> str:
    """Text without its whitespace: wrapping moves words between rows, never changes them."""
    return "".join(text.split())


async def shown(pilot, view: BriefingView) -> str:
    """Every row the list paints, top to bottom, scrolling it as a reader would."""
    rows: dict[int, str] = {}
    height = view.scrollable_content_region.height
    top = 0
    while True:
        view.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        y0 = round(view.scroll_y)
        for y in range(height):
            rows[y0 + y] = view.render_line(y).text
        if y0 >= view.max_scroll_y:
            break
        top = y0 + height
    return "\n".join(rows[y] for y in sorted(rows))


async def cut_short(pilot, view: BriefingView) -> list[str]:
    """The options whose words are not all on screen, in order."""
    text = squeezed(await shown(pilot, view))
    return [o.prompt.plain for o in view.options if squeezed(o.prompt.plain) not in text]


@pytest.fixture
def app(engine, seed_cache, tmp_path):
    return make_app(seed_cache, tmp_path)


@pytest.mark.parametrize("size", SIZES)
async def test_every_word_of_every_line_is_shown(app, size):
    """The case seen: at 100x30 the 2011 answer, asked second, lost "appropriately. [6]"."""
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        for question in ["how long are children waiting to be adopted?", "what did the 2011 inspection find?"]:
            view = await ask(pilot, app, question)
            missing = await cut_short(pilot, view)
            assert not missing, f"{question!r} at {size}: lines cut short: {missing}"


class Shelf(App):
    """A briefing mounted below the fold of a transcript that already scrolls, as a second answer is:
    the list gets its size (a Resize) before it first measures its lines (on Show), and measuring
    shows its scrollbar, which narrows the text with no Resize to follow."""

    CSS = """
    #box { height: 12; }
    #above { height: 24; }
    BriefingView { height: auto; max-height: 100%; }
    """

    def compose(self):
        with VerticalScroll(id="box"):
            yield Static("an earlier answer", id="above")


@pytest.mark.parametrize("question", ["what did the 2011 inspection find?", "adoption"])
async def test_every_word_is_shown_at_every_width(engine, question):
    """A list that needs its scrollbar once measured: at each width, no line loses a row to it."""
    briefing = engine.ask(question)
    app = Shelf()
    async with app.run_test(size=(120, 20)) as pilot:
        box = app.query_one("#box")
        cut = {}
        for width in range(40, 101, 5):
            box.styles.width = width
            box.scroll_home(animate=False, immediate=True)
            await pilot.pause()
            view = BriefingView(briefing)
            await box.mount(view)
            await pilot.pause()
            box.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            if missing := await cut_short(pilot, view):
                cut[width] = missing
            await view.remove()
        assert not cut, f"lines cut short at widths {sorted(cut)}"
