"""The chat transcript: questions and their answers in the order asked, answered one at a time by
one worker thread (the engine is safe from one thread at a time), each answer under its question."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ...briefing.render import plain
from .briefing_view import BriefingView

if TYPE_CHECKING:
    from ...briefing.compose import Briefing

WELCOME = ("Ask a question about the inspection reports and press Enter, or pick a topic on the left. "
           "Every line is quoted from a document and cites its paragraph. Tab reads the newest answer; "
           "F1 lists every key.")


@dataclass(frozen=True)
class Pending:
    """A question waiting for its answer: what the transcript shows and how to answer it."""

    question: str
    run: Callable[[], Briefing]
    label: Static


class Transcript(VerticalScroll):
    @dataclass
    class Answered(Message):
        briefing: Briefing

    @dataclass
    class AnswerFailed(Message):
        question: str
        error: str

    @dataclass
    class Said(Message):
        """Something for the status line."""

        text: str
        error: bool = False

    def __init__(self, **kwargs) -> None:
        super().__init__(can_focus=False, **kwargs)
        self.queue: deque[Pending] = deque()
        self.answering = False
        self.open = False  # questions wait until the documents are loaded

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="welcome", markup=False)

    def start(self) -> None:
        """The documents are ready: answer what is waiting."""
        self.open = True
        self._next_question()

    def enqueue(self, question: str, run: Callable[[], Briefing]) -> None:
        label = Static(Text.assemble(("You: ", "bold"), plain(question)), classes="question")
        self.mount(label)
        self.queue.append(Pending(question, run, label))
        if not self.open:
            self.post_message(self.Said("Still loading the documents; your question will be answered when they are ready."))
        self._next_question()

    def _next_question(self) -> None:
        if self.answering or not self.open or not self.queue:
            return
        self.answering = True
        waiting = f" ({len(self.queue) - 1} more waiting)" if len(self.queue) > 1 else ""
        self.post_message(self.Said(f"Thinking…{waiting}"))
        self.answer(self.queue[0].question, self.queue[0].run)

    @work(thread=True, exclusive=True, group="ask")
    def answer(self, question: str, run: Callable[[], Briefing]) -> None:
        try:
            briefing = run()
        except Exception as exc:  # a failure answers with a message, the app goes on
            self.post_message(self.AnswerFailed(question, f"{exc.__class__.__name__}: {exc}"))
            return
        self.post_message(self.Answered(briefing))

    async def on_transcript_answered(self, message: Answered) -> None:
        message.stop()
        pending = self.queue.popleft()
        view = BriefingView(message.briefing, classes="briefing")
        view.border_title = Text(plain(pending.question))  # the question stays in sight while its answer scrolls
        await self.mount(view, after=pending.label)
        self.answering = False
        if not self.queue:
            b = message.briefing
            self.post_message(self.Said(
                "Nothing found: Tab to the answer to choose a suggested topic." if b.empty else
                f"{len(b.items)} lines, {len(b.sources())} sources. Tab reads it, F2 copies it for email, F4 saves it."))
        self._next_question()

    async def on_transcript_answer_failed(self, message: AnswerFailed) -> None:
        message.stop()
        pending = self.queue.popleft()
        note = Static(Text(f"Could not answer this question ({plain(message.error)})."), classes="failure")
        await self.mount(note, after=pending.label)
        self.answering = False
        self.post_message(self.Said(f"Could not answer “{message.question}”: {message.error}", error=True))
        self._next_question()

    def on_briefing_view_laid_out(self, message: BriefingView.LaidOut) -> None:
        # the newest answer starts at the top of the transcript, and a reader who was in an answer moves to it;
        # the answer being read (the focused one, else the newest) stays in view as its size settles
        views = self.views()
        if message.view not in views:
            return
        focused = self.screen.focused if isinstance(self.screen.focused, BriefingView) else None
        if message.first and focused is not None and message.view is views[-1] and not self.queue:
            self.screen.set_focus(message.view)  # focusing it scrolls to it
        elif message.view is (focused or views[-1]) and (focused is not None or not self.queue):
            self.call_after_refresh(self.show_answer, message.view)

    def views(self) -> list[BriefingView]:
        return list(self.query(BriefingView))

    def show_answer(self, view: BriefingView) -> None:
        """Scroll an answer into view with its question if both fit, and its highlighted line."""
        siblings = list(self.children)
        at = siblings.index(view) if view in siblings else 0
        label = siblings[at - 1] if at > 0 and siblings[at - 1].has_class("question") else None
        if label is not None and (view.virtual_region.bottom - label.virtual_region_with_margin.y
                                  <= self.scrollable_content_region.height):
            self.scroll_to_widget(label, animate=False, top=True)
        else:
            self.scroll_to_widget(view, animate=False, top=True)
        view.scroll_to_highlight()
