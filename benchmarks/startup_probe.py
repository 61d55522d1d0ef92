"""Run in a fresh process by the benchmark: time to the app's first paint, to the first answer
possible, and to the first answer, headless (App.run_test). Prints one JSON line. Times run from
the start of this script; the benchmark adds the interpreter's own start-up, measured beside it."""
import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


async def main(corpus: list[Path], cache: Path) -> dict:
    from briefing_tui.briefing.engine import Engine
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.screens.main import MainScreen
    from briefing_tui.tui.widgets.briefing_view import BriefingView

    out: dict = {}
    app = BriefingApp(Engine(corpus, cache))
    async with app.run_test(size=(100, 30)):
        while not (isinstance(app.screen, MainScreen) and app.screen.ready):
            await asyncio.sleep(0.005)
        # the app notes when its main screen first painted and when it could first answer
        out["first_paint_s"] = app.timings["first_paint"] - T0
        out["answer_possible_s"] = app.timings["ready"] - T0
        asked = time.perf_counter()
        app.screen.ask("adoption")
        while not app.screen.query(BriefingView):
            await asyncio.sleep(0.005)
        out["first_answer_s"] = time.perf_counter() - T0
        out["first_answer_latency_s"] = time.perf_counter() - asked
    return out


if __name__ == "__main__":
    cache = Path(sys.argv[1])
    corpus = [Path(p) for p in sys.argv[2:]]
    print(json.dumps(asyncio.run(main(corpus, cache))))
