"""Hand-made tables in the shapes and wordings provinces publish (issue 25): a departments' table with no
maximum, "Vị thứ", "Xếp loại" and three decimals (tests/helpers/published.py explains every number); every
wording of header.py's vocabulary; the maxima the settings give; and the named error of each shape that
cannot be read."""

import pytest
from openpyxl import load_workbook

from pipeline.model import analysis, grades, measures
from pipeline.model.units import split_unit_type
from pipeline.read.header import Header, find_header, header_key, summary_role
from pipeline.write import documents, sections, summary, workbook
from tests.helpers import published
from tests.helpers.tables import tidy_of


def read(tmp_path, grid, toml: str | None = None):
    folder = tmp_path / "Tỉnh Lam Sơn" / "2023"
    published.write(folder, "xlsx", grid)
    if toml is not None:
        (folder.parent / "report.toml").write_text(toml, encoding="utf-8")
    return tidy_of(folder)


PUBLISHED_RANKS = {name: rank for _, name, _, rank, _ in published.DEPARTMENTS}


def test_a_departments_table_with_no_maximum_builds_with_its_published_ranks_and_grades(tmp_path):
    table, problems = read(tmp_path, published.department_lines())
    assert problems.errors == []
    [assumed] = [p for p in problems.warnings if p.rule == "max-assumed-100"]  # one warning says so
    assert assumed.column == "Điểm đánh giá" and "index out of 100" in assumed.text()
    assert [p.rule for p in problems.warnings if p.rule not in ("max-assumed-100", "fix-text-numbers")] == []
    units = measures.units_table(table)
    assert dict(zip(units["name"], units["rank"], strict=True)) == PUBLISHED_RANKS
    assert set(units["max"]) == {100.0}
    assert units["total"].iloc[0] == 97.685  # three decimals kept
    assert grades.grade_counts(grades.grades_of(units["index_pct"])) == published.DEPARTMENT_GRADES
    assert (units["name"].iloc[0], units["name"].iloc[-1]) == ("Văn phòng UBND tỉnh", "Sở Du lịch")


def test_three_published_decimals_reach_summary_json_scores_xlsx_and_the_tables(tmp_path):
    table, _ = read(tmp_path, published.department_lines())
    a = analysis.analyse(table)
    first = summary.of(a)["units"][0]
    assert (first["name"], first["total"], first["rank"]) == ("Văn phòng UBND tỉnh", 97.685, 1)
    rows = sections.ranking_table(a)["rows"]
    assert rows[0][2].strip() == "97,685"
    assert rows[4][2].strip() == "90,681"  # Sở Tài chính: 90,68 at two decimals, beside Ban Dân tộc's 90,684
    assert documents.annex(a)["blocks"][0]["rows"][0][2] == "97,685"
    path = tmp_path / "scores.xlsx"
    workbook.write_scores(a, path)
    sheet = load_workbook(path)["Đơn vị"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Tổng điểm") + 1).value == 97.685


def test_a_published_rank_or_grade_that_disagrees_is_a_warning_naming_both(tmp_path):
    units = list(published.DEPARTMENTS)
    units[2] = (3, "Sở Tư pháp", "92,415", 4, "Tốt")  # ours: 3rd, Xuất sắc (92,42%)
    _, problems = read(tmp_path, published.department_lines(units=units))
    [rank] = [p for p in problems.warnings if p.rule == "rank-differs"]
    assert (rank.row, rank.params["rank"], rank.params["ours"]) == (7, 4, 3)
    [grade] = [p for p in problems.warnings if p.rule == "grade-differs"]
    assert "grades Sở Tư pháp 'Tốt', its index 92.42% grades it 'Xuất sắc'" in grade.text()


@pytest.mark.parametrize(
    "header, second",
    [
        (["TT", "Tên đơn vị", "Điểm\nđánh giá", "Vị thứ", "Xếp loại"], None),  # a line break in the cell
        (["TT", "Tên đơn vị", "Điểm", "Vị thứ", "Xếp loại"], [None, None, "đánh giá", None, None]),  # two rows
        (["TT", "Tên đơn vị", "Chỉ số CCHC năm 2023", "Vị thứ", "Xếp loại"], None),  # the year, an index alone
        (["STT", "Tên cơ quan, đơn vị", "Điểm Chỉ số CCHC", "Thứ tự xếp hạng", "KQ đánh giá"], None),
    ],
)
def test_headers_split_over_two_lines_or_with_the_year_read_the_same(tmp_path, header, second):
    table, problems = read(tmp_path, published.department_lines(header=header, second_header_row=second))
    assert problems.errors == []
    units = measures.units_table(table)
    assert dict(zip(units["name"], units["rank"], strict=True)) == PUBLISHED_RANKS
    assert [p.rule for p in problems.warnings if p.rule.endswith("differs")] == []


VOCABULARY = {
    "rank": ["Xếp hạng", "Vị thứ", "Thứ hạng", "Thứ tự xếp hạng", "Hạng"],
    "total": ["Tổng điểm", "Điểm đánh giá", "Điểm đạt được", "Kết quả", "Điểm", "Điểm Chỉ số CCHC"],
    "index": ["Chỉ số"],  # alone it is the score (below); beside a total, the index in %
    "grade": ["Xếp loại", "Phân loại", "Mức xếp loại", "KQ đánh giá", "Kết quả xếp loại"],
    "unit": ["Tên đơn vị", "Đơn vị", "Tên cơ quan, đơn vị", "Cơ quan, đơn vị", "Địa phương", "Sở, ban, ngành"],
    "code": ["TT", "STT", "Số TT"],
}
COMPONENTS = ["Điểm đánh giá trực tiếp", "Điểm điều tra XHH", "Điểm thẩm định", "SIPAS", "Khảo sát"]
COLUMN = {"code": 0, "unit": 1, "total": 2, "index": 2, "rank": 3, "grade": 4}
SMALL = [  # unit, score, rank, grade: 9,5 + … by hand, ranks 1, 2, 2, 4
    (1, "Sở Tư pháp", "91,25", 1, "Xuất sắc"),
    (2, "Sở Y tế", "84,5", 2, "Tốt"),
    (3, "Sở Nội vụ", "84,5", 2, "Tốt"),
    (4, "Sở Xây dựng", "72", 4, "Khá"),
]


@pytest.mark.parametrize("role, wording", [(r, w) for r, words in VOCABULARY.items() for w in words])
def test_every_published_wording_is_read_in_its_role(tmp_path, role, wording):
    header = list(published.DEPARTMENT_HEADER)
    header[COLUMN[role]] = wording
    assert summary_role(header_key(wording)) == role
    table, problems = read(tmp_path, published.department_lines(header=header, units=SMALL))
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule.endswith("differs")] == []
    units = measures.units_table(table)
    assert dict(zip(units["name"], units["total"], strict=True)) == {
        "Sở Tư pháp": 91.25,
        "Sở Y tế": 84.5,
        "Sở Nội vụ": 84.5,
        "Sở Xây dựng": 72.0,
    }
    assert list(units["rank"]) == [1, 2, 2, 4]


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_published_component_is_a_field_with_its_maximum(tmp_path, component):
    grid = [
        ["STT", "Tên đơn vị", f"{component} (40)", "Điểm thẩm định khác (60)", "Tổng điểm", "Xếp hạng"],
        [1, "Sở Tư pháp", "35,5", "55", "90,5", 1],
        [2, "Sở Y tế", "30", "50,25", "80,25", 2],
    ]
    header = find_header(grid)
    assert isinstance(header, Header) and header.layout == "summary"
    table, problems = read(tmp_path, grid)
    assert problems.errors == []
    assert list(table["name"].unique()) == [component, "Điểm thẩm định khác"]
    assert list(table["max"]) == [40.0, 60.0, 40.0, 60.0]


def test_components_without_maxima_get_them_from_the_settings(tmp_path):
    grid = [
        ["Thứ tự xếp hạng", "Tên cơ quan, đơn vị", "Tổng điểm", "Điểm đánh giá trực tiếp", "Điểm điều tra XHH"],
        [1, "Sở Tài chính", "92,93", "59,25", "33,68"],
        [2, "Sở Xây dựng", "91,33", "59,00", "32,33"],
    ]
    toml = '[maxima]\n"Điểm đánh giá trực tiếp" = 65\n"diem dieu tra xhh" = 35\n'
    table, problems = read(tmp_path, grid, toml)
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule != "fix-text-numbers"] == []
    assert list(table["name"]) == ["Điểm đánh giá trực tiếp", "Điểm điều tra XHH"] * 2
    assert list(table["max"]) == [65.0, 35.0, 65.0, 35.0]
    assert list(table["score"]) == [59.25, 33.68, 59.0, 32.33]


def test_the_settings_can_give_the_total_its_maximum(tmp_path):
    grid = [["TT", "Đơn vị", "Tổng điểm"], [1, "Sở Tư pháp", "150"], [2, "Sở Y tế", "120"]]
    table, problems = read(tmp_path, grid, "[maxima]\ntotal = 200\n")
    assert problems.errors == []
    units = measures.units_table(table)
    assert list(units["index_pct"]) == [75.0, 60.0]


def test_a_total_above_100_with_no_maximum_is_a_named_error(tmp_path):
    grid = [["TT", "Đơn vị", "Tổng điểm"], [1, "Sở Tư pháp", "150"], [2, "Sở Y tế", "120"]]
    _, problems = read(tmp_path, grid)
    [error] = problems.errors
    assert (error.rule, error.file, error.row, error.column, error.value) == (
        "total-no-max",
        "ket_qua_2023.xlsx",
        2,
        "Tổng điểm",
        150.0,
    )
    assert "set it in report.toml" in error.text() and "report.toml" in error.text_vi()


@pytest.mark.parametrize(
    "grid, rule",
    [
        ([["TT", "Đơn vị", "Tổng điểm (0)"], [1, "Sở Tư pháp", "0"], [2, "Sở Y tế", "0"]], "max-zero"),
        ([["TT", "Đơn vị", "Tổng điểm"], [1, "Sở Tư pháp", None], [2, "Sở Y tế", "-"]], "score-column-empty"),
        (
            [["TT", "Đơn vị", "Điểm"]] + [[i, f"Sở {name}", i] for i, name in enumerate("ABCDEF", 1)],
            "values-are-ranks",
        ),
        ([["TT", "Đơn vị", "Điểm", "Vị thứ"], [1, "Sở Tư pháp", "tốt", 1]], "score-not-number"),
    ],
)
def test_a_shape_that_cannot_be_scored_is_a_named_error(tmp_path, grid, rule):
    _, problems = read(tmp_path, grid)
    assert rule in [p.rule for p in problems.errors]
    assert all(p.file == "ket_qua_2023.xlsx" and p.sheet == "Sheet" for p in problems.errors)
    assert "value-empty" not in [p.rule for p in problems.errors]  # no echo of the same problem per row


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Văn phòng UBND tỉnh", "ngành"),
        ("Thanh tra tỉnh", "ngành"),
        ("Ban Dân tộc tỉnh", "ban"),
        ("Ban Quản lý Khu Kinh tế, công nghiệp tỉnh", "ban"),
        ("Sở Lao động - Thương binh và Xã hội", "sở"),
        ("Sở Giao thông Vận tải", "sở"),
        ("Công an tỉnh", "ngành"),
        ("Kho bạc Nhà nước tỉnh", "ngành"),
        ("Bảo hiểm xã hội tỉnh", "ngành"),
        ("Ngân hàng Nhà nước tỉnh", "ngành"),
    ],
)
def test_departments_and_other_bodies_keep_their_names_as_published(name, kind):
    assert split_unit_type(name) == (kind, name)
