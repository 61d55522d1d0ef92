"""Paragraphs as printed: a PDF's laid-out lines grouped into the blocks a reader sees.

Type tells a heading (bold or larger than the text); the margin tells a numbered paragraph or a
bullet; vertical space tells where a paragraph ends; a second column on the same line tells a
judgement-table row; small type at a page's foot is a footnote. A paragraph that a page break cuts
goes on where its next line is printed, whatever running header, footer or footnote falls between.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .layout import SMALL, Line
from .lines import join_wrapped
from .segment import BULLET, GRADES, META, TERMINAL, Block

NUMBER = re.compile(r"^(\d{1,3})\.\.?(?:\s*(?=[A-Za-z(‘'\"“])|\s+(?=\d))")  # "7. 35% of children" too
TABLE_HEAD = re.compile(r"^((?:Key )?judge?ments?)\s+((?:judge?ment )?grades?)$", re.I)
UNPOINTED = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")
GRADE_CELL = re.compile(rf"^(?:{GRADES}|requires?|improvement(?: to be good)?|to be good)\.?$", re.I)
BOILERPLATE_START = re.compile(
    r"^(The Office for Standards in Education, Children.s Services and Skills \(Ofsted\) regulates|"
    r"Ofsted will use the information|If you are not happy with the inspection or the report)", re.I)
BOILERPLATE = re.compile(
    r"^(If you would like a copy of this document in a different format|You may (re)?use this information|"
    r"This (report|publication) is available at|Interested in our work\?|© Crown copyright|Any complaints about)", re.I)


@dataclass
class _Open:
    kind: str
    lines: list[Line]
    text: str
    number: str | None = None
    size: float = 0.0
    indent: float = 0.0  # where the block's wrapped lines start
    grade: list[str] = field(default_factory=list)


def blocks_from_lines(pages: list[list[Line]], notes: list[list[Line]], body: float,
                      vocabulary: set[str]) -> list[Block]:
    """The blocks of a document from its body lines and footnote lines, page by page."""
    pitch = _pitch(pages, body)
    out: list[Block] = []
    section = ""
    path: list[tuple[tuple[float, bool], str]] = []  # open headings, outermost first, with their rank
    current: _Open | None = None
    held: list[Block] = []  # footnotes met while a paragraph is open: they follow it
    last_number = 0

    def close() -> None:
        nonlocal current, section
        if current is None:
            return
        kind, text = current.kind, current.text.strip().replace("\ufffe", "-")
        if kind == "table":
            text = f"{text}\t{' '.join(current.grade)}"
        elif kind == "bullet":
            text = re.sub(r"^[\uf000-\uf0ff]", "•", text)  # a symbol font's private-use bullet shown as one
        elif kind in ("para", "heading") and current.number is None and META.search(text) and len(text.split()) <= 14:
            kind = "meta"
        elif kind in ("para", "heading") and section.lower() == "contents" and re.search(r"\s\d{1,3}$", text):
            kind = "meta"  # a line of the table of contents
        elif kind == "para" and current.number is None and text.endswith(":") and len(text.split()) <= 30:
            kind = "lead"
        if re.search(r"[A-Za-z0-9]", text):
            first, last = current.lines[0].page, current.lines[-1].page
            rank = (current.size, current.lines[0].bold)
            heads = kind == "heading" or kind == "table" and current.size >= body + 1.5  # a graded one-row table too
            while heads and path and path[-1][0] <= rank:
                path.pop()  # a heading closes the open headings of its own rank or below
            out.append(Block(kind, text, current.number, section, first, last,
                             " > ".join(t for _, t in path)))
            if heads:
                section = text.split("\t")[0]
                if section.lower() != "contents":  # it heads only the table of contents, not what follows it
                    path.append((rank, section))
        current = None
        out.extend(held)
        held.clear()

    for page_lines, page_notes in zip(pages, notes):
        previous: Line | None = None
        for line in _rows(page_lines):
            if re.fullmatch(r"\d{1,2}", line.text) and line.size < SMALL * body:
                continue  # a footnote marker set on a line of its own
            kind, number, text, cell = _start(line, body)
            unpointed = UNPOINTED.match(text) if kind == "para" and number is None and last_number else None
            if unpointed and int(unpointed.group(1)) == last_number + 1:
                number, text = unpointed.group(1), text[unpointed.end():]  # "34 Most children": the point left out
            if kind == "heading" and not line.bold and line.size < 1.25 * body and current is not None \
                    and current.kind in ("para", "bullet") and current.lines[-1] is previous \
                    and 0 < line.top - previous.top <= 1.45 * pitch and line.x0 > current.indent + 3:
                kind = "para"  # a wrapped line set a little larger, not a heading
            if current is not None and _continues(current, line, kind, number, previous, pitch):
                if current.kind == "table" and cell is not None:
                    current.grade.append(cell)
                elif current.kind == "table" and GRADE_CELL.match(line.text) and line.x0 > current.indent + 60:
                    current.grade.append(line.text)
                else:
                    current.text = join_wrapped(current.text.rstrip(), line.text, vocabulary)
                current.lines.append(line)
            elif current is not None and current.kind == "table" and GRADE_CELL.match(line.text) \
                    and line.x0 > current.indent + 60:
                current.grade.append(line.text)  # the grade cell, printed after its area's lines
            else:
                close()
                current = _Open(kind, [line], text, number, line.size, line.x0)
                last_number = int(number) if number else last_number
                if cell is not None:
                    current.grade.append(cell)
            previous = line
        for note in _footnotes(page_notes, vocabulary):
            (held if current is not None and current.kind != "heading" else out).append(
                Block("footnote", note, None, section, page_notes[0].page, page_notes[0].page))
    close()
    return _boilerplate(out)


def _start(line: Line, body: float) -> tuple[str, str | None, str, str | None]:
    """What a line would start: (kind, printed number, its text, a grade cell on the same line)."""
    text = line.text
    if line.cell is not None:
        return "table", None, text[:line.cell].strip(), text[line.cell:].strip()
    head = TABLE_HEAD.match(text)
    if head:
        return "table", None, head.group(1), head.group(2)  # a judgement table's header row
    if line.bold or line.size >= body + 1.5:
        return "heading", None, text, None
    m = NUMBER.match(text)
    if m:
        return "para", m.group(1), text[m.end():], None
    if BULLET.match(text) and len(text) > 2:
        return "bullet", None, text, None
    return "para", None, text, None


def _continues(current: _Open, line: Line, kind: str, number: str | None, previous: Line | None, pitch: float) -> bool:
    """Whether a line goes on with the open block rather than starting a new one."""
    if kind != current.kind and not (kind == "para" and current.kind in ("bullet", "table")) \
            and not (kind == "heading" and current.kind == "table"):  # a bold row's area wraps in bold
        return False
    last = current.lines[-1]
    at_text_indent = abs(line.x0 - current.lines[1].x0) < 3 if len(current.lines) > 1 else \
        current.number is not None and not current.text.rstrip().endswith(TERMINAL)
    if kind == "para" and number and current.kind != "heading" and not (
            previous is last and at_text_indent and line.x0 > current.indent + 3
            and 0 < line.top - last.top <= 1.45 * pitch):
        return False  # a numbered paragraph ("until age 25. Young people" at the text's indent is not)
    if kind in ("bullet", "table"):
        return False  # a new item or row
    if current.kind == "heading":
        return previous is last and abs(line.size - current.size) < 0.5 and line.top - last.bottom < line.size \
            and not current.text.endswith("?") and (not current.text.endswith(":") or GRADE_CELL.match(line.text)) \
            and not META.search(current.text) and not META.search(line.text)
    if current.kind == "table":  # an area's wrapped line, flush or hanging past its number
        return previous is last and current.indent - 3 < line.x0 < current.indent + 30 and line.top - last.bottom < 0.5 * line.size
    if previous is None:  # the first line of a page: a paragraph cut by the page break goes on
        if abs(line.size - current.size) >= 1:
            return False
        indent_goes_on = current.number is not None or current.kind == "bullet"
        hanging = len(current.lines) > 1 and abs(line.x0 - current.lines[-1].x0) < 3
        return line.text[:1].islower() or not current.text.rstrip().endswith(TERMINAL) or \
            (indent_goes_on and hanging and line.x0 > current.indent + 5)
    if previous is not last:
        return False
    if current.kind == "bullet" and line.x0 <= current.indent + 3:
        return False  # an item's wrapped lines are indented past its bullet
    if len(current.lines) >= 2 and line.x0 < current.lines[1].x0 - 3:
        return False  # left of the block's wrapped lines: a new paragraph
    gap = line.top - last.top
    if gap > 1.45 * pitch or gap < 0:
        return False
    if line.x0 < current.indent - 3 and current.kind != "heading":
        return False  # back at the margin: a new paragraph set flush with no space above
    return abs(line.size - current.size) < 1.5


def _rows(lines: list[Line]) -> list[Line]:
    """A grade printed as a line of its own beside its area's first line joins that line as its
    second cell, so the row reads "area<TAB>grade" however the area wraps."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not GRADE_CELL.match(line.text) or line.text.lower().startswith(("improvement", "to be")):
            continue
        beside = [j for j in range(i) if out[j] is not None and out[j].cell is None and out[j].x0 < line.x0 - 60
                  and abs(out[j].top - line.top) < 0.8 * line.size]
        if beside:
            j = min(beside, key=lambda k: out[k].top)
            row = out[j]
            out[j] = replace(row, text=f"{row.text} {line.text}", cell=len(row.text) + 1, x1=line.x1)
            out[i] = None
    for i, row in enumerate(out):
        if row is None or row.cell is None:
            continue
        j = i  # the grade stands beside the area's last line: the row starts at the area's first
        while j > 0 and out[j - 1] is not None and out[j - 1].cell is None and abs(out[j - 1].x0 - row.x0) < 3 \
                and 0 < out[j].top - out[j - 1].top < 1.5 * row.size and not TABLE_HEAD.match(out[j - 1].text):
            j -= 1
        if j < i:
            head = " ".join(out[k].text for k in range(j, i))
            out[i] = replace(row, text=f"{head} {row.text}", cell=row.cell + len(head) + 1, top=out[j].top)
            out[j:i] = [None] * (i - j)
    return [line for line in out if line is not None]


def _pitch(pages: list[list[Line]], body: float) -> float:
    """The usual distance from one line of text to the next within a paragraph."""
    gaps = sorted(round(b.top - a.top, 1) for lines in pages for a, b in zip(lines, lines[1:])
                  if abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5 and 0.8 * body < b.top - a.top < 2.5 * body)
    return gaps[len(gaps) // 3] if gaps else 1.2 * body


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _footnotes(lines: list[Line], vocabulary: set[str]) -> list[str]:
    """Footnotes as '¹ text': a number (set alone, or at the head of its first line) starts each."""
    notes: list[str] = []
    pending_number: str | None = None
    for line in lines:
        if re.fullmatch(r"\d{1,2}", line.text):
            pending_number = line.text
            continue
        m = re.match(r"(\d{1,2})\s+(?=\S)", line.text)
        if pending_number or m:
            number = pending_number or m.group(1)
            notes.append(number.translate(SUPERSCRIPT) + " " + (line.text if pending_number else line.text[m.end():]))
            pending_number = None
        elif notes:
            notes[-1] = join_wrapped(notes[-1].rstrip(), line.text, vocabulary)
    return notes


def _boilerplate(blocks: list[Block]) -> list[Block]:
    """Ofsted's standard back page (what Ofsted is, copies, reuse, complaints, address) is kept but
    marked, so it is never briefed."""
    out = []
    back = False
    for b in blocks:
        back = back or bool(BOILERPLATE_START.match(b.text))
        if back or BOILERPLATE.match(b.text):
            b = Block("boilerplate", b.text, None, b.section, b.page, b.page_end)
        out.append(b)
    return out
