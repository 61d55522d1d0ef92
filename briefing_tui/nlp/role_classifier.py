"""The shipped sentence-role classifier: spaCy's text classifier (nlp_models/roles/model/) averaged with
the sparse linear model (role_linear), calibrated and mixed as nlp_models/roles/decision.json says."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from .matmul import one_thread, use_numpy_matmul
from .role_linear import LINEAR_MODEL, LinearRoles
from .roles import LABELS, ROLE_MODEL, RolePrediction, calibrated, decision, model_text
from .taxonomy import BadModelData


class RoleClassifier:
    """spaCy's text classifier trained on hand-labelled sentences (scripts/train_roles.py), averaged with
    the sparse linear model (role_linear.LinearRoles, scripts/train_roles_linear.py) as
    `spacy_weight * p_spacy + (1 - spacy_weight) * p_linear`, the mix calibrated by decision.json's temperature (fitted on the
    development documents, kept only where it does not worsen held-out log-loss); loaded once."""

    def __init__(self, nlp, temperature: float = 1.0, linear=None, spacy_weight: float = 1.0) -> None:
        self.nlp = nlp  # a spacy.Language with a 'textcat' pipe
        self.temperature = temperature
        self.linear = linear  # a LinearRoles, or None for the spaCy classifier alone
        self.spacy_weight = spacy_weight if linear is not None else 1.0

    @classmethod
    def load(cls, path=None) -> "RoleClassifier":
        """The shipped model, mixed and calibrated as decision.json says, or the spaCy model at `path`
        alone and uncalibrated."""
        if path is None:
            d = decision()
            return _load_classifier(str(ROLE_MODEL), d["temperature"], d["spacy_weight"])
        return _load_classifier(str(path), 1.0, 1.0)

    def probabilities(self, items: Iterable[tuple], batch_size: int = 256) -> list[dict[str, float]]:
        """The calibrated probability of each role for (heading, sentence, cue score[, paragraph kind])
        items; the kind of paragraph is read by the linear model only."""
        items = list(items)
        texts = (model_text(section, text, cues) for section, text, cues, *_ in items)
        with one_thread():
            probs = [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=batch_size)]
        if self.spacy_weight < 1.0:
            probs = [mixed(p, q, self.spacy_weight) for p, q in zip(probs, self.linear.probabilities(items))]
        return [calibrated(p, self.temperature) for p in probs]

    def predict(self, items: Iterable[tuple], batch_size: int = 256) -> list[RolePrediction]:
        out = []
        for cats in self.probabilities(items, batch_size):
            label = max(cats, key=cats.get)
            out.append(RolePrediction(label, round(cats[label], 4)))
        return out


def mixed(p_spacy: dict[str, float], p_linear: dict[str, float], spacy_weight: float) -> dict[str, float]:
    """The weighted mean of two readings' probabilities (a linear opinion pool)."""
    return {k: spacy_weight * p_spacy[k] + (1.0 - spacy_weight) * p_linear[k] for k in p_spacy}


@lru_cache(maxsize=2)
def _load_classifier(path: str, temperature: float, spacy_weight: float) -> RoleClassifier:
    import spacy

    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise BadModelData(f"{path}: the sentence-role model cannot be loaded ({exc}); "
                           "retrain it with python scripts/train_roles.py") from exc
    if "textcat" not in nlp.pipe_names or set(nlp.get_pipe("textcat").labels) != set(LABELS):
        raise BadModelData(f"{path}: not a sentence-role model with the labels {', '.join(LABELS)}")
    use_numpy_matmul(nlp)  # about half the classifier's time (see matmul.py)
    linear = LinearRoles.load() if spacy_weight < 1.0 else None
    if linear is not None and set(linear.labels) != set(LABELS):
        raise BadModelData(f"{LINEAR_MODEL}: not a linear role model with the labels {', '.join(LABELS)}")
    return RoleClassifier(nlp, temperature, linear, spacy_weight)
