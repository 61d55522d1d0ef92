"""Every key and what it does, from the bindings themselves, so help never drifts from behaviour."""
from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = ("Type a question at the prompt and press Enter. Tab moves between the topics, the briefings and "
         "the prompt. In a briefing, up/down (or j/k) move between lines and Enter opens a line's source.")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, rows in self.groups:
            table.add_row(f"[{title}]", "", style="bold")
            for key, description in rows:
                table.add_row(key, description)
        with VerticalScroll(id="help-box"):
            yield Static("Help", id="help-title")
            yield Static(INTRO, id="help-intro", markup=False)
            yield Static(table)

    def action_dismiss(self) -> None:
        self.dismiss(None)


def describe(bindings: list[Binding], app) -> list[tuple[str, str]]:
    rows = []
    for b in bindings:
        if not b.description:
            continue
        keys = ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in b.key.split(","))
        rows.append((keys, b.description))
    return rows
