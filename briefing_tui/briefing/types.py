"""The types a caller of the engine needs: a Briefing of Sections of cited Items, and a JudgementRow."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """Where a line comes from: the document as named, the paragraph as printed, and its whole text."""

    doc: str
    paragraph: str
    label: str
    source_text: str
    doc_id: int
    para_id: int
    title: str
    date: str | None
    place: str = ""  # where in the document, in the reader's words ("para 106, page 21")
    document: str = ""  # the document as the sources list names it (kind, title, council, date)
    when: str | None = None  # what dates a line: the inspection's year, or the article's date
    council: str | None = None  # the council the document is about


@dataclass(frozen=True)
class Item:
    """One verbatim line of a briefing with its citation (and any other sources that say the same)."""

    text: str
    citation: Citation
    speaker: str | None = None
    also: tuple[Citation, ...] = ()
    area: str | None = None  # judgement items: the area graded
    figures: tuple[dict, ...] = ()
    reported: bool = False  # the report's own words of what the speaker told inspectors, not theirs

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Section:
    kind: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Briefing:
    query: str
    topic: str | None
    sections: tuple[Section, ...]
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def items(self) -> list[Item]:
        return [i for s in self.sections for i in s.items]

    @property
    def empty(self) -> bool:
        return not self.items

    def sources(self) -> list[Citation]:
        """Every citation in order of first use, each paragraph once."""
        seen, out = set(), []
        for item in self.items:
            for c in (item.citation, *item.also):
                if (c.doc_id, c.paragraph) not in seen:
                    seen.add((c.doc_id, c.paragraph))
                    out.append(c)
        return out


@dataclass(frozen=True)
class JudgementRow:
    """A graded judgement as stored: the document, the area, the grade and where the grade is written."""

    doc: int
    area: str
    grade: str
    para: int
    start: int
    end: int
