import pytest

from briefing_tui.briefing.query import parse_query


class Vocab:
    def __init__(self, words, people=()):
        self.words = set(words)
        self._people = list(people)

    def known(self, term):
        return term in self.words

    def terms(self):
        return sorted(self.words)

    def people(self):
        return self._people


VOCAB = Vocab(["adoption", "foster", "carer", "placement", "stability", "advocacy", "child", "plan", "leaver"],
              ["Councillor Lily Bath, cabinet member for children's services at the council"])


def test_topic_from_plain_english():
    assert parse_query("kids in care", VOCAB).topics[0] == "children_in_care"
    assert "care_leavers" in parse_query("young people leaving care", VOCAB).topics


def test_typo_is_corrected_to_a_known_word():
    q = parse_query("fostring", VOCAB)
    assert "fostering" in q.topics
    assert q.corrections


def test_acronym_in_any_case():
    q = parse_query("what about the lscb", VOCAB)
    assert "LSCB" in q.entities and "lscb" in q.topics
    assert "EDT" in parse_query("Edt access", VOCAB).entities


def test_speaker_intent():
    q = parse_query("What did councilor bath say?", VOCAB)
    assert q.people == ("Councillor Lily Bath, cabinet member for children's services at the council",)
    assert "quotes" in q.intents
    assert "leadership" not in q.topics


def test_council_year_and_recency():
    q = parse_query("Leeds adoption in 2018", VOCAB)
    assert q.council == "Leeds" and q.years == (2018,)
    assert parse_query("what changed since 2014?", VOCAB).since == 2014
    assert parse_query("the latest inspection", VOCAB).latest


def test_intents():
    assert "figures" in parse_query("how long are children waiting to be adopted?", VOCAB).intents
    assert "judgement" in parse_query("What was the overall judgement?", VOCAB).intents
    assert "strengths" in parse_query("what are the strengths of fostering", VOCAB).intents


def test_hostile_text_is_harmless():
    q = parse_query('\x1b[31m"; DROP TABLE x; -- NEAR( * OR [bold]x[/]' + "a" * 100000, VOCAB)
    assert len(q.text) <= 2000
    assert "\x1b" not in q.text


@pytest.mark.parametrize("question, names", [
    ("We Do Care group", ("We Do Care",)),
    ("what does the HIVE team do?", ("HIVE",)),
    ("what is Our Safe Space and how does it help foster carers?", ("Our Safe Space",)),
    ("Do IROs in Swindon challenge drift?", ("IRO",)),  # read with an s after it or not
    ("Compare the LADO in Brent and Tameside", ("LADO",)),  # councils are no names to search for
    ("Fostering in Leeds", ()),  # a capital that only opens the question
    ("UASC housing in York", ("UASC",)),
    ("how long are children waiting to be adopted?", ()),
    ("What did Councillor Lily Bath say about adoption?", ()),  # a speaker is found by name, not searched
])
def test_the_names_a_question_writes_with_capitals(question, names):
    assert parse_query(question, VOCAB).names == names


def test_two_words_the_corpus_writes_as_one_are_one_word_of_the_question():
    vocab = Vocab(["famili", "breakdown", "workload"])
    q = parse_query("help to stop families breaking down", vocab)
    assert frozenset({"break", "down", "breakdown"}) in q.words
    assert q.terms["breakdown"] < q.terms["break"]  # searched, as a form of the question's words
    assert all(len(w) == 1 for w in parse_query("help to stop families breaking down", VOCAB).words)
    assert frozenset({"work", "load", "workload"}) in parse_query("are work loads too high?", vocab).words
