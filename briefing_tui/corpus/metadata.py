"""Document metadata inferred from the text: kind, title, council, dates, publisher, lead inspector,
and for news articles their headline and outlet where the article prints them."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.councils import council_name, council_pattern
from ..settings import models_dir
from .segment import Block, numbers_paragraphs

MODELS = models_dir()
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH = "(" + "|".join(MONTHS) + ")"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{MONTH}\s+(\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b{MONTH}\s+(\d{{1,2}}),\s+(\d{{4}})\b")
INSPECTION_DATES = re.compile(r"Inspection dates?:?\s*(.{6,80})", re.I)
FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
DATELINE = re.compile(r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|date)\b", re.I)
OUTLET_LINE = re.compile(r"^(?:(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
                         r"|(?:source|published\s+by|courtesy\s+of)\s*:?\s+)([A-Z].{1,80}?)"
                         r"(?:[.,]?\s+all rights reserved.*)?[.,]?$", re.I)
HEADLINE_WORDS = 20

KINDS = {"report": "Ofsted inspection report", "letter": "Ofsted inspection letter", "news": "News article",
         "note": "Document"}


@dataclass(frozen=True)
class DocMeta:
    """What a document is, about whom and when; unknown fields stay None rather than guessed."""

    kind: str  # report | letter | news | note
    title: str
    council: str | None
    inspection_start: str | None  # ISO dates
    inspection_end: str | None
    published: str | None
    publisher: str | None
    lead_inspector: str | None = None
    date_source: str | None = None  # where 'published' came from: text | file name
    headline: str | None = None  # news: the headline, when the article opens with one
    outlet: str | None = None  # news: the publication, when the article names itself
    numbered: bool | None = None  # prints its paragraph numbers, so a paragraph id is a number a reader can find

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, "Document")

    @property
    def date(self) -> str | None:
        """The one date the document is known by, wherever it is named or dated: a letter's own date
        (printed at its head; the inspection it reports on ended weeks before), else the inspection's
        end, else publication."""
        if self.kind == "letter" and self.published and self.date_source != "file name":
            return self.published
        return self.inspection_end or self.published

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DocMeta:
        return cls(**json.loads(text))


def find_council(text: str) -> str | None:
    """The council a text is about: the one named most often near its start."""
    counts: dict[str, float] = {}
    for m in council_pattern().finditer(text[:20000]):
        name = council_name(m.group(1))
        weight = 3.0 if m.start() < 600 else 1.0
        counts[name] = counts.get(name, 0) + weight
    return max(counts, key=counts.get) if counts else None


def parse_date(text: str) -> str | None:
    m = DAY_MONTH_YEAR.search(text)
    if m:
        day, month, year = int(m.group(1)), MONTHS.index(m.group(2).capitalize()) + 1, int(m.group(3))
    else:
        m = MONTH_DAY_YEAR.search(text)
        if not m:
            return None
        month, day, year = MONTHS.index(m.group(1).capitalize()) + 1, int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def inspection_dates(text: str) -> tuple[str | None, str | None]:
    """'Inspection dates: 16 to 20 October 2023' -> ('2023-10-16', '2023-10-20')."""
    m = INSPECTION_DATES.search(text[:5000])
    if not m:
        return None, None
    span = m.group(1)
    end = None
    dates = list(DAY_MONTH_YEAR.finditer(span))
    if dates:
        end = parse_date(dates[-1].group(0))
    start = parse_date(dates[0].group(0)) if len(dates) > 1 else None
    if start is None and end:
        first = re.match(r"\s*(\d{1,2})(?:\s+(" + MONTH[1:-1] + r"))?\s+(?:to|-|–|and)\s", span)
        if first:
            month = first.group(2) or span[dates[-1].start():].split()[1]
            start = parse_date(f"{first.group(1)} {month} {end[:4]}")
    return start, end


def infer(blocks: list[Block], text: str, filename: str) -> DocMeta:
    head = text[:6000]
    numbered = sum(1 for b in blocks if b.number)
    start, end = inspection_dates(text)
    if re.search(r"\bDear\s+(Mr|Mrs|Ms|Miss|Dr|Sir|Madam)\b", head) and re.search(r"Yours (sincerely|faithfully)", text):
        kind = "letter"
    elif (start or end) and re.search(r"\b(inspection|Ofsted)\b", head, re.I) or \
            re.search(r"Inspection of .{0,80}(children|services)", head) and numbered >= 10:
        kind = "report"
    elif re.search(r"\b(said|says|told)\b", text) or re.search(r"\b(report|inspectors?|Ofsted)\b", head):
        kind = "news"
    else:
        kind = "note"
    published, source = None, None
    if kind == "letter":
        date_line = next((b.text for b in blocks[:15] if DAY_MONTH_YEAR.fullmatch(b.text.strip())), None)
        published = parse_date(date_line) if date_line else None
        if not end:
            m = re.search(r"conducted on ([^.]{4,60}\d{4})", text)
            if m:
                end = parse_date(m.group(1))
    elif kind == "news":
        published = article_date(blocks)
    if published:
        source = "text"
    m = FILE_DATE.match(filename)
    if not published and m and kind != "news":  # a file's date says when it was saved, not when an article ran
        published, source = f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "file name"
    lead = re.search(r"Lead inspector:[ \t]*([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})", head)
    publisher = "Ofsted" if kind in ("report", "letter") or re.search(r"ofsted\.gov\.uk", text[-3000:]) and kind != "news" \
        else None
    return DocMeta(kind=kind, title=_title(blocks, kind), council=find_council(text), inspection_start=start,
                   inspection_end=end, published=published, publisher=publisher,
                   lead_inspector=lead.group(1) if lead else None, date_source=source,
                   headline=headline(blocks) if kind == "news" else None,
                   outlet=outlet(blocks) if kind == "news" else None, numbered=numbers_paragraphs(blocks))


def _ends(blocks: list[Block], n: int = 6) -> list[Block]:
    """The first and last few blocks, where articles print their date, byline and publisher."""
    return blocks[:n] + blocks[max(n, len(blocks) - n):]


def article_date(blocks: list[Block]) -> str | None:
    """The date an article prints on a line of its own ('March 24, 2014', 'Published: 24 March 2014'),
    not a date in its sentences ('At 31 March 2013, 1,758 children ...')."""
    for b in _ends(blocks):
        text = b.text.strip()
        if len(text) > 60:
            continue
        m = DAY_MONTH_YEAR.search(text) or MONTH_DAY_YEAR.search(text)
        if m and (len(m.group(0)) >= 0.4 * len(text) or DATELINE.match(text)):
            return parse_date(m.group(0))
    return None


def headline(blocks: list[Block]) -> str | None:
    """An article's opening line when it reads as a headline: short and not a sentence ending in a full stop."""
    first = next((b.text.strip() for b in blocks if b.text.strip()), "")
    if first and len(first.split()) <= HEADLINE_WORDS and not first.endswith("."):
        return first
    return None


def outlet(blocks: list[Block]) -> str | None:
    """The publication an article names ('© 2014 Hounslow Chronicle', 'Source: BBC News'); None when it names none."""
    for b in _ends(blocks):
        text = b.text.strip()
        m = OUTLET_LINE.match(text) if len(text) <= 100 else None
        if m:
            return m.group(1).strip()
    return None


def _title(blocks: list[Block], kind: str) -> str:
    if kind == "letter":
        for i, b in enumerate(blocks):
            if b.text.startswith("Dear ") and i + 1 < len(blocks):
                return blocks[i + 1].text[:200]
    heads = []
    for b in blocks[:12]:
        if b.kind in ("heading", "para") and not re.match(r"(Inspection dates?|Lead inspector)", b.text, re.I):
            if b.kind == "para" and heads:
                break
            if b.text.strip().lower() in ("and",):
                continue
            heads.append(b.text.strip())
            if kind in ("news", "note") or len(" ".join(heads)) > 60:
                break
    title = ": ".join(heads[:2]) if heads else "Untitled"
    return title[:200]
