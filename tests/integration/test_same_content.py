"""The speed work changes how a report is made, never what it says (issues 13 and 24).

The build runs the notebook on a warm kernel that imported the report's modules as it started, hands
it the analysis the build prepared. The reference is the plain way: papermill on a fresh kernel, the
notebook preparing its own data, then `jupyter nbconvert --to cchc-html` and `--to cchc-pdf`. Both must
give the same HTML, byte for byte, and the same PDF; and the PDF (Typst's, from the report's document
tree) must carry the HTML's text, every word and number in the same order.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import ROOT
from tests.helpers.build import counts, run_build
from tests.helpers.pdf import first_difference, html_text, pdf_text, table_headers
from tests.helpers.sheets import write_small_district

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("same")
    raw = tmp / "raw"
    write_small_district(raw)
    result = run_build(
        raw, tmp / "processed", tmp / "out", "--formats", "html,pdf", "--district", "Thử Nghiệm", "--year", "2023",
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr)["built"] == 1  # its previous year is prepared too, for the comparison
    plain = tmp / "plain.ipynb"
    for command in (
        [str(BIN / "papermill"), "notebooks/district_report.ipynb", str(plain), "-p", "district", "Thử Nghiệm",
         "-p", "year", "2023", "-p", "raw_dir", str(raw), "-p", "processed_dir", str(tmp / "plain-processed")],
        [str(BIN / "jupyter"), "nbconvert", "--to", "cchc-html", str(plain), "--output", "plain"],
        [str(BIN / "jupyter"), "nbconvert", "--to", "cchc-pdf", str(plain), "--output", "plain"],
    ):  # fmt: skip
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-3000:]
    return tmp / "out" / "thu-nghiem" / "2023", tmp / "plain.html"


def test_the_build_writes_the_html_the_notebook_gives_alone(both):
    folder, plain = both
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Bình Minh" in html  # charts inline, units named
    assert html == plain.read_text(encoding="utf-8")


def test_the_build_writes_the_pdf_jupyter_nbconvert_gives(both):
    folder, plain = both
    assert (folder / "report.pdf").read_bytes() == plain.with_suffix(".pdf").read_bytes()


def test_the_pdf_carries_the_htmls_text_word_for_word_in_the_same_order(both):
    folder, _ = both
    page = (folder / "report.html").read_text(encoding="utf-8")
    expected, printed = html_text(page), pdf_text(folder / "report.pdf", table_headers(page))
    assert "BìnhMinh" in expected and "Biểuđồ1" in expected and len(PdfReader(folder / "report.pdf").pages) > 1
    assert printed == expected, first_difference(expected, printed)
