"""Reading files into logical lines: text, Markdown, HTML, PDF and Word, each as a reader sees it."""
from __future__ import annotations

import html
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from .lines import clean_text, join_wrapped
from .pdf import read_pdf
from .reading import Reading, UnreadableFile
from .segment import BULLET, FOOTNOTE, NUMBERED, PAGE_BREAK, TABLE_ROW

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a Word file's parts, unpacked: compressed size says little (a zip bomb)


def read_file(path: Path) -> Reading:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return read_pdf(path)
    if suffix in DOCX_SUFFIXES:
        return _read_docx(path)
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if data.startswith(b"%PDF"):
        return read_pdf(path)
    if _looks_binary(data):
        raise UnreadableFile("the file is binary, not text (an image or other non-document file?)")
    text = decode(data)
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and re.match(r"\s*(<!doctype html|<html)", text, re.I)):
        return Reading(html_lines(text), "html")
    if suffix in MARKDOWN_SUFFIXES:
        return Reading(markdown_lines(text), "markdown")
    return Reading(text_lines(text), "text")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the usual alternative for office text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    magic = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"BM", b"II*\x00", b"MM\x00*")
    return head.startswith(magic)


def text_lines(text: str) -> list[str]:
    """Lines of a plain text file; hard-wrapped text (fixed-width lines) is unwrapped first."""
    lines = text.split("\n")
    if _is_wrapped(lines):
        return unwrap(lines)
    return [line.rstrip() for line in lines]


def _is_wrapped(lines: list[str]) -> bool:
    body = [len(line) for line in lines if line.strip()]
    if len(body) < 12:
        return False
    mid = sum(1 for n in body if 50 <= n <= 100)
    return max(body) <= 120 and mid / len(body) >= 0.6


def unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines into logical lines; a blank line or a new structural line ends one."""
    out: list[str] = []
    width = max((len(line.rstrip()) for line in lines), default=80)
    prev_short = True
    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or line == PAGE_BREAK:
            out.append(line if line == PAGE_BREAK else "")
            prev_short = True
            continue
        starts = NUMBERED.match(line.strip()) or BULLET.match(line) or FOOTNOTE.match(line.strip()) or TABLE_ROW.match(line)
        if out and out[-1] and out[-1] != PAGE_BREAK and not starts and not prev_short:
            out[-1] = join_wrapped(out[-1], line.strip())
        else:
            out.append(line.strip() if not BULLET.match(line) else line)
        prev_short = len(line) < 0.7 * width and line.rstrip().endswith((".", ":", "?", "!"))
    return out


def markdown_lines(text: str) -> list[str]:
    """Markdown as a reader sees it: heading marks and emphasis dropped, bullets kept as items."""
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            out.extend(["", heading.group(1), ""])
            continue
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        out.append(line.rstrip())
    return unwrap(out) if _is_wrapped(out) else _join_soft_breaks(out)


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """Markdown paragraphs run on over several lines until a blank line: join them."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and not BULLET.match(line) and not NUMBERED.match(line.strip()) \
                and not line.startswith("  "):
            out[-1] = out[-1] + " " + line.strip()
        else:
            out.append(line)
    return out


class _HTMLText(HTMLParser):
    """Collects the text of a saved web page, block by block, skipping scripts and navigation."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button", "select", "template"}
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "blockquote",
             "dd", "dt", "table", "ul", "ol", "main", "figcaption", "caption", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.prefix = ""

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        if text:
            self.lines.extend([self.prefix + text, ""])
        self.buf = []
        self.prefix = ""

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.flush()
            if tag == "li":
                self.prefix = "• "
        elif tag in ("td", "th"):
            self.buf.append("\t")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):  # noqa: ANN001
        if not self.skip:
            self.buf.append(data)


def html_lines(text: str) -> list[str]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser.flush()
    return [clean_text(html.unescape(line)).replace("\t", " ").strip() if "\t" not in line.strip("\t ")
            else re.sub(r"^\t+", "", line) for line in parser.lines]


def _read_docx(path: Path) -> Reading:
    try:
        import docx  # python-docx, optional
    except ImportError as exc:
        raise UnreadableFile("Word files need the optional package python-docx (pip install python-docx)") from exc
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableFile(f"not a readable Word document ({exc.__class__.__name__})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"too large when unpacked ({unpacked // (1024 * 1024)} MB; the limit is "
                             f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise UnreadableFile(f"not a readable Word document ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    for para in document.paragraphs:
        style = (para.style.name or "").lower() if para.style is not None else ""
        text = clean_text(para.text).strip()
        if not text:
            continue
        prefix = "• " if "list" in style else ""
        lines.extend([prefix + text, ""])
    return Reading(lines, "docx")
