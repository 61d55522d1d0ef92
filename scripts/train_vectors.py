"""Trains the word vectors in nlp_models/vectors/ from the indexed corpus (gensim Word2Vec over our stems).

    pip install -e '.[train]'
    briefing --cache /tmp/corpus-index --corpus ../shared/corpus --corpus seeds sources  # index the corpus
    python scripts/train_vectors.py --index /tmp/corpus-index/index.sqlite3

Reads every paragraph the index holds (the 160 shared Ofsted reports and the seeds, as the index
has them), tokenises with the same stemmer as queries and the index, and writes plain arrays that
need only numpy at run time: vectors.npy (float16, unit length), vocab.txt (one stem and its count a
line, in row order) and meta.json (training settings and provenance). Deterministic: one worker and
a fixed seed (PYTHONHASHSEED is fixed by re-executing when unset).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.nlp.text import STOP, stem, words  # noqa: E402

OUT = ROOT / "nlp_models" / "vectors"
SETTINGS = {"vector_size": 100, "window": 8, "min_count": 3, "sg": 1, "negative": 10, "epochs": 30,
            "sample": 1e-4, "seed": 7, "workers": 1}


def sentences(index: Path) -> tuple[list[list[str]], list[str]]:
    """Each paragraph's stems, without stop words and bare numbers, and the names of the documents read."""
    con = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    names = [n for (n,) in con.execute("SELECT name FROM documents ORDER BY name")]
    out = []
    for (text,) in con.execute("SELECT text FROM paragraphs ORDER BY doc, idx"):
        # Stop words are dropped before stemming ('these' would stem to a non-stop 'thes').
        tokens = [stem(w) for w in words(text) if w.lower() not in STOP and w[0].isalpha() and len(w) > 1]
        tokens = [s for s in tokens if s not in STOP]
        if len(tokens) >= 3:
            out.append(tokens)
    return out, names


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # Word2Vec's vocabulary order depends on string hashing
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index.sqlite3 built by briefing")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import numpy as np
    from gensim.models import Word2Vec

    corpus, names = sentences(args.index)
    model = Word2Vec(sentences=corpus, **SETTINGS)
    words = list(model.wv.index_to_key)  # most frequent first
    matrix = np.asarray(model.wv.vectors, dtype=np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "vectors.npy", matrix.astype(np.float16))
    counts = [model.wv.get_vecattr(w, "count") for w in words]
    (args.out / "vocab.txt").write_text("".join(f"{w}\t{c}\n" for w, c in zip(words, counts)), encoding="utf-8")
    meta = {"library": "gensim.models.Word2Vec", "settings": SETTINGS, "documents": len(names),
            "paragraphs": len(corpus), "tokens": sum(len(s) for s in corpus), "vocabulary": len(words),
            "documents_sha1": hashlib.sha1("\n".join(names).encode()).hexdigest(),
            "tokens_are": "briefing_tui.nlp.text.stem of each word, stop words and numbers left out"}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{len(words)} words x {matrix.shape[1]} dims from {meta['tokens']} tokens in {len(names)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
