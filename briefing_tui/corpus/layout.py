"""The printed layout of a PDF page: its text lines with position, type size and weight (from pypdfium2)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from .lines import clean_text

SMALL = 0.8  # a superscript (footnote marker) is set at most this fraction of the text's size
MARKER = re.compile(r"(?<=[^\s\d])(\d{1,2})(?=\s|$)")  # digits stuck to a word: a footnote marker?
# A grade cell starts with a capital, so "services are good" at a line's end is not one.
CELL_END = re.compile(r"\s(Outstanding|Good|Requires improvement(?: to be good)?|Requires|Inadequate|Adequate)\.?$")
RUNNING_ZONE = 0.12  # running headers and footers sit in this top or bottom fraction of the page


@dataclass(frozen=True)
class Line:
    """One printed line: where it stands (points from the page's top-left), its type, its text.

    `cell` is where a second column starts (a grade in a judgement table), else None."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    marker: str | None = None  # a footnote marker the line ends on, set apart from the text
    cell: int | None = None
    raised: bool = False  # it starts with a raised (footnote) number


def page_lines(textpage, page_no: int, height: float) -> list[Line]:
    """The lines pdfium finds on one page, in its reading order, with superscript markers set apart."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    text = textpage.get_text_range()
    out: list[Line] = []
    # pdfium runs a line that ends on a soft hyphen (U+FFFE) into the next: split them again.
    for piece in re.finditer(r"[^\r\n\ufffe]+\ufffe?|\ufffe", text):
        start, line = piece.start(), piece.group(0).rstrip()
        first = len(line) - len(line.lstrip())
        if first >= len(line):
            continue

        def char(i: int) -> int:
            return raw.FPDFText_GetCharIndexFromTextIndex(textpage, start + i)

        def size(i: int) -> float:
            return raw.FPDFText_GetFontSize(textpage, char(i))

        def box(i: int) -> tuple[float, float, float, float] | None:
            c = char(i)
            try:
                return textpage.get_charbox(c, loose=True) if c >= 0 else None
            except pdfium.PdfiumError:  # a character pdfium made up (a space it inserted): no box
                return None

        head, tail = box(first), box(len(line) - 1)
        if head is None or tail is None:
            continue
        left, bottom, _, top = head
        right = tail[2]
        alnum = [i for i in (first, (first + len(line)) // 2, len(line) - 1) if line[i].isalnum()] or [first]
        sizes = [size(i) for i in alnum]
        body = max(sizes)
        weights = [raw.FPDFText_GetFontWeight(textpage, char(i)) for i in alnum]
        bold = min(weights) >= 600
        marker = None
        cleaned = line
        for m in reversed(list(MARKER.finditer(line))):
            if size(m.start()) < SMALL * size(m.start() - 1):
                if m.end() == len(line):
                    marker = m.group(1)
                cleaned = cleaned[:m.start()] + cleaned[m.end():]
        cell = None
        grade = CELL_END.search(cleaned)
        if grade and cleaned == line:  # a grade set far to the right of its area: a table row on one line
            g = grade.start() + 1
            after, before = box(g), box(grade.start() - 1)
            if after and before and after[0] - before[2] > 0.8 * body:  # wider than any word space, even justified
                cell = g
        lead = re.match(r"\d{1,2}(?=\s*\S)", line[first:])
        raised = bool(lead) and size(first) < SMALL * size(first + lead.end() + (line[first + lead.end()] == " "))
        out.append(Line(page_no, left, right, height - top, height - bottom, body, bold,
                        clean_text(cleaned.strip()), marker, cell - first if cell is not None else None, raised))
    return _same_line(out)


def _same_line(lines: list[Line]) -> list[Line]:
    """Pieces pdfium gives as two lines though they are printed as one (split at a footnote marker)
    are one line again; a piece far to the right is left alone, as a table's second column."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        overlap = min(prev.bottom, line.bottom) - max(prev.top, line.top) if prev else 0
        if prev and overlap > 0.5 * min(prev.bottom - prev.top, line.bottom - line.top) \
                and -1 <= line.x0 - prev.x1 < 2 * line.size and prev.cell is None and line.cell is None:
            text = line.text
            if line.raised:  # the piece begins with a footnote number
                text = re.sub(r"^\d{1,2}\s*", "", text)
            glue = "" if text[:1] in ",.;:)" else " "
            out[-1] = replace(prev, x1=line.x1, text=prev.text + glue + text, marker=line.marker,
                              size=max(prev.size, line.size), bold=prev.bold and line.bold)
        else:
            out.append(line)
    return out


def shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def running(pages: list[list[Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line index) of running headers, footers and page numbers: lines in the top or bottom
    margin that repeat on other pages (digits aside) or are only a page number."""
    def in_zone(line: Line, height: float) -> bool:
        middle = (line.top + line.bottom) / 2
        return middle < RUNNING_ZONE * height or middle > (1 - RUNNING_ZONE) * height

    counts = Counter(shape(line.text) for lines, h in zip(pages, heights) for line in {l.text: l for l in lines}.values()
                     if in_zone(line, h))
    threshold = 2 if len(pages) < 7 else max(2, int(0.3 * len(pages)))
    body = body_size(pages)
    out = set()
    for p, (lines, h) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            s = shape(line.text)
            number = re.fullmatch(r"(page\s+)?#(\s+of\s+#)?", s) and line.size >= SMALL * body  # not a footnote's mark
            if in_zone(line, h) and (counts[s] >= threshold or number):
                out.add((p, i))
    return out


def body_size(pages: list[list[Line]]) -> float:
    """The size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def footnote_start(lines: list[Line], body: float) -> int:
    """Index where the page's footnotes begin (len(lines) when it has none): the run of small type at
    the foot of the page that starts with a number."""
    i = len(lines)
    while i > 0 and lines[i - 1].size < body - 0.9 and not lines[i - 1].bold:
        i -= 1
    while i < len(lines) and not re.match(r"\d{1,2}\b", lines[i].text):
        i += 1
    if i < len(lines) and all(lines[j].top >= lines[i].top - 1 for j in range(i, len(lines))):
        return i
    return len(lines)
