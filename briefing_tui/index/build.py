"""Indexing a corpus incrementally: find the files, reuse what is stored for unchanged content,
annotate only what is new or changed, and commit each document whole."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..corpus import UnreadableFile, file_hash, is_supported, load_document
from ..nlp.tags import topic_tag
from .annotate import SPACY_KINDS, Annotated, annotate, parse_paragraphs
from ..sanitise import safe
from .store import TYPICAL_PARAGRAPH, TYPICAL_SENTENCE, impacts
from .telling import impact_prior, section_of
from .version import data_version, source_key

POOL_MIN_DOCUMENTS = 8  # below this, starting worker processes (each loads spaCy) costs more than it saves
STORING_CACHE_KIB = 65536  # SQLite's page cache while documents are stored (see larger_page_cache)
Progress = Callable[[str, int, int, str], None]  # stage, done, total, current file name


@dataclass(frozen=True)
class Problem:
    """A file that was left out, and why, in words for the user."""

    path: Path
    reason: str


@dataclass(frozen=True)
class IndexResult:
    doc_ids: tuple[int, ...]
    problems: tuple[Problem, ...]
    annotated: int
    reused: int


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Supported regular files under the given files and folders, in a stable order, following links
    but never round a loop, and out of a folder only when the link itself was given; each file once."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen_files: set[Path] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add(path: Path) -> None:
        try:
            real = path.resolve(strict=True)
            mode = real.stat().st_mode
        except (OSError, RuntimeError):
            problems.append(Problem(path, "cannot be followed (a broken or looping link?)"))
            return
        if not stat.S_ISREG(mode):  # a FIFO or a device would block or never end
            problems.append(Problem(path, "not a regular file (a pipe, device or socket?); skipped"))
        elif real not in seen_files:
            seen_files.add(real)
            found.append(path)

    for root in paths:
        if not root.exists():
            problems.append(Problem(root, "does not exist"))
            continue
        if not root.is_dir():
            add(root) if is_supported(root) or root.suffix == "" else problems.append(
                Problem(root, f"unsupported file type '{root.suffix}'"))
            continue
        inside = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=lambda e: problems.append(
                Problem(Path(e.filename or root), f"cannot be listed ({e.strerror})"))):
            try:
                st = os.stat(dirpath)
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                dirnames[:] = []
                problems.append(Problem(Path(dirpath), "skipped: a link back to a folder already read"))
                continue
            seen_dirs.add(key)
            kept = []
            for d in sorted(d for d in dirnames if not d.startswith(".")):
                real = Path(dirpath, d).resolve()
                if real == inside or inside in real.parents or not Path(dirpath, d).is_symlink():
                    kept.append(d)
                else:
                    problems.append(Problem(Path(dirpath, d), "skipped: a link to a folder outside the corpus "
                                                              "folder (give it by name to include it)"))
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                if is_supported(path):
                    add(path)
    return found, problems


def path_text(path: Path) -> str:
    """A path as stored text: as it is when it is valid UTF-8, with undecodable bytes as \\xNN otherwise."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class Indexer:
    """Brings the store up to date with a list of files."""

    def __init__(self, con: sqlite3.Connection, pipeline_name: Callable[[], str], nlp_loader: Callable[[], object],
                 n_process: int = 1) -> None:
        self.con = con
        self.pipeline_name = pipeline_name
        self.nlp_loader = nlp_loader
        self.n_process = n_process

    def run(self, paths: list[Path], progress: Progress | None = None) -> IndexResult:
        files, problems = discover(paths)
        version = f"{self.pipeline_name()}/{self._data_version()}"
        doc_ids: list[int] = []
        todo: list[tuple[Path, str]] = []
        reused = 0
        shas_seen: dict[str, Path] = {}
        unreadable = self._known_unreadable(version)
        for i, path in enumerate(files):
            if progress:
                progress("checking", i, len(files), path.name)
            try:
                sha = self._sha(path)
            except OSError as exc:
                problems.append(Problem(path, f"cannot be read ({exc.strerror or exc})"))
                continue
            if sha in shas_seen:
                problems.append(Problem(path, f"same content as {safe(shas_seen[sha].name)}; read once"))
                continue
            shas_seen[sha] = path
            if sha in unreadable:  # content that could not be read before will not be read now
                problems.append(Problem(path, unreadable[sha]))
                continue
            row = self.con.execute("SELECT id, pipeline, name, path FROM documents WHERE sha = ?", (sha,)).fetchone()
            if row and row[1] == version:
                doc_ids.append(row[0])
                reused += 1
                if (row[2], row[3]) != (safe(path.name), path_text(path)):  # renamed or moved: cite the current name
                    self.con.execute("UPDATE documents SET name = ?, path = ? WHERE id = ?",
                                     (safe(path.name), path_text(path), row[0]))
            else:
                todo.append((path, sha))
        if todo:
            with larger_page_cache(self.con):
                annotated, failed = self._annotate_all(todo, version, progress)
            doc_ids.extend(annotated)
            problems.extend(failed)
        return IndexResult(tuple(doc_ids), tuple(problems), len(todo) - len(failed) if todo else 0, reused)

    def _data_version(self) -> str:
        """`data_version()` parses the engine's modules (about half a second of every start): the store
        remembers it under a digest of their bytes, and it is worked out again only when a byte changes."""
        key = f"data_version/{source_key()}"
        row = self.con.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        value = data_version()
        try:
            self.con.execute("DELETE FROM info WHERE key LIKE 'data_version/%'")
            self.con.execute("INSERT INTO info VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            pass  # a busy or read-only store: worked out again next time
        return value

    def _known_unreadable(self, version: str) -> dict[str, str]:
        """Content found unreadable by this version (empty, binary, damaged...), by hash, with the reason."""
        prefix = f"unreadable/{version}/"
        rows = self.con.execute("SELECT key, value FROM info WHERE key LIKE 'unreadable/%'").fetchall()
        if any(not key.startswith(prefix) for key, _ in rows):  # written by another version: forget (a write, so only then)
            self.con.execute("DELETE FROM info WHERE key LIKE 'unreadable/%' AND substr(key, 1, ?) != ?",
                             (len(prefix), prefix))
        return {key[len(prefix):]: reason for key, reason in rows if key.startswith(prefix)}

    def _sha(self, path: Path) -> str:
        st = path.stat()
        key = path_text(path.resolve())
        row = self.con.execute("SELECT size, mtime_ns, sha FROM files WHERE path = ?", (key,)).fetchone()
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return row[2]
        sha = file_hash(path)
        self.con.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (key, st.st_size, st.st_mtime_ns, sha))
        return sha

    def _annotate_all(self, todo: list[tuple[Path, str]], version: str,
                      progress: Progress | None) -> tuple[list[int], list[Problem]]:
        """Read, parse and annotate documents, in worker processes when there are several, and store
        each one whole as it comes back. Workers return plain rows, never spaCy objects."""
        ids: list[int] = []
        problems: list[Problem] = []
        total = len(todo)
        workers = min(self.n_process, total) if total >= POOL_MIN_DOCUMENTS else 1
        shas = dict(todo)
        if progress:  # loading spaCy takes seconds: a step of its own, so the wait is explained
            progress("loading", 0, total, "language model")
        if workers > 1:
            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
            if progress:
                progress("annotating", 0, total, todo[0][0].name)
            with ctx.Pool(workers, initializer=_init_worker) as pool:
                results = pool.imap_unordered(_work, todo, chunksize=1)
                for done, result in enumerate(results, 1):
                    self._take(result, version, ids, problems, progress, done, total, shas)
        else:
            nlp = None

            def load():  # when the first document has been read, so unreadable files never load spaCy
                nonlocal nlp
                if nlp is None:
                    nlp = self.nlp_loader()
                return nlp

            for done, item in enumerate(todo, 1):
                if progress:  # named before it is read: a large file can take minutes
                    progress("annotating", done - 1, total, item[0].name)
                self._take(_process(load, *item), version, ids, problems, progress, done, total, shas)
        return ids, problems

    def _take(self, result, version, ids, problems, progress, done, total, shas) -> None:
        if isinstance(result, Problem):
            problems.append(result)
            name = result.path.name
            if not result.reason.startswith(("permission denied", "cannot be read", "changed while")):
                self.con.execute("INSERT OR REPLACE INTO info VALUES (?, ?)",
                                 (f"unreadable/{version}/{shas[result.path]}", result.reason))
        else:
            ids.append(self._store(result, version))
            meta = result.document.meta  # people know a report by its council and title, not its file name
            name = ", ".join(x for x in (meta.council, meta.title) if x) or result.document.name
        if progress:
            progress("annotating", done, total, name)

    def _store(self, a: Annotated, version: str) -> int:
        d = a.document
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            old = con.execute("SELECT id, pipeline FROM documents WHERE sha = ?", (d.sha,)).fetchone()
            if old and old[1] == version:  # another process stored it meanwhile: use theirs, keep ids stable
                con.execute("COMMIT")
                return old[0]
            if old:
                _delete(con, old[0])
            cur = con.execute(
                "INSERT INTO documents(sha, name, path, fmt, meta, pipeline, paragraphs, chars) VALUES (?,?,?,?,?,?,?,?)",
                (d.sha, safe(d.name), path_text(d.path), d.fmt, d.meta.to_json(), version, len(d.paragraphs),
                 sum(len(p.text) for p in d.paragraphs)))
            doc_id = cur.lastrowid
            para_ids = {}
            previous = "heading"
            for p, prior, topics in zip(d.paragraphs, a.priors, a.para_topics):
                terms = _terms(p.text) + (_terms(p.section) if p.section else []) + [topic_tag(t) for t in topics]
                cur = con.execute(
                    "INSERT INTO paragraphs(doc, idx, pid, kind, section, prior, page, page_end, path, text, topics, terms,"
                    " nterms, lead) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, p.index, p.pid, p.kind, p.section, prior, p.page, p.page_end, p.path, p.text, " ".join(topics),
                     " ".join(terms), len(terms), previous == "heading"))
                previous = p.kind
                para_ids[p.index] = cur.lastrowid
                if p.kind not in ("meta", "footnote", "boilerplate"):
                    con.executemany("INSERT INTO para_postings VALUES (?,?,?,?)",
                                    [(t, w, cur.lastrowid, doc_id) for t, w in impacts(terms, TYPICAL_PARAGRAPH).items()])
            df: dict[str, int] = {}
            for s in a.sentences:
                cur = con.execute(
                    "INSERT INTO sentences(doc, para, start, end, role, role_p, pos, neg, action, figures, speaker, voice,"
                    " topics, entities, terms, nterms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, para_ids[s.para], s.start, s.end, s.role, s.confidence, s.score.positive, s.score.negative,
                     s.score.action, s.figures, s.speaker, s.voice, " ".join(s.topics), "|".join(s.entities),
                     " ".join(s.terms), len(s.terms)))
                if s.role not in ("boilerplate", "meta", "heading", "footnote", "table"):
                    con.executemany("INSERT INTO postings VALUES (?,?,?,?)",
                                    [(t, w, cur.lastrowid, doc_id)
                                     for t, w in impacts(s.terms, TYPICAL_SENTENCE, _prior(s)).items()])
                for t in set(s.terms):
                    df[t] = df.get(t, 0) + 1
            con.executemany("INSERT INTO doc_terms(doc, term, df) VALUES (?,?,?)",
                            [(doc_id, t, n) for t, n in df.items()])
            con.executemany("INSERT INTO judgements(doc, area, grade, para, start, end) VALUES (?,?,?,?,?,?)",
                            [(doc_id, j.area, j.grade, para_ids[j.para], j.start, j.end) for j in a.judgements])
            people: dict[str, int] = {}
            for q in a.quotes:
                if q.speaker and not q.report_voice and not q.described:  # people by name, not 'one child'
                    people[q.speaker] = people.get(q.speaker, 0) + 1
            con.executemany("INSERT INTO people(doc, name, key, quotes) VALUES (?,?,?,?)",
                            [(doc_id, name, name.lower(), n) for name, n in people.items()])
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the error worth reporting is the one being raised
            raise
        return doc_id


@contextmanager
def larger_page_cache(con: sqlite3.Connection):
    """SQLite's page cache at STORING_CACHE_KIB while documents are stored, then as it was. Each
    document's postings land all over the postings B-trees, and with the default 2 MB cache their pages
    are read back again and again: indexing 25 more documents into a store of the 160 reports took the
    storing process 2.1 CPU seconds instead of 2.7 (that store is 56 MB, so it is held whole)."""
    previous = con.execute("PRAGMA cache_size").fetchone()[0]
    con.execute(f"PRAGMA cache_size = {-STORING_CACHE_KIB}")
    try:
        yield
    finally:
        con.execute(f"PRAGMA cache_size = {int(previous)}")


_WORKER_NLP = None


def _init_worker() -> None:
    """Each worker loads the pipeline once (the settings come with the environment it inherits)."""
    global _WORKER_NLP
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends workers with SIGTERM: go quietly
    from ..nlp.pipeline import load_pipeline

    _WORKER_NLP = load_pipeline()


def _work(item: tuple[Path, str]):
    return _process(lambda: _WORKER_NLP, *item)


def _process(get_nlp: Callable[[], object], path: Path, sha: str) -> Annotated | Problem:
    """One document from file to annotated rows, stored under the hash of the bytes that were read;
    an unreadable file becomes a Problem."""
    try:
        document = load_document(path, sha)
        now = file_hash(path)
        if now != sha:  # replaced since it was hashed: what was read may be either version, so read again
            document = load_document(path, now)
            if file_hash(path) != now:
                return Problem(path, "changed while it was being read; it will be read next time")
    except UnreadableFile as exc:
        return Problem(path, str(exc))
    except OSError as exc:
        return Problem(path, f"cannot be read ({exc.strerror or exc})")
    nlp = get_nlp()
    items = ((p.text[: nlp.max_length - 1], p.index) for p in document.paragraphs if p.kind in SPACY_KINDS)
    parsed = {index: sentences for sentences, index in parse_paragraphs(nlp, items)}
    return annotate(document, parsed)


def _prior(s) -> float:
    """A telling line (strong cues, a recommendation, a labelled number) comes early in its terms' postings."""
    figures = json.loads(s.figures) if s.figures else []
    labelled = any(f.get("label") for f in figures)
    return impact_prior(section_of(s.role, bool(figures), s.speaker), s.score.positive - s.score.negative,
                        s.score.action, labelled)


def _terms(text: str) -> list[str]:
    from ..nlp.text import stems

    return stems(text, drop_stop=True)


def _delete(con: sqlite3.Connection, doc_id: int) -> None:
    for table in ("postings", "para_postings", "sentences", "paragraphs", "judgements", "people", "doc_terms"):
        con.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_id,))
    con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def doc_meta_rows(con: sqlite3.Connection, doc_ids: tuple[int, ...]) -> list[tuple[int, str, dict]]:
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    rows = con.execute(f"SELECT id, name, meta FROM documents WHERE id IN ({marks})", doc_ids).fetchall()
    return [(i, n, json.loads(m)) for i, n, m in rows]
