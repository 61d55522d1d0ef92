"""Paragraph segmentation: logical lines in, the blocks a reader sees out.

A block is a numbered paragraph (keeping its printed number), a plain paragraph, a bullet item, a
heading, a judgement-table row, a lead-in ("The report highlighted:"), a footnote, or metadata
(addresses, datelines). Paragraphs broken by a page break are joined again, across any footnote
that the break put between the two halves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_BREAK = "\f"

GRADES = r"(?:outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)"
NUMBERED = re.compile(r"^(\d{1,3})\.(?![\d])\s*(?=[A-Za-z(‘'\"“])")
BULLET = re.compile(r"^\s*([-•◦‣⁃*–\u25a0-\u25ff\u2794-\u27bf\uf000-\uf0ff]|\(?[a-z]\))\s+")
FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?=\S)")
TABLE_ROW = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^\t]{{2,150}}?\t+\s*{GRADES}\.?\s*$", re.I)
GRADE_ONLY = re.compile(rf"^{GRADES}\.?$", re.I)
AREAS = (r"(experiences|progress|leadership|leaders|adoption|care leavers|effectiveness|judge?ments?|help and protection|"
         r"looked after|permanence|LSCB|safeguarding|management|governance|overall)")
JUDGEMENT_LINE = re.compile(
    rf"\b{AREAS}\b.*\b(?:(?:is|are|was|were|be|been|rated|judged)(?:\s+as|\s+to\s+be)?\s+[‘']?"
    rf"(?:outstanding|good|inadequate|adequate|requires improvement)|requires?\s+improvement(?:\s+to\s+be\s+good)?)[’']?\.?$",
    re.I)
TERMINAL = tuple(".!?:;\"”’')]")
META = re.compile(
    r"(^\s*(T|Tel|Textphone|E|W|Direct T)\s*:?\s*\+?[\d\s]{6,}|@\w+\.|www\.|https?://|"
    r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b|^©|^\s*(Yours sincerely|Dear\s)|"
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$|"
    r"^\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$|"
    r"^(Inspection dates?|Lead inspector|Team inspectors?)\s*:|^(Her|His) Majesty.s Inspector$|\t\d+$)"
)
SPLIT_TAGS = re.compile(r"\s*</?p>\s*", re.I)


@dataclass(frozen=True)
class Block:
    """One unit a reader sees, with the heading it falls under and where it was found."""

    kind: str  # para | bullet | heading | table | lead | footnote | meta
    text: str
    number: str | None = None  # the printed paragraph number, where the document prints one
    section: str = ""
    page: int | None = None
    page_end: int | None = None  # the last page it is printed on, where it runs on
    path: str = ""  # the headings it falls under, outermost first (" > " between); "" where unknown


@dataclass
class _Open:
    kind: str
    parts: list[str]
    number: str | None
    page: int | None

    def text(self) -> str:
        return " ".join(p.strip() for p in self.parts if p.strip())


def classify(line: str) -> str:
    """The kind of block a logical line starts (or 'text' for a line that may continue one)."""
    s = line.strip()
    if FOOTNOTE.match(s):
        return "footnote"
    if TABLE_ROW.match(line):
        return "table"
    if NUMBERED.match(s):
        return "numbered"
    if BULLET.match(line) and len(s) > 2:
        return "bullet"
    if META.search(s) and len(s.split()) <= 14:
        return "meta"
    if is_heading(s):
        return "heading"
    if s.endswith(":") and len(s.split()) <= 30:
        return "lead"
    return "text"


def is_heading(s: str) -> bool:
    words = s.split()
    if not words or len(words) > 20 or not (s[0].isupper() or s[0].isdigit()):
        return False
    if JUDGEMENT_LINE.search(s) and len(words) <= 20:
        return True
    if s.endswith("?") and len(words) <= 12:
        return True
    if s.endswith(tuple(".!,;:\"”")) or len(words) > 16:
        return False
    return not re.search(r"\d{1,2}\s+\w+\s+\d{4}\s*$", s) or s.lower().startswith(("inspection", "section"))


def _ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence, as one broken by a page break does."""
    t = text.rstrip()
    return bool(t) and not t.endswith(TERMINAL)


def segment(lines: list[str]) -> list[Block]:
    """Group logical lines (one per paragraph, "" between, PAGE_BREAK at page ends) into blocks."""
    units = _units(lines)
    blocks: list[Block] = []
    section = ""
    current: _Open | None = None
    gap = False  # a blank line or page break since the last unit
    page = 1

    def close() -> None:
        nonlocal current
        if current is not None:
            text = current.text()
            if re.search(r"[A-Za-z0-9]", text):
                blocks.append(Block(current.kind, text, current.number, section, current.page))
        current = None

    for unit in units:
        if unit == PAGE_BREAK:
            page += 1
            gap = True
            continue
        if not unit.strip():
            gap = True
            continue
        kind = classify(unit)
        continues = current is not None and current.kind in ("para", "bullet", "numbered", "lead") \
            and kind in ("text", "heading", "lead") and (
                unit.lstrip()[:1].islower()
                or _ends_open(current.text()) and kind == "text" and (not gap or len(current.text().split()) >= 20))
        if continues:
            assert current is not None
            current.parts.append(unit)
            gap = False
            continue
        if kind == "footnote":
            # Set aside without closing: the paragraph a page break cut may go on after it.
            blocks.append(Block("footnote", unit.strip(), FOOTNOTE.match(unit.strip()).group(1), section, page))
            gap = True
            continue
        close()
        if kind == "heading":
            blocks.append(Block("heading", unit.strip(), None, section, page))
            section = unit.strip()
        elif kind == "numbered":
            m = NUMBERED.match(unit.strip())
            current = _Open("numbered", [unit.strip()[m.end():]], m.group(1), page)
        elif kind in ("table", "meta"):
            blocks.append(Block(kind, unit.strip(), None, section, page))
        elif kind == "bullet":
            current = _Open("bullet", [unit.strip()], None, page)
        elif kind == "lead":
            current = _Open("lead", [unit.strip()], None, page)
        else:
            current = _Open("para", [unit.strip()], None, page)
        gap = False
    close()
    return split_blocks(blocks)


def split_blocks(blocks: list[Block]) -> list[Block]:
    """Numbered paragraphs become paragraphs (keeping their number); over-long blocks are cut."""
    out = []
    for b in blocks:
        kind = "para" if b.kind == "numbered" else b.kind
        for i, piece in enumerate(split_long(b.text)):
            out.append(Block(kind, piece, b.number if i == 0 else None, b.section, b.page, b.page_end, b.path))
    return out


MAX_BLOCK = 20000


def split_long(text: str, limit: int = MAX_BLOCK) -> list[str]:
    """A block longer than `limit` characters (a text file with no paragraph breaks) is cut at
    sentence ends into pieces that a reader, and the language pipeline, can take."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = max(text.rfind(". ", start, start + limit), text.rfind("? ", start, start + limit))
        cut = cut + 1 if cut > start + limit // 4 else text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _units(lines: list[str]) -> list[str]:
    """Split lines that hold several HTML-style paragraphs ("<p>..</p> <p>..</p>") into units."""
    out: list[str] = []
    for line in lines:
        if line != PAGE_BREAK and "<p>" in line.lower():
            pieces = [p for p in SPLIT_TAGS.split(line) if p.strip()]
            for piece in pieces:
                out.extend([piece, ""])
        else:
            out.append(line)
    return out


def numbers_paragraphs(blocks: list[Block]) -> bool:
    """Does the document print paragraph numbers (as Ofsted reports do)? Even one printed "1." is cited
    as printed."""
    return any(b.number and b.kind == "para" for b in blocks)


def paragraph_ids(blocks: list[Block]) -> list[str]:
    """Stable paragraph ids: the printed number where the document numbers its paragraphs,
    else the block's position ("p12" in a numbered document, "12" in one that numbers nothing)."""
    numbered = numbers_paragraphs(blocks)
    ids: list[str] = []
    seen: dict[str, int] = {}
    for i, b in enumerate(blocks, 1):
        if numbered and b.number and b.kind == "para":
            pid = b.number
        elif numbered:
            pid = f"p{i}"
        else:
            pid = str(i)
        if pid in seen:  # a printed number used twice (a second numbering run): keep ids unique
            seen[pid] += 1
            pid = f"{pid}.{seen[pid]}"
        else:
            seen[pid] = 1
        ids.append(pid)
    return ids
