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


def test_the_factory_takes_its_cue_file_as_config(tmp_path):
    import json

    import spacy

    from briefing_tui.nlp.pipeline import model_name
    from briefing_tui.nlp.taxonomy import MODELS, BadModelData

    from briefing_tui.nlp import components  # noqa: F401 - registers the factory

    data = json.loads((MODELS / "cues.json").read_text())
    data["negative"]["zorby"] = 2  # a made-up word: a cue only in this file
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    nlp = spacy.load(model_name(), exclude=["ner"])
    nlp.add_pipe("briefing_roles", config={"cues": str(path)})
    assert list(nlp("Support is zorby.").sents)[0]._.role_score[1] > 0  # the configured cue counts
    nlp.remove_pipe("briefing_roles")
    nlp.add_pipe("briefing_roles")
    assert list(nlp("Support is zorby.").sents)[0]._.role_score[1] == 0  # the shipped cues do not know it
    del data["weights"]
    path.write_text(json.dumps(data))
    with pytest.raises(BadModelData, match="weights"):
        spacy.blank("en").add_pipe("briefing_roles", config={"cues": str(path)})


@pytest.mark.parametrize("sentence, positive, negative", [
    # A negation that no cue follows still denies something.
    ("The tracker is over-simplified and lacks the level of detail needed for oversight.", 0.0, 1.0),
    ("Young people told inspectors that they are unsure of their entitlements.", 0.0, 2.0),
    # A negated shortcoming is still read the other way, and is no bare negation.
    ("There are no delays in allocating a social worker.", 2.0, 0.0),
    # A capitalised negator inside the sentence is a word of a name, not a negation.
    ("The children in care council, No Labels, is an established group.", 0.0, 0.0),
    # Few or low of a shortcoming is a strength; few of anything else is not.
    ("There are few vacancies and staff turnover is low.", 2.0, 0.0),
    ("Staff turnover is high.", 0.0, 1.0),
    ("There are few foster carers for older children.", 0.0, 1.0),
])
def test_cue_scores_of_negations(nlp, sentence, positive, negative):
    s = RoleScore(*next(iter(nlp(sentence).sents))._.role_score)
    assert (s.positive, s.negative) == (positive, negative)
