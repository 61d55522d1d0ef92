"""The reading of councillors' questions, as a table: intents, topics, councils, years, whole-document
flag, figure subject and speaker roles. Questions written for this table from the kinds councillors
ask (grades, strengths and weaknesses, recommendations, figures, quotes, change, comparisons, councils
in their many written forms), not copied from any scored question set."""
import statistics
import time

import pytest

from briefing_tui.briefing.query import parse_query

from .test_query import Vocab

SPEAKERS = ["Councillor Lily Bath, cabinet member for children's services at the council",
            "Jane Doe, director of children's services",
            "a council spokesman",
            "Sam Reporter, a journalist"]
VOCAB = Vocab(["adoption", "foster", "carer", "placement", "stability", "child", "plan", "leaver", "worker", "referral",
               "social", "caseload", "manageabl", "inspector", "screen", "electronic", "record", "system", "case",
               "hub", "journey", "group", "ohana", "recruit", "parent", "breakdown", "leeds", "hounslow", "rotherham"],
              SPEAKERS)

# question, intents (exactly), topics (at least), councils (exactly), years, whole-document, extra checks
TABLE = [
    ("What overall grade did Bexley get?", {"judgement"}, {"overall"}, ("Bexley",), (), False, {}),
    ("what do inspectors say about adoption?", set(), {"adoption"}, (), (), False, {}),
    ("support for children over 16", set(), set(), (), (), False, {}),
    ("Why was Swindon judged inadequate?", {"judgement", "weaknesses"}, set(), ("Swindon",), (), True,
     {"no_topic": "court"}),
    ("What must Camden improve?", {"actions"}, set(), ("Camden",), (), True, {}),
    ("What did the 2011 inspection find?", set(), set(), (), (2011,), True, {}),
    ("how many children in care does Leeds have?", {"figures"}, {"children_in_care"}, ("Leeds",), (), False,
     {"subject": "children in care"}),
    ("Compare the LADO in Brent and Tameside", {"comparison"}, set(), ("Brent", "Tameside"), (), False,
     {"entity": "LADO"}),
    ("How are foster carers doing in Stockton on Tees?", set(), {"fostering"}, ("Stockton-on-Tees",), (), False, {}),
    ("Stoke care leavers", set(), {"care_leavers"}, ("Stoke-on-Trent",), (), False, {}),
    ("Has NE Lincs got better since 2021?", {"change"}, set(), ("North East Lincolnshire",), (2021,), False,
     {"since": 2021}),
    ("RBKC adoption timeliness", set(), {"adoption"}, ("Kensington and Chelsea",), (), False, {}),
    ("B&NES fostering", set(), {"fostering"}, ("Bath and North East Somerset",), (), False, {}),
    ("Kingston upon Hull children in care", set(), {"children_in_care"}, ("Kingston upon Hull",), (), False, {}),
    ("Kingston children in care", set(), {"children_in_care"}, ("Kingston upon Thames",), (), False, {}),
    ("What did the cabinet member say about the report?", {"quotes"}, set(), (), (), False,
     {"roles": ("portfolio_holder",), "people": [SPEAKERS[0]]}),
    ("How did the council respond to the inspection?", {"response", "quotes"}, set(), (), (), False,
     {"roles": ("council",), "people": [SPEAKERS[2]]}),
    # The press is a source: what it reported is its findings, not someone's words.
    ("What did the press say about Hounslow?", set(), set(), ("Hounslow",), (), False, {"roles": ("press",)}),
    ("plain english summary of the Hounslow report", set(), set(), ("Hounslow",), (), True, {"no_corrections": True}),
    ("press coverage of adoption", set(), {"adoption"}, (), (), False, {"no_corrections": True}),
    ("Who said adoption breakdowns were rare?", {"quotes"}, {"adoption"}, (), (), False, {}),
    ("Is Leeds still rated outstanding?", {"judgement", "change"}, set(), ("Leeds",), (), False, {}),
    ("How long do children wait to be adopted?", {"figures"}, {"adoption"}, (), (), False, {}),
    ("What are the strengths of the fostering service?", {"strengths"}, {"fostering"}, (), (), False, {}),
    ("What are the main concerns about the MASH?", {"weaknesses"}, set(), (), (), False, {"entity": "MASH"}),
    ("What should Hounslow do next about care leavers?", {"actions"}, {"care_leavers"}, ("Hounslow",), (), False, {}),
    ("How much has Medway improved since it was judged inadequate in 2019?", {"change", "judgement"}, set(),
     ("Medway",), (2019,), False, {"since": 2019}),
    ("Which councils have good support for care leavers?", {"comparison"}, {"care_leavers"}, (), (), False, {}),
    ("the number of care leavers in Stockton", {"figures"}, {"care_leavers"}, ("Stockton-on-Tees",), (), False,
     {"subject": "care leavers"}),
    ("what percentage of care leavers are NEET in Knowsley?", {"figures"}, {"neet"}, ("Knowsley",), (), False, {}),
    ("Were the electronic case recording systems up to the job?", set(), set(), (), (), False,
     {"no_corrections": True}),
    ("kids in care Wigan", set(), {"children_in_care"}, ("Wigan",), (), False, {}),
    ("Reading adoption inspection", set(), {"adoption"}, ("Reading",), (), False, {}),
    ("reading age of children in care", set(), {"children_in_care"}, (), (), False, {}),
    ("Does the director think caseloads are manageable?", {"quotes"}, set(), (), (), False,
     {"roles": ("director",), "people": [SPEAKERS[1]]}),
    ("City of York care leavers", set(), {"care_leavers"}, ("York",), (), False, {}),
    ("Brighton and Hove LADO", set(), set(), ("Brighton and Hove",), (), False, {"entity": "LADO"}),
    ("Nottingham City fostering", set(), {"fostering"}, ("Nottingham",), (), False, {}),
    ("How do Ealing and Hounslow compare on NEET care leavers?", {"comparison"}, {"neet"}, ("Ealing", "Hounslow"), (),
     False, {}),
    ("Cheshire West adoption", set(), {"adoption"}, ("Cheshire West and Chester",), (), False, {}),
    ("Cheshire East adoption", set(), {"adoption"}, ("Cheshire East",), (), False, {}),
    ("St. Helens private fostering", set(), {"private_fostering"}, ("St Helens",), (), False, {}),
    ("What did children tell inspectors about their social workers?", {"quotes"}, set(), (), (), False, {}),
    ("Summarise the Tower Hamlets report", set(), set(), ("Tower Hamlets",), (), True, {}),
    ("Are there delays in care proceedings in Rotherham?", {"weaknesses"}, {"court"}, ("Rotherham",), (), False, {}),
    ("what needs to improve in early help", {"actions"}, {"early_help"}, (), (), False, {}),
    ("Has adoption changed since the 2014 inspection?", {"change"}, {"adoption"}, (), (2014,), False, {"since": 2014}),
    # Grades of two inspections set side by side are their change (the grades oldest first)
    ("What grades did Hounslow get in 2014 and 2023?", {"judgement", "change"}, set(), ("Hounslow",), (2014, 2023),
     False, {}),
    ("Stokton fostering", set(), {"fostering"}, ("Stockton-on-Tees",), (), False, {}),
    ("Is Durham outstanding?", {"judgement"}, set(), ("Durham",), (), False, {}),
    ("how quickly are referrals screened in the MASH", {"figures"}, set(), (), (), False, {"entity": "MASH"}),
    ("changes of social worker for children in care", set(), {"children_in_care"}, (), (), False, {}),
    ("What should the council do about placement stability?", {"actions"}, {"placement_stability"}, (), (), False, {}),
    ("statement from the council leader", {"response", "quotes"}, set(), (), (), False, {"roles": ("leader",)}),
    ("What did Ofsted find in Manchester in 2014?", set(), set(), ("Manchester",), (2014,), True, {}),
    ("Which council has a hub for care leavers called the Journey?", {"comparison"}, {"care_leavers"}, (), (), False,
     {}),
    ("Blackburn UASC", set(), {"uasc"}, ("Blackburn with Darwen",), (), False, {"entity": "UASC"}),
    ("Is the fostering service getting worse?", {"change"}, {"fostering"}, (), (), False, {}),
    ("What did Councillor Bath say about adoption?", {"quotes"}, {"adoption"}, (), (), False,
     {"people": [SPEAKERS[0]]}),
    ("How many foster carers left last year?", {"figures"}, {"fostering"}, (), (), False,
     {"subject": "foster carers"}),
    ("Southend on Sea care leavers", set(), {"care_leavers"}, ("Southend-on-Sea",), (), False, {}),
    ("What is the Ohana group?", set(), set(), (), (), False, {}),
    ("problems with recruiting foster parents", {"weaknesses"}, {"fostering"}, (), (), False, {}),
    ("RBWM and W Northants: how do they compare on adoption?", {"comparison"}, {"adoption"},
     ("Windsor and Maidenhead", "West Northamptonshire"), (), False, {}),
    ("Are care leavers' pathway plans checked by a manager?", set(), {"care_leavers"}, (), (), False,
     {"roles": (), "people": []}),
    ("What recommendations did Ofsted make to Hounslow?", {"actions"}, set(), ("Hounslow",), (), False, {}),
    ("Why did Knowsley only get requires improvement for children in care?", {"judgement", "weaknesses"},
     {"children_in_care"}, ("Knowsley",), (), False, {}),
    ("What has gone well in Rotheram?", {"strengths"}, set(), ("Rotherham",), (), False, {}),
    ("how long do care procedings take?", {"figures"}, {"court"}, (), (), False, {}),
    ("What did the council's lead member say after the inspection?", {"quotes"}, set(), (), (), False,
     {"roles": ("portfolio_holder",), "people": [SPEAKERS[0]]}),
    ("What did the 2019 inspection conclude overall?", {"judgement"}, {"overall"}, (), (2019,), True, {}),
    ("Is the MASH working well according to the 2016 report?", {"strengths"}, set(), (), (2016,), False,
     {"entity": "MASH"}),
    ("How many Leeds children are in care?", {"figures"}, {"children_in_care"}, ("Leeds",), (), False,
     {"subject": "children"}),
    ("In the newspaper story, what did the director say about caseloads?", {"quotes"}, set(), (), (), False,
     {"roles": ("director", "press"), "people": [SPEAKERS[1], SPEAKERS[3]]}),
    ("What is the rate of re-referrals in Leeds?", {"figures"}, set(), ("Leeds",), (), False, {}),
    ("How does Leeds respond to neglect?", set(), {"child_protection"}, ("Leeds",), (), False, {"roles": ()}),
    ("How did the local paper cover the Wigan inspection?", set(), set(), ("Wigan",), (), False,
     {"roles": ("press",), "content": {"cover"}}),
    ("According to the news story, how long did adoptions take?", {"figures"}, {"adoption"}, (), (), False,
     {"roles": ("press",)}),
    ("What did the article 'Leeds keeps its outstanding rating' say about early help?", {"judgement"},
     {"early_help"}, ("Leeds",), (), False, {"roles": ("press",)}),
    ("What does Barnet need to do to become outstanding?", {"actions", "judgement"}, set(), ("Barnet",), (), True, {}),
    ("What did the newspaper say the council has to do to get a good rating?", {"actions", "judgement"}, set(), (),
     (), True, {"roles": ("press",)}),
    ("Is Wigan any good?", {"judgement"}, set(), ("Wigan",), (), False, {}),
    ("How good is fostering in Leeds?", {"judgement"}, {"fostering"}, ("Leeds",), (), False, {}),
    ("What did Ofsted make of Hounslow?", {"judgement"}, set(), ("Hounslow",), (), True, {}),
    ("Are Rotherham's children's services up to scratch?", {"judgement"}, set(), ("Rotherham",), (), False, {}),
    ("How did Leeds do in its last Ofsted inspection?", {"judgement"}, set(), ("Leeds",), (), False, {}),
    ("how well do children in care do at school?", set(), {"education"}, (), (), False, {}),
    ("How long do children in Wigan wait to be adopted?", {"figures"}, {"adoption"}, ("Wigan",), (), False,
     {"units": "days"}),
    ("What percentage of care leavers in Leeds are in education?", {"figures"}, {"care_leavers"}, ("Leeds",), (),
     False, {"units": "%"}),
    ("How many foster carers does Leeds have?", {"figures"}, {"fostering"}, ("Leeds",), (), False,
     {"subject": "foster carers", "no_units": True}),
    ("Compare young carers in Wigan and Leeds", {"comparison"}, {"young_carers"}, ("Wigan", "Leeds"), (), False,
     {"content": {"young", "carer"}}),
    ("Are children with a caring role identified in Hounslow?", set(), {"young_carers"}, ("Hounslow",), (), False, {}),
    # Having a say is having a voice, not what someone said.
    ("Do children in care in Wigan get a say in how services are run?", set(), {"children_in_care", "voice"},
     ("Wigan",), (), False, {}),
    # People rating a service is what they told inspectors, not Ofsted's grade.
    ("How do parents in Leeds rate their social workers?", {"quotes"}, set(), ("Leeds",), (), False, {}),
    ("Have parents complained about delays in Wigan?", {"quotes", "weaknesses"}, set(), ("Wigan",), (), False, {}),
    ("What is the director's mantra?", {"quotes"}, set(), (), (), False, {}),
    # Change questions: the words saying what kind of change, and the old grade, are not the subject.
    ("Has Leeds fixed the problems found at its last inspection?", {"change", "weaknesses"}, set(), ("Leeds",), (),
     False, {"content": set()}),
    ("What happened to the weaknesses found in Wigan's last inspection?", {"change", "weaknesses"}, set(), ("Wigan",),
     (), False, {"content": set()}),
    ("Has Wigan kept its standards up since 2019?", {"change"}, set(), ("Wigan",), (2019,), False,
     {"since": 2019, "content": set()}),
    ("Has Leeds improved since it required improvement in 2021?", {"change", "judgement"}, set(), ("Leeds",), (2021,),
     False, {"since": 2021, "content": set()}),
    ("Is Wigan still inadequate like in 2021?", {"change", "judgement"}, set(), ("Wigan",), (2021,), False,
     {"content": set()}),
    # Asking whether the problems of a dated inspection were fixed, or how a grade moved, is asking about change.
    ("Has Wigan dealt with the concerns from its 2021 inspection?", {"change", "weaknesses"}, set(), ("Wigan",),
     (2021,), False, {}),
    ("Why has Leeds gone from outstanding to good?", {"change", "judgement"}, set(), ("Leeds",), (), False, {}),
    ("Are care leavers in Wigan better off than they were?", {"change"}, {"care_leavers"}, ("Wigan",), (), False, {}),
    ("Is Leeds still failing children who go missing, as last time?", {"change", "weaknesses"}, {"exploitation"},
     ("Leeds",), (), False, {}),
    # A council's name is one name however many words it has: the patterns read it as one word, and none of its
    # words is a speaker's surname ('Councillor Lily Bath').
    ("What must Bath and North East Somerset improve?", {"actions"}, set(), ("Bath and North East Somerset",), (),
     True, {"people": []}),
    ("are care leavers in South Glos getting jobs?", set(), {"care_leavers"}, ("South Gloucestershire",), (), False, {}),
    # A month in a date says when, as the year does.
    ("What has changed in Leeds since the November 2022 inspection?", {"change"}, set(), ("Leeds",), (2022,), False,
     {"since": 2022, "content": set()}),
    # Shares in words are figure questions.
    ("Do half of care leavers in Leeds have a job?", {"figures"}, {"care_leavers"}, ("Leeds",), (), False, {}),
    ("Is one in five children in Wigan waiting too long?", {"figures", "weaknesses"}, set(), ("Wigan",), (), False, {}),
    # Two ends of a time are a question about change: 'then and now', two years, the older and the newer report;
    # so is a question asking whether an old finding was put right, and one that ends 'and has it?'.
    ("fostering in Leeds, then and now", {"change"}, {"fostering"}, ("Leeds",), (), False, {"content": {"foster"}}),
    ("Wigan adoption 2019 v 2024", {"change"}, {"adoption"}, ("Wigan",), (2019, 2024), False, {}),
    ("care leavers in Leeds: the old and new reports", {"change"}, {"care_leavers"}, ("Leeds",), (), False, {}),
    ("was the 2019 weakness in Wigan's front door sorted out?", {"change", "weaknesses"}, set(), ("Wigan",), (2019,),
     False, {}),
    ("what did Leeds have to improve in 2015, and has it?", {"actions", "change"}, set(), ("Leeds",), (2015,), True,
     {}),
    ("how has Wigan's early help changed between the two inspections?", {"change"}, {"early_help"}, ("Wigan",), (),
     False, {}),
    ("care leavers in Leeds in 2015", set(), {"care_leavers"}, ("Leeds",), (2015,), False, {}),
]


@pytest.mark.parametrize("question,intents,topics,councils,years,whole,extra", TABLE, ids=[t[0] for t in TABLE])
def test_reading(question, intents, topics, councils, years, whole, extra):
    q = parse_query(question, VOCAB)
    assert set(q.intents) == intents
    assert topics <= set(q.topics), q.topics
    assert q.councils == councils
    assert q.years == years
    assert q.whole_document is whole
    if "no_topic" in extra:
        assert extra["no_topic"] not in q.topics
    if "subject" in extra:
        assert q.figure_subject == extra["subject"]
    if "since" in extra:
        assert q.since == extra["since"]
    if "roles" in extra:
        assert q.speaker_roles == extra["roles"]
    if "people" in extra:
        assert list(q.people) == extra["people"]
    if "entity" in extra:
        assert extra["entity"] in q.entities
    if "content" in extra:
        assert set(q.content_terms) == extra["content"], q.content_terms
    if "units" in extra:
        assert extra["units"] in q.figure_units
    if extra.get("no_units"):
        assert not q.figure_units
    if extra.get("no_corrections"):
        assert not q.corrections, q.corrections


def test_table_is_large_enough():
    assert len(TABLE) >= 60


def test_question_parsing_is_fast():
    """Under 5 ms a question. Each question's best of three runs, and their median, so that a busy
    machine (two cores shared by several test runs) does not fail a fast parser."""
    for question, *_ in TABLE:  # warm the caches once
        parse_query(question, VOCAB)
    times = []
    for question, *_ in TABLE:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            parse_query(question, VOCAB)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    median = statistics.median(times)
    assert median < 0.005, f"{median * 1000:.1f} ms a question"


def test_spelling_corrector_never_replaces_an_english_word():
    from briefing_tui.briefing.query import is_word

    for word in ("press", "plain", "judged", "parents", "stopped", "worries", "councillors"):
        assert is_word(word), word
    for typo in ("fostring", "adoptoin", "recruitmnet", "sceme"):
        assert not is_word(typo), typo
    q = parse_query("press plain judged", Vocab(["adoption", "placement"]))
    assert not q.corrections
    assert parse_query("adoptoin", VOCAB).corrections == {"adoptoin": "adoption"}
