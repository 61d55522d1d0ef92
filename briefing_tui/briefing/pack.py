"""Composition as packing: scored candidates into sections under a word budget (judgements first, then
by the question's sections, distinct paragraphs and documents, near-duplicates merged). Pure functions."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import count
from typing import Callable

from rapidfuzz import fuzz

from .features import Candidate
from .model import SECTIONS, Duplicates, Model


@dataclass(frozen=True)
class Packed:
    """The lines chosen for each section, in order, and the best lines left out with the reason."""

    chosen: dict[str, tuple[Candidate, ...]]
    left_out: tuple[tuple[Candidate, str], ...]


def quotas(intents: frozenset[str], m: Model) -> dict[str, int]:
    """Lines per section: the base quota, then the rules the question's intents call for."""
    out = dict(m.quotas["base"])
    rules = []
    if "quotes" in intents:
        rules.append("quotes")
    if "figures" in intents:
        rules.append("figures")
    if "strengths" in intents and "weaknesses" not in intents:
        rules.append("strengths_only")
    if "weaknesses" in intents and "strengths" not in intents:
        rules.append("weaknesses_only")
    if "actions" in intents:
        rules.append("actions")
    if "judgement" in intents or "change" in intents:
        rules.append("judgement")
    for rule in rules:
        out.update(m.quotas.get(rule, {}))
    return out


# near()'s answers kept, per pair of lines: the comparisons are most of packing's time, and the lines a corpus's
# questions choose come back (32,768 pairs: 20,000 are met in one pass over the seeds' 240 benchmark questions).
NEAR_PAIRS_KEPT = 32768
# The pairs' answers by their first line, then their second: dicts of strings and booleans only, which the
# garbage collector does not track. An lru_cache keeps each pair as an entry that every full collection walks
# (60,000 references in all, half of a full collection's 20 ms on the seeds).
_NEAR_KEPT: dict[Duplicates, dict[str, dict[str, bool]]] = {}
_near_count = 0


def near(a: str, b: str, d: Duplicates) -> bool:
    """Two normalised lines say the same: nearly the same words, or one contains the other (remembered)."""
    global _near_count
    by_first = _NEAR_KEPT.get(d)
    seconds = by_first.get(a) if by_first is not None else None
    known = seconds.get(b) if seconds is not None else None
    if known is None:
        if _near_count >= NEAR_PAIRS_KEPT:  # full: start again (the pairs a question meets come back within a pass)
            _NEAR_KEPT.clear()
            _near_count = 0
        known = _near(a, b, d.min_chars, d.length_ratio, d.token_set, d.partial_min_chars, d.partial)
        _NEAR_KEPT.setdefault(d, {}).setdefault(a, {})[b] = known
        _near_count += 1
    return known


def _near(a: str, b: str, min_chars: float, length_ratio: float, token_set: float, partial_min_chars: float,
          partial: float) -> bool:
    """near(), worked out."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < min_chars:
        return False
    if len(short) >= length_ratio * len(long_) and fuzz.token_set_ratio(a, b, score_cutoff=token_set):
        return True
    return len(short) >= partial_min_chars and may_contain(short, long_, partial) \
        and bool(fuzz.partial_ratio(short, long_, score_cutoff=partial))


GRAM = 3  # characters; the q-gram bound below holds for any length, three rules out the most pairs


def may_contain(short: str, long_: str, cutoff: float) -> bool:
    """False only when rapidfuzz's partial_ratio(short, long_) cannot reach `cutoff` (0..100), proved by
    the q-gram lemma (Ukkonen 1992), so the slow comparison (nine in ten of packing's time) is skipped
    for lines that plainly differ. A score c of `short` (length L) against a window of `long_` of
    length w <= L means at most (1 - c)(L + w) <= 2(1 - c)L single-character insertions and deletions,
    each of which breaks at most GRAM of the L - GRAM + 1 q-grams of `short`; the rest are q-grams of
    the window and so of `long_` (counted with repeats)."""
    size = len(short)
    edits = 2 * (1 - cutoff / 100) * size
    need = size - GRAM + 1 - GRAM * edits
    return need <= 0 or (_grams(short) & _grams(long_)).bit_count() >= need - 1e-9


# Every q-gram met (a repeat numbered from its second occurrence) has its own bit, so a text's q-grams
# are one int and two texts' shared q-grams, repeats counted, are the bits of an AND: exact, and a
# fraction of the cost of intersecting sets. The table grows with the language's q-grams, not the corpus.
_BITS: dict[str, int] = {}
_NEXT_BIT = count()  # next() is atomic, so threads answering at once never share a bit


@lru_cache(maxsize=2048)
def _grams(text: str) -> int:
    counts = Counter(text[i:i + GRAM] for i in range(len(text) - GRAM + 1))
    bits = []
    for g, n in counts.items():
        for k in range(n):
            key = g + chr(k) if k else g
            bit = _BITS.get(key)
            bits.append(bit if bit is not None else _BITS.setdefault(key, next(_NEXT_BIT)))
    out = bytearray((max(bits) >> 3) + 1 if bits else 0)
    for b in bits:
        out[b >> 3] |= 1 << (b & 7)
    return int.from_bytes(out, "little")


def different_inspections(a: Candidate, b: Candidate) -> bool:
    """The same words in reports of two inspections are two findings, not one."""
    return a.inspection is not None and b.inspection is not None and a.inspection != b.inspection


def same_grade(a: Candidate, b: Candidate) -> bool:
    """Two judgement rows grading one area in one inspection (its PDF and a text copy, laid out apart)."""
    return a.kind == b.kind == "judgement" and a.area is not None and a.area == b.area \
        and a.inspection is not None and a.inspection == b.inspection


def distinct_roles(a: Candidate, b: Candidate) -> bool:
    """A recommendation and the finding it answers share their words but say two things ('IROs do not
    challenge plans' / 'Ensure that IROs challenge plans'); so do the grades of two areas."""
    if a.kind == b.kind == "judgement":
        return a.area is not None and b.area is not None and a.area != b.area
    return (a.kind == "actions") != (b.kind == "actions")


def merge(c: Candidate, chosen: dict[str, list[Candidate]], m: Model, room: float = float("inf")) -> bool:
    """Merge a candidate that repeats a chosen line into it (the more authoritative source first, when
    its words fit in `room` more); True when it was a duplicate. `chosen` is the packer's working copy."""
    for kind, items in chosen.items():
        for i, other in enumerate(items):
            if different_inspections(c, other) or distinct_roles(c, other):
                continue
            if c.normed != other.normed and not near(c.normed, other.normed, m.duplicates) \
                    and not same_grade(c, other):
                continue
            if c.para.id != other.para.id:
                if _authority(c, m) > _authority(other, m) and c.words - other.words <= room:
                    items[i] = replace(c, kind=other.kind, also=(other.para, *other.also))
                elif c.para.doc != other.para.doc and c.para not in other.also:
                    items[i] = replace(other, also=(*other.also, c.para))
            return True
    return False


def _authority(c: Candidate, m: Model) -> float:
    return m.authority.get(c.doc_kind, m.authority["other"])


def best_readings(candidates: list[Candidate]) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """One reading of each line: a sentence that is a candidate in several sections (a finding with a
    number, a finding read both ways) keeps only its best-scoring one, so the model, not the order the
    sections take their turns in, says where it goes, and no briefing shows it twice. A report's headline
    beside its grades is not a rival reading: the judgement section shows the verdict, merged when repeated."""
    best: dict[tuple[int, str], Candidate] = {}
    for c in candidates:
        if c.kind != "judgement":
            key = (c.para.id, c.text)
            if key not in best or c.score > best[key].score:
                best[key] = c
    kept, left = [], []
    for c in candidates:
        rival = best.get((c.para.id, c.text), c) if c.kind != "judgement" else c
        if rival is c:
            kept.append(c)
        else:
            left.append((c, f"scores higher as a line of {rival.kind}"))
    return kept, left


def occasion(c: Candidate) -> tuple | None:
    """The inspection a line is from: its report's (a PDF and a text copy are one), or its letter's; None for
    what is no inspection (news)."""
    if c.inspection is not None:
        return c.inspection
    return (c.council, c.year) if c.doc_kind == "letter" else None


def council_of(c: Candidate) -> str | None:
    return c.council


def side_by_side(candidates: list[Candidate], intents: frozenset[str], councils: tuple[str, ...],
                 m: Model) -> tuple[tuple, Callable[[Candidate], object]]:
    """What a question sets side by side, and how a line is placed on a side: the councils it compares (all it
    names, when it names enough of them); else, for a question about change whose lines come from several
    inspections, those inspections ('then and now', 'since 2014'), so one report does not crowd the others
    out; else nothing."""
    if len(councils) >= m.packing.side_by_side_councils:
        return councils, council_of
    if "change" in intents:
        inspections = tuple(dict.fromkeys(o for o in map(occasion, candidates) if o is not None))
        if len(inspections) >= m.packing.side_by_side_inspections:
            return inspections, occasion
    return (), council_of


def side_floors(candidates: list[Candidate], compared: tuple, side: Callable[[Candidate], object],
                m: Model) -> dict[object, float]:
    """Each side's own score floor: a share of its own best line, so a council (or an inspection) whose lines
    all match the question less well still stands beside the others, but never by its weakest lines."""
    best: dict[object, float] = {}
    for c in candidates:
        k = side(c)
        if k in compared and c.kind != "judgement":
            best[k] = max(best.get(k, 0.0), c.score)
    return {k: m.packing.floor_ratio * best.get(k, 0.0) for k in compared}


@dataclass(frozen=True)
class Sides:
    """The sides a question sets side by side, how a line is placed on one, and each side's floor."""

    side: Callable[[Candidate], object]
    floors: dict[object, float]

    def fits(self, c: Candidate) -> bool:
        """A compared side's line that is over its side's own floor (a grade always is)."""
        k = self.side(c)
        return k in self.floors and (c.kind == "judgement" or c.score >= self.floors[k])

    def owed(self, mine: list[Candidate], m: Model) -> set:
        """The compared sides still short of their lines in a section."""
        return {k for k in self.floors if sum(1 for o in mine if self.side(o) == k) < m.packing.lines_per_council}


def side_quotas(quota: dict[str, int], queues: dict[str, list[Candidate]], sides: Sides, m: Model) -> dict[str, int]:
    """A compared side's lines count on top of a section's quota only as far as the quota is too small to
    give each side with lines there its `lines_per_council` (sections the question does not want, quota 0,
    stay empty)."""
    out = dict(quota)
    for kind, queue in queues.items():
        present = {sides.side(c) for c in queue if sides.fits(c)}
        if out.get(kind, 0) > 0:
            out[kind] = max(out[kind], int(m.packing.lines_per_council) * len(present))
    return out


def pack(candidates: list[Candidate], intents: frozenset[str], max_words: int, m: Model,
         people: bool = False, councils: tuple[str, ...] = ()) -> Packed:
    """Fill the sections: judgements in full first (and, for a question naming people, their quotes),
    then one line at a time to each section in the question's order of interest (up to `round_lines`
    each), each line the best left by score (less a share per line the section already has from its
    document and from its paragraph); the words left then go to the best line of any section (`_fill`), and a
    strong line that did not fit may take the words of the weakest lines shown (`_swap`).
    A question comparing councils gives each of them its lines in every section it has lines for (over
    its own floor) before any council gets more; so does a question about change each inspection it has
    lines from."""
    p = m.packing
    limit = int(p.queue_limit)
    candidates, left = best_readings(candidates)
    compared, side = side_by_side(candidates, intents, councils, m)
    sides = Sides(side, side_floors(candidates, compared, side, m))
    queues = {k: _queue([c for c in candidates if c.kind == k], compared, side, limit) for k in SECTIONS}
    quota = side_quotas(quotas(intents, m), queues, sides, m)
    best = max((c.score for c in candidates if c.kind != "judgement"), default=0.0)
    floor = p.floor_ratio * best
    chosen: dict[str, list[Candidate]] = {k: [] for k in SECTIONS}
    priority = [k for k in SECTIONS if k in intents] + [k for k in SECTIONS if k not in intents]
    first = True  # judgements are short and what a councillor asks about first: placed in full first
    while _words(chosen) < max_words:
        placed = False
        lead = ["judgement"] * quota["judgement"] + (["quotes"] * quota["quotes"] if people else [])
        for kind in lead if first else priority:
            # A comparison keeps its turns to the full quota: each side's lines are placed by turns.
            cap = quota[kind] if first or kind == "judgement" or sides.floors else min(quota[kind], p.round_lines)
            if len(chosen[kind]) >= cap or not queues[kind]:
                continue
            # Counted afresh for each line: merging may have put a longer wording of a shown line in its place.
            budget = max_words - _words(chosen)
            c = _next(queues[kind], chosen, kind, floor, budget, p, m, left, sides)
            if c is not None:
                chosen[kind].append(c)
                placed = True
        if not first and not placed:
            break
        first = False
    _fill(queues, chosen, quota, floor, p.fill_ratio * best, max_words, p, m, left)
    if p.swap_gain and not sides.floors:  # a comparison keeps every side's lines as placed
        _swap(chosen, left, queues, quota, floor, max_words, p, m)
    for kind, queue in queues.items():
        why = "section full" if len(chosen[kind]) >= quota[kind] else "word budget spent"
        for c in queue:
            # A repeat of a shown line (the other copy of a report) is still cited as its source.
            if merge(c, chosen, m, 0):
                left.append((c, "repeats a line shown (merged as a source)"))
            else:
                left.append((c, why if graded(c) or c.score >= floor else "below the score floor"))
    left.sort(key=lambda r: -r[0].score)
    return Packed({k: tuple(v) for k, v in chosen.items()}, tuple(left))


def _fill(queues: dict[str, list[Candidate]], chosen: dict[str, list[Candidate]], quota: dict[str, int],
          floor: float, fill_floor: float, max_words: int, p, m: Model, left: list) -> None:
    """After the turns, words left go to the best line of any section (the judgements excepted): up to
    its quota over the score floor, then up to `fill_lines` more over the `fill_ratio` floor. So a
    quotes question with no quotes still shows its strengths, and a strong section outbids a weak one."""
    while _words(chosen) < max_words:
        least = {k: floor if len(chosen[k]) < quota[k] else fill_floor for k in SECTIONS}
        heads = {k: max(c.score for c in queues[k]) for k in SECTIONS
                 if k != "judgement" and quota[k] > 0 and len(chosen[k]) < quota[k] + p.fill_lines
                 and any(c.score >= least[k] for c in queues[k])}
        if not heads:
            return
        kind = max(heads, key=heads.get)
        eligible = [c for c in queues[kind] if c.score >= least[kind]]
        c = _take(queues[kind], eligible, chosen, kind, max_words - _words(chosen), p, m, left)
        if c is not None:
            chosen[kind].append(c)


TOO_LONG = "longer than the words left"
GAVE_WAY = "gave its words to a stronger line"
QUEUED = "not reached"


def _swap(chosen: dict[str, list[Candidate]], left: list, queues: dict[str, list[Candidate]], quota: dict[str, int],
          floor: float, max_words: int, p, m: Model) -> None:
    """Once the sections are filled, a line not shown (left out as too long for the words left, or never
    reached, over the score floor in a section with room for it) takes the place of the weakest lines shown
    (never a grade) whose words it needs, when it scores more than `swap_gain` times their sum, as a knapsack
    would choose: the turns place lines one at a time, so a strong long line met late loses to weak short
    ones placed before it. The strongest such lines are tried first; a line that repeats one shown, that its
    paragraph has no room for, or that leans on a line not shown ('It is also ...'), is not."""
    tries = [r for r in left if r[1] == TOO_LONG and r[0].kind != "judgement"]
    tries += [(c, QUEUED) for k, q in queues.items() if k != "judgement" and quota.get(k, 0) > 0
              for c in q if c.score >= floor]
    for c, why in sorted(tries, key=lambda r: -r[0].score):
        if c.words > max_words or why == QUEUED and len(chosen[c.kind]) >= quota[c.kind] + p.fill_lines:
            continue
        need = c.words - (max_words - _words(chosen))
        drop: list[Candidate] = []
        freed = 0
        for o in sorted((o for k, cs in chosen.items() if k != "judgement" for o in cs), key=lambda o: o.score):
            if freed >= need:
                break
            drop.append(o)
            freed += o.words
        if freed < need or c.score <= p.swap_gain * sum(d.score for d in drop):
            continue
        kept = {k: [o for o in cs if all(o is not d for d in drop)] for k, cs in chosen.items()}
        if merge(c, {k: list(cs) for k, cs in kept.items()}, m, 0) \
                or sum(1 for o in kept[c.kind] if o.para.id == c.para.id) >= p.max_lines_per_paragraph \
                or c.feats is not None and c.feats.anaphora and antecedent(c, kept[c.kind]) is None:
            continue
        kept[c.kind].append(c)
        if why == QUEUED:
            queues[c.kind][:] = [o for o in queues[c.kind] if o is not c]
        chosen.clear()
        chosen.update(kept)
        left[:] = [r for r in left if r[0] is not c] + [(d, GAVE_WAY) for d in drop]


def _queue(section: list[Candidate], compared: tuple, side: Callable[[Candidate], object],
           limit: int) -> list[Candidate]:
    """A section's lines best first, cut at `limit`; when councils (or inspections) are set side by side,
    each side's best lines stay in the queue even when other sides' lines fill the cut."""
    ranked = sorted(section, key=lambda c: -c.score)
    queue = ranked[:limit]
    for k in compared:
        if not any(side(c) == k for c in queue):
            queue += [c for c in ranked if side(c) == k][:limit]
    return queue


def _words(chosen: dict[str, list[Candidate]]) -> int:
    return sum(c.words for cs in chosen.values() for c in cs)


def _next(queue: list[Candidate], chosen: dict[str, list[Candidate]], kind: str, floor: float, budget: int,
          p, m: Model, left: list, sides: Sides | None = None) -> Candidate | None:
    """Take the next line for a section off its queue, noting why the lines passed over were left out.
    A compared side (council or inspection) with lines here (over its own floor) and none shown yet comes first."""
    if sides is not None and sides.floors:
        short = sides.owed(chosen[kind], m)
        mine = [c for c in queue if sides.side(c) in short and sides.fits(c)]
        if mine:
            c = _take(queue, mine, chosen, kind, budget, p, m, left)
            if c is not None:
                return c
    return _take(queue, [c for c in queue if graded(c) or c.score >= floor], chosen, kind, budget, p, m, left)


def brevity(c: Candidate, p) -> float:
    """A line's share of its score kept for its length when a section picks its next line: words **
    -length_exponent, so a long line must score that much better than a short one to go first (it costs
    more of the word budget). Judgement rows are placed by their declared scores, not by length."""
    if not p.length_exponent or c.kind == "judgement":
        return 1.0
    return max(1, c.words) ** -p.length_exponent


def graded(c: Candidate) -> bool:
    """A graded judgement row: placed by its declared score, under no score floor. A report's verdict in
    words beside its grades (a sentence) is a ranked line like any other."""
    return c.kind == "judgement" and c.hit is None


def antecedent(c: Candidate, lines: list[Candidate]) -> Candidate | None:
    """The line a candidate leans on ('This', 'It is also ...': the sentence before it in its paragraph), when
    that line is among `lines` (the section's lines still eligible): what a reader needs first to follow it."""
    if c.hit is None or c.feats is None or not c.feats.anaphora:
        return None
    return next((o for o in lines if o.hit is not None and o.hit.id == c.hit.id - 1 and o.para.id == c.para.id), None)


def _take(queue: list[Candidate], eligible: list[Candidate], chosen: dict[str, list[Candidate]], kind: str,
          budget: int, p, m: Model, left: list) -> Candidate | None:
    """The best of the eligible lines that fits, by score less a share per line the section already
    has from its document and from its paragraph; each line tried is taken off the queue."""
    mine = chosen[kind]
    per_doc: dict[int, int] = {}
    per_para: dict[int, int] = {}
    for o in mine:
        per_doc[o.para.doc] = per_doc.get(o.para.doc, 0) + 1
        per_para[o.para.id] = per_para.get(o.para.id, 0) + 1

    def effective(c: Candidate) -> float:
        # Shares of the score, not amounts: the model's probabilities run from 0.001 to 0.9, and a fixed
        # amount would be no penalty at the top and a ban at the bottom.
        same_para = 0 if c.kind == "judgement" else per_para.get(c.para.id, 0)
        return c.score * (1 - p.same_document_penalty) ** per_doc.get(c.para.doc, 0) \
            * (1 - p.same_paragraph_penalty) ** same_para * brevity(c, p)

    tried: set[int] = set()  # the eligible lines are the queue's: each tried is off it
    for c in sorted(eligible, key=lambda c: -effective(c)):
        if id(c) in tried:
            continue  # tried already, in place of a line leaning on it
        first = antecedent(c, eligible)
        if first is not None and first.score > c.score and id(first) not in tried and first.words <= budget:
            # 'It is also higher than ...' is read out after what 'it' is, when that line scores better itself
            # (taking the line leaned on whatever its score cost the tuning questions 8 facts)
            c = first
        tried.add(id(c))
        queue.remove(c)
        before = _words(chosen)
        if merge(c, chosen, m, budget):  # before the budget: a repeat costs no words, and is cited as a source
            left.append((c, "repeats a line shown (merged as a source)"))
            budget -= _words(chosen) - before  # a longer wording may have taken the shown line's place
            continue
        if c.words > budget:
            left.append((c, TOO_LONG))
            continue
        # A judgement table is one paragraph of many grades: the limit is for prose.
        if c.kind != "judgement" and per_para.get(c.para.id, 0) >= p.max_lines_per_paragraph:
            left.append((c, "its paragraph already gave enough lines"))
            continue
        return c
    return None
