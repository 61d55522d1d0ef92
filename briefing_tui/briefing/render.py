"""Rendering a briefing: email-ready plain text with numbered footnotes, Markdown, and the JSON contract.
Document text is inert in every format: no terminal codes, and Markdown's special characters escaped."""
from __future__ import annotations

import json
import re
import textwrap

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .types import Briefing, Citation, Item

CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.|[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def plain(text: str) -> str:
    """Document text made safe to print: control and escape codes removed, white space collapsed."""
    return re.sub(r"\s+", " ", CONTROL.sub(" ", text)).strip()


def nice_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def footnotes(briefing: Briefing) -> dict[tuple[int, str], int]:
    return {(c.doc_id, c.paragraph): n for n, c in enumerate(briefing.sources(), 1)}


def markers(item: Item, notes: dict[tuple[int, str], int]) -> str:
    return "".join(f"[{notes[(c.doc_id, c.paragraph)]}]" for c in (item.citation, *item.also))


def item_line(item: Item) -> str:
    text = plain(item.text)
    if item.area and len(text.split()) <= 3 and item.area.split()[0].lower() not in text.lower():
        text = f"{item.area}: {text}"
    if item.speaker:
        return f"\u201c{text}\u201d \u2014 {plain(item.speaker)}"
    if item.area and item.citation.date:  # judgements of several inspections stand side by side
        return f"{text} ({item.citation.date[:4]})"
    return text


def source_line(c: Citation) -> str:
    return f"{plain(c.label)}. {plain(c.title)} ({plain(c.doc)}), {nice_date(c.date)}."


def to_text(briefing: Briefing, width: int = 72) -> str:
    """The briefing as an email body: headed sections, wrapped lines, numbered citations, a Sources list."""
    lines = [f"Briefing: {plain(briefing.query)}"]
    if briefing.topic:
        lines.append(f"Topic: {briefing.topic}")
    for note in briefing.notes:
        lines.append(f"Note: {plain(note)}")
    notes = footnotes(briefing)
    if briefing.empty:
        lines += ["", "Nothing in the documents answers this question."]
        if briefing.suggestions:
            lines.append("Try one of these topics: " + ", ".join(briefing.suggestions) + ".")
        return "\n".join(lines) + "\n"
    for section in briefing.sections:
        lines += ["", section.title.upper()]
        for item in section.items:
            body = f"{item_line(item)} {markers(item, notes)}"
            lines += textwrap.wrap(body, width=width, initial_indent="- ", subsequent_indent="  ",
                                   break_long_words=False, break_on_hyphens=False) or ["-"]
    lines += ["", "SOURCES"]
    for c in briefing.sources():
        lines += textwrap.wrap(f"[{notes[(c.doc_id, c.paragraph)]}] {source_line(c)}", width=width,
                               subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) + "\n"


MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", plain(text))


def to_markdown(briefing: Briefing) -> str:
    lines = [f"# Briefing: {md_escape(briefing.query)}"]
    if briefing.topic:
        lines.append(f"*Topic: {md_escape(briefing.topic)}*")
    for note in briefing.notes:
        lines.append(f"> {md_escape(note)}")
    notes = footnotes(briefing)
    if briefing.empty:
        lines += ["", "Nothing in the documents answers this question."]
        if briefing.suggestions:
            lines.append("Try: " + ", ".join(md_escape(s) for s in briefing.suggestions) + ".")
        return "\n".join(lines) + "\n"
    for section in briefing.sections:
        lines += ["", f"## {section.title}", ""]
        for item in section.items:
            refs = "".join(f"[^{notes[(c.doc_id, c.paragraph)]}]" for c in (item.citation, *item.also))
            lines.append(f"- {md_escape(item_line(item))} {refs}")
    lines += ["", "## Sources", ""]
    for c in briefing.sources():
        lines.append(f"[^{notes[(c.doc_id, c.paragraph)]}]: {md_escape(source_line(c))}")
    return "\n".join(lines) + "\n"


def citation_json(c: Citation) -> dict:
    return {"doc": c.doc, "paragraph": c.paragraph, "label": c.label, "source_text": c.source_text,
            "title": c.title, "date": c.date}


def to_dict(briefing: Briefing) -> dict:
    return {
        "query": briefing.query,
        "topic": briefing.topic,
        "sections": [
            {"kind": s.kind, "title": s.title,
             "items": [{"text": i.text, "speaker": i.speaker, "citation": citation_json(i.citation),
                        "also": [citation_json(c) for c in i.also], "area": i.area,
                        "figures": list(i.figures)} for i in s.items]}
            for s in briefing.sections],
        "suggestions": list(briefing.suggestions),
        "notes": list(briefing.notes),
    }


def to_json(briefing: Briefing, indent: int | None = None) -> str:
    return json.dumps(to_dict(briefing), ensure_ascii=False, indent=indent)
