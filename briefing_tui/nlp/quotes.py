"""Quotes and their speakers across a document's paragraphs: a speaker named once ("Councillor Lily
Bath, cabinet member for children's services, said:") is joined to the quotes that follow, to "Ms
Bath said:" later, and to paragraphs that continue a quote. Speech of "the report" is the report's voice."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“\""
CLOSE = "”\""
TITLES = r"(?:Councillor|Cllr\.?|Ms|Mr|Mrs|Miss|Dr|Professor|Prof\.?|Sir|Dame|Lord|Lady|Baroness|Rt Hon)"
NAME = rf"(?:{TITLES}\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{0,3}}"
VERBS = r"(?:said|says|added|adds|told|commented|explained|stated|states|concluded|concludes|noted|notes|warned|insisted|continued|highlighted|wrote)"
REPORT = re.compile(r"^(?:the|this|ofsted's|the ofsted|an ofsted)?\s*(?:inspection\s+)?(?:report|inspectors?|ofsted|inspectorate)$", re.I)
BEFORE = re.compile(rf"(?P<who>{NAME}|[Tt]he report|[Ii]nspectors|[Oo]fsted|[Hh]e|[Ss]he|[Aa] council spokes(?:man|woman|person))"
                    rf"(?P<role>,\s+[^,“\"]{{3,120}},)?\s+{VERBS}(?:\s+\w+){{0,3}}?\s*[:,;]?\s*[“\"]?$")
AFTER = re.compile(rf"^[\s,]*(?:{VERBS}\s+(?P<who1>the report|the inspectors|inspectors|Ofsted|{NAME})|"
                   rf"(?P<who2>the report|the inspectors|inspectors|Ofsted|he|she|{NAME})\s+{VERBS})")
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


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """Quoted spans (start, end, closed) in a paragraph; a quote left open runs to its end."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPEN and (i == 0 or not text[i - 1].isalnum()):
            closer = "”" if ch == "“" else '"'
            j = text.find(closer, i + 1)
            if ch == "“" and j < 0:
                j = text.find('"', i + 1)
            if j < 0:
                out.append((i + 1, len(text), False))
                break
            out.append((i + 1, j, True))
            i = j + 1
            continue
        i += 1
    return [(s, e, c) for s, e, c in out if len(text[s:e].split()) >= 4]


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
        for start, end, closed in spans:
            who, role = _attribution(text, start, end)
            if who is None and previous is not None and (start <= 1 or previous.para == index):
                speaker, voice = previous.speaker, previous.report_voice  # a quote carried on from the paragraph before
            elif who is None:
                speaker, voice = None, False
            elif REPORT.match(who.strip()):
                speaker, voice = "the report", True
            else:
                speaker, voice = speakers.resolve(who, role), False
            segment = text[start:end]
            quote_text = segment.strip().rstrip(",").rstrip()
            if not quote_text:
                continue
            qs = start + len(segment) - len(segment.lstrip())
            q = Quote(index, qs, qs + len(quote_text), quote_text, speaker, voice)
            out.append(q)
            found_any = True
            previous = q if not closed or speaker else previous
        if not found_any:
            previous = None
    return out


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
