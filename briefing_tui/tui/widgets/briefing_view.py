"""One briefing in the transcript: sections with headings, each line with its citation marker.
Up and down move between lines, Enter (or a click) opens the line's source."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...briefing.types import Briefing, Citation, Item
from ...briefing.render import footnotes, item_line, markers, plain
from .charts import figure_bars


class BriefingView(OptionList):
    """A briefing as a list: headings and sources are shown but cannot be chosen."""

    BINDINGS = [
        Binding("enter", "select", "Open source"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class SourceRequested(Message):
        """The reader asked to see where a line comes from."""

        briefing: Briefing
        item: Item
        citation: Citation

    def __init__(self, briefing: Briefing, **kwargs) -> None:
        self.briefing = briefing
        self.items: dict[str, Item] = {}
        super().__init__(*self._options(), **kwargs)

    def _options(self) -> list[Option | None]:
        b = self.briefing
        notes = footnotes(b)
        options: list[Option | None] = []
        for note in b.notes:
            options.append(Option(Text(plain(note), style="italic dim"), disabled=True))
        if b.empty:
            options.append(Option(Text("Nothing in the documents answers this question."), disabled=True))
            if b.suggestions:
                options.append(Option(Text("Try: " + ", ".join(b.suggestions), style="dim"), disabled=True))
            return options
        for section in b.sections:
            options.append(Option(Text(section.title, style="bold underline"), disabled=True))
            for n, item in enumerate(section.items):
                key = f"{section.kind}-{n}"
                self.items[key] = item
                line = Text.assemble("• ", item_line(item), (f" {markers(item, notes)}", "bold cyan"))
                options.append(Option(line, id=key))
                if section.kind == "figures":
                    bars = figure_bars(list(item.figures))
                    if bars is not None:
                        options.append(Option(bars, disabled=True))
        options.append(Option(Text("Sources", style="bold underline"), disabled=True))
        for c in b.sources():
            options.append(Option(Text(f"[{notes[(c.doc_id, c.paragraph)]}] {plain(c.label)}", style="dim"),
                                  disabled=True))
        return options

    def on_mount(self) -> None:
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.items.get(event.option.id or "")
        if item is not None:
            self.post_message(self.SourceRequested(self.briefing, item, item.citation))

    @property
    def current_item(self) -> Item | None:
        if self.highlighted is None:
            return None
        return self.items.get(self.options[self.highlighted].id or "")
