"""The app: the main screen, global keys, themes and the command palette."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..briefing.engine import Engine
from .commands import BriefingCommands
from .screens.help import HelpScreen, describe
from .screens.main import MainScreen


class BriefingApp(App):
    TITLE = "briefing"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
    ]

    def __init__(self, engine: Engine, history_file: Path | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.history_file = history_file
        self.timings: dict[str, float] = {}  # perf_counter() at first paint and when ready, for benchmarks

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(MainScreen(self.engine, self.history_file))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        from .widgets.briefing_view import BriefingView
        from .widgets.topics import TopicList

        groups = [
            ("Anywhere", describe(self.BINDINGS, self) + [("ctrl+p", "Command palette: topics, sources, actions"),
                                                           ("tab / shift+tab", "Move between topics, briefings and prompt")]),
            ("Main screen", describe(MainScreen.BINDINGS, self)),
            ("Topics", describe(TopicList.BINDINGS, self) + [("up / down, j / k", "Move between topics")]),
            ("Briefing", describe(BriefingView.BINDINGS, self) + [("up / down, j / k", "Move between lines")]),
            ("Prompt", [("enter", "Ask"), ("up / down", "Previous and next questions")]),
            ("Source view", [("escape", "Back to the briefing")]),
        ]
        self.push_screen(HelpScreen(groups))


def run(corpus: list[Path] | None = None, cache: Path | None = None) -> int:
    from ..briefing.engine import Engine

    engine = Engine(corpus, cache)
    BriefingApp(engine, history_file=engine.cache / "history.txt").run()
    return 0
