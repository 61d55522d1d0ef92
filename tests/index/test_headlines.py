"""A report's headline paragraphs found by structure: after the grades table, under the summary heading,
an article's opening; and the sentences of chosen paragraphs scored for a question."""
import re

import pytest

from briefing_tui.index.search import Index, Outline, headline_paragraphs
from tests.index.tiny import graded_store


def _rows(*spec):
    """Outline rows numbered from 1: (kind, prior, heading text)."""
    return [Outline(n, kind, prior, heading) for n, (kind, prior, heading) in enumerate(spec, start=1)]


def test_the_paragraphs_after_the_grades_table_up_to_the_next_heading():
    rows = _rows(("heading", None, "Inspection of X"), ("meta", None, None), ("table", None, None),
                 ("table", None, None), ("para", None, None), ("para", None, None),
                 ("heading", None, "What needs to improve?"), ("bullet", "action", None), ("para", None, None))
    assert headline_paragraphs(rows, {3, 4}, False, 3) == (5, 6)
    assert headline_paragraphs(rows, {3, 4}, False, 1) == (5,)
    assert headline_paragraphs(rows, set(), False, 3) == ()  # no grades table, no summary heading: no headline


def test_a_graded_heading_in_the_body_does_not_open_a_headline():
    rows = _rows(("heading", None, "Help and protection: good"), ("para", None, None), ("para", None, None))
    assert headline_paragraphs(rows, {1}, False, 3) == ()


def test_the_summary_heading_opens_a_headline_that_skips_boilerplate_and_stops_at_recommendations():
    rows = _rows(("heading", None, "Contents"), ("meta", "boilerplate", None), ("heading", None, "Summary of key findings"),
                 ("heading", None, "Services are inadequate because:"), ("para", "boilerplate", None),
                 ("para", None, None), ("para", "action", None), ("para", None, None))
    assert headline_paragraphs(rows, set(), False, 3) == (6,)
    # only the first summary heading counts: a later 'Summary' of a sub-section is not the headline
    later = rows + [Outline(20, "heading", None, "Summary"), Outline(21, "para", None, None)]
    assert headline_paragraphs(later, set(), False, 3) == (6,)


def test_an_article_opens_with_its_headline():
    rows = _rows(("para", None, None), ("para", None, None), ("para", None, None), ("para", None, None))
    assert headline_paragraphs(rows, set(), True, 2) == (1, 2)
    assert headline_paragraphs(rows, set(), False, 2) == ()


@pytest.fixture()
def index():
    return Index(graded_store(), (1, 2, 3))


def test_the_index_finds_each_document_s_headline(index):
    found = index.headlines((1, 2, 3), 60, 3)
    assert found[1] == ()  # a report without a grades table or a summary heading
    (opening,) = found[2]  # the article opens with its headline
    assert index.paragraph(opening).text.startswith("Adoption is too slow")
    (para,) = found[3]
    assert index.paragraph(para).text.startswith("Children in Beta continue")
    assert index.headlines((3,), 60, 3) == {3: found[3]}  # remembered


def test_sentences_in_paragraphs_are_scored_for_the_question(index):
    (para,) = index.headlines((3,), 60, 3)[3]
    (hit,) = index.sentences_in([para], {"servic": 1.0, "zebra": 1.0})
    assert hit.role == "neutral" and hit.score > 0
    (cold,) = index.sentences_in([para], {"adopt": 1.0})
    assert cold.score == 0.0


def test_sentences_saying_a_pattern_are_found_whatever_their_words(index):
    hits = index.sentences_saying((1, 2), re.compile(r"\bwell supported\b"), {"foster": 1.0})
    assert [index.paragraph(h.para).text[h.start:h.end] for h in hits] == ["Foster carers are well supported."]
    assert hits[0].score > 0
    assert index.sentences_saying((2,), re.compile(r"\bwell supported\b"), {"foster": 1.0}) == []


def test_a_remembered_pattern_scan_is_scored_afresh_for_each_question(index):
    pattern = re.compile(r"\bwell supported\b")
    first = index.sentences_saying((1, 2), pattern, {"foster": 1.0})
    again = index.sentences_saying((1, 2), pattern, {"zebra": 1.0})  # the scan remembered, not its scores
    assert [h.id for h in again] == [h.id for h in first] and again[0].score == 0.0 < first[0].score
    assert index.sentences_saying((1, 2), re.compile(r"\bnever said\b"), {"foster": 1.0}) == []
