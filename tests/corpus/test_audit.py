"""The paragraph audit: its rules on small inputs, the three fixture reports, and every shared report."""
import importlib.util
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import REPORTS, ROOT

_spec = importlib.util.spec_from_file_location("paragraph_audit", ROOT / "benchmarks" / "audit.py")
audit = sys.modules["paragraph_audit"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


@dataclass(frozen=True)
class P:
    pid: str
    kind: str
    text: str
    page: int = 1
    page_end: int | None = None


def page(*lines, headings=()):
    return audit.PageText(tuple(lines), tuple(headings))


def test_fragment_unless_the_report_starts_the_item_in_lower_case():
    pages = [page("and achieving permanence", "• the timeliness of visits", "12. children’s plans are reviewed")]
    found = audit.fragments([P("p1", "para", "and achieving permanence"), P("p2", "bullet", "• the timeliness of visits"),
                             P("12", "para", "children’s plans are reviewed")], pages)
    assert [f.pid for f in found] == ["p1"]


def test_join_only_where_the_page_never_prints_it_on_one_line():
    pages = [page("improve the timeliness of information-sharing.", "emergency duty team.",
                  "services, e.g. the family hubs, are open")]
    paragraphs = [P("4", "para", "improve the timeliness of information-sharing. emergency duty team."),
                  P("5", "para", "services, e.g. the family hubs, are open")]
    assert [f.pid for f in audit.joins(paragraphs, pages)] == ["4"]


def test_glued_heading_found_at_a_paragraphs_end_but_not_inside_a_sentence():
    pages = [page(headings=["The experiences and progress of care leavers: good", "Areas for improvement"])]
    paragraphs = [P("34", "para", "Decisions are not consistently timely. The experiences and progress of care leavers: good"),
                  P("35", "para", "Areas for improvement identified last time have been addressed.")]
    assert [f.pid for f in audit.glued_headings(paragraphs, pages)] == ["34"]


def test_numbering_gaps_and_repeats_where_the_pages_number_paragraphs():
    pages = [page(*[f"{n}. Text of paragraph {n}" for n in range(1, 12)])]
    stored = [P(str(n), "para", "x") for n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)] + [P("7.2", "para", "x")]
    found = audit.numbering(stored, pages)
    assert sorted((f.pid, f.detail) for f in found) == [("4", "missing"), ("7", "repeated")]
    assert audit.numbering(stored, [page("1. One", "2. Two")]) == []  # not a numbered report


def test_text_found_in_order_on_its_pages_with_furniture_between():
    have = audit.letters("Leaders know their staff Inspection of X 16 to 20 October 2023 well and support them")
    assert audit.in_order(audit.letters("Leaders know their staff well and support them"), have, pieces=3)
    assert not audit.in_order(audit.letters("support them well and Leaders know their staff"), have, pieces=3)


def _check(results):
    counts = {kind: sum(a.count(kind) for a in results) for kind in audit.KINDS}
    worst = [f"{a.name} {f.kind} {f.pid}: {f.detail}" for a in results for f in a.findings][:20]
    assert counts["fragment"] == counts["join"] == counts["heading"] == 0, f"{counts}\n" + "\n".join(worst)
    assert counts["numbering"] == 0, f"{counts}\n" + "\n".join(worst)
    return counts


def test_fixture_reports_read_without_defects():
    counts = _check([audit.audit_file(path) for path in sorted(REPORTS.glob("*.pdf"))])
    assert counts["not found"] == 0


@pytest.mark.skipif(not audit.DEFAULT_CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_every_shared_report_reads_without_defects():
    results = [audit.audit_file(path) for path in audit.pdfs([audit.DEFAULT_CORPUS])]
    assert len(results) >= 100
    _check(results)
