"""The main screen: topics on the left, the transcript, the status line and the prompt; loading the
documents, moving between prompt, answers and topics, opening sources, copying and saving."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, Static

from ...briefing.export import SaveRefused, save_text
from ...briefing.render import footnotes, nice_date, plain, to_markdown, to_text
from ...briefing.render import line_with_citation
from ..clipboard import copy_text
from ..widgets.briefing_view import BriefingView
from ..widgets.prompt import Prompt
from ..widgets.topics import TopicList
from ..widgets.transcript import Transcript

if TYPE_CHECKING:
    from ...briefing.types import Briefing, Citation
    from ...briefing.engine import Engine


class MainScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # the sidebar hides below 100 columns
    BINDINGS = [
        Binding("tab", "focus_forward", "Next: prompt, newest answer, topics", show=False),
        Binding("shift+tab", "focus_backward", "Previous: topics, newest answer, prompt", show=False),
        Binding("f2,c", "copy_email", "Copy"),
        Binding("f3,m", "copy_markdown", "Copy Markdown", show=False),
        Binding("f4,s", "save", "Save", show=False),
        Binding("f5,g", "judgements", "Grades", show=False),
        Binding("f6", "copy_line", "Copy the highlighted line", show=False),
        Binding("f7,b", "toggle_topics", "Topics"),
        Binding("left_square_bracket", "older_answer", "Older answer", show=False),
        Binding("right_square_bracket", "newer_answer", "Newer answer", show=False),
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

    def __init__(self, engine: Engine, history_file=None) -> None:
        super().__init__()
        self.engine = engine
        self.ready = False
        self.history_file = history_file

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield TopicList(id="topics")
            with Vertical(id="main"):
                yield Transcript(id="transcript")
                yield Static("Loading the documents…", id="status", markup=False)
                yield Prompt(history_file=self.history_file, id="prompt")
        yield Footer(compact=True)  # compact, so Help and Quit still fit at 80 columns

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
        self.status(progress_text(message.stage, message.done, message.total, message.name))

    def on_main_screen_index_ready(self, message: IndexReady) -> None:
        self.ready = True
        self.app.timings.setdefault("ready", time.perf_counter())
        skipped = f"; {len(message.problems)} file(s) skipped" if message.problems else ""
        self.status(f"Ready: {message.documents} documents{skipped}.")
        for notice in self.engine.notices:
            self.notify(plain(notice), title="Index", severity="warning", timeout=10, markup=False)
        for sentence in self.engine.settings.unread:  # a setting that could not be read is said, not ignored
            self.notify(plain(sentence), title="Setting left at its default", severity="warning", timeout=10,
                        markup=False)
        for problem in message.problems[:5]:
            self.notify(plain(problem), title="File skipped", severity="warning", markup=False)
        self.query_one(TopicList).set_topics(self.engine.topic_list(), self.engine.people())
        self.query_one(Transcript).start()

    def on_main_screen_index_failed(self, message: IndexFailed) -> None:
        self.status(f"The documents could not be loaded: {message.error}")
        self.notify(plain(message.error), title="Loading failed", severity="error", timeout=15, markup=False)

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(plain(text)))

    # -- asking: one worker, one question at a time, answers mounted under their questions in order
    @on(Input.Submitted, "#prompt")
    def submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        prompt = self.query_one(Prompt)
        prompt.value = ""
        if not question:
            return
        prompt.remember(question)
        self.ask(question)

    def on_topic_list_chosen(self, message: TopicList.Chosen) -> None:
        self.ask(message.question)

    def on_briefing_view_suggestion_chosen(self, message: BriefingView.SuggestionChosen) -> None:
        self.ask(message.question)

    def ask(self, question: str) -> None:
        self.query_one(Transcript).enqueue(question, lambda: self.engine.ask(question))

    def brief_on_source(self, doc) -> None:
        """Summarise one document: its judgements, headline strengths and weaknesses, recommendations."""
        from ...briefing.summary import summarise

        m = doc.meta
        self.query_one(Transcript).enqueue(f"Brief on source: {m.council or 'council unknown'}, {nice_date(m.date)}, "
                                           f"{m.title}", lambda: summarise(self.engine, doc))

    def on_transcript_said(self, message: Transcript.Said) -> None:
        self.status(message.text)
        if message.error:
            self.notify(plain(message.text), title="Could not answer", severity="error", markup=False)

    # -- moving between the prompt, the answers and the topics
    def views(self) -> list[BriefingView]:
        return self.query_one(Transcript).views()

    def _ring(self) -> list[Widget]:
        """Tab order: the prompt, the newest answer, the topics (when shown)."""
        ring: list[Widget] = [self.query_one(Prompt)]
        views = self.views()
        if views:
            focused = self.focused
            ring.append(focused if isinstance(focused, BriefingView) else views[-1])
        topics = self.query_one(TopicList)
        if topics.display:
            ring.append(topics)
        return ring

    def _step(self, direction: int) -> None:
        ring = self._ring()
        at = ring.index(self.focused) if self.focused in ring else 0
        self.set_focus(ring[(at + direction) % len(ring)])  # at once: keys typed right after Tab go there

    def action_focus_forward(self) -> None:
        self._step(1)

    def action_focus_backward(self) -> None:
        self._step(-1)

    def _answer_step(self, direction: int) -> None:
        views = self.views()
        if not views:
            return
        at = views.index(self.focused) if self.focused in views else len(views)
        self.set_focus(views[max(0, min(len(views) - 1, at + direction))])

    def action_older_answer(self) -> None:
        self._answer_step(-1)

    def action_newer_answer(self) -> None:
        self._answer_step(1)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, BriefingView):
            self.call_after_refresh(self.query_one(Transcript).show_answer, event.widget)
            self.status(citation_text(event.widget.briefing, event.widget.current_citation))

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        view = event.option_list
        if isinstance(view, BriefingView) and view.has_focus:
            self.status(citation_text(view.briefing, view.current_citation))

    def on_resize(self, event) -> None:
        # keep the answer being read in view when the terminal changes size
        focused = self.focused if isinstance(self.focused, BriefingView) else None
        views = self.views()
        target = focused or (views[-1] if views else None)
        if target is not None:
            self.call_after_refresh(self.query_one(Transcript).show_answer, target)

    def action_toggle_topics(self) -> None:
        topics = self.query_one(TopicList)
        was_focused = topics.has_focus
        self.toggle_class("-topics-flipped")
        self.call_after_refresh(lambda: was_focused and not topics.display and self.action_focus_prompt())

    def action_focus_prompt(self) -> None:
        self.query_one(Prompt).focus()

    def action_focus_topics(self) -> None:
        topics = self.query_one(TopicList)
        if not topics.display:
            self.toggle_class("-topics-flipped")
        self.call_after_refresh(topics.focus)

    # -- sources, copy, save
    def on_briefing_view_source_requested(self, message: BriefingView.SourceRequested) -> None:
        from .source import SourceScreen

        source = self.engine.source(message.citation.doc, message.citation.paragraph, context=1)
        if source is None:
            self.notify("That source is no longer in the corpus.", severity="warning")
            return
        self.app.push_screen(SourceScreen(source, message.item.text if message.item else ""))

    def focused_view(self) -> BriefingView | None:
        if isinstance(self.focused, BriefingView):
            return self.focused
        views = self.views()
        return views[-1] if views else None

    def focused_briefing(self) -> Briefing | None:
        view = self.focused_view()
        return view.briefing if view else None

    # not "copy_text": that is Screen's Ctrl+C copy-selection action, which this must never shadow
    def action_copy_email(self) -> None:
        self._copy(to_text, "the briefing as plain text")

    def action_copy_markdown(self) -> None:
        self._copy(to_markdown, "the briefing as Markdown")

    def _copy(self, render, label: str) -> None:
        briefing = self.focused_briefing()
        if briefing is None:
            self.notify("There is no briefing to copy yet.", severity="warning")
            return
        self._report(copy_text(self.app, render(briefing), briefing.query, label))

    def action_copy_line(self) -> None:
        view = self.focused_view()
        if view is None or view.current_item is None:
            self.notify("Tab to a briefing and highlight a line to copy it with its citation.", severity="warning")
            return
        view.action_copy_line()

    def on_briefing_view_line_copy_requested(self, message: BriefingView.LineCopyRequested) -> None:
        self._report(copy_text(self.app, line_with_citation(message.item), "line", "the line with its citation"))

    def _report(self, result) -> None:
        self.notify(plain(result.message), title="Copied" if result.ok else "Not copied",
                    severity="information" if result.ok else "warning", timeout=8, markup=False)

    def action_save(self) -> None:
        briefing = self.focused_briefing()
        if briefing is None:
            self.notify("There is no briefing to save yet.", severity="warning")
            return
        try:
            path = save_text(to_text(briefing), briefing.query)
        except (OSError, SaveRefused) as exc:
            self.notify(plain(f"Could not save: {exc}"), severity="error", markup=False)
            return
        self.notify(plain(f"Saved to {path}"), title="Saved", timeout=10, markup=False)

    def action_judgements(self) -> None:
        from .judgements import JudgementScreen

        if not self.ready:
            self.notify("The documents are still loading.", severity="warning")
            return
        self.app.push_screen(JudgementScreen(self.engine.judgement_table(self.engine.default_council)))


def progress_text(stage: str, done: int, total: int, name: str) -> str:
    """The status line while indexing: what is happening, how far, and to which document."""
    if stage == "loading":
        return "Loading the language model (a few seconds, once)…"
    if stage == "checking":
        return f"Checking documents: {done + 1}/{total}"
    return f"{stage.capitalize()} documents: {done}/{total} {name}"


def citation_text(briefing: Briefing, c: Citation | None) -> str:
    """The full citation of a highlighted line: its footnote and label (the document named, the place),
    then its date and title where the label does not already give them: a report's label gives its
    inspection year, a letter's and an article's their date and subject or headline, said once."""
    if c is None:
        return "Enter opens the highlighted line's source; y copies the line with its citation."
    n = footnotes(briefing).get((c.doc_id, c.paragraph))
    label, date, title = plain(c.label), nice_date(c.date), plain(c.title)
    parts = [f"[{n}] {label}"]
    if date not in label:
        parts.append(date)
    if " ".join(title.split()[:3]) not in label:  # a subject or headline is named by its opening words
        parts.append(title)
    return " · ".join(parts)
