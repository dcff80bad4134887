"""Text typed into sheets is shown as text: never markup in HTML or PDF, never a formula in Excel,
never a path outside the raw and output folders; notebook parameters arrive exactly as given."""

import csv
import json
import os
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from pypdf import PdfReader

from pipeline.read import layout
from tests.helpers import ROOT
from tests.helpers.build import run_build
from tests.helpers.pdf import html_text, pdf_text, table_headers
from tests.helpers.sheets import detail_rows, write_detail

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src="x" onerror="alert(2)">'
DISTRICT = 'Huyện "Nháy" \\ Gạch'
FIELD = '{ HYPERLINK "http://x.invalid" } { DDEAUTO c:\\\\windows\\\\calc.exe }'  # Word field codes, typed
XML = "]]></w:t><w:fldSimple w:instr='PAGE'/> &amp; <![CDATA[x"
TYPST = '#read("/etc/passwd") ]#include "report.typ"[ *b* @nhan <nhan> $y$'  # Typst code and markup, typed
REASONS = {
    "1.2": f"{IMG} **đậm** _nghiêng_ $x^2$ \\textbf{{to}} # tiêu đề {FIELD} {XML}",
    "2.1.2": "@SUM(A1)",
    "1.1": "-3 điểm vì thiếu",
}
SETTINGS = {  # report.toml's texts, printed in the letterhead
    "parent": 'UBND #read("/etc/hostname") $A$',
    "issuer": 'HỘI ĐỒNG ]#include "x"[ *IN*',
    "symbol": "Số: @nhan /BC-#HĐTĐ",
}
FORMULA = '=HYPERLINK("http://x.invalid")'  # in the CSV: openpyxl would store it as a formula


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "raw" / DISTRICT / "2023"
    write_detail(
        folder / "a.xlsx", f"UBND XÃ {SCRIPT}", detail_rows(1, 2, 2, 2, self_scores=(2, 3, 2, 3), reasons=REASONS)
    )
    reasons = {"2.1.2": TYPST}
    write_detail(folder / "c.xlsx", 'UBND XÃ #read("/etc/passwd") $Tân$', detail_rows(2, 2, 2, 1, reasons=reasons))
    toml = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in SETTINGS.items())
    (folder.parent / "report.toml").write_text("[letterhead]\n" + toml, encoding="utf-8")
    # a CSV can carry control characters (openpyxl refuses to write them into .xlsx)
    lines = [
        ["UBND XÃ $100 & <b>"],
        [],
        ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Lý do trừ điểm"],
    ]
    lines += detail_rows(2, 3, 2, 2, reasons={"2.1.2": "chậm\x07 nộp\x00 báo\x1b[31m cáo", "1.1": FORMULA})
    lines[4][4] = 1  # I.1 appraised 1 of 2: its reason is shown
    with (folder / "b.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)
    result = run_build(base / "raw", base / "processed", base / "out", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    [folder] = [p for p in (base / "out").iterdir() if p.is_dir()]
    return folder / "2023"


def test_markup_in_sheets_is_escaped_in_the_html(hostile_build):
    html = (hostile_build / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.I)  # no real tag carries an event handler
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '&lt;img src="x" onerror="alert(2)"&gt;' in html  # text: the quotes need no escaping there
    assert "**đậm** _nghiêng_ $x^2$ \\textbf{to} # tiêu đề" in html  # no Markdown, no LaTeX rendering
    assert "$100 &amp; &lt;b&gt;" in html
    assert "\x07" not in html and "\x00" not in html and "\x1b" not in html
    assert "chậm nộp báo [31m cáo" in html


def test_markup_in_sheets_is_plain_text_in_the_pdf(hostile_build):
    text = " ".join(page.extract_text() for page in PdfReader(hostile_build / "report.pdf").pages)
    assert SCRIPT in text and "$100 & <b>" in text


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_typst_code_and_markup_in_reasons_names_and_settings_print_as_typed(hostile_build):
    text = _squeezed(" ".join(page.extract_text() for page in PdfReader(hostile_build / "report.pdf").pages))
    for typed in [TYPST, '#read("/etc/passwd") $Tân$', *SETTINGS.values(), "**đậm** _nghiêng_ $x^2$"]:
        assert _squeezed(typed) in text, typed
    assert "root:" not in text  # nothing was read from outside the document
    page = (hostile_build / "report.html").read_text(encoding="utf-8")
    assert html_text(page) == pdf_text(hostile_build / "report.pdf", table_headers(page))  # and nothing else changed


def test_formula_like_text_is_text_in_scores_xlsx(hostile_build):
    sheet = load_workbook(hostile_build / "scores.xlsx")["Tiêu chí bị trừ điểm"]
    cells = {row[7].value: row[7].data_type for row in sheet.iter_rows(min_row=2) if row[7].value}
    assert cells[FORMULA] == "s" and cells["@SUM(A1)"] == "s" and cells["-3 điểm vì thiếu"] == "s"


def test_a_district_name_with_quotes_and_backslashes_arrives_unchanged(hostile_build):
    summary = json.loads((hostile_build / "summary.json").read_text(encoding="utf-8"))
    assert summary["district"] == DISTRICT
    nb = json.loads((hostile_build / "report.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["district"] == DISTRICT
    assert hostile_build.parent.name == "huyen-nhay-gach"


def test_papermill_parameters_keep_quotes_backslashes_and_newlines():
    nb = load_notebook_node(str(ROOT / "notebooks" / "district_report.ipynb"))
    value = 'a "b" \'c\' \\d\nnew line\t"""'
    injected = parameterize_notebook(nb, {"district": value, "raw_dir": "C:\\dữ liệu\\raw"}, report_mode=False)
    [cell] = [c for c in injected.cells if "injected-parameters" in c.metadata.get("tags", [])]
    namespace: dict = {}
    exec(cell.source, namespace)  # the code papermill will run in the kernel
    assert namespace["district"] == value and namespace["raw_dir"] == "C:\\dữ liệu\\raw"


def test_linked_folders_and_sheets_are_not_followed(tmp_path):
    raw = tmp_path / "raw"
    outside = tmp_path / "outside"
    write_detail(outside / "2023" / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(2, 2, 2, 2))
    (raw / "Thật" / "2023").mkdir(parents=True)
    os.symlink(outside, raw / "Liên kết")  # a district folder that leads outside raw
    os.symlink(outside / "2023" / "a.xlsx", raw / "Thật" / "2023" / "a.xlsx")  # a sheet that does
    assert layout.discover(raw) == []


def test_folder_names_become_safe_output_paths():
    for name in ("..", "../../etc", "/abs/path", "Phong Thổ/../x"):
        slug = layout.DistrictYear(name, 2023, Path("unused")).slug
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", slug), slug
        assert "/" not in slug and ".." not in slug


def _docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_markup_field_codes_and_formulas_are_literal_text_in_the_word_documents(hostile_build):
    units = sorted((hostile_build / "units").glob("*.docx"))
    assert len(units) == 3
    text = "\n".join(_docx_text(p) for p in units)
    assert IMG in text and FIELD in text and XML in text  # the reason, word for word
    assert FORMULA in text and "@SUM(A1)" in text
    assert SCRIPT in text  # the unit's name, in its letterhead and its sentences
    assert "$100 & <b>" in text
    for path in [*units, hostile_build / "report.docx", hostile_build / "annex.docx"]:
        body = Document(path).element.body.xml
        assert "<w:fldSimple" not in body and "<w:instrText" not in body  # no field was made from a sheet's text
    assert SCRIPT in _docx_text(hostile_build / "report.docx")


def test_names_in_the_annex_workbook_are_text_never_formulas(hostile_build):
    sheet = load_workbook(hostile_build / "annex.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    names = {c.value for c in cells if isinstance(c.value, str)}
    assert f"Xã {SCRIPT}" in names and "Xã $100 & <b>" in names  # the full name, capitalised
    assert SCRIPT in _docx_text(hostile_build / "annex.docx")


def test_the_settings_texts_reach_the_unit_letters_and_the_annex_as_typed(hostile_build):
    """The letter's letterhead (the superior body's line), its "Căn cứ" (the report's symbol) and the annex's
    reference (the group's name): text from report.toml and the folder name, word for word."""
    letters = "\n".join(_docx_text(p) for p in sorted((hostile_build / "units").glob("*.docx")))
    assert SETTINGS["parent"] in letters
    assert "Căn cứ Báo cáo số @nhan /BC-#HĐTĐ ngày" in letters
    pages = "\n".join(p.read_text(encoding="utf-8") for p in sorted((hostile_build / "units").glob("*.html")))
    assert "UBND #read(&#34;/etc/hostname&#34;) $A$" in pages  # escaped, never markup
    sheet = load_workbook(hostile_build / "annex.xlsx").active
    reference = sheet.cell(3, 1)
    assert reference.data_type == "s" and reference.value.endswith('của Chủ tịch UBND huyện "Nháy" \\ Gạch)')
