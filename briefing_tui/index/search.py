"""Search and ranking over the store: sentences scored by the query's words, topics, entities and
people, with their paragraph and section as context, within the documents in scope."""
from __future__ import annotations

import json
import math
import re
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass, fields
from functools import lru_cache

from ..briefing.types import JudgementRow
from ..corpus.metadata import DocMeta
from ..nlp.tags import TOPIC_PREFIX, is_tag, untag_topic
from .store import B, K1, TYPICAL_SENTENCE

MAX_TERMS = 24
TOP_PER_TERM = 240
MAX_CANDIDATES = 600
NARROW_SENTENCES = 8000
# A question over many documents also reads the few documents that hold most of its words together (a service
# named in words each common alone: 'Our Safe Space', 'No Labels'), whose lines each term's best postings miss.
FOCUS_DOCUMENTS = 3
FOCUS_LINES = 12  # ... the lines of each holding most of those terms
FOCUS_WEIGHT = 1.0  # ... judged by the question's terms of at least this weight (its own words and tags)
KEPT_SENTENCE_LISTS = 8  # sentences_of and sentences_saying answers kept per open index (each at most a scope's)
# paragraphs_naming keeps the joined text of the documents it reads, up to this many characters an open index: the
# 160 shared reports (5.5 million) fit, so a name is a str.find there; kept whole, a tenfold corpus's took 160 MB (a
# str with one curly quote takes 2 bytes a character). The documents past it are scanned by SQLite's instr.
NAME_TEXT_CHARS = 8_000_000
KEPT_NAME_SEARCHES = 64  # paragraphs_naming answers kept per open index (a name and its scope: a few ids each)
SENTENCE_SQL = ("SELECT s.id, s.doc, s.para, s.start, s.end, s.role, s.pos - s.neg, s.action, s.figures, s.speaker, "
                "s.topics, s.entities, s.terms, s.nterms, s.role_p, min(s.pos, s.neg) FROM sentences s")


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


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
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    score: float = 0.0
    terms: tuple[str, ...] = ()
    role_p: float = 0.0  # the role classifier's confidence in `role` (0..1; 0 when not stored)
    mixed: float = 0.0  # the weaker of its positive and negative cue weights: over 0 when its cues judge both ways
    leans_on: str | None = None  # the role of the line before it, when it opens leaning on that line ('This ...')


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
    page: int | None = None  # the printed page it starts on and the last where it runs on; None without pages
    page_end: int | None = None
    path: str = ""  # the headings it falls under, outermost first


# Where a report states its headline: the headings over its summary ('Summary of key findings', 'The overall
# judgement is ...', 'Executive summary'); reports since 2018 put it straight after the judgement table.
HEADLINE_HEADING = re.compile(r"^\s*(summary of (key )?findings|executive summary|summary|the overall judgement is|"
                              r"overall effectiveness|headline findings|key findings)\b", re.I)
HEADLINE_KINDS = ("para",)  # prose; headings, tables, list leads, footnotes and metadata are not findings
# One row per paragraph near a document's start: enough to find its headline without reading its text.
HEADLINE_SQL = ("SELECT id, doc, idx, kind, prior, CASE WHEN kind = 'heading' THEN text END FROM paragraphs "
                "WHERE idx < ? AND doc IN ({}) ORDER BY doc, idx")


@dataclass(frozen=True)
class Outline:
    """A paragraph as the headline finder sees it: where it stands and what kind it is."""

    id: int
    kind: str
    prior: str | None
    heading: str | None  # its text when it is a heading


def headline_paragraphs(rows: list[Outline], judged: set[int], opens_at_start: bool, limit: int) -> tuple[int, ...]:
    """The paragraphs that state a document's headline (pure): the first `limit` prose paragraphs after
    the table of graded judgements, and after the first summary heading; for a news article, its
    opening paragraphs. A run of headline paragraphs ends at a heading once it has begun, and at the
    document's recommendations or boilerplate."""
    out: list[int] = []
    openings = {0} if opens_at_start and rows else set()
    summary_seen = False
    for n, r in enumerate(rows):
        if r.kind == "table" and r.id in judged and (n + 1 >= len(rows) or rows[n + 1].id not in judged):
            openings.add(n + 1)  # the last row of a judgement table (not a graded heading in the body)
        if r.heading and not summary_seen and HEADLINE_HEADING.match(r.heading):
            summary_seen = True
            openings.add(n + 1)
    for start in sorted(openings):
        taken = 0
        for r in rows[start:]:
            if taken >= limit or r.prior == "action" or r.id in judged and taken:
                break
            if r.kind == "heading":
                if taken:
                    break
                continue
            if r.kind in HEADLINE_KINDS and r.prior != "boilerplate" and r.id not in judged:
                if r.id not in out:
                    out.append(r.id)
                taken += 1
    return tuple(out)


# Only a PDF has pages: other readers store every block on "page 1", which no reader could find.
PARAGRAPH_SQL = ("SELECT p.id, p.doc, p.idx, p.pid, p.kind, p.section, p.text, p.topics, p.prior, p.lead, "
                 "CASE WHEN d.fmt = 'pdf' THEN p.page END, CASE WHEN d.fmt = 'pdf' THEN p.page_end END, p.path "
                 "FROM paragraphs p JOIN documents d ON d.id = p.doc")


class Index:
    """The open store, restricted to the documents of the current corpus."""

    def __init__(self, con: sqlite3.Connection, doc_ids: tuple[int, ...]) -> None:
        self.con = con
        self.doc_ids = tuple(sorted(doc_ids))
        marks = ",".join("?" * len(self.doc_ids)) or "NULL"
        rows = con.execute(f"SELECT id, name, meta FROM documents WHERE id IN ({marks})", self.doc_ids).fetchall()
        self.docs = {i: DocInfo(i, n, DocMeta.from_json(m)) for i, n, m in rows}
        count, avg = con.execute(f"SELECT COUNT(*), AVG(nterms) FROM sentences WHERE doc IN ({marks})",
                                 self.doc_ids).fetchone()
        self.n_sentences = int(count or 0)
        self.avg_len = float(avg or TYPICAL_SENTENCE)  # an empty scope: any positive length will do
        self.total_docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        self._df: dict[str, int] = {}
        self._vocab: list[str] | None = None
        self._known: set[str] | None = None
        self._people: list[str] | None = None
        self._paragraphs: dict[int, ParagraphRow] = {}
        # Read once per open index (the store does not change under it), as the paragraphs are:
        # on a large corpus each query took 30 to 800 ms to read them again.
        self._judgements: dict[int, tuple[JudgementRow, ...]] = {}
        self._topic_counts: dict[str, int] | None = None
        self._counts: dict[int, int] | None = None  # sentences per document in the corpus
        self._sentences: dict[tuple, tuple[SentenceHit, ...]] = {}  # sentences_of, the last few asked
        self._saying: dict[tuple, list[int]] = {}  # sentences_saying's matches, the last few asked
        self._headlines: dict[int, tuple[int, ...]] = {}
        self._texts: dict[int, tuple[str, list[int], list[int]]] = {}  # a document's paragraphs' text, joined, read
        # by paragraphs_naming: the text, where each paragraph starts in it, their ids (NAME_TEXT_CHARS in all)
        self._text_room = NAME_TEXT_CHARS
        self._unkept: set[int] = set()  # documents whose text did not fit: paragraphs_naming scans them in SQLite
        self._naming: dict[tuple, list[int]] = {}  # paragraphs_naming's answers, the last few asked

    # -- the Vocabulary protocol of query understanding
    def _load_vocab(self) -> None:
        marks = ",".join("?" * len(self.doc_ids)) or "NULL"
        rows = self.con.execute(f"SELECT term, SUM(df) FROM doc_terms WHERE doc IN ({marks}) GROUP BY term",
                                self.doc_ids).fetchall()
        self._df.update({t: n for t, n in rows})
        self._known = {t for t, _ in rows}
        self._vocab = sorted(t for t, n in rows if n >= 2 and t.isalpha() and not is_tag(t))

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

    def search(self, terms: dict[str, float], docs: tuple[int, ...], extra_paras: int = 40) -> tuple[list[SentenceHit], dict[int, float]]:
        """Candidate sentences with their BM25 score for the weighted terms, and paragraph scores.

        A question about a few documents reads all their postings for its terms; one about the whole
        corpus takes each term's best postings off the index (more for the weightier terms), so the
        cost does not grow with the corpus."""
        if not docs:
            return [], {}
        usable = {t: w for t, w in terms.items() if self.df(t) > 0}
        if not usable:
            return [], {}
        ranked = sorted(usable, key=lambda t: -usable[t] * self.idf(t))[:MAX_TERMS]
        scope = set(docs)
        narrow = (self.n_sentences if docs == self.doc_ids else self.count_sentences(docs)) <= NARROW_SENTENCES
        approx: dict[int, float] = {}
        para_scores: dict[int, float] = {}
        marks = ",".join("?" * len(docs))
        for t in ranked:
            w, idf = usable[t], self.idf(t)
            if narrow:
                sents = self.con.execute(f"SELECT sent, impact FROM postings WHERE term = ? AND doc IN ({marks})",
                                         (t, *docs))
                paras = self.con.execute(f"SELECT para, impact FROM para_postings WHERE term = ? AND doc IN ({marks})",
                                         (t, *docs))
            else:
                k = TOP_PER_TERM if w >= 1 else TOP_PER_TERM // 2 if w >= 0.5 else TOP_PER_TERM // 6
                spare = 1 if len(self.doc_ids) == self.total_docs else 4  # inactive documents are skipped
                sents = ((r[0], r[1]) for r in self.con.execute(
                    "SELECT sent, impact, doc FROM postings WHERE term = ? ORDER BY impact DESC LIMIT ?",
                    (t, k * spare)) if r[2] in scope)
                paras = ((r[0], r[1]) for r in self.con.execute(
                    "SELECT para, impact, doc FROM para_postings WHERE term = ? ORDER BY impact DESC LIMIT ?",
                    (t, k * spare)) if r[2] in scope)
            for sent, impact in sents:
                approx[sent] = approx.get(sent, 0.0) + w * idf * impact
            for para, impact in paras:
                para_scores[para] = para_scores.get(para, 0.0) + w * idf * impact
        # Score exactly only the best candidates by the postings' own estimate.
        sent_ids = sorted(approx, key=lambda i: -approx[i])[:MAX_CANDIDATES]
        top_paras = sorted(para_scores, key=lambda p: -para_scores[p])[:extra_paras]
        rows = []
        for chunk in _chunks(sorted(sent_ids), 900):
            rows += self.con.execute(f"{SENTENCE_SQL} WHERE s.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        known = {r[0] for r in rows}
        if top_paras:
            rows += [r for r in self.con.execute(f"{SENTENCE_SQL} WHERE s.para IN ({','.join('?' * len(top_paras))})",
                                                 top_paras).fetchall() if r[0] not in known]
        hits = []
        idf = {t: self.idf(t) for t in usable}.__getitem__  # once a term, not once a term a sentence
        for r in rows:
            terms = r[12].split()
            hits.append(_hit(r, bm25(terms, usable, idf, r[13] or 1, self.avg_len), terms))
        if not narrow:
            known = {h.id for h in hits}
            strong = {t for t, w in usable.items() if w >= FOCUS_WEIGHT}
            # Only a line whose stored terms hold one of them as a substring can hold one as a word: SQLite
            # leaves the others out, which read and split in Python were most of this step's time.
            holds = " OR ".join(["instr(terms, ?) > 0"] * len(strong))
            for d in self.focus_documents(usable, scope):
                # Their lines holding most of the weightier terms, from the stored terms alone, are then scored.
                held = [(len(strong.intersection(terms.split())), i) for i, terms in self.con.execute(
                    f"SELECT id, terms FROM sentences WHERE doc = ? AND ({holds}) ORDER BY id", (d, *strong))
                    if i not in known]
                best = [i for n, i in sorted(held, key=lambda x: -x[0])[:FOCUS_LINES] if n > 0]
                hits += self._scored("s.id", sorted(best), usable)
        return hits, para_scores

    def focus_documents(self, terms: dict[str, float], scope: set[int]) -> list[int]:
        """The FOCUS_DOCUMENTS documents in scope that hold most of the question's weightier terms, each
        counted by how few documents have it (a term in every document counts nothing), from the per-document
        term counts: the cost grows with the documents a term is in, not with its sentences."""
        strong = [t for t, w in terms.items() if w >= FOCUS_WEIGHT]
        if len(strong) < 2:
            return []  # one word's best lines are its best postings already
        total = max(len(self.doc_ids), 1)
        score: dict[int, float] = {}
        for t in strong:
            rows = [(d, n) for d, n in self.con.execute("SELECT doc, df FROM doc_terms WHERE term = ?", (t,)) if d in scope]
            if not rows:
                continue
            weight = terms[t] * math.log(total / len(rows))
            for d, n in rows:
                score[d] = score.get(d, 0.0) + weight * (1 + math.log(n))
        return sorted((d for d in score if score[d] > 0), key=lambda d: -score[d])[:FOCUS_DOCUMENTS]

    def sentences_of(self, docs: tuple[int, ...], *, speaker_in: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> list[SentenceHit]:
        """Sentences of the given documents, filtered by speaker or role, in document order (kept for
        the next question: whole-document questions read every finding of their documents)."""
        key = (tuple(docs), tuple(speaker_in), tuple(roles))
        kept = self._sentences.get(key)
        if kept is None:
            marks = ",".join("?" * len(docs)) or "NULL"
            sql = f"{SENTENCE_SQL} WHERE s.doc IN ({marks})"
            args: list = list(docs)
            if speaker_in:
                sql += f" AND s.speaker IN ({','.join('?' * len(speaker_in))})"
                args += list(speaker_in)
            if roles:
                sql += f" AND s.role IN ({','.join('?' * len(roles))})"
                args += list(roles)
            sql += " ORDER BY s.id"
            kept = tuple(_hit(r, 0.0, r[12].split()) for r in self.con.execute(sql, args).fetchall())
            if len(self._sentences) >= KEPT_SENTENCE_LISTS:
                self._sentences.pop(next(iter(self._sentences)), None)  # the oldest
            self._sentences[key] = kept
        return list(kept)

    def headlines(self, docs: tuple[int, ...], scan: int, limit: int) -> dict[int, tuple[int, ...]]:
        """Each document's headline paragraphs (see headline_paragraphs), from the first `scan` paragraphs;
        remembered, as documents do not change while the index is open."""
        todo = [d for d in docs if d not in self._headlines]
        if todo:
            rows: dict[int, list[Outline]] = {d: [] for d in todo}
            for chunk in _chunks(todo, 900):
                for pid, doc, _, kind, prior, heading in self.con.execute(
                        HEADLINE_SQL.format(",".join("?" * len(chunk))), (scan, *chunk)):
                    rows[doc].append(Outline(pid, kind, prior, heading))
            judged = {r.para for r in self.judgements(tuple(todo))}
            for d in todo:
                # An article states its news first; a letter opens with its purpose and thanks, not its findings.
                opens = d in self.docs and self.docs[d].meta.kind == "news"
                self._headlines[d] = headline_paragraphs(rows[d], judged, opens, limit)
        return {d: self._headlines[d] for d in docs}

    def sentences_in(self, para_ids, weights: dict[str, float]) -> list[SentenceHit]:
        """The sentences of some paragraphs, in document order, with their BM25 for the weighted terms."""
        return self._scored("s.para", sorted(set(para_ids)), weights)

    def sentences_by_id(self, ids, weights: dict[str, float]) -> list[SentenceHit]:
        """Some sentences by id, in document order, with their BM25 for the weighted terms."""
        return self._scored("s.id", sorted(set(ids)), weights)

    def sentences_scored_of(self, docs: tuple[int, ...], weights: dict[str, float]) -> list[SentenceHit]:
        """Every sentence of some documents, in document order, with its BM25 for the weighted terms."""
        return self._scored("s.doc", sorted(set(docs)), weights)

    def _scored(self, column: str, keys: list[int], weights: dict[str, float]) -> list[SentenceHit]:
        """The sentences whose `column` (s.id, s.para or s.doc) is one of `keys`, in document order, scored."""
        usable = {t: w for t, w in weights.items() if self.df(t) > 0}
        idf = {t: self.idf(t) for t in usable}.__getitem__  # once a term, as search() reads them
        out: list[SentenceHit] = []
        for chunk in _chunks(keys, 900):
            for r in self.con.execute(f"{SENTENCE_SQL} WHERE {column} IN ({','.join('?' * len(chunk))}) ORDER BY s.id",
                                      chunk):
                terms = r[12].split()
                out.append(_hit(r, bm25(terms, usable, idf, r[13] or 1, self.avg_len), terms))
        return out

    def sentences_saying(self, docs: tuple[int, ...], pattern: re.Pattern, weights: dict[str, float]) -> list[SentenceHit]:
        """The sentences of some documents whose text matches a pattern (a change since the last inspection),
        in document order, with their BM25 for the weighted terms: a scan, for a few documents only."""
        key = (tuple(docs), pattern)
        ids = self._saying.get(key)
        if ids is None:  # the scan is the cost, and its answer does not change while the index is open
            marks = ",".join("?" * len(docs)) or "NULL"
            rows = self.con.execute(f"SELECT s.id, substr(p.text, s.start + 1, s.end - s.start) FROM sentences s "
                                    f"JOIN paragraphs p ON p.id = s.para WHERE s.doc IN ({marks})", docs).fetchall()
            ids = [i for i, text in rows if pattern.search(text)]
            if len(self._saying) >= KEPT_SENTENCE_LISTS:
                self._saying.pop(next(iter(self._saying)), None)  # the oldest
            self._saying[key] = ids
        return self._scored("s.id", ids, weights)

    def paragraphs_naming(self, name: str, docs: tuple[int, ...], most: int | None = None) -> list[int]:
        """The paragraphs of some documents that write a name as the question does ('No Labels', 'HIVE', with
        an s after it or not), each document's in id order: a scan of their text, as the name's words may be stop
        words ('We Do Care') or common ones ('Next Step'). The text of the first NAME_TEXT_CHARS characters of
        documents read is kept an open index; the rest is searched by SQLite (instr) and only the paragraphs
        holding the name are read. Given `most`, the scan stops at the first `most` + 1 paragraphs found (for a
        caller that only needs to know there are more than `most`)."""
        key = (name, tuple(docs), most)
        kept = self._naming.get(key)
        if kept is None:
            kept = self._naming_scan(name, docs, most)
            if len(self._naming) >= KEPT_NAME_SEARCHES:
                self._naming.pop(next(iter(self._naming)), None)  # the oldest
            self._naming[key] = kept
        return list(kept)

    def _naming_scan(self, name: str, docs: tuple[int, ...], most: int | None) -> list[int]:
        self._keep_texts(docs)
        enough = float("inf") if most is None else most + 1
        by_doc: dict[int, set[int]] = {}
        found = 0

        def in_order() -> list[int]:  # the paragraphs found, each document's in id order, documents as asked
            return [p for d in docs for p in sorted(by_doc.get(d, ()))]

        for d in dict.fromkeys(d for d in docs if d in self._texts):
            text, starts, ids = self._texts[d]
            by_doc[d] = {ids[bisect_right(starts, at) - 1] for at in _written(text, name)}
            found += len(by_doc[d])
            if found >= enough:
                return in_order()
        for chunk in _chunks(sorted({d for d in docs if d not in self._texts}), 900):
            for para, doc, text in self.con.execute(
                    f"SELECT id, doc, text FROM paragraphs WHERE doc IN ({','.join('?' * len(chunk))}) "
                    "AND instr(text, ?) > 0", (*chunk, name)):
                if writes_name(text, (name,)):
                    by_doc.setdefault(doc, set()).add(para)
                    found += 1
                    if found >= enough:
                        return in_order()
        return in_order()

    def _keep_texts(self, docs: tuple[int, ...]) -> None:
        """Read and keep the joined paragraph text of the documents not yet read that fit in what is left of
        NAME_TEXT_CHARS (in the order asked); the others are marked to be scanned."""
        new = [d for d in dict.fromkeys(docs) if d not in self._texts and d not in self._unkept]
        if not new:
            return
        sizes: dict[int, int] = {}
        for chunk in _chunks(new, 900):
            sizes.update(self.con.execute(f"SELECT doc, SUM(length(text)) + COUNT(*) FROM paragraphs "  # measured, once
                                          f"WHERE doc IN ({','.join('?' * len(chunk))}) GROUP BY doc", chunk).fetchall())
        fits = []
        for d in new:
            size = sizes.get(d, 0)  # its paragraphs' text and the newlines joining them
            if size <= self._text_room:
                self._text_room -= size
                fits.append(d)
            else:
                self._unkept.add(d)
        for chunk in _chunks(fits, 900):
            by_doc: dict[int, list[tuple[int, str]]] = {d: [] for d in chunk}
            for para, doc, text in self.con.execute(f"SELECT id, doc, text FROM paragraphs WHERE doc IN "
                                                    f"({','.join('?' * len(chunk))}) ORDER BY doc, id", chunk):
                by_doc[doc].append((para, text))
            for doc, paras in by_doc.items():
                starts, at = [], 0
                for _, text in paras:
                    starts.append(at)
                    at += len(text) + 1
                self._texts[doc] = "\n".join(t for _, t in paras), starts, [p for p, _ in paras]

    def count_sentences(self, docs: tuple[int, ...]) -> int:
        if self._counts is None:  # once: a count over a large corpus's documents took 35 ms a question
            marks = ",".join("?" * len(self.doc_ids)) or "NULL"
            self._counts = {d: 0 for d in self.doc_ids}
            self._counts.update(self.con.execute(f"SELECT doc, COUNT(*) FROM sentences WHERE doc IN ({marks}) "
                                                 f"GROUP BY doc", self.doc_ids).fetchall())
        wanted = set(docs)
        other = [d for d in wanted if d not in self._counts]  # documents outside the corpus: counted, not kept
        return sum(self._counts[d] for d in wanted if d in self._counts) + sum(
            self.con.execute(f"SELECT COUNT(*) FROM sentences WHERE doc IN ({','.join('?' * len(c))})", c).fetchone()[0]
            for c in _chunks(other, 900))

    def paragraph(self, para_id: int) -> ParagraphRow:
        row = self._paragraphs.get(para_id)
        if row is None:
            self.load_paragraphs([para_id])
            row = self._paragraphs[para_id]
        return row

    def load_paragraphs(self, para_ids) -> None:
        """Fetch the paragraphs not yet in memory, with their neighbours' kinds, in few queries."""
        wanted = sorted({p for p in para_ids if p not in self._paragraphs})
        for chunk in _chunks(wanted, 900):
            rows = self.con.execute(f"{PARAGRAPH_SQL} WHERE p.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for r in rows:
                self._paragraphs[r[0]] = ParagraphRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7].split()),
                                                      r[8], bool(r[9]), r[10], r[11], r[12] or "")

    def paragraph_by_pid(self, doc: int, pid: str) -> ParagraphRow | None:
        r = self.con.execute("SELECT id FROM paragraphs WHERE doc = ? AND pid = ?", (doc, pid)).fetchone()
        return self.paragraph(r[0]) if r else None

    def paragraphs_of(self, doc: int) -> list[ParagraphRow]:
        """Every paragraph of one document, in order."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM paragraphs WHERE doc = ? ORDER BY idx", (doc,))]
        self.load_paragraphs(ids)
        return [self._paragraphs[i] for i in ids]

    def neighbours(self, para: ParagraphRow, before: int = 1, after: int = 1) -> list[ParagraphRow]:
        rows = self.con.execute("SELECT id FROM paragraphs WHERE doc = ? AND idx BETWEEN ? AND ? ORDER BY idx",
                                (para.doc, para.idx - before, para.idx + after)).fetchall()
        return [self.paragraph(r[0]) for r in rows]

    def judgements(self, docs: tuple[int, ...]) -> list[JudgementRow]:
        """The graded judgements of the given documents, by document and then as stored."""
        wanted = sorted(set(docs))
        missing = [d for d in wanted if d not in self._judgements]
        if missing:
            if not self._judgements and set(missing) <= set(self.doc_ids):
                missing = list(self.doc_ids)  # the first call reads the whole corpus's, a query cheaper than several
            for chunk in _chunks(missing, 900):
                rows = self.con.execute(f"SELECT doc, area, grade, para, start, end FROM judgements WHERE doc IN "
                                        f"({','.join('?' * len(chunk))}) ORDER BY doc, rowid", chunk).fetchall()
                by_doc: dict[int, list[JudgementRow]] = {d: [] for d in chunk}
                for r in rows:
                    by_doc[r[0]].append(JudgementRow(*r))
                self._judgements.update((d, tuple(v)) for d, v in by_doc.items())
        return [r for d in wanted for r in self._judgements[d]]

    def topic_counts(self) -> dict[str, int]:
        if self._topic_counts is None:
            marks = ",".join("?" * len(self.doc_ids)) or "NULL"
            # A range of the primary key (term, doc) rather than LIKE, which scanned the whole table.
            low = TOPIC_PREFIX
            high = low[:-1] + chr(ord(low[-1]) + 1)
            rows = self.con.execute(f"SELECT term, SUM(df) FROM doc_terms WHERE term >= ? AND term < ? "
                                    f"AND doc IN ({marks}) GROUP BY term", (low, high, *self.doc_ids)).fetchall()
            self._topic_counts = {untag_topic(t): n for t, n in rows}
        return dict(self._topic_counts)


def writes_name(text: str, names) -> bool:
    """A text writes one of some names as the question does, a whole word, with an s after or not ('Next Step'
    finds 'Next Steps'): the one test of paragraphs_naming, the candidates it adds and the name_match feature."""
    return any(next(_written(text, n), None) is not None for n in names)


def _written(text: str, name: str):
    """Where a name stands in a text as a whole word, with an s after it or not, found by str.find (a tenth of
    a regular expression's time over a corpus's text)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        end += end < len(text) and text[end] == "s"
        if (at == 0 or not text[at - 1].isalnum() and text[at - 1] != "_") and \
                (end >= len(text) or not text[end].isalnum() and text[end] != "_"):
            yield at
        at = text.find(name, at + 1)


def bm25(tokens: list[str], weights: dict[str, float], idf, length: int, avg_len: float) -> float:
    """Okapi BM25 of one sentence for weighted query terms."""
    counts: dict[str, int] = {}
    for t in tokens:
        if t in weights:
            counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * length / avg_len)
    return sum(weights[t] * idf(t) * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items())


def _hit(r: tuple, score: float, terms: list[str]) -> SentenceHit:
    """A SENTENCE_SQL row as a SentenceHit: its fields set at once, as SentenceHit(*values) would set
    them one object.__setattr__ at a time (a frozen dataclass's __init__, a twentieth of a question's time
    when it reads 600 rows)."""
    made = object.__new__(SentenceHit)
    made.__dict__.update(zip(_HIT_FIELDS, (
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _figures(r[8]), r[9], tuple(r[10].split()),
        tuple(e for e in r[11].split("|") if e), score, tuple(terms), float(r[14] or 0.0), float(r[15] or 0.0),
        None)))  # leans_on: set later, by rank.leaning
    return made


_HIT_FIELDS = tuple(f.name for f in fields(SentenceHit))


@lru_cache(maxsize=4096)
def _figures(raw: str) -> tuple[dict, ...]:
    return tuple(json.loads(raw)) if raw else ()
