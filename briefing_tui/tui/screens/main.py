"""The main screen: topics on the left, the chat transcript, the status line and the prompt."""
from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from typing import TYPE_CHECKING

from ...briefing.export import (CopyResult, SaveRefused, clipboard_command, copy_with_tool, save_text,
                                terminal_supports_osc52)
from ...briefing.render import plain, to_markdown, to_text
from ..widgets.prompt import Prompt
from ..widgets.topics import TopicList

if TYPE_CHECKING:
    from ...briefing.types import Briefing
    from ...briefing.engine import Engine

WELCOME = ("Ask a question about the inspection reports and press Enter, or pick a topic on the left. "
           "Every line is quoted from a document and cites its paragraph. Press ? for help.")


class MainScreen(Screen):
    BINDINGS = [
        Binding("f2", "copy_text", "Copy for email"),
        Binding("f3", "copy_markdown", "Copy Markdown"),
        Binding("f4", "save", "Save"),
        Binding("f5", "judgements", "Judgements"),
        Binding("c", "copy_text", "Copy for email (outside the prompt)", show=False),
        Binding("m", "copy_markdown", "Copy Markdown (outside the prompt)", show=False),
        Binding("s", "save", "Save (outside the prompt)", show=False),
        Binding("g", "judgements", "Judgement grid (outside the prompt)", show=False),
        Binding("slash", "focus_prompt", "Go to the prompt", show=False),
        Binding("t", "focus_topics", "Go to the topics", show=False),
    ]

    @dataclass
    class IndexProgress(Message):
        stage: str
        done: int
        total: int
        name: str

    @dataclass
    class IndexReady(Message):
        documents: int
        problems: list[str]

    @dataclass
    class IndexFailed(Message):
        error: str

    @dataclass
    class Answered(Message):
        briefing: Briefing

    def __init__(self, engine: Engine, history_file=None) -> None:
        super().__init__()
        self.engine = engine
        self.ready = False
        self.pending: list[str] = []
        self.history_file = history_file

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield TopicList(id="topics")
            with Vertical(id="main"):
                with VerticalScroll(id="transcript", can_focus=False):
                    yield Static(WELCOME, id="welcome", markup=False)
                yield Static("Loading the documents…", id="status", markup=False)
                yield Prompt(history_file=self.history_file, id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Prompt).focus()
        # Load after the first paint: the worker's imports would otherwise compete with it for the GIL.
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.app.timings.setdefault("first_paint", time.perf_counter())
        self.load_index()

    # -- loading
    @work(thread=True, exclusive=True, group="index")
    def load_index(self) -> None:
        def progress(stage: str, done: int, total: int, name: str) -> None:
            self.post_message(self.IndexProgress(stage, done, total, name))

        try:
            result = self.engine.open(progress)
        except Exception as exc:  # shown in the status line, never a crash
            self.post_message(self.IndexFailed(f"{exc.__class__.__name__}: {exc}"))
            return
        problems = [f"{plain(p.path.name)}: {p.reason}" for p in result.problems]
        self.post_message(self.IndexReady(len(result.doc_ids), problems))

    def on_main_screen_index_progress(self, message: IndexProgress) -> None:
        if message.stage != "checking":
            self.status(f"{message.stage.capitalize()} documents: {message.done}/{message.total} {message.name}")

    def on_main_screen_index_ready(self, message: IndexReady) -> None:
        self.ready = True
        self.app.timings.setdefault("ready", time.perf_counter())
        skipped = f"; {len(message.problems)} file(s) skipped" if message.problems else ""
        self.status(f"Ready: {message.documents} documents{skipped}.")
        for notice in self.engine.notices:
            self.notify(notice, title="Index", severity="warning", timeout=10, markup=False)
        for problem in message.problems[:5]:
            self.notify(problem, title="File skipped", severity="warning", markup=False)
        self.query_one(TopicList).set_topics(self.engine.topic_list(), self.engine.people())
        for question in self.pending:
            self.ask(question)
        self.pending.clear()

    def on_main_screen_index_failed(self, message: IndexFailed) -> None:
        self.status(f"The documents could not be loaded: {message.error}")
        self.notify(message.error, title="Loading failed", severity="error", timeout=15, markup=False)

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(plain(text)))

    # -- asking
    @on(Input.Submitted, "#prompt")
    def submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        prompt = self.query_one(Prompt)
        prompt.value = ""
        if not question:
            return
        prompt.remember(question)
        if not self.ready:
            self.pending.append(question)
            self.status("Still loading the documents; your question will be answered when they are ready.")
            return
        self.ask(question)

    def on_topic_list_chosen(self, message: TopicList.Chosen) -> None:
        if self.ready:
            self.ask(message.question)

    def ask(self, question: str) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        self.last_question = Static(Text.assemble(("You: ", "bold"), plain(question)), classes="question")
        transcript.mount(self.last_question)
        self.status("Thinking…")
        self.answer(question)

    @work(thread=True, group="ask")
    def answer(self, question: str) -> None:
        try:
            briefing = self.engine.ask(question)
        except Exception as exc:  # a failure answers with a message, the app goes on
            self.post_message(self.IndexFailed(f"the question could not be answered ({exc.__class__.__name__})"))
            return
        self.post_message(self.Answered(briefing))

    async def on_main_screen_answered(self, message: Answered) -> None:
        from ..widgets.briefing_view import BriefingView

        transcript = self.query_one("#transcript", VerticalScroll)
        view = BriefingView(message.briefing, classes="briefing")
        await transcript.mount(view)
        anchor = getattr(self, "last_question", None) or view
        # once laid out (a refresh or two after mounting), the new answer starts at the top of the transcript
        self.set_timer(0.05, lambda: transcript.scroll_to_widget(anchor, animate=False, top=True))
        if message.briefing.empty:
            self.status("Nothing found; try one of the suggested topics.")
        else:
            self.status(f"{len(message.briefing.items)} lines from {len(message.briefing.sources())} paragraphs. "
                        "Tab to the briefing, Enter opens a source; F2 copies it for email.")

    # -- sources, copy, save
    def on_briefing_view_source_requested(self, message) -> None:
        from .source import SourceScreen

        source = self.engine.source(message.citation.doc, message.citation.paragraph, context=1)
        if source is None:
            self.notify("That source is no longer in the corpus.", severity="warning")
            return
        self.app.push_screen(SourceScreen(source, message.item.text))

    def focused_briefing(self) -> Briefing | None:
        from ..widgets.briefing_view import BriefingView

        focused = self.focused
        if isinstance(focused, BriefingView):
            return focused.briefing
        views = list(self.query(BriefingView))
        return views[-1].briefing if views else None

    def action_copy_text(self) -> None:
        self._copy(to_text, "plain text")

    def action_copy_markdown(self) -> None:
        self._copy(to_markdown, "Markdown")

    def _copy(self, render, label: str) -> None:
        briefing = self.focused_briefing()
        if briefing is None:
            self.notify("There is no briefing to copy yet.", severity="warning")
            return
        result = copy_briefing(self.app, render(briefing), briefing.query, label)
        self.notify(result.message, title="Copied" if result.ok else "Not copied",
                    severity="information" if result.ok else "warning", timeout=8, markup=False)

    def action_save(self) -> None:
        briefing = self.focused_briefing()
        if briefing is None:
            self.notify("There is no briefing to save yet.", severity="warning")
            return
        try:
            path = save_text(to_text(briefing), briefing.query)
        except (OSError, SaveRefused) as exc:
            self.notify(f"Could not save: {exc}", severity="error", markup=False)
            return
        self.notify(f"Saved to {path}", title="Saved", timeout=10, markup=False)

    def action_judgements(self) -> None:
        from .judgements import JudgementScreen

        if not self.ready:
            self.notify("The documents are still loading.", severity="warning")
            return
        self.app.push_screen(JudgementScreen(self.engine.judgement_table(self.engine.default_council)))

    def action_focus_prompt(self) -> None:
        self.query_one(Prompt).focus()

    def action_focus_topics(self) -> None:
        self.query_one(TopicList).focus()


def copy_briefing(app, text: str, name: str, label: str) -> CopyResult:
    """Clipboard tool if there is one, else the terminal (OSC 52), else a file; says which."""
    command = clipboard_command()
    if command and copy_with_tool(text, command):
        return CopyResult(True, command[0], f"Copied as {label} with {command[0]}.")
    if terminal_supports_osc52():
        app.copy_to_clipboard(text)
        return CopyResult(True, "terminal (OSC 52)", f"Sent as {label} to the clipboard through the terminal (OSC 52). "
                                                     "If nothing pastes, your terminal does not allow it: press F4 to save.")
    try:
        path = save_text(text, name, ".md" if label == "Markdown" else ".txt")
    except (OSError, SaveRefused) as exc:
        return CopyResult(False, "none", f"No clipboard here, and saving failed: {exc}")
    return CopyResult(False, "file", f"No clipboard available here; saved instead to {path}")
