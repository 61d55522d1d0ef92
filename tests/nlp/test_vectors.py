"""The shipped word vectors: small plain arrays, related words that bridge vocabulary, and similarity."""
import json

import numpy as np
import pytest

from briefing_tui.briefing.query import parse_query
from briefing_tui.nlp import vectors as V
from briefing_tui.nlp.text import stems

from ..briefing.test_query import VOCAB


def test_files_are_small_plain_arrays():
    folder = V.FOLDER
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total <= 15 * 1024 * 1024
    matrix = np.load(folder / "vectors.npy", mmap_mode="r")
    assert matrix.dtype == np.float16
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    assert len(vocab) == matrix.shape[0] > 1000
    norms = np.linalg.norm(np.asarray(matrix[:200], dtype=np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["vocabulary"] == len(vocab) and meta["settings"]["vector_size"] == matrix.shape[1]


@pytest.mark.parametrize("words,reaches", [("foster parents", "carer"), ("getting a job", "employment"),
                                           ("drift", "delay"), ("out of hours", "emergency")])
def test_related_words_bridge_vocabulary(words, reaches):
    assert reaches in V.related(stems(words, drop_stop=True))


def test_kids_reach_children_through_the_stemmer():
    assert stems("kids") == stems("children")


def test_expansion_weighs_below_the_questions_own_words():
    q = parse_query("getting a job", VOCAB)
    assert "employment" in q.related
    assert 0 < q.terms["employment"] < max(w for t, w in q.terms.items() if not t.startswith(("t_", "e_")))
    assert "employment" not in q.content_terms


def test_similarity_prefers_the_sentence_on_the_subject():
    on = "There are too few foster carers to meet demand."
    off = "The LADO service responds well to allegations against staff."
    assert V.similarity("foster parents", on) > V.similarity("foster parents", off)
    assert V.similarity({"foster": 1.0, "parent": 1.0, "t_fostering": 1.5}, on) == pytest.approx(
        V.similarity(["foster", "parent"], on), abs=1e-5)


def test_batched_similarity_matches_one_at_a_time():
    sentences = ["Care leavers are helped into apprenticeships and employment.", "Adoption is timely.",
                 "", "zzzz qqqq"]
    batch = V.similarities("getting a job", sentences)
    assert batch.shape == (4,) and batch.dtype == np.float32
    for s, b in zip(sentences, batch):
        assert V.similarity("getting a job", s) == pytest.approx(float(b), abs=1e-5)
    assert batch[2] == 0.0 and batch[3] == 0.0
    assert V.similarities("zzzz", sentences).tolist() == [0.0] * 4
    assert V.similarities("adoption", []).shape == (0,)


def test_missing_vectors_mean_no_expansion(tmp_path):
    assert V.vectors(tmp_path) is None


def test_sentences_as_stored_stems_score_like_their_text():
    text = "Care leavers are helped into apprenticeships and employment."
    by_text = V.similarities("getting a job", [text])
    by_stems = V.similarities("getting a job", [stems(text)])
    assert by_stems[0] == pytest.approx(float(by_text[0]), abs=1e-5) and by_text[0] > 0


def _plain_similarities(query, sentences):
    """similarities() as it was before sentence sums were remembered: every sentence's rows stacked and
    summed in one np.add.reduceat."""
    v = V.vectors()
    q = V.embed(query, v)
    rows = [[v.rows[t] for t in s if t in v.rows and t not in V.STOP] for s in sentences]
    lengths = np.array([len(r) for r in rows])
    out = np.zeros(len(sentences), dtype=np.float32)
    filled = np.flatnonzero(lengths)
    weighted = v.scaled[np.array([i for r in rows for i in r], dtype=np.int64)]
    starts = np.concatenate(([0], np.cumsum(lengths[filled])[:-1]))
    embedded = np.add.reduceat(weighted, starts, axis=0)
    norms = np.linalg.norm(embedded, axis=1)
    norms[norms == 0] = 1.0
    out[filled] = (embedded @ q) / norms
    return out


@pytest.mark.skipif(V.vectors() is None, reason="no word vectors installed")
def test_remembered_sentence_sums_give_the_batched_bits():
    import random

    v = V.vectors()
    rng = random.Random(5)
    for _ in range(20):
        sentences = [tuple(rng.choice(v.words) for _ in range(rng.randrange(0, 30))) + ("zzzz",)
                     for _ in range(rng.randrange(1, 60))]
        query = [rng.choice(v.words) for _ in range(3)]
        got = V.similarities(query, sentences)
        assert np.array_equal(got, _plain_similarities(query, sentences))  # the same bits, not just close
