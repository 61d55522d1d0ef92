"""Faults and bad input: every bad file reported by name with its reason and the rest used; a broken,
old or unwritable index rebuilt or worked around; interrupted and concurrent indexing consistent;
saving atomic and confined; no network; hostile questions answered plainly."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.briefing.types import Briefing, Citation, Item, Section
from briefing_tui.briefing.engine import Engine
from briefing_tui.briefing.export import SaveRefused, save_text
from briefing_tui.briefing.render import to_dict, to_markdown, to_text
from briefing_tui.index.store import DB_NAME, Store
from tests.conftest import DATA, ROOT, SEEDS

GOOD = ("Inspection of Testshire local authority children's services\n\n"
        "1. Care leavers receive timely support from dedicated personal advisers who know them well.\n\n"
        "2. However, too many care leavers are not in education, employment or training.\n\n"
        "3. Ensure that pathway plans are reviewed regularly.\n")


def corpus_with_faults(folder: Path) -> dict[str, str]:
    """A folder with one good document and every kind of bad file; returns name -> expected reason."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    (folder / "truncated.pdf").write_bytes((DATA / "reports" / "2026-06-17-brent.pdf").read_bytes()[:5000])
    shutil.copy(DATA / "faults" / "encrypted.pdf", folder / "encrypted.pdf")
    import pypdfium2 as pdfium

    blank = pdfium.PdfDocument.new()
    blank.new_page(300, 300)
    blank.save(str(folder / "scanned.pdf"))
    (folder / "windows.txt").write_bytes("Inspectors said the service was \u201cgood\u201d \u2013 leavers were well supported."
                                         .encode("cp1252"))
    shutil.copy(folder / "good.txt", folder / "copy-of-good.txt")
    (folder / "loop").mkdir()
    os.symlink(folder, folder / "loop" / "back")
    return {"empty.txt": "empty", "binary.txt": "binary", "photo.pdf": "not a readable PDF",
            "truncated.pdf": "damaged or truncated", "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer"}


def test_bad_files_are_reported_by_name_and_the_rest_used(tmp_path):
    expected = corpus_with_faults(tmp_path / "docs")
    engine = Engine([tmp_path / "docs"], tmp_path / "cache")
    result = engine.open()
    reasons = {p.path.name: p.reason for p in result.problems}
    for name, reason in expected.items():
        assert reason in reasons.get(name, ""), (name, reasons.get(name))
    assert any("link back to a folder" in r for r in reasons.values())
    names = {d.name for d in engine.documents()}
    kept = names - {"windows.txt"}
    assert len(kept) == 1 and kept <= {"good.txt", "copy-of-good.txt"} and "windows.txt" in names
    duplicate = ({"good.txt", "copy-of-good.txt"} - kept).pop()
    assert reasons[duplicate] == f"same content as {kept.pop()}; read once"
    b = engine.ask("care leavers")
    assert b.items and {i.citation.doc for i in b.items} <= names
    assert "\u201cgood\u201d" in engine.source("windows.txt", "1").paragraph.text


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD)
    (docs / "secret.txt").write_text("Locked away.")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    engine = Engine([docs], tmp_path / "cache")
    result = engine.open()
    assert {p.path.name: p.reason for p in result.problems}.get("secret.txt", "").startswith("permission denied")
    assert [d.name for d in engine.documents()] == ["good.txt"]


def test_text_longer_than_the_pipeline_takes(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    sentence = "Care leavers receive timely support from personal advisers who know them well. "
    (docs / "huge.txt").write_text(sentence * 14000)  # about 1.1 million characters, one line
    engine = Engine([docs], tmp_path / "cache")
    engine.open()
    assert [d.name for d in engine.documents()] == ["huge.txt"]
    b = engine.ask("care leavers personal advisers")
    assert b.items and all(i.text in i.citation.source_text for i in b.items)


def test_changed_and_deleted_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    (docs / "b.txt").write_text("Adoption support is widely available and effective.\n")
    engine = Engine([docs], tmp_path / "cache")
    assert engine.open().annotated == 2
    (docs / "a.txt").write_text(GOOD.replace("timely support", "late and patchy support"))
    (docs / "b.txt").unlink()
    engine = Engine([docs], tmp_path / "cache")
    result = engine.open()
    assert result.annotated == 1 and [d.name for d in engine.documents()] == ["a.txt"]
    answer = engine.ask("adoption support")  # the deleted file's text is not answered from
    assert all(i.citation.doc != "b.txt" and "widely available" not in i.text for i in answer.items)
    assert "late and patchy support" in engine.source("a.txt", "1").paragraph.text


@pytest.mark.parametrize("damage", ["garbage", "truncated", "old-schema"])
def test_damaged_or_old_index_is_rebuilt_with_a_warning(tmp_path, damage):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    cache = tmp_path / "cache"
    first = Engine([docs], cache)
    first.open()
    first.close()  # damage between runs: no connection is left using the file
    db = cache / DB_NAME
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    if damage == "garbage":
        db.write_bytes(b"this is not a database" * 1000)
    elif damage == "truncated":
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    else:
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version = 1")
        con.commit()
        con.close()
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    engine = Engine([docs], cache)
    result = engine.open()
    assert engine.notices and "rebuilt" in engine.notices[0]
    assert result.annotated == 1
    assert engine.ask("care leavers").items


def test_read_only_cache_folder_falls_back_to_a_temporary_index(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    engine = Engine([docs], blocked / "cache")
    engine.open()
    assert engine.notices and "cannot be used" in engine.notices[0]
    assert engine.ask("care leavers").items


def test_interrupted_indexing_is_finished_next_time(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"doc{i:02d}.txt").write_text(GOOD.replace("Testshire", f"Testshire {i}") * 3)
    cache = tmp_path / "cache"
    code = ("import sys; from pathlib import Path; from briefing_tui.briefing.engine import Engine; "
            f"Engine([Path({str(docs)!r})], Path({str(cache)!r})).open(lambda s, d, t, n: s == 'annotating' and print(d, flush=True))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    for line in proc.stdout:  # wait until some documents are stored, then kill it mid-run
        if line.strip().isdigit() and int(line) >= 5:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(cache / DB_NAME)
    stored = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    assert 0 < stored < 30
    engine = Engine([docs], cache)
    result = engine.open()
    assert result.annotated == 30 - stored and len(engine.documents()) == 30
    con = sqlite3.connect(cache / DB_NAME)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha) FROM documents").fetchone() == (30, 30)
    orphans = con.execute("SELECT COUNT(*) FROM sentences WHERE doc NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0


def test_two_instances_on_one_cache(tmp_path):
    cache = tmp_path / "cache"
    code = ("import json, sys; from pathlib import Path; from briefing_tui.briefing.engine import Engine; "
            f"e = Engine([Path({str(SEEDS)!r})], Path({str(cache)!r})); e.open(); "
            "print(json.dumps([len(e.ask(q).items) for q in ('adoption', 'LSCB', 'fostering')]))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    answers = [json.loads(o[0]) for o in outs]
    assert answers[0] == answers[1] and all(answers[0])
    con = sqlite3.connect(cache / DB_NAME)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha) FROM documents").fetchone() == (5, 5)


def test_saving_is_atomic_confined_and_never_overwrites(tmp_path):
    folder = tmp_path / "saved"
    first = save_text("one", "adoption", folder=folder)
    second = save_text("two", "adoption", folder=folder)
    assert first != second and first.read_text() == "one" and second.read_text() == "two"
    assert not [p for p in folder.iterdir() if p.name.startswith(".briefing-")]  # no temporary left
    with pytest.raises(SaveRefused):
        save_text("x", "y", folder=folder, filename="../outside.txt")
    with pytest.raises(SaveRefused):
        save_text("x", "y", folder=folder, filename=first.name)
    assert first.read_text() == "one"


def test_no_network_is_attempted(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    engine = Engine([SEEDS, DATA / "reports" / "2026-06-17-brent.pdf"], tmp_path / "cache")
    engine.open()
    for q in ("adoption", "What did Lily Bath say?", "Brent care leavers", "what changed since 2014?"):
        engine.ask(q)
    engine.judgement_table()


HOSTILE = ["", "   ", "?!.,;:", "x" * 100_000, "\x1b[31mred\x1b[0m adoption\x07", "[bold red]adoption[/]",
           "التبني في هونسلو", "👶🏽 adoption 🏠", '"', "*", "NEAR(adoption care)", "adoption OR", "'; DROP TABLE documents; --",
           "/etc/passwd", "12345", "\u202eadoption", "a" * 3000 + " adoption", "\x00\x01\x02"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_questions_get_an_answer_and_leave_the_index_alone(engine, query):
    con = engine.index.con
    before = con.execute("SELECT COUNT(*), (SELECT COUNT(*) FROM sentences) FROM documents").fetchone()
    b = engine.ask(query)
    json.dumps(to_dict(b))
    for out in (to_text(b), to_markdown(b)):
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert con.execute("SELECT COUNT(*), (SELECT COUNT(*) FROM sentences) FROM documents").fetchone() == before


@settings(max_examples=60, deadline=10_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_query_path_takes_any_text(engine, text):
    b = engine.ask(text)
    assert isinstance(b, Briefing)
    assert sum(i.words for i in b.items) <= 200
    for item in b.items:
        assert item.text in item.citation.source_text


texts = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120)


@st.composite
def briefings(draw):
    cite = Citation(draw(texts), draw(st.text(min_size=1, max_size=5)), draw(texts), draw(texts), 1,
                    draw(st.integers(1, 5)), draw(texts), None)
    items = tuple(Item(draw(texts), cite, draw(st.none() | texts)) for _ in range(draw(st.integers(1, 3))))
    sections = (Section(draw(st.sampled_from(["strengths", "weaknesses", "quotes"])), "Title", items),)
    return Briefing(draw(texts), None, sections, (), tuple(draw(st.lists(texts, max_size=2))))


@settings(max_examples=80, deadline=None)
@given(briefings())
def test_renderers_and_copy_text_are_inert(b):
    text, md = to_text(b), to_markdown(b)
    for out in (text, md):
        assert not any(ch in out for ch in "\x1b\x07\x00\u202e")
    assert "\t" not in text
    json.loads(json.dumps(to_dict(b)))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_markdown_escaping_keeps_text_literal(text):
    import re

    from briefing_tui.briefing.render import md_escape, plain

    escaped = md_escape(text)
    # only Markdown's own syntax is escaped (tests/briefing/test_render.py renders it to check it shows literally)
    assert not re.search(r"(?<!\\)[*`\[\]~]", escaped.replace("\\\\", ""))
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped) == plain(text)  # CommonMark's unescaping


def test_store_connect_notices_nothing_when_healthy(tmp_path):
    store = Store.open(tmp_path / "c")
    assert store.notices == () and store.temporary is None


def test_each_store_owns_its_notices(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    troubled = Store.open(blocked / "cache")
    healthy = Store.open(tmp_path / "c")
    assert troubled.notices and healthy.notices == ()
    folder = troubled.temporary
    assert folder is not None and folder.exists()
    troubled.close()
    assert not folder.exists()
