"""Brief on source: a document's judgements, strengths, weaknesses and recommendations, only from it."""
from __future__ import annotations

from briefing_tui.briefing.summary import from_document, scope_words, summarise


def test_summary_of_a_report_cites_only_that_report(pdf_engine):
    doc = next(d for d in pdf_engine.documents() if d.name == "2023-12-01-hounslow.pdf")
    assert scope_words(doc) == "Hounslow 2023"
    b = summarise(pdf_engine, doc)
    assert b.query.startswith("Summary of ") and doc.meta.title in b.query
    assert [s.kind for s in b.sections][:2] == ["judgement", "strengths"]
    assert all(any(from_document(c, doc) for c in (i.citation, *i.also)) for i in b.items)
    judgement = b.sections[0].items[0]
    assert "Good" in judgement.text or "good" in judgement.text


def test_the_same_report_as_text_and_pdf_counts_as_one_document(pdf_engine):
    docs = [d for d in pdf_engine.documents() if d.meta.date == "2014-02-05" and d.meta.kind == "report"]
    assert len(docs) == 2
    b = summarise(pdf_engine, docs[0])
    assert b.items and all(any(from_document(c, docs[1]) for c in (i.citation, *i.also)) for i in b.items)


def test_a_document_with_nothing_to_summarise_says_so(pdf_engine):
    from briefing_tui.briefing.compose import Briefing

    class Silent:
        def ask(self, question):
            return Briefing(question, None, ())

    doc = pdf_engine.documents()[0]
    b = summarise(Silent(), doc)
    assert b.empty and b.notes and doc.meta.title in b.notes[0]
