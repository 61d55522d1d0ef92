"""The user's corpus folder: adding documents by copy (or link), never replacing one already there."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..corpus import file_hash, is_supported


@dataclass(frozen=True)
class Added:
    source: Path
    target: Path | None
    note: str  # "added", "linked", "already there", or why not


def add_files(paths: list[Path], folder: Path, *, link: bool = False) -> list[Added]:
    folder.mkdir(parents=True, exist_ok=True)
    known = {}
    for existing in folder.iterdir():
        if existing.is_file() and not existing.name.startswith("."):  # not another add's part file
            try:
                known[file_hash(existing)] = existing
            except OSError:
                continue
    out = []
    for path in paths:
        if not path.is_file():
            out.append(Added(path, None, "not a file"))
            continue
        if not is_supported(path):
            out.append(Added(path, None, f"unsupported file type '{path.suffix}'"))
            continue
        try:
            sha = file_hash(path)
        except OSError as exc:
            out.append(Added(path, None, f"cannot be read ({exc.strerror or exc})"))
            continue
        if sha in known:
            out.append(Added(path, known[sha], "already there"))
            continue
        try:
            target = _place(path, folder, link)
        except OSError as exc:
            out.append(Added(path, None, f"cannot be copied ({exc.strerror or exc})"))
            continue
        known[sha] = target
        out.append(Added(path, target, "linked" if link else "added"))
    return out


def _place(path: Path, folder: Path, link: bool) -> Path:
    """Copy (or link) `path` into `folder` under a free name, whole or not at all: the copy goes to a
    temporary file of its own, then takes the name with a hard link, which fails rather than replace a
    file another `add` put there meanwhile (then the next free name is tried)."""
    name = path.name.lstrip(".") or "document"  # a dot-file would be left out of the corpus
    tmp = None
    try:
        if not link:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
            with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
            shutil.copystat(path, tmp)
        for n in range(1, 10_000):
            target = _candidate(folder, name, n)
            try:
                if link:
                    target.symlink_to(path.resolve())
                else:
                    os.link(tmp, target)
                return target
            except FileExistsError:
                continue
        raise OSError(f"no free name for {name} in {folder}")
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _candidate(folder: Path, name: str, n: int) -> Path:
    if n == 1:
        return folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    return folder / f"{stem}-{n}{suffix}"
