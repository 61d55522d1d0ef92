"""Installing: the package data resolves wherever the code runs from, the build ships every file under
seeds/ and nlp_models/, and (with CI set, or BRIEFING_WHEEL_CHECK=1) an installed wheel answers."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing_tui.settings import Settings, models_dir, seeds_dir
from tests.conftest import ROOT


def test_package_data_resolves_to_the_shipped_folders():
    assert (models_dir() / "topics.json").is_file()
    assert sorted(p.name for p in seeds_dir().glob("*.txt")) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert Settings.from_env({}).default_corpus()[0] == seeds_dir()


def test_data_files_are_read_through_the_one_function():
    """No module finds seeds/ or nlp_models/ beside its own file (that only works in a checkout)."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "briefing_tui").rglob("*.py")
                 if p.name != "settings.py" and ("parents[2]" in (text := p.read_text()) or
                                                 '/ "nlp_models"' in text or '/ "seeds"' in text)]
    assert offenders == []


def test_package_data_is_found_from_another_folder(tmp_path):
    code = "from briefing_tui.settings import models_dir, seeds_dir; print(models_dir()); print(seeds_dir())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split("\n")
    assert Path(out[0]).joinpath("cues.json").is_file() and any(Path(out[1]).glob("*.txt"))


def build_wheel(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return next(out.glob("briefing_tui-*.whl"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    try:
        return build_wheel(tmp_path_factory.mktemp("dist"))
    except subprocess.CalledProcessError as exc:  # e.g. no setuptools in this environment
        pytest.skip(f"cannot build a wheel here: {exc.stderr.decode(errors='replace')[-300:]}")


def test_wheel_holds_every_module_and_data_file_including_sub_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "briefing_tui").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names
    for top in ("seeds", "nlp_models"):
        for path in (ROOT / top).rglob("*"):
            if path.is_file():
                assert f"briefing_tui/{top}/{path.relative_to(ROOT / top).as_posix()}" in names


@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("BRIEFING_WHEEL_CHECK")),
                    reason="installs into a new environment (set CI or BRIEFING_WHEEL_CHECK=1); .ci/run always does")
def test_installed_wheel_answers_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFING_CORPUS")}
    env.update(BRIEFING_HOME=str(tmp_path / "home"), BRIEFING_CACHE=str(tmp_path / "cache"))
    (tmp_path / "elsewhere").mkdir()
    def run(*args):
        return subprocess.run([str(venv / "bin" / "briefing"), *args], cwd=tmp_path / "elsewhere", env=env,
                              capture_output=True, text=True)

    out = run("ask", "adoption")  # the seeds inside the wheel are indexed and answered from
    assert out.returncode == 0 and "Hounslow" in out.stdout and "adopt" in out.stdout.lower(), out.stderr[-500:]
    out = run("show", "003_ecc5ab33cf1005e7.txt", "105")
    assert out.returncode == 0 and "672" in out.stdout, out.stderr[-500:]
