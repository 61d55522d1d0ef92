"""Each line in the app says when (and whose) it is as the email text does, once a briefing draws on
several documents; one document's lines stay bare; document text is shown as written, never as markup."""
from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from briefing_tui.briefing.render import to_text
from briefing_tui.briefing.types import Briefing, Citation, Item, Section
from briefing_tui.tui.widgets.briefing_view import BriefingView
from tests.tui.helpers import ask, make_app, ready, status, wait_for


@pytest.fixture
def app(engine, seed_cache, tmp_path):
    return make_app(seed_cache, tmp_path)


def item_lines(view: BriefingView) -> dict[str, str]:
    """Each briefing line's words as the view shows them, by option id."""
    return {o.id: o.prompt.plain for o in view.options if o.id in view.items}


def when(c: Citation) -> str:
    return c.when or c.date[:4]


async def test_lines_of_several_documents_are_dated_as_in_the_email(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "how long are children waiting to be adopted?")
        assert len({c.doc_id for c in view.briefing.sources()}) > 1
        email = to_text(view.briefing)
        for key, shown in item_lines(view).items():
            assert f"{when(view.items[key].citation)}) [" in shown, shown  # the tag just before the notes
            assert f"\n- {shown.removeprefix('• ')}\n" in email  # word for word the email's line


async def test_lines_of_one_document_carry_no_date(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "what did the 2011 inspection find?")
        assert len({c.doc_id for c in view.briefing.sources()}) == 1
        assert not any(i.area for i in view.briefing.items), "grades carry their year whatever the briefing"
        for key, shown in item_lines(view).items():
            assert f"{when(view.items[key].citation)}) [" not in shown, shown


def cite(doc_id: int, when: str) -> Citation:
    return Citation(f"doc{doc_id}.txt", "7", f"Report {when}, para 7", "Source paragraph.", doc_id, doc_id,
                    "Title", f"{when}-01-01", "para 7", f"Report, {when}", when, "Hounslow")


MARKUP = Briefing("adoption", "Adoption", (
    Section("weaknesses", "What needs to get better", (
        Item("[bold]Children[/bold] wait [red]too long[/] for [link=https://x]families[/link].", cite(1, "2014")),
        Item("Plans are [i]robust[/i].", cite(2, "2023")))),))


class OneView(App):
    def compose(self) -> ComposeResult:
        yield BriefingView(MARKUP)


async def test_document_text_with_markup_is_shown_as_written():
    app = OneView()
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(BriefingView)
        screen = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "• [bold]Children[/bold] wait [red]too long[/] for [link=https://x]families[/link]. (2014) [1]" in screen
        assert "• Plans are [i]robust[/i]. (2023) [2]" in screen
        for key in view.items:
            text = view.get_option(key).prompt
            assert all(span.style == "bold" for span in text.spans), "only the note numbers are styled"


async def test_the_2011_letter_is_named_once_with_one_date(app):
    """The case seen: the status line read 'Ofsted inspection letter to Hounslow, 14 July 2011, “Annual
    unannounced inspection of contact…”, para 28 · 16 June 2011 · Annual unannounced ...': two dates, the
    subject twice; the source view dated it 16 June 2011."""
    from briefing_tui.tui.screens.source import SourceScreen

    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot, app)
        view = await ask(pilot, app, "what did the 2011 inspection find?")
        await pilot.press("tab")
        await pilot.pause()
        line = status(app)
        assert line.startswith("[1] Ofsted inspection letter to Hounslow, 14 July 2011, “Annual unannounced"), line
        assert line.count("2011") == 1 and line.count("Annual unannounced") == 1, line
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        head = str(app.screen.query_one("#source-head").render())
        assert "· 14 July 2011 ·" in head and "June" not in head, head
    assert view.briefing.sources()


async def test_a_report_keeps_its_date_and_title_in_the_status_line(app):
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot, app)
        await ask(pilot, app, "adoption")
        await pilot.press("tab")
        await pilot.pause()
        assert status(app).startswith("[1] Ofsted inspection report, Hounslow, 2014, "), status(app)
        assert status(app).endswith(" · 5 February 2014 · London Borough of Hounslow"), status(app)
