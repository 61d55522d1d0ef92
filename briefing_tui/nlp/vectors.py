"""Word vectors trained on the shared corpus (nlp_models/vectors/): related words and semantic similarity.

Only numpy is needed at run time: the vectors are a memory-mapped float16 array of unit rows, one
per stem in vocab.txt (with its corpus count). Trained by scripts/train_vectors.py.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .text import STOP, stems
from ..settings import models_dir
from .tags import is_tag

FOLDER = models_dir() / "vectors"
# Smooth inverse frequency (Arora et al. 2017, "A simple but tough-to-beat baseline for sentence
# embeddings"): a word's weight in a text's vector is SIF_A / (SIF_A + its corpus frequency).
SIF_A = 1e-3
# Related words for query expansion: close enough, common enough to be a corpus word rather than noise.
RELATED_MIN_SIMILARITY = 0.55
RELATED_MIN_COUNT = 20
RELATED_PER_WORD = 3
# A word the corpus uses this often is the documents' own word: its neighbours add noise, not reach
# (measured on dev_wide.json: expanding every word lost recall). All the words together still probe.
BRIDGE_MAX_COUNT = 200
PHRASE_MIN_SIMILARITY = 0.7
# The commonest words ('child', 'social', 'support') are near everything: never offered as related.
RELATED_SKIP_COMMONEST = 25


@dataclass(frozen=True)
class Vectors:
    matrix: np.ndarray  # (words, dims) float16 memory map, rows of unit length
    dense: np.ndarray  # the same as float32, for products over the whole vocabulary
    words: tuple[str, ...]  # row order
    rows: Mapping[str, int]
    weights: np.ndarray  # (words,) float32 SIF weight of each word
    counts: np.ndarray  # (words,) corpus count
    scaled: np.ndarray  # `dense` rows times their `weights`: a sentence's vector is the sum of its words' rows


@lru_cache(maxsize=1)
def vectors(folder: Path = FOLDER) -> Vectors | None:
    """The shipped vectors, loaded once as a memory map; None if they are not installed."""
    try:
        matrix = np.load(folder / "vectors.npy", mmap_mode="r")
        lines = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    words = [line.split("\t")[0] for line in lines]
    counts = np.array([int(line.split("\t")[1]) for line in lines], dtype=np.float64)
    if len(words) != matrix.shape[0]:
        return None
    weights = (SIF_A / (SIF_A + counts / max(counts.sum(), 1.0))).astype(np.float32)
    dense = np.asarray(matrix, dtype=np.float32)
    return Vectors(matrix, dense, tuple(words), {w: i for i, w in enumerate(words)}, weights, counts,
                   dense * weights[:, None])


def _terms(query: str | Sequence[str] | Mapping[str, float]) -> dict[str, float]:
    """Stems and their weights from text, a list of stems or a query's weighted terms (tags skipped)."""
    if isinstance(query, str):
        return {s: 1.0 for s in stems(query, drop_stop=True)}
    if isinstance(query, Mapping):
        return {t: float(w) for t, w in query.items() if not is_tag(t)}
    return {t: 1.0 for t in query}


def embed(query: str | Sequence[str] | Mapping[str, float], v: Vectors | None = None) -> np.ndarray | None:
    """A text's unit vector: the SIF-weighted mean of its known words' vectors; None if none is known."""
    v = v or vectors()
    if v is None:
        return None
    rows, weights = [], []
    for term, w in _terms(query).items():
        i = v.rows.get(term)
        if i is not None and term not in STOP:
            rows.append(i)
            weights.append(w * v.weights[i])
    if not rows:
        return None
    mean = np.asarray(weights, dtype=np.float32) @ v.dense[rows]
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def similarity(query: str | Sequence[str] | Mapping[str, float], sentence: str) -> float:
    """Cosine similarity (-1..1) of a question (text, stems or weighted terms) and a sentence; 0 if either has no known word."""
    return float(similarities(query, [sentence])[0])


def similarities(query: str | Sequence[str] | Mapping[str, float],
                 sentences: Iterable[str | Sequence[str]]) -> np.ndarray:
    """similarity() of one question against many sentences at once, as a float32 array. A sentence is
    its text, or its stems as the index stores them (sentences.terms split), which skips stemming."""
    items = list(sentences)
    v = vectors()
    q = embed(query, v) if v is not None else None
    if q is None or not items:
        return np.zeros(len(items), dtype=np.float32)
    assert v is not None
    # Each sentence's weighted sum of word vectors, remembered per sentence (the same lines come back
    # question after question); summed as one batch would sum it (np.add.reduceat adds a sentence's rows in
    # order whatever else is in the batch: tests/nlp/test_vectors.py), so the similarities are the same bits.
    sums = [_summed(v, _rows(item)) if isinstance(item, str) else _stored_sum(" ".join(item)) for item in items]
    out = np.zeros(len(items), dtype=np.float32)
    filled = [i for i, row in enumerate(sums) if row is not None]
    if not filled:
        return out
    embedded = np.stack([sums[i] for i in filled])
    norms = np.linalg.norm(embedded, axis=1)
    norms[norms == 0] = 1.0
    out[filled] = (embedded @ q) / norms
    return out


def _summed(v: Vectors, rows: Sequence[int]) -> np.ndarray | None:
    """The sum of a sentence's SIF-scaled word rows (float32), or None when it has no known word."""
    if not len(rows):
        return None
    summed = np.add.reduceat(v.scaled[np.asarray(rows, dtype=np.int64)], [0], axis=0)[0]
    summed.flags.writeable = False  # remembered and shared: never changed in place
    return summed


@lru_cache(maxsize=65536)
def _rows(text: str) -> np.ndarray:
    """A sentence's known words as vector rows (cached: the same sentences come back query after query)."""
    v = vectors()
    return _stem_rows(v, stems(text, drop_stop=True)) if v is not None else np.zeros(0, dtype=np.int64)


@lru_cache(maxsize=16384)  # a sentence's stems as one string and its summed row: about 700 bytes
def _stored_sum(terms: str) -> np.ndarray | None:
    """The summed vector of a sentence's stored stems, joined by spaces (`_summed`), cached as _rows is:
    looking each stem up and summing the rows were most of similarities()' cost. Keyed by one string,
    not a tuple of stems: the tuple's strings took most of the memo's memory."""
    v = vectors()
    get = v.rows.get
    return _summed(v, [i for i in (get(t) for t in terms.split(" ") if t not in STOP) if i is not None])


def _stem_rows(v: Vectors, terms: Sequence[str]) -> np.ndarray:
    return np.array([i for i in (v.rows.get(t) for t in terms if t not in STOP) if i is not None], dtype=np.int64)


def related(terms: Sequence[str], *, exclude: Iterable[str] = ()) -> dict[str, float]:
    """Corpus words close to a question's words, with their cosine similarity: the neighbours of each
    word the corpus seldom uses (a question's 'job' where reports say 'employment'), and the closest
    neighbours of all the words together ('foster' + 'parent' -> 'carer')."""
    v = vectors()
    if v is None:
        return {}
    known = [t for t in terms if t in v.rows and t not in STOP]
    skip = set(exclude) | set(known)
    out: dict[str, float] = {}
    probes = [([t], RELATED_MIN_SIMILARITY) for t in known if v.counts[v.rows[t]] < BRIDGE_MAX_COUNT]
    if len(known) > 1:
        probes.append((known, PHRASE_MIN_SIMILARITY))
    for probe, floor in probes:
        q = embed(probe, v)
        if q is None:
            continue
        sims = v.dense @ q
        taken = 0
        for i in np.argsort(-sims)[:50]:
            s = float(sims[i])
            if s < floor or taken >= RELATED_PER_WORD:
                break
            word = v.words[i]
            if word in skip or i < RELATED_SKIP_COMMONEST or v.counts[i] < RELATED_MIN_COUNT:
                continue
            out[word] = max(out.get(word, 0.0), s)
            taken += 1
    return out
