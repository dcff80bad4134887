"""The speed work changes how a report is made, never what it says (issue 13).

The build runs the notebook on a warm kernel that imported the report's modules as it started, hands
it the analysis the build prepared, and prints charts as SVG images. The reference is the plain way:
papermill on a fresh kernel, the notebook preparing its own data, then `jupyter nbconvert --to cchc-html`,
and WeasyPrint on that HTML as it is, inline charts and all. Both must give the same HTML, byte for
byte, and PDFs with the same pages and the same text on each.
"""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from pipeline.write.render import font_css
from tests.helpers import ROOT
from tests.helpers.build import counts, run_build
from tests.helpers.sheets import write_small_district

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("same")
    raw = tmp / "raw"
    write_small_district(raw)
    result = run_build(
        raw, tmp / "processed", tmp / "out", "--formats", "html,pdf", "--district", "Thử Nghiệm", "--year", "2023"
    )
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr)["built"] == 1  # its previous year is prepared too, for the comparison
    plain = tmp / "plain.ipynb"
    for command in (
        [str(BIN / "papermill"), "notebooks/district_report.ipynb", str(plain), "-p", "district", "Thử Nghiệm",
         "-p", "year", "2023", "-p", "raw_dir", str(raw), "-p", "processed_dir", str(tmp / "plain-processed")],
        [str(BIN / "jupyter"), "nbconvert", "--to", "cchc-html", str(plain), "--output", "plain"],
    ):  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
    return tmp / "out" / "thu-nghiem" / "2023", tmp / "plain.html"


def test_the_build_writes_the_html_the_notebook_gives_alone(both):
    folder, plain = both
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Bình Minh" in html  # charts inline, units named
    assert html == plain.read_text(encoding="utf-8")


def test_the_printed_pdf_has_the_pages_and_text_of_the_html_printed_as_it_is(both):
    folder, _ = both
    html = (folder / "report.html").read_text(encoding="utf-8")
    fonts = FontConfiguration()  # the shipped faces, as the report is printed with them
    reference = HTML(string=html).write_pdf(stylesheets=[CSS(string=font_css(), font_config=fonts)], font_config=fonts)
    ours, theirs = PdfReader(folder / "report.pdf"), PdfReader(io.BytesIO(reference))
    assert len(ours.pages) == len(theirs.pages) > 1
    for page, (a, b) in enumerate(zip(ours.pages, theirs.pages, strict=True), start=1):
        assert a.extract_text() == b.extract_text(), f"page {page}"
        assert a.mediabox == b.mediabox
