"""The sparse linear role model averaged with the spaCy classifier: its features, its stored weights,
the mix the shipped classifier makes with it, and the held-out figures that justified shipping it."""
import json
import subprocess
import sys

import numpy as np
import pytest

from briefing_tui.nlp import role_classifier, roles
from briefing_tui.nlp.role_linear import LINEAR_MODEL, LinearRoles, Settings, features, softmax, vector
from briefing_tui.nlp.role_classifier import RoleClassifier
from briefing_tui.nlp.roles import LABELS, ROLE_MODEL, RoleScore
from briefing_tui.nlp.taxonomy import BadModelData

SETTINGS = Settings(2, 3, 4, ("few", "not all"), ("but", "however"), 1.0)


def test_features_read_words_characters_and_flags():
    f = features("What needs to improve?", "Plans are good, but few are reviewed.", RoleScore(2.0, 1.0, 0.0, True),
                 SETTINGS)
    assert "plans" in f.words and "what needs" in f.words and "cuemainneg" in f.words
    assert " pl" in f.chars and "lans" in f.chars
    assert set(f.flags) == {"prior=action", "negator", "negator+positive", "contrast", "contrast+negator",
                            "mainneg", "mainneg+positive"}
    plain = features(None, "Children are seen regularly.", RoleScore(1.0, 0.0, 0.0), SETTINGS)
    assert plain.flags == ("prior=none",)
    assert features(None, "Children are seen regularly.", RoleScore(1.0, 0.0, 0.0), SETTINGS) == plain


def tiny_model() -> LinearRoles:
    vocab = ["w:good", "w:poor", "f:negator", "c: go"]
    coef = np.zeros((4, 4))
    coef[0, 0], coef[1, 1], coef[2, 1] = 3.0, 3.0, 1.0
    return LinearRoles(SETTINGS, vocab, [1.0, 1.0, 1.0, 1.0], coef, [0.0, 0.0, 0.0, 0.5])


def test_a_linear_model_reads_by_its_weights_and_survives_saving(tmp_path):
    model = tiny_model()
    good, poor = model.probabilities([(None, "Good.", RoleScore(1, 0, 0)), (None, "Poor.", RoleScore(0, 1, 0))])
    assert max(good, key=good.get) == "strength" and max(poor, key=poor.get) == "weakness"
    assert sum(good.values()) == pytest.approx(1.0)
    empty = model.probabilities([(None, "", RoleScore(0, 0, 0))])[0]
    assert max(empty, key=empty.get) == "neutral"  # only the bias speaks
    model.save(tmp_path / "linear.npz")
    again = LinearRoles.load(tmp_path / "linear.npz")
    assert again.settings == SETTINGS and again.vocab == model.vocab
    assert again.probabilities([(None, "Good.", RoleScore(1, 0, 0))])[0] == pytest.approx(good, abs=1e-6)


def test_reading_with_remembered_character_grams_is_reading_by_the_features():
    model = LinearRoles.load()
    items = [(None, "Plans are good, but few are reviewed.", RoleScore(2.0, 1.0, 0.0, True)),
             ("What needs to improve?", "The  timeliness of\nassessments.", RoleScore(0.0, 0.0, 1.0)),
             (None, "", RoleScore(0.0, 0.0, 0.0)),
             (None, "Plans are good, but few are reviewed.", RoleScore(2.0, 1.0, 0.0, True))]
    for (section, text, cues), got in zip(items, model.probabilities(items)):
        idx, values = vector(features(section, text, cues, model.settings), model.vocabs, model.idf, model.settings)
        logits = model.intercept + np.asarray(values) @ model.coef[idx]
        assert list(got.values()) == pytest.approx(softmax(logits.tolist()), abs=1e-12)


def test_the_linear_model_reads_its_limiters_and_contrast_words_from_cues_json():
    from briefing_tui.nlp.taxonomy import cues

    settings = LinearRoles.load().settings
    assert settings.limiters == tuple(cues()["limiters"]) and settings.contrast == tuple(cues()["contrast_words"])
    assert not set(settings.limiters) & set(cues()["negators"])
    assert not set(settings.contrast) & set(cues()["contrast_subordinators"])


def test_a_missing_or_malformed_linear_model_fails_loudly(tmp_path):
    with pytest.raises(BadModelData, match="refit"):
        LinearRoles.load(tmp_path / "nothing.npz")
    model = tiny_model()
    model.save(tmp_path / "linear.npz")
    with np.load(tmp_path / "linear.npz") as data:
        arrays = dict(data)
    np.savez(tmp_path / "short.npz", **{**arrays, "coef": arrays["coef"][:2]})
    with pytest.raises(BadModelData, match="not a linear role model"):
        LinearRoles.load(tmp_path / "short.npz")


def test_the_shipped_linear_model_loads_and_reads_roles():
    model = LinearRoles.load()
    assert LINEAR_MODEL.exists() and len(model.vocab) > 10_000 and model.labels == LABELS
    record = json.loads((LINEAR_MODEL.parent / "linear.json").read_text())
    assert record["settings"]["features"] == len(model.vocab)
    assert model.settings.word_ngrams == record["settings"]["word_ngrams"]
    strength, weakness, action = model.probabilities([
        (None, "Children are seen regularly by social workers who know them well.", RoleScore(2, 0, 0)),
        (None, "Not all children receive a timely assessment of their needs.", RoleScore(0, 1, 0, True)),
        ("Recommendations", "Improve the timeliness of assessments.", RoleScore(0, 0, 3))])
    assert [max(p, key=p.get) for p in (strength, weakness, action)] == ["strength", "weakness", "action"]


def test_the_shipped_classifier_mixes_in_the_linear_model():
    classifier = RoleClassifier.load()
    d = roles.decision()
    assert classifier.linear is not None and 0.0 < classifier.spacy_weight == d["spacy_weight"] < 1.0
    raw = RoleClassifier.load(ROLE_MODEL)
    assert raw.linear is None and raw.spacy_weight == 1.0
    items = [("Summary", "Plans are reviewed regularly, but they do not always address risk.", RoleScore(1, 1, 0, True)),
             (None, "The council should improve the quality of supervision.", RoleScore(0, 0, 3))]
    expected = [roles.calibrated(role_classifier.mixed(p, q, d["spacy_weight"]), d["temperature"])
                for p, q in zip(raw.probabilities(items), LinearRoles.load().probabilities(items))]
    got = classifier.probabilities(items)
    assert got == [pytest.approx(e) for e in expected]
    assert got != [pytest.approx(roles.calibrated(p, d["temperature"])) for p in raw.probabilities(items)]


def test_the_mix_is_shipped_only_because_it_won_on_held_out_sentences():
    metrics = json.loads((ROLE_MODEL.parent / "metrics.json").read_text())
    by_model = metrics["held_out_by_model"]
    assert metrics["spacy_weight"] == roles.decision()["spacy_weight"] == metrics["linear"]["spacy_weight"]
    assert by_model["mix"]["macro_f1"] >= by_model["spacy_alone"]["macro_f1"] + 0.01
    assert len(by_model["mix"]["negated_shortcomings_as_strengths"]) <= \
        len(by_model["spacy_alone"]["negated_shortcomings_as_strengths"])
    assert by_model["mix"]["n"] == metrics["model_with_override"]["n"]


def test_reading_roles_with_the_linear_model_needs_no_scikit_learn():
    code = ("import sys\n"
            "from briefing_tui.nlp.role_linear import LinearRoles\n"
            "from briefing_tui.nlp.roles import RoleScore\n"
            "LinearRoles.load().probabilities([(None, 'Plans are good.', RoleScore(1, 0, 0))])\n"
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_paragraph_kind_is_a_flag_only_where_the_settings_read_it():
    kinded = Settings(2, 3, 4, ("few",), ("but",), 1.0, paragraph_kind=True)
    bullet = features(None, "Improving the timeliness of assessments.", RoleScore(0, 0, 1), kinded, "bullet")
    assert "kind=bullet" in bullet.flags
    assert not any(f.startswith("kind=") for f in features(None, "X.", RoleScore(0, 0, 0), kinded).flags)  # unknown
    assert not any(f.startswith("kind=") for f in features(None, "X.", RoleScore(0, 0, 0), SETTINGS, "bullet").flags)


def test_the_shipped_linear_model_reads_the_paragraph_kind_as_annotate_passes_it():
    """Session 21: the kind of paragraph (a list's bullet or a paragraph) is read by the linear model; a
    reading without it, or with another kind, gives other probabilities (and the vector is the one of
    `features` with the kind)."""
    model = LinearRoles.load()
    assert model.settings.paragraph_kind and {"kind=para", "kind=bullet"} <= set(model.vocabs["f:"])
    sentence = (None, "Improving the timeliness of assessments for children in care.", RoleScore(0, 0, 1))
    bullet, para, unknown = model.probabilities([(*sentence, "bullet"), (*sentence, "para"), sentence])
    assert bullet["action"] > para["action"] and bullet != pytest.approx(unknown)
    idx, values = vector(features(*sentence, model.settings, "bullet"), model.vocabs, model.idf, model.settings)
    logits = model.intercept + np.asarray(values) @ model.coef[idx]
    assert list(bullet.values()) == pytest.approx(softmax(logits.tolist()), abs=1e-12)


def test_annotate_passes_each_sentences_paragraph_kind_to_the_classifier(monkeypatch):
    from pathlib import Path

    from briefing_tui.corpus.document import Document, Paragraph
    from briefing_tui.corpus.metadata import DocMeta
    from briefing_tui.index import annotate
    from briefing_tui.index.annotate import ParsedSentence

    seen = []

    class Recording:
        def predict(self, items):
            seen.extend(items)
            return [roles.RolePrediction("neutral", 1.0) for _ in items]

    monkeypatch.setattr(annotate.RoleClassifier, "load", classmethod(lambda cls, path=None: Recording()))
    paragraphs = (Paragraph(0, "1", "para", "Plans are good.", "Summary"),
                  Paragraph(1, "2", "bullet", "Improving plans.", "What needs to improve"))
    document = Document(Path("x.txt"), "x.txt", "sha", "txt",
                        DocMeta("report", "X", "X", None, None, None, "Ofsted"), paragraphs)
    score = RoleScore(1, 0, 0)
    annotate._classify(document, {0: [ParsedSentence(0, 15, score, ())], 1: [ParsedSentence(0, 16, score, ())]})
    assert [(s, k) for s, _, _, k in seen] == [("Summary", "para"), ("What needs to improve", "bullet")]


def test_a_degree_or_timing_shortfall_is_a_flag_unless_something_denies_it():
    """Session 22: cues.json's shortfalls ('too late', 'prematurely', 'insufficient', 'not so', 'delay') are a
    flag, and with a positive cue score a pair, where the settings read them; a negator or a canceller before
    one in its clause, or a canceller it is the subject of, denies it, and a canceller under a negator denies
    nothing."""
    from briefing_tui.nlp.taxonomy import cues

    c = cues()
    read = Settings(2, 3, 4, ("few",), ("but",), 1.0, shortfalls=tuple(c["shortfalls"]),
                    shortfall_cancellers=tuple(c["shortfall_cancellers"]))

    def flagged(text: str, cue: RoleScore = RoleScore(0, 0, 0)) -> set:
        return {f for f in features(None, text, cue, read).flags if f.startswith("shortfall")}

    assert flagged("Some children are referred into pre-proceedings too late.") == {"shortfall"}
    assert flagged("Plans are detailed, but some children are stepped down prematurely.",
                   RoleScore(2, 0, 0)) == {"shortfall", "shortfall+positive"}
    assert flagged("Some said they enjoy it, while others were not so positive.") == {"shortfall"}
    assert flagged("Partner agencies are not quick enough to refer into the Gateway.") == {"shortfall"}
    assert flagged("IROs do not routinely challenge drift and delay.") == {"shortfall"}
    for denied in ("No child waits too long for an assessment.", "Children are seen without delay.",
                   "Children don't wait too long.", "Delays have reduced since the last inspection.",
                   "Tracking helps to avoid drift and delay.", "There is little drift and delay.",
                   "Children are not subject to pre-proceedings for longer than necessary.",
                   "Children are seen regularly by social workers who know them well."):
        assert flagged(denied, RoleScore(2, 0, 0)) == set(), denied
    assert not any(f.startswith("shortfall") for f in features(None, "Referrals are too late.",
                                                               RoleScore(0, 0, 0), SETTINGS).flags)
    assert not set(c["shortfall_cancellers"]) & set(c["negators"])


def test_the_shipped_linear_model_reads_shortfalls_from_cues_json_and_weighs_them_as_weaknesses():
    """Session 22's choice on the development documents: the shipped weights read cues.json's shortfall lists,
    and the fitted flag speaks for a weakness against a strength."""
    from briefing_tui.nlp.taxonomy import cues

    model = LinearRoles.load()
    assert model.settings.shortfalls == tuple(cues()["shortfalls"])
    assert model.settings.shortfall_cancellers == tuple(cues()["shortfall_cancellers"])
    weights = dict(zip(model.labels, model.coef[model.vocabs["f:"]["shortfall"]]))
    assert weights["weakness"] > weights["strength"] + 1.0
