"""The SQLite store of annotated documents and their impact-ordered postings, in the user's cache folder."""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

SCHEMA_VERSION = 6
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
    id INTEGER PRIMARY KEY, doc INTEGER, para INTEGER, start INTEGER, end INTEGER, role TEXT,
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


def default_cache() -> Path:
    env = os.environ.get("BRIEFING_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefing"


def connect(cache: Path) -> sqlite3.Connection:
    """Open the store, creating it if needed. A store that is corrupt, truncated or of another schema
    version is rebuilt (it is a cache of the documents); a cache folder that cannot be written is
    replaced by a temporary one. What happened is in `notices(con)`, for the user."""
    notes: list[str] = []
    try:
        cache.mkdir(parents=True, exist_ok=True)
        con = _checked(cache / DB_NAME, notes)
        con.execute("CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT OR REPLACE INTO info VALUES ('opened', datetime('now'))")  # proves it is writable
    except (OSError, sqlite3.Error) as exc:
        fallback = Path(tempfile.mkdtemp(prefix="briefing-cache-"))
        notes.append(f"the cache folder {cache} cannot be used ({_reason(exc)}); using a temporary index in "
                     f"{fallback}, which will not be kept")
        con = _checked(fallback / DB_NAME, notes)
    _NOTICES[id(con)] = notes
    return con


_NOTICES: dict[int, list[str]] = {}


def notices(con: sqlite3.Connection) -> list[str]:
    return _NOTICES.get(id(con), [])


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


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
        con.executescript(SCHEMA)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return con
    except (_Rebuild, sqlite3.DatabaseError) as exc:
        if isinstance(exc, sqlite3.OperationalError) and not path.exists():
            raise  # not damage: the folder cannot hold a database
        if con is not None:
            con.close()
        reason = str(exc) if isinstance(exc, _Rebuild) else f"it is damaged ({exc})"
        notes.append(f"the index {path} was rebuilt because {reason}")
        _remove(path)
        con = _open(path)
        con.executescript(SCHEMA)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return con


class _Rebuild(Exception):
    pass


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA busy_timeout=30000")
    return con


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(str(path) + suffix).unlink()
        except FileNotFoundError:
            pass


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
