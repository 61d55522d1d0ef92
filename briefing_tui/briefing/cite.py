"""Citations a reader can find: from a stored paragraph and its document, the words that say where it
is (a printed paragraph number, else the page and heading; never an internal id) and which document
it is (an inspection's council and year, a letter's date and subject, an article's headline and date)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..corpus.metadata import MONTHS

if TYPE_CHECKING:
    from ..corpus.metadata import DocMeta
    from ..index.search import DocInfo, ParagraphRow

PRINTED = re.compile(r"(\d+)(?:\.(\d+))?")  # "106", or "25.2": the second paragraph printed as 25
HEADING_CHARS = 60
TITLE_CHARS = 90
OPENING_WORDS = 10


@dataclass(frozen=True)
class CiteText:
    """What a citation says, in words a councillor can follow to the page."""

    paragraph: str  # for the JSON contract: the printed number, else the project's stable id
    place: str  # where in the document: "para 106, page 21" or "page 3, ‘What needs to improve?’"
    short: str  # the document in a few words: "Ofsted inspection report, Hounslow, 2014"
    document: str  # the document as a sources list names it: kind, title, council, date
    when: str | None  # what dates a line: the inspection's year, or the letter's or article's date

    @property
    def label(self) -> str:
        return f"{self.short}, {self.place}"


def nice_date(iso: str | None) -> str:
    """'2014-02-05' -> '5 February 2014'; None -> 'undated'."""
    if not iso:
        return "undated"
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def clip(text: str, limit: int) -> str:
    """Text cut at a word boundary to about `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def pages(para: ParagraphRow) -> str | None:
    if para.page is None:
        return None
    if para.page_end and para.page_end > para.page:
        return f"pages {para.page}–{para.page_end}"
    return f"page {para.page}"


def heading_of(para: ParagraphRow) -> str:
    """The heading a reader would look under: a heading's own words, else its section's."""
    return (para.text if para.kind == "heading" else para.section).strip()


def place(para: ParagraphRow, numbered: bool | None) -> str:
    """Where the paragraph is, as a reader of the printed document would look for it."""
    where = pages(para)
    printed = PRINTED.fullmatch(para.pid)
    if printed and numbered is not False:
        text = f"para {printed.group(1)}"
        if where:
            return f"{text}, {where}"
        # Without pages, a second run of numbers is told apart by its heading.
        return f"{text}, ‘{clip(heading_of(para), HEADING_CHARS)}’" if printed.group(2) and heading_of(para) else text
    if not where and printed:  # a document without numbers or pages (an article, a letter): count paragraphs
        return f"para {printed.group(1)}"
    heading = heading_of(para)
    parts = [p for p in (where, f"‘{clip(heading, HEADING_CHARS)}’" if heading else None) if p]
    return ", ".join(parts) or "the opening lines"


def span(meta: DocMeta) -> str:
    """An inspection's dates: '14 January to 5 February 2014', '16 to 20 October 2023'."""
    start, end = meta.inspection_start, meta.inspection_end
    if not end:
        return nice_date(meta.date)
    if not start or start == end:
        return nice_date(end)
    a, b = nice_date(start).split(" "), nice_date(end).split(" ")
    if a[2] != b[2]:
        return f"{' '.join(a)} to {' '.join(b)}"
    if a[1] != b[1]:
        return f"{a[0]} {a[1]} to {' '.join(b)}"
    return f"{a[0]} to {' '.join(b)}"


def article_name(meta: DocMeta) -> str:
    """An article by its headline, else by its opening words."""
    if meta.headline:
        return f"“{clip(meta.headline, TITLE_CHARS)}”"
    words = meta.title.split()
    opening = " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")
    return f"beginning “{opening}”"


def describe(meta: DocMeta) -> tuple[str, str, str | None]:
    """(short name, sources-list name, what dates its lines) for a document."""
    council = meta.council
    if meta.kind == "report":
        year = str(meta.year) if meta.year else "undated"
        short = ", ".join(p for p in (meta.kind_label, council, year) if p)
        full = ", ".join(p for p in (f"{meta.kind_label}: “{clip(meta.title, TITLE_CHARS)}”", council,
                                     f"inspected {span(meta)}" if meta.inspection_end else nice_date(meta.date)) if p)
        return short, full, year if meta.year else None
    if meta.kind == "letter":  # by its own date (meta.date), the one its other mentions give
        sent = nice_date(meta.date)
        subject = f"“{clip(meta.title, 50)}”"
        short = ", ".join(p for p in (f"{meta.kind_label}{f' to {council}' if council else ''}", sent, subject) if p)
        full = ", ".join(p for p in (f"{meta.kind_label}: “{clip(meta.title, 200)}”", council, sent) if p)
        return short, full, str(meta.year) if meta.year else sent
    if meta.kind == "news":
        dated = nice_date(meta.published)
        short = ", ".join(p for p in (f"{meta.kind_label} {article_name(meta)}", meta.outlet, dated) if p)
        full = ", ".join(p for p in (f"{meta.kind_label}: {article_name(meta)}", meta.outlet, council, dated) if p)
        return short, full, dated if meta.published else "undated article"
    short = ", ".join(p for p in (f"{meta.kind_label} “{clip(meta.title, TITLE_CHARS)}”", council) if p)
    full = ", ".join(p for p in (short, nice_date(meta.date)) if p)
    return short, full, nice_date(meta.date) if meta.date else None


def cite(para: ParagraphRow, doc: DocInfo) -> CiteText:
    """The citation of one stored paragraph of a document."""
    short, full, when = describe(doc.meta)
    return CiteText(para.pid, place(para, doc.meta.numbered), short, full, when)


PARA_WORDS = re.compile(r"\b(?:para(?:graph)?s?\.?|¶)\s*(p?\d+(?:\.\d+)?)\b", re.I)
PAGE_WORDS = re.compile(r"\bpages?\s+(\d+)(?:\s*[-–]\s*\d+)?\b", re.I)
QUOTED = re.compile(r"[‘“'\"](.+)[’”'\"]\s*$")


@dataclass(frozen=True)
class PlaceWords:
    """A place as a reader writes it ('para 106', 'page 3', 'page 3, ‘What needs to improve?’')."""

    pid: str | None
    page: int | None
    heading: str | None


def read_place(words: str) -> PlaceWords:
    words = " ".join(words.split())
    para = PARA_WORDS.search(words)
    page = PAGE_WORDS.search(words)
    quoted = QUOTED.search(words)
    if para or page or quoted:
        heading = quoted.group(1).rstrip("…").strip() if quoted else None
        return PlaceWords(para.group(1) if para else None, int(page.group(1)) if page else None, heading or None)
    return PlaceWords(words or None, None, None)


def _on_page(row: ParagraphRow, page: int) -> bool:
    return row.page is not None and row.page <= page <= (row.page_end or row.page)


def _same(a: str, clipped: str) -> bool:
    a, b = " ".join(a.lower().split()), " ".join(clipped.lower().split())
    return bool(b) and a.startswith(b)


def find_place(rows: list[ParagraphRow], words: str) -> list[ParagraphRow]:
    """The paragraphs of one document (in order) that the words name: one for a paragraph, every
    paragraph of a page for a page alone; empty when nothing matches."""
    want = read_place(words)
    if want.pid:
        # "25" names the first paragraph printed as 25; a page tells a second run of numbers apart.
        found = [r for r in rows if r.pid == want.pid or r.pid.startswith(f"{want.pid}.") and PRINTED.fullmatch(r.pid)]
        if want.page is not None:
            found = [r for r in found if _on_page(r, want.page)] or found
        return found[:1]
    found = rows
    if want.page is not None:
        found = [r for r in found if _on_page(r, want.page)]
    if want.heading:
        under = [r for r in found if r.kind != "heading" and _same(r.section, want.heading)]
        found = under[:1] or [r for r in found if _same(heading_of(r), want.heading)][:1]
    return found if want.page is not None or want.heading else []
