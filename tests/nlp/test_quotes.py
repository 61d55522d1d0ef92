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
