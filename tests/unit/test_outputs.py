"""Charts and scores.xlsx: readable at any size, and text from sheets never becomes a formula."""

import re

import pandas as pd
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from pipeline.core.errors import WARNING, Problem
from pipeline.model import analysis
from pipeline.write import charts, workbook
from tests.helpers.tables import DETAIL, scores_table


def _height_pt(svg: str) -> float:
    return float(re.search(r'<svg[^>]* height="([\d.]+)pt"', svg).group(1))


def test_a_province_ranking_is_drawn_in_parts_that_fit_a_page():
    scores = {f"Xã Số {i:03d}": 50 + i * 0.25 for i in range(170)}
    parts = charts.ranking_charts(scores, 100, {"Xã Số 000"}, 71.0)
    assert len(parts) == 5  # 40 + 40 + 40 + 40 + 10 units
    for svg in parts:
        assert _height_pt(svg) <= 257 / 25.4 * 72  # the text height of an A4 page with 20 mm margins


def test_three_units_make_one_small_vector_chart_with_its_words_as_text():
    [svg] = charts.ranking_charts({"A": 3.0, "B": 2.5, "C": 1.0}, 5, {"C"}, 2.17)
    assert svg.startswith("<svg") and "<image" not in svg and _height_pt(svg) < 72 * 1.5
    words = charts.svg_texts(svg)
    # ticks end at the maximum, with a decimal comma; the mean with two decimals; names and values as text
    assert words[:6] == ["0", "1", "2", "3", "4", "5"] and "Điểm (tối đa 5)" in words
    assert "Trung bình 2,17" in words and {"A", "B", "C", "3,00", "2,50", "1,00"} <= set(words)


def test_scores_workbook_keeps_formula_like_text_as_text(tmp_path):
    hostile = DETAIL.copy()
    hostile["reason"] = hostile["reason"].replace(
        {
            "Báo cáo chậm": '=HYPERLINK("http://x.invalid","bấm")',
            "Thiếu kế hoạch": "-3 điểm",
            "Niêm yết thiếu": "@SUM(A1)",
        }
    )
    path = tmp_path / "scores.xlsx"
    workbook.write_scores(analysis.analyse(hostile), path)
    sheet = load_workbook(path)["Tiêu chí bị trừ điểm"]
    reasons = {row[7].value: row[7].data_type for row in sheet.iter_rows(min_row=2)}
    assert reasons['=HYPERLINK("http://x.invalid","bấm")'] == "s"
    assert reasons["-3 điểm"] == "s" and reasons["@SUM(A1); Thiếu cập nhật"] == "s"  # Cát Lộc 2.1: a and b
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Tiêu chí bị trừ điểm").to_python()
    assert '=HYPERLINK("http://x.invalid","bấm")' in [row[7] for row in values]


def test_scores_workbook_lists_units_fields_and_lost_criteria(tmp_path):
    previous = scores_table(
        [(u, c, m, m, m, None) for u in ("An Bình", "Bình Minh", "Cát Lộc") for c, m in (("1", 5), ("2", 5))], year=2022
    )
    path = tmp_path / "scores.xlsx"
    workbook.write_scores(analysis.analyse(DETAIL, previous), path)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Đơn vị", "Lĩnh vực", "Tiêu chí bị trừ điểm", "Biểu chi tiết", "Kiểm tra dữ liệu"]
    sheet = book.get_sheet_by_name("Đơn vị").to_python()
    assert sheet[0][3:5] == ["1. Tiêu chí 1 (5)", "2. Tiêu chí 2 (5)"]  # the field names as headers
    units = pd.DataFrame(sheet[1:], columns=sheet[0])
    assert list(units["Đơn vị"]) == ["xã Bình Minh", "xã An Bình", "xã Cát Lộc"] and list(units["Hạng"]) == [1, 2, 2]
    assert list(units["Hạng năm trước"]) == [1, 1, 1]  # all tied at 10 in 2022: everyone was first
    assert list(units["Thay đổi thứ hạng (bậc)"]) == [0, -1, -1]
    assert list(units["Thay đổi điểm"]) == [-1, -2, -2]  # 9, 8, 8 against 10 each
    # self-assessed 10, 10, 8 (DETAIL): gaps 1, 2, 0
    assert list(units["Điểm tự chấm"]) == [10, 10, 8] and list(units["Chênh lệch tự chấm - thẩm định"]) == [1, 2, 0]
    lost = book.get_sheet_by_name("Tiêu chí bị trừ điểm").to_python()[1:]
    # by rank, then code: Bình Minh (1st) 1.1, then An Bình (2nd) 1.2 and 2.1, then Cát Lộc (2nd) 2.1
    assert [(row[0], row[1]) for row in lost] == [
        ("xã Bình Minh", "1.1"),
        ("xã An Bình", "1.2"),
        ("xã An Bình", "2.1"),
        ("xã Cát Lộc", "2.1"),
    ]
    matrix = book.get_sheet_by_name("Biểu chi tiết").to_python()
    assert matrix[0] == ["Hạng", "Đơn vị", "1.1 Tiêu chí 1.1", "1.2 Tiêu chí 1.2", "2.1 Tiêu chí 2.1"]
    assert matrix[2] == [2, "xã An Bình", 2, 2, 4]


def test_scores_workbook_lists_the_data_checks_for_the_analyst(tmp_path):
    path = tmp_path / "scores.xlsx"
    note = Problem(
        WARNING, "name-fuzzy", params={"unit": "Mừng So", "name": "Mường So", "score": "93", "list": "x.csv"}
    )
    workbook.write_scores(analysis.analyse(DETAIL, notes=[note]), path)
    checks = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Kiểm tra dữ liệu").to_python()
    assert checks == [
        ["STT", "Nội dung cần kiểm tra", "Chi tiết (tiếng Anh)"],
        [
            1,
            "tên đơn vị 'Mừng So' được hiểu là 'Mường So' (giống 93%)",
            "unit name 'Mừng So' read as 'Mường So' (similarity 93%) (list: x.csv); add it as an alias of that unit "
            "to confirm, or as a unit of its own if it is not the same",
        ],
    ]


def test_highlighted_bars_stay_apart_in_grey_scale_print_and_labels_sit_above_the_mean_line():
    def grey(colour: str) -> float:  # ITU-R 601 luma of "#rrggbb"
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    assert grey(charts.PALETTE["bar"]) - grey(charts.PALETTE["weak"]) > 100  # light against dark, and hatched
    [svg] = charts.ranking_charts({"A": 5.0, "B": 2.5, "C": 2.4}, 5, {"C"}, 2.5)
    assert svg.count("fill: url(#") == 1  # the one highlighted bar carries the hatch pattern
    # the dashed mean line is drawn first, the white boxes behind the value labels after it, then the labels
    mean_line = svg.index("stroke-dasharray")
    boxes = [m.start() for m in re.finditer(r"fill: #ffffff", svg)]
    assert sum(b > mean_line for b in boxes) >= 4  # the mean label and three value labels
