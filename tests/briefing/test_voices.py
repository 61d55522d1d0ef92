"""Children's, carers' and staff's words inside a report: quoted lines with the speaker the report
names by who they are, and findings that report someone's words carry that speaker."""
from briefing_tui.briefing.engine import Engine

REPORT = """Inspection of Anytown local authority children's services

The experiences and progress of children in care: good

The views of children in care are now actively sought through a wide range of engagement mechanisms. \
Children also told inspectors that they feel more valued, with one child saying: \u2018Things feel different, \
better now! You see more of the leadership team and others too.\u2019 Children are helped to understand their histories.

School leaders describe the services provided by the virtual school as \u2018brilliant\u2019. The \u2018Mind of \
My Own app\u2019 is used by most children to share their views before their reviews.
"""


def test_quotes_inside_findings(tmp_path):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "anytown.txt").write_text(REPORT, encoding="utf-8")
    engine = Engine([corpus], tmp_path / "cache", n_process=1)
    b = engine.ask("What did children in care tell inspectors?")
    quotes = next(s for s in b.sections if s.kind == "quotes").items
    assert any(i.text.startswith("Things feel different, better now!") and i.speaker == "one child"
               and not i.reported for i in quotes)
    # A finding that reports someone's words carries that speaker (whatever role the classifier gives it).
    index = engine.index
    stored = [h for h in index.sentences_of(tuple(index.doc_ids))
              if "virtual school as" in index.paragraph(h.para).text[h.start:h.end]]
    assert stored and stored[0].speaker == "school leaders"
    reported = [i for i in engine.ask("How good is the virtual school?").items if "virtual school as" in i.text]
    assert all(i.speaker == "school leaders" and i.reported for i in reported)
    named = [i for i in engine.ask("Mind of My Own app").items if "Mind of" in i.text]
    assert named and all(i.speaker is None for i in named)  # a name in quote marks is nobody's words
    assert engine.people() == []  # people by name only: 'one child' is nobody to look up
    engine.close()
