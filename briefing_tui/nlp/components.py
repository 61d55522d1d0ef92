"""Our spaCy components: domain entities (an EntityRuler fed from nlp_models/entities.jsonl), sentence
roles and figures as Span extensions. Importing this module registers them."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .figures import find_figures
from .roles import RoleScore, Tok, score

if not Span.has_extension("role_score"):
    Span.set_extension("role_score", default=None)
if not Span.has_extension("figures"):
    Span.set_extension("figures", default=())


def toks(span: Span) -> list[Tok]:
    start = span.start
    return [Tok(t.text, t.lemma_.lower(), t.tag_, t.dep_, t.head.i - start if span.start <= t.head.i < span.end else t.i - start,
                t.is_punct) for t in span]


class SentenceRoles:
    """Scores each sentence for strength, weakness and action cues (see roles.py). The score is kept
    as a plain (positive, negative, action) tuple so Docs can cross process boundaries."""

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            s = score(toks(sent))
            sent._.role_score = (s.positive, s.negative, s.action)
        return doc


@Language.factory("briefing_roles")
def make_roles(nlp: Language, name: str) -> SentenceRoles:
    return SentenceRoles()


@Language.component("briefing_figures")
def figures_component(doc: Doc) -> Doc:
    for sent in doc.sents:
        sent._.figures = [(f.value, f.number, f.unit, f.label) for f in find_figures(sent.text)]
    return doc


__all__ = ["RoleScore", "make_roles", "figures_component"]
