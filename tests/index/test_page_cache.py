"""The indexer stores documents with a larger SQLite page cache, and gives the connection back as it was."""
import sqlite3

import pytest

from briefing_tui.index import build
from briefing_tui.index.build import STORING_CACHE_KIB, Indexer, larger_page_cache
from briefing_tui.index.store import SCHEMA


def cache_size(con):
    return con.execute("PRAGMA cache_size").fetchone()[0]


def test_the_cache_is_larger_while_storing_and_as_it_was_after_even_on_failure():
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA cache_size = -1000")
    with larger_page_cache(con):
        assert cache_size(con) == -STORING_CACHE_KIB
    assert cache_size(con) == -1000
    with pytest.raises(RuntimeError), larger_page_cache(con):
        raise RuntimeError("a worker died")
    assert cache_size(con) == -1000


def test_documents_are_annotated_and_stored_inside_it(tmp_path, monkeypatch):
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.executescript(SCHEMA)
    before = cache_size(con)
    (tmp_path / "a.txt").write_text("Children are seen regularly by their social workers.\n")
    seen = []
    monkeypatch.setattr(build, "data_version", lambda: "test")
    monkeypatch.setattr(Indexer, "_annotate_all", lambda self, todo, version, progress: (seen.append(cache_size(con)), ([], []))[1])
    Indexer(con, lambda: "pipeline", lambda: None).run([tmp_path])
    assert seen == [-STORING_CACHE_KIB] and cache_size(con) == before
