"""`briefing paragraphs`: every stored paragraph as read, for a person or an auditor."""
import json

from briefing_tui.cli import main
from tests.conftest import REPORTS, SEEDS


def run(capsys, engine, *args):
    code = main(["--cache", str(engine.cache), "--corpus", str(SEEDS), "--corpus", str(REPORTS), "paragraphs", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_gives_every_paragraph_with_label_page_section_kind(capsys, pdf_engine):
    code, out, err = run(capsys, pdf_engine, "2023-12-01-hounslow.pdf", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert set(rows[0]) == {"doc", "id", "label", "page", "page_end", "section", "kind", "text"}
    assert {r["doc"] for r in rows} == {"2023-12-01-hounslow.pdf"}
    numbered = [r for r in rows if r["label"]]
    assert [int(r["label"]) for r in numbered] == list(range(1, len(numbered) + 1))
    assert {r["kind"] for r in rows} >= {"paragraph", "bullet", "heading", "table row", "boilerplate"}
    item = next(r for r in rows if r["kind"] == "bullet")
    assert item["section"] == "Inspection of Hounslow local authority children’s services > What needs to improve?"
    assert item["page"] == 2
    assert all(r["label"] is None for r in rows if r["kind"] != "paragraph")


def test_text_format_is_readable(capsys, pdf_engine):
    code, out, _ = run(capsys, pdf_engine, "2014-03-21-hounslow.pdf")
    assert code == 0
    assert "2014-03-21-hounslow.pdf [77] paragraph, page 15-16" in out


def test_unknown_document_is_one_line_on_stderr(capsys, pdf_engine):
    code, out, err = run(capsys, pdf_engine, "no-such-report.pdf", "--format", "jsonl")
    assert code != 0 and out == ""
    assert err.startswith("briefing: no document called 'no-such-report.pdf'") and err.count("\n") == 1
