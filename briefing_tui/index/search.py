"""Search and ranking over the store: sentences scored by the query's words, topics, entities and
people, with their paragraph and section as context, within the documents in scope."""
from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from ..corpus.metadata import DocMeta
from .store import fts_term

K1, B = 1.2, 0.75
MAX_CANDIDATES = 4000


@dataclass(frozen=True)
class DocInfo:
    id: int
    name: str
    meta: DocMeta


@dataclass(frozen=True)
class SentenceHit:
    """A candidate line for a briefing: where it stands, what it says, and how relevant it is."""

    id: int
    doc: int
    para: int
    start: int
    end: int
    role: str
    polarity: float
    action: float
    figures: tuple[dict, ...]
    speaker: str | None
    voice: str | None
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    score: float = 0.0
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParagraphRow:
    id: int
    doc: int
    idx: int
    pid: str
    kind: str
    section: str
    text: str
    topics: tuple[str, ...]
    prior: str | None = None
    lead: bool = False  # first under its heading


PARAGRAPH_SQL = ("SELECT id, doc, idx, pid, kind, section, text, topics, prior, "
                 "coalesce(lag(kind) OVER (PARTITION BY doc ORDER BY idx), 'heading') = 'heading' FROM paragraphs")


class Index:
    """The open store, restricted to the documents of the current corpus."""

    def __init__(self, con: sqlite3.Connection, doc_ids: tuple[int, ...]) -> None:
        self.con = con
        self.doc_ids = tuple(sorted(doc_ids))
        marks = ",".join("?" * len(self.doc_ids)) or "NULL"
        rows = con.execute(f"SELECT id, name, meta FROM documents WHERE id IN ({marks})", self.doc_ids).fetchall()
        self.docs = {i: DocInfo(i, n, DocMeta.from_json(m)) for i, n, m in rows}
        self.n_sentences = con.execute(f"SELECT COUNT(*), AVG(nterms) FROM sentences WHERE doc IN ({marks})",
                                       self.doc_ids).fetchone()
        self.avg_len = float(self.n_sentences[1] or 10.0)
        self.n_sentences = int(self.n_sentences[0] or 0)
        self._df: dict[str, int] = {}
        self._vocab: list[str] | None = None
        self._known: set[str] | None = None
        self._people: list[str] | None = None
        self._paragraphs: dict[int, ParagraphRow] = {}

    # -- the Vocabulary protocol of query understanding
    def _load_vocab(self) -> None:
        marks = ",".join("?" * len(self.doc_ids)) or "NULL"
        rows = self.con.execute(f"SELECT term, SUM(df) FROM doc_terms WHERE doc IN ({marks}) GROUP BY term",
                                self.doc_ids).fetchall()
        self._df.update({t: n for t, n in rows})
        self._known = {t for t, _ in rows}
        self._vocab = sorted(t for t, n in rows if n >= 2 and t.isalpha() and not t.startswith(("t_", "e_")))

    def known(self, term: str) -> bool:
        if self._known is None:
            self._load_vocab()
        return term in self._known

    def terms(self) -> list[str]:
        if self._vocab is None:
            self._load_vocab()
        return self._vocab

    def people(self) -> list[str]:
        if self._people is None:
            marks = ",".join("?" * len(self.doc_ids)) or "NULL"
            rows = self.con.execute(f"SELECT DISTINCT name FROM people WHERE doc IN ({marks})", self.doc_ids).fetchall()
            self._people = [r[0] for r in rows]
        return self._people

    # -- ranking
    def df(self, term: str) -> int:
        if self._known is None:
            self._load_vocab()
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        n = self.df(term)
        return math.log(1 + (self.n_sentences - n + 0.5) / (n + 0.5))

    def search(self, terms: dict[str, float], docs: tuple[int, ...], extra_paras: int = 80) -> tuple[list[SentenceHit], dict[int, float]]:
        """Candidate sentences with their BM25 score for the weighted terms, and paragraph scores."""
        if not docs:
            return [], {}
        usable = {t: w for t, w in terms.items() if self.df(t) > 0}
        if not usable:
            return [], {}
        match = " OR ".join(fts_term(t) for t in sorted(usable, key=lambda t: -usable[t])[:40])
        marks = ",".join("?" * len(docs))
        para_rows = self.con.execute(
            f"SELECT p.id, -bm25(para_fts) FROM para_fts JOIN paragraphs p ON p.id = para_fts.rowid "
            f"WHERE para_fts MATCH ? AND p.doc IN ({marks}) ORDER BY bm25(para_fts) LIMIT 300", (match, *docs)).fetchall()
        para_scores = {pid: score for pid, score in para_rows}
        rows = self.con.execute(
            f"SELECT s.id, s.doc, s.para, s.start, s.end, s.role, s.pos - s.neg, s.action, s.figures, s.speaker, s.voice, "
            f"s.topics, s.entities, s.terms, s.nterms FROM sent_fts JOIN sentences s ON s.id = sent_fts.rowid "
            f"WHERE sent_fts MATCH ? AND s.doc IN ({marks}) LIMIT {MAX_CANDIDATES}", (match, *docs)).fetchall()
        top_paras = [pid for pid, _ in para_rows[:extra_paras]]
        if top_paras:
            pmarks = ",".join("?" * len(top_paras))
            rows += self.con.execute(
                f"SELECT s.id, s.doc, s.para, s.start, s.end, s.role, s.pos - s.neg, s.action, s.figures, s.speaker, "
                f"s.voice, s.topics, s.entities, s.terms, s.nterms FROM sentences s WHERE s.para IN ({pmarks})",
                top_paras).fetchall()
        hits: dict[int, SentenceHit] = {}
        for r in rows:
            if r[0] in hits:
                continue
            score = bm25(r[13].split(), usable, self.idf, r[14] or 1, self.avg_len)
            hits[r[0]] = SentenceHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _figures(r[8]), r[9], r[10],
                                     tuple(r[11].split()), tuple(e for e in r[12].split("|") if e), score,
                                     tuple(r[13].split()))
        return list(hits.values()), para_scores

    def sentences_of(self, docs: tuple[int, ...], *, speaker_in: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> list[SentenceHit]:
        """Sentences of the given documents, filtered by speaker or role, in document order."""
        marks = ",".join("?" * len(docs)) or "NULL"
        sql = (f"SELECT s.id, s.doc, s.para, s.start, s.end, s.role, s.pos - s.neg, s.action, s.figures, s.speaker, "
               f"s.voice, s.topics, s.entities FROM sentences s WHERE s.doc IN ({marks})")
        args: list = list(docs)
        if speaker_in:
            sql += f" AND s.speaker IN ({','.join('?' * len(speaker_in))})"
            args += list(speaker_in)
        if roles:
            sql += f" AND s.role IN ({','.join('?' * len(roles))})"
            args += list(roles)
        sql += " ORDER BY s.id"
        return [SentenceHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _figures(r[8]), r[9], r[10],
                            tuple(r[11].split()), tuple(e for e in r[12].split("|") if e))
                for r in self.con.execute(sql, args).fetchall()]

    def count_sentences(self, docs: tuple[int, ...]) -> int:
        marks = ",".join("?" * len(docs)) or "NULL"
        return self.con.execute(f"SELECT COUNT(*) FROM sentences WHERE doc IN ({marks})", docs).fetchone()[0]

    def paragraph(self, para_id: int) -> ParagraphRow:
        row = self._paragraphs.get(para_id)
        if row is None:
            self.load_paragraphs([para_id])
            row = self._paragraphs[para_id]
        return row

    def load_paragraphs(self, para_ids) -> None:
        """Fetch the paragraphs not yet in memory, with their neighbours' kinds, in few queries."""
        wanted = sorted({p for p in para_ids if p not in self._paragraphs})
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            docs = sorted({d for (d,) in self.con.execute(
                f"SELECT DISTINCT doc FROM paragraphs WHERE id IN ({','.join('?' * len(chunk))})", chunk)})
            rows = self.con.execute(
                f"SELECT * FROM ({PARAGRAPH_SQL} WHERE doc IN ({','.join('?' * len(docs))})) "
                f"WHERE id IN ({','.join('?' * len(chunk))})", (*docs, *chunk)).fetchall()
            for r in rows:
                self._paragraphs[r[0]] = ParagraphRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7].split()),
                                                      r[8], bool(r[9]))

    def paragraph_by_pid(self, doc: int, pid: str) -> ParagraphRow | None:
        r = self.con.execute("SELECT id FROM paragraphs WHERE doc = ? AND pid = ?", (doc, pid)).fetchone()
        return self.paragraph(r[0]) if r else None

    def neighbours(self, para: ParagraphRow, before: int = 1, after: int = 1) -> list[ParagraphRow]:
        rows = self.con.execute("SELECT id FROM paragraphs WHERE doc = ? AND idx BETWEEN ? AND ? ORDER BY idx",
                                (para.doc, para.idx - before, para.idx + after)).fetchall()
        return [self.paragraph(r[0]) for r in rows]

    def judgements(self, docs: tuple[int, ...]) -> list[tuple[int, str, str, int, int, int]]:
        marks = ",".join("?" * len(docs)) or "NULL"
        return self.con.execute(f"SELECT doc, area, grade, para, start, end FROM judgements WHERE doc IN ({marks}) "
                                f"ORDER BY doc, rowid", docs).fetchall()

    def topic_counts(self) -> dict[str, int]:
        marks = ",".join("?" * len(self.doc_ids)) or "NULL"
        rows = self.con.execute(f"SELECT term, SUM(df) FROM doc_terms WHERE doc IN ({marks}) AND term LIKE 't\\_%' "
                                f"ESCAPE '\\' GROUP BY term", self.doc_ids).fetchall()
        return {t[2:]: n for t, n in rows}


def bm25(tokens: list[str], weights: dict[str, float], idf, length: int, avg_len: float) -> float:
    """Okapi BM25 of one sentence for weighted query terms."""
    counts: dict[str, int] = {}
    for t in tokens:
        if t in weights:
            counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * length / avg_len)
    return sum(weights[t] * idf(t) * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items())


@lru_cache(maxsize=4096)
def _figures(raw: str) -> tuple[dict, ...]:
    return tuple(json.loads(raw)) if raw else ()
