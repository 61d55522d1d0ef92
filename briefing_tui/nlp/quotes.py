"""Quotes and their speakers across a document's paragraphs: a speaker named once ("Councillor Lily
Bath, cabinet member for children's services, said:") is joined to the quotes that follow, to "Ms
Bath said:" later, and to paragraphs that continue a quote. Speech of "the report" is the report's voice."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“\""
REPORT_VOICE = "the report"  # the speaker of a report's words quoted in an article
MIN_WORDS = 4  # shorter quoted words are terms ('requires improvement'), not speech
CLOSE = "”\""
TITLES = r"(?:Councillor|Cllr\.?|Ms|Mr|Mrs|Miss|Dr|Professor|Prof\.?|Sir|Dame|Lord|Lady|Baroness|Rt Hon)"
NAME = rf"(?:{TITLES}\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{0,3}}"
VERBS = r"(?:said|says|added|adds|told|commented|explained|stated|states|concluded|concludes|noted|notes|warned|insisted|continued|highlighted|wrote)"
REPORT = re.compile(r"^(?:the|this|ofsted's|the ofsted|an ofsted)?\s*(?:inspection\s+)?(?:report|inspectors?|ofsted|inspectorate)$", re.I)
BEFORE = re.compile(rf"(?P<who>{NAME}|[Tt]he report|[Ii]nspectors|[Oo]fsted|[Hh]e|[Ss]he|[Aa] council spokes(?:man|woman|person))"
                    rf"(?P<role>,\s+[^,“\"]{{3,120}},)?\s+{VERBS}(?:\s+\w+){{0,3}}?\s*[:,;]?\s*[“\"]?$")
AFTER = re.compile(rf"^[\s,]*(?:{VERBS}\s+(?P<who1>the report|the inspectors|inspectors|Ofsted|{NAME})|"
                   rf"(?P<who2>the report|the inspectors|inspectors|Ofsted|he|she|{NAME})\s+{VERBS})")
# Speakers named by who they are rather than by name: "one child said, '...'", "as one young person's
# comment: '...'", "many young adults ..., who described the hub as '...'", "a foster carer told inspectors".
WHO = (r"(?:child|children|young (?:person|people|adults?)|care[- ]experienced (?:young )?(?:people|adults?)|"
       r"care leavers?|teenagers?|girls?|boys?|parents?|mothers?|fathers?|carers?|foster carers?|kinship carers?|"
       r"adopters?|adoptive parents?|famil(?:y|ies)|family members?|grandparents?|social workers?|practitioners?|"
       r"staff|workers?|managers?|leaders?|partners?|headteachers?|teachers?|school leaders?|judges?|magistrates?|"
       r"police officers?|professionals?|personal advisers?|councillors?|spokes(?:man|woman|person)|"
       r"director(?: of children['’]s services)?|chief executive|lead member|cabinet member|portfolio holder|"
       r"mayor|council leader|(?:members of )?the judiciary|cafcass|guardians)")
SPEECH = r"(?:said|says|saying|say|told|tells|tell|telling|commented|commenting|explained|described|describe|describing|stated|" \
         r"reflected|wrote|write|summed up|sums up|put it|observed|added|reported|talked|talking|spoke|speaking)"
SPEECH_NOUN = r"(?:comments?|words|views?|feedback|description|reflection|message)"
FILLER = r"(?:(?!(?:by|of|to|from|with|and|or|in|for|as|at|on|that|who|whom|when)\b)[\w-]+\s+)"
WHO_PHRASE = (rf"(?P<who>(?:(?:one|a|an|another|many|some|several|most|all|the|two|three|four|other|these|those)\s+)?"
              rf"{FILLER}{{0,2}}?{WHO})")
DESCRIBED = re.compile(
    rf"{WHO_PHRASE}"
    rf"(?:['’]s?\s+{SPEECH_NOUN}\s*[:,-]?\s*(?:was|is|were)?\s*$"  # one young person's comment: '...'
    rf"|\b[^.;:!?‘“\"]{{0,130}}?\b{SPEECH}\b[^.;!?‘“\"]{{0,90}}$"  # one child, who ..., said, '...'
    rf"|,?\s+in (?:the|their|his|her) (?:own )?words\s*[:,]?\s*$)", re.I)
# '... is described by the director as '...''; 'the message from care-experienced young people is, '...''
PASSIVE = re.compile(rf"\b(?:{SPEECH}\s+by|{SPEECH_NOUN}\s+from)\s+{WHO_PHRASE}\b[^.;!?‘“\"]{{0,30}}$", re.I)
ROLE_HINT = re.compile(r"(member|leader|director|chair|councillor|officer|head|manager|spokes|executive|minister|inspector|"
                       r"secretary|commissioner|president|mayor|lead|deputy|chief|mp\b)", re.I)


@dataclass(frozen=True)
class Quote:
    """Direct speech in one paragraph: where it stands, who said it, and whether it is the report speaking."""

    para: int  # the paragraph's index in its document
    start: int
    end: int
    text: str
    speaker: str | None  # "Councillor Lily Bath, cabinet member for children's services at the council"
    report_voice: bool = False
    described: bool = False  # the speaker is named by who they are ('one young person'), not by name


def _spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """Quoted spans (start, end, closed, single) in a paragraph; a quote left open runs to its end.
    Single curly quotes (Ofsted's house style for what children and others said) are `single`."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPEN + "‘" and (i == 0 or not text[i - 1].isalnum()):
            if ch == "‘":
                j = _single_close(text, i + 1)
            else:
                closer = "”" if ch == "“" else '"'
                j = text.find(closer, i + 1)
                if ch == "“" and j < 0:
                    j = text.find('"', i + 1)
            if j < 0:
                out.append((i + 1, len(text), False, ch == "‘"))
                break
            out.append((i + 1, j, True, ch == "‘"))
            i = j + 1
            continue
        i += 1
    return [(s, e, c, one) for s, e, c, one in out if len(text[s:e].split()) >= MIN_WORDS]


SCARE_WORDS = 3  # a single-quoted term this short ('influencers') ends at its first closing mark


def _single_close(text: str, start: int) -> int:
    """The ’ that closes a single-quoted span: not an apostrophe inside a word ('children’s'), and not a
    plural possessive ('parents’ views') unless punctuation follows or the quote is a term of a few
    words; -1 when the quote runs on."""
    fallback = -1
    for m in re.finditer("’", text[start:]):
        j = start + m.start()
        after = text[j + 1:j + 2]
        if after.isalnum():
            continue  # children’s
        if text[j - 1:j] in ("s", "S") and after == " " and not re.match(r"\s*[,;:.)!?]", text[j + 1:]) \
                and len(text[start:j].split()) > SCARE_WORDS:
            fallback = j if fallback < 0 else fallback
            continue  # parents’ views: an apostrophe, unless nothing better closes the quote
        return j
    return fallback


class Speakers:
    """The people a document quotes, so that a surname or a pronoun finds the full name and role."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}
        self.last: str | None = None

    def resolve(self, who: str, role: str | None) -> str:
        who = who.strip()
        if who.lower() in ("he", "she"):
            return self.last or who
        bare = re.sub(rf"^{TITLES}\s+", "", who)
        surname = bare.split()[-1]
        if role and ROLE_HINT.search(role):
            speaker = f"{who}, {role.strip(' ,')}"
        elif surname in self.full and len(bare.split()) == 1:
            speaker = self.full[surname]
        else:
            speaker = who
        if len(bare.split()) > 1 or surname not in self.full:
            self.full[surname] = speaker
        self.last = speaker
        return speaker


def find_quotes(paragraphs: list[str]) -> list[Quote]:
    """Quotes in a document's paragraphs, in order, with speakers joined across paragraphs."""
    speakers = Speakers()
    out: list[Quote] = []
    previous: Quote | None = None
    for index, text in enumerate(paragraphs):
        spans = _spans(text)
        if not spans:
            previous = None
            continue
        found_any = False
        for start, end, closed, single in spans:
            who, role = _attribution(text, start, end)
            described = False
            if who is None and single:
                # single quotes mark names and terms as often as speech: speech only with its speaker at hand
                who, described = _described(text, start), True
                if who is None:
                    continue
                speaker, voice = who, False
            elif who is None and previous is not None and (start <= 1 or previous.para == index):
                speaker, voice = previous.speaker, previous.report_voice  # a quote carried on from the paragraph before
                described = previous.described
            elif who is None:
                speaker, voice = None, False
            elif REPORT.match(who.strip()):
                speaker, voice = REPORT_VOICE, True
            else:
                speaker, voice = speakers.resolve(who, role), False
            segment = text[start:end]
            quote_text = segment.strip().rstrip(",").rstrip()
            if not quote_text:
                continue
            qs = start + len(segment) - len(segment.lstrip())
            q = Quote(index, qs, qs + len(quote_text), quote_text, speaker, voice, described)
            out.append(q)
            found_any = True
            previous = q if not closed or speaker else previous
        if not found_any:
            previous = None
    return out


# A finding that opens by saying who told what: 'Care leavers who spoke to inspectors said they were happy ...',
# after a lead-in clause ('In discussions with inspectors, parents said that ...').
LEAD_IN = r"(?:[A-Z][^,.;:!?‘“\"]{0,60},\s+)?"
REPORTED = re.compile(rf"^{LEAD_IN}{WHO_PHRASE}\b[^.;:!?‘“\"]{{0,60}}?\b(?:told|tells|tell|said|say|says|described|describe|describes|"
                      rf"commented|comment|explained|explain|reported|report|reports|spoke|speak|speaks)\b"
                      rf"(?:\s+(?:to\s+)?(?:inspectors|us|an inspector|ofsted))?"
                      rf"\s+(?:that|how|they|their|it|of|about|positively|highly|warmly|feeling|being|the|as|very|overwhelmingly|"
                      rf"consistently)\b", re.I)
# What someone said, reported in other shapes: 'positive feedback was received from the judiciary',
# 'inspectors were told by care leavers that ...', 'care leavers spoken to by inspectors were positive about ...'.
REPORTED_ELSEWHERE = (
    re.compile(rf"\b(?:feedback|views|comments)\b(?:\s+[\w-]+){{0,4}}?\s+from\s+{WHO_PHRASE}\b", re.I),
    re.compile(rf"\b(?:told|informed)\s+by\s+{WHO_PHRASE}\b", re.I),
    re.compile(rf"^{LEAD_IN}{WHO_PHRASE}\s+(?:who\s+)?(?:spoke|spoken|talked|met)\s+(?:to|with)\s+(?:by\s+)?"
               rf"(?:the\s+)?inspectors?\b[^.;:!?‘“\"]{{0,40}}?\b(?:were|are|was|is|have been)\s+(?:very\s+|"
               rf"overwhelmingly\s+|consistently\s+|largely\s+)?(?:positive|negative|complimentary|critical|clear|"
               rf"unanimous|enthusiastic|happy|pleased|unhappy)\b", re.I),
)


# Words of their own: single-quoted words, as many as direct speech has (MIN_WORDS; fewer are a term: 'signs of
# safety'), not a name in capitals ('Our Safe Space Team').
OWN_WORDS = re.compile(rf"‘(?![A-Z][\w-]*(?:\s+[A-Z][\w-]*)*’)[^’]*?(?:[\w-]+[^\w’]+){{{MIN_WORDS - 1}}}[\w-]+[^’]*’")
# A sentence that opens with who and carries their own words: 'Children who are young carers value the support,
# which helps them 'just to be themselves''.
OPENS_WITH_WHO = re.compile(rf"^{LEAD_IN}{WHO_PHRASE}\b", re.I)


def reported_speaker(sentence: str) -> str | None:
    """Who a sentence reports: 'School leaders describe the virtual school as 'brilliant'' (however short
    the quoted words), 'Children told inspectors how frustrating this is' (who opens it and what they said),
    'positive feedback was received from the judiciary' (whose words the finding reports), 'Young carers value
    the support, which helps them 'just to be themselves'' (who opens a line carrying words of their own)."""
    i = sentence.find("‘")
    who = _described(sentence, i + 1) if i > 0 else None
    if who:
        return who
    m = REPORTED.match(sentence) or next((m for p in REPORTED_ELSEWHERE if (m := p.search(sentence))), None)
    if not m and i > 0 and OWN_WORDS.search(sentence):
        m = OPENS_WITH_WHO.match(sentence)
    if not m:
        return None
    who = m.group("who")
    return who[0].lower() + who[1:] if not who[:2].isupper() else who


def _described(text: str, start: int) -> str | None:
    """A speaker named by who they are, in the words before a quote in its sentence ('one child said,')."""
    before = text[max(0, start - 200):start - 1]
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z])", before)[-1]  # this sentence only
    # The speaker nearest the quote ('Children told inspectors ... with one child saying:' is one child),
    # in the most words that name them ('one child', not 'child').
    found = [m for w in re.finditer(r"\b\w", before) if (m := DESCRIBED.match(before, w.start()))]
    found += [m for m in [PASSIVE.search(before)] if m]
    if not found:
        return None
    m = min(found, key=lambda m: (-m.end("who"), m.start()))
    who = re.sub(r"^(the|these|those)\s+", "", m.group("who"), flags=re.I)
    return who[0].lower() + who[1:] if not who.isupper() else who


def _attribution(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    before = text[max(0, start - 200):start - 1]
    m = BEFORE.search(before.rstrip())
    if m:
        return m.group("who"), m.group("role")
    after = text[end + 1:end + 120]
    m = AFTER.match(after)
    if m:
        return m.group("who1") or m.group("who2"), None
    # "the report said; "..."" and "the report said that" forms, further back in the sentence
    m = re.search(r"(the report|inspectors|Ofsted)\s+(?:said|says|states|stated|concluded)\s*[;:,]?\s*[“\"]?$", before, re.I)
    if m:
        return m.group(1), None
    return None, None
