"""The notebook's parameters as an analyst types them, and the messages a wrong one gives in the notebook:
its message alone (IPython's _render_traceback_), in Vietnamese with the English beside it."""

from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell

from pipeline.core.errors import DataError, ParameterError, Problem, ReportNotFound
from pipeline.notebook import params, report
from tests.helpers.sheets import write_small_district


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """Thử Nghiệm 2022 and 2023, Tổng Hợp 2023 (tests/sheets.py)."""
    write_small_district(tmp_path / "raw")
    return tmp_path / "raw"


@pytest.mark.parametrize("typed", [2023, "2023", " 2023 "])
def test_a_year_typed_as_text_is_accepted(typed):
    assert params.year_of(typed) == 2023


@pytest.mark.parametrize("typed", ["hai nghìn", "23", 2023.5, True, "２０２３"])
def test_a_year_that_is_not_one_is_a_plain_sentence(typed):
    with pytest.raises(ParameterError) as caught:
        params.year_of(typed)
    message = caught.value._render_traceback_()
    assert message == [
        "Năm phải là một số có bốn chữ số, ví dụ year = 2023 (the year must be a four-digit number, like "
        f"year = 2023); nhận được (got): {typed!r}"
    ]


def test_resolve_gives_the_year_as_a_number_and_absolute_folders(raw, tmp_path):
    year, raw_dir, processed_dir = params.resolve("thu nghiem", "2023", raw, tmp_path / "processed")
    assert (year, raw_dir, processed_dir) == (2023, raw, tmp_path / "processed")


def test_a_year_typed_as_text_makes_the_same_report(raw, tmp_path):
    typed = report.load("Thử Nghiệm", "2023", raw, tmp_path / "processed")
    assert (typed.year, len(typed.analysis.units)) == (2023, 3)


def test_an_unknown_district_lists_the_districts_and_the_closest(raw):
    error = params.not_found("Thu Nghiem B", 2023, raw)
    assert (error.choices, error.closest) == (["Thử Nghiệm", "Tổng Hợp"], "Thử Nghiệm")
    assert error._render_traceback_() == [
        f"Không có bảng điểm của 'Thu Nghiem B' trong {raw} (no score sheets for 'Thu Nghiem B'). "
        "Có phải (did you mean) Thử Nghiệm? Có bảng điểm của (found): Thử Nghiệm, Tổng Hợp."
    ]


def test_a_district_like_none_offers_no_closest(raw):
    error = params.not_found("Mường Tè", 2023, raw)
    assert error.closest is None and "Có phải" not in str(error)


def test_an_unknown_year_lists_the_years_of_that_district(raw, tmp_path):
    with pytest.raises(ReportNotFound) as caught:
        report.load("thu nghiem", 2021, raw, tmp_path / "processed")
    assert str(caught.value) == (
        f"Thử Nghiệm không có bảng điểm năm 2021 trong {raw} (no 2021 sheets for Thử Nghiệm). "
        "Các năm có (years): 2022, 2023."
    )


def test_a_missing_raw_folder_is_named(tmp_path):
    with pytest.raises(ReportNotFound, match="Không có thư mục .*nowhere"):
        params.resolve("Thử Nghiệm", 2023, tmp_path / "nowhere", tmp_path / "processed")


def test_a_data_error_shows_every_problem_in_vietnamese_with_the_english(tmp_path):
    problems = [
        Problem("error", "score-above-max", "an_binh.xlsx", "Sheet1", 8, "Điểm thẩm định", 3.0),
        Problem("error", "file-empty", "cat_loc.xlsx"),
        Problem("error", "score-not-number", "b.xlsx", "Sheet1", 9, "Điểm tối đa", "hai"),
    ]
    lines = DataError(problems, context="Thử Nghiệm 2023")._render_traceback_()
    assert lines == [
        "Bảng điểm có 3 lỗi, chưa lập được báo cáo — 3 data error(s) in Thử Nghiệm 2023:",
        "  - tệp an_binh.xlsx, trang tính 'Sheet1', dòng 8, cột 'Điểm thẩm định': điểm thẩm định vượt quá điểm "
        "tối đa (giá trị: 3.0) — an_binh.xlsx, sheet 'Sheet1', row 8, column 'Điểm thẩm định': score above its "
        "maximum (value: 3.0)",
        "  - tệp cat_loc.xlsx: tệp rỗng (0 byte) — cat_loc.xlsx: the file is empty (0 bytes)",
        "  - tệp b.xlsx, trang tính 'Sheet1', dòng 9, cột 'Điểm tối đa': điểm phải là số (dấu thập phân là dấu "
        "phẩy hoặc chấm) (giá trị: 'hai') — b.xlsx, sheet 'Sheet1', row 9, column 'Điểm tối đa': a score must be "
        "a number (decimal comma or dot) (value: 'hai')",
        "Sửa bảng điểm rồi chạy lại — fix the sheets, then Run All again (`make validate` lists them all).",
    ]


def test_ipython_shows_the_message_alone_not_a_traceback(raw, tmp_path, capsys):
    shell = InteractiveShell.instance()
    try:
        shell.user_ns.update(raw=raw, processed=tmp_path / "processed")
        shell.run_cell("from pipeline.notebook import report\nreport.load('Mường Tè', 2023, raw, processed)")
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr().out.strip()
    assert shown == (
        f"Không có bảng điểm của 'Mường Tè' trong {raw} (no score sheets for 'Mường Tè'). "
        "Có bảng điểm của (found): Thử Nghiệm, Tổng Hợp."
    )
