"""What a reader returns for a file (`Reading`), and the error for a file that cannot be read."""
from __future__ import annotations

from dataclasses import dataclass

from .segment import Block


class UnreadableFile(Exception):
    """A file that cannot be read as a document; the message says why, for the user."""


@dataclass(frozen=True)
class Reading:
    """What a reader got from a file: logical lines and the format it was read as, or for a format
    with a printed layout (PDF), the blocks read from it."""

    lines: list[str]
    fmt: str
    blocks: tuple[Block, ...] | None = None
