"""The command line: `briefing` opens the app; `briefing ask|topics|sources|show|paragraphs` answer in the terminal."""
from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import sys
import textwrap
from pathlib import Path

from . import __version__
from .sanitise import safe
from .settings import MIN_WIDTH, Settings, wrap_columns

MAX_CONTEXT = 10_000  # paragraphs either side in `show`; more than any document has
TITLE_COLUMNS = 90  # a title in `sources` is cut at a word past this, with an ellipsis


class CliError(Exception):
    """A problem to report to the user in one line, with a non-zero exit."""


def build_parser(settings: Settings | None = None) -> argparse.ArgumentParser:
    settings = settings or Settings.from_env()
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Short, cited briefings on what inspectors and the press said about children's services.",
        epilog="With no command, briefing opens the interactive app.")
    parser.add_argument("--corpus", action="append", type=Path, metavar="PATH",
                        help="a document or folder to use instead of the default corpus (repeatable)")
    parser.add_argument("--cache", type=Path, metavar="DIR", default=settings.cache,
                        help=f"where the index is kept (default: BRIEFING_CACHE, now {safe(str(settings.cache))})")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question with a short cited briefing")
    ask.add_argument("query", nargs="?", help="the question, e.g. \"how long are children waiting to be adopted?\"")
    ask.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    ask.add_argument("--jsonl", action="store_true", help="read questions from standard input, one per line; "
                     "write one JSON answer per line")
    ask.add_argument("--max-words", type=int, default=settings.max_words, metavar="N",
                     help=f"words of quoted text at most (default: BRIEFING_MAX_WORDS, now {settings.max_words})")
    ask.add_argument("--width", type=int, default=settings.width, metavar="COLUMNS",
                     help=f"wrap text output at this many columns, at least {MIN_WIDTH}; 0 prints one unwrapped line "
                     f"per finding, as the email text is (default: BRIEFING_WIDTH, now {settings.width})")
    ask.add_argument("--explain", action="store_true", help="after the briefing, show each line's ranking features "
                     "and score, and the best lines left out and why")

    sub.add_parser("topics", help="list the corpus's topics, most discussed first")
    sub.add_parser("sources", help="list the documents in the corpus with what was inferred about them")
    add = sub.add_parser("add", help="add documents (PDF, HTML, Markdown, text, Word) to your corpus and index them")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--link", action="store_true", help="register the files where they are instead of copying them")
    judgements = sub.add_parser("judgements", help="the graded judgements of each inspection, as a table")
    judgements.add_argument("--council", help="only this council's inspections")
    paragraphs = sub.add_parser("paragraphs", help="every stored paragraph of the given documents (all if none), "
                                "as read: label, page, section, kind and text")
    paragraphs.add_argument("docs", nargs="*", metavar="DOC", help="document file name, as cited")
    paragraphs.add_argument("--format", choices=("text", "jsonl"), default="text",
                            help="readable text (default) or one JSON object a line")
    show = sub.add_parser("show", help="print a cited paragraph with its document's details")
    show.add_argument("doc", help="document file name, as cited")
    show.add_argument("paragraph", help="paragraph number, as cited")
    show.add_argument("--context", type=int, default=0, help="paragraphs to show either side")
    return parser


def main(argv: list[str] | None = None) -> int:
    _setup_streams()
    settings = Settings.from_env()
    parser = build_parser(settings)
    args = parser.parse_args(argv)
    args.settings = settings
    for sentence in settings.unread:
        _say(sentence)
    if args.command is None:
        return _run_app(args)
    if sys.stdout is None:
        _say("standard output is closed; nothing to write the answer to")
        return 2
    if threading_main():  # a SIGTERM ends the run like Ctrl+C: workers stopped, no tracebacks
        signal.signal(signal.SIGTERM, _terminated)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        _say(str(exc))
        return 2
    except _Terminated:
        _say("terminated")
        return 143
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one clear line, never a traceback
        from .nlp.pipeline import PipelineMissing

        if isinstance(exc, PipelineMissing):
            _say(str(exc))
            return 3
        _say(f"unexpected error: {exc.__class__.__name__}: {exc}")
        return 1


def _say(message: str) -> None:
    if sys.stderr is not None:
        print(f"briefing: {safe(message, keep=chr(10))}", file=sys.stderr, flush=True)


class _Terminated(BaseException):
    """SIGTERM; a BaseException, like KeyboardInterrupt, so no `except Exception` swallows it."""


def _terminated(signum, frame) -> None:  # noqa: ANN001 - a signal handler's signature
    raise _Terminated


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _setup_streams() -> None:
    """Bad bytes in questions are replaced, never fatal; what cannot be shown in the terminal's
    encoding (a Latin-1 locale) is replaced too; output is never written with undecodable bytes."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # None when closed; a StringIO in tests
            stream.reconfigure(errors="replace")


def _utf8_out() -> bool:
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"


def _engine(args, corpus: list[Path] | None = None):
    """The engine for the corpus asked for, opened (indexing what is new), its notices and skipped
    files said on standard error."""
    from .briefing.engine import Engine

    if args.corpus:
        missing = [safe(str(p)) for p in args.corpus if not p.exists()]
        if missing:
            raise CliError(f"no such file or folder: {', '.join(missing)}")
    engine = Engine(corpus or args.corpus, args.cache, settings=args.settings)
    try:
        engine.open(_progress_printer())
    except OSError as exc:
        raise CliError(f"cannot use the cache folder {engine.cache}: {exc.strerror or exc}") from exc
    except sqlite3.Error as exc:  # a full disk, or another process holding the index for too long
        raise CliError(f"the index in {engine.cache} could not be written ({exc}); nothing was lost, "
                       "and what was not stored will be read next time") from exc
    for notice in engine.notices:
        _say(f"warning: {notice}")
    for problem in engine.problems:
        _say(f"skipped {problem.path}: {problem.reason}")
    return engine


def _progress_printer():
    """A progress bar on a terminal; a line per document otherwise (logs, CI)."""
    interactive = sys.stderr.isatty()

    def progress(stage: str, done: int, total: int, name: str) -> None:
        if stage == "checking" or total == 0:
            return
        name = safe(name)
        if interactive:
            width = 24
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            print(f"\r{stage.capitalize():<10} [{bar}] {done}/{total} documents {name[:30]:<30}", end="",
                  file=sys.stderr, flush=True)
            if stage == "annotating" and done >= total:
                print(file=sys.stderr)
        elif stage == "annotating" or done == 0:
            print(f"briefing: {stage} {done}/{total} documents ({name})", file=sys.stderr, flush=True)

    return progress


def cmd_ask(args) -> int:
    from .index.telling import RankingDataError

    try:
        return _ask(args)
    except RankingDataError as exc:  # the shipped ranking model is damaged: say which file and what
        raise CliError(str(exc)) from None


def _ask(args) -> int:
    from .briefing.render import to_dict, to_markdown, to_text

    if args.max_words < 20:
        raise CliError("--max-words must be at least 20")
    if args.width < 0:
        raise CliError(f"--width must be 0 (unwrapped lines) or the columns to wrap at, not {args.width}")
    if args.jsonl and sys.stdin is None:
        raise CliError("standard input is closed; --jsonl reads the questions from it")
    if not args.jsonl and (not args.query or not args.query.strip()):
        raise CliError("ask needs a question, e.g. briefing ask \"adoption\" (or --jsonl to read them from stdin)")
    engine = _engine(args)
    if args.jsonl:
        for line in sys.stdin:
            briefing = engine.ask(safe(line.rstrip("\n")), max_words=args.max_words)
            sys.stdout.write(json.dumps(to_dict(briefing), ensure_ascii=not _utf8_out()) + "\n")
            sys.stdout.flush()
        return 0
    if args.explain:
        return _explain(engine, args)
    briefing = engine.ask(safe(args.query), max_words=args.max_words)
    if args.format == "json":
        print(json.dumps(to_dict(briefing), ensure_ascii=not _utf8_out(), indent=2))
    elif args.format == "markdown":
        print(to_markdown(briefing), end="")
    else:
        print(to_text(briefing, width=wrap_width(args.width)), end="")
    return 0


def wrap_width(columns: int) -> int | None:
    """The width `--width` asks for (settings.wrap_columns), None for no wrapping."""
    return wrap_columns(columns) or None


def _explain(engine, args) -> int:
    from .briefing.explain import explanation
    from .briefing.model import model
    from .briefing.render import to_text

    composed = engine.explain(safe(args.query), max_words=args.max_words)
    print(to_text(composed.briefing, width=wrap_width(args.width)), end="")
    print()
    print(safe(explanation(composed, {d.id: d.name for d in engine.documents()}, model()), keep="\n"), end="")
    return 0


def cmd_topics(args) -> int:
    engine = _engine(args)
    for topic_id, label, count in engine.topic_list():
        print(f"{count:6d}  {label}")
    return 0


def cmd_sources(args) -> int:
    from .briefing.render import nice_date, plain

    engine = _engine(args)
    for d in engine.documents():
        m = d.meta
        print(f"{safe(d.name)}\n    {m.kind_label}; {m.council or 'council unknown'}; {nice_date(m.date)}; "
              f"{textwrap.shorten(plain(m.title), TITLE_COLUMNS, placeholder=' …')}")
    return 0


def cmd_show(args) -> int:
    from .briefing.cite import cite, find_place
    from .briefing.engine import Source
    from .briefing.render import nice_date, plain

    engine = _engine(args)
    doc_name, words = safe(args.doc), safe(args.paragraph)
    context = max(0, min(args.context, MAX_CONTEXT))
    source = engine.source(doc_name, words, context)
    if source is None:
        doc = engine.find_document(doc_name)
        if doc is None:
            raise CliError(f"no document called {doc_name!r} in the corpus (see: briefing sources)")
        # The citation's own words: "para 106", "page 3", "page 3, 'What needs to improve?'".
        found = find_place(engine.index.paragraphs_of(doc.id), words)
        if not found:
            raise CliError(f"{doc.name} has no paragraph {words!r} (try \"para 12\" or \"page 3\")")
        source = (engine.source(doc.name, found[0].pid, context) if len(found) == 1
                  else Source(doc, found[0], tuple(found)))  # a whole page
    m = source.doc.meta
    print(f"{plain(m.title)}\n{m.kind_label}; {m.council or 'council unknown'}; {nice_date(m.date)}; {plain(source.doc.name)}")
    if source.paragraph.section:
        print(f"Section: {plain(source.paragraph.section)}")
    for p in source.neighbours:
        mark = ">" if p.id == source.paragraph.id else " "
        print()
        print(textwrap.fill(f"[{plain(cite(p, source.doc).place)}] {plain(p.text)}", width=78,
                            initial_indent=f"{mark} ", subsequent_indent="  "))
    return 0


KIND_NAMES = {"para": "paragraph", "lead": "paragraph", "bullet": "bullet", "heading": "heading",
              "table": "table row", "footnote": "footnote", "boilerplate": "boilerplate", "meta": "metadata"}


def cmd_paragraphs(args) -> int:
    from .briefing.render import plain

    engine = _engine(args)
    docs = []
    for name in args.docs:
        doc = engine.find_document(name)
        if doc is None:
            raise CliError(f"no document called {name!r} in the corpus (see: briefing sources)")
        docs.append(doc)
    index = engine.index
    for doc in docs or engine.documents():
        ids = [r[0] for r in index.con.execute("SELECT id FROM paragraphs WHERE doc = ? ORDER BY idx", (doc.id,))]
        index.load_paragraphs(ids)
        rows = [index.paragraph(i) for i in ids]
        numbered = any(p.pid.startswith("p") for p in rows)  # ids like "p12" mean the report numbers the rest
        for p in rows:
            label = p.pid.split(".")[0] if numbered and p.pid[:1].isdigit() else None  # as printed, else none
            record = {"doc": doc.name, "id": p.pid, "label": label, "page": p.page, "page_end": p.page_end,
                      "section": p.path or p.section, "kind": KIND_NAMES.get(p.kind, p.kind), "text": p.text}
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            where = f"page {p.page}" + (f"-{p.page_end}" if p.page_end else "") if p.page else "no page"
            head = f"{doc.name} [{p.pid}] {record['kind']}, {where}" + (f", under '{plain(p.section)}'" if p.section else "")
            print(plain(head))
            print(textwrap.fill(plain(p.text), width=78, initial_indent="    ", subsequent_indent="    "))
    return 0


def cmd_add(args) -> int:
    from .briefing.library import add_files

    folder = args.settings.user_corpus
    results = add_files(args.files, folder, link=args.link)
    failed = 0
    for r in results:
        if r.target is None:
            failed += 1
            _say(f"not added {r.source}: {r.note}")
        else:
            print(safe(f"{r.note}: {r.source} -> {r.target}"))
    engine = _engine(args, args.corpus or args.settings.default_corpus())
    print(safe(f"{len(engine.documents())} documents in the corpus; yours are kept in {folder}."))
    return 1 if failed and failed == len(results) else 0


def cmd_judgements(args) -> int:
    from .briefing.render import nice_date
    from .nlp.judgements import no_overall_grade

    engine = _engine(args)
    table = engine.judgement_table(args.council)
    if not table.inspections:
        where = f" for {args.council}" if args.council else ""
        raise CliError(f"no graded inspection reports in the corpus{where} (see: briefing sources)")
    heads = [safe(f"{d.meta.council or d.name} {nice_date(d.meta.date)[-4:]}") for d in table.inspections]
    area_w = max(len(a) for a, _ in table.rows)
    col_w = max(22, *(len(h) for h in heads))
    print(" " * area_w + "  " + "  ".join(h.ljust(col_w) for h in heads))
    for area, grades in table.rows:
        print(area.ljust(area_w) + "  " + "  ".join((g.capitalize() if g else "-").ljust(col_w) for g in grades))
    overall = next((grades for area, grades in table.rows if area.startswith("Overall")), [None] * len(heads))
    for head, grade in zip(heads, overall):
        if grade is None:
            print(f"Note: {head} gives no overall effectiveness grade ({no_overall_grade()}).")
    return 0


def _run_app(args) -> int:
    if not all(s is not None and s.isatty() for s in (sys.stdin, sys.stdout)):
        _say("the app needs a terminal (standard input and output are not one); to answer without it, use: "
             "briefing ask \"QUESTION\"")
        return 2
    try:
        from .tui.app import run
    except ImportError as exc:
        _say(f"the app could not start ({exc}); try: briefing ask \"QUESTION\"")
        return 1
    return run(corpus=args.corpus, cache=args.cache)


COMMANDS = {"ask": cmd_ask, "topics": cmd_topics, "sources": cmd_sources, "show": cmd_show, "add": cmd_add,
            "judgements": cmd_judgements, "paragraphs": cmd_paragraphs}

if __name__ == "__main__":
    sys.exit(main())
