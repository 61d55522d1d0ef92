"""The sidebar: the corpus's topics and the people it quotes, moved through with arrows or j/k."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...briefing.people import distinct_people
from ...briefing.render import plain
from .options import MeasuredOptionList


class TopicList(MeasuredOptionList):
    """The topics (with how many sentences mention each) and the people quoted; Enter asks about one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Brief on topic"),
    ]

    @dataclass
    class Chosen(Message):
        """A topic or person was chosen; `question` is what to ask."""

        question: str

    def set_topics(self, topics: list[tuple[str, str, int]], people: list[str]) -> None:
        self.clear_options()
        options: list[Option | None] = [Option(Text("Topics", style="bold"), disabled=True)]
        for topic_id, label, count in topics:
            options.append(Option(Text.assemble(label, f" ({count})"), id=f"topic:{label}"))
        if people:
            options += [None, Option(Text("People", style="bold"), disabled=True)]
            for person in distinct_people(people):
                options.append(Option(Text(plain(person.shown)), id=f"person:{person.name}"))
        self.add_options(options)
        self.highlighted = 1 if len(options) > 1 else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition(":")
        question = f"What did {value} say?" if kind == "person" else value
        if question:
            self.post_message(self.Chosen(question))
