"""Every key and what it does, built from the bindings themselves, so help never drifts from behaviour."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import help_rows

INTRO = ("Type a question at the prompt and press Enter. Tab goes from the prompt to the newest answer, then to "
         "the topics. In an answer, Up/Down (or j/k), PgUp/PgDn and Home/End move the highlight; the status line "
         "shows the highlighted line's citation and Enter opens its source. Select text with the mouse and press "
         "Ctrl+C to copy it. F1 opens this help anywhere; ? does too, except in the prompt, where it types a ?.")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.groups:
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box"):
            yield Static("Help", id="help-title")
            yield Static(INTRO, id="help-intro", markup=False)
            yield Static(table, id="help-keys")

    def action_dismiss(self) -> None:
        self.dismiss(None)


def merged(cls) -> list[Binding]:
    """A widget class's bindings with those it inherits, as Textual resolves them."""
    return [b for bindings in cls._merged_bindings.key_to_bindings.values() for b in bindings]


def help_groups(app_class) -> list[tuple[str, list[tuple[str, str]]]]:
    from ..widgets.briefing_view import BriefingView
    from ..widgets.prompt import Prompt
    from ..widgets.topics import TopicList
    from .judgements import JudgementScreen
    from .main import MainScreen
    from .source import SourceScreen

    return [
        ("Anywhere", help_rows(app_class.BINDINGS)),
        ("Main screen", help_rows(merged(MainScreen))),
        ("Prompt", help_rows([b for b in merged(Prompt) if b.action == "submit"], Prompt.BINDINGS)),
        ("Answer", help_rows(merged(BriefingView))),
        ("Topics", help_rows(merged(TopicList))),
        ("Source view", help_rows(SourceScreen.BINDINGS)),
        ("Grades", help_rows(JudgementScreen.BINDINGS)),
        ("Help", help_rows(HelpScreen.BINDINGS)),
    ]
