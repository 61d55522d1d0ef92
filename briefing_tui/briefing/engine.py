"""The one entry point the command line and the app share: open a corpus, keep it indexed, answer."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine's parts load on first use, so the app can paint before they do
    from ..index.build import IndexResult, Problem, Progress
    from ..index.search import DocInfo, Index, ParagraphRow
    from ..index.store import Store
    from .compose import Composed
    from .types import Briefing


def user_corpus() -> Path:
    """Where `briefing add` keeps the user's documents."""
    return Settings.from_env().user_corpus


def default_corpus() -> list[Path]:
    """BRIEFING_CORPUS if set; else the shipped seeds and whatever the user has added."""
    return Settings.from_env().default_corpus()


@dataclass(frozen=True)
class Source:
    """A paragraph shown with its document and neighbours ('briefing show', the app's source view)."""

    doc: DocInfo
    paragraph: ParagraphRow
    neighbours: tuple[ParagraphRow, ...]


@dataclass(frozen=True)
class JudgementTable:
    """Inspections (columns) by judgement area (rows); a cell is a grade or None."""

    inspections: tuple[DocInfo, ...]
    rows: tuple[tuple[str, list[str | None]], ...]


class Engine:
    """A corpus, its store and its index; safe to use from one thread at a time."""

    def __init__(self, corpus: list[Path] | None = None, cache: Path | None = None, *, n_process: int | None = None,
                 default_council: str | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.corpus = corpus or self.settings.default_corpus()
        self.cache = cache or self.settings.cache
        self.n_process = n_process or self.settings.processes
        self.default_council = default_council or self.settings.council
        self.store: Store | None = None
        self.index: Index | None = None
        self.problems: tuple[Problem, ...] = ()
        self.notices: tuple[str, ...] = ()  # what happened to the index (rebuilt, temporary), for the user

    def open(self, progress: Progress | None = None) -> IndexResult:
        """Index what is new or changed (loading spaCy only then) and open the index."""
        from ..index.build import Indexer
        from ..index.search import Index
        from ..index.store import Store
        from ..nlp.pipeline import load_pipeline, pipeline_version

        if self.store is None:
            self.store = Store.open(self.cache)
        con = self.store.con
        self.notices = self.store.notices
        indexer = Indexer(con, pipeline_version, load_pipeline, n_process=self.n_process)
        result = indexer.run(self.corpus, progress)
        self.problems = result.problems
        self.index = Index(con, result.doc_ids)
        return result

    def close(self) -> None:
        """Close the store (a temporary one is removed); the engine opens it again when next used."""
        if self.store is not None:
            self.store.close()
            self.store = None
            self.index = None

    def _ready(self) -> Index:
        if self.index is None:
            self.open()
        assert self.index is not None
        return self.index

    def ask(self, query: str, max_words: int | None = None) -> Briefing:
        from .compose import compose

        return compose(self._ready(), query, max_words=max_words or self.settings.max_words,
                       default_council=self.default_council)

    def explain(self, query: str, max_words: int | None = None) -> Composed:
        """The briefing with its scored candidates and packing, for `briefing ask --explain`."""
        from .compose import explain

        return explain(self._ready(), query, max_words=max_words or self.settings.max_words,
                       default_council=self.default_council)

    def documents(self) -> list[DocInfo]:
        index = self._ready()
        return sorted(index.docs.values(), key=lambda d: (d.meta.date or "", d.name))

    def find_document(self, name: str) -> DocInfo | None:
        docs = self.documents()
        for d in docs:
            if d.name == name:
                return d
        matches = [d for d in docs if d.name.startswith(name) or Path(d.name).stem == name]
        return matches[0] if len(matches) == 1 else None

    def source(self, doc_name: str, pid: str, context: int = 1) -> Source | None:
        index = self._ready()
        doc = self.find_document(doc_name)
        if doc is None:
            return None
        para = index.paragraph_by_pid(doc.id, pid)
        if para is None:
            return None
        return Source(doc, para, tuple(index.neighbours(para, context, context)))

    def people(self) -> list[str]:
        return sorted(self._ready().people())

    def judgement_table(self, council: str | None = None) -> JudgementTable:
        """The graded judgements of each inspection, oldest first, by area."""
        from ..nlp.judgements import area_label, areas
        from .scope import inspection_key

        index = self._ready()
        docs = [d for d in self.documents() if d.meta.kind in ("report", "letter")
                and (council is None or (d.meta.council or "").lower() == council.lower())]
        grades: dict[tuple[str, int], str] = {}
        for row in index.judgements(tuple(d.id for d in docs)):
            grades.setdefault((row.area, row.doc), row.grade)
        graded, seen = [], set()
        for d in docs:  # one column per inspection, even when the same report is there twice (PDF and text)
            key = inspection_key(d.meta) or (d.meta.council, d.meta.date)
            if any(k[1] == d.id for k in grades) and key not in seen:
                seen.add(key)
                graded.append(d)
        order = [a for a, _, _ in areas()]
        rows = [(area_label(a), [grades.get((a, d.id)) for d in graded]) for a in order
                if any((a, d.id) in grades for d in graded)]
        return JudgementTable(tuple(graded), tuple(rows))

    def topic_list(self) -> list[tuple[str, str, int]]:
        """(id, label, sentences mentioning it) for the corpus's topics, most discussed first."""
        from ..nlp.taxonomy import topics

        counts = self._ready().topic_counts()
        rows = [(t.id, t.label, counts.get(t.id, 0)) for t in topics() if counts.get(t.id)]
        return sorted(rows, key=lambda r: -r[2])
