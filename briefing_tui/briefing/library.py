"""The user's corpus folder: adding documents by copy (or link), never replacing one already there."""
from __future__ import annotations

import os
import shutil
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
        if existing.is_file():
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
        target = _free_name(folder, path.name)
        try:
            if link:
                target.symlink_to(path.resolve())
            else:
                tmp = target.with_name(f".{target.name}.part")
                shutil.copy2(path, tmp)
                os.replace(tmp, target)
        except OSError as exc:
            out.append(Added(path, None, f"cannot be copied ({exc.strerror or exc})"))
            continue
        known[sha] = target
        out.append(Added(path, target, "linked" if link else "added"))
    return out


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = target.stem, target.suffix
    n = 2
    while target.exists() or target.is_symlink():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target
