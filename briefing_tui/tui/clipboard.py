"""Putting text on the clipboard from the app: a clipboard tool, else the terminal (OSC 52), else a file."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..briefing import export
from ..briefing.render import item_line, nice_date, plain

if TYPE_CHECKING:
    from ..briefing.compose import Item


def line_with_citation(item: Item) -> str:
    """One briefing line and where it comes from, ready to paste into an email.
    (The rendering engineer is adding such a function to render.py; use it here once it lands.)"""
    cites = "; ".join(f"{plain(c.label)}, {nice_date(c.date)}: {plain(c.title)}" for c in (item.citation, *item.also))
    return f"{item_line(item)} ({cites})\n"  # no file names: they mean nothing in an email


def copy_text(app, text: str, name: str, label: str) -> export.CopyResult:
    """Clipboard tool if there is one, else the terminal (OSC 52), else a file; says which."""
    command = export.clipboard_command()
    if command and export.copy_with_tool(text, command):
        return export.CopyResult(True, command[0], f"Copied {label} with {command[0]}.")
    if export.terminal_supports_osc52():
        app.copy_to_clipboard(text)
        return export.CopyResult(True, "terminal (OSC 52)",
                                 f"Sent {label} to the clipboard through the terminal (OSC 52). "
                                 "If nothing pastes, your terminal does not allow it: press F4 to save.")
    try:
        path = export.save_text(text, name, ".md" if "Markdown" in label else ".txt")
    except (OSError, export.SaveRefused) as exc:
        return export.CopyResult(False, "none", f"No clipboard here, and saving failed: {exc}")
    return export.CopyResult(False, "file", f"No clipboard available here; saved instead to {path}")
