"""A new user's machine (issue 22): the sample's reports carry nothing of the machine that built them.

The session runs with an empty matplotlib cache of its own (tests/conftest.py), and CI installs Debian's
fonts-liberation 1.x (a "Liberation Serif" without Vietnamese letters), so the font clash a new machine
has is always there. Every shared output of a full sample build is read for what a console or a machine
would leave in it: warnings, tracebacks, stream output areas, paths, other fonts.
"""

import json
import os
import re
import tempfile
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.helpers.build import build, counts, notebook_with_cell
from tests.helpers.outputs import embedded_fonts, shared_outputs, walk_text

pytestmark = pytest.mark.slow

CONSOLE = re.compile(
    r"Traceback \(most recent call last\)"
    r"|\b[A-Z][A-Za-z]*(?:Warning|Error)\b"  # UserWarning, FutureWarning, ValueError, …
    r"|application/vnd\.jupyter\.std(?:out|err)"  # nbconvert's stream output areas
    r"|\bwarnings\.warn\b|site-packages|\.venv\b"
)
SHIPPED_FACES = {("Liberation Serif", "Version 2.1.5")}


def machine_paths(base: Path) -> list[str]:
    """What names this machine: the checkout, the build's folders, the home and temporary folders."""
    home = Path.home()
    paths = {str(ROOT), str(base), str(home), tempfile.gettempdir() + os.sep, "/home/", "/Users/", "C:\\Users"}
    return sorted(p for p in paths if p not in ("/", ""))


def test_the_sample_build_writes_every_kind_of_shared_output(sample_build):
    out, _ = sample_build
    kinds = {p.suffix for p in shared_outputs(out)}
    assert kinds == {".html", ".pdf", ".docx", ".xlsx", ".json"}
    assert len(list(out.glob("*/*/report.pdf"))) == len(list(out.glob("*/*/summary.json"))) >= 11


def test_no_shared_output_of_the_sample_has_console_text_or_a_path_of_the_machine(sample_build):
    out, _ = sample_build
    paths = machine_paths(out.parent)
    found = []
    for path, text in walk_text(out):
        found += [(str(path.relative_to(out)), m[0]) for m in [CONSOLE.search(text)] if m]
        found += [(str(path.relative_to(out)), p) for p in paths if p in text]
    assert found == []


def test_every_sample_pdf_embeds_only_the_shipped_faces(sample_build):
    out, _ = sample_build
    for pdf in sorted(out.glob("*/*/report.pdf")):
        assert embedded_fonts(pdf) == SHIPPED_FACES, pdf


def test_the_sample_builds_with_no_message_from_its_notebooks(sample_build):
    out, log = sample_build
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert len(entries) >= 11
    assert {key: entry["messages"] for key, entry in entries.items() if entry["messages"]} == {}
    assert "message(s) from the notebook or the build" not in log


NOISE = """import sys, warnings
print("đang vẽ biểu đồ", flush=True)
print("/home/someone/noise: a library talking", file=sys.stderr, flush=True)
warnings.warn("a warning the report must not show")"""


def test_a_notebook_that_prints_still_builds_its_report_keeps_it_out_and_the_log_says_so(site):
    result = build(site, "--notebook", str(notebook_with_cell(site / "noisy.ipynb", NOISE)), "--district", "Thử Nghiệm")
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr)["built"] == 2
    assert "message(s) from the notebook or the build, left out of the report" in result.stderr
    assert re.search(r"notebook cell \d+ \(stderr\): /home/someone/noise: a library talking", result.stderr)
    for year in (2022, 2023):
        folder = site / "out" / "thu-nghiem" / str(year)
        page = (folder / "report.html").read_text(encoding="utf-8")
        for printed in ("đang vẽ biểu đồ", "/home/someone", "a warning the report must not show", "UserWarning"):
            assert printed not in page
        executed = (folder / "report.ipynb").read_text(encoding="utf-8")
        assert "/home/someone/noise" in executed  # the executed notebook keeps them, for audit
    entry = json.loads((site / "out" / "manifest.json").read_text(encoding="utf-8"))["reports"]["thu-nghiem/2023"]
    texts = [(m["source"].split(" (")[1].rstrip(")"), m["text"]) for m in entry["messages"]]
    assert ("stdout", "đang vẽ biểu đồ") in texts
    assert ("stderr", "/home/someone/noise: a library talking") in texts
    assert [t for stream, t in texts if "UserWarning: a warning the report must not show" in t and stream == "stderr"]
