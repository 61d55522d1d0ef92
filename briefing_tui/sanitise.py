"""Making any text safe to show: the one rule for document text, file names and questions alike."""
from __future__ import annotations

import re

# Whole terminal sequences go at once (CSI "ESC [ ... final", OSC "ESC ] ... BEL or ESC \", and the
# 8-bit CSI/OSC introducers U+009B/U+009D), so their parameters do not linger as visible junk; then
# any control left on its own: C0 and DEL, C1 (U+0080-U+009F), and the bidi controls that can make
# a line read differently from what it holds (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).
_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = "\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"  # line and page breaks: become a break or a space
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe(text: str, *, keep: str = "") -> str:
    """`text` with every terminal control and bidi control removed; `keep` names the ones wanted
    ("\\n", "\\t"). Breaks become a newline when newlines are kept, else a space. Lone surrogates
    (bytes of a file name or argument that are not UTF-8) are shown escaped, as \\xNN."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(_escape_surrogate, text)
    text = _SEQUENCE.sub("", text)
    return _CONTROL.sub(lambda m: _replace(m.group(), keep), text)


def _replace(ch: str, keep: str) -> str:
    if ch in keep:
        return ch
    if ch in _BREAKS or ch == "\n":
        return "\n" if "\n" in keep else " "
    return " " if ch == "\t" else ""


def _escape_surrogate(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"
