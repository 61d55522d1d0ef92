"""Candidate retrieval over a tiny hand-built store: BM25 order, paragraph scores, scoping by document."""
import pytest

from briefing_tui.index.search import Index
from tests.index.tiny import tiny_store


@pytest.fixture()
def index():
    con = tiny_store()
    return Index(con, (1, 2))


def test_search_finds_the_sentences_with_the_words_best_first(index):
    hits, paras = index.search({"adoption": 1.0, "delay": 1.0}, (1, 2))
    texts = [index.paragraph(h.para).text[h.start:h.end] for h in sorted(hits, key=lambda h: -h.score)]
    assert texts[0].startswith("Adoption is too slow")
    assert all(h.score >= 0 for h in hits)
    scored = [h for h in hits if h.score > 0]
    assert {index.paragraph(h.para).text[h.start:h.end] for h in scored} >= {
        "The timeliness of adoption for children.", "Adoption is too slow for many children and delays are long."}
    assert paras and max(paras, key=paras.get) in {h.para for h in scored}


def test_search_keeps_to_the_documents_in_scope(index):
    hits, paras = index.search({"adoption": 1.0}, (2,))
    assert hits and {h.doc for h in hits} == {2} and {index.paragraph(p).doc for p in paras} == {2}


def test_unknown_words_find_nothing(index):
    assert index.search({"zebra": 1.0}, (1, 2)) == ([], {})
    assert index.search({"adoption": 1.0}, ()) == ([], {})


def test_weights_order_the_terms(index):
    hits, _ = index.search({"foster": 1.0, "adoption": 0.1}, (1,))
    best = max(hits, key=lambda h: h.score)
    assert index.paragraph(best.para).text[best.start:best.end] == "Foster carers are well supported."


def test_judgement_rows_are_typed(index):
    index.con.execute("INSERT INTO judgements VALUES (1, 'overall', 'requires improvement', 1, 0, 10)")
    (row,) = index.judgements((1, 2))
    assert (row.doc, row.area, row.grade, row.start, row.end) == (1, "overall", "requires improvement", 0, 10)


def test_judgements_are_read_once_and_kept_by_document(index):
    index.con.executemany("INSERT INTO judgements VALUES (?, ?, ?, 1, 0, 10)",
                          [(2, "overall", "good"), (1, "overall", "inadequate"), (2, "adoption", "good")])
    assert [(r.doc, r.area) for r in index.judgements((2,))] == [(2, "overall"), (2, "adoption")]
    assert [(r.doc, r.area) for r in index.judgements((2, 1, 2))] == [(1, "overall"), (2, "overall"), (2, "adoption")]
    index.con.execute("DELETE FROM judgements")  # the open index keeps what it read, as it keeps paragraphs
    assert len(index.judgements((1, 2))) == 3 and index.judgements(()) == []


def test_topic_counts_read_only_topic_terms_and_callers_cannot_change_them(index):
    from briefing_tui.nlp.tags import TOPIC_PREFIX

    index.con.executemany("INSERT INTO doc_terms VALUES (?, ?, ?)",
                          [(1, TOPIC_PREFIX + "adoption", 2), (2, TOPIC_PREFIX + "adoption", 3), (1, "tadpole", 5),
                           (1, "t" + chr(ord(TOPIC_PREFIX[-1]) + 1) + "x", 1)])
    counts = index.topic_counts()
    assert counts.get("adoption") == 5 and not any("tadpole" in k or "x" == k[-1:] for k in counts)
    counts["adoption"] = 0
    assert index.topic_counts()["adoption"] == 5


def test_sentences_of_filters_keeps_order_and_hands_each_caller_its_own_list(index):
    roles = ("strength", "weakness")
    first = index.sentences_of((1, 2), roles=roles)
    assert [h.role for h in first] == ["weakness", "strength", "weakness"] and [h.doc for h in first] == [1, 1, 2]
    assert [h.id for h in first] == sorted(h.id for h in first)
    first.clear()
    assert len(index.sentences_of((1, 2), roles=roles)) == 3  # a caller's change is not kept
    assert [h.role for h in index.sentences_of((2,))] == ["weakness"]
    assert [h.role for h in index.sentences_of((1,), roles=("action",))] == ["action"]


def test_sentences_are_counted_per_document_in_and_out_of_the_corpus(index):
    assert [index.count_sentences(d) for d in ((1,), (2,), (1, 2, 2), ())] == [4, 1, 5, 0]
    narrow = Index(index.con, (1,))
    assert narrow.count_sentences((2,)) == 1 and narrow.count_sentences((1, 2)) == 5


def test_paragraphs_naming_finds_a_name_as_written_with_an_s_after_or_not(index):
    # 'Foster' is written with a capital in one paragraph of document 1; 'Adoption' opens sentences of both.
    assert len(index.paragraphs_naming("Foster", (1, 2))) == 1 and index.paragraphs_naming("Foster", (2,)) == []
    assert {index.paragraph(p).doc for p in index.paragraphs_naming("Adoption", (1, 2))} == {1, 2}
    assert index.paragraphs_naming("ADOPTION", (1, 2)) == index.paragraphs_naming("Adoptio", (1, 2)) == []  # as written
    assert index.paragraphs_naming("Foster carer", (1, 2)) == index.paragraphs_naming("Foster", (1,))  # 'Foster carers'


@pytest.mark.parametrize("room", [0, 60])  # no document's text kept (all scanned by SQLite), and some kept
def test_paragraphs_naming_finds_the_same_paragraphs_whatever_text_it_keeps(index, monkeypatch, room):
    import briefing_tui.index.search as search

    monkeypatch.setattr(search, "NAME_TEXT_CHARS", room)
    bounded = Index(index.con, (1, 2))
    for name in ("Foster", "Adoption", "ADOPTION", "Adoptio", "Foster carer", "delays"):
        for docs in ((1, 2), (2, 1), (2,), (1,), ()):
            assert bounded.paragraphs_naming(name, docs) == index.paragraphs_naming(name, docs), (name, docs)
    assert sum(len(t) for t, _, _ in bounded._texts.values()) <= room


def test_paragraphs_naming_answers_are_kept_and_handed_out_as_copies(index):
    first = index.paragraphs_naming("Adoption", (1, 2))
    first.append(-1)
    assert index.paragraphs_naming("Adoption", (1, 2)) == first[:-1]


@pytest.mark.parametrize("room", [0, 10_000])  # scanned by SQLite, and kept as text
def test_paragraphs_naming_stops_once_it_has_more_than_most(index, monkeypatch, room):
    import briefing_tui.index.search as search

    monkeypatch.setattr(search, "NAME_TEXT_CHARS", room)
    bounded = Index(index.con, (1, 2))
    every = bounded.paragraphs_naming("Adoption", (1, 2))
    assert len(every) == 2
    assert bounded.paragraphs_naming("Adoption", (1, 2), most=2) == every  # not more than 2: all of them
    assert len(bounded.paragraphs_naming("Adoption", (1, 2), most=0)) == 1  # more than none: one is enough
    assert bounded.paragraphs_naming("Foster", (1, 2), most=0) == bounded.paragraphs_naming("Foster", (1, 2))
