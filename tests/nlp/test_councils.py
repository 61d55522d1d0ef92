"""Council names in questions in any common form, and in documents as they name themselves."""
import pytest

from briefing_tui.corpus.metadata import find_council
from briefing_tui.nlp.councils import find_councils, gazetteer, mentions, parse_gazetteer
from briefing_tui.nlp.taxonomy import BadModelData

FORMS = [
    ("Stockton-on-Tees", "Stockton-on-Tees"), ("Stockton on Tees", "Stockton-on-Tees"), ("stockton", "Stockton-on-Tees"),
    ("Stoke", "Stoke-on-Trent"), ("stoke on trent", "Stoke-on-Trent"), ("NE Lincs", "North East Lincolnshire"),
    ("North East Lincs", "North East Lincolnshire"), ("North Lincs", "North Lincolnshire"),
    ("RBKC", "Kensington and Chelsea"), ("Kensington & Chelsea", "Kensington and Chelsea"),
    ("B&NES", "Bath and North East Somerset"), ("BANES", "Bath and North East Somerset"),
    ("Kingston upon Hull", "Kingston upon Hull"), ("Kingston-upon-Hull", "Kingston upon Hull"), ("Hull", "Kingston upon Hull"),
    ("Kingston", "Kingston upon Thames"), ("Kingston upon Thames", "Kingston upon Thames"),
    ("City of York", "York"), ("City of Bristol", "Bristol"), ("City of London", "City of London"),
    ("London Borough of Brent", "Brent"), ("Royal Borough of Greenwich", "Greenwich"), ("Brent's", "Brent"),
    ("St. Helens", "St Helens"), ("Saint Helens", "St Helens"), ("Southend on Sea", "Southend-on-Sea"),
    ("Southend", "Southend-on-Sea"), ("Nottingham City", "Nottingham"), ("W Northants", "West Northamptonshire"),
    ("Herts", "Hertfordshire"), ("Staffs", "Staffordshire"), ("Telford & Wrekin", "Telford and Wrekin"),
    ("County Durham", "Durham"), ("Rotheram", "Rotherham"), ("Knowsly", "Knowsley"), ("Reading", "Reading"),
    ("Derbys", "Derbyshire"), ("Derby", "Derby"), ("Hants", "Hampshire"), ("N Yorks", "North Yorkshire"),
    ("S Tyneside", "South Tyneside"), ("South Glos", "South Gloucestershire"), ("Glos", "Gloucestershire"),
]


@pytest.mark.parametrize("form,name", FORMS)
def test_common_forms(form, name):
    assert find_councils(f"What did Ofsted say about {form} in 2023?") == (name,)


def test_two_councils_in_order():
    assert find_councils("Compare NEET care leavers in Liverpool and Knowsley") == ("Liverpool", "Knowsley")
    assert find_councils("How do Stoke and Stockton compare?") == ("Stoke-on-Trent", "Stockton-on-Tees")


def test_words_and_people_are_not_councils():
    assert find_councils("reading ages of children in care") == ()
    assert find_councils("What did Councillor Lily Bath say?") == ()
    assert find_councils("how many children in care are there in London") == ()
    assert find_councils("Yorkshire") == ()  # 'York' is a whole word only


def test_a_word_is_never_taken_for_a_misspelt_council():
    is_word = {"torque"}.__contains__
    assert find_councils("torque", is_word) == ()
    assert mentions("How good is the MASH in Rotheram?")[0] == ("Rotherham", "Rotheram")


def test_documents_use_official_forms_only():
    assert find_council("Inspection of Stockton-on-Tees Borough Council children's services") == "Stockton-on-Tees"
    # short forms people type are not read in documents: 'Stoke' in a Staffordshire report is a town
    assert find_council("Staffordshire County Council. Children in Stoke and Staffordshire were seen.") == "Staffordshire"


def test_gazetteer_is_valid_and_complete():
    names = [c.name for c in gazetteer()]
    assert len(names) == len(set(names)) >= 150
    with pytest.raises(BadModelData, match="line 2"):
        parse_gazetteer([("councils.jsonl line 2", {"name": "X", "short": "not a list"})])
    with pytest.raises(BadModelData):
        parse_gazetteer([("councils.jsonl line 1", {"aliases": []})])


def test_a_first_word_and_a_typo_in_a_name_of_several_words():
    assert find_councils("what do care leavers get in Bracknell?") == ("Bracknell Forest",)
    assert find_councils("Windsor care leavers") == ("Windsor and Maidenhead",)
    assert find_councils("south glocestershire kids who run away") == ("South Gloucestershire",)
    assert find_councils("Royal Borough of Greenwich") == ("Greenwich",)  # an official form's first word is not a name
