"""The province's report at province size (write/province.py), and a district's kept in its seed-004 form:
page budget, charts, parts, marks. Read from the session's sample build."""

import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

PAGES_AT_MOST, CHARTS_AT_MOST = 24, 12  # the budget for a 130-unit province in two blocks


def _pdf_text(folder) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(folder / "report.pdf").pages))


def _charts(folder) -> int:
    return (folder / "report.html").read_text(encoding="utf-8").count('<figure class="chart"')


@pytest.mark.parametrize("year", [2025, 2026])
def test_lam_son_fits_the_page_budget_with_one_chart_per_block_and_the_reviews_parts(sample_build, year):
    folder = sample_build[0] / "tinh-lam-son" / str(year)
    assert len(PdfReader(folder / "report.pdf").pages) <= PAGES_AT_MOST
    assert _charts(folder) == 4 <= CHARTS_AT_MOST  # grades per block, a ranking per block, the fields by block
    text = _pdf_text(folder)
    for part in (
        "I. TÌNH HÌNH",
        "II. KẾT QUẢ CHỈ SỐ",
        "III. KẾT QUẢ THEO LĨNH VỰC",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. ĐỀ XUẤT",
    ):
        assert text.count(part) == 1, part
    assert "(phần " not in text and "units/" not in text and "DỮ LIỆU MẪU" in text
    assert "PHỤ LỤC I " in text and "PHỤ LỤC II " in text
    assert "bị trừ nhiều điểm nhất ở lĩnh vực" not in text  # F8: the share is worded as the share


def test_lam_son_2025_says_its_reorganisation_with_the_predecessors_table(sample_build):
    text = _pdf_text(sample_build[0] / "tinh-lam-son" / "2025")
    assert (
        "từ 215 đơn vị (135 xã, 40 phường, 40 thị trấn) năm 2024 thành 130 đơn vị (88 xã, 40 phường, 02 đặc khu)"
        in text
    )
    assert "PHỤ LỤC III" in text and "Các đơn vị trước sắp xếp (điểm năm 2024)" in text
    assert "(110/130 đơn vị" not in text  # F9


def test_lam_son_2026_compares_within_each_block(sample_build):
    text = _pdf_text(sample_build[0] / "tinh-lam-son" / "2026")
    assert "Biến động so với năm 2025 trong từng khối" in text
    # recomputed in the review from scores.xlsx: the xã block's Khá 9 -> 0; Quang Lợi 70,76 -> 88,92
    assert "loại Khá giảm từ 09 xuống 00 đơn vị" in text
    assert "Xã Quang Lợi (năm 2025: 70,76 điểm, xếp thứ 90/90, loại Khá) năm 2026 đạt 88,92 điểm" in text


def test_lam_son_2024_names_its_block_by_the_kinds_it_holds(sample_build):
    text = _pdf_text(sample_build[0] / "tinh-lam-son" / "2024")
    assert "Khối xã, thị trấn" in text and "đặc khu" not in text  # F11


def test_phong_tho_keeps_the_district_form(sample_build):
    folder = sample_build[0] / "phong-tho" / "2023"
    text = _pdf_text(folder)
    assert _charts(folder) == 8  # Biểu đồ 1 and one per field, as seed 004
    assert [h for h in ("I. TÌNH HÌNH", "II. KẾT QUẢ", "III. ĐÁNH GIÁ CHUNG") if h in text] == [
        "I. TÌNH HÌNH",
        "II. KẾT QUẢ",
        "III. ĐÁNH GIÁ CHUNG",
    ]
    assert "IV. ĐÁNH GIÁ" not in text and "Khối" not in text
    assert "Bảng 1: Kết quả xếp hạng Chỉ số CCHC năm 2023 của các xã, thị trấn" in text
    assert "DỮ LIỆU MẪU" in text and "units/" not in text  # the sample mark; no file names (F9)
    assert "1 TT. Phong Thổ 15,00 10,00 19,00 7,00 11,59 12,00 24,00 98,59 Xuất sắc" in text  # two decimals, F12
