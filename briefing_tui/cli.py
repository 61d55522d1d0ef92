"""The command line: `briefing` opens the app; `briefing ask|topics|sources|show` answer in the terminal."""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from . import __version__


class CliError(Exception):
    """A problem to report to the user in one line, with a non-zero exit."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Short, cited briefings on what inspectors and the press said about children's services.",
        epilog="With no command, briefing opens the interactive app.")
    parser.add_argument("--corpus", action="append", type=Path, metavar="PATH",
                        help="a document or folder to use instead of the default corpus (repeatable)")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="where the index is kept (default: BRIEFING_CACHE "
                        "or ~/.cache/briefing)")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question with a short cited briefing")
    ask.add_argument("query", nargs="?", help="the question, e.g. \"how long are children waiting to be adopted?\"")
    ask.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    ask.add_argument("--jsonl", action="store_true", help="read questions from standard input, one per line; "
                     "write one JSON answer per line")
    ask.add_argument("--max-words", type=int, default=200, metavar="N", help="words of quoted text at most (default 200)")
    ask.add_argument("--width", type=int, default=72, help="wrap text output at this width (default 72)")
    ask.add_argument("--explain", action="store_true", help="after the briefing, show each line's ranking features "
                     "and score, and the best lines left out and why")

    sub.add_parser("topics", help="list the corpus's topics, most discussed first")
    sub.add_parser("sources", help="list the documents in the corpus with what was inferred about them")
    add = sub.add_parser("add", help="add documents (PDF, HTML, Markdown, text, Word) to your corpus and index them")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--link", action="store_true", help="register the files where they are instead of copying them")
    judgements = sub.add_parser("judgements", help="the graded judgements of each inspection, as a table")
    judgements.add_argument("--council", help="only this council's inspections")
    show = sub.add_parser("show", help="print a cited paragraph with its document's details")
    show.add_argument("doc", help="document file name, as cited")
    show.add_argument("paragraph", help="paragraph number, as cited")
    show.add_argument("--context", type=int, default=0, help="paragraphs to show either side")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_app(args)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one clear line, never a traceback
        from .nlp.pipeline import PipelineMissing

        if isinstance(exc, PipelineMissing):
            print(f"briefing: {exc}", file=sys.stderr)
            return 3
        print(f"briefing: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


def _engine(args):
    from .briefing.engine import Engine

    if args.corpus:
        missing = [str(p) for p in args.corpus if not p.exists()]
        if missing:
            raise CliError(f"no such file or folder: {', '.join(missing)}")
    engine = Engine(args.corpus, args.cache)
    try:
        engine.open(_progress_printer())
    except OSError as exc:
        raise CliError(f"cannot use the cache folder {engine.cache}: {exc.strerror or exc}") from exc
    for notice in engine.notices:
        print(f"briefing: warning: {notice}", file=sys.stderr)
    for problem in engine.problems:
        print(f"briefing: skipped {problem.path}: {problem.reason}", file=sys.stderr)
    return engine


def _progress_printer():
    """A progress bar on a terminal; a line per document otherwise (logs, CI)."""
    interactive = sys.stderr.isatty()

    def progress(stage: str, done: int, total: int, name: str) -> None:
        if stage == "checking" or total == 0:
            return
        unit = "paragraphs" if stage == "annotating" else "documents"
        if interactive:
            width = 24
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            print(f"\r{stage.capitalize():<10} [{bar}] {done}/{total} {unit} {name[:30]:<30}", end="",
                  file=sys.stderr, flush=True)
            if stage == "annotating" and done >= total:
                print(file=sys.stderr)
        elif stage == "annotating" or done == 0:
            print(f"briefing: {stage} {done}/{total} {unit} ({name})", file=sys.stderr, flush=True)

    return progress


def cmd_ask(args) -> int:
    from .index.telling import RankingDataError

    try:
        return _ask(args)
    except RankingDataError as exc:  # the shipped ranking model is damaged: say which file and what
        raise CliError(str(exc)) from None


def _ask(args) -> int:
    from .briefing.render import to_dict, to_json, to_markdown, to_text

    if args.max_words < 20:
        raise CliError("--max-words must be at least 20")
    engine = _engine(args)
    if args.jsonl:
        for line in sys.stdin:
            briefing = engine.ask(line.rstrip("\n"), max_words=args.max_words)
            sys.stdout.write(json.dumps(to_dict(briefing), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    if not args.query or not args.query.strip():
        raise CliError("ask needs a question, e.g. briefing ask \"adoption\" (or --jsonl to read them from stdin)")
    if args.explain:
        return _explain(engine, args)
    briefing = engine.ask(args.query, max_words=args.max_words)
    if args.format == "json":
        print(to_json(briefing, indent=2))
    elif args.format == "markdown":
        print(to_markdown(briefing), end="")
    else:
        print(to_text(briefing, width=max(40, args.width)), end="")
    return 0


def _explain(engine, args) -> int:
    from .briefing.explain import explanation
    from .briefing.model import model
    from .briefing.render import to_text

    composed = engine.explain(args.query, max_words=args.max_words)
    print(to_text(composed.briefing, width=max(40, args.width)), end="")
    print()
    print(explanation(composed, {d.id: d.name for d in engine.documents()}, model()), end="")
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
        print(f"{d.name}\n    {m.kind_label}; {m.council or 'council unknown'}; {nice_date(m.date)}; "
              f"{plain(m.title)[:90]}")
    return 0


def cmd_show(args) -> int:
    from .briefing.render import nice_date, plain

    engine = _engine(args)
    source = engine.source(args.doc, args.paragraph, max(0, args.context))
    if source is None:
        if engine.find_document(args.doc) is None:
            raise CliError(f"no document called {args.doc!r} in the corpus (see: briefing sources)")
        raise CliError(f"{args.doc} has no paragraph {args.paragraph!r}")
    m = source.doc.meta
    print(f"{plain(m.title)}\n{m.kind_label}; {m.council or 'council unknown'}; {nice_date(m.date)}; {source.doc.name}")
    if source.paragraph.section:
        print(f"Section: {plain(source.paragraph.section)}")
    for p in source.neighbours:
        mark = ">" if p.id == source.paragraph.id else " "
        print()
        print(textwrap.fill(f"[{p.pid}] {plain(p.text)}", width=78, initial_indent=f"{mark} ", subsequent_indent="  "))
    return 0


def cmd_add(args) -> int:
    from .briefing.engine import Engine, default_corpus, user_corpus
    from .briefing.library import add_files

    folder = user_corpus()
    results = add_files(args.files, folder, link=args.link)
    failed = 0
    for r in results:
        if r.target is None:
            failed += 1
            print(f"briefing: not added {r.source}: {r.note}", file=sys.stderr)
        else:
            print(f"{r.note}: {r.source} -> {r.target}")
    engine = Engine(args.corpus or default_corpus(), args.cache)
    engine.open(_progress_printer())
    for problem in engine.problems:
        print(f"briefing: skipped {problem.path}: {problem.reason}", file=sys.stderr)
    print(f"{len(engine.documents())} documents in the corpus; yours are kept in {folder}.")
    return 1 if failed and failed == len(results) else 0


def cmd_judgements(args) -> int:
    from .briefing.render import nice_date

    engine = _engine(args)
    table = engine.judgement_table(args.council)
    if not table.inspections:
        where = f" for {args.council}" if args.council else ""
        raise CliError(f"no graded inspection reports in the corpus{where} (see: briefing sources)")
    heads = [f"{d.meta.council or d.name} {nice_date(d.meta.date)[-4:]}" for d in table.inspections]
    area_w = max(len(a) for a, _ in table.rows)
    col_w = max(22, *(len(h) for h in heads))
    print(" " * area_w + "  " + "  ".join(h.ljust(col_w) for h in heads))
    for area, grades in table.rows:
        print(area.ljust(area_w) + "  " + "  ".join((g.capitalize() if g else "-").ljust(col_w) for g in grades))
    overall = next((grades for area, grades in table.rows if area.startswith("Overall")), [None] * len(heads))
    for head, grade in zip(heads, overall):
        if grade is None:
            print(f"Note: {head} gives no overall effectiveness grade (inspections from April 2026 do not give one).")
    return 0


def _run_app(args) -> int:
    try:
        from .tui.app import run
    except ImportError as exc:
        print(f"briefing: the app could not start ({exc}); try: briefing ask \"QUESTION\"", file=sys.stderr)
        return 1
    return run(corpus=args.corpus, cache=args.cache)


COMMANDS = {"ask": cmd_ask, "topics": cmd_topics, "sources": cmd_sources, "show": cmd_show, "add": cmd_add,
            "judgements": cmd_judgements}

if __name__ == "__main__":
    sys.exit(main())
