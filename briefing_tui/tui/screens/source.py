"""The source of a line: the whole paragraph with its neighbours and its document's details."""
from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...briefing.engine import Source
from ...briefing.cite import cite
from ...briefing.render import nice_date, plain

MAX_HEADING_WORDS = 14


class SourceScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Back"),
        Binding("q", "dismiss", "Back", show=False),
    ]

    def __init__(self, source: Source, quoted: str) -> None:
        super().__init__()
        self.source = source
        self.quoted = quoted

    def compose(self) -> ComposeResult:
        m = self.source.doc.meta
        head = Text.assemble((plain(m.title), "bold"), "\n",
                             f"{m.kind_label} · {m.council or 'council unknown'} · {nice_date(m.date)} · "
                             f"file {plain(self.source.doc.name)}")
        heading = section_heading(self.source.paragraph.section)
        if heading:
            head.append(f"\nSection: {heading}", style="italic")
        with VerticalScroll(id="source-box"):
            yield Static(head, id="source-head")
            for p in self.source.neighbours:
                yield Static(self._paragraph(p), classes="cited" if p.id == self.source.paragraph.id else "context")
        yield Footer()

    def on_mount(self) -> None:
        cited = self.query(".cited")
        if cited:
            self.call_after_refresh(self.query_one("#source-box").scroll_to_widget, cited.first(), animate=False, top=True)

    def _paragraph(self, p) -> Text:
        text = Text(f"[{plain(cite(p, self.source.doc).place)}] ", style="bold")  # as a reader finds it
        body = plain(p.text)
        if p.id == self.source.paragraph.id:
            quoted = plain(self.quoted)
            at = body.find(quoted)
            if at >= 0:
                text.append(body[:at])
                text.append(body[at:at + len(quoted)], style="reverse")
                text.append(body[at + len(quoted):])
                return text
        text.append(body)
        return text

    def action_dismiss(self) -> None:
        self.dismiss(None)


def section_heading(section: str | None) -> str | None:
    """The section's heading if it reads as one; a sentence caught as a section is not shown.
    (Segmentation should never store a sentence as a section; this keeps the source view honest meanwhile.)"""
    text = re.sub(r"(?<=[?:a-z])\d+$", "", plain(section or ""))  # a footnote mark after the heading
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or text.endswith("."):
        return None
    if not text.endswith("?") and re.search(r"\b(is|are|was|were|has|have)\b", text.split(":")[0]):
        return None
    return text
