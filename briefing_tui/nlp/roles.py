"""Sentence roles: strength, weakness, action or neutral, from cue words, their negation and the clause
they sit in; a section heading or lead-in gives a prior that the sentence's own cues can overturn."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import MODELS, BadModelData, cues

LABELS = ("strength", "weakness", "action", "neutral")
ROLE_MODEL = MODELS / "roles" / "model"
SKIP_LEAD = {"•", "-", "–", "◼", "*", "\uf0b7", "(", ")", '"', "“", "‘", "'", "however", ",", "also", "and", "so"}


@dataclass(frozen=True)
class Tok:
    """The little the role scorer needs of a token: text, lemma, tag, dependency and head index."""

    text: str
    lemma: str
    tag: str
    dep: str
    head: int
    is_punct: bool = False


def toks(span) -> list[Tok]:
    """The tokens of a spaCy span as the scorer reads them, heads counted from the span's start."""
    start = span.start
    return [Tok(t.text, t.lemma_.lower(), t.tag_, t.dep_, t.head.i - start if span.start <= t.head.i < span.end else t.i - start,
                t.is_punct) for t in span]


@dataclass(frozen=True)
class RoleScore:
    positive: float
    negative: float
    action: float
    main_negated: bool = False  # the main clause itself is negated or limited (see main_clause_negated)

    @property
    def polarity(self) -> float:
        return self.positive - self.negative


WEIGHTS = ("subordinate_clause", "intensified", "imperative_action", "modal_action", "phrase_action",
           "main_clause_need_action")


@dataclass(frozen=True)
class CueTables:
    """The cue lists and weights of nlp_models/cues.json in the shapes the scorer looks them up in,
    built once when the component is made."""

    positive: dict
    negative: dict
    positive_phrases: tuple
    negative_phrases: tuple
    negators: frozenset
    contrast: frozenset
    action_verbs: frozenset
    action_phrases: tuple
    intensifiers: frozenset
    diminishers: frozenset
    weights: dict

    @classmethod
    def from_data(cls, c: dict) -> "CueTables":
        weights = c.get("weights") or {}
        missing = [w for w in WEIGHTS if not isinstance(weights.get(w), (int, float))]
        if missing:
            raise BadModelData(f"cues.json: 'weights' needs a number for {', '.join(missing)}")

        def phrases(key: str) -> tuple:
            return tuple(sorted(((tuple(k.split()), v) for k, v in c[key].items()), key=lambda x: -len(x[0])))

        return cls(c["positive"], c["negative"], phrases("positive_phrases"), phrases("negative_phrases"),
                   frozenset(c.get("negators", [])), frozenset(c.get("contrast_subordinators", [])),
                   frozenset(c.get("action_verbs", [])), tuple(tuple(p.split()) for p in c.get("action_phrases", [])),
                   frozenset(c.get("intensifiers", [])), frozenset(c.get("diminishers", [])), dict(weights))


@lru_cache(maxsize=1)
def cue_tables() -> CueTables:
    return CueTables.from_data(cues())


def _subordinate(toks: list[Tok], contrast: set[str]) -> set[int]:
    """Tokens inside a concessive clause ('Although ...', 'despite ...') or a relative clause that
    describes a noun ('cases that did not meet the threshold'): they weigh half."""
    children: dict[int, list[int]] = {}
    for i, t in enumerate(toks):
        if t.head != i:
            children.setdefault(t.head, []).append(i)
    out: set[int] = set()
    roots = [t.head if t.dep == "mark" else i for i, t in enumerate(toks)
             if t.lemma in contrast and t.dep in ("mark", "prep", "advmod")]
    roots += [i for i, t in enumerate(toks) if t.dep == "relcl"]
    for root in roots:
        stack = [root]
        while stack:
            j = stack.pop()
            if j in out:
                continue
            out.add(j)
            stack.extend(children.get(j, []))
    return out


def _subtree(toks: list[Tok], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for i, t in enumerate(toks):
        if t.head != i:
            children.setdefault(t.head, []).append(i)
    out, stack = set(), [root]
    while stack:
        j = stack.pop()
        if j not in out:
            out.add(j)
            stack.extend(children.get(j, ()))
    return out


def _linked(toks: list[Tok], i: int, j: int) -> bool:
    """Two tokens in one small construction: one heads the other, or they share a head; a noun
    inside a noun phrase ('the number of disruptions') stands for the whole phrase."""
    for _ in range(4):
        if toks[i].head == j or toks[j].head == i or (toks[i].head == toks[j].head and i != j):
            return True
        if toks[i].dep not in ("pobj", "prep", "compound", "amod", "nmod", "poss") or toks[i].head == i:
            return False
        i = toks[i].head
    return False


def _diminished(toks: list[Tok], lemmas: list[str], i: int, diminishers: set[str]) -> bool:
    """'disruptions are low', 'reduced delay': a shortcoming made smaller is a strength."""
    return any(lemmas[j] in diminishers and _linked(toks, i, j) for j in range(len(toks)) if j != i)


def _diminishes_any(toks: list[Tok], lemmas: list[str], j: int, neg_words: dict) -> bool:
    return any(neg_words.get(lemmas[i]) and _linked(toks, i, j) for i in range(len(toks)) if i != j)


def _negated(toks: list[Tok], i: int, negators: set[str]) -> bool:
    """A cue is negated by a negator up to three words before it in its clause, or one governing it."""
    for j in range(i - 1, max(-1, i - 4), -1):
        t = toks[j]
        if t.is_punct and t.text in ",;:()":
            break
        if t.lemma in negators or t.text.lower() in negators:
            return True
    for j in range(0, i):
        t = toks[j]
        if t.lemma in ("no", "none") and (toks[t.head].dep in ("nsubj", "nsubjpass", "attr", "expl") or t.dep in ("nsubj", "nsubjpass")):
            return True  # 'No cases were seen where ...' negates what follows
    head = toks[i].head
    for j, t in enumerate(toks):
        if t.head in (i, head) and j != i and t.dep == "neg" and j < i:
            return True
    return False


def score(toks: list[Tok], tables: CueTables | None = None) -> RoleScore:
    t = tables or cue_tables()
    pos_words, neg_words, negators, diminishers = t.positive, t.negative, t.negators, t.diminishers
    lemmas = [tok.lemma.lower() for tok in toks]
    lowers = [tok.text.lower() for tok in toks]
    weaker = _subordinate(toks, t.contrast)
    used: set[int] = set()
    positive = negative = 0.0

    def add(weight: float, i: int, sign: int) -> None:
        nonlocal positive, negative
        w = weight * (t.weights["subordinate_clause"] if i in weaker else 1.0) * \
            (t.weights["intensified"] if i > 0 and lemmas[i - 1] in t.intensifiers else 1.0)
        if sign > 0:
            positive += w
        else:
            negative += w

    for phrases, sign in ((t.negative_phrases, -1), (t.positive_phrases, 1)):
        firsts = {parts[0] for parts, _ in phrases}
        starts = [i for i in range(len(lemmas)) if lemmas[i] in firsts or lowers[i] in firsts]
        if not starts:
            continue
        for parts, weight in phrases:
            n = len(parts)
            for i in starts:
                if i + n > len(lemmas) or (lemmas[i] != parts[0] and lowers[i] != parts[0]):
                    continue
                if (tuple(lemmas[i:i + n]) == parts or tuple(lowers[i:i + n]) == parts) \
                        and not used.intersection(range(i, i + n)):
                    flip = sign > 0 and _negated(toks, i, negators)
                    add(weight, i, -sign if flip else sign)
                    used.update(range(i, i + n))
                    if n >= 2:  # what the phrase's head governs is part of the judgement it makes
                        used.update(_subtree(toks, i + n - 1))
    for i, lemma in enumerate(lemmas):
        if i in used or lemma in negators or (lemma in diminishers and _diminishes_any(toks, lemmas, i, neg_words)):
            continue
        if lemma in pos_words and pos_words[lemma]:
            add(pos_words[lemma], i, -1 if _negated(toks, i, negators) else 1)
        elif lemma in neg_words and neg_words[lemma]:
            flip = _negated(toks, i, negators) or _diminished(toks, lemmas, i, diminishers)
            add(neg_words[lemma], i, 1 if flip else -1)
    if not used and positive == negative == 0 and any(
            lemma in negators and not (i and toks[i].text[:1].isupper()) for i, lemma in enumerate(lemmas)):
        # A negation that no cue follows still denies something ('lacks the level of detail', 'there are no ...');
        # a capitalised one inside the sentence is a word of a name ('the children in care council, No Labels').
        negative += 1
    return RoleScore(positive, negative, _action(toks, lemmas, t), main_clause_negated(toks))


def main_clause_negated(toks: list[Tok]) -> bool:
    """Whether the sentence's main clause is negated or limited, from the dependency parse: a negation
    of its root verb or of a verb coordinated with it ('Plans do not consistently meet ...', '... and
    are not reviewed'), or a subject that is 'not all', 'few' or 'too many/few' ('Not all children
    receive ...', 'Too few carers are ...'). A negation inside a subordinate or relative clause does not
    count, and neither does 'no' before the subject ('no children were placed in unregistered homes'
    says a bad thing is absent)."""
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None:
        return False
    main = {root} | {i for i, t in enumerate(toks) if t.dep == "conj" and t.head == root}
    for i, t in enumerate(toks):
        if t.head not in main or t.head == i:
            continue
        if t.dep == "neg":
            return True
        if t.dep in ("nsubj", "nsubjpass"):
            if t.lemma == "few":
                return True
            for j, u in enumerate(toks):
                if u.head != i or j == i:
                    continue
                if u.lemma in ("not", "few"):
                    return True
                if u.lemma in ("many", "few") and any(v.lemma == "too" and v.head == j for v in toks):
                    return True
    return False


def _action(toks: list[Tok], lemmas: list[str], tables: CueTables) -> float:
    w = tables.weights
    verbs = tables.action_verbs
    first = next((i for i, t in enumerate(toks) if t.text.lower() not in SKIP_LEAD and not t.is_punct), None)
    value = 0.0
    if first is not None:
        t = toks[first]
        if (t.lemma.lower() in verbs or t.text.lower() in verbs) and (t.tag in ("VB", "VBP", "NN", "NNP") or first == 0):
            value += w["imperative_action"]
    for i, t in enumerate(toks):
        # 'X should do Y' in the main clause recommends; 'decisions on whether they should be ...' does not
        if t.lemma in ("should", "must") and t.tag == "MD" and toks[t.head].dep in ("ROOT", "conj") \
                and not any(toks[j].lemma in ("whether", "if") for j in range(max(0, i - 8), i)):
            value += w["modal_action"]
    joined = " ".join(lemmas)
    for p in tables.action_phrases:
        if " ".join(p) in joined:
            if p[0] == "need":  # 'X needs to improve' recommends; 'when children need to be adopted' does not
                heads = [i for i, t in enumerate(toks) if t.lemma == "need" and t.dep in ("ROOT", "conj")]
                if not heads:
                    continue
                value += w["main_clause_need_action"]  # a main-clause 'needs to' recommends as 'should' does
            value += w["phrase_action"]
    return value


def decide(s: RoleScore, prior: str | None) -> str:
    """The role of a sentence from its score and the prior of the heading or lead-in above it."""
    if prior == "action":
        return "action" if s.polarity > -4 or s.action >= 2 else "weakness"
    if s.action >= 3 or (s.action >= 2 and s.polarity <= 1):
        return "action"
    if prior == "strength":
        return "weakness" if s.polarity <= -2 else "strength"
    if prior == "weakness":
        return "strength" if s.polarity >= 3 and s.negative == 0 else "weakness"
    if s.polarity >= 1 and not (s.negative >= 2 and s.polarity < 2):
        return "strength"
    if s.polarity <= -1:
        return "weakness"
    return "neutral"


@dataclass(frozen=True)
class RolePrediction:
    label: str
    confidence: float  # the calibrated probability that `label` is right


@dataclass(frozen=True)
class RoleRules:
    """Where the cue rules overrule the classifier, because they read better on development documents,
    and how sure each override is (nlp_models/roles/decision.json, chosen by scripts/train_roles.py)."""

    action_threshold: float | None  # an imperative or main-clause 'should/must' scoring this is an action
    negation_threshold: float | None  # a 'strength' whose cues are this far negative is a weakness
    action_confidence: float = 1.0  # the action override's precision on the development documents
    negation_confidence: float = 1.0  # the negation override's precision on the development documents
    heading_action_threshold: float | None = None  # under an improvement heading, this action score is an action
    heading_action_confidence: float = 1.0  # that override's precision on the labelled sentences it was fitted on
    main_negation: bool = False  # a 'strength' whose main clause is negated (main_clause_negated) is a weakness
    main_negation_confidence: float = 1.0  # that override's precision on the development documents

    def apply(self, label: str, cues: RoleScore, prior: str | None = None) -> str:
        return self.decide(RolePrediction(label, 1.0), cues, prior).label

    def decide(self, predicted: RolePrediction, cues: RoleScore, prior: str | None = None) -> RolePrediction:
        """The classifier's prediction, or the override that fires, with its confidence. `prior` is the
        role the heading or lead-in above the sentence gives (taxonomy.section_prior)."""
        if predicted.label == "action":
            return predicted
        if self.action_threshold is not None and cues.action >= self.action_threshold:
            return RolePrediction("action", self.action_confidence)
        if prior == "action" and self.heading_action_threshold is not None \
                and cues.action >= self.heading_action_threshold:
            return RolePrediction("action", self.heading_action_confidence)
        if predicted.label == "strength" and self.negation_threshold is not None \
                and -cues.polarity >= self.negation_threshold:
            return RolePrediction("weakness", self.negation_confidence)
        if predicted.label == "strength" and self.main_negation and cues.main_negated:
            return RolePrediction("weakness", self.main_negation_confidence)
        return predicted


DECISION_KEYS = ("action_override_threshold", "negation_override_threshold", "action_override_confidence",
                 "negation_override_confidence", "heading_action_override_threshold",
                 "heading_action_override_confidence", "main_negation_override", "main_negation_override_confidence",
                 "temperature", "spacy_weight")


@lru_cache(maxsize=1)
def decision() -> dict:
    """nlp_models/roles/decision.json, validated: the override thresholds (a number or null), whether the
    main-clause negation override is on, the overrides' confidences (0..1) and the classifier's
    temperature (> 0), fitted by scripts/train_roles.py."""
    import json

    path = ROLE_MODEL.parent / "decision.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        values = {k: data[k] for k in DECISION_KEYS}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadModelData(f"{path}: cannot read the override thresholds and calibration ({exc})") from exc
    for key, value in values.items():
        number = not isinstance(value, bool) and isinstance(value, (int, float))
        if key.endswith("threshold") and value is not None and not number:
            raise BadModelData(f"{path}: an override threshold must be a number or null, not {value!r}")
        if key.endswith("confidence") and not (number and 0.0 <= value <= 1.0):
            raise BadModelData(f"{path}: {key} must be a probability, not {value!r}")
        if key == "main_negation_override" and not isinstance(value, bool):
            raise BadModelData(f"{path}: main_negation_override must be true or false, not {value!r}")
        if key == "temperature" and not (number and value > 0):
            raise BadModelData(f"{path}: the temperature must be a positive number, not {value!r}")
        if key == "spacy_weight" and not (number and 0.0 <= value <= 1.0):
            raise BadModelData(f"{path}: spacy_weight (the spaCy classifier's share of the mix) must be 0..1, "
                               f"not {value!r}")
    return values


def role_rules() -> RoleRules:
    d = decision()
    return RoleRules(d["action_override_threshold"], d["negation_override_threshold"],
                     d["action_override_confidence"], d["negation_override_confidence"],
                     d["heading_action_override_threshold"], d["heading_action_override_confidence"],
                     d["main_negation_override"], d["main_negation_override_confidence"])


def calibrated(cats: dict[str, float], temperature: float) -> dict[str, float]:
    """Temperature scaling (Guo et al. 2017, 'On calibration of modern neural networks'): the softmax of
    log-probabilities divided by T; T > 1 softens an overconfident classifier, the ranking unchanged."""
    import math

    logits = {k: math.log(max(v, 1e-12)) / temperature for k, v in cats.items()}
    top = max(logits.values())
    exp = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


CUE_CAP = 4  # cue scores are bucketed 0..4 (rounded, capped) into words the classifier reads


def cue_words(cues: RoleScore) -> str:
    """The cue rules' reading of a sentence as words the classifier can learn from: bucketed positive,
    negative and action scores, the sign of the polarity and whether the parse finds the main clause
    negated, so negation the rules find ('not always effective') is evidence next to the words themselves."""
    def bucket(value: float) -> int:
        return min(CUE_CAP, int(round(value)))

    sign = "pos" if cues.polarity >= 1 else "neg" if cues.polarity <= -1 else "nil"
    main = " cuemainneg" if cues.main_negated else ""
    return f"cuepos{bucket(cues.positive)} cueneg{bucket(cues.negative)} cueact{bucket(cues.action)} cuepol{sign}{main}"


def model_text(section: str | None, text: str, cues: RoleScore | None = None) -> str:
    """What the role classifier reads: the heading a sentence sits under, the cue rules' reading, then
    the sentence, so the structure of the report ('What needs to improve', 'Recommendations') and the
    negation the rules find are evidence of its role."""
    body = f"{cue_words(cues)} :: {text}" if cues is not None else text
    return f"{section.strip()} :: {body}" if section and section.strip() else body
