"""The models multiply with numpy's BLAS on one thread: same readings as thinc's blis, to float32 rounding."""
import pytest

from briefing_tui.nlp import matmul
from briefing_tui.nlp.role_classifier import RoleClassifier
from briefing_tui.nlp.roles import ROLE_MODEL, RoleScore, model_text

threadpoolctl = pytest.importorskip("threadpoolctl")

SENTENCES = [
    ("What needs to improve?", "Managers do not consistently record the rationale for their decisions.", RoleScore(0, 1, 0, True)),
    ("Summary", "Care leavers benefit from strong relationships with their personal advisers.", RoleScore(2, 0, 0)),
    ("", "The local authority should ensure that return home interviews are offered.", RoleScore(0, 0, 2)),
    (None, "There were 412 children in care on 31 March.", RoleScore(0, 0, 0)),
    ("The experiences and progress of children in care", "Too many children wait too long for their initial "
     "health assessment, and some wait for more than a year.", RoleScore(0, 2.5, 0)),
]


def test_the_role_classifier_reads_as_blis_does():
    import spacy

    fast = RoleClassifier.load().nlp
    blis = spacy.load(ROLE_MODEL)  # thinc's default ops
    assert all(not node.ops.use_blis for node in fast.get_pipe("tok2vec").model.walk())
    texts = [model_text(*s) for s in SENTENCES]
    with matmul.one_thread():
        ours = [d.cats for d in fast.pipe(texts)]
    theirs = [d.cats for d in blis.pipe(texts)]
    for a, b in zip(ours, theirs):
        assert max(a, key=a.get) == max(b, key=b.get)
        assert max(abs(a[k] - b[k]) for k in a) < 1e-5


def test_a_reading_does_not_depend_on_its_batch():
    classifier = RoleClassifier.load()
    together = classifier.probabilities(SENTENCES)
    alone = [classifier.probabilities([s])[0] for s in SENTENCES]
    for a, b in zip(together, alone):
        assert max(abs(a[k] - b[k]) for k in a) < 1e-6


def test_blas_is_held_to_one_thread_while_the_models_run():
    import numpy  # noqa: F401

    with matmul.one_thread():
        blas = [lib for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]
        assert blas and all(lib["num_threads"] == 1 for lib in blas)


def test_the_english_pipeline_parses_as_blis_does(nlp):
    import spacy

    from briefing_tui.nlp.pipeline import model_name

    blis = spacy.load(model_name())
    assert all(not node.ops.use_blis for node in nlp.get_pipe("parser").model.walk())
    text = ("Not all children receive a timely service, and some wait too long for their assessments. "
            "The local authority should ensure that managers record the rationale for their decisions. "
            "Care leavers benefit from strong relationships with their personal advisers.")
    with matmul.one_thread():
        ours = nlp(text)
    theirs = blis(text)
    assert [(t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in ours] == \
        [(t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in theirs]
