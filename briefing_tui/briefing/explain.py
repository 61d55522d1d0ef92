"""`briefing ask --explain`: each shown line's score and the features that moved it, and the best lines
left out with the reason, as plain text (document text made inert)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .render import plain

if TYPE_CHECKING:
    from .compose import Composed
    from .features import Candidate
    from .model import Model

LEFT_OUT_SHOWN = 8  # the best lines left out that are listed
CONTRIBUTIONS_SHOWN = 6  # features per line, largest effect first
TEXT_CHARS = 110  # of each line's text


def _line(c: Candidate, names: dict[int, str], m: Model) -> list[str]:
    text = plain(c.text)
    text = text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS - 1] + "…"
    where = f"{plain(names.get(c.para.doc, '?'))} para {plain(c.para.pid)}"
    out = [f"  {c.score:.3f}  [{c.kind}] {text}  ({where})"]
    if c.feats is not None:
        parts = [f"{n}={x:.2f} ({v:+.2f})" for n, x, v in m.contributions(c.feats)[:CONTRIBUTIONS_SHOWN]]
        out.append(f"         logit {m.logit(c.feats):+.2f} = bias {m.bias:+.2f} " + " ".join(parts))
    elif c.kind == "judgement" and c.hit is None:
        out.append("         a graded judgement: placed first, newest and first-named area first")
    elif c.hit is not None and not c.hit.speaker:
        out.append("         a line of its report's headline paragraph: placed with the report's grades")
    else:
        out.append("         a quote by a person the question names")
    return out


def explanation(composed: Composed, names: dict[int, str], m: Model) -> str:
    """The model's reasons for a briefing, for people: shown lines by section, then the best left out."""
    lines = [f"Ranking model: {m.fitted_by or 'unfitted'} (version {m.version})"]
    packed = composed.packed
    if packed is None:
        lines.append("No lines were packed (nothing in scope answers the question).")
        return "\n".join(lines) + "\n"
    lines.append("Shown (score, section, line; logit = bias + weight x feature for the largest effects):")
    for kind, chosen in packed.chosen.items():
        for c in chosen:
            lines += _line(c, names, m)
    lines.append("Best left out, and why:")
    for c, why in packed.left_out[:LEFT_OUT_SHOWN]:
        lines += _line(c, names, m)
        lines.append(f"         left out: {why}")
    return "\n".join(lines) + "\n"
