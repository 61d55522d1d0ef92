"""Annotating documents: the spaCy pass over paragraphs, then sentence roles with their section's prior,
quotes and speakers, topics, figures and judgements, as rows ready for the store."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from contextlib import nullcontext
from typing import Iterable, Iterator

from ..corpus import Document
from ..nlp.figures import Figure, find_figures
from ..nlp.judgements import Judgement, find_judgements
from ..nlp.matmul import one_thread
from ..nlp.quotes import MIN_WORDS, Quote, find_quotes, reported_speaker
from ..nlp.role_classifier import RoleClassifier
from ..nlp.roles import RolePrediction, RoleScore, role_rules
from ..nlp.tags import topic_tag
from ..nlp.taxonomy import find_topics, section_prior
from ..nlp.text import entity_tag, stems

SPACY_KINDS = ("para", "bullet", "lead")
LEAD_TRIM = re.compile(r"^[\s•◦‣⁃*–\u25a0-\u25ff\u2794-\u27bf\uf000-\uf0ff-]+(?=\S)")
ROLE_OF_LEAD = (
    (re.compile(r"strength|good practice|positive|working well|praised", re.I), "strength"),
    (re.compile(r"improve|recommend|action|must|should|need", re.I), "action"),
    (re.compile(r"weakness|criticis|concern|shortcoming|failing|lacking|development", re.I), "weakness"),
)


@dataclass(frozen=True)
class SentenceRow:
    para: int
    start: int
    end: int
    role: str
    score: RoleScore
    confidence: float  # the role classifier's probability for `role` (1.0 where structure decides)
    figures: str
    speaker: str | None
    voice: str | None
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass
class Annotated:
    """Everything the store keeps about one document."""

    document: Document
    priors: list[str | None] = field(default_factory=list)
    para_topics: list[tuple[str, ...]] = field(default_factory=list)
    sentences: list[SentenceRow] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedSentence:
    """What the spaCy pass returns for a sentence: plain data, cheap to send between processes."""

    start: int
    end: int
    score: RoleScore
    entities: tuple[str, ...]
    figures: tuple = ()  # (value, number, unit, label) from the figures component


SPEECH = re.compile(r"[\"“”]|\b(said|says|told|added|commented|stated|explained|insisted|warned)\b")


def parse_paragraphs(nlp, items: Iterable[tuple[str, object]], n_process: int = 1,
                     batch_size: int = 64) -> Iterator[tuple[list[ParsedSentence], object]]:
    """Run the pipeline over (text, context) pairs, yielding plain sentence data in order.

    The statistical NER costs more than half of the pipeline's time and is needed only to find people
    and organisations in speech, so the worker processes parse without it and the paragraphs that hold
    speech get it here."""
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    with nlp.select_pipes(disable=["ner"]) if ner is not None else nullcontext(), one_thread():
        for doc, context in nlp.pipe(items, as_tuples=True, n_process=n_process, batch_size=batch_size):
            if ner is not None and SPEECH.search(doc.text):
                doc = ner(doc)
            out = []
            for sent in doc.sents:
                ents = []
                for ent in sent.ents:
                    if ent.ent_id_:
                        ents.append(ent.ent_id_)
                    elif ent.label_ in ("PERSON", "ORG"):
                        ents.append(ent.text)
                out.append(ParsedSentence(sent.start_char, sent.end_char, RoleScore(*sent._.role_score),
                                          tuple(dict.fromkeys(ents)), tuple(sent._.figures)))
            yield out, context


def priors(document: Document) -> list[str | None]:
    """The prior role of each paragraph: from its heading, or for items from the lead-in above them."""
    out: list[str | None] = []
    lead: str | None = None
    for p in document.paragraphs:
        prior = section_prior(p.section) if p.section else None
        if p.kind == "lead":
            lead = section_prior(p.text) or next((r for pattern, r in ROLE_OF_LEAD if pattern.search(p.text)), None)
        elif p.kind != "bullet":
            lead = None
        if p.kind == "bullet" and lead:
            prior = lead
        out.append(prior)
    return out


def annotate(document: Document, parsed: dict[int, list[ParsedSentence]]) -> Annotated:
    """Combine the spaCy pass (parsed sentences per paragraph index) with document-level context."""
    result = Annotated(document, priors(document))
    texts = [p.text for p in document.paragraphs]
    result.quotes = find_quotes(texts)
    quotes_by_para: dict[int, list[Quote]] = {}
    for q in result.quotes:
        quotes_by_para.setdefault(q.para, []).append(q)
    result.judgements = find_judgements([(p.kind, p.text) for p in document.paragraphs], document.meta.kind)
    predictions = _classify(document, parsed)
    for p, prior in zip(document.paragraphs, result.priors):
        heading_topics = find_topics(stems(p.section)) if p.section else []
        sentences = parsed.get(p.index)
        if sentences is None:  # headings, tables, footnotes, metadata: one unit, no parse
            sentences = [ParsedSentence(0, len(p.text), RoleScore(0, 0, 0), ())]
        para_topics: list[str] = []
        for s in sentences:
            start, end = _trim(p.text, s.start, s.end)
            if end <= start or not any(ch.isalnum() for ch in p.text[start:end]):
                continue
            speaker = voice = None
            quote = _quote_for(quotes_by_para.get(p.index, []), start, end)
            if quote is not None:
                start, end = max(start, quote.start), min(end, quote.end)
                start, end = _trim(p.text, start, end)
                if end <= start:
                    continue
                speaker, voice = quote.speaker, "report" if quote.report_voice else "person"
            text = p.text[start:end]
            predicted = predictions.get((p.index, s.start))
            decided = _role(p.kind, prior, voice, predicted, s.score)
            role, confidence = decided.label, decided.confidence
            if quote is None and p.kind in SPACY_KINDS:  # a finding that reports someone's words keeps its role
                speaker = reported_speaker(text)
                voice = "reported" if speaker else None
            topics = tuple(find_topics(stems(text)))
            para_topics.extend(topics)
            if role in ("boilerplate", "heading"):
                figures = []
            elif quote is None and p.kind in SPACY_KINDS:
                figures = [Figure(*f) for f in s.figures]
            else:  # clipped to a quote (only the figures in the quoted words), or not parsed
                figures = find_figures(text, speech=quote is not None)
            terms = tuple(stems(text, drop_stop=True)) + tuple(topic_tag(t) for t in topics) + \
                tuple(entity_tag(e) for e in s.entities)
            result.sentences.append(SentenceRow(
                p.index, start, end, role, s.score, confidence,
                json.dumps([f.__dict__ for f in figures]) if figures else "",
                speaker, voice, topics, s.entities, terms))
            for inner in _inner_quotes(quotes_by_para.get(p.index, []), quote, start, end):
                # Someone's words inside a finding ('..., with one child saying: "Things feel better now!"'):
                # the finding keeps its role and the words (as far as this sentence goes) are a quote line.
                q_start, q_end = _trim(p.text, inner.start, min(inner.end, end))
                q_text = p.text[q_start:q_end]
                q_topics = tuple(find_topics(stems(q_text)))
                q_figures = find_figures(q_text)
                result.sentences.append(SentenceRow(
                    p.index, q_start, q_end, "quote", s.score, 1.0,
                    json.dumps([f.__dict__ for f in q_figures]) if q_figures else "", inner.speaker, "person",
                    q_topics, s.entities,
                    tuple(stems(q_text, drop_stop=True)) + tuple(topic_tag(t) for t in q_topics)))
        result.para_topics.append(tuple(dict.fromkeys(para_topics + heading_topics)))
    return result


def _classify(document: Document, parsed: dict[int, list[ParsedSentence]]) -> dict[tuple[int, int], RolePrediction]:
    """The role classifier's reading of every parsed sentence, keyed by (paragraph index, sentence start),
    in one batch per document."""
    keys, items = [], []
    for p in document.paragraphs:
        for s in parsed.get(p.index, ()):
            start, end = _trim(p.text, s.start, s.end)
            if end > start:
                keys.append((p.index, s.start))
                items.append((p.section, p.text[start:end], s.score, p.kind))
    if not items:
        return {}
    return dict(zip(keys, RoleClassifier.load().predict(items)))


def structural_role(kind: str, prior: str | None, voice: str | None) -> str | None:
    """The role structure decides, or None for a finding the classifier reads: boilerplate, headings,
    tables, metadata, footnotes, direct speech, and the lead-ins above lists (neutral)."""
    if prior == "boilerplate" or kind == "boilerplate":  # Ofsted's standard back page, marked by the reader
        return "boilerplate"
    if kind in ("heading", "table", "meta", "footnote"):
        return kind
    if voice == "person":
        return "quote"
    if kind == "lead":
        return "neutral"
    return None


def _role(kind: str, prior: str | None, voice: str | None, predicted: RolePrediction | None,
          cues: RoleScore) -> RolePrediction:
    """Structure decides boilerplate, headings, tables and speech (with confidence 1); the classifier
    decides findings, but the cue rules overrule it where they read better (imperatives, imperatives
    under an improvement heading, a negated main clause: see RoleRules), with their measured precision
    as confidence."""
    structure = structural_role(kind, prior, voice)
    if structure is not None or predicted is None:
        return RolePrediction(structure or "neutral", 1.0)
    return role_rules().decide(predicted, cues, prior)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop bullet marks, quote marks and spaces from the ends of a sentence span."""
    seg = text[start:end]
    m = LEAD_TRIM.match(seg)
    if m:
        start += m.end()
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip(" “\"‘'"))
    start += lead
    seg = text[start:end]
    end = start + len(seg.rstrip(" ”\"’',"))
    return start, end


def _inner_quotes(quotes: list[Quote], clipped: Quote | None, start: int, end: int) -> list[Quote]:
    """A person's quoted words that open inside a sentence without making up most of it."""
    return [q for q in quotes if q is not clipped and q.speaker and not q.report_voice
            and start <= q.start < end and len(q.text[:end - q.start].split()) >= MIN_WORDS]


def _quote_for(quotes: list[Quote], start: int, end: int) -> Quote | None:
    best, overlap = None, 0
    for q in quotes:
        o = min(end, q.end) - max(start, q.start)
        if o > overlap:
            best, overlap = q, o
    if best is not None and overlap >= 0.5 * (end - start):
        return best
    return None
