"""Grades from the index in %, default and set thresholds, field floors; counts per grade. Expectations by hand."""

import pandas as pd
import pytest

from pipeline.model.grades import (
    DEFAULT_THRESHOLDS,
    FloorMiss,
    Thresholds,
    grade_counts,
    grade_of,
    grades_of,
    read_grade,
)


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


# Hải Dương 2024: "Xuất sắc" from 90% with no field below 80%; "Tốt" from 80% with none below 70%.
HAI_DUONG = Thresholds(90, 80, 70, 50, floors=(80, 70, None, None))


@pytest.mark.parametrize(
    "index, fields, grade",
    [
        (92.0, {"1": 80.0, "2": 100.0}, "Xuất sắc"),  # a field on the floor meets it
        (92.0, {"1": 79.995, "2": 100.0}, "Xuất sắc"),  # read as published: 80,00%
        (92.0, {"1": 79.99, "2": 100.0}, "Tốt"),  # below 80: not Xuất sắc; none below 70: Tốt
        (92.0, {"1": 69.99, "2": 100.0}, "Khá"),  # below 70 too: Khá, which sets no floor
        (90.0, {"1": 70.0}, "Tốt"),
        (89.99, {"1": 100.0}, "Tốt"),  # the index decides first
        (85.0, {"1": 60.0, "2": 100.0}, "Khá"),
        (75.0, {"1": 10.0}, "Khá"),
        (49.99, {"1": 100.0}, "Yếu"),
    ],
)
def test_a_field_floor_holds_a_unit_back(index, fields, grade):
    assert grade_of(index, HAI_DUONG, fields) == grade


def test_without_field_shares_a_floor_cannot_block():
    assert grade_of(92.0, HAI_DUONG) == "Xuất sắc"


def test_a_verdict_names_the_grade_the_index_earns_and_the_floors_blocking_the_next():
    held = HAI_DUONG.verdict(92.0, {"1": 79.99, "2": 100.0, "3": 65.5})
    # index: Xuất sắc; field 3 below 70 blocks Tốt too, so Khá; the next grade, Tốt, is blocked by field 3
    assert (held.grade, held.by_index, held.next_grade, held.next_bound) == ("Khá", "Xuất sắc", "Tốt", 80)
    assert held.blocking == (FloorMiss("3", 65.5, 70),)
    short = HAI_DUONG.verdict(85.0, {"1": 75.0})
    # Tốt by its index; Xuất sắc needs 90% and field 1 at 80%: both short
    assert (short.grade, short.next_grade, short.next_bound, short.blocking) == (
        "Tốt",
        "Xuất sắc",
        90,
        (FloorMiss("1", 75.0, 80),),
    )
    top = HAI_DUONG.verdict(95.0, {"1": 90.0})
    assert (top.grade, top.next_grade, top.blocking) == ("Xuất sắc", None, ())
    assert DEFAULT_THRESHOLDS.verdict(89.99).blocking == ()


def test_the_rules_are_described_for_a_note():
    assert HAI_DUONG.clauses() == [
        "Xuất sắc từ 90% (không có lĩnh vực nào dưới 80%)",
        "Tốt từ 80% (không có lĩnh vực nào dưới 70%)",
        "Khá từ 70%",
        "Trung bình từ 50%",
        "Yếu dưới 50%",
    ]
    assert DEFAULT_THRESHOLDS.describe() == "Xuất sắc từ 90%, Tốt từ 80%, Khá từ 70%, Trung bình từ 50%"
    assert HAI_DUONG.floor("Tốt") == 70 and HAI_DUONG.floor("Khá") is None and HAI_DUONG.floor("Yếu") is None


def test_grades_of_reads_each_units_fields_by_name_in_any_order():
    index = pd.Series([92.0, 92.0, 92.0], index=["a", "b", "c"])
    shares = pd.DataFrame({"1": [85.0, 75.0, 65.0], "2": [100.0, 100.0, 100.0]}, index=["c", "b", "a"])
    assert list(grades_of(index, HAI_DUONG, shares)) == ["Khá", "Tốt", "Xuất sắc"]
