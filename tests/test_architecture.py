import subprocess
import sys


def test_engine_does_not_import_textual():
    code = ("import sys; import briefing_tui.briefing.engine, briefing_tui.briefing.render, briefing_tui.cli; "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_help_does_not_load_spacy():
    code = "import sys, briefing_tui.cli as c; c.build_parser(); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
