"""Scoping by council: two councils side by side, the default council, and which councils lines come from."""
from briefing_tui.briefing.query import parse_query
from briefing_tui.briefing.scope import by_council, councils_note
from briefing_tui.corpus.metadata import DocMeta
from briefing_tui.index.search import DocInfo

from .test_query import VOCAB


def doc(i, council, year="2024"):
    meta = DocMeta("report", f"{council} report", council, None, f"{year}-01-01", None, "Ofsted")
    return DocInfo(i, f"{i}.pdf", meta)


DOCS = [doc(1, "Brent"), doc(2, "Tameside"), doc(3, "Liverpool"), doc(4, "Brent", "2019")]


def test_two_councils_keep_both():
    q = parse_query("Compare the LADO in Brent and Tameside", VOCAB)
    kept, notes = by_council(DOCS, q)
    assert {d.id for d in kept} == {1, 2, 4} and not notes
    assert "comparison" in q.intents


def test_one_council_missing_is_said():
    kept, notes = by_council(DOCS, parse_query("Compare Brent and Swindon on adoption", VOCAB))
    assert {d.id for d in kept} == {1, 4}
    assert notes == ["No documents about Swindon; showing Brent."]


def test_default_council_when_none_is_named():
    q = parse_query("care leavers", VOCAB)
    assert {d.id for d in by_council(DOCS, q, "Liverpool")[0]} == {3}
    assert by_council(DOCS, q, "Swindon")[0] == DOCS  # a default with no documents narrows nothing
    assert {d.id for d in by_council(DOCS, parse_query("Tameside care leavers", VOCAB), "Liverpool")[0]} == {2}


def test_note_says_which_councils_lines_come_from():
    q = parse_query("care leavers", VOCAB)
    assert councils_note(q, [DOCS[2], DOCS[0], DOCS[0]], DOCS) == "Lines from Brent and Liverpool."
    assert councils_note(q, [DOCS[0]], [DOCS[0], DOCS[3]]) is None  # one council in scope: nothing to say
    named = parse_query("Brent care leavers", VOCAB)
    assert councils_note(named, [DOCS[0]], DOCS) is None
    both = parse_query("Compare the LADO in Brent and Tameside", VOCAB)
    assert councils_note(both, [DOCS[0]], DOCS[:2]) == "Nothing on this from Tameside."


def test_a_year_narrows_only_the_councils_it_can():
    """'Brent and Liverpool (2019)': Brent's 2019 report, and Liverpool's reports of any year."""
    from briefing_tui.briefing.scope import scope

    class Index:
        docs = {d.id: d for d in DOCS}

    ids, notes = scope(Index(), parse_query("Is adoption handled well in Liverpool and in Brent (2019)?", VOCAB))
    assert set(ids) == {3, 4} and not notes
    ids, _ = scope(Index(), parse_query("Brent adoption in 2019", VOCAB))
    assert set(ids) == {4}
