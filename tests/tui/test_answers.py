"""One answer worker: questions answered one at a time, in the order asked (also those typed while
loading), each answer under its question; a failed question is named as such and the next goes on."""
from __future__ import annotations

import threading
import time

from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.briefing_view import BriefingView
from briefing_tui.tui.widgets.prompt import Prompt
from tests.tui.helpers import make_app, ready, status, wait_for

QUESTIONS = ["adoption", "fostering", "care leavers", "child protection"]


def slow_and_counted(engine, monkeypatch):
    """Make engine.ask slow and record how many run at once and in which order they ran."""
    state = {"running": 0, "most": 0, "order": []}
    lock = threading.Lock()
    real = engine.ask

    def ask(question, *args, **kwargs):
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            state["order"].append(question)
        try:
            time.sleep(0.15 if question == QUESTIONS[0] else 0.02)  # the first is slowest: order must still hold
            return real(question, *args, **kwargs)
        finally:
            with lock:
                state["running"] -= 1

    monkeypatch.setattr(engine, "ask", ask)
    return state


def answers_under_their_questions(app) -> list[str]:
    children = list(app.screen.query_one("#transcript").children)
    pairs = []
    for above, below in zip(children, children[1:]):
        if above.has_class("question") and isinstance(below, BriefingView):
            assert str(above.render()).endswith(below.briefing.query)
            pairs.append(below.briefing.query)
    return pairs


async def test_questions_typed_quickly_are_answered_one_at_a_time_in_order(engine, seed_cache, tmp_path, monkeypatch):
    app = make_app(seed_cache, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        state = slow_and_counted(app.screen.engine, monkeypatch)
        app.screen.query_one(Prompt).focus()
        for q in QUESTIONS:
            await pilot.press(*[c if c != " " else "space" for c in q], "enter")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == len(QUESTIONS))
        await pilot.pause(0.1)
        assert state["most"] == 1
        assert state["order"] == QUESTIONS
        assert answers_under_their_questions(app) == QUESTIONS


async def test_questions_typed_while_loading_are_answered_in_order(engine, seed_cache, tmp_path, monkeypatch):
    app = make_app(seed_cache, tmp_path)
    release = threading.Event()
    real_open = app.engine.open
    monkeypatch.setattr(app.engine, "open", lambda progress=None: release.wait(10) and real_open(progress))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        app.screen.query_one(Prompt).focus()
        for q in QUESTIONS[:3]:
            await pilot.press(*[c if c != " " else "space" for c in q], "enter")
        await pilot.pause(0.2)
        assert not app.screen.query(BriefingView) and "Still loading" in status(app)
        release.set()
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 3)
        assert answers_under_their_questions(app) == QUESTIONS[:3]


async def test_a_failed_question_is_named_and_the_next_is_answered(engine, seed_cache, tmp_path, monkeypatch):
    app = make_app(seed_cache, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        real = app.screen.engine.ask

        def ask(question, *args, **kwargs):
            if question == "adoption":
                raise RuntimeError("index went away")
            return real(question, *args, **kwargs)

        monkeypatch.setattr(app.screen.engine, "ask", ask)
        app.screen.ask("adoption")
        app.screen.ask("fostering")
        assert await wait_for(pilot, lambda: len(app.screen.query(BriefingView)) == 1)
        failure = app.screen.query_one(".failure")
        assert "Could not answer" in str(failure.render()) and "index went away" in str(failure.render())
        assert "could not be loaded" not in status(app)
        assert app.screen.query_one(BriefingView).briefing.query == "fostering"
