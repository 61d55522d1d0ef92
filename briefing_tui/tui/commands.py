"""The command palette (Ctrl+P): topics, people, sources (by council, year and title) and actions."""
from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..briefing.people import distinct_people
from ..briefing.render import nice_date, plain
from .widgets.options import MeasuredOptions


class MeasuredCommandList(MeasuredOptions, CommandList):
    """The palette's hits, measured where they are drawn: a long source title wraps, and its last
    row (or the help line under it) was lost when the list's scrollbar appeared."""


class Palette(CommandPalette):
    """Textual's command palette, its hits listed in a MeasuredCommandList."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield MeasuredCommandList() if type(widget) is CommandList else widget


def source_entry(doc) -> tuple[str, str]:
    """A source as the palette shows it: council, date and title to search by; its kind as help."""
    m = doc.meta
    name = f"Brief on source: {plain(m.council or 'Council unknown')}, {nice_date(m.date)}: {plain(m.title)[:70]}"
    return name, m.kind_label


class BriefingCommands(Provider):
    def _entries(self) -> list[tuple[str, object, str]]:
        from .screens.main import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return []
        entries: list[tuple[str, object, str]] = [
            ("Copy briefing for email", main.action_copy_email, "plain text with footnotes and sources"),
            ("Copy highlighted line with its citation", main.action_copy_line, ""),
            ("Copy briefing as Markdown", main.action_copy_markdown, ""),
            ("Save briefing to a file", main.action_save, ""),
            ("Show judgement grid", main.action_judgements, "grades of each inspection by area"),
            ("Show or hide the topics", main.action_toggle_topics, ""),
            ("Help", self.app.action_help, "keys and what they do"),
        ]
        if main.ready:
            for _, label, count in main.engine.topic_list():
                entries.append((f"Brief on: {label}", partial(main.ask, label), f"{count} sentences"))
            for person in distinct_people(main.engine.people()):
                question = f"What did {person.name} say?"
                entries.append((f"What did {plain(person.shown)} say?", partial(main.ask, question), ""))
            for doc in reversed(main.engine.documents()):  # newest first
                name, help_text = source_entry(doc)
                entries.append((name, partial(main.brief_on_source, doc), help_text))
        return entries

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries()[:12]:
            yield DiscoveryHit(Content(name), command, text=name, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), command, text=name, help=help_text or None)


def highlight(matcher, name: str) -> Content:
    """The matched letters highlighted in plain text (Textual's own highlight reads the name as markup,
    and document titles are never markup)."""
    content = Content(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
