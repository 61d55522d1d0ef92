import pytest

from briefing_tui.nlp.roles import RoleScore, decide


def roles(nlp, text, prior=None):
    doc = nlp(text)
    return [(s.text, decide(RoleScore(*s._.role_score), prior)) for s in doc.sents]


def test_mixed_paragraph_strength_then_however_weakness(nlp):
    text = ("The Fostering Panel meets all statutory requirements. The fostering service's work to recruit and support "
            "foster carers is of an excellent quality. However, there are not enough foster carers in the borough.")
    out = roles(nlp, text)
    assert [r for _, r in out] == ["strength", "strength", "weakness"]


@pytest.mark.parametrize("sentence, role", [
    ("For several years there have been no disruptions of adoptive placements between placement for adoption and the court making the order.", "strength"),
    ("The EDT does not have access to Hounslow's electronic recording system.", "weakness"),
    ("Performance management and analysis are not sufficiently developed within the Board.", "weakness"),
    ("In Hounslow, too few children and young people are making use of advocacy services.", "weakness"),
    ("Management oversight of contacts and referrals is timely and effective.", "strength"),
    ("Ensure that child protection plans are specific and measurable.", "action"),
    ("The local authority should improve the timeliness of assessments.", "action"),
    ("Decisions on whether children should be looked after are based on clear assessments of their needs.", "strength"),
    ("No cases were seen by inspectors where children were left at risk or unsafe decisions were made.", "strength"),
    ("Whilst they do meet their core statutory duties, there is little evidence that they provide rigorous challenge.", "weakness"),
    ("The area of priority action which identified a backlog of work has been fully addressed.", "strength"),
    ("The number of placement disruptions is low.", "strength"),
    ("Leaders have reduced delay for children.", "strength"),
    ("When children need to be adopted this happens quickly.", "strength"),
    ("The local authority needs to improve the quality of plans.", "action"),
])
def test_sentence_roles(nlp, sentence, role):
    assert roles(nlp, sentence)[0][1] == role


def test_section_prior_decides_neutral_lines_but_not_clear_opposites(nlp):
    assert roles(nlp, "In the cases seen by inspectors, everyone knew what to do.", "strength")[0][1] == "strength"
    assert roles(nlp, "Too many plans are not in place and delays are too long.", "strength")[0][1] == "weakness"
