"""The question prompt, with shell-like history on up and down, kept between sessions."""
from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Input

from ...briefing.render import plain
from ...sanitise import safe

HISTORY_LIMIT = 500


class Prompt(Input):
    BINDINGS = [
        Binding("up", "history_previous", "Previous question", show=False),
        Binding("down", "history_next", "Next question", show=False),
    ]

    def __init__(self, history_file: Path | None = None, **kwargs) -> None:
        super().__init__(placeholder="Ask about the inspections, e.g. how long are children waiting to be adopted?",
                         max_length=2000, **kwargs)
        self.history_file = history_file
        self.history: list[str] = self._load()
        self.position = len(self.history)
        self.draft = ""

    def _load(self) -> list[str]:
        if self.history_file is None:
            return []
        try:
            lines = self.history_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        # a history file written by hand or by an older version is shown as plain text: its terminal
        # codes would reach the screen from the prompt (an ESC [2J cleared it)
        return [line for line in map(plain, lines) if line][-HISTORY_LIMIT:]

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit (typing, pasting) puts plain text in: a pasted terminal code never reaches the
        screen, the question asked, or the history file."""
        super().replace(safe(text), start, end)

    def remember(self, question: str) -> None:
        question = plain(question)
        if question and (not self.history or self.history[-1] != question):
            self.history.append(question)
            self.history = self.history[-HISTORY_LIMIT:]
            if self.history_file is not None:
                try:
                    self.history_file.parent.mkdir(parents=True, exist_ok=True)
                    self.history_file.write_text("\n".join(self.history) + "\n", encoding="utf-8")
                except OSError:
                    pass  # history is a convenience; a read-only home must not stop the app
        self.position = len(self.history)
        self.draft = ""

    def action_history_previous(self) -> None:
        if not self.history or self.position == 0:
            return
        if self.position == len(self.history):
            self.draft = self.value
        self.position -= 1
        self.value = self.history[self.position]
        self.cursor_position = len(self.value)

    def action_history_next(self) -> None:
        if self.position >= len(self.history):
            return
        self.position += 1
        self.value = self.draft if self.position == len(self.history) else self.history[self.position]
        self.cursor_position = len(self.value)
