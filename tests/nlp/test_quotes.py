from briefing_tui.nlp.quotes import find_quotes


def test_speaker_with_role_joined_to_later_quotes():
    paras = [
        'Councillor Lily Bath, cabinet member for children\'s services at the council, said: "It\'s reassuring - that is the most important job we have.',
        '"They also found no widespread or serious failures in any of our services, which is reassuring.',
        "One improvement required was a reduction in delay.",
        'Ms Bath said: "Our adoption service prides itself on finding the right family for each child.',
        '"The last thing anyone would want is a child being placed with the wrong family."',
    ]
    quotes = find_quotes(paras)
    full = "Councillor Lily Bath, cabinet member for children's services at the council"
    assert [q.para for q in quotes] == [0, 1, 3, 4]
    assert all(q.speaker == full for q in quotes)
    assert quotes[0].text.startswith("It's reassuring")
    assert all(paras[q.para][q.start:q.end] == q.text for q in quotes)


def test_report_voice():
    paras = ['"There are no widespread or serious failures that leave children being harmed," the report states.',
             'The effectiveness requires improvement and the report said; "The LSCB is not yet demonstrating the characteristics of good."']
    quotes = find_quotes(paras)
    assert len(quotes) == 2
    assert all(q.report_voice and q.speaker == "the report" for q in quotes)


def test_unattributed_quote_after_prose_has_no_speaker():
    quotes = find_quotes(["Nothing quoted here.", 'Some people call it "a service that works well for all".'])
    assert len(quotes) == 1 and quotes[0].speaker is None


def test_short_scare_quotes_are_not_quotes():
    assert find_quotes(["The overall judgement was 'requires improvement', said to be \"fair\"."]) == []


def test_single_quoted_words_with_a_speaker_named_by_who_they_are():
    """Ofsted quotes children, carers and staff in single curly quotes, naming them by who they are."""
    paras = ["Children told inspectors they feel valued, with one child saying: \u2018Things feel different, better now!\u2019",
             "It is captured by one young person\u2019s comment: \u2018Being in care here is good and the benefits are good.\u2019",
             "A foster carer told inspectors: \u2018The support we get from our social worker is brilliant.\u2019",
             "The ethos is described by the director of children\u2019s services as \u2018more parent and less corporate\u2019."]
    quotes = find_quotes(paras)
    assert [(q.speaker, q.described) for q in quotes] == [
        ("one child", True), ("one young person", True), ("a foster carer", True),
        ("director of children\u2019s services", True)]
    assert quotes[0].text == "Things feel different, better now!"
    assert all(paras[q.para][q.start:q.end] == q.text for q in quotes)


def test_single_quotes_without_a_speaker_are_names_not_speech():
    paras = ["Families are supported by the \u2018Think Family, Work Family\u2019 protocol and the \u2018Mind of My Own app\u2019.",
             "Parents\u2019 views are sought through the \u2018have your say about your plan\u2019 leaflets.",
             "The young people\u2019s \u2018Kids in Care Awards night\u2019 is well attended."]
    assert find_quotes(paras) == []


def test_apostrophes_do_not_close_a_single_quote():
    paras = ["One care leaver said: \u2018My personal adviser\u2019s help and my carers\u2019 patience changed my life.\u2019"]
    [q] = find_quotes(paras)
    assert q.text == "My personal adviser\u2019s help and my carers\u2019 patience changed my life." and q.speaker == "one care leaver"


def test_a_finding_that_reports_what_people_told_inspectors_names_them():
    from briefing_tui.nlp.quotes import reported_speaker

    assert reported_speaker("Children told inspectors how frustrating this is for them.") == "children"
    assert reported_speaker("Most care leavers said they were happy where they lived.") == "most care leavers"
    assert reported_speaker("School leaders describe the virtual school as \u2018brilliant\u2019.") == "school leaders"
    for prose in ("Inspectors said that the service is good.", "Leaders have told partners that the service will change.",
                  "Children in care are visited regularly by their social workers.",
                  "The \u2018Family Hub\u2019 is open to all families in the borough."):
        assert reported_speaker(prose) is None, prose


def test_reported_speech_in_other_shapes():
    """What people told inspectors, reported without quotation marks: after a lead-in clause, as feedback
    received from someone, told by someone, or the views of those who spoke to inspectors."""
    from briefing_tui.nlp.quotes import reported_speaker

    cases = {
        "In discussions with inspectors, parents said that they felt supported.": "parents",
        "Most importantly, care leavers who spoke to inspectors described their pathway plans as meaningless.":
            "care leavers",
        "During this inspection, extremely positive feedback was received from the judiciary.": "the judiciary",
        "Feedback from foster carers is overwhelmingly positive.": "foster carers",
        "Inspectors were told by care leavers that they feel supported.": "care leavers",
        "Care leavers spoken to by inspectors were positive about their personal advisers.": "care leavers",
        "The judiciary reports that the quality of applications is good.": "the judiciary",
        "Children describe the support as good.": "children",
        "One care leaver talked about their PA being there \u2018every step of the way\u2019.": "one care leaver",
    }
    for sentence, who in cases.items():
        assert reported_speaker(sentence) == who, sentence
    for prose in ("In most cases, children are seen quickly.", "However, social workers have manageable caseloads.",
                  "The local authority has reported that 40 children were placed.",
                  "Partners report positive relationships with the local authority."):
        assert reported_speaker(prose) is None, prose


def test_speakers_further_from_their_words_and_lines_carrying_their_own_words():
    from briefing_tui.nlp.quotes import reported_speaker

    cases = {
        "One worker tells their young people, \u2018You can do it; believe in yourself.": "one worker",
        "The message from care-experienced young people is, \u2018Keep doing what you are doing.":
            "care-experienced young people",
        "Adopters spoken to during the inspection were unanimously positive about their adoption experiences, describing "
        "the service from the local authority and the regional adoption agency as \u2018efficient, kind, and very "
        "responsive\u2019.": "adopters",
        "Children who are young carers value the support that they receive, which helps them \u2018just to be "
        "themselves\u2019.": "children",
    }
    for sentence, who in cases.items():
        assert reported_speaker(sentence) == who, sentence
    for term in ("Managers use a \u2018signs of safety\u2019 approach well.",  # a term, not their words
                 "Staff value the \u2018Our Safe Space Team For All\u2019 support."):  # a name
        assert reported_speaker(term) is None, term
