"""One briefing in the transcript: a focusable list of its headings, lines, charts and sources that
scrolls itself so the highlighted line (with its heading and chart) stays on screen."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...briefing.types import Briefing, Citation, Item
from ...briefing.render import footnotes, lines_of, markers, plain
from .charts import figure_bars
from .options import MeasuredOptionList


SIZE_CHECK_S = 0.05  # how often a new answer looks for its first size, where Textual sent no Resize
SIZE_CHECKS = 200  # and for how long: 10 seconds


class BriefingView(MeasuredOptionList):
    """A briefing as a list: lines and sources can be highlighted and opened; headings and charts ride along."""

    BINDINGS = [
        Binding("enter", "select", "Source"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("y", "copy_line", "Copy line"),
    ]

    @dataclass
    class SourceRequested(Message):
        """The reader asked to see where a line (or a listed source) comes from."""

        briefing: Briefing
        item: Item | None
        citation: Citation

    @dataclass
    class SuggestionChosen(Message):
        """A suggested topic of an empty answer was chosen; `question` is what to ask."""

        question: str

    @dataclass
    class LineCopyRequested(Message):
        """The reader wants the highlighted line alone, with its citation."""

        item: Item

    @dataclass
    class LaidOut(Message):
        """The view has a new size (`first`: its first): only now can the transcript scroll to it exactly."""

        view: BriefingView
        first: bool

    def __init__(self, briefing: Briefing, **kwargs) -> None:
        self.briefing = briefing
        self.items: dict[str, Item] = {}
        self.citations: dict[str, Citation] = {}
        self.suggestions: dict[str, str] = {}
        self.headings: set[int] = set()  # option indices of section headings
        super().__init__(*self._options(), **kwargs)

    def _options(self) -> list[Option]:
        b = self.briefing
        notes, line = footnotes(b), lines_of(b)
        options: list[Option] = [Option(Text(plain(note), style="italic"), disabled=True) for note in b.notes]
        if b.empty:
            # said once: a note from the engine that already says so stands for the sentence
            if not any("answers this question" in note for note in b.notes):
                options.append(Option(Text("Nothing in the documents answers this question."), disabled=True))
            if b.suggestions:
                options.append(Option(Text("Try a suggested topic (Enter to choose):", style="bold"), disabled=True))
                for n, label in enumerate(b.suggestions):
                    self.suggestions[f"suggest-{n}"] = label
                    options.append(Option(Text(f"→ {label}"), id=f"suggest-{n}"))
            return options
        for section in b.sections:
            self.headings.add(len(options))
            options.append(Option(Text(section.title, style="bold underline"), disabled=True))
            for n, item in enumerate(section.items):
                key = f"{section.kind}-{n}"
                self.items[key] = item
                # a str in Text.assemble is plain text: document words are never read as markup
                shown = Text.assemble("• ", line(item), (f" {markers(item, notes)}", "bold"))
                options.append(Option(shown, id=key))
                if section.kind == "figures":
                    bars = figure_bars(list(item.figures))
                    if bars is not None:
                        options.append(Option(bars, disabled=True))
        self.headings.add(len(options))
        options.append(Option(Text("Sources", style="bold underline"), disabled=True))
        for c in b.sources():
            n = notes[(c.doc_id, c.paragraph)]
            self.citations[f"source-{n}"] = c
            options.append(Option(Text(f"[{n}] {plain(c.label)}"), id=f"source-{n}"))  # the status line adds date and title
        return options

    def on_mount(self) -> None:
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first
        self.laid_out: Size | None = None  # the size last announced
        # Textual does not always send a first Resize (a view first placed while the transcript scrolls is sized
        # without one), so the view also looks for its first size after the next refresh and then every
        # SIZE_CHECK_S until it has one (for SIZE_CHECKS at most)
        self.call_after_refresh(self._check_laid_out)
        self._size_checks = self.set_interval(SIZE_CHECK_S, self._check_laid_out, repeat=SIZE_CHECKS)

    def on_resize(self) -> None:
        self._check_laid_out()

    def _check_laid_out(self) -> None:
        # a new answer's size settles over a refresh or two (its lines wrap again once a scrollbar appears)
        if self.size.height and self.size != self.laid_out:
            first = self.laid_out is None
            self.laid_out = self.size
            self._size_checks.stop()
            self.post_message(self.LaidOut(self, first))

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted option into view with the heading above it and the chart below it."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        lines, heights = self._index_to_line, self._heights
        if highlighted not in lines:
            return
        first = highlighted
        if first > 0 and self.options[first - 1].disabled:
            first -= 1
        last = highlighted
        while last + 1 < len(self.options) and self.options[last + 1].disabled and last + 1 in heights \
                and last + 1 not in self.headings:
            last += 1
        if self.highlighted == self._last_enabled():
            last = len(self.options) - 1  # the end of the list shows all of it
        y0, y1 = lines[first], lines[last] + heights[last]
        if y1 - y0 > self.scrollable_content_region.height:  # too tall: the highlighted line wins
            y0, y1 = lines[highlighted], lines[highlighted] + heights[highlighted]
        self.scroll_to_region(Region(0, y0, self.scrollable_content_region.width, y1 - y0),
                              force=True, animate=False, top=top, immediate=True)

    def _last_enabled(self) -> int | None:
        return next((i for i in range(len(self.options) - 1, -1, -1) if not self.options[i].disabled), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key in self.suggestions:
            self.post_message(self.SuggestionChosen(self.suggestions[key]))
        elif key in self.citations:
            self.post_message(self.SourceRequested(self.briefing, None, self.citations[key]))
        elif key in self.items:
            item = self.items[key]
            self.post_message(self.SourceRequested(self.briefing, item, item.citation))

    def action_copy_line(self) -> None:
        if self.current_item is None:
            self.notify("Highlight a briefing line to copy it with its citation.", severity="warning")
            return
        self.post_message(self.LineCopyRequested(self.current_item))

    @property
    def current_key(self) -> str:
        return "" if self.highlighted is None else self.options[self.highlighted].id or ""

    @property
    def current_item(self) -> Item | None:
        return self.items.get(self.current_key)

    @property
    def current_citation(self) -> Citation | None:
        """The citation of the highlighted line or listed source."""
        item = self.current_item
        return item.citation if item is not None else self.citations.get(self.current_key)
