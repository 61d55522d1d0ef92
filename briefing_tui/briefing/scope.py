"""Scoping a question: the documents it is about, by council, year, 'since' or 'the latest inspection'."""
from __future__ import annotations

from dataclasses import replace

from ..corpus.metadata import DocMeta
from ..index.search import DocInfo, Index
from ..nlp.tags import content_terms
from .query import Query

DESCRIPTOR_WEIGHT = 0.2  # the weight, as a search term, of a question word that only describes the documents


def scope(index: Index, q: Query, default_council: str | None = None) -> tuple[tuple[int, ...], list[str]]:
    """The documents a query is about: its council, years or 'since', where it names them."""
    docs, notes = by_council(list(index.docs.values()), q, default_council)
    docs = by_source(docs, q, notes)
    since = q.since
    if since is None and "change" in q.intents and len(q.years) == 1:
        since = q.years[0]  # 'is it better than it was in 2014?', 'was the 2016 weakness sorted out?'
    # Each time the question names adds its documents: 'in 2016 and at the latest inspection', 'what must it
    # still improve after the 2025 report, and what were the 2014 priorities?'. A question about change
    # reads 'now' as one end of the change ('then and now'), not as the latest inspection alone.
    latest_asked = q.latest and "change" not in q.intents
    if not (q.years or since or latest_asked):
        return tuple(d.id for d in docs), notes
    kept: set[int] = set()
    if q.years:
        # An undated article may be about the year asked, when the question asks what the press wrote.
        undated = "press" in q.speaker_roles
        matching = [d for d in docs if years_of(d) & set(q.years) or (undated and not years_of(d))]
        if matching and len(q.councils) > 1:
            # 'Southampton and Hounslow (2014)': a year narrows the councils it can, not the others away
            having = {d.meta.council for d in matching}
            matching += [d for d in docs if d.meta.council not in having]
        if not matching and not since:
            notes.append(f"No documents from {', '.join(map(str, q.years))}; showing all years.")
            return tuple(d.id for d in docs), notes
        kept.update(d.id for d in matching)
    if since:
        kept.update(d.id for d in docs if d.meta.year is None or d.meta.year >= since)
    if latest_asked:
        kept.update(d.id for d in latest(docs))
    docs = [d for d in docs if d.id in kept] or docs
    return tuple(d.id for d in docs), notes


def by_council(docs: list[DocInfo], q: Query, default_council: str | None = None) -> tuple[list[DocInfo], list[str]]:
    """The documents about the councils a question names, all of them side by side when it names
    several; a question naming none keeps to the default council when one is set and has documents."""
    named = q.councils or ((default_council,) if default_council else ())
    if not named:
        return docs, []
    notes = []
    kept = [d for d in docs if d.meta.council in named]
    missing = [c for c in q.councils if not any(d.meta.council == c for d in kept)]
    if missing and kept:
        notes.append(f"No documents about {_and(missing)}; showing {_and([c for c in q.councils if c not in missing])}.")
    elif missing:
        notes.append(f"No documents about {_and(missing)}; showing all councils.")
    return kept or docs, notes


def by_source(docs: list[DocInfo], q: Query, notes: list[str]) -> list[DocInfo]:
    """A question about what the press wrote ('according to the local paper ...') is answered from the
    news articles in scope; with none, from every document, saying so."""
    if "press" not in q.speaker_roles:
        return docs
    news = [d for d in docs if d.meta.kind == "news"]
    if not news:
        notes.append("No news articles in scope; showing the other documents.")
    return news or docs


def councils_note(q: Query, cited: list[DocInfo], docs_in_scope: list[DocInfo]) -> str | None:
    """Which councils a briefing's lines come from, when the question named none and the documents
    in scope are about several (or when it compared councils and only some have lines)."""
    shown = list(dict.fromkeys(d.meta.council for d in cited if d.meta.council))
    in_scope = {d.meta.council for d in docs_in_scope if d.meta.council}
    if q.councils and len(q.councils) > 1:
        silent = [c for c in q.councils if c in in_scope and c not in shown]
        return f"Nothing on this from {_and(silent)}." if silent else None
    if q.councils or len(in_scope) < 2 or not shown:
        return None
    return f"Lines from {_and(sorted(shown))}."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def latest(docs: list[DocInfo]) -> list[DocInfo]:
    """Each council's newest inspection report, with what was written since it and what is undated."""
    newest: dict[str | None, str] = {}
    for d in docs:
        if d.meta.kind == "report" and d.meta.date:
            newest[d.meta.council] = max(newest.get(d.meta.council, ""), d.meta.date)
    if not newest:
        return docs
    return [d for d in docs if d.meta.date is None or d.meta.council not in newest
            or d.meta.date >= newest[d.meta.council]]


def years_of(d: DocInfo) -> set[int]:
    out = set()
    for value in (d.meta.inspection_start, d.meta.inspection_end, d.meta.published):
        if value:
            out.add(int(value[:4]))
    return out


def descriptors_out(q: Query, docs: list[DocInfo]) -> Query:
    """Words that only describe the documents in scope ('the 2011 unannounced inspection') weigh little."""
    from ..nlp.text import stems

    title_words = set()
    for d in docs:
        title_words.update(stems(d.meta.title))
    describing = title_words.intersection(content_terms(q.terms))
    return replace(q, terms={t: (DESCRIPTOR_WEIGHT if t in describing else w) for t, w in q.terms.items()})


def inspection_key(meta: DocMeta) -> tuple | None:
    """What makes two reports 'the same inspection' (a PDF and a text copy of one report): its council
    and the inspection's last day. None for what is not an inspection report (letters, news)."""
    if meta.kind != "report":
        return None
    return (meta.council, meta.inspection_end or meta.date)
