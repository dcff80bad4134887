"""Grades from the index in %, default and set thresholds; counts per grade. Expectations by hand."""

import pandas as pd
import pytest

from pipeline.model.grades import DEFAULT_THRESHOLDS, Thresholds, grade_counts, grade_of, grades_of, read_grade


@pytest.mark.parametrize(
    "index, grade",
    [
        (100.0, "Xuất sắc"),
        (90.0, "Xuất sắc"),  # a bound belongs to the grade above it
        (89.995, "Xuất sắc"),  # read as published, 2 decimals: 90.00
        (89.99, "Tốt"),
        (85.12, "Tốt"),
        (80.0, "Tốt"),
        (79.99, "Khá"),
        (70.0, "Khá"),
        (63.4, "Trung bình"),
        (50.0, "Trung bình"),
        (49.99, "Yếu"),
        (0.0, "Yếu"),
    ],
)
def test_default_grades(index, grade):
    assert grade_of(index) == grade


def test_thresholds_from_settings_move_the_bands():
    strict = Thresholds(xuat_sac=95, tot=85, kha=75, trung_binh=60)
    assert [grade_of(v, strict) for v in (96, 90, 80, 70, 59)] == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


def test_counts_list_every_grade_best_first():
    # 91.2 XS; 85.0, 80.0 Tốt; 79.0 Khá; 40 Yếu; no Trung bình
    index = pd.Series([91.2, 85.0, 80.0, 79.0, 40.0], index=list("abcde"))
    grades = grades_of(index, DEFAULT_THRESHOLDS)
    assert list(grades) == ["Xuất sắc", "Tốt", "Tốt", "Khá", "Yếu"]
    assert list(grades.index) == list("abcde")
    assert grade_counts(grades) == {"Xuất sắc": 1, "Tốt": 2, "Khá": 1, "Trung bình": 0, "Yếu": 1}


@pytest.mark.parametrize(
    "text, grade",
    [("TỐT", "Tốt"), ("Loại Khá", "Khá"), ("xuat sac", "Xuất sắc"), ("Trung bình.", "Trung bình"), ("yếu", "Yếu")],
)
def test_grades_as_sheets_write_them(text, grade):
    assert read_grade(text) == grade


def test_a_word_that_is_not_a_grade_is_none():
    assert read_grade("Hoàn thành") is None and read_grade(None) is None
