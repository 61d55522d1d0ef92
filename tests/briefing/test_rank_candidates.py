"""Which lines become candidates: a report's headline beside its grades on a question about grades or
change, and findings the role classifier left neutral placed by their heading or their polarity cues."""
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.briefing.compose import answerable, explain
from briefing_tui.briefing.features import features, on_subject, phrase_share, phrases
from briefing_tui.briefing.model import model
from briefing_tui.briefing.query import Query
from briefing_tui.briefing.rank import asks_headline, rank, readings, reads_opposite, section_for
from briefing_tui.index.search import Index, ParagraphRow, SentenceHit
from briefing_tui.nlp.text import stems
from tests.briefing.test_model import ASKED, _candidate
from tests.index.tiny import graded_store


def _hit(role, polarity=0.0, figures=()):
    return SentenceHit(1, 1, 1, 0, 10, role, polarity, 0.0, figures, None, (), ())


def _para(prior=None):
    return ParagraphRow(1, 1, 3, "4", "para", "Section", "Some text.", (), prior)


def test_a_neutral_line_goes_by_its_heading_then_by_its_polarity():
    assert section_for(_hit("neutral"), _para("strength")) == "strengths"
    assert section_for(_hit("neutral", -2.0), _para("action")) == "actions"
    assert section_for(_hit("neutral", 2.0), _para()) == "strengths"
    assert section_for(_hit("neutral", -1.0), _para("context")) == "weaknesses"
    assert section_for(_hit("neutral"), _para()) is None  # nothing says where it belongs
    assert section_for(_hit("weakness", 3.0), _para("strength")) == "weaknesses"  # a role is kept
    assert section_for(_hit("neutral", 0.0, ({"value": "5"},)), _para()) == "figures"


def test_a_neutral_line_that_says_how_things_moved_goes_by_that():
    said = "In some areas, much progress has been made since the last inspection in 2018."
    hit = replace(_hit("neutral"), end=len(said), leans_on="weakness")
    para = replace(_para(), text=said)
    assert section_for(hit, para) == "strengths"  # its change, before the finding it leans on
    fell = "Services for children who need help and protection have declined."
    assert section_for(replace(hit, end=len(fell), leans_on=None), replace(para, text=fell)) == "weaknesses"
    assert section_for(hit, replace(para, text="Leaders met in 2018.")) == "weaknesses"  # no change: it leans


def _query(text, intents=(), topics=(), terms=None):
    return Query(text, terms or {"servic": 1.0}, tuple(topics), (), (), (), (), None, False, frozenset(intents))


def test_questions_the_headline_answers():
    assert asks_headline(_query("what grade?", ["judgement"]), False)
    assert asks_headline(_query("has it improved?", ["change"]), False)
    assert asks_headline(_query("overall?", topics=["overall"]), False)
    assert asks_headline(_query("what did it find?"), True)
    assert not asks_headline(_query("adoption", topics=["adoption"]), False)


def test_a_grade_question_gets_the_headline_in_its_finding_section_even_off_topic():
    index, m = Index(graded_store(), (1, 2, 3)), model()
    q = _query("What overall grade did Beta get?", ["judgement"], ["overall"], {"zebra": 1.0})
    out = rank(index, q, [], {}, (3,), m)
    headline = [c for c in out if c.text.startswith("Children in Beta")]
    # neutral, with positive cues: read as a strength, so it stands in strengths, not beside the grades
    assert {c.kind for c in headline} == {"strengths"}
    assert all(c.feats.headline == c.feats.headline_asked == c.feats.neutral_role == 1.0 for c in headline)
    # a question on another subject does not reach for the headline
    topic = _query("adoption in Beta", topics=["adoption"], terms={"zebra": 1.0})
    assert rank(index, topic, [], {}, (3,), m) == []


def test_headline_and_neutral_features():
    c = _candidate()
    asked = replace(ASKED, headlines=frozenset({c.para.id}), headline_asked=True)
    f = features(c, asked, model().features)
    assert f.headline == f.headline_asked == 1.0 and f.neutral_role == 0.0
    g = features(c, replace(asked, headline_asked=False), model().features)
    assert g.headline == 1.0 and g.headline_asked == 0.0
    h = features(replace(c, hit=replace(c.hit, role="neutral")), ASKED, model().features)
    assert h.headline == 0.0 and h.neutral_role == 1.0


def test_a_change_question_gets_the_lines_that_say_how_things_moved():
    index, m = Index(graded_store(), (1, 2, 3)), model()
    change = [c.text for c in rank(index, _query("Has Beta got better?", ["change"], terms={"zebra": 1.0}), [], {}, (3,), m)]
    assert "Adoption has improved since the last inspection." in change
    other = [c.text for c in rank(index, _query("Beta's strengths", ["strengths"], terms={"zebra": 1.0}), [], {}, (3,), m)]
    assert "Adoption has improved since the last inspection." not in other


def test_a_question_for_what_must_improve_gets_the_recommendations_whatever_their_words():
    index, m = Index(graded_store(), (1, 2, 3)), model()
    improve = replace(_query("What does Ofsted want Beta to improve?", ["actions"], terms={"zebra": 1.0}),
                      entities=("Ofsted",))
    assert ("actions", "The timeliness of plans.") in [(c.kind, c.text) for c in rank(index, improve, [], {}, (3,), m)]
    strengths = replace(_query("What is Beta good at?", ["strengths"], terms={"zebra": 1.0}), entities=("Ofsted",))
    assert "The timeliness of plans." not in [c.text for c in rank(index, strengths, [], {}, (3,), m)]
    wide = replace(m, retrieval=replace(m.retrieval, actions_scope_limit=0))  # over more documents than the limit
    assert "The timeliness of plans." not in [c.text for c in rank(index, improve, [], {}, (3,), wide)]


def test_a_line_with_a_word_the_vectors_bridge_to_is_on_the_subject():
    index, m = Index(graded_store(), (1, 2, 3)), model()
    q = _query("Are foster parents supported?", topics=["court"], terms={"parent": 1.0})
    hits = [h for h in index.sentences_of((1,)) if "carer" in h.terms]
    assert hits and rank(index, q, hits, {}, (1,), m) == []  # neither its words nor its topics
    bridged = replace(q, related={"carer": 0.6})  # what the vectors add for 'foster parents'
    assert [c.text for c in rank(index, bridged, hits, {}, (1,), m)] == ["Foster carers are well supported."]


def test_a_phrase_of_the_question_counts_when_its_words_stand_together():
    wanted = phrases(stems("problems with the electronic case recording system", drop_stop=True))
    together = tuple(stems("Difficulties with the electronic case recording system.", drop_stop=True))
    apart = tuple(stems("The system for recording each case is not electronic.", drop_stop=True))
    assert phrase_share(wanted, together) == 0.75  # 3 of its 4 pairs: not 'problem electronic'
    assert phrase_share(wanted, apart) == 0.0
    assert phrase_share(frozenset(), together) == 0.0
    c = _candidate()
    f = features(c, replace(ASKED, phrases=phrases(["adopt", "delay"])), model().features)
    assert f.phrase_match == 1.0 and features(c, ASKED, model().features).phrase_match == 0.0


def test_a_finding_reporting_what_people_felt_is_a_quote_too_on_a_question_about_what_they_said():
    con = graded_store()
    said = "Social workers feel that leaders ‘get that it is a hard job’."
    terms = " ".join(stems(said, drop_stop=True))
    para = con.execute("INSERT INTO paragraphs(doc, idx, pid, kind, section, prior, page, text, topics, terms, nterms, "
                       "lead) VALUES (3, 7, 'p8', 'para', 'Leaders', NULL, 1, ?, '', ?, 7, 0)", (said, terms)).lastrowid
    con.execute("INSERT INTO sentences(doc, para, start, end, role, pos, neg, action, figures, speaker, voice, topics, "
                "entities, terms, nterms) VALUES (3, ?, 0, ?, 'strength', 1, 0, 0, '', NULL, NULL, '', '', ?, 7)",
                (para, len(said), terms))
    index, m = Index(con, (1, 2, 3)), model()
    hits = [h for h in index.sentences_of((3,)) if "hard" in h.terms]
    asked = _query("What do Beta's social workers say?", ["quotes"], terms=dict.fromkeys(stems("social workers"), 1.0))
    assert {c.kind for c in rank(index, asked, hits, {}, (3,), m) if c.text == said} == {"strengths", "quotes"}
    other = replace(asked, intents=frozenset())  # not asked what they said: a strength only
    assert {c.kind for c in rank(index, other, hits, {}, (3,), m) if c.text == said} == {"strengths"}


def test_a_press_question_gets_the_news_lines_whatever_their_words():
    index, m = Index(graded_store(), (1, 2, 3)), model()
    press = replace(_query("What did the papers say about the LSCB?", terms={"zebra": 1.0}), entities=("lscb",),
                    speaker_roles=("press",))
    lines = [(c.kind, c.doc_kind) for c in rank(index, press, [], {}, (1, 2), m)]
    assert lines == [("weaknesses", "news")]  # the article's line, not the report's same words
    assert rank(index, replace(press, speaker_roles=()), [], {}, (1, 2), m) == []


_WORDS = ["adopt", "delay", "day", "lado", "e_lado", "t_adoption", "care", "leaver"]
_TOPICS = ["adoption", "care_leavers", "lado"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=5), st.lists(st.sampled_from(_TOPICS), max_size=2),
       st.lists(st.sampled_from(_TOPICS), max_size=2), st.sampled_from(["", "Adoption", "Care leavers", "Staffing"]),
       st.frozensets(st.sampled_from(_WORDS), max_size=3), st.frozensets(st.sampled_from(_TOPICS), max_size=2),
       st.frozensets(st.sampled_from(_WORDS), max_size=2))
def test_the_early_subject_filter_is_the_features_it_stands_for(terms, hit_topics, para_topics, section, core, topics,
                                                                entities):
    # rank() drops a line off the question's subject before computing its features: the same lines the
    # features' subject fields would have dropped, and no others.
    c = _candidate(section=section)
    hit = replace(c.hit, terms=tuple(terms), topics=tuple(hit_topics))
    para = replace(c.para, topics=tuple(para_topics))
    asked = replace(ASKED, core=core, topics=topics, entities=entities)
    f = features(replace(c, hit=hit, para=para), asked, model().features)
    assert on_subject(hit, para, asked) == bool(f.topic_sentence or f.topic_heading or f.topic_paragraph
                                                or f.entity_match or f.term_cover)


SECTIONS = replace(model().sections, split_role_p=0.8, mixed_cues=1.0)


def _finding(role, role_p=0.99, figures=(), mixed=0.0):
    return replace(_hit(role, figures=figures), role_p=role_p, mixed=mixed)


def test_a_finding_with_a_number_is_a_candidate_as_a_finding_and_as_a_figure_line():
    five = ({"value": "5"},)
    assert readings(_finding("weakness", figures=five), _para(), SECTIONS) == ["weaknesses", "figures"]
    assert readings(_finding("strength", figures=five), _para(), SECTIONS) == ["strengths", "figures"]
    # a line with no role keeps its one section; a recommendation with a number stays a recommendation
    assert readings(_finding("neutral", figures=five), _para(), SECTIONS) == ["figures"]
    assert readings(_finding("action", figures=five), _para(), SECTIONS) == ["actions"]


def test_a_finding_the_classifier_is_unsure_of_or_whose_cues_judge_both_ways_is_read_both_ways():
    assert readings(_finding("strength", 0.95), _para(), SECTIONS) == ["strengths"]
    assert readings(_finding("strength", 0.6), _para(), SECTIONS) == ["strengths", "weaknesses"]
    assert readings(_finding("weakness", 0.79), _para(), SECTIONS) == ["weaknesses", "strengths"]
    assert readings(_finding("weakness", 0.99, mixed=0.5), _para(), SECTIONS) == ["weaknesses"]
    # cues both ways read it both ways only where it turns on a contrast or a negation
    assert reads_opposite(_finding("weakness", 0.99, mixed=1.0), "Good, but plans do not say enough.", SECTIONS)
    assert reads_opposite(_finding("weakness", 0.99, mixed=1.0), "Plans don’t say enough.", SECTIONS)
    assert not reads_opposite(_finding("strength", 0.99, mixed=1.0), "A timely response to concerns.", SECTIONS)
    assert not reads_opposite(_finding("weakness", 0.99, mixed=0.5), "Good, but plans do not say enough.", SECTIONS)


def _said(text, para=None):
    return replace(para or _para(), text=text)


def test_a_line_whose_cues_judge_both_ways_is_never_a_strength_unless_it_says_things_improved():
    mixed = _said("Most children are safeguarded well, although support for some is inconsistent.")
    for role, p in (("strength", 0.99), ("strength", 0.6), ("weakness", 0.99), ("weakness", 0.6)):
        assert readings(replace(_finding(role, p, mixed=2.0), end=80), mixed, SECTIONS) == ["weaknesses"]
    five = ({"value": "5"},)
    assert readings(replace(_finding("strength", mixed=2.0, figures=five), end=80), mixed, SECTIONS) == \
        ["figures", "weaknesses"]
    better = _said("The issues identified at the last inspection have been much improved, though some remain.")
    assert readings(replace(_finding("strength", mixed=2.0), end=90), better, SECTIONS) == ["strengths"]
    # filed as a weakness, as it names the old shortcomings: a candidate as a strength too
    assert readings(replace(_finding("weakness", mixed=2.0), end=90), better, SECTIONS) == ["weaknesses", "strengths"]
    # read both ways by the classifier's doubt, a strength that says things improved stays a strength
    assert readings(replace(_finding("strength", 0.6, mixed=2.0), end=90), better, SECTIONS) == ["strengths"]
    # cue words both ways with no contrast or negation: a strength that names what it overcomes
    overcomes = _said("Leaders provide a timely and proportionate response to safeguarding concerns.")
    assert readings(replace(_finding("strength", mixed=1.0), end=80), overcomes, SECTIONS) == ["strengths"]
    worse = _said("Practice had improved in 2019 but has since deteriorated and is not good.")
    assert readings(replace(_finding("strength", mixed=2.0), end=70), worse, SECTIONS) == ["weaknesses"]
    assert not reads_opposite(_finding("strength", 0.0), "Some text.", SECTIONS)  # no stored probability is not doubt
    assert readings(_finding("neutral", 0.4), _para("strength"), SECTIONS) == ["strengths"]
    assert readings(_finding("action", 0.4), _para(), SECTIONS) == ["actions"]


def test_a_line_that_says_things_moved_is_read_on_the_side_they_moved_to():
    improved = _said("Services for care leavers have improved substantially since the last inspection.")
    assert readings(replace(_finding("weakness"), end=80), improved, SECTIONS) == ["weaknesses", "strengths"]
    assert readings(replace(_finding("strength"), end=80), improved, SECTIONS) == ["strengths"]
    declined = _said("There has been an overall decline in the quality of services for children.")
    assert readings(replace(_finding("strength"), end=75), declined, SECTIONS) == ["weaknesses"]
    assert readings(replace(_finding("weakness"), end=75), declined, SECTIONS) == ["weaknesses"]
    stalled = _said("The quality of practice has not improved since the last inspection.")
    assert readings(replace(_finding("strength"), end=68), stalled, SECTIONS) == ["weaknesses"]


def test_a_bullet_of_what_must_improve_is_a_candidate_as_an_action_whatever_its_words_read_as():
    bullet = replace(_para("action"), kind="bullet", text="The quality of plans for children in need.")
    assert readings(replace(_finding("strength"), end=40), bullet, SECTIONS) == ["strengths", "actions"]
    assert readings(replace(_finding("action"), end=40), bullet, SECTIONS) == ["actions"]
    assert readings(replace(_finding("strength"), end=40), replace(bullet, kind="para"), SECTIONS) == ["strengths"]


def test_change_is_read_from_the_cue_patterns():
    from briefing_tui.briefing.change import change_of

    assert change_of("Much progress has been made since the last inspection in 2018.").side == "strengths"
    assert change_of("Help and protection services have declined and are now inadequate.").side == "weaknesses"
    assert change_of("The improvements made have not fully delivered the intended impact.").side == "weaknesses"
    # Progress denied ('has not made sufficient progress') is a stall, not the progress it names.
    assert change_of("Since the last inspection, the council has not made sufficient progress in improving plans.").side \
        == "weaknesses"
    assert change_of("Leaders have not yet made enough progress.").side == "weaknesses"
    assert change_of("The local authority requires improvement to be good.") == change_of("Plans are good.")
    assert change_of("Children make good progress in school.").side is None
    assert change_of("Practice has improved, but there has been a serious deterioration at the front door.").side is None
    assert change_of("Two areas for improvement were identified at the last inspection.").earlier
    # A change conceded before the comma is not the line's point; one after it is.
    conceded = change_of("Although some progress has been made since that inspection, there remain areas of practice "
                         "which still require more focused improvement.")
    assert conceded.side is None and conceded.earlier
    assert change_of("While placement stability is improving, some children continue to experience multiple moves.") \
        .side is None
    assert change_of("Although the service was inadequate in 2019, it has improved considerably.").side == "strengths"
    assert change_of("Meanwhile, practice has improved.").side == "strengths"  # 'while' is a word, not a part of one
    assert change_of("It still takes too long to match children with adopters despite recent improvements.").side is None
    assert change_of("Foster carers report recent improvements in training and the supervision offered.").side \
        == "strengths"
    # Children who 'can no longer live with their families' are who a service is for, not a change in it.
    assert change_of("Social workers find the right family for children who can no longer live with their own "
                     "families.").side is None
    assert change_of("Agency staff are no longer used.").side == "strengths"


def _read_case_insensitively(text: str):
    """change_of as the patterns themselves read a line (re.I over the line as written)."""
    from briefing_tui.briefing.change import _read, cues

    return _read(cues(), text.replace("’", "'"))


_CHANGE_WORDS = ["has", "HAS", "Has", "improved", "IMPROVED", "not", "declined", "since", "the", "last", "inspection",
                 "Requires", "improvement", "progress", "too", "slow", "Previously", "Ofsted’s", "ofsted's", "no",
                 "longer", "Although", "while", "İmproved", "ımproved", "ſince", "ſtill", "K", "2019", ",", ".", "’"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CHANGE_WORDS), max_size=12))
def test_change_reads_a_lower_cased_line_as_the_case_insensitive_patterns_read_the_line(words):
    from briefing_tui.briefing.change import change_of

    text = " ".join(words)
    assert change_of.__wrapped__(text) == _read_case_insensitively(text)


def test_change_reads_dotted_and_dotless_i_and_long_s_as_re_ignorecase_does():
    from briefing_tui.briefing.change import change_of

    for text in ("Practice has İmproved.", "ıt has ımproved", "Practice has ſtrengthened ſince the laſt inſpection.",
                 "PRACTICE HAS IMPROVED SINCE THE LAST INSPECTION"):
        assert change_of.__wrapped__(text) == _read_case_insensitively(text)
    assert change_of.__wrapped__("PRACTICE HAS IMPROVED SINCE THE LAST INSPECTION").improved


def test_the_features_say_which_reading_a_candidate_is():
    p = model().features
    five = ({"value": "5"},)
    hit = _finding("strength", 0.7, figures=five, mixed=1.5)
    as_kind = {k: features(replace(_candidate(kind=k), hit=hit), ASKED, p) for k in ("strengths", "weaknesses", "figures")}
    assert (as_kind["strengths"].figure_finding, as_kind["figures"].finding_figure) == (1.0, 1.0)
    assert as_kind["figures"].figure_finding == as_kind["strengths"].finding_figure == 0.0
    assert as_kind["weaknesses"].opposite_reading == 1.0 and as_kind["strengths"].opposite_reading == 0.0
    assert as_kind["weaknesses"].opposite_certainty == as_kind["strengths"].role_certainty > 0
    assert as_kind["strengths"].opposite_certainty == 0.0
    assert (as_kind["strengths"].mixed_strength, as_kind["strengths"].mixed_weakness) == (1.0, 0.0)
    assert (as_kind["weaknesses"].mixed_strength, as_kind["weaknesses"].mixed_weakness) == (0.0, 1.0)
    assert as_kind["figures"].mixed_strength == as_kind["figures"].mixed_weakness == 0.0
    leaning = replace(hit, polarity=-1.0)  # more negative cues than positive
    assert features(replace(_candidate(kind="strengths"), hit=leaning), ASKED, p).cues_against == 1.0
    assert features(replace(_candidate(kind="weaknesses"), hit=leaning), ASKED, p).cues_against == 0.0
    assert features(replace(_candidate(kind="figures"), hit=leaning), ASKED, p).cues_against == 0.0


def test_phrase_share_counts_what_the_pair_sets_intersection_counts():
    import random

    rng = random.Random(3)
    words = ["child", "care", "leaver", "plan", "adopt", "delay", "foster"]
    for _ in range(300):
        terms = tuple(rng.choice(words) for _ in range(rng.randrange(0, 12)))
        wanted = phrases([rng.choice(words) for _ in range(rng.randrange(0, 5))])
        plain = len(wanted & phrases(list(terms))) / len(wanted) if wanted else 0.0
        assert phrase_share(wanted, terms) == plain


def test_a_neutral_line_leaning_on_a_finding_reads_as_that_finding():
    assert section_for(replace(_hit("neutral"), leans_on="weakness"), _para()) == "weaknesses"
    assert section_for(replace(_hit("neutral"), leans_on="strength"), _para()) == "strengths"
    assert section_for(replace(_hit("neutral"), leans_on="action"), _para()) is None  # only a finding is leaned on
    assert section_for(replace(_hit("neutral", -1.0), leans_on="strength"), _para()) == "weaknesses"  # its own cues first


def test_a_distinctive_name_finds_its_lines_whatever_its_words_weigh():
    from briefing_tui.briefing.compose import candidates_for, named_lines

    index = Index(graded_store(), (1, 2, 3))
    m = model()
    q = replace(_query("Foster", terms={"zebra": 1.0}), names=("Foster",))  # no search word matches the line
    found = [c for c in candidates_for(index, q, (1, 2, 3), m) if c.text == "Foster carers are well supported."]
    assert found and all(c.feats.name_match == 1.0 for c in found)
    others = [c for c in candidates_for(index, replace(q, terms={"adoption": 1.0}), (1, 2, 3), m) if c.feats]
    assert others and all(c.feats.name_match == 0.0 for c in others if "Foster" not in c.text)
    # A name more paragraphs in scope hold than `name_paragraphs` is no distinctive name: not searched, not matched.
    common = replace(m, retrieval=replace(m.retrieval, name_paragraphs=0))
    assert named_lines(index, q, (1, 2, 3), common) == (replace(q, names=()), [])
    assert named_lines(index, q, (2, 3), m) == (replace(q, names=()), [])  # not in the documents in scope


def _line(terms, name_match=0.0):
    c = _candidate()
    hit = replace(c.hit, terms=tuple(terms))
    return replace(c, hit=hit, feats=replace(features(c, ASKED, model().features), name_match=name_match))


def test_a_question_is_answerable_when_one_line_holds_most_of_its_words():
    q = replace(_query("protected characteristic for care experience",
                       terms={"protect": 1.0, "protection": 0.5, "protectiv": 0.5, "characteristic": 1.0, "care": 1.0,
                              "experienc": 1.0}),
                words=(frozenset({"protect", "protection", "protectiv"}), frozenset({"characteristic"}),
                       frozenset({"care"}), frozenset({"experienc"})))
    assert answerable(q, [_line(["care", "protect", "characteristic"])])  # 3 of 4 words, however many forms
    assert not answerable(q, [_line(["care"]), _line(["protection"])])  # a word here, a word there
    assert not answerable(replace(q, words=()), [_line(["care", "protect"])])  # no family: 2 of 6 forms


def test_a_distinctive_name_the_documents_write_makes_a_question_answerable():
    q = _query("what is the PREM panel?", terms={"prem": 1.0, "panel": 1.0, "differenc": 1.0, "made": 1.0})
    assert not answerable(q, [_line(["prem"])])
    assert answerable(q, [_line(["prem"], name_match=1.0)])


def test_a_label_in_a_list_of_recommendations_is_never_a_line():
    from briefing_tui.briefing.rank import is_label

    def para(text, kind="para"):
        return ParagraphRow(1, 1, 3, "p57", kind, "Areas for improvement", text, (), "action")

    assert is_label(para("Care leavers"), 4) and is_label(para("Quality of practice "), 4)
    assert not is_label(para("Care leavers are well supported."), 4)  # a sentence
    assert not is_label(para("Improve pathway plans for all care leavers"), 4)  # more words than a label has
    assert not is_label(para("Care leavers", kind="bullet"), 4)  # a bullet of what must improve is an action
    assert not is_label(para("‘it’s like our home’"), 4)  # words closed by a quotation mark


def test_grades_of_several_councils_come_only_when_asked_for_or_the_council_is_named(pdf_engine):
    def areas(question):
        return [c.area for c in explain(pdf_engine.index, question).candidates if c.kind == "judgement"]

    assert areas("adoption in Hounslow")  # one council named: its adoption grades
    assert areas("what grades did adoption get?")  # grades asked for
    assert not areas("adoption")  # Hounslow's and Brent's documents, neither named, no grade asked for


def test_a_question_no_line_could_answer_is_not_ranked(engine):
    from briefing_tui.briefing.compose import NO_ANSWER, unanswerable

    q = replace(_query("child whoc are for"), terms={"t_children_in_care": 0.5})  # a tag is no content word
    assert unanswerable(q) and not answerable(q, [_line(["child", "whoc"])])
    assert not unanswerable(replace(q, topics=("children_in_care",)))  # a topic is enough to look
    assert not unanswerable(replace(q, terms={"servic": 1.0}))  # so is a word a line may hold
    for text in ("?!", "child whoc are for"):
        composed = engine.explain(text)
        assert composed.candidates == () and composed.briefing.notes[-1] == NO_ANSWER
        assert not composed.briefing.sections and composed.briefing.suggestions  # pointed at the corpus's topics


def test_a_lines_question_free_features_are_its_features_whatever_the_question():
    from briefing_tui.briefing.features import Features, line_features

    p = model().features
    for kind in ("figures", "strengths", "weaknesses", "actions", "judgement"):
        c = replace(_candidate(), kind=kind)
        line = line_features(c, p)
        assert set(line) < set(Features.names())
        for asked in (ASKED, replace(ASKED, intents=frozenset({"change"}), generic=True, whole_document=True)):
            assert features(c, asked, p, 0.3, line) == features(c, asked, p, 0.3)
            assert {k: getattr(features(c, asked, p), k) for k in line} == line  # none of them reads the question


def test_kept_lines_read_and_score_as_fresh_ones(engine):
    import gc

    from briefing_tui.briefing.features import line_features
    from briefing_tui.briefing.rank import Lines, lines_of

    index, m = engine.index, model()
    assert lines_of(index, m) is lines_of(index, m)
    first = engine.explain("what did the latest inspection find?").candidates
    again = engine.explain("what did the latest inspection find?").candidates  # from the kept lines
    assert [(c.kind, c.text, c.feats, c.score) for c in again] == [(c.kind, c.text, c.feats, c.score) for c in first]
    kept = lines_of(index, m)
    assert not any(gc.is_tracked(f) for by_id in kept._features.values() for f in by_id.values())
    shared = {id(kinds) for by_id in kept._readings.values() for kinds in by_id.values()}
    assert len(shared) == len(kept._shapes) < 30  # a tuple for each list of sections, not one a line
    small = Lines(m.sections, m.features, most=3)
    for c in [c for c in first if c.feats is not None][:5]:
        assert small.features(c) == line_features(c, m.features)
    assert small._size <= 3  # started again when full


def test_a_hit_marked_as_leaning_is_what_replace_makes_and_leaves_the_original_alone():
    from briefing_tui.briefing.rank import leaning_on

    h = _hit("neutral", figures=({"value": "5"},))
    marked = leaning_on(h, "weakness", 2.5)
    assert marked == replace(h, leans_on="weakness", score=2.5)
    assert (h.leans_on, h.score) == (None, 0.0)


def test_a_document_about_no_council_makes_no_second_council():
    from types import SimpleNamespace

    from briefing_tui.briefing.rank import about_several_councils

    def doc(council):
        return SimpleNamespace(meta=SimpleNamespace(council=council))

    index = SimpleNamespace(docs={1: doc("Hounslow"), 2: doc("Hounslow"), 3: doc(None), 4: doc("Brent")})
    assert not about_several_councils(index, (1, 2, 3))  # Hounslow's reports and a note about no council
    assert about_several_councils(index, (1, 3, 4))
