"""Summary tables as provinces publish them, read as they come: expected numbers by hand
(tests/helpers/published.py explains each)."""

import re

import pytest

from pipeline.model import grades, measures
from pipeline.read.header import Header, find_header
from tests.helpers import published
from tests.helpers.tables import tidy_of


def bare(name: str) -> str:
    """The name without a district-level type word (units.split_unit_type learns those in another change)."""
    return re.sub(r"^(Huyện|Thành phố|Thị xã|Quận) ", "", name)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_published_table_is_read_with_no_renaming(tmp_path, fmt):
    published.write(tmp_path, fmt)
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule != "fix-text-numbers"] == []
    assert list(table["name"].unique()) == ["Điểm thẩm định", "Điểm điều tra xã hội học"]
    assert list(table["max"].unique()) == [60.0, 30.0]
    units = measures.units_table(table)
    units["name"] = units["name"].map(bare)
    assert dict(zip(units["name"], units["total"], strict=True)) == published.TOTALS
    assert dict(zip(units["name"], units["rank"], strict=True)) == published.RANKS  # the published ranks
    assert round(units["total"].mean(), 2) == 72.18  # the published average
    assert list(units["index_pct"]) == [91.67, 86.78, 83.89, 83.89, 70.0, 65.0]
    assert grades.grade_counts(grades.grades_of(units["index_pct"])) == published.GRADE_COUNTS


def test_a_wrong_index_is_a_warning_naming_both_numbers(tmp_path):
    units = list(published.UNITS)
    units[1] = (2, "Huyện Tam Đường", "52,10", "26,00", "78,10", "87,78%", 2, "Tốt")  # 78,10 / 90 = 86,78%
    published.write(tmp_path, "xlsx", published.lines(units=units))
    _, problems = tidy_of(tmp_path)
    [warning] = [p for p in problems.warnings if p.rule == "index-differs"]
    assert warning.row == 6  # title, title, blank, header, Lai Châu, Tam Đường
    assert bare(warning.params["unit"]) == "Tam Đường"
    assert "stated index 87.78% of" in warning.text() and "total / maximum 86.78%" in warning.text()


def test_an_index_stored_as_a_fraction_is_read_in_percent(tmp_path):
    # Excel keeps a cell formatted as % as a fraction: 91,67% is 0.9167
    units = [(*u[:5], float(u[5].rstrip("%").replace(",", ".")) / 100, *u[6:]) for u in published.UNITS]
    average = [*published.AVERAGE[:5], 0.802, None, None]
    published.write(tmp_path, "xlsx", published.lines(units=units, average=average))
    _, problems = tidy_of(tmp_path)
    assert [p.rule for p in problems.found() if p.rule != "fix-text-numbers"] == []


def test_a_grade_that_disagrees_with_the_thresholds_is_a_warning(tmp_path):
    units = list(published.UNITS)
    units[4] = (5, "Huyện Nậm Nhùn", "44,00", "19,00", "63,00", "70,00%", 5, "Trung bình")  # 70% is Khá
    units[5] = (6, "Huyện Mường Tè", "40,00", "18,50", "58,50", "65,00%", 6, "Hoàn thành")
    published.write(tmp_path, "xlsx", published.lines(units=units))
    _, problems = tidy_of(tmp_path)
    found = {p.rule: p for p in problems.warnings if p.rule.startswith("grade")}
    assert found["grade-differs"].row == 9
    assert "grades it 'Khá'" in found["grade-differs"].text() and "index 70%" in found["grade-differs"].text()
    assert found["grade-unknown"].row == 10 and "'Hoàn thành' is not a grade" in found["grade-unknown"].text()


def test_a_wrong_published_average_is_a_warning_naming_both_numbers(tmp_path):
    average = [None, "Giá trị trung bình", "48,45", "23,73", "73,18", "80,20%", None, None]  # total is 72,18
    published.write(tmp_path, "xlsx", published.lines(average=average))
    _, problems = tidy_of(tmp_path)
    [warning] = [p for p in problems.warnings if p.rule == "average-differs"]
    assert (warning.row, warning.column) == (11, "Tổng điểm (90)")
    assert warning.text() == (
        "stated average 73.18 differs from the average over the units 72.18; the computed average is used"
    )


def test_a_published_rank_that_disagrees_is_still_a_warning(tmp_path):
    units = list(published.UNITS)
    units[3] = (4, "Huyện Sìn Hồ", "49,40", "26,10", "75,50", "83,89%", 4, "Tốt")  # tied with Phong Thổ: 3
    published.write(tmp_path, "xlsx", published.lines(units=units))
    _, problems = tidy_of(tmp_path)
    [warning] = [p for p in problems.warnings if p.rule == "rank-differs"]
    assert warning.row == 8 and warning.params["rank"] == 4 and warning.params["ours"] == 3


@pytest.mark.parametrize(
    "unit_label",
    ["HUYỆN, THỊ XÃ, THÀNH PHỐ", "Xã, phường, thị trấn", "Tên cơ quan, đơn vị", "Sở, ban, ngành", "Địa phương"],
)
def test_the_unit_column_may_be_headed_by_the_kind_of_unit(unit_label):
    rows = [["STT", unit_label, "Điểm thẩm định (65)", "Điểm điều tra xã hội học (35)", "Tổng điểm", "Xếp hạng"]]
    header = find_header(rows)
    assert isinstance(header, Header) and header.layout == "summary"
    assert (header.roles["unit"], header.roles["total"], header.roles["rank"]) == (1, 4, 5)


@pytest.mark.parametrize("survey", ["ĐTXHH", "SIPAS", "Khảo sát", "Điểm điều tra xã hội học"])
def test_component_columns_with_a_maxima_row_are_fields(tmp_path, survey):
    grid = [
        ["STT", "Đơn vị", "Điểm thẩm định", survey, "Tổng điểm", "PAR INDEX"],
        [None, "Điểm tối đa", 65, 35, 100, None],
        [1, "Sở Tư pháp", "60,5", "30", "90,5", "90,50%"],
        [2, "Sở Y tế", "50", "28,25", "78,25", "78,25%"],
    ]
    published.write(tmp_path, "xlsx", grid)
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule != "fix-text-numbers"] == []
    assert list(table["max"]) == [65.0, 35.0, 65.0, 35.0]
    assert list(table["score"]) == [60.5, 30.0, 50.0, 28.25]


def test_a_block_heading_row_inside_the_table_is_not_a_unit(tmp_path):
    grid = [
        ["STT", "Xã, phường, đặc khu", "Điểm thẩm định (65)", "ĐTXHH (35)", "Tổng điểm (100)", "Xếp hạng"],
        ["I", "KHỐI PHƯỜNG", None, None, None, None],
        [1, "Phường An Bình", "60", "30", "90", 1],
        [2, "Phường Tân Phú", "55", "30", "85", 2],
        ["II", "KHỐI XÃ, ĐẶC KHU", None, None, None, None],
        [1, "Xã Hòa Bình", "50", "30", "80", 1],
        [2, "Đặc khu Cát Hải", "58", "30", "88", 2],  # ranked in its sheet of 4 it would be 2nd
    ]
    published.write(tmp_path, "xlsx", grid)
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    assert table["unit"].nunique() == 4
    # ranks within blocks need the settings' blocks: without them the sheet ranks all four together
    assert {p.params["unit"]: p.params["ours"] for p in problems.warnings if p.rule == "rank-differs"} == {
        "Tân Phú": 3,
        "Hòa Bình": 4,
    }


def test_a_published_grade_is_checked_by_the_groups_rules_field_floors_too(tmp_path):
    # Lai Châu: 91,67%, but its survey field is 27,30/30 = 91%: under "Xuất sắc from 90%, no field below
    # 92%" it is Tốt, so the sheet's "Xuất sắc" is a warning; Tam Đường (86,78%) under "Tốt from 85%" stays Tốt,
    # but Phong Thổ and Sìn Hồ (83,89%) are Khá by these rules.
    (tmp_path / "report.toml").write_text(
        "[grades]\nxuat_sac = { from = 90, floor = 92 }\ntot = 85\n", encoding="utf-8"
    )
    year = tmp_path / "2023"
    published.write(year, "xlsx")
    _, problems = tidy_of(year)
    assert problems.errors == []
    differs = [p for p in problems.warnings if p.rule == "grade-differs"]
    assert [(bare(p.params["unit"]), p.params["grade"]) for p in differs] == [
        ("Lai Châu", "Tốt"),
        ("Phong Thổ", "Khá"),
        ("Sìn Hồ", "Khá"),
    ]
    assert "(Xuất sắc từ 90% (không có lĩnh vực nào dưới 92%), Tốt từ 85%, Khá từ 70%" in differs[0].text()
