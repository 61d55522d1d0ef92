"""A document read from a file: its metadata and its paragraphs, each with a stable citation id."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .metadata import DocMeta, infer
from .readers import SUPPORTED, UnreadableFile, read_file
from .segment import paragraph_ids, segment, split_blocks

MAX_BYTES = 200 * 1024 * 1024
MAX_PARAGRAPHS = 50_000  # the longest of the 160 shared reports has 389; far beyond that is not a report


@dataclass(frozen=True)
class Paragraph:
    """One citeable block of a document; `pid` is what a citation prints (the report's own number)."""

    index: int
    pid: str
    kind: str
    text: str
    section: str
    page: int | None = None
    page_end: int | None = None  # the last page, for a paragraph that runs on past its first
    path: str = ""  # the headings it falls under, outermost first, where the layout tells their levels


@dataclass(frozen=True)
class Document:
    path: Path
    name: str
    sha: str
    fmt: str
    meta: DocMeta
    paragraphs: tuple[Paragraph, ...]

    def paragraph(self, pid: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.pid == pid), None)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_document(path: Path, sha: str | None = None) -> Document:
    """Read, segment and describe one file; raises UnreadableFile with a reason for the user."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    if size > MAX_BYTES:
        raise UnreadableFile(f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        reading = read_file(path)
        sha = sha or file_hash(path)
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    blocks = split_blocks(list(reading.blocks)) if reading.blocks is not None else segment(reading.lines)
    if not any(b.kind in ("para", "bullet", "lead") for b in blocks):
        raise UnreadableFile("no readable text found")
    if len(blocks) > MAX_PARAGRAPHS:
        raise UnreadableFile(f"too many paragraphs ({len(blocks):,}; the limit is {MAX_PARAGRAPHS:,})")
    ids = paragraph_ids(blocks)
    paragraphs = tuple(Paragraph(i, pid, b.kind, b.text, b.section, b.page, b.page_end if b.page_end != b.page else None,
                                 b.path or b.section)
                       for i, (pid, b) in enumerate(zip(ids, blocks)))
    text = "\n".join(b.text for b in blocks)
    return Document(path, path.name, sha, reading.fmt, infer(blocks, text, path.name), paragraphs)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED
