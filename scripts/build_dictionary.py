"""Writes nlp_models/dictionary.txt: English words the spelling corrector must never replace.

    python scripts/build_dictionary.py

The words are the lemma index and exceptions of spaCy's English lookups as shipped in the pinned
pipeline (en_core_web_sm 3.8, MIT; the tables derive from WordNet), lower-case letters only. At run
time inflected forms ('judged', 'parents') are recognised from these base forms by a few rules.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "nlp_models" / "dictionary.txt"


def main() -> int:
    import spacy  # only to find the pinned pipeline's files; the pipeline is not run
    import srsly

    sys.path.insert(0, str(ROOT))
    from briefing_tui.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    path = Path(nlp.path) / "lemmatizer" / "lookups" / "lookups.bin"
    tables = srsly.read_msgpack(path)
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        for entries in tables[table].values():
            for key, value in (entries.items() if isinstance(entries, dict) else ((w, None) for w in entries)):
                for w in [key, *(value or [])]:
                    if isinstance(w, str) and re.fullmatch(r"[a-z]{2,}", w):
                        words.add(w)
    OUT.write_text("".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")
    print(f"{len(words)} words from {path.name} of {nlp.meta['name']} {nlp.meta['version']} (spaCy {spacy.__version__})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
