"""A briefing on one document: its graded judgements, headline strengths and weaknesses, and what it
must improve, built from the engine's public API (questions scoped by the document's council and year)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .compose import Briefing, Citation, Section

if TYPE_CHECKING:
    from ..index.search import DocInfo
    from .engine import Engine

# what to ask for each section of the summary, in the order a councillor reads them
ASPECTS = (("judgement", "graded judgements"), ("strengths", "strengths"), ("weaknesses", "weaknesses"),
           ("actions", "recommendations what needs to improve"))


def scope_words(doc: DocInfo) -> str:
    """The words that scope a question to this document: its council and its year."""
    return " ".join(x for x in (doc.meta.council, str(doc.meta.year) if doc.meta.year else None) if x)


def from_document(c: Citation, doc: DocInfo) -> bool:
    """Is the citation from this document (or the same report stored twice, as PDF and text)?"""
    return c.doc == doc.name or (c.title == doc.meta.title and c.date == doc.meta.date)


def summarise(engine: Engine, doc: DocInfo) -> Briefing:
    """Each aspect asked of the document's council and year; only lines from this document are kept."""
    sections: list[Section] = []
    for kind, words in ASPECTS:
        answer = engine.ask(f"{words} {scope_words(doc)}".strip())
        for section in answer.sections:
            items = tuple(i for i in section.items if section.kind == kind
                          and any(from_document(c, doc) for c in (i.citation, *i.also)))
            if items:
                sections.append(Section(kind, section.title, items))
    title = doc.meta.title
    notes = () if sections else (f"The briefing found no judgements, strengths, weaknesses or "
                                 f"recommendations in “{title}”.",)
    return Briefing(f"Summary of {title}", None, tuple(sections), (), notes)
