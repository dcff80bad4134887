"""Reading sheets into the tidy table; expected rows are those written in tests/helpers/sheets.py, by hand."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.read import layout
from tests.helpers.sheets import detail_rows, write_detail, write_summary
from tests.helpers.tables import AN_BINH, KEY, an_binh_expected, assert_tidy_equal, tidy_of


def test_detail_sheet_with_roman_fields_and_lettered_subcriteria(tmp_path):
    write_detail(tmp_path / "an_binh.xlsx", "UBND XÃ AN BÌNH", detail_rows(**AN_BINH))
    table, problems = tidy_of(tmp_path)
    assert problems.found() == []
    assert_tidy_equal(table, an_binh_expected())
    assert set(table["unit_type"]) == {"xã"}
    assert list(table["name"][:2]) == ["Chỉ đạo, điều hành", "Kế hoạch CCHC"]  # capitals -> sentence


def test_dotted_codes_one_row_header_and_text_numbers_give_the_same_table(tmp_path):
    rows = detail_rows(**AN_BINH)
    dotted = ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", None]
    rows = [
        [code] + [(f"{v:g}".replace(".", ",") if isinstance(v, int | float) else v) for v in row[1:]]
        for code, row in zip(dotted, rows, strict=True)
    ]
    header = [["TT", "Nội dung", "Điểm chuẩn", "Tự chấm", "Kết quả thẩm định", "Ghi chú"]]
    write_detail(tmp_path / "x.xlsx", None, rows, header=header, sheet="xã An Bình")
    wb_path = tmp_path / "x.xlsx"
    wb = load_workbook(wb_path)  # a second tab, so the tab name, not the file name, names the unit
    wb.create_sheet("Ghi chú")
    wb.save(wb_path)
    table, problems = tidy_of(tmp_path)
    # 7 rows x (max, self, appraised) + the total row's appraised score = 22 text cells
    assert [p.text() for p in problems.found()] == [
        "scores typed as text were read as numbers (22 cells in 1 sheet: x.xlsx [xã An Bình])",
        "no title line names the unit; the tab or file name was used: x.xlsx [xã An Bình] → xã An Bình",
    ]
    assert_tidy_equal(table, an_binh_expected())


def test_summary_sheet_with_maxima_in_the_header(tmp_path):
    write_summary(
        tmp_path / "th.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)", "Tổng điểm (10)", "Xếp hạng"],
        [[1, "Xã Đông", "4,5", 4, "8,5", 1], [2, "Phường Nam", 3, 5, 8, 2]],
    )
    table, problems = tidy_of(tmp_path)
    assert [p.text() for p in problems.found()] == [
        "scores typed as text were read as numbers (2 cells in 1 sheet: th.xlsx [Sheet])"
    ]  # "4,5" and "8,5"
    expected = pd.DataFrame(
        [
            ("Đông", "1", 1, "1", 5.0, None, 4.5, None),
            ("Đông", "2", 1, "2", 5.0, None, 4.0, None),
            ("Nam", "1", 1, "1", 5.0, None, 3.0, None),
            ("Nam", "2", 1, "2", 5.0, None, 5.0, None),
        ],
        columns=KEY,
    )
    assert_tidy_equal(table, expected)
    assert list(table["unit_type"]) == ["xã", "xã", "phường", "phường"]
    assert list(table["name"][:2]) == ["Chỉ đạo, điều hành", "Cải cách TTHC"]


def test_summary_sheet_with_a_maxima_row(tmp_path):
    write_summary(
        tmp_path / "th.xlsx",
        ["STT", "Đơn vị", "Chỉ đạo", "TTHC", "Tổng cộng"],
        [[1, "Xã Đông", 4.5, 4, 8.5]],
        max_row=[None, "Điểm tối đa", 5, 5, 10],
    )
    table, problems = tidy_of(tmp_path)
    assert problems.found() == []
    assert list(table["max"]) == [5.0, 5.0]
    assert list(table["score"]) == [4.5, 4.0]


def test_subtotal_that_disagrees_with_its_items_is_a_warning_naming_both(tmp_path):
    rows = detail_rows(**AN_BINH)
    rows[0][4] = 4.5  # field I subtotal written 4.5, items sum to 4
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    [warning] = problems.warnings
    assert "4.5" in str(warning) and "sum of its items 4" in str(warning)
    assert "a.xlsx" in str(warning) and "row 7" in str(warning)
    assert table.loc[table["code"] == "1", "score"].item() == 4.0


def test_score_above_its_maximum_is_reported_with_file_and_row(tmp_path):
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(3, 2, 2, 2))  # I.1 max is 2
    _, problems = tidy_of(tmp_path)
    messages = [str(p) for p in problems.errors]
    assert any("a.xlsx" in m and "row 8" in m and "above its maximum" in m for m in messages), messages


def test_non_numeric_score_is_reported_with_file_row_column_and_value(tmp_path):
    rows = detail_rows(2, 2, 2, 2)
    rows[2][4] = "hai"  # I.2 appraised
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", rows)
    _, problems = tidy_of(tmp_path)
    [error] = [p for p in problems.errors if p.value == "hai"]
    assert (error.file, error.sheet, error.row, error.column) == ("a.xlsx", "Sheet1", 9, "Điểm thẩm định")
    assert "number" in error.text()


def test_sheet_with_numbers_but_no_header_is_an_error_naming_file_and_sheet(tmp_path):
    # ("Xã", "Điểm") is a header now: a unit column and a score column (test_published_wordings.py)
    write_summary(tmp_path / "scores.xlsx", ["Xã", "số liệu"], [["An Bình", 8.5]])
    _, problems = tidy_of(tmp_path)
    assert [(p.file, p.sheet) for p in problems.errors if "no recognisable header" in p.text()] == [
        ("scores.xlsx", "Sheet")
    ]


def test_a_tab_of_notes_beside_the_score_tabs_is_skipped_with_a_warning(tmp_path):
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(**AN_BINH))
    workbook = load_workbook(tmp_path / "a.xlsx")
    workbook.create_sheet("Hướng dẫn").append(["Điền điểm vào các ô màu vàng"])
    workbook.save(tmp_path / "a.xlsx")
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    assert [p.text() for p in problems.warnings] == [
        "sheets without a table of scores were ignored (1 sheet: a.xlsx [Hướng dẫn])"
    ]
    assert_tidy_equal(table, an_binh_expected())


def test_the_same_unit_twice_is_an_error(tmp_path):
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(2, 2, 2, 2))
    write_detail(tmp_path / "b.xlsx", "UBND xã An Bình", detail_rows(2, 2, 2, 2))
    _, problems = tidy_of(tmp_path)
    assert any("appears twice" in p.text() and p.file == "b.xlsx" and "a.xlsx" in p.text() for p in problems.errors)


def test_maxima_that_disagree_between_units_name_the_unit(tmp_path):
    write_detail(tmp_path / "a.xlsx", "UBND XÃ AN BÌNH", detail_rows(2, 2, 2, 2))
    write_detail(tmp_path / "b.xlsx", "UBND XÃ BÌNH MINH", detail_rows(2, 2, 2, 2))
    odd = detail_rows(2, 2, 2, 2)
    odd[1][2] = 2.5  # I.1 maximum 2.5 instead of 2
    write_detail(tmp_path / "c.xlsx", "UBND XÃ CÁT LỘC", odd)
    _, problems = tidy_of(tmp_path)
    assert any("Cát Lộc" in p.text() and "1.1" in p.text() and p.file == "c.xlsx" for p in problems.errors)


@pytest.mark.parametrize("name", ["~$a.xlsx", ".hidden.xlsx", "notes.txt"])
def test_lock_hidden_and_other_files_are_not_read(tmp_path, name):
    (tmp_path / name).write_bytes(b"junk")
    assert layout.sheet_files(tmp_path) == []


def test_discover_finds_district_year_folders_with_sheets(small_raw):
    found = [(dy.district, dy.year, dy.slug) for dy in layout.discover(small_raw)]
    assert found == [
        ("Thử Nghiệm", 2022, "thu-nghiem"),
        ("Thử Nghiệm", 2023, "thu-nghiem"),
        ("Tổng Hợp", 2023, "tong-hop"),
    ]


def test_summary_rank_column_is_checked_against_the_totals(tmp_path):
    # totals: Đông 8.5, Nam 8 -> Đông 1st, Nam 2nd; the sheet says the opposite
    write_summary(
        tmp_path / "th.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo (5)", "TTHC (5)", "Tổng điểm", "Xếp hạng"],
        [[1, "Xã Đông", 4.5, 4, 8.5, "thứ 02/2"], [2, "Phường Nam", 3, 5, 8, 1]],
    )
    _, problems = tidy_of(tmp_path)
    assert [(p.file, p.row, p.text()) for p in problems.warnings] == [
        ("th.xlsx", 4, "the sheet ranks Đông 2, its total ranks it 1; the total's rank is used"),
        ("th.xlsx", 5, "the sheet ranks Nam 1, its total ranks it 2; the total's rank is used"),
    ]
