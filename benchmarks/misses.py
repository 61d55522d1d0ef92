"""Where each expected fact of the tuning questions is lost: never retrieved, retrieved only in a section
the fact does not allow (a role error), ranked below what packing shows, or shown. The tuning split and
the public dev sets only, never the test split (the same questions scripts/fit_ranking.py fits on).

    python benchmarks/misses.py                 # the counts, then one line per lost fact
    python benchmarks/misses.py --examples F    # reuse (or keep) the collected candidates (a pickle)
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import fit_ranking  # noqa: E402

from briefing_tui.briefing.model import load_model  # noqa: E402
from scoring import norm  # noqa: E402

RANK_SHOWN = 10  # ranks past this are printed as this


def where(ex: fit_ranking.Example, m) -> list[tuple[str, str, tuple[str, ...]]]:
    """(fate, fact, allowed sections) for each expected fact of one question."""
    scored = fit_ranking.rescored(ex, m)
    shown: list[tuple[str, str]] = []
    why: dict[int, str] = {}
    if ex.answerable:
        briefing = fit_ranking.packed(ex, m, scored)
        shown = [(k, norm(c.text)) for k, cs in briefing.chosen.items() for c in cs]
        why = {id(c): reason for c, reason in briefing.left_out}
    out = []
    for fact, allowed in ex.facts:
        hits = [c for c in scored if fact in norm(c.text)]
        right = [c for c in hits if not allowed or c.kind in allowed]
        if any(fact in t and (not allowed or k in allowed) for k, t in shown):
            fate = "shown"
        elif not ex.answerable:
            fate = "unanswerable"
        elif not hits:
            fate = "not retrieved"
        elif not right:
            fate = "wrong section (" + ", ".join(sorted({c.kind for c in hits})) + ")"
        else:
            best = max(right, key=lambda c: c.score)
            rivals = sorted((c.score for c in scored if c.kind == best.kind), reverse=True)
            reason = why.get(id(best), "not reached")
            fate = f"ranked out (rank {min(rivals.index(best.score), RANK_SHOWN)} in {best.kind}: {reason})"
        out.append((fate, fact, allowed))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path,
                        help="keep the collected candidates here (pickle) and reuse them, as fit_ranking.py does")
    args = parser.parse_args()
    m = load_model()
    examples = fit_ranking.split_at(fit_ranking.examples_for(m, args.examples), m, m.sections.split_role_p)
    rows = [(ex.qid, *fate) for ex in examples for fate in where(ex, m)]
    counts = Counter(fate.split(" (")[0] for _, fate, _, _ in rows)
    print(f"{len(rows)} facts: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    for qid, fate, fact, allowed in rows:
        if fate != "shown":
            print(f"{qid} | {fate} | {fact[:90]} | {', '.join(allowed) or 'any'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
