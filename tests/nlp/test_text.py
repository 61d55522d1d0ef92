"""norm(): the fast form gives exactly what the plain definition (a table, a regular expression) gives."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.nlp.text import NORM_MARKS, norm

_TABLE = str.maketrans(dict(NORM_MARKS))


def reference(text: str) -> str:
    """norm() as first written: the marks unified by a table, runs of white space (re's \\s) made one space."""
    return re.sub(r"\s+", " ", text.translate(_TABLE)).strip().lower()


# Every white space character re's \s knows, the marks, ASCII and a few cased letters outside it.
_SPACES = [chr(i) for i in range(0x3000 + 1) if re.match(r"\s", chr(i))]
_ALPHABET = st.sampled_from(_SPACES + [m for m, _ in NORM_MARKS] + list("aZ'\"-. 9") + list("İßſKΣé\u0307"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_ALPHABET)))
def test_norm_is_the_table_and_regex_definition(text):
    assert norm(text) == reference(text)


def test_norm_unifies_marks_and_space():
    assert norm("\u00a0 The council\u2019s \u201cplan\u201d \u2013 2024\n") == "the council's \"plan\" - 2024"
    assert norm("Plain  ASCII\ttext ") == "plain ascii text"
