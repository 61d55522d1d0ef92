"""Getting a briefing out: to the system clipboard through whatever tool the system has, or to a
file written atomically that never replaces another file."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CLIPBOARD_TOOLS = (
    ("pbcopy", ["pbcopy"]),
    ("wl-copy", ["wl-copy"]),
    ("xclip", ["xclip", "-selection", "clipboard"]),
    ("xsel", ["xsel", "--clipboard", "--input"]),
    ("clip.exe", ["clip.exe"]),
)


@dataclass(frozen=True)
class CopyResult:
    ok: bool
    method: str  # the tool used, "terminal (OSC 52)" or "file"
    message: str  # what to tell the user, honestly


def clipboard_command() -> list[str] | None:
    """The first clipboard tool that can work here (wl-copy needs Wayland, xclip/xsel need X)."""
    for name, command in CLIPBOARD_TOOLS:
        if shutil.which(name) is None:
            continue
        if name == "wl-copy" and not os.environ.get("WAYLAND_DISPLAY"):
            continue
        if name in ("xclip", "xsel") and not os.environ.get("DISPLAY"):
            continue
        return command
    return None


def copy_with_tool(text: str, command: list[str]) -> bool:
    try:
        subprocess.run(command, input=text.encode("utf-8"), check=True, timeout=5,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True
    except (OSError, subprocess.SubprocessError):
        return False


def slug(text: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (s[:limit].rstrip("-") or "briefing")


def save_dir() -> Path:
    from ..settings import Settings

    chosen = Settings.from_env().save_dir
    if chosen:
        return chosen
    docs = Path.home() / "Documents"
    return (docs if docs.is_dir() else Path.home()) / "briefings"


class SaveRefused(Exception):
    """A save that would leave the chosen folder or replace a file; the message says which."""


def save_text(text: str, name_hint: str, suffix: str = ".txt", folder: Path | None = None,
              filename: str | None = None) -> Path:
    """Write text to a new file in folder, atomically (temporary file, then rename), never
    replacing an existing file and never writing outside the folder."""
    folder = (folder or save_dir()).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    if filename:
        target = (root / filename).resolve()
        if target.parent != root:
            raise SaveRefused(f"{filename} is outside {root}")
        if target.exists():
            raise SaveRefused(f"{target} exists already")
    else:
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M")
        base = f"{stamp}-{slug(name_hint)}"
        target = root / f"{base}{suffix}"
        n = 2
        while target.exists():
            target = root / f"{base}-{n}{suffix}"
            n += 1
    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".tmp", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, target)  # fails rather than replace a file that appeared meanwhile
        except FileExistsError as exc:
            raise SaveRefused(f"{target} exists already") from exc
        except OSError:
            if target.exists():
                raise SaveRefused(f"{target} exists already")
            os.replace(tmp, target)
            tmp = ""
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return target


def terminal_supports_osc52() -> bool:
    """OSC 52 reaches the clipboard in most modern terminals, tmux (with set-clipboard) and over SSH;
    it cannot when output is not a terminal."""
    return sys.__stdout__ is not None and sys.__stdout__.isatty() and os.environ.get("TERM", "") != "dumb"
