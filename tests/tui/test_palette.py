"""The command palette: sources found by council, year and title (never by hashed file name), and
"Brief on source" summarising that document."""
from __future__ import annotations

import re

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.commands import source_entry
from briefing_tui.tui.widgets.briefing_view import BriefingView
from tests.tui.helpers import ready, wait_for

HASHED = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt|\.pdf")


def test_source_entries_show_council_and_date_not_file_names(pdf_engine):
    for doc in pdf_engine.documents():
        name, help_text = source_entry(doc)
        assert not HASHED.search(name + help_text), name
        if doc.meta.council:
            assert doc.meta.council in name
        if doc.meta.date:
            assert doc.meta.date[:4] in name


def test_palette_entries_are_plain_text_never_markup():
    from textual.fuzzy import Matcher

    from briefing_tui.tui.commands import highlight

    name = "Brief on source: Hounslow, 2023: [bold red]Inspection[/] of [link=x]Hounslow"
    shown = highlight(Matcher("2023 insp"), name)
    assert shown.plain == name and shown.spans, "shown as typed, with the match highlighted"


async def test_palette_finds_a_source_by_year_and_briefs_on_it(pdf_engine, tmp_path):
    app = BriefingApp(pdf_engine, history_file=tmp_path / "h.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"source 2023")
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        assert await wait_for(pilot, lambda: options.option_count > 0)
        first = str(options.get_option_at_index(0).prompt)
        assert "2023" in first and "Hounslow" in first and not HASHED.search(first)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 1, tries=300)
        view = app.screen.query_one(BriefingView)
        doc = next(d for d in pdf_engine.documents() if d.meta.date and d.meta.date.startswith("2023"))
        assert view.briefing.items, "the summary has lines"
        assert all(i.citation.title == doc.meta.title and i.citation.date == doc.meta.date for i in view.briefing.items)
        kinds = {s.kind for s in view.briefing.sections}
        assert {"judgement", "strengths"} <= kinds
