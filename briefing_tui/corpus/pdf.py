"""PDF files read as printed: pages laid out by pypdfium2, grouped into paragraphs by corpus.printed.

pypdfium2 was chosen by measurement over the 160 shared reports: 5.3 s for the text of all of them,
against about 0.9 s a file for pypdf and 2.7 s a file for pdfminer.six, with equally clean text; it
also gives each character's box, size and weight, which is what tells a heading, a margin number or
a footnote apart. Reading all 160 as printed, layout included, takes about 11 s of CPU.
"""
from __future__ import annotations

import re
from pathlib import Path

from .layout import Line, body_size, footnote_start, page_lines, running
from .printed import blocks_from_lines
from .reading import Reading, UnreadableFile


def read_pdf(path: Path) -> Reading:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnreadableFile("reading PDF needs the package pypdfium2") from exc
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableFile("the PDF is encrypted (password protected)") from exc
        raise UnreadableFile("not a readable PDF (damaged or truncated)") from exc
    try:
        pages, heights = [], []
        for number, page in enumerate(document, 1):
            textpage = page.get_textpage()
            heights.append(page.get_height())
            pages.append(page_lines(textpage, number, heights[-1]))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise UnreadableFile("not a readable PDF (a page could not be read)") from exc
    finally:
        document.close()
    if not any(line.text.strip() for lines in pages for line in lines):
        raise UnreadableFile("the PDF has no text layer (a scanned image?); it would need OCR")
    return Reading([], "pdf", tuple(printed_blocks(pages, heights)))


def printed_blocks(pages: list[list[Line]], heights: list[float]):
    """Blocks from the lines of each page: furniture dropped, footnotes set apart."""
    furniture = running(pages, heights)
    pages = [[line for i, line in enumerate(lines) if (p, i) not in furniture] for p, lines in enumerate(pages)]
    body = body_size(pages)
    bodies, notes = [], []
    for lines in pages:
        cut = footnote_start(lines, body)
        bodies.append(lines[:cut])
        notes.append(lines[cut:])
    return blocks_from_lines(bodies, notes, body, vocabulary(pages))


def vocabulary(pages: list[list[Line]]) -> set[str]:
    """The words a document spells whole, to tell 'assess-ment' from 'good-quality' at a line end."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line.text))
    return words
