"""Golden files for `briefing ask` on a few fixed questions over the seeds.

These pin TUNED output: which lines the fitted ranking model (nlp_models/ranking.json) chooses and in
what order. Extractive output is deterministic, so any change shows here; when a change is intended
(the model was refitted, features changed), look at the diff, then regenerate with
BRIEFING_REGOLD=1 python -m pytest tests/briefing/test_golden.py. The invariants that must hold
whatever the tuning (verbatim, cited, within budget) are tested elsewhere."""
import json
import os
from pathlib import Path

import pytest

from briefing_tui.briefing.render import to_dict

GOLDEN = Path(__file__).resolve().parent / "golden"
QUESTIONS = {"adoption": "adoption", "lily-bath": "What did Lily Bath say?", "improve": "what must improve?",
             "lscb": "How effective is the LSCB?"}


def pinned(briefing) -> dict:
    """What a reader sees: sections, lines, speakers and citations (not the whole cited paragraphs)."""
    data = to_dict(briefing)
    return {"query": data["query"], "sections": [
        {"kind": s["kind"], "items": [{"text": i["text"], "speaker": i["speaker"],
                                       "cite": f"{i['citation']['doc']} {i['citation']['paragraph']}"}
                                      for i in s["items"]]} for s in data["sections"]]}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_briefing_matches_its_golden_file(engine, name):
    got = pinned(engine.ask(QUESTIONS[name]))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("BRIEFING_REGOLD"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8")), f"{name}: output changed (see the module docstring)"
