"""Rendering for email: unwrapped lines with note numbers, dated lines when documents differ, sources
grouped by document without file names, Markdown that escapes only Markdown, one line with its citation."""
import html
from dataclasses import replace
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing_tui.briefing.compose import Briefing, Citation, Item, Section
from briefing_tui.briefing.render import (dated, footnotes, grouped_sources, item_line, line_with_citation, md_escape,
                                          plain, to_dict, to_markdown, to_text)

R2014 = ("Ofsted inspection report: “London Borough of Hounslow”, Hounslow, inspected 14 January to 5 February 2014",
         "Ofsted inspection report, Hounslow, 2014")
R2023 = ("Ofsted inspection report: “Inspection of Hounslow local authority”, Hounslow, inspected 16 to 20 October 2023",
         "Ofsted inspection report, Hounslow, 2023")
NEWS = ("News article: “Local Childrens' Services 'Require Improvement'”, Hounslow, 24 March 2014",
        "News article “Local Childrens' Services 'Require Improvement'”, 24 March 2014")


def cite(doc_id, pid, place, doc=R2014, when="2014", text="Source paragraph."):
    name = {R2014: "003_ecc5ab33cf1005e7.txt", R2023: "2023-12-01-hounslow.pdf", NEWS: "001_78a7f9386b4f35df.txt"}[doc]
    return Citation(name, pid, f"{doc[1]}, {place}", text, doc_id, hash(pid) % 1000, "Title", "2014-02-05", place,
                    doc[0], when)


ADOPTION_2014 = cite(1, "p9", "‘The overall judgement is requires improvement.’")
P106 = cite(1, "106", "para 106")
P33 = cite(2, "33", "para 33, page 7", R2023, "2023")
P34 = cite(2, "34", "para 34, page 7", R2023, "2023")
QUOTE = cite(3, "15", "para 15", NEWS, "24 March 2014")

MIXED = Briefing("adoption", "Adoption", (
    Section("judgement", "Inspectors' judgements",
            (Item("2.1 Adoption performance\tRequires improvement", ADOPTION_2014, area="Adoption performance"),)),
    Section("strengths", "What is working well", (
        Item("Children placed for adoption are well supported.", P33),
        Item("Adoption support is widely available and effective.", P34, also=(P106,)))),
    Section("weaknesses", "What needs to get better", (
        Item("Hounslow now takes 222 days on average (the national figure is 152_days).", P106),)),
    Section("quotes", "What people said", (
        Item("We know what areas we need to work on.", QUOTE, speaker="Councillor Lily Bath"),)),
))

MIXED_TEXT = """Briefing: adoption
Topic: Adoption

INSPECTORS' JUDGEMENTS
- Adoption performance: requires improvement (2014) [1]

WHAT IS WORKING WELL
- Children placed for adoption are well supported. (2023) [2]
- Adoption support is widely available and effective. (2023) [3][4]

WHAT NEEDS TO GET BETTER
- Hounslow now takes 222 days on average (the national figure is 152_days). (2014) [4]

WHAT PEOPLE SAID
- “We know what areas we need to work on.” — Councillor Lily Bath (24 March 2014) [5]

SOURCES
Ofsted inspection report: “London Borough of Hounslow”, Hounslow, inspected 14 January to 5 February 2014
  [1] ‘The overall judgement is requires improvement.’
  [4] para 106
Ofsted inspection report: “Inspection of Hounslow local authority”, Hounslow, inspected 16 to 20 October 2023
  [2] para 33, page 7
  [3] para 34, page 7
News article: “Local Childrens' Services 'Require Improvement'”, Hounslow, 24 March 2014
  [5] para 15
"""

MIXED_MARKDOWN = """# Briefing: adoption
*Topic: Adoption*

## Inspectors' judgements

- Adoption performance: requires improvement (2014) [^1]

## What is working well

- Children placed for adoption are well supported. (2023) [^2]
- Adoption support is widely available and effective. (2023) [^3][^4]

## What needs to get better

- Hounslow now takes 222 days on average (the national figure is 152_days). (2014) [^4]

## What people said

- “We know what areas we need to work on.” — Councillor Lily Bath (24 March 2014) [^5]

## Sources

**Ofsted inspection report: “London Borough of Hounslow”, Hounslow, inspected 14 January to 5 February 2014**

[^1]: Ofsted inspection report, Hounslow, 2014, ‘The overall judgement is requires improvement.’
[^4]: Ofsted inspection report, Hounslow, 2014, para 106

**Ofsted inspection report: “Inspection of Hounslow local authority”, Hounslow, inspected 16 to 20 October 2023**

[^2]: Ofsted inspection report, Hounslow, 2023, para 33, page 7
[^3]: Ofsted inspection report, Hounslow, 2023, para 34, page 7

**News article: “Local Childrens' Services 'Require Improvement'”, Hounslow, 24 March 2014**

[^5]: News article “Local Childrens' Services 'Require Improvement'”, 24 March 2014, para 15
"""


def test_email_text_of_a_briefing_over_three_documents():
    assert to_text(MIXED) == MIXED_TEXT


def test_markdown_of_a_briefing_over_three_documents():
    assert to_markdown(MIXED) == MIXED_MARKDOWN


def test_one_document_lines_carry_no_dates_but_judgements_keep_their_year():
    b = Briefing("adoption", None, (
        Section("judgement", "Inspectors' judgements", (Item("Requires improvement.", ADOPTION_2014, area="Adoption performance"),)),
        Section("weaknesses", "What needs to get better", (Item("Hounslow now takes 222 days.", P106),))))
    assert not dated(b)
    out = to_text(b)
    assert "- Adoption performance: requires improvement (2014) [1]\n" in out
    assert "- Hounslow now takes 222 days. [2]\n" in out
    assert out.count("Ofsted inspection report: “London Borough of Hounslow”") == 1


def test_lines_of_several_councils_say_whose_they_are():
    brent = replace(cite(4, "p3", "page 3", R2023, "2026"), council="Brent")
    tameside = replace(cite(5, "p4", "page 4", R2023, "2023"), council="Tameside")
    grades = (Item("Inadequate", tameside, area="Overall effectiveness"), Item("Good", brent, area="Leadership"))
    b = Briefing("grades in Brent and Tameside", None, (
        Section("judgement", "Inspectors' judgements", grades),
        Section("strengths", "What is working well", (Item("Plans are robust.", brent),))))
    out = to_text(b)
    assert "- Overall effectiveness: inadequate (Tameside, 2023) [1]\n" in out
    assert "- Plans are robust. (Brent, 2026) [2]\n" in out
    assert "(Brent, 2026)" in to_markdown(b)
    # one council (or none recorded): the year alone, as before
    one = Briefing("adoption", None, (Section("judgement", "Inspectors' judgements", grades[1:]),))
    assert "- Leadership: good (2026) [1]\n" in to_text(one)


def test_grades_keep_their_official_wording():
    item = Item("The experiences and progress of care leavers\tRequires improvement to be good", P33, area="Care leavers")
    assert item_line(item) == "Care leavers: requires improvement to be good (2023)"


def test_the_highlighted_line_alone_with_its_citation():
    assert line_with_citation(MIXED.sections[1].items[1]) == (
        "Adoption support is widely available and effective. (Ofsted inspection report, Hounslow, 2023, para 34, "
        "page 7; also Ofsted inspection report, Hounslow, 2014, para 106)")
    assert line_with_citation(MIXED.sections[0].items[0]) == (
        "Adoption performance: requires improvement (Ofsted inspection report, Hounslow, 2014, "
        "‘The overall judgement is requires improvement.’)")
    assert line_with_citation(MIXED.sections[3].items[0]) == (
        "“We know what areas we need to work on.” — Councillor Lily Bath (News article “Local Childrens' Services "
        "'Require Improvement'”, 24 March 2014, para 15)")


def test_notes_number_in_reading_order_and_sources_group_them():
    notes = footnotes(MIXED)
    assert [notes[(c.doc_id, c.paragraph)] for c in (ADOPTION_2014, P33, P34, P106, QUOTE)] == [1, 2, 3, 4, 5]
    assert [[n for n, _ in cites] for _, cites in grouped_sources(MIXED)] == [[1, 4], [2, 3], [5]]


def test_a_terminal_may_still_wrap():
    out = to_text(MIXED, width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "  (2014) [4]" not in out


def test_json_keeps_file_names_and_the_readable_label():
    item = to_dict(MIXED)["sections"][1]["items"][0]["citation"]
    assert item["doc"] == "2023-12-01-hounslow.pdf" and item["paragraph"] == "33"
    assert item["label"] == "Ofsted inspection report, Hounslow, 2023, para 33, page 7"
    assert item["place"] == "para 33, page 7" and item["when"] == "2023"


# -- Markdown escaping


MD = MarkdownIt("commonmark").enable(["strikethrough", "table"])


def shown(markdown: str) -> str:
    """What a Markdown viewer shows for a one-item list: its text, with no other markup."""
    rendered = MD.render(markdown).strip()
    inner = re.fullmatch(r"<ul>\n<li>(.*)</li>\n</ul>", rendered, re.S)
    assert inner, rendered
    assert "<" not in inner.group(1), rendered  # no emphasis, code, link, list, heading or HTML made of the text
    return html.unescape(inner.group(1))


def test_ordinary_text_needs_no_backslashes():
    for text in ("Requires improvement (2014)", "snake_case and 003_ecc5ab33cf1005e7", "C# + 2 = 4!", "Q&A", "50% of 1,758",
                 "a > b", "a | b"):
        assert md_escape(text) == text


def test_markdown_syntax_in_text_is_escaped():
    assert md_escape("*really* _this_ [link](x) `code` ~~gone~~ <b>") == \
        r"\*really\* \_this\_ \[link\](x) \`code\` \~\~gone\~\~ \<b>"
    assert md_escape("1. first") == r"1\. first" and md_escape("# title") == r"\# title"
    assert md_escape("&amp; &#169;") == r"\&amp; \&#169;"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_markdown_shows_document_text_literally(text):
    if plain(text):
        assert shown(f"- {md_escape(text)}") == plain(text)


# -- a real briefing from the seeds


def test_real_briefing_email_text(engine):
    b = engine.ask("adoption")
    out = to_text(b)
    body, sources = out.split("\nSOURCES\n")
    items = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(items) == len(b.items)  # one line each: nothing wrapped
    assert all(re.search(r"(\[\d+\])+$", line) for line in items)
    assert not re.search(r"[0-9a-f]{16}|\.txt|\.pdf|para p\d", out)  # no file names, no internal ids
    documents = [line for line in sources.splitlines() if line and not line.startswith("  ")]
    assert len(documents) == len(set(documents)) == len({c.doc_id for c in b.sources()})
    assert "Ofsted inspection report: “London Borough of Hounslow”, Hounslow, inspected 14 January to 5 February 2014" \
        in documents
    numbers = [int(n) for n in re.findall(r"^  \[(\d+)\]", sources, re.M)]
    assert sorted(numbers) == list(range(1, len(b.sources()) + 1))
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited == set(numbers)
    if dated(b):
        assert all(re.search(r"\((\d{4}|\d{1,2} \w+ \d{4}|undated article)\) (\[\d+\])+$", line) for line in items)


def test_a_reported_line_is_the_report_s_words_not_a_quote():
    from briefing_tui.briefing.render import item_line

    said = Item("Children told inspectors how frustrating this is for them.", P33, speaker="children", reported=True)
    assert item_line(said) == "Children told inspectors how frustrating this is for them."
    quoted = Item("Things feel different, better now!", P33, speaker="one child")
    assert item_line(quoted) == "\u201cThings feel different, better now!\u201d \u2014 one child"
