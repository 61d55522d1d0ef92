"""What real machines do (issue 12's defects 1-11): a busy, damaged or full index; odd file names; hostile
names and text on every output path; renames; special files; unpacking bombs; racing adds; bad bytes;
closed streams; signals. Most run the command line in a child process, as a user would."""
from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing_tui.briefing.engine import Engine
from briefing_tui.index.store import DB_NAME, Store
from tests.conftest import ROOT, SEEDS
from tests.test_reliability import GOOD

HOSTILE_NAME = "evil\x1b]52;c;aGVsbG8=\x1b\\ \u009b31m\u202ename.txt"
FORBIDDEN = ["\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066", "\u200f", "\u061c", "\x85"]


def cli(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: bytes | None = None,
        preexec=None, timeout: int = 240) -> subprocess.CompletedProcess:
    """`briefing ARGS` in a child process, output as bytes."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env = {k: v for k, v in full_env.items() if v is not None}  # None: unset it
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *args], cwd=cwd or ROOT, env=full_env,
                          input=stdin, capture_output=True, timeout=timeout, preexec_fn=preexec)


def docs_with(tmp_path: Path, files: dict) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in files.items():
        path = Path(os.fsdecode(os.path.join(os.fsencode(docs), name))) if isinstance(name, bytes) else docs / name
        path.write_text(text, encoding="utf-8")
    return docs


def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """A one-document corpus indexed into tmp_path/cache, its store closed again."""
    docs = docs_with(tmp_path, {"a.txt": GOOD})
    first = Engine([docs], tmp_path / "cache")
    first.open()
    first.close()
    return docs, tmp_path / "cache"


def assert_inert(out: bytes) -> str:
    text = out.decode("utf-8")  # strictly: the output is always valid UTF-8
    for ch in FORBIDDEN:
        assert ch not in text, (ch, text[:400])
    assert "Traceback" not in text
    return text


# 1. A busy index is read, not rebuilt; a damaged one is set aside, not deleted --------------------------

def test_locked_index_is_read_as_it_is_and_the_other_writer_keeps_its_row(tmp_path):
    docs, cache = indexed(tmp_path)
    holder = sqlite3.connect(cache / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of writing
    holder.execute("INSERT INTO info VALUES ('other', 'kept')")
    started = time.monotonic()
    engine = Engine([docs], cache)
    engine.open()
    assert time.monotonic() - started < 20
    assert engine.ask("care leavers").items
    assert not any("rebuilt" in n or "temporary" in n for n in engine.notices), engine.notices
    assert any("another briefing process" in n for n in engine.notices)
    holder.execute("COMMIT")
    assert holder.execute("SELECT value FROM info WHERE key = 'other'").fetchone() == ("kept",)
    assert not list(cache.glob("*.damaged*"))


def test_damaged_index_is_kept_aside_and_said(tmp_path):
    docs, cache = indexed(tmp_path)
    garbage = b"not a database, but somebody's bytes" * 500
    (cache / DB_NAME).write_bytes(garbage)
    engine = Engine([docs], cache)
    engine.open()
    assert "rebuilt" in engine.notices[0] and "kept as" in engine.notices[0]
    assert (cache / (DB_NAME + ".damaged")).read_bytes() == garbage
    assert engine.ask("care leavers").items


def test_read_only_index_is_not_called_damaged(tmp_path, monkeypatch):
    from briefing_tui.index import store

    Store.open(tmp_path / "cache").close()
    real_open = store._open

    def read_only(path: Path) -> sqlite3.Connection:  # as a read-only file or folder opens (we run as root)
        if path.parent == tmp_path / "cache":
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        return real_open(path)

    monkeypatch.setattr(store, "_open", read_only)
    opened = Store.open(tmp_path / "cache")
    assert opened.temporary is not None and "read-only" in opened.notices[0]
    assert not any("rebuilt" in n or "damaged" in n for n in opened.notices)
    assert (tmp_path / "cache" / DB_NAME).exists()
    opened.close()


def _limit_file_size(limit: int):
    def preexec() -> None:  # a full disk, in effect: writes past `limit` bytes fail (EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_full_disk_reports_the_real_error_and_keeps_the_index(tmp_path):
    docs, cache = indexed(tmp_path)
    con = sqlite3.connect(cache / DB_NAME)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = (cache / DB_NAME).stat().st_size
    big = "\n\n".join(f"{i}. Leaver {i} in Testshire number {i * 7919} had support from adviser {i * 31} "
                      f"in district {i % 97} about housing item {i * 13}." for i in range(1, 1500))
    (docs / "big.txt").write_text(big)
    out = cli("--corpus", str(docs), "--cache", str(cache), "ask", "care leavers",
              preexec=_limit_file_size(size + 8192), env={"TMPDIR": str(tmp_path)})
    err = assert_inert(out.stderr)
    assert out.returncode != 0 and "could not be written" in err and "cannot rollback" not in err, err[-600:]
    con = sqlite3.connect(cache / DB_NAME)
    assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert con.execute("SELECT name FROM documents").fetchall() == [("a.txt",)]
    assert not list(cache.glob("*.damaged*"))


# 2. Names that are not UTF-8 --------------------------------------------------------------------------

def test_file_name_that_is_not_utf8_is_shown_escaped_and_the_rest_used(tmp_path):
    docs = docs_with(tmp_path, {"good.txt": GOOD, b"caf\xe9 notes.txt": "Adoption support is widely available.\n"})
    env = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": None}
    cache = str(tmp_path / "cache")
    sources = cli("--corpus", str(docs), "--cache", cache, "sources", env=env)
    text = assert_inert(sources.stdout + sources.stderr)
    assert sources.returncode == 0 and "good.txt" in text and "caf\\xe9 notes.txt" in text, text[-500:]
    for args in (["topics"], ["ask", "adoption support"]):
        out = cli("--corpus", str(docs), "--cache", cache, *args, env=env)
        assert out.returncode == 0, out.stderr[-400:]
        assert_inert(out.stdout + out.stderr)


# 3. Control characters in names, text and questions on every output path -------------------------------

def test_hostile_names_text_and_questions_are_inert_on_every_output_path(tmp_path):
    text = ("Inspection of Testshire children's services\n\n1. Care leavers \u009b31mreceive \u202etimely\u202c support "
            "\x1b]8;;http://x\x07from advisers\x1b]8;;\x07 who know them \u2066well\u2069.\n\n2. However, too many "
            "care leavers are not in education.\n")
    docs = docs_with(tmp_path, {HOSTILE_NAME: text})
    home = tmp_path / "home"
    env = {"BRIEFING_HOME": str(home), "BRIEFING_CORPUS": str(docs)}
    cache = str(tmp_path / "cache")
    question = "care \u009b31m leavers \u202e\x1b]52;c;eA==\x07 support"
    runs = [cli("--cache", cache, "sources", env=env)]
    shown = assert_inert(runs[0].stdout)
    name = shown.splitlines()[0]
    for fmt in ("text", "markdown", "json"):
        runs.append(cli("--cache", cache, "ask", question, "--format", fmt, env=env))
    runs.append(cli("--cache", cache, "ask", "--jsonl", env=env, stdin=question.encode() + b"\n"))
    runs.append(cli("--cache", cache, "show", name, "1", "--context", "2", env=env))
    runs.append(cli("--cache", cache, "add", str(docs / HOSTILE_NAME), env=env))  # progress lines too
    for run in runs:
        assert run.returncode == 0, run.stderr[-400:]
        assert_inert(run.stdout + run.stderr)
    answer = json.loads(runs[3].stdout)
    assert answer["sections"] and "leavers" in answer["query"]
    assert "leavers receive timely support" in runs[5].stdout.decode()


def test_notices_and_reasons_naming_hostile_paths_are_inert(tmp_path):
    cache = tmp_path / HOSTILE_NAME / "cache"
    cache.mkdir(parents=True)
    (cache / DB_NAME).write_bytes(b"garbage" * 1000)
    store = Store.open(cache)
    assert "rebuilt" in store.notices[0]
    docs = docs_with(tmp_path, {"z.txt": GOOD, HOSTILE_NAME: GOOD})  # the same content: z.txt names the other
    reasons = [p.reason for p in Engine([docs], tmp_path / "c2").open().problems]
    assert reasons and all(ch not in text for ch in FORBIDDEN for text in [*store.notices, *reasons])
    store.close()


def test_one_sanitiser_is_used_for_every_kind_of_text():
    from briefing_tui.sanitise import safe

    hostile = "a\x1b[31mb\x1b]52;c;x\x07c\x9b1md\u202ee\u2066f\u200eg\u061ch\x00i\x7fj\x85k\udcffl"
    assert safe(hostile) == "abcde" + "fghij k\\xffl"
    assert safe("line\nnext\ttab", keep="\n\t") == "line\nnext\ttab"
    assert safe("line\nnext\ttab") == "line next tab"
    sources = {p: p.read_text() for p in (ROOT / "briefing_tui").rglob("*.py") if p.name != "sanitise.py"}
    for path, source in sources.items():  # no second rule: no other module lists control characters
        assert "\\x1b" not in source and "\\u202" not in source and "\\x9b" not in source, path


# 4. File names are never markup in the app -------------------------------------------------------------

async def test_app_shows_markup_like_file_names_literally(tmp_path):
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.screens.main import MainScreen

    docs = docs_with(tmp_path, {"good.txt": GOOD})
    for name in ('a [b="].txt', "Report [draft].txt", "[@click=app.quit]x.txt"):
        (docs / name).write_bytes(b"")  # empty: skipped, and said by name
    app = BriefingApp(Engine([docs], tmp_path / "cache"), history_file=tmp_path / "history.txt")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(400):
            if isinstance(app.screen, MainScreen) and app.screen.ready:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        from textual.widgets._toast import Toast

        shown = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert 'a [b="].txt' in shown and "Report [draft].txt" in shown and "[@click=app.quit]x.txt" in shown
        assert app.is_running


# 5. Renames and changes during indexing ----------------------------------------------------------------

def test_renamed_file_is_cited_by_its_current_name(tmp_path):
    docs = docs_with(tmp_path, {"draft.txt": GOOD})
    Engine([docs], tmp_path / "cache").open()
    (docs / "draft.txt").rename(docs / "final.txt")
    engine = Engine([docs], tmp_path / "cache")
    assert engine.open().annotated == 0  # the content is known: nothing re-read
    assert [d.name for d in engine.documents()] == ["final.txt"]
    assert {i.citation.doc for i in engine.ask("care leavers").items} == {"final.txt"}
    assert engine.source("final.txt", "1") is not None


def test_file_replaced_while_indexing_is_stored_under_the_hash_of_what_was_read(tmp_path, monkeypatch):
    from briefing_tui.corpus import file_hash
    from briefing_tui.index import build

    old, new = GOOD, GOOD.replace("timely support", "late and patchy support")
    docs = docs_with(tmp_path, {"a.txt": old})
    real_sha = build.Indexer._sha

    def sha_then_replace(self, path):
        sha = real_sha(self, path)
        if path.name == "a.txt":
            path.write_text(new)  # replaced after it was hashed, before it is read
        return sha

    monkeypatch.setattr(build.Indexer, "_sha", sha_then_replace)
    engine = Engine([docs], tmp_path / "cache")
    engine.open()
    monkeypatch.undo()
    stored = engine.index.con.execute("SELECT sha FROM documents").fetchall()
    assert stored == [(file_hash(docs / "a.txt"),)]
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(old)
    engine = Engine([other], tmp_path / "cache")
    engine.open()
    assert "timely support" in engine.source("b.txt", "1").paragraph.text


# 6. Special files, links out of the corpus, no terminal ------------------------------------------------

def test_fifo_device_and_links_out_of_the_folder_do_not_hang(tmp_path):
    docs = docs_with(tmp_path, {"good.txt": GOOD})
    os.mkfifo(docs / "pipe.txt")
    os.symlink("/dev/zero", docs / "zero.txt")
    os.symlink("/", docs / "root")
    code = ("import sys; from pathlib import Path; from briefing_tui.briefing.engine import Engine; "
            f"e = Engine([Path({str(docs)!r})], Path({str(tmp_path / 'cache')!r})); r = e.open(); "
            "print(sorted(d.name for d in e.documents())); print(sorted((p.path.name, p.reason) for p in r.problems))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    names, problems = out.stdout.splitlines()[:2]
    assert names == "['good.txt']"
    assert "pipe.txt" in problems and "zero.txt" in problems and "'root'" in problems and "outside" in problems


def test_linked_folder_given_explicitly_is_read(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    outside = docs_with(tmp_path / "elsewhere", {"far.txt": GOOD})
    docs = tmp_path / "corpus"
    docs.mkdir()
    os.symlink(outside, docs / "link")
    engine = Engine([docs / "link"], tmp_path / "cache")
    engine.open()
    assert [d.name for d in engine.documents()] == ["far.txt"]


def test_app_refuses_to_start_without_a_terminal(tmp_path):
    out = cli("--cache", str(tmp_path / "cache"), stdin=b"", timeout=60)
    err = out.stderr.decode()
    assert out.returncode != 0 and "terminal" in err and "briefing ask" in err


# 7. Unpacking bombs and runaway documents ---------------------------------------------------------------

def test_word_file_is_refused_on_its_unpacked_size(tmp_path, monkeypatch):
    import zipfile

    from briefing_tui.corpus import readers
    from briefing_tui.corpus.document import load_document
    from briefing_tui.corpus.readers import UnreadableFile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * 5_000_000 + "</w:document>")
    assert path.stat().st_size < 100_000  # small on disk, 5 MB unpacked
    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(UnreadableFile, match="unpacked"):
        load_document(path)


def test_document_with_too_many_paragraphs_is_refused(tmp_path, monkeypatch):
    from briefing_tui.corpus import document
    from briefing_tui.corpus.readers import UnreadableFile

    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"Paragraph {i} of a very long document." for i in range(300)))
    monkeypatch.setattr(document, "MAX_PARAGRAPHS", 100)
    with pytest.raises(UnreadableFile, match="paragraphs"):
        document.load_document(path)


# 8. Two adds of one name at once --------------------------------------------------------------------------

def test_two_adds_of_the_same_name_at_once_keep_both_whole(tmp_path):
    from briefing_tui.briefing.library import add_files

    contents = [bytes([65 + i]) * 8_000_000 for i in range(2)]
    sources = []
    for i, data in enumerate(contents):
        (tmp_path / f"src{i}").mkdir()
        sources.append(tmp_path / f"src{i}" / "report.txt")
        sources[-1].write_bytes(data)
    for round_ in range(3):
        folder = tmp_path / f"corpus{round_}"
        results: list = []
        threads = [threading.Thread(target=lambda s=s: results.extend(add_files([s], folder))) for s in sources]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        targets = {r.target for r in results}
        assert len(targets) == 2 and None not in targets, results
        assert sorted(t.read_bytes()[:1] * len(t.read_bytes()) == t.read_bytes() for t in targets) == [True, True]
        assert sorted(t.read_bytes()[:1] for t in targets) == [b"A", b"B"]
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]


# 9. Full disk while adding; the temporary index is removed ------------------------------------------------

def test_add_on_a_full_disk_says_so_and_leaves_no_part_file(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"care leavers " * 100_000)
    code = ("from pathlib import Path; from briefing_tui.briefing.library import add_files; "
            f"print(add_files([Path({str(tmp_path / 'big.txt')!r})], Path({str(tmp_path / 'corpus')!r}))[0].note)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=_limit_file_size(100_000))
    assert "cannot be copied" in out.stdout and "large" in out.stdout.lower(), out.stdout + out.stderr[-300:]
    assert list((tmp_path / "corpus").iterdir()) == []


def test_temporary_index_is_removed_when_done(tmp_path):
    docs = docs_with(tmp_path, {"a.txt": GOOD})
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = cli("--corpus", str(docs), "--cache", str(blocked / "cache"), "ask", "care leavers", env={"TMPDIR": str(temp)})
    assert out.returncode == 0 and b"temporary index" in out.stderr
    assert list(temp.glob("briefing-cache-*")) == []


# 10. Bad bytes in questions -----------------------------------------------------------------------------

@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_bad_bytes_on_standard_input_are_replaced_and_every_line_answered(tmp_path, locale, seed_cache, engine):
    out = cli("--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "--jsonl",
              stdin=b"adoption\n\xff\xfe care \xe9leavers\nLSCB\n", env={"LC_ALL": locale, "PYTHONIOENCODING": None})
    lines = assert_inert(out.stdout).splitlines()
    assert out.returncode == 0 and len(lines) == 3, out.stderr[-400:]
    queries = [json.loads(line)["query"] for line in lines]
    assert queries[0] == "adoption" and queries[1].startswith("\ufffd\ufffd care") and queries[2] == "LSCB"


def test_bad_bytes_in_an_argument_are_escaped(tmp_path, seed_cache, engine):
    out = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "--cache", str(seed_cache), "--corpus", str(SEEDS),
                          "ask", os.fsdecode(b"adoption \xff")], cwd=ROOT, capture_output=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"})
    text = assert_inert(out.stdout)
    assert out.returncode == 0 and "Briefing: adoption \\xff" in text


# 11. The smaller ones ----------------------------------------------------------------------------------

def test_added_dot_file_is_indexed_under_a_visible_name(tmp_path):
    from briefing_tui.briefing.library import add_files

    (tmp_path / ".hidden.txt").write_text(GOOD)
    [added] = add_files([tmp_path / ".hidden.txt"], tmp_path / "corpus")
    assert added.target is not None and not added.target.name.startswith(".")
    engine = Engine([tmp_path / "corpus"], tmp_path / "cache")
    engine.open()
    assert [d.name for d in engine.documents()] == [added.target.name]


def test_unreadable_file_is_remembered_and_spacy_not_loaded_again(tmp_path, monkeypatch):
    from briefing_tui.corpus import document

    docs = docs_with(tmp_path, {"good.txt": GOOD})
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    Engine([docs], tmp_path / "cache").open()
    reads: list[str] = []
    real = document.read_file
    monkeypatch.setattr(document, "read_file", lambda path: reads.append(path.name) or real(path))

    def no_spacy(*args, **kwargs):
        raise AssertionError("spaCy loaded although nothing needs annotating")

    monkeypatch.setattr("briefing_tui.nlp.pipeline.load_pipeline", no_spacy)
    engine = Engine([docs], tmp_path / "cache")
    result = engine.open()
    assert reads == [] and "binary" in {p.path.name: p.reason for p in result.problems}["binary.txt"]


def test_progress_names_a_large_document_before_it_is_done_and_counts_documents(tmp_path):
    docs = docs_with(tmp_path, {"big.txt": GOOD * 40})
    calls: list[tuple] = []
    Engine([docs], tmp_path / "cache").open(lambda *a: calls.append(a))
    annotating = [c for c in calls if c[0] == "annotating"]
    assert annotating[0] == ("annotating", 0, 1, "big.txt") and annotating[-1][1] == 1
    out = cli("--corpus", str(docs), "--cache", str(tmp_path / "cache2"), "sources")
    err = out.stderr.decode()
    assert "1/1 documents" in err and "paragraphs" not in err


def test_show_with_a_huge_context_and_closed_streams(tmp_path, seed_cache, engine):
    base = ["--cache", str(seed_cache), "--corpus", str(SEEDS)]
    out = cli(*base, "show", "003_ecc5ab33cf1005e7.txt", "106", "--context", "99999999999999999999")
    assert out.returncode == 0 and b"222 days" in b" ".join(out.stdout.split()) and b"Traceback" not in out.stderr
    command = " ".join([sys.executable, "-m", "briefing_tui.cli", *base])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    closed_in = subprocess.run(["bash", "-c", f"{command} ask --jsonl <&-"], cwd=ROOT, env=env, capture_output=True)
    assert closed_in.returncode != 0 and b"standard input" in closed_in.stderr and b"Traceback" not in closed_in.stderr
    closed_out = subprocess.run(["bash", "-c", f"{command} ask adoption >&-"], cwd=ROOT, env=env, capture_output=True)
    assert closed_out.returncode != 0 and b"standard output" in closed_out.stderr


def test_latin1_terminal_gets_its_own_encoding(seed_cache, engine):
    out = cli("--cache", str(seed_cache), "--corpus", str(SEEDS), "ask", "What did Lily Bath say?",
              env={"PYTHONIOENCODING": "latin-1"})
    assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr[-300:]
    assert out.stdout.decode("latin-1").startswith("Briefing: What did Lily Bath say?")


def test_sigterm_during_indexing_is_quiet(tmp_path):
    docs = docs_with(tmp_path, {f"doc{i:02d}.txt": GOOD.replace("Testshire", f"Testshire {i}") * 6 for i in range(12)})
    proc = subprocess.Popen([sys.executable, "-m", "briefing_tui.cli", "--corpus", str(docs), "--cache",
                             str(tmp_path / "cache"), "sources"], cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_PROCESSES": "2"})
    err = b""
    while b"annotating" not in err:
        line = proc.stderr.readline()
        assert line, err
        err += line
    proc.send_signal(signal.SIGTERM)
    rest = proc.communicate(timeout=60)[1]
    assert proc.returncode != 0
    assert b"Traceback" not in err + rest and b"BrokenPipeError" not in err + rest, (err + rest)[-800:]


def test_few_numbered_paragraphs_keep_their_printed_numbers():
    from briefing_tui.corpus.segment import paragraph_ids, segment

    blocks = segment(["A short note", "", "1. The first point made here in full.", "",
                      "2. The second point made here in full.", ""])
    assert [pid for pid, b in zip(paragraph_ids(blocks), blocks) if b.kind == "para"] == ["1", "2"]
