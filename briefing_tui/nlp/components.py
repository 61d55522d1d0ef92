"""Our spaCy components: domain entities (an EntityRuler fed from nlp_models/entities.jsonl), sentence
roles and figures as Span extensions. Importing this module registers them."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .figures import find_figures
from .roles import CueTables, RoleScore, cue_tables, score, toks
from .taxonomy import load_cues

if not Span.has_extension("role_score"):
    Span.set_extension("role_score", default=None)
if not Span.has_extension("figures"):
    Span.set_extension("figures", default=())


class SentenceRoles:
    """Scores each sentence for strength, weakness and action cues (see roles.py). The score is kept
    as a plain (positive, negative, action, main clause negated) tuple so Docs can cross process
    boundaries."""

    def __init__(self, tables: CueTables) -> None:
        self.tables = tables

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            s = score(toks(sent), self.tables)
            sent._.role_score = (s.positive, s.negative, s.action, s.main_negated)
        return doc


@Language.factory("briefing_roles", default_config={"cues": None}, assigns=["span._.role_score"])
def make_roles(nlp: Language, name: str, cues: str | None) -> SentenceRoles:
    """`cues`: a cue file in the shape of nlp_models/cues.json; None for the shipped one. Its tables
    are built and validated here, once, not per sentence."""
    if cues is None:
        return SentenceRoles(cue_tables())
    return SentenceRoles(CueTables.from_data(load_cues(Path(cues))))


@Language.component("briefing_figures", assigns=["span._.figures"])
def figures_component(doc: Doc) -> Doc:
    for sent in doc.sents:
        sent._.figures = [(f.value, f.number, f.unit, f.label) for f in find_figures(sent.text)]
    return doc


__all__ = ["RoleScore", "make_roles", "figures_component"]
