"""Every data error names where it is (file, sheet, row, column) and the rule; expected texts by hand."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline.model import measures
from tests.helpers.sheets import HEADER_2_ROWS, detail_rows, write_detail, write_summary
from tests.helpers.tables import AN_BINH, tidy_of


def errors_of(folder: Path) -> list:
    return tidy_of(folder)[1].errors


def test_empty_file_is_named(tmp_path):
    (tmp_path / "an_binh.xlsx").write_bytes(b"")
    [error] = errors_of(tmp_path)
    assert (error.file, error.text()) == ("an_binh.xlsx", "the file is empty (0 bytes)")


def test_damaged_workbook_is_named(tmp_path):
    write_detail(tmp_path / "good.xlsx", "UBND XÃ AN BÌNH", detail_rows(**AN_BINH))
    (tmp_path / "broken.xlsx").write_bytes((tmp_path / "good.xlsx").read_bytes()[:300])  # truncated zip
    [error] = errors_of(tmp_path)
    assert error.file == "broken.xlsx" and "cannot be read as a spreadsheet" in error.text()


def test_csv_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "an_binh.csv").write_bytes(b"STT;\xd0i\xeam t\xf4i \xf0a\n")  # a legacy 8-bit code page
    [error] = errors_of(tmp_path)
    assert error.file == "an_binh.csv" and "UTF-8" in error.text()


def test_missing_maximum_column_names_the_header_row(tmp_path):
    header = [["STT", "Tiêu chí", "Điểm tự đánh giá", "Điểm thẩm định", "Lý do trừ điểm"]]
    grid = [r[:2] + r[3:] for r in detail_rows(**AN_BINH)]
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", grid, header=header)
    [error] = errors_of(tmp_path)
    assert (error.file, error.sheet) == ("a.xlsx", "Sheet1")
    assert error.text() == "the header in row 5 has no maximum column: add 'Điểm tối đa' (or 'Điểm chuẩn')"


def test_missing_appraised_column_names_the_header_row(tmp_path):
    header = [["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Lý do trừ điểm"]]
    grid = [r[:4] + r[5:] for r in detail_rows(**AN_BINH)]
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", grid, header=header)
    [error] = errors_of(tmp_path)
    assert error.file == "a.xlsx" and "row 5 has no appraised-score column" in error.text()


def test_negative_score_names_file_row_and_column(tmp_path):
    rows = detail_rows(**AN_BINH)
    rows[1][4] = -1  # I.1 appraised, row 8
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    errors = errors_of(tmp_path)
    assert [str(e) for e in errors] == [
        "a.xlsx, sheet 'Sheet1', row 8, column 'Điểm thẩm định': appraised score must not be negative (value: -1.0)"
    ]


def test_score_above_maximum_names_the_sheets_column(tmp_path):
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(3, 2, 2, 2, self_scores=(2, 2, 2, 2)))
    [error] = errors_of(tmp_path)
    assert str(error) == "a.xlsx, sheet 'Sheet1', row 8, column 'Điểm thẩm định': score above its maximum (value: 3.0)"


def test_missing_appraised_score_is_an_error(tmp_path):
    rows = detail_rows(**AN_BINH)
    rows[2][4] = None  # I.2 appraised left empty, row 9
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    assert [(e.file, e.row, e.text()) for e in errors_of(tmp_path)] == [("a.xlsx", 9, "appraised score missing")]


def test_not_applicable_criterion_lowers_the_units_maximum(tmp_path):
    rows = detail_rows(**AN_BINH)
    rows[1][3:5] = ["Không áp dụng", "Không áp dụng"]  # I.1 (max 2) does not apply to this unit
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows, header=HEADER_2_ROWS)
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    i1 = table.set_index("code").loc["1.1"]
    assert (i1["applicable"], i1["max"], i1["max_applicable"], pd.isna(i1["score"])) == (False, 2.0, 0.0, True)
    # field I: only I.2 counts, 2 of 3; field II: 4 of 5 -> total 6 of 8, index 75%
    unit = measures.units_table(table).iloc[0]
    assert (unit["total"], unit["max"], unit["index_pct"]) == (6.0, 8.0, 75.0)
    assert (unit["criteria_full"], unit["n_criteria"]) == (0, 2)


@pytest.mark.parametrize("field_max", [3, 5])
def test_a_field_maximum_printed_without_the_not_applicable_criterion_is_no_subtotal_error(tmp_path, field_max):
    # I.1 (max 2) does not apply: the sheet may print field I's maximum as the criteria set's 5 or as the
    # unit's 3 (5 less 2), and the total's as 10 or 8. Neither is a subtotal that differs.
    rows = detail_rows(**AN_BINH)
    rows[1][3:5] = ["Không áp dụng", "Không áp dụng"]
    rows[0][2:5] = [field_max, 3, 2]  # self 3 and appraised 2: I.2's alone
    rows[-1][2:5] = [10 - (5 - field_max), 3 + 5, 2 + 4]
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    table, problems = tidy_of(tmp_path)
    assert [str(p) for p in problems.problems] == []
    field = table.set_index("code").loc["1"]
    assert (field["max"], field["max_applicable"], field["score"]) == (5.0, 3.0, 2.0)


def test_a_field_maximum_that_is_neither_the_full_nor_the_applicable_one_is_still_a_subtotal_warning(tmp_path):
    rows = detail_rows(**AN_BINH)
    rows[1][3:5] = ["Không áp dụng", "Không áp dụng"]
    rows[0][2:5] = [4, 3, 2]  # a maximum neither 5 nor 3
    rows[-1][2:5] = [8, 3 + 5, 2 + 4]
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    _, problems = tidy_of(tmp_path)
    [warning] = [p for p in problems.problems if p.rule == "subtotal-differs"]
    assert (warning.row, warning.params["stated"], warning.params["total"]) == (7, 4.0, 5.0)


def test_a_sheet_whose_unit_nothing_names_is_an_error_naming_the_file(tmp_path):
    write_detail(tmp_path / "Book1.xlsx", None, detail_rows(**AN_BINH))  # no title line, generic tab and file
    [error] = errors_of(tmp_path)
    assert (error.file, error.sheet) == ("Book1.xlsx", "Sheet1")
    assert error.text() == (
        "no title line, tab or file name names the unit: write a title line such as 'Đơn vị: Xã Mường So' or "
        "'UBND xã Mường So' above the table"
    )


def test_a_unit_named_by_plumbing_is_an_error_naming_the_file_and_is_not_published(tmp_path):
    write_summary(
        tmp_path / "th.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)"],
        [[1, "Xã Đông", 4, 4], [2, "02_Xa_Tay", 3, 5], [3, "Đông Hòa 2023", 3, 5]],
    )
    errors = errors_of(tmp_path)
    assert [(e.file, e.text()) for e in errors] == [
        (
            "th.xlsx",
            "unit name '02_Xa_Tay' is not a unit's name (it has an underscore); it is not published: write the "
            "unit's name in a title line ('Đơn vị: Xã Mường So'), or add '02_Xa_Tay' as an alias of the unit in the "
            "names list (thu-nghiem.csv)",
        ),
        (
            "th.xlsx",
            "unit name 'Đông Hòa 2023' is not a unit's name (it has a year); it is not published: write the "
            "unit's name in a title line ('Đơn vị: Xã Mường So'), or add 'Đông Hòa 2023' as an alias of the unit "
            "in the names list (thu-nghiem.csv)",
        ),
    ]
    assert (
        errors[0]
        .text_vi()
        .startswith(
            "tệp th.xlsx, trang tính 'Sheet': tên đơn vị '02_Xa_Tay' không phải tên của một đơn vị (có dấu gạch dưới)"
        )
    )


def test_a_phuong_and_a_xa_of_one_name_are_two_units_not_one_unit_twice(tmp_path):
    write_detail(tmp_path / "p.xlsx", "UBND PHƯỜNG TÂN PHÚ", detail_rows(2, 3, 2, 3))  # 10
    write_detail(tmp_path / "x.xlsx", "UBND XÃ TÂN PHÚ", detail_rows(**AN_BINH))  # 8
    write_detail(tmp_path / "x2.xlsx", "UBND XÃ TÂN PHÚ", detail_rows(**AN_BINH))  # the xã again: one unit twice
    table, problems = tidy_of(tmp_path)
    assert [(e.rule, e.file) for e in problems.errors if e.rule == "unit-twice"] == [("unit-twice", "x2.xlsx")]
    (tmp_path / "x2.xlsx").unlink()
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    totals = measures.units_table(table).set_index("name")["total"].to_dict()
    assert totals == {"phường Tân Phú": 10.0, "xã Tân Phú": 8.0}
