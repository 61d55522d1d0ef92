"""The SQLite store of annotated documents and their impact-ordered postings, in the user's cache folder."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import weakref
from pathlib import Path

from ..sanitise import safe

SCHEMA_VERSION = 8
DB_NAME = "index.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, sha TEXT UNIQUE, name TEXT, path TEXT, fmt TEXT, meta TEXT, pipeline TEXT,
    paragraphs INTEGER, chars INTEGER);
CREATE TABLE IF NOT EXISTS paragraphs(
    id INTEGER PRIMARY KEY, doc INTEGER, idx INTEGER, pid TEXT, kind TEXT, section TEXT, prior TEXT,
    page INTEGER, page_end INTEGER, path TEXT, text TEXT, topics TEXT, terms TEXT, nterms INTEGER, lead INTEGER, UNIQUE(doc, idx));
CREATE TABLE IF NOT EXISTS sentences(
    id INTEGER PRIMARY KEY, doc INTEGER, para INTEGER, start INTEGER, end INTEGER, role TEXT, role_p REAL,
    pos REAL, neg REAL, action REAL, figures TEXT, speaker TEXT, voice TEXT, topics TEXT, entities TEXT,
    terms TEXT, nterms INTEGER);
CREATE INDEX IF NOT EXISTS sentences_para ON sentences(para);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc);
CREATE TABLE IF NOT EXISTS judgements(doc INTEGER, area TEXT, grade TEXT, para INTEGER, start INTEGER, end INTEGER);
CREATE INDEX IF NOT EXISTS judgements_doc ON judgements(doc);
CREATE TABLE IF NOT EXISTS people(doc INTEGER, name TEXT, key TEXT, quotes INTEGER);
CREATE TABLE IF NOT EXISTS doc_terms(doc INTEGER, term TEXT, df INTEGER, PRIMARY KEY(term, doc)) WITHOUT ROWID;
-- Impact-ordered postings: a term's sentences (and paragraphs) best first, so the top few come off
-- the index whatever the corpus size.
CREATE TABLE IF NOT EXISTS postings(term TEXT, impact REAL, sent INTEGER, doc INTEGER,
    PRIMARY KEY(term, impact, sent)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS para_postings(term TEXT, impact REAL, para INTEGER, doc INTEGER,
    PRIMARY KEY(term, impact, para)) WITHOUT ROWID;
"""


class StoreError(Exception):
    """The cache database cannot be used; the message says why and what was done."""


# SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xff): only these prove the file is damaged;
# "busy", "locked", "full", "I/O error", "read-only" and the like say nothing about its contents.
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
ASIDE = ".damaged"  # a damaged index is renamed to index.sqlite3.damaged (one kept; a newer replaces it)


class Store:
    """An open index database and what happened when opening it, for the user: rebuilt (the damaged
    file kept aside), busy, or replaced by a temporary index that is removed when the store is."""

    def __init__(self, con: sqlite3.Connection, path: Path, notices: tuple[str, ...] = (),
                 temporary: Path | None = None) -> None:
        self.con = con
        self.path = path
        self.notices = tuple(safe(n) for n in notices)  # they name paths, which may hold anything
        self.temporary = temporary
        # The temporary folder goes when the store is collected or the program ends, whichever first.
        self._cleanup = weakref.finalize(self, _discard, con, temporary) if temporary else None

    @classmethod
    def open(cls, cache: Path) -> Store:
        """Open the store in `cache`, creating it if needed. A store that fails its integrity check or
        is of another schema version is set aside and rebuilt (it is a cache of the documents); one
        that another process is writing is used as it is (reads go on; writes wait their turn); a
        cache folder that cannot be written is replaced by a temporary one."""
        notes: list[str] = []
        path = cache / DB_NAME
        try:
            cache.mkdir(parents=True, exist_ok=True)
            con = _checked(path, notes)
            _prove_writable(con, path, notes)
            return cls(con, path, tuple(notes))
        except (OSError, sqlite3.Error) as exc:
            fallback = Path(tempfile.mkdtemp(prefix="briefing-cache-"))
            notes.append(f"the cache folder {cache} cannot be used ({_reason(exc)}); using a temporary "
                         f"index in {fallback}, which will not be kept")
            return cls(_checked(fallback / DB_NAME, notes), fallback / DB_NAME, tuple(notes), fallback)

    def close(self) -> None:
        if self._cleanup is not None:
            self._cleanup()
        else:
            self.con.close()


def _discard(con: sqlite3.Connection, folder: Path) -> None:
    con.close()
    shutil.rmtree(folder, ignore_errors=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.Error) and _code(exc) == SQLITE_READONLY:
        return "it is read-only"
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


def _code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def is_damage(exc: BaseException) -> bool:
    """Whether an error proves the database file itself is damaged (not busy, full or unwritable)."""
    return isinstance(exc, _Rebuild) or (isinstance(exc, sqlite3.DatabaseError)
                                         and _code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB))


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and _code(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def _checked(path: Path, notes: list[str]) -> sqlite3.Connection:
    con = None
    try:
        con = _open(path)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise _Rebuild(f"it was made by another version of briefing (schema {version})")
        check = con.execute("PRAGMA quick_check(1)").fetchone()[0]
        if check != "ok":
            raise _Rebuild(f"it failed its integrity check ({check})")
        if version == 0:  # new: make the tables (an existing store is left alone, so a busy one still opens)
            _create(con)
        return con
    except sqlite3.DatabaseError as exc:
        if con is not None:
            con.close()
        if not is_damage(exc):
            raise
        aside = _set_aside(path)
        notes.append(f"the index {path} was rebuilt because {_why(exc)}; the damaged file was kept as {aside}")
        con = _open(path)
        _create(con)
        return con
    except _Rebuild as exc:
        con.close()
        aside = _set_aside(path)
        notes.append(f"the index {path} was rebuilt because {exc}; the old file was kept as {aside}")
        con = _open(path)
        _create(con)
        return con


def _why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, _Rebuild) else f"it is damaged ({exc})"


def _create(con: sqlite3.Connection) -> None:
    con.executescript(SCHEMA)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _prove_writable(con: sqlite3.Connection, path: Path, notes: list[str]) -> None:
    """Write a row without waiting: a read-only file raises (the caller falls back to a temporary
    index); a file another process is writing is said, and used read-only until it is free."""
    con.execute("PRAGMA busy_timeout=0")
    try:
        con.execute("INSERT OR REPLACE INTO info VALUES ('opened', datetime('now'))")
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            con.close()
            raise
        notes.append(f"the index {path} is being written by another briefing process; answering from what it "
                     f"holds, and waiting for it before storing anything new")
    con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class _Rebuild(Exception):
    pass


BUSY_TIMEOUT_MS = 30000


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return con


def _set_aside(path: Path) -> Path:
    """Rename the database (and its -wal and -shm) out of the way rather than delete it."""
    aside = path.with_name(path.name + ASIDE)
    for suffix in ("", "-wal", "-shm"):
        try:
            os.replace(str(path) + suffix, str(aside) + suffix)
        except FileNotFoundError:
            try:
                os.unlink(str(aside) + suffix)  # no part of an older damaged copy mixes with this one
            except FileNotFoundError:
                pass
    return aside


K1, B = 1.2, 0.75
TYPICAL_SENTENCE, TYPICAL_PARAGRAPH = 14.0, 45.0  # terms; the length norm of the stored impacts


def impacts(terms: list[str] | tuple[str, ...], typical: float, prior: float = 1.0) -> dict[str, float]:
    """Each term's BM25 term-frequency part in a text, times a prior for the text; idf is applied at
    query time (it depends on the documents in use) and does not change a term's order."""
    counts: dict[str, int] = {}
    for t in terms:
        counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * len(terms) / typical)
    return {t: prior * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items()}
