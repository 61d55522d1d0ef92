"""Rendering a briefing: email-ready plain text with numbered notes and sources grouped by document,
Markdown, one line with its citation, and the JSON contract. Document text is inert in every format:
no terminal codes, and what Markdown would read as syntax escaped."""
from __future__ import annotations

import json
import re
import textwrap

from typing import TYPE_CHECKING

from .cite import nice_date  # noqa: F401  (the CLI and the app date documents with it)
from ..sanitise import safe

if TYPE_CHECKING:
    from collections.abc import Callable

    from .types import Briefing, Citation, Item



def plain(text: str) -> str:
    """Document text made safe to print: control and escape codes removed, white space collapsed."""
    return re.sub(r"\s+", " ", safe(text)).strip()


def footnotes(briefing: Briefing) -> dict[tuple[int, str], int]:
    """Note numbers in reading order: the first paragraph cited is [1]."""
    return {(c.doc_id, c.paragraph): n for n, c in enumerate(briefing.sources(), 1)}


def grouped_sources(briefing: Briefing) -> list[tuple[Citation, list[tuple[int, Citation]]]]:
    """Sources once per document, in order of first use, each with its numbered paragraphs under it."""
    docs: dict[int, list[tuple[int, Citation]]] = {}
    for n, c in enumerate(briefing.sources(), 1):
        docs.setdefault(c.doc_id, []).append((n, c))
    return [(cites[0][1], cites) for cites in docs.values()]


def markers(item: Item, notes: dict[tuple[int, str], int]) -> str:
    return "".join(f"[{notes[(c.doc_id, c.paragraph)]}]" for c in (item.citation, *item.also))


def dated(briefing: Briefing) -> bool:
    """Lines carry their inspection's year (or article's date) when the briefing draws on several documents."""
    return len({c.doc_id for c in briefing.sources()}) > 1


def several_councils(briefing: Briefing) -> bool:
    """Lines name their council when the briefing draws on documents about more than one: a grade or a
    finding read out in a meeting must say whose it is."""
    return len({c.council for c in briefing.sources() if c.council}) > 1


def _core(item: Item) -> str:
    """An item's line without its date: a judgement as 'Area: grade', a quote with its speaker."""
    from ..nlp.judgements import GRADE  # here, not at the top: the app paints before the NLP modules load

    text = plain(item.text)
    if item.area:
        grades = GRADE.findall(text)
        if grades:
            return f"{item.area}: {grades[-1].lower()}"
        return text if item.area.split()[0].lower() in text.lower() else f"{item.area}: {text}"
    if item.speaker and item.reported:  # the report's words: not in quote marks, and they name the speaker
        return text
    if item.speaker:
        return f"\u201c{text}\u201d \u2014 {plain(item.speaker)}"
    return text


def item_line(item: Item, dated: bool = False, councils: bool = False) -> str:
    """An item as a briefing line; judgements always carry their year (they stand side by side), other
    lines their date when `dated`; each line its council first when `councils`."""
    when = item.citation.when or (item.citation.date[:4] if item.citation.date else None)
    tag = [plain(when)] if when and (dated or item.area) else []
    if councils and item.citation.council:
        tag.insert(0, plain(item.citation.council))
    return f"{_core(item)} ({', '.join(tag)})" if tag else _core(item)


def lines_of(briefing: Briefing) -> Callable[[Item], str]:
    """How a briefing's lines read, the one rule for the email text, Markdown and the app: dated when the
    briefing draws on several documents, naming their council when on several councils."""
    with_dates, with_councils = dated(briefing), several_councils(briefing)
    return lambda item: item_line(item, with_dates, with_councils)


def line_with_citation(item: Item) -> str:
    """One briefing line alone with its full citation, for pasting into an email or a message."""
    labels = "; also ".join(plain(c.label) for c in (item.citation, *item.also))
    return f"{_core(item)} ({labels})"


def _wrapped(line: str, width: int | None, first: str = "", rest: str = "") -> list[str]:
    if not width:
        return [first + line]
    return textwrap.wrap(line, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def to_text(briefing: Briefing, width: int | None = None) -> str:
    """The briefing as an email body: headed sections, one unwrapped line per item (a mail editor
    wraps them) with note numbers, and the sources grouped by document, without file names.
    `width` wraps lines for a terminal."""
    lines = [f"Briefing: {plain(briefing.query)}"]
    if briefing.topic:
        lines.append(f"Topic: {briefing.topic}")
    for note in briefing.notes:
        lines += _wrapped(f"Note: {plain(note)}", width)
    if briefing.empty:
        lines += ["", "Nothing in the documents answers this question."]
        if briefing.suggestions:
            lines += _wrapped("Try one of these topics: " + ", ".join(briefing.suggestions) + ".", width)
        return "\n".join(lines) + "\n"
    notes, line = footnotes(briefing), lines_of(briefing)
    for section in briefing.sections:
        lines += ["", section.title.upper()]
        for item in section.items:
            lines += _wrapped(f"{line(item)} {markers(item, notes)}", width, "- ", "  ")
    lines += ["", "SOURCES"]
    for first, cites in grouped_sources(briefing):
        lines += _wrapped(plain(first.document or first.label), width, "", "  ")
        for n, c in cites:
            lines += _wrapped(f"[{n}] {plain(c.place or c.label)}", width, "  ", "      ")
    return "\n".join(lines) + "\n"


# What Markdown (CommonMark and GitHub's) would read as syntax in running text; nothing else is escaped,
# so a paste into Outlook or Teams shows no stray backslashes.
MD_ANYWHERE = re.compile(r"[`*\[\]~]|\\(?=[!-/:-@\[-`{-~]|$)|<(?=[A-Za-z/!?])|&(?=#?\w+;)"
                         r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
MD_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[+=-](?=\s|$)|-(?=[-\s]*$)|\d{1,9}[.)](?=\s|$))")


def md_escape(text: str) -> str:
    escaped = MD_ANYWHERE.sub(lambda m: "\\" + m.group(0), plain(text))
    # a backslash before the block marker's last character: "\#", "\>", "1\." (a list or heading no more)
    escaped = MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)
    return re.sub(r"(\s)(#+)$", lambda m: m.group(1) + "\\" + m.group(2), escaped)  # not a heading's closing marks


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: footnote references on each line, the sources grouped by document."""
    lines = [f"# Briefing: {md_escape(briefing.query)}"]
    if briefing.topic:
        lines.append(f"*Topic: {md_escape(briefing.topic)}*")
    for note in briefing.notes:
        lines.append(f"> {md_escape(note)}")
    if briefing.empty:
        lines += ["", "Nothing in the documents answers this question."]
        if briefing.suggestions:
            lines.append("Try: " + ", ".join(md_escape(s) for s in briefing.suggestions) + ".")
        return "\n".join(lines) + "\n"
    notes, line = footnotes(briefing), lines_of(briefing)
    for section in briefing.sections:
        lines += ["", f"## {section.title}", ""]
        for item in section.items:
            refs = "".join(f"[^{notes[(c.doc_id, c.paragraph)]}]" for c in (item.citation, *item.also))
            lines.append(f"- {md_escape(line(item))} {refs}")
    lines += ["", "## Sources"]
    for first, cites in grouped_sources(briefing):
        lines += ["", f"**{md_escape(first.document or first.label)}**", ""]
        # each note names its document too: renderers gather footnotes at the end, away from this heading
        lines += [f"[^{n}]: {md_escape(c.label)}" for n, c in cites]
    return "\n".join(lines) + "\n"


def citation_json(c: Citation) -> dict:
    return {"doc": c.doc, "paragraph": c.paragraph, "label": c.label, "source_text": c.source_text,
            "title": c.title, "date": c.date, "place": c.place, "document": c.document, "when": c.when}


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
