"""The quality suite: recall (right section and any section), polarity errors (forbidden placements, and
finding lines shown against their hand label), fidelity and briefing length on every question set, per
set, per split and per question kind.

    python benchmarks/quality.py            # all sets: the public dev sets (when ../shared exists) and
                                            # benchmarks/questions/*.json on their tune and test splits
    python benchmarks/quality.py --quick    # the seeds dev set and a small tune subset (CI floor)
    python benchmarks/quality.py --json OUT # also write the figures

Each corpus (the seeds; dev_wide's 14 reports; all tune documents; all test documents) is answered by
one run of `briefing ask --jsonl`, with the matching rules of ../shared/eval/score.py (scoring.py).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import score_answer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# The shared folder beside the repository (as CI has it); BRIEFING_SHARED names another place.
SHARED = Path(os.environ.get("BRIEFING_SHARED") or ROOT.parent / "shared")
QUESTIONS = ROOT / "benchmarks" / "questions"


@dataclass
class Run:
    """One corpus and the questions answered over it."""

    set: str
    split: str
    corpus: list[Path]
    queries: list[dict] = field(default_factory=list)


def doc_path(key: str) -> Path:
    """A document key ('ofsted/2024-07-12-rutland.pdf', 'seeds/000_...txt') as a file."""
    return ROOT / key if key.startswith("seeds/") else SHARED / "corpus" / key


def _splits_file() -> dict:
    path = QUESTIONS / "splits.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def splits() -> dict[str, str]:
    return _splits_file().get("split", {})


def quick_docs() -> list[str]:
    """The tuning reports of the CI floor, as splits.json names them."""
    return list(_splits_file().get("quick", []))


def own_sets() -> list[tuple[str, list[dict]]]:
    out = []
    for path in sorted(QUESTIONS.glob("*.json")):
        if path.name != "splits.json":
            out.append((path.stem, json.loads(path.read_text())["queries"]))
    return out


def split_of(q: dict, split: dict[str, str]) -> str | None:
    """The split of a question: that of its documents, None if they straddle both or are unknown."""
    found = {split.get(d) for d in q.get("docs", [])}
    return found.pop() if len(found) == 1 and None not in found else None


def plan(quick: bool = False) -> list[Run]:
    runs = [Run("dev_queries", "public", [ROOT / "seeds"],
                json.loads((SHARED / "eval" / "dev_queries.json").read_text())["queries"])] \
        if (SHARED / "eval" / "dev_queries.json").is_file() else []
    if not (SHARED / "corpus").is_dir():
        return runs
    split = splits()
    questions = [(name, q) for name, qs in own_sets() for q in qs]
    if quick:
        tune = [(n, q) for n, q in questions if split_of(q, split) == "tune"]
        docs = [d for d in quick_docs() if split.get(d) == "tune"]
        chosen = [dict(q, set=n) for n, q in tune if set(q["docs"]) <= set(docs)]
        if chosen:
            runs.append(Run("own", "tune-quick", [doc_path(d) for d in docs], chosen))
        return runs
    wide = json.loads((SHARED / "eval" / "dev_wide.json").read_text())
    runs.append(Run("dev_wide", "public", [doc_path(d) for d in wide["corpus"]], wide["queries"]))
    for name in ("tune", "test"):
        docs = sorted(d for d, s in split.items() if s == name)
        chosen = [dict(q, set=n) for n, q in questions if split_of(q, split) == name]
        if chosen:
            runs.append(Run("own", name, [doc_path(d) for d in docs], chosen))
    return runs


def answer(run: Run, cmd: list[str]) -> tuple[list[dict], float]:
    """One `briefing ask --jsonl` over the run's corpus for all its questions."""
    command = list(cmd)
    for path in run.corpus:
        command += ["--corpus", str(path)]
    command += ["ask", "--jsonl"]
    stdin = "".join(q["query"].replace("\n", " ") + "\n" for q in run.queries)
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=3600, env=os.environ, cwd="/")
    elapsed = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or len(lines) != len(run.queries):
        raise SystemExit(f"{' '.join(command[:3])} ... exited {done.returncode} with {len(lines)} answers for "
                         f"{len(run.queries)} questions:\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in lines], elapsed


def summary(rows: list[dict]) -> dict:
    facts = sum(r["facts"] for r in rows)
    items = sum(r["items"] for r in rows)
    return {
        "questions": len(rows), "facts": facts,
        "recall": sum(r["hits"] for r in rows) / facts if facts else 0.0,
        "recall_any": sum(r["hits_any"] for r in rows) / facts if facts else 0.0,
        "polarity_errors": sum(r["polarity_errors"] for r in rows),
        "against_label": sum(len(r["against_label"]) for r in rows),
        "fidelity": sum(r["faithful"] for r in rows) / items if items else 1.0,
        "words_median": statistics.median(r["words"] for r in rows) if rows else 0,
    }


def kinds_of(q: dict) -> list[str]:
    kind = q.get("kind") or ["untyped"]
    return [kind] if isinstance(kind, str) else list(kind)


def evaluate(quick: bool = False, cmd: list[str] | None = None) -> dict:
    """Answer every planned run and return the figures by set, by split and by kind."""
    # This checkout's code (PYTHONPATH first, the checkout after), unless another command is given.
    cmd = cmd or [sys.executable, "-c", f"import sys; sys.path.append({str(ROOT)!r}); "
                                        "from briefing_tui.cli import main; sys.exit(main())"]
    scored: list[tuple[Run, dict, dict]] = []
    timing = {}
    for run in plan(quick):
        answers, elapsed = answer(run, cmd)
        timing[f"{run.set}/{run.split}"] = 1000 * elapsed / max(1, len(run.queries))
        for q, a in zip(run.queries, answers):
            scored.append((run, q, dict(score_answer(q, a), id=q["id"], query=q["query"])))
    groups: dict[str, list[dict]] = {}
    for run, q, row in scored:
        label = run.set if run.set != "own" else "own"
        keys = [f"set {label}/{run.split}", f"split {run.split}"]
        if run.set == "own":
            keys.append(f"set {q['set']}/{run.split}")
            keys += [f"kind {run.split}/{k}" for k in kinds_of(q)]
        for key in keys:
            groups.setdefault(key, []).append(row)
    return {"groups": {k: summary(v) for k, v in sorted(groups.items())}, "ms_per_query": timing,
            "misses": [dict(id=r["id"], split=run.split, missed=r["missed"], forbidden=r["forbidden"],
                            against_label=r["against_label"])
                       for run, _, r in scored if r["missed"] or r["forbidden"] or r["against_label"]]}


def table(result: dict) -> str:
    lines = ["| group | q | facts | recall | recall any | polarity err | against label | fidelity | words median |",
             "|---|---|---|---|---|---|---|---|---|"]
    for key, s in result["groups"].items():
        lines.append(f"| {key} | {s['questions']} | {s['facts']} | {s['recall']:.3f} | {s['recall_any']:.3f} | "
                     f"{s['polarity_errors']} | {s['against_label']} | {s['fidelity']:.3f} | "
                     f"{s['words_median']:.0f} |")
    lines.append("")
    lines.append("ms per query: " + ", ".join(f"{k} {v:.0f}" for k, v in result["ms_per_query"].items()))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the seeds dev set and a small tune subset")
    parser.add_argument("--json", type=Path, help="also write the figures (and each miss) here")
    parser.add_argument("--cmd", help="the command that runs the project (default: this Python's briefing_tui)")
    args = parser.parse_args()
    result = evaluate(args.quick, args.cmd.split() if args.cmd else None)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
