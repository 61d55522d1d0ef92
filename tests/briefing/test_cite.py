"""Citations a councillor can find: printed numbers, pages and headings, never internal ids; documents
named by council and year, letters by date and subject, articles by headline, outlet and date."""
import re

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.briefing.cite import cite, describe, find_place, place, read_place, span
from briefing_tui.cli import main
from briefing_tui.corpus.metadata import DocMeta
from briefing_tui.index.search import DocInfo, ParagraphRow
from tests.conftest import REPORTS, SEEDS

INTERNAL = re.compile(r"\bp\d+\b|\.txt|\.pdf")


def row(pid, kind="para", section="", text="Some text.", page=None, page_end=None, idx=0):
    return ParagraphRow(idx, 1, idx, pid, kind, section, text, (), page=page, page_end=page_end)


def meta(**kw):
    base = dict(kind="report", title="Inspection of Hounslow local authority children’s services", council="Hounslow",
                inspection_start="2023-10-16", inspection_end="2023-10-20", published=None, publisher="Ofsted",
                numbered=True)
    base.update(kw)
    return DocMeta(**base)


def test_printed_number_with_its_page():
    assert place(row("106", page=21), True) == "para 106, page 21"
    assert place(row("12", page=4, page_end=5), True) == "para 12, pages 4–5"
    assert place(row("106"), True) == "para 106"  # a text file has no pages


def test_unnumbered_block_is_cited_by_page_and_heading():
    assert place(row("p13", "bullet", "What needs to improve?", page=3), True) == "page 3, ‘What needs to improve?’"
    assert place(row("p12", "heading", "Judgement Grade", "What needs to improve?", page=2), True) == \
        "page 2, ‘What needs to improve?’"  # a heading is found by its own words
    assert place(row("p9", "table", "Summary"), True) == "‘Summary’"
    assert place(row("p1", "heading", "", ""), True) == "the opening lines"


def test_long_headings_are_clipped_at_a_word():
    heading = "The impact of leaders on social work practice with children and families: outstanding"
    out = place(row("p75", section=heading, page=11), True)
    assert out.startswith("page 11, ‘The impact of leaders") and out.endswith("…’") and len(out) < 80


def test_a_second_run_of_numbers_is_told_apart():
    assert place(row("25.2", page=8), True) == "para 25, page 8"
    assert place(row("25.2", section="Care leavers"), True) == "para 25, ‘Care leavers’"


def test_documents_without_printed_numbers():
    assert place(row("15"), False) == "para 15"  # an article: paragraphs counted
    assert place(row("57", section="Adoption", page=9), False) == "page 9, ‘Adoption’"  # never an invented number


@given(st.integers(1, 9999), st.none() | st.integers(1, 400), st.sampled_from(["para", "bullet", "heading", "table"]),
       st.text(alphabet="abcdefghijklmnoqrstuvwxyz ?’", max_size=80))  # headings that cannot spell an id
def test_an_internal_id_is_never_shown(n, page, kind, section):
    out = place(row(f"p{n}", kind, section, page=page), True)
    assert not re.search(rf"\bp{n}\b", out) and "para" not in out


def test_inspection_dates_read_as_a_span():
    assert span(meta()) == "16 to 20 October 2023"
    assert span(meta(inspection_start="2014-01-14", inspection_end="2014-02-05")) == "14 January to 5 February 2014"
    assert span(meta(inspection_start="2013-12-09", inspection_end="2014-01-10")) == "9 December 2013 to 10 January 2014"
    assert span(meta(inspection_start=None, inspection_end="2014-02-05")) == "5 February 2014"


def test_report_named_by_council_and_year():
    short, full, when = describe(meta())
    assert short == "Ofsted inspection report, Hounslow, 2023"
    assert full == ("Ofsted inspection report: “Inspection of Hounslow local authority children’s services”, Hounslow, "
                    "inspected 16 to 20 October 2023")
    assert when == "2023"


def test_letter_named_by_date_and_subject():
    m = meta(kind="letter", title="Annual unannounced inspection of contact, referral and assessment arrangements",
             inspection_start=None, inspection_end="2011-06-16", published="2011-07-14", numbered=False)
    short, full, when = describe(m)
    assert short == "Ofsted inspection letter to Hounslow, 14 July 2011, “Annual unannounced inspection of contact…”"
    assert "referral and assessment arrangements”" in full and full.endswith("Hounslow, 14 July 2011")
    assert when == "2011"


def test_a_letter_is_dated_as_it_is_named(engine):
    """The 2011 letter was named '14 July 2011' (its own date) and dated '16 June 2011' (its inspection's
    end) beside it: by the status line, the source view, `briefing sources` and `show` and the JSON."""
    from briefing_tui.briefing.cite import nice_date

    cited = [c for c in engine.ask("what did the 2011 inspection find?").sources() if "letter" in c.document]
    assert cited
    for c in cited:
        assert nice_date(c.date) == "14 July 2011"
        assert c.label.count("2011") == 1 and c.document.count("2011") == 1
    for doc in engine.documents():  # every document: its name gives the date it is dated by
        short, full, _ = describe(doc.meta)
        if doc.meta.kind in ("letter", "news"):
            assert nice_date(doc.meta.date) in short and full.endswith(nice_date(doc.meta.date))


def test_article_named_by_headline_outlet_and_date():
    m = meta(kind="news", title="Hounslow has improved", headline="Hounslow has improved", outlet="Hounslow Chronicle",
             inspection_start=None, inspection_end=None, published="2018-11-20", publisher=None, numbered=False)
    short, full, when = describe(m)
    assert short == "News article “Hounslow has improved”, Hounslow Chronicle, 20 November 2018"
    assert full == "News article: “Hounslow has improved”, Hounslow Chronicle, Hounslow, 20 November 2018"
    assert when == "20 November 2018"


def test_article_without_headline_or_date():
    m = meta(kind="news", title="Children's social care in Hounslow has been found wanting in all areas by Ofsted.",
             inspection_start=None, inspection_end=None, published=None, publisher=None, numbered=False)
    short, _, when = describe(m)
    assert short == "News article beginning “Children's social care in Hounslow has been found wanting in…”, undated"
    assert when == "undated article"


def test_cite_joins_document_and_place_and_keeps_the_stable_id():
    c = cite(row("p13", "bullet", "What needs to improve?", page=2), DocInfo(1, "2023-12-01-hounslow.pdf", meta()))
    assert c.paragraph == "p13"  # the JSON contract's stable id
    assert c.label == "Ofsted inspection report, Hounslow, 2023, page 2, ‘What needs to improve?’"


ROWS = [row("p1", "heading", "", "Judgement", page=1, idx=0), row("1", section="Judgement", page=1, idx=1),
        row("p3", "heading", "Judgement", "What needs to improve?", page=2, idx=2),
        row("p4", "bullet", "What needs to improve?", page=2, idx=3), row("p5", "bullet", "What needs to improve?", page=2, idx=4),
        row("25", section="Care", page=3, idx=5), row("25.2", section="Leaders", page=9, idx=6),
        row("26", section="Leaders", page=9, page_end=10, idx=7)]


@pytest.mark.parametrize("words, pids", [
    ("para 25", ["25"]), ("25", ["25"]), ("paragraph 26", ["26"]), ("para 25, page 9", ["25.2"]), ("p4", ["p4"]),
    ("page 2", ["p3", "p4", "p5"]), ("page 10", ["26"]), ("page 2, ‘What needs to improve?’", ["p4"]),
    ("Ofsted inspection report, Hounslow, 2023, page 2, ‘What needs to…’", ["p4"]),
    ("para 99", []), ("page 40", []), ("nonsense", []),
])
def test_find_place_reads_the_citations_words(words, pids):
    assert [r.pid for r in find_place(ROWS, words)] == pids


def test_read_place_takes_a_bare_id():
    assert read_place(" 106 ").pid == "106" and read_place("page 3").page == 3


# -- on real documents


def page_text(pdf, n: int) -> str:
    return " ".join(pdf[n - 1].get_textpage().get_text_range().split())


def test_pdf_citations_name_the_page_the_words_are_on(pdf_engine):
    pdfs = {name: pdfium.PdfDocument(REPORTS / name) for name in ("2014-03-21-hounslow.pdf", "2023-12-01-hounslow.pdf")}
    checked = 0
    for question in ("adoption", "care leavers", "what needs to improve?", "early help"):
        for item in pdf_engine.ask(question).items:
            c = item.citation
            assert not INTERNAL.search(c.label), c.label
            if c.doc in pdfs:
                page = int(re.search(r"pages? (\d+)", c.place).group(1))
                # the reader writes a bullet as "•" whatever glyph the PDF draws it with
                start = " ".join(c.source_text.lstrip("•◦▪‣- ").split()[:6])
                assert start in page_text(pdfs[c.doc], page), (c.label, start)
                checked += 1
    assert checked >= 4


def test_seed_citations_have_no_internal_ids_or_file_names(engine):
    labels = {c.label for q in ("adoption", "overall judgement", "What did Lily Bath say?", "2011", "LSCB")
              for c in engine.ask(q).sources()}
    assert labels and not [label for label in labels if INTERNAL.search(label)]
    assert any(label.startswith("Ofsted inspection report, Hounslow, 2014, para ") for label in labels)
    assert any(label.startswith("Ofsted inspection letter to Hounslow, 14 July 2011, “Annual unannounced") for label in labels)
    assert any(label.startswith("News article “Local Childrens' Services 'Require Improvement'”, 24 March 2014, para ")
               for label in labels)


def test_show_accepts_the_citations_words(pdf_engine, capsys):
    args = ["--cache", str(pdf_engine.cache)] + [a for p in pdf_engine.corpus for a in ("--corpus", str(p))]
    assert main(args + ["show", "2023-12-01-hounslow.pdf", "para 34, page 7"]) == 0
    out = capsys.readouterr().out
    assert "> [para 34, page 7]" in out
    assert main(args + ["show", "2023-12-01-hounslow.pdf", "page 2"]) == 0
    out = capsys.readouterr().out
    assert "[page 2, ‘What needs to improve?’]" in out and not re.search(r"\[p\d", out)
    assert main(args + ["show", "2023-12-01-hounslow.pdf", "page 99"]) == 2
    assert "has no paragraph 'page 99'" in capsys.readouterr().err
    assert main(args + ["show", "003_ecc5ab33cf1005e7.txt", "para 106"]) == 0
    assert "> [para 106]" in capsys.readouterr().out
