"""Build glue pyproject.toml cannot say: seeds/ and nlp_models/ stay at the top of the repository and
ship inside the package (briefing_tui/seeds, briefing_tui/nlp_models), every file and sub-folder."""
from setuptools import find_namespace_packages, setup

DATA = {"briefing_tui.nlp_models": "nlp_models", "briefing_tui.seeds": "seeds"}

setup(
    packages=find_namespace_packages(include=["briefing_tui", "briefing_tui.*"], exclude=["*.__pycache__"]) + list(DATA),
    package_dir=DATA,
    package_data={**{name: ["**/*"] for name in DATA}, "briefing_tui.tui": ["*.tcss"]},
)
