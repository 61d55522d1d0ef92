from briefing_tui.nlp.figures import find_figures


def values(text):
    return [(f.value, f.label) for f in find_figures(text)]


def test_figure_with_comparators():
    assert values("it is currently 672 days, which is higher than the national threshold of 608 days.") == [
        ("672 days", ""), ("608 days", "national threshold")]
    assert values("It is also higher than both the England average (647 days) and that of statistical neighbours (636 days).") == [
        ("647 days", "england average"), ("636 days", "statistical neighbours")]


def test_percentages_and_rates():
    assert ("38%", "") in values("The proportion of care leavers who are NEET, at 38% overall, is higher.")
    assert ("52 per 10,000 children", "") in values("(a rate of 52 per 10,000 children)")


def test_dates_years_and_references_are_not_figures():
    assert values("The inspection was carried out under section 136 of the Education and Inspections Act 2006.") == []
    assert values("This letter summarises an inspection conducted on 15 and 16 June 2011.") == []
    assert values("At 31 March 2013 the plan was agreed in 2012–13.") == []


def test_numbers_in_words_are_figures():
    assert values("approximately a third of children are awaiting a dental appointment") == [("a third", "")]
    assert values("children were waiting up to three years to find a permanent home") == [("three years", "")]
    assert ("twenty months", "target") in values("54% move in within the target of twenty months")
    assert values("two-thirds of the looked after population live out of borough") == [("two-thirds", "")]
    assert values("Over half of families are helped to remain together") == [("half", "")]
    assert values("Seven family hubs have opened in the last year") == [("Seven family hubs", "")]
    assert values("there have been four directors of children's services") == [("four directors", "")]
    assert values("One in five children waits too long") == [("One in five", "")]
    assert values("the number of personal advisers has been tripled") == [("tripled", "")]
    share = find_figures("Thirty-three per cent of care leavers are NEET")[0]
    assert (share.number, share.unit) == (33.0, "%")
    assert find_figures("almost half of the discussions")[0].number == 50.0


def test_words_that_are_not_figures():
    assert values("Over the last two years, leaders have improved practice.") == []
    assert values("In the second half of 2023 the service moved. One of the managers left. No one was told.") == []
    assert values("Three years ago the council was inadequate; a child two years old.") == []
    assert values("This is the third inspection. The two local authorities share a service.") == []
    assert values("Six-monthly reviews and a two-year programme.") == []
    assert values("In four cases seen by inspectors, plans were weak.") == []


def test_a_quantity_bounded_by_over_or_under_is_a_figure_but_an_age_is_not():
    assert values("a small number of social workers are supporting over 20 children") == [("20 children", "")]
    assert values("with timescales over 40 weeks") == [("40 weeks", "")]
    assert values("young people over 16 and those aged 17") == []


def test_numbers_in_someones_own_words_are_speech_not_figures():
    said = "One child commented, \u2018I have been in foster care and these have been the happiest two years of my life.\u2019"
    assert values(said) == []
    assert values("Two-thirds of children said they \u2018love living here\u2019.") == [("Two-thirds", "")]
    assert [f.value for f in find_figures("these have been the happiest two years of my life", speech=True)] == []
    assert [f.value for f in find_figures("it took 40 weeks", speech=True)] == ["40 weeks"]


def test_a_change_by_a_share_or_from_one_number_to_another_is_a_figure():
    assert values("with the number of referrals dropping by a quarter in the last year") == [("a quarter", "")]
    assert [f.value for f in find_figures("reducing shared services from 34 to just four")] == ["34"]
    assert values("since 2019 the service moved from one site") == []
