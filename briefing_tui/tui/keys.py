"""One notation for keys (Ctrl+Q, F1, PgDn, ?) and help rows built from bindings, so help never drifts."""
from __future__ import annotations

from textual.binding import Binding

NAMES = {
    "question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "pageup": "PgUp", "pagedown": "PgDn", "escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space",
    "home": "Home", "end": "End", "up": "Up", "down": "Down", "left": "Left", "right": "Right",
    "backspace": "Backspace", "delete": "Del",
}


def key_label(key: str) -> str:
    """'ctrl+q' -> 'Ctrl+Q', 'f1' -> 'F1', 'question_mark' -> '?', 'j' -> 'j'."""
    *modifiers, name = key.strip().split("+")
    if name in NAMES:
        name = NAMES[name]
    elif len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        name = name.upper()
    elif modifiers and len(name) == 1:
        name = name.upper()
    return "+".join([m.capitalize() for m in modifiers] + [name])


def help_rows(*binding_lists: list[Binding]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding, keys of one action and description joined."""
    rows: dict[tuple[str, str], list[str]] = {}
    for bindings in binding_lists:
        for b in bindings:
            if not b.description:
                continue
            keys = rows.setdefault((b.action, b.description), [])
            for key in b.key.split(","):
                label = key_label(key)
                if label not in keys:
                    keys.append(label)
    return [(", ".join(keys), description) for (_, description), keys in rows.items()]
