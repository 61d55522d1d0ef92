from pathlib import Path

import pytest

from briefing_tui.corpus import UnreadableFile, load_document
from briefing_tui.corpus.lines import join_wrapped
from briefing_tui.corpus.readers import html_lines, markdown_lines


def test_html_keeps_text_drops_scripts_and_navigation():
    page = ("<html><head><script>alert('x')</script><style>p{}</style></head><body><nav>Home | News</nav>"
            "<h1>Council report</h1><p>Inspectors found <b>good</b> practice.</p><ul><li>First item</li></ul>"
            "<footer>Contact us</footer></body></html>")
    lines = [line for line in html_lines(page) if line]
    assert lines == ["Council report", "Inspectors found good practice.", "• First item"]


def test_markdown_drops_marks_keeps_items():
    lines = [line for line in markdown_lines("# Title\n\nSome **bold** text\nrunning on.\n\n* item one\n* item two\n") if line]
    assert lines == ["Title", "Some bold text running on.", "- item one", "- item two"]


def test_hyphen_at_line_end_joined_or_kept():
    assert join_wrapped("the assess-", "ment of risk") == "the assessment of risk"
    assert join_wrapped("a good-", "quality service", {"good-quality"}) == "a good-quality service"
    assert join_wrapped("a good\ufffe", "quality service", {"good-quality"}) == "a good-quality service"


def test_cp1252_text_is_read(tmp_path: Path):
    f = tmp_path / "note.txt"
    f.write_bytes("Inspectors said the service was \u201cgood\u201d.\n\nCare leavers \u2013 well supported.".encode("cp1252"))
    doc = load_document(f)
    assert "\u201cgood\u201d" in doc.paragraphs[0].text


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unreadable_files_say_why(tmp_path: Path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        load_document(f)


def test_terminal_codes_are_removed(tmp_path: Path):
    f = tmp_path / "codes.txt"
    f.write_text("Staff \x1b[31mmorale\x1b[0m is high.\x07\n", encoding="utf-8")
    doc = load_document(f)
    assert doc.paragraphs[0].text == "Staff morale is high."
