"""Putting text on the clipboard from the app: a clipboard tool, else the terminal (OSC 52), else a file."""
from __future__ import annotations

from ..briefing import export


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
