"""The app: the main screen, global keys, themes and the command palette."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from .commands import BriefingCommands, Palette
from .keys import key_label
from .screens.help import HelpScreen, help_groups
from .screens.main import MainScreen
from .themes import DARK, LIGHT, THEMES

if TYPE_CHECKING:
    from ..briefing.engine import Engine


class BriefingApp(App):
    TITLE = "briefing"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        Binding("ctrl+p", "command_palette", "Palette", show=False),
    ]

    def __init__(self, engine: Engine, history_file: Path | None = None, theme: str = DARK.name) -> None:
        super().__init__()
        self.engine = engine
        self.history_file = history_file
        self.timings: dict[str, float] = {}  # perf_counter() at first paint and when ready, for benchmarks
        for t in THEMES.values():
            self.register_theme(t)
        self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.engine, self.history_file))

    def get_key_display(self, binding: Binding) -> str:
        """The footer uses the same key notation as the help screen."""
        return binding.key_display or key_label(binding.key)

    def action_command_palette(self) -> None:
        """Textual's palette (as App.action_command_palette opens it), with the app's measured list."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_groups(type(self))))


def run(corpus: list[Path] | None = None, cache: Path | None = None) -> int:
    from ..briefing.engine import Engine

    engine = Engine(corpus, cache)
    BriefingApp(engine, history_file=engine.cache / "history.txt").run()
    return 0
