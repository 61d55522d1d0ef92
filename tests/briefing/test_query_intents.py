"""intents.json is validated on load, and its readings are those a councillor means."""
import pytest

from briefing_tui.briefing.intents import BadIntentData, grammar, parse_grammar, read, speakers_in_role

GOOD = {"intents": [{"id": "figures", "patterns": ["\\bhow many\\b"]}],
        "whole_document": {"patterns": ["\\bsummary\\b"]},
        "speakers": [{"role": "press", "asked": ["\\bpress\\b"], "described": ["journalist"], "source": True}],
        "figure_subject": {"patterns": ["how many (?P<subject>[a-z ]+)"], "subject_ends": ["are"]}}


def test_shipped_file_loads():
    g = grammar()
    assert {i.id for i in g.intents} >= {"judgement", "strengths", "weaknesses", "actions", "figures", "quotes",
                                         "change", "comparison", "response"}


@pytest.mark.parametrize("bad", [
    {**GOOD, "intents": [{"id": "gossip", "patterns": ["x"]}]},
    {**GOOD, "intents": [{"id": "figures", "patterns": ["(unclosed"]}]},
    {**GOOD, "intents": [{"id": "figures", "patterns": "not a list"}]},
    {**GOOD, "intents": [{"id": "figures", "patterns": ["x"], "implies": ["gossip"]}]},
    {**GOOD, "figure_subject": {"patterns": ["how many ([a-z]+)"]}},
    {**GOOD, "speakers": [{"asked": ["x"], "described": ["y"]}]},
])
def test_bad_data_fails_loudly(bad):
    with pytest.raises(BadIntentData, match="intents.json"):
        parse_grammar(bad)


def test_a_small_grammar_reads_questions():
    g = parse_grammar(GOOD)
    r = read("How many foster carers are there? What did the press say?", g)
    assert r.intents == {"figures"} and r.figure_subject == "foster carers" and r.speaker_roles == ("press",)


def test_roles_find_speakers_by_their_description():
    people = ["Councillor Lily Bath, cabinet member for children's services at the council",
              "a council spokesman", "Ann Smith, Director of Children's Services", "the report"]
    assert speakers_in_role(("portfolio_holder",), people) == [people[0]]
    assert speakers_in_role(("council",), people) == [people[1]]
    assert speakers_in_role(("director",), people) == [people[2]]
    assert speakers_in_role(("press",), people) == []


def test_consumed_words_are_not_topics():
    assert "judged" in read("Why was Swindon judged inadequate?").consumed


def test_framing_words_sum_up_and_who_said_questions():
    from briefing_tui.briefing.intents import read

    assert read("sum up Ofsted's inspection of Hammersmith and Fulham").whole_document
    assert read("what must Trafford put right?").whole_document
    assert "judgement" in read("what did Manchester get in its 2025 Ofsted inspection?").intents
    assert "quotes" in read("what do adopters say about adopting through North Lincolnshire?").intents
    assert "quotes" not in read("what does the report say about adoption?").intents
    assert "change" in read("why did Stockport drop from good in 2022?").intents
    assert "change" not in read("were children dropped from plans").intents
