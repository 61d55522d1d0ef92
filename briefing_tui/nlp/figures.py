"""Figures: the statistics a sentence carries, in digits or in words ('a third of children', 'three
years', 'twice as many'), and what they are compared with (672 days against the national threshold
of 608 days)."""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = (r"days?|weeks?|months?|years?|hours?|children|young people|people|families|cases|adopters|adoptions|"
         r"care leavers|carers|placements|referrals|assessments|plans|social workers|staff|schools|per 10,000(?: children)?|"
         r"per cent|percentage points|homes|moves|visits|inspections|%")
NUMBER = r"(?:£\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:£\s?)?\d+(?:\.\d+)?"
FIGURE = re.compile(rf"(?<![\w/.])({NUMBER})\s*(%|(?:\w+\s){{0,2}}?(?:{UNITS})\b)?", re.I)
NOT_A_FIGURE = re.compile(
    r"(section|paragraph|para|key stage|stage|act|chapter|regulation|schedule|aged?|age of|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|tier|level)\s*$", re.I)
# Before a bare number these say it is an age, a date or a reference ('over 16', 'since 2019'); before a
# number with its unit they bound a quantity ('over 20 children', 'over 40 weeks').
NOT_A_BARE_FIGURE = re.compile(r"\b(under|over|from|between|in|since)\s*$", re.I)
# ... unless it is the start of a change from one number to another ('from 34 to just four').
TO_ANOTHER = re.compile(r"\s*\bto\s+(?:just\s+|only\s+|around\s+|about\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|"
                        r"ten|eleven|twelve|twenty|thirty|forty|fifty)\b)", re.I)
FROM = re.compile(r"\bfrom\s*$", re.I)
COMPARATOR = re.compile(
    r"(national (?:average|threshold|rate|figure|target)|england average|all england(?: average)?|statistical neighbours?|"
    r"similar (?:areas|authorities|local authorities)|london average|regional average|(?:the )?national average|"
    r"threshold|target|average|compared (?:with|to)|higher than|lower than|reduction from|increase from|up from|down from)",
    re.I)


@dataclass(frozen=True)
class Figure:
    value: str  # as printed: "672 days", "38%"
    number: float
    unit: str
    label: str  # what the number measures, where the text says: "national threshold", else ""


def find_figures(text: str, *, speech: bool = False) -> list[Figure]:
    """The figures a sentence carries, in the order they are printed: numbers in digits and in words
    (not in someone's own words, `speech`: 'the happiest two years of my life' is no statistic)."""
    found = _digit_figures(text) + ([] if speech else _word_figures(text))
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, figure in sorted(found, key=lambda f: (f[0], -f[1])):
        if any(start < e and s < end for s, e in taken):
            continue  # 'two-thirds (66%)' is one figure in words and one in digits; 'a third' is not also 'three ...'
        taken.append((start, end))
        out.append(figure)
    return out


def _comparator(text: str, start: int) -> str:
    """What a figure is compared with, from the words just before it: 'the national threshold of 608 days'."""
    comparator = None
    for c in COMPARATOR.finditer(text[max(0, start - 60):start + 2]):
        comparator = c.group(1).lower()
    if text[max(0, start - 1):start] == "(":
        prev = COMPARATOR.findall(text[max(0, start - 45):start])
        comparator = prev[-1].lower() if prev else comparator
    return comparator or ""


def _digit_figures(text: str) -> list[tuple[int, int, Figure]]:
    out = []
    for m in FIGURE.finditer(text):
        raw, unit = m.group(1), (m.group(2) or "").strip()
        number = float(raw.replace("£", "").replace(",", "").strip())
        before = text[max(0, m.start() - 40):m.start()]
        if NOT_A_FIGURE.search(before) and not unit.endswith("%"):
            continue
        if NOT_A_BARE_FIGURE.search(before) and not unit and not (FROM.search(before) and TO_ANOTHER.match(text, m.end())):
            continue
        if re.fullmatch(r"(19|20)\d\d", raw) and not unit:
            continue  # a year
        if re.match(r"\s*[–-]\s*\d", text[m.end():m.end() + 3]) and re.fullmatch(r"(19|20)\d\d", raw) \
                or re.search(r"(19|20)\d\d\s*[–/-]\s*$", before):
            continue  # a span of years, 2012–13
        if not unit and ("," not in raw and "." not in raw and number < 10):
            continue  # a bare small number is rarely a statistic
        if not unit and not re.search(r"\d{2,}", raw):
            continue
        if re.match(r"\s*(?:(?:and|to|–|-)\s*\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b", text[m.end():m.end() + 22]):
            continue  # a date: 31 March
        out.append((m.start(), m.end(), Figure(f"{raw}{'' if unit == '%' else ' '}{unit}".strip(), number,
                                               "%" if unit.endswith("%") or unit == "per cent" else
                                               unit.split()[-1] if unit else "", _comparator(text, m.start()))))
    return out


# Numbers in words. Reports write one to nine (and often more) in words: 'three years', 'five family
# hubs', 'a third of children', 'one in five', 'twice as many'. 'one' alone is not read as a count
# ('one of the', 'no one'); it counts only in a fraction or a rate.
SMALL = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                    "fifteen sixteen seventeen eighteen nineteen".split(), start=1)}
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
WORD_NUMBER = (rf"(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(list(SMALL)[:9])}))?|"
               rf"{'|'.join(sorted(SMALL, key=len, reverse=True))}")
FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
             "fifth": 1 / 5, "fifths": 1 / 5}
NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# A fraction is a share of something ('half of the referrals', 'over half are late'), not a date ('the
# second half of 2023') or an ordinal ('the third inspection').
FRACTION = re.compile(rf"\b(?:(a|one|two|three|four)[\s-])?(half|halves|thirds?|quarters?|fifths?)\b", re.I)
FRACTION_OF = re.compile(r"\s+(?:of|the|their|its|all)\b", re.I)
QUANTIFIER = re.compile(r"\b(?:over|almost|nearly|around|about|approximately|roughly|more than|less than|fewer than|"
                        r"under|at least|only|just|by)\s*$", re.I)  # 'by': a change by a share ('dropping by a quarter')
NOT_A_SHARE = re.compile(r"\b(?:first|second|third|final|last|latter|former|the)\s*$", re.I)
ONE_IN = re.compile(rf"\b({WORD_NUMBER}|\d+) in (?:every )?({WORD_NUMBER}|\d+)\b", re.I)
MULTIPLE = re.compile(r"\b(?:(twice|double|treble|triple|three times|four times)\s+(?:as|the|that)\b|"
                      r"(doubled|trebled|tripled|quadrupled|halved))", re.I)
MULTIPLES = {"twice": 2, "double": 2, "doubled": 2, "treble": 3, "triple": 3, "trebled": 3, "tripled": 3,
             "three times": 3, "four times": 4, "quadrupled": 4, "halved": 0.5}
# A count: a number in words and what it counts, a unit or a plural noun within two words ('five new
# children's homes'). Words ending in s that are not plurals are not what is counted; a hyphen makes a
# modifier, not a count ('six-monthly reviews', 'a two-year programme').
COUNT = re.compile(rf"\b({WORD_NUMBER})\s+((?:[\w'’-]+\s+){{0,2}}?)((?:{UNITS})\b(?!['’])|[a-z]{{2,}}[^su\W]s\b)", re.I)
NOT_COUNTED = {"this", "has", "was", "does", "its", "his", "across", "towards", "afterwards", "whereas", "perhaps"}
TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours"}
# 'the last two years', 'three years ago', 'two years old': a period or an age, not a measure.
A_PERIOD = re.compile(r"\b(?:last|past|previous|next|recent|first|coming|following|few|these|those)\s*$", re.I)
# 'the two local authorities', 'both three-year plans': things already named, not counted.
NAMED_BEFORE = re.compile(r"\b(?:the|these|those|both|all|its|their|our|his|her)\s*$", re.I)
AFTER_A_PERIOD = re.compile(r"\s+(?:ago|old|of age)\b", re.I)
# 'in four cases seen by inspectors': the inspectors' sample, not a statistic of the service.
SAMPLED = re.compile(r"\s+(?:that |which )?(?:were |was )?(?:seen|sampled|audited|tracked|examined|looked at|considered)\b", re.I)


def _word_value(words: str) -> float:
    parts = re.split(r"[\s-]+", words.lower())
    return float(sum(TENS.get(p, SMALL.get(p, 0)) for p in parts))


# Someone's own words ('the happiest two years of my life') are speech, not the service's statistics.
QUOTED = re.compile(r"[‘“\"](?=\w).*?(?:[’”\"](?!\w)|$)")


def _word_figures(text: str) -> list[tuple[int, int, Figure]]:
    quoted = [m.span() for m in QUOTED.finditer(text)]
    return [f for f in _words_read_as_figures(text) if not any(s <= f[0] < e for s, e in quoted)]


def _words_read_as_figures(text: str) -> list[tuple[int, int, Figure]]:
    out = []
    for m in FRACTION.finditer(text):
        numerator, fraction = (m.group(1) or "").lower(), m.group(2).lower()
        before = text[max(0, m.start() - 20):m.start()]
        if not numerator and fraction not in ("half", "halves") or NOT_A_SHARE.search(before) and not numerator:
            continue
        if not (FRACTION_OF.match(text, m.end()) or QUANTIFIER.search(before)):
            continue
        share = 100 * NUMERATORS.get(numerator, 1) * FRACTIONS[fraction]
        out.append((m.start(), m.end(), Figure(m.group(0), round(share, 1), "%", _comparator(text, m.start()))))
    for m in ONE_IN.finditer(text):
        a, b = (float(g) if g.isdigit() else _word_value(g) for g in m.groups())
        if 0 < a < b:
            out.append((m.start(), m.end(), Figure(m.group(0), round(100 * a / b, 1), "%", _comparator(text, m.start()))))
    for m in MULTIPLE.finditer(text):
        word = (m.group(1) or m.group(2)).lower()
        out.append((m.start(), m.end(), Figure(word, float(MULTIPLES[word]), "", _comparator(text, m.start()))))
    for m in COUNT.finditer(text):
        number, unit = m.group(1), m.group(3)
        if number.lower() == "one" or unit.lower() in NOT_COUNTED:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if NOT_A_FIGURE.search(before) or NAMED_BEFORE.search(before):
            continue
        if SAMPLED.match(text, m.end()):
            continue
        if unit.lower() in TIME_UNITS and not m.group(2) and (A_PERIOD.search(before) or AFTER_A_PERIOD.match(text, m.end())):
            continue
        percent = unit.lower() in ("per cent", "%")
        out.append((m.start(), m.end(), Figure(m.group(0), _word_value(number), "%" if percent else unit.lower(),
                                               _comparator(text, m.start()))))
    return out
