"""The sparse linear reader of sentence roles that is averaged with the spaCy classifier: word and
character n-grams of what the classifier reads, plus a few explicit flags, scored by weights stored in
nlp_models/roles/linear.npz (fitted by python scripts/train_roles.py, see scripts/train_roles_linear.py;
numpy only at run time)."""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .roles import LABELS, RoleScore, cue_tables, model_text
from .taxonomy import MODELS, BadModelData, section_prior

LINEAR_MODEL = MODELS / "roles" / "linear.npz"
CHAR_CACHE = 200_000  # words whose character n-grams' indices are remembered (a few tens of MB at most)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\w\s]")


@dataclass(frozen=True)
class Settings:
    """How a sentence is turned into features; saved with the weights, so training and reading agree."""

    word_ngrams: int  # word n-grams of model_text, 1 up to this
    char_min: int  # character n-grams of the sentence (padded words), char_min..char_max
    char_max: int
    limiters: tuple  # words that limit a judgement ('few', 'inconsistent'), besides cues.json's negators
    contrast: tuple  # contrast words ('but', 'however'), besides cues.json's concessive subordinators
    flag_weight: float  # the value of an explicit flag (the n-gram blocks are each of unit length)
    paragraph_kind: bool = False  # read the kind of paragraph the sentence stands in ('para', 'bullet') as a flag
    shortfalls: tuple = ()  # degree and timing shortfalls ('too late', 'prematurely'), cues.json's; () reads none
    shortfall_cancellers: tuple = ()  # words that deny a shortfall after them ('avoid delay', 'reduce drift')


@dataclass(frozen=True)
class Features:
    words: tuple  # word n-grams of model_text
    chars: tuple  # character n-grams of the sentence
    flags: tuple  # explicit features: the heading's prior role, negators and contrast in the sentence


def features(section: str | None, text: str, cues: RoleScore, settings: Settings, kind: str | None = None) -> Features:
    """The features of one (heading, sentence, cue score, paragraph kind): pure, shared by training and
    reading. `kind` is the kind of paragraph the sentence stands in (corpus.Paragraph.kind), None if unknown."""
    chars = [g for w in sentence_words(text) for g in char_grams(w, settings)]
    return Features(word_grams(section, text, cues, settings), tuple(chars),
                    flags(section, text, cues, settings, kind))


def word_grams(section: str | None, text: str, cues: RoleScore, settings: Settings) -> tuple:
    """Word 1- to n-grams of what the spaCy classifier reads (model_text)."""
    tokens = WORD.findall(model_text(section, text, cues).lower())
    return tuple(" ".join(tokens[i:i + n]) for n in range(1, settings.word_ngrams + 1)
                 for i in range(len(tokens) - n + 1))


def sentence_words(text: str) -> list[str]:
    """The sentence's words as its character n-grams are taken from: lower case, split on single spaces
    once white space is collapsed (an empty sentence is one empty word)."""
    return " ".join(text.lower().split()).split(" ")


def char_grams(word: str, settings: Settings) -> list[str]:
    """The character n-grams of one word padded with a space each side."""
    padded = f" {word} "
    return [padded[i:i + n] for n in range(settings.char_min, settings.char_max + 1)
            for i in range(max(1, len(padded) - n + 1))]


def flags(section: str | None, text: str, cues: RoleScore, settings: Settings, kind: str | None = None) -> tuple:
    """The explicit features: the heading's prior role, the paragraph's kind (where the settings read it:
    a bullet under a list's lead-in is often an improvement point), a negator or limiter, a contrast
    word, the parse's main-clause negation, and their pairings with a positive cue score."""
    sentence = set(WORD.findall(text.lower()))
    lowered = f" {' '.join(text.lower().split())} "
    tables = cue_tables()
    negator = bool(sentence & tables.negators) or any(f" {w} " in lowered for w in settings.limiters)
    contrast = bool(sentence & tables.contrast) or any(f" {w} " in lowered for w in settings.contrast) \
        or any(f" {w} " in lowered for w in tables.contrast if " " in w)
    prior = (section_prior(section) if section and section.strip() else None) or "none"
    out = [f"prior={prior}"]
    if settings.paragraph_kind and kind:
        out.append(f"kind={kind}")
    if negator:
        out.append("negator")
        if cues.polarity >= 1:
            out.append("negator+positive")
    if contrast:
        out.append("contrast")
        if negator:
            out.append("contrast+negator")
    if cues.main_negated:
        out.append("mainneg")
        if cues.polarity >= 1:
            out.append("mainneg+positive")
    if settings.shortfalls and shortfall(text, settings.shortfalls, settings.shortfall_cancellers, tables.negators):
        out.append("shortfall")
        if cues.polarity >= 1:
            out.append("shortfall+positive")
    return tuple(out)


SHORTFALL_WINDOW = 6  # words before a shortfall in which a negator or canceller denies it ('no child waits too long')
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "but", "although", "though", "while", "whilst", "whereas", "however",
                           "because", "which", "who", "where", "when"})
AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "been", "being", "be", "now", "also",
                         "significantly", "much", "largely", "further"})


def shortfall(text: str, phrases: tuple, cancellers: tuple, negators: frozenset) -> bool:
    """Whether a sentence names a degree or timing shortfall ('referred ... too late', 'stepped down prematurely',
    'provides insufficient time', 'others were not so positive') that nothing denies: no negator or canceller
    among the SHORTFALL_WINDOW words before it in its clause ('no child waits too long', 'without delay', 'to
    avoid drift and delay'; a canceller under a negator, 'do not challenge drift', denies nothing), and it is not
    the subject of a canceller ('delays have reduced'). `phrases` are as written, '*' any one word."""
    tokens = WORD.findall(text.lower())
    cancel = frozenset(cancellers)

    def negator(t: str) -> bool:
        return t in negators or t.endswith("n't")

    def before(i: int, n: int) -> list[int]:
        """The indices of up to n words before token i in its clause, nearest first."""
        out, j = [], i - 1
        while j >= 0 and len(out) < n and tokens[j] not in CLAUSE_BREAKS:
            if tokens[j][0].isalnum():
                out.append(j)
            j -= 1
        return out

    for start, end in _matches(tokens, _phrase_tokens(phrases)):
        # the nearest negator or canceller before it decides: a negator denies it, as does a canceller that
        # no negator of its own denies in turn
        nearest = next((j for j in before(start, SHORTFALL_WINDOW) if negator(tokens[j]) or tokens[j] in cancel), None)
        denied = nearest is not None and (negator(tokens[nearest])
                                          or not any(negator(tokens[k]) for k in before(nearest, 3)))
        k = end
        while k < len(tokens) and tokens[k] in AUXILIARIES:
            k += 1
        if not denied and not (k > end and k < len(tokens) and tokens[k] in cancel):
            return True
    return False


@lru_cache(maxsize=8)
def _phrase_tokens(phrases: tuple) -> dict[str, tuple]:
    """The phrases as token tuples, grouped by their first token."""
    out: dict[str, list] = {}
    for phrase in phrases:
        parts = tuple(WORD.findall(phrase.lower()))  # '*' stands as a token of its own
        out.setdefault(parts[0], []).append(parts)
    return {k: tuple(v) for k, v in out.items()}


def _matches(tokens: list[str], by_first: dict[str, tuple]):
    """(start, end) of each phrase found in the tokens ('*' matches one word)."""
    for i, t in enumerate(tokens):
        for parts in by_first.get(t, ()):
            n = len(parts)
            if i + n <= len(tokens) and all(p == "*" and tokens[i + k][0].isalnum() or p == tokens[i + k]
                                            for k, p in enumerate(parts)):
                yield i, i + n


def names(f: Features) -> set[str]:
    """The distinct feature names of a sentence, each named by its block ('w:', 'c:', 'f:'), so a word,
    a character n-gram and a flag never share an entry of the vocabulary."""
    return {"w:" + g for g in f.words} | {"c:" + g for g in f.chars} | {"f:" + g for g in f.flags}


BLOCKS = ("w:", "c:", "f:")


def by_block(vocab: dict[str, int]) -> dict[str, dict[str, int]]:
    """The vocabulary split by block, the prefix dropped, so looking a gram up costs no string building."""
    out: dict[str, dict[str, int]] = {b: {} for b in BLOCKS}
    for name, j in vocab.items():
        out[name[:2]][name[2:]] = j
    return out


def block(grams: Iterable[str], vocab: dict[str, int], idf) -> tuple[list[int], list[float]]:
    """One block's sublinear tf-idf, of unit length: feature indices and values."""
    get = vocab.get
    return weighted(Counter(j for g in grams if (j := get(g)) is not None), idf)


def weighted(counts: Counter, idf) -> tuple[list[int], list[float]]:
    """Sublinear tf-idf of unit length from the counts of a block's features (index -> count)."""
    import numpy as np

    idx = list(counts)
    values = (1.0 + np.log(np.fromiter(counts.values(), np.float64, len(idx)))) * idf[idx]
    norm = float(np.sqrt(values @ values)) or 1.0
    return idx, (values / norm).tolist()


def vector(f: Features, vocabs: dict[str, dict[str, int]], idf, settings: Settings) -> tuple[list[int], list[float]]:
    """The sparse feature vector of one sentence (indices, values): word block, character block, flags;
    `vocabs` is the vocabulary `by_block`."""
    words, w_values = block(f.words, vocabs["w:"], idf)
    chars, c_values = block(f.chars, vocabs["c:"], idf)
    flags = [vocabs["f:"][g] for g in f.flags if g in vocabs["f:"]]
    return words + chars + flags, w_values + c_values + [settings.flag_weight] * len(flags)


def softmax(logits) -> list[float]:
    top = max(logits)
    exp = [math.exp(v - top) for v in logits]
    total = sum(exp)
    return [e / total for e in exp]


class LinearRoles:
    """The fitted linear model: vocabulary (`names`), idf, one weight column a role and a bias a role."""

    def __init__(self, settings: Settings, vocab: list[str], idf, coef, intercept, labels=LABELS) -> None:
        import numpy as np

        self.settings = settings
        self.vocab = {g: j for j, g in enumerate(vocab)}
        self.vocabs = by_block(self.vocab)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)  # (features, roles)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.labels = tuple(labels)
        self._chars: dict[str, tuple[int, ...]] = {}  # word -> its character n-grams' indices

    def probabilities(self, items: Iterable[tuple]) -> list[dict[str, float]]:
        """The probability of each role for (heading, sentence, cue score[, paragraph kind]) items: the
        vector of `features`, with each word's character n-grams looked up once and remembered."""
        import numpy as np

        settings, vocabs = self.settings, self.vocabs
        out = []
        for section, text, cues, *kind in items:
            words, w_values = block(word_grams(section, text, cues, settings), vocabs["w:"], self.idf)
            counts: Counter = Counter()
            for w in sentence_words(text):
                counts.update(self._char_indices(w))
            chars, c_values = weighted(counts, self.idf)
            found = [vocabs["f:"][g] for g in flags(section, text, cues, settings, *kind) if g in vocabs["f:"]]
            values = np.asarray(w_values + c_values + [settings.flag_weight] * len(found))
            logits = self.intercept + values @ self.coef[words + chars + found]
            out.append(dict(zip(self.labels, softmax(logits.tolist()))))
        return out

    def _char_indices(self, word: str) -> tuple[int, ...]:
        """The vocabulary indices of a word's character n-grams (those the training kept), remembered:
        the words of reports repeat, so most are looked up once."""
        found = self._chars.get(word)
        if found is None:
            get = self.vocabs["c:"].get
            found = tuple(j for g in char_grams(word, self.settings) if (j := get(g)) is not None)
            if len(self._chars) < CHAR_CACHE:
                self._chars[word] = found
        return found

    def save(self, path: Path) -> None:
        import numpy as np

        order = sorted(self.vocab, key=self.vocab.get)
        np.savez_compressed(path, vocab=np.array("\n".join(order)), idf=self.idf.astype(np.float32),
                            coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32),
                            labels=np.array("\n".join(self.labels)),
                            settings=np.array(json.dumps(self.settings.__dict__)))

    @classmethod
    def load(cls, path: Path | None = None) -> "LinearRoles":
        return _load(str(path or LINEAR_MODEL))


@lru_cache(maxsize=2)
def _load(path: str) -> LinearRoles:
    import numpy as np

    try:
        with np.load(path) as data:
            vocab = str(data["vocab"]).split("\n")
            settings = json.loads(str(data["settings"]))
            settings = Settings(**{k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()})
            model = LinearRoles(settings, vocab, data["idf"], data["coef"], data["intercept"],
                                str(data["labels"]).split("\n"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadModelData(f"{path}: the linear role model cannot be loaded ({exc}); "
                           "refit it with python scripts/train_roles.py --linear") from exc
    if set(model.labels) != set(LABELS) or model.coef.shape != (len(vocab), len(LABELS)) \
            or model.idf.shape != (len(vocab),) or model.intercept.shape != (len(LABELS),) \
            or not np.isfinite(model.coef).all():
        raise BadModelData(f"{path}: not a linear role model over {len(vocab)} features and the labels "
                           f"{', '.join(LABELS)}")
    return model
