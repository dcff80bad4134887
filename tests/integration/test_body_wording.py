"""Every document names its scoring body through `Body`: a province's documents never say "huyện"
(issue 23's live defects: "TRÊN ĐỊA BÀN HUYỆN TỈNH LAM SƠN", "huyện Tỉnh Lam Sơn", "Phòng Nội vụ huyện"),
and a district's say what they said before. Read from the session's sample build, every format."""

import re

import pytest
from docx import Document
from lxml import html
from openpyxl import load_workbook

from tests.helpers.outputs import shared_outputs, text_of

pytestmark = pytest.mark.slow

LAM_SON_ANNEX = "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG, ĐẶC KHU TRÊN ĐỊA BÀN TỈNH LAM SƠN"
PHONG_THO_ANNEX = "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA UBND CÁC XÃ, THỊ TRẤN TRÊN ĐỊA BÀN HUYỆN PHONG THỔ"


def page_title(folder) -> str:
    return html.fromstring((folder / "report.html").read_bytes()).findtext(".//title")


def annex_lines(folder) -> tuple[list[str], list[str]]:
    """The annex's first lines, in the workbook and in the Word document."""
    sheet = load_workbook(folder / "annex.xlsx").active
    cells = [sheet.cell(row, 1).value for row in range(1, 4)]
    return cells, [p.text for p in Document(folder / "annex.docx").paragraphs[:3]]


def unit_letter_texts(folder) -> list[str]:
    """Each unit letter's paragraphs and table cells, one string a letter."""
    texts = []
    for path in sorted((folder / "units").glob("*.docx")):
        doc = Document(path)
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        texts.append("\n".join([p.text for p in doc.paragraphs] + cells))
    return texts


def test_no_document_of_the_sample_province_says_huyen(sample_build):
    out, _ = sample_build
    files = [p for p in shared_outputs(out) if p.parts[len(out.parts)] == "tinh-lam-son"]
    assert len(files) > 3 * 130  # three years' reports, workbooks, annexes and unit letters
    said = {
        str(p.relative_to(out)): m[0] for p in files for m in [re.search(r".{0,40}huyện.{0,40}", text_of(p), re.I)] if m
    }
    assert said == {}


def test_the_province_reports_title_annex_and_unit_letters_name_the_province(sample_build):
    folder = sample_build[0] / "tinh-lam-son" / "2025"
    assert page_title(folder) == "Báo cáo tóm tắt Chỉ số CCHC năm 2025 - tỉnh Lam Sơn"
    cells, paragraphs = annex_lines(folder)
    for lines in (cells, paragraphs):
        assert lines[0] == "PHỤ LỤC" and lines[1] == LAM_SON_ANNEX
        assert re.fullmatch(
            r"\(Kèm theo Quyết định số\s+/QĐ-UBND ngày\s+/\s+/2026 của Chủ tịch UBND tỉnh Lam Sơn\)", lines[2]
        )
    letters = unit_letter_texts(folder)
    assert len(letters) == 130
    for letter in letters:
        assert "/2026 của Chủ tịch UBND tỉnh Lam Sơn phê duyệt và công bố Chỉ số cải cách hành chính năm 2025" in letter
        assert "/BC-HĐTĐ ngày" in letter and "của Hội đồng thẩm định Chỉ số CCHC tỉnh Lam Sơn về kết quả" in letter
        assert "- Sở Nội vụ tỉnh Lam Sơn (để báo cáo);" in letter
        assert "UBND TỈNH LAM SƠN\nỦY BAN NHÂN DÂN\n" in letter  # the superior body, then the unit in full


def test_a_district_reports_title_annex_and_unit_letters_name_the_district(sample_build):
    folder = sample_build[0] / "phong-tho" / "2023"
    assert page_title(folder) == "Báo cáo tóm tắt Chỉ số CCHC năm 2023 - huyện Phong Thổ"
    cells, paragraphs = annex_lines(folder)
    for lines in (cells, paragraphs):
        assert lines[1] == PHONG_THO_ANNEX
        assert lines[2].endswith("/2024 của Chủ tịch UBND huyện Phong Thổ)")
    for letter in unit_letter_texts(folder):
        assert "của Chủ tịch UBND huyện Phong Thổ phê duyệt và công bố Chỉ số cải cách hành chính năm 2023" in letter
        assert "- Phòng Nội vụ huyện Phong Thổ (để báo cáo);" in letter
