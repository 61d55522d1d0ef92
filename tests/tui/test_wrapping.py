"""Wrapped briefing lines shown whole: every row of every option is on screen once scrolled to,
whatever the width the list settles at (with or without its scrollbar)."""
from __future__ import annotations

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static

from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.commands import MeasuredCommandList
from briefing_tui.tui.widgets.options import MeasuredOptions
from briefing_tui.tui.widgets.topics import TopicList
from tests.tui.helpers import SIZES, ask, make_app, ready, wait_for


def squeezed(text: str) -> str:
    """Text without its whitespace: wrapping moves words between rows, never changes them."""
    return "".join(text.split())


async def shown(pilot, view: OptionList) -> str:
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


async def cut_short(pilot, view: OptionList) -> list[str]:
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


# The 160 reports' topics as `briefing --corpus /work/shared/corpus --corpus seeds topics` lists them:
# long labels wrap in the sidebar, and some fit a row only while the list has no scrollbar
# ("Health and well-being (1210)" is 28 columns, the wide sidebar's width inside its border).
MANY_TOPICS = [(str(n), label, count) for n, (label, count) in enumerate([
    ("Leadership, management and governance", 5844), ("Care leavers", 5398),
    ("Workforce, caseloads and supervision", 5284), ("Plans and case recording", 4957),
    ("Children in care", 3453), ("Front door: contacts, referrals and assessment", 3334),
    ("Child protection", 2752), ("Education of children in care", 1661),
    ("Placement stability and sufficiency", 1594), ("Children's voice and advocacy", 1496),
    ("Homeless 16- and 17-year-olds and accommodation", 1368), ("Health and well-being", 1210),
    ("Adoption", 1184), ("Exploitation and missing children", 1166), ("Early help", 1091),
    ("Fostering", 1036), ("Courts and care proceedings", 664),
    ("Education, employment and training (NEET)", 569), ("Disabled children", 544),
    ("Independent reviewing officers", 516), ("Safeguarding board and partnership (LSCB)", 479),
    ("Unaccompanied asylum-seeking children", 418), ("Domestic abuse", 345), ("Private fostering", 292),
    ("Youth justice", 268), ("Out-of-hours service", 241), ("Young carers", 198),
    ("Overall effectiveness", 171), ("Corporate parenting", 170),
])]
MANY_PEOPLE = ["Annual Adoption Report", "Cllr Lily Bath, cabinet member for children’s services at the council"]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_every_topic_is_shown_whole(app, monkeypatch, size):
    """The case seen: at 100x30 over the 160 reports the sidebar showed 'Health and well-being' without
    its '(1210)': the label fits 28 columns, not the 26 the scrollbar leaves, and lost its second row."""
    monkeypatch.setattr(app.engine, "topic_list", lambda: MANY_TOPICS)
    monkeypatch.setattr(app.engine, "people", lambda: MANY_PEOPLE)
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        topics = app.screen.query_one(TopicList)
        if not topics.display:  # below 100 columns the sidebar is shown on request
            await pilot.press("f7")
            await pilot.pause()
        assert topics.max_scroll_y > 0, "the topics need the scrollbar at this size"
        missing = await cut_short(pilot, topics)
        assert not missing, f"topics cut short at {size}: {missing}"


class Sidebar(App):
    """A sidebar alone: its topics are set once it has its size, as the app sets them when the index is ready."""

    CSS = "TopicList { height: 12; }"


async def test_every_topic_is_shown_at_every_width():
    """A sidebar of each width from 16 to 40 columns: no topic loses a row to the scrollbar."""
    app = Sidebar()
    async with app.run_test(size=(120, 20)) as pilot:
        cut = {}
        for width in range(16, 41):
            topics = TopicList()
            topics.styles.width = width
            await app.screen.mount(topics)
            await pilot.pause()
            topics.set_topics(MANY_TOPICS, MANY_PEOPLE)
            await pilot.pause()
            if missing := await cut_short(pilot, topics):
                cut[width] = missing
            await topics.remove()
        assert not cut, f"topics cut short at widths {sorted(cut)}"


# Palette hits over a corpus with long labels: one of each length from 30 to 110 characters, so at
# any width some hit fits a row only while the list has no scrollbar.
LONG_LABELS = [(str(n), " ".join(["children's services"] * 6)[:n].rstrip() + f" {n}", 1) for n in range(30, 111)]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_every_palette_hit_is_shown_whole(app, monkeypatch, size):
    """The case seen: at 100x30 over the 160 reports, Ctrl+P 'brief on source' showed 'Brief on
    source: Luton, 30 January 2026: Inspection of Luton local authority children's services' without
    its help line 'Ofsted inspection report' (Textual's CommandList is an OptionList too)."""
    monkeypatch.setattr(app.engine, "topic_list", lambda: LONG_LABELS)
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"brief")
        hits = app.screen.query_one(CommandList)
        assert await wait_for(pilot, lambda: hits.option_count >= len(LONG_LABELS))
        await pilot.pause(0.5)
        assert hits.max_scroll_y > 0, "the hits need the scrollbar at this size"
        missing = await cut_short(pilot, hits)
        assert not missing, f"palette hits cut short at {size}: {missing}"


def test_every_option_list_of_the_app_measures_where_it_draws():
    """The fix lives in one class: every OptionList the app defines takes it."""
    import importlib
    import pkgutil

    import briefing_tui.tui as tui

    lists = set()
    for module in pkgutil.walk_packages(tui.__path__, tui.__name__ + "."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and issubclass(value, OptionList) and value.__module__.startswith(tui.__name__):
                lists.add(value)
    assert {BriefingView, TopicList, MeasuredCommandList} <= lists
    assert all(issubclass(cls, MeasuredOptions) for cls in lists), lists


def test_the_private_override_is_for_the_pinned_textual():
    """MeasuredOptionList overrides OptionList._update_lines and calls _clear_caches: safe only for
    the Textual it was read against. Upgrading Textual fails here first: read OptionList again."""
    import textual

    assert textual.__version__ == "8.2.8"
    assert callable(OptionList._update_lines) and callable(OptionList._clear_caches)
