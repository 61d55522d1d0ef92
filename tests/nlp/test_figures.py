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
