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


TIMES = [doc(1, "Ealing", "2016"), doc(2, "Ealing", "2024"), doc(3, "Manchester", "2014"),
         doc(4, "Manchester", "2017"), doc(5, "Manchester", "2025")]


def scoped(question, docs=TIMES):
    from briefing_tui.briefing.scope import scope

    class Index:
        pass

    Index.docs = {d.id: d for d in docs}
    return set(scope(Index(), parse_query(question, VOCAB))[0])


def test_each_time_the_question_names_adds_its_inspections():
    """A year and 'now' (or 'the latest inspection'), a year and 'since': both ends, not one."""
    assert scoped("strategy meetings in Ealing, in 2016 and at the latest inspection?") == {1, 2}
    assert scoped("what did Ofsted say about Manchester's front door in 2014 and now?") == {3, 5}
    assert scoped("what does Manchester still need to improve after the 2025 report, and what were "
                  "the 2014 priorities?") == {3, 5}
    assert scoped("what did the latest Manchester inspection say about adoption?") == {5}  # one end only
    assert scoped("Manchester adoption in 2017") == {4}


def test_then_and_now_is_a_question_about_change_over_every_inspection():
    for question in ("return home interviews in Ealing, then and now",
                     "care leavers accommodation Manchester, old and new report",
                     "what do the older and newer Manchester reports say about adoption?",
                     "how has Manchester's early help changed between the three inspections?"):
        q = parse_query(question, VOCAB)
        assert "change" in q.intents, question
        assert scoped(question) == ({1, 2} if "Ealing" in question else {3, 4, 5}), question


def test_a_change_question_naming_one_year_runs_from_it():
    """'better than it was in 2014', 'was the 2016 weakness sorted out?': that inspection and those since."""
    assert scoped("is Manchester's social care better than it was in 2017?") == {4, 5}
    assert scoped("LADO in Ealing - was the 2016 weakness sorted out?") == {1, 2}
    assert scoped("what did Manchester have to improve in 2014, and has it?") == {3, 4, 5}
    assert scoped("what did Manchester have to improve in 2014?") == {3}  # no change asked: that year's


def test_two_years_are_a_change_between_them():
    q = parse_query("CSE and missing children in Manchester: 2014 then 2025", VOCAB)
    assert "change" in q.intents and scoped(q.text) == {3, 5}
    assert "change" not in parse_query("care leavers in Manchester in 2014", VOCAB).intents
