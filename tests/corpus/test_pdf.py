"""PDF text as a reader sees it, and Ofsted report structure across frameworks."""
import re

import pytest
from rapidfuzz import fuzz

from briefing_tui.corpus import load_document
from briefing_tui.nlp.judgements import find_judgements
from tests.conftest import REPORTS, SEEDS


@pytest.fixture(scope="module")
def hounslow_2014():
    return load_document(REPORTS / "2014-03-21-hounslow.pdf")


@pytest.fixture(scope="module")
def hounslow_2023():
    return load_document(REPORTS / "2023-12-01-hounslow.pdf")


def test_numbered_paragraphs_match_the_text_seed(hounslow_2014):
    seed = {p.pid: p.text for p in load_document(SEEDS / "003_ecc5ab33cf1005e7.txt").paragraphs if p.pid.isdigit()}
    pdf = {p.pid: p.text for p in hounslow_2014.paragraphs if p.pid.isdigit()}
    assert set(pdf) == set(seed) == {str(i) for i in range(1, 163)}
    similarity = {k: fuzz.ratio(seed[k].replace("’", "'"), pdf[k].replace("’", "'")) for k in seed}
    assert min(similarity.values()) >= 95
    assert sum(similarity.values()) / len(similarity) >= 99


def test_no_page_numbers_or_running_headers(hounslow_2023):
    for p in hounslow_2023.paragraphs:
        assert not re.fullmatch(r"\d{1,3}", p.text.strip())
        assert "16 to 20 October 2023 2" not in p.text
        if p.kind == "para":
            assert "Inspection of Hounslow local authority children’s services 16 to 20" not in p.text


def test_words_hyphenated_across_lines_are_mended(hounslow_2014, hounslow_2023):
    text = " ".join(p.text for p in hounslow_2014.paragraphs + hounslow_2023.paragraphs)
    assert "\ufffe" not in text
    assert not re.search(r"\b[a-z]+- [a-z]+\b", text)


def test_what_needs_to_improve_items(hounslow_2023):
    items = [p for p in hounslow_2023.paragraphs if p.section.startswith("What needs to improve")]
    assert [p.kind for p in items[:4]] == ["bullet"] * 4
    assert items[0].text.endswith("Promotion of the rights and entitlements for care leavers over the age of 21.")


def test_footnotes_separated(hounslow_2014):
    notes = [p for p in hounslow_2014.paragraphs if p.kind == "footnote"]
    assert any(p.text.startswith("¹ Ofsted produces this report") for p in notes)
    first = next(p for p in hounslow_2014.paragraphs if p.text.startswith("The LSCB is not yet demonstrating"))
    assert "Ofsted produces" not in first.text


def test_metadata_of_2023_report(hounslow_2023):
    m = hounslow_2023.meta
    assert (m.kind, m.council, m.inspection_start, m.inspection_end) == ("report", "Hounslow", "2023-10-16", "2023-10-20")
    assert m.lead_inspector == "Nick Bennison"
    assert m.published == "2023-12-01" and m.date_source == "file name"


def judgements(doc):
    return {j.area: j.grade for j in find_judgements([(p.kind, p.text) for p in doc.paragraphs], doc.meta.kind)}


def test_judgement_tables_across_frameworks(hounslow_2014, hounslow_2023):
    assert judgements(hounslow_2014) == {"overall": "requires improvement", "help_protection": "requires improvement",
                                         "children_in_care": "requires improvement", "adoption": "requires improvement",
                                         "care_leavers": "requires improvement", "leadership": "requires improvement",
                                         "lscb": "requires improvement"}
    assert judgements(hounslow_2023) == {"leadership": "outstanding", "help_protection": "good",
                                         "children_in_care": "good", "care_leavers": "good", "overall": "good"}


def test_2026_report_has_no_overall_grade():
    doc = load_document(REPORTS / "2026-06-17-brent.pdf")
    found = judgements(doc)
    assert "overall" not in found
    assert found["leadership"] == "good" and len(found) == 4


def test_heading_with_footnote_marker_keeps_its_bullets():
    doc = load_document(REPORTS / "2026-06-17-brent.pdf")
    heading = next(p for p in doc.paragraphs if p.text.startswith("What needs to improve"))
    assert heading.kind == "heading" and heading.text == "What needs to improve?"
    items = [p for p in doc.paragraphs if p.kind == "bullet" and p.page == heading.page]
    assert len(items) == 4 and all(p.section == "What needs to improve?" for p in items)
    assert not any(p.section.strip().isdigit() for p in doc.paragraphs)


def test_heading_never_glued_to_the_paragraph_before(hounslow_2023):
    para = hounslow_2023.paragraph("34")
    assert not para.text.endswith("good") and "care leavers: good" not in para.text
    heading = hounslow_2023.paragraphs[para.index + 1]
    assert (heading.kind, heading.text) == ("heading", "The experiences and progress of care leavers: good")


def test_back_page_is_boilerplate(hounslow_2023):
    back = [p for p in hounslow_2023.paragraphs if p.kind == "boilerplate"]
    assert back and back[0].text.startswith("The Office for Standards in Education")
    assert any("Piccadilly Gate" in p.text for p in back)
    assert not any("Piccadilly Gate" in p.text for p in hounslow_2023.paragraphs if p.kind != "boilerplate")


def test_pages_cited_and_run_on(hounslow_2014):
    para = hounslow_2014.paragraph("77")
    assert (para.page, para.page_end) == (15, 16)
    assert hounslow_2014.paragraph("1").page == 3 and hounslow_2014.paragraph("1").page_end is None


def test_judgement_area_read_whole_with_its_grade_apart(hounslow_2014):
    rows = [p.text for p in hounslow_2014.paragraphs if p.kind == "table"]
    assert "2. Children looked after and achieving permanence\tRequires improvement" in rows
    assert len(rows) == 5 and all(row.count("\t") == 1 and row.split("\t")[0].lstrip("0123456789. ")[:1].isupper()
                                  for row in rows)


def test_bullets_shown_as_bullets_not_symbol_font_codes(hounslow_2014):
    assert not any(ch for p in hounslow_2014.paragraphs for ch in p.text if "\ue000" <= ch <= "\uf8ff")
