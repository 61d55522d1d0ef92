"""The index version is worked out once per change of the engine's bytes, then read from the store."""
import sqlite3

from briefing_tui.index import build
from briefing_tui.index.build import Indexer
from briefing_tui.index.store import SCHEMA


def _indexer(con):
    return Indexer(con, lambda: "pipeline", lambda: None)


def test_the_store_remembers_the_data_version_until_a_byte_changes(monkeypatch):
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.executescript(SCHEMA)
    calls = []
    key = ["a"]
    monkeypatch.setattr(build, "source_key", lambda: key[0])
    monkeypatch.setattr(build, "data_version", lambda: calls.append(1) or f"v{len(calls)}")
    assert _indexer(con)._data_version() == "v1"
    assert _indexer(con)._data_version() == "v1" and len(calls) == 1  # remembered: nothing parsed again
    key[0] = "b"  # a module or data file changed
    assert _indexer(con)._data_version() == "v2" and len(calls) == 2
    assert con.execute("SELECT COUNT(*) FROM info WHERE key LIKE 'data_version/%'").fetchone()[0] == 1


def test_a_store_that_cannot_be_written_still_gets_the_version(monkeypatch, tmp_path):
    path = tmp_path / "index.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.executescript(SCHEMA)
    writer.close()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    monkeypatch.setattr(build, "source_key", lambda: "k")
    monkeypatch.setattr(build, "data_version", lambda: "v")
    assert _indexer(con)._data_version() == "v"


def test_the_source_key_is_cheap_and_stable():
    from briefing_tui.index.version import source_key

    assert source_key() == source_key() and len(source_key()) == 16
