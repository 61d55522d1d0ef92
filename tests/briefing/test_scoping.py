"""Councils, years and inspections in questions; the same report as PDF and text shown once."""
from briefing_tui.briefing.render import to_text
from briefing_tui.nlp.text import norm


def docs_cited(briefing):
    return {c.doc for i in briefing.items for c in (i.citation,)}


def test_year_scopes_to_that_inspection(pdf_engine):
    b = pdf_engine.ask("Hounslow adoption in 2023")
    assert b.items and docs_cited(b) == {"2023-12-01-hounslow.pdf"}


def test_council_scopes(pdf_engine):
    b = pdf_engine.ask("Brent care leavers")
    assert b.items and docs_cited(b) == {"2026-06-17-brent.pdf"}


def test_latest_inspection(pdf_engine):
    b = pdf_engine.ask("what did the latest Hounslow inspection say about care leavers?")
    assert b.items and all(c.startswith("2023") or not c.endswith(".pdf") and c != "003_ecc5ab33cf1005e7.txt"
                           for c in docs_cited(b))


def test_change_sets_judgements_side_by_side(pdf_engine):
    b = pdf_engine.ask("Hounslow: what changed since 2014?")
    judgements = next(s for s in b.sections if s.kind == "judgement").items
    years = [i.citation.date[:4] for i in judgements]
    assert years == sorted(years) and {"2014", "2023"} <= set(years)
    assert "(2014)" in to_text(b) and "(2023)" in to_text(b)


def test_same_report_twice_shows_each_finding_once(pdf_engine):
    for question in ("adoption", "private fostering", "How effective is the LSCB?"):
        b = pdf_engine.ask(question)
        # the same words about two different inspections (a judgement row) are two findings
        texts = [(norm(i.text), i.citation.date if i.area else None) for i in b.items]
        assert len(texts) == len(set(texts)), question
    b = pdf_engine.ask("Hounslow adoption 2014")
    both = [i for i in b.items if {c.doc for c in (i.citation, *i.also)} >= {"2014-03-21-hounslow.pdf", "003_ecc5ab33cf1005e7.txt"}]
    assert both, "a finding in both the PDF and the text should cite both"


def test_overall_question_says_when_no_grade(pdf_engine):
    b = pdf_engine.ask("What was Brent's overall effectiveness grade?")
    assert any("gives no overall effectiveness grade" in n for n in b.notes)


def test_judgement_table(pdf_engine):
    table = pdf_engine.judgement_table("Hounslow")
    assert [d.meta.year for d in table.inspections] == [2014, 2023]
    overall = dict(table.rows)["Overall effectiveness"]
    assert overall == ["requires improvement", "good"]


def test_grade_question_shows_the_headline_verdict(pdf_engine):
    """The words under the grades ('Children in Brent benefit from ...') stand with them, every area's
    grade shown once however alike the areas' names."""
    b = pdf_engine.ask("What grades did Brent get?")
    judgement = next(s for s in b.sections if s.kind == "judgement").items
    graded = [i for i in judgement if i.area]
    assert len({i.area for i in graded}) == len(graded) >= 4
    headline = [i for i in b.items if not i.area and i.citation.doc == "2026-06-17-brent.pdf"
                and i.citation.paragraph.startswith("p")]
    assert headline, to_text(b)
    assert pdf_engine.ask("How good is Brent's fostering?").items  # a subject question is not the headline's


def test_press_question_answers_from_the_articles(pdf_engine):
    b = pdf_engine.ask("How did the local paper report Hounslow's 2014 inspection?")
    assert b.items and {i.citation.doc for i in b.items} <= {"000_42cef87f600fa6cf.txt", "001_78a7f9386b4f35df.txt",
                                                              "002_31433ffbdd26cf5e.txt"}


def test_grades_of_two_inspections_are_every_area_of_each_side_by_side(pdf_engine):
    """'Hounslow's grades in 2014 and 2023': each inspection's grade of an area, area by area, not the older
    report's every grade before the newer's first."""
    b = pdf_engine.ask("What grades did Hounslow get in 2014 and 2023?")
    graded = [i for i in next(s for s in b.sections if s.kind == "judgement").items if i.area]
    by_year = {}
    for i in graded:
        by_year.setdefault(i.citation.date[:4], set()).add(i.area)
    assert set(by_year) == {"2014", "2023"}, to_text(b)
    assert all(len(areas) >= 2 for areas in by_year.values()), by_year
