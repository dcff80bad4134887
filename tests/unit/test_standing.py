"""The standing of a group-year in one call: blocks, grades, weakest per block, reorganisation."""

import pandas as pd

from pipeline.core.errors import WARNING, Problem
from pipeline.model import analysis, grades, measures
from pipeline.model.settings import Settings
from pipeline.model.standing import standing
from tests.helpers.blocks import BY_TYPE, TOTALS, by_name, scores, units


def test_a_province_in_blocks_compared_with_the_year_before():
    # 2024: the same units, every one 4 + 4 = 8 except Kim Sơn 5 + 5 = 10:
    # xã block 2024: Kim Sơn 1, Đông Hải, Gia Lâm, Hạ Long 2 (tied); phường: all three 1
    before = units({**dict.fromkeys(TOTALS, (4, 4)), "Kim Sơn": (5, 5)}, year=2024)
    got = standing("Tỉnh Thử", 2025, units(), measures.lost_criteria(scores()), before, BY_TYPE, weakest_n=1)
    assert got.reorganisation is None
    assert got.body.units_phrase == "các xã, phường, đặc khu trên địa bàn tỉnh Thử"
    assert got.block_names == ["Khối phường", "Khối xã, đặc khu"]
    assert {b: list(w["name"]) for b, w in got.weakest.items()} == {
        "Khối phường": ["Cát Lộc"],
        "Khối xã, đặc khu": ["Kim Sơn"],
    }
    # Kim Sơn 1 -> 4: down 3; Đông Hải 2 -> 1: up 1; An Bình 1 -> 1
    change = by_name(got.units, "block_rank_change")
    assert (change["Kim Sơn"], change["Đông Hải"], change["An Bình"]) == (-3, 1, 0)
    assert got.grade_counts == {"Xuất sắc": 2, "Tốt": 1, "Khá": 2, "Trung bình": 1, "Yếu": 1}
    assert got.reorganisation is None


def test_after_a_reorganisation_nothing_is_compared_and_it_is_said_once():
    before = units({"Cũ Một": (4, 4), "Cũ Hai": (3, 3), "An Bình": (5, 5)}, year=2024)  # 1 of 7 units existed
    current = units()
    notes = [
        Problem(WARNING, "name-new", params={"unit": "Bắc Sơn", "list": "x.csv"}),
        Problem(WARNING, "total-differs", params={}),
    ]
    current = current.assign(prev_rank=pd.array([1] + [None] * 6, dtype="Int64"))
    got = standing("Tỉnh Thử", 2025, current, measures.lost_criteria(scores()), before, BY_TYPE)
    assert (got.reorganisation.n_units, got.reorganisation.n_without_counterpart) == (7, 6)
    assert got.units["prev_block_rank"].isna().all() and got.units["prev_rank"].isna().all()
    assert [p.rule for p in got.notes(notes)] == ["total-differs"]
    assert got.reorganisation.sentence.startswith("Năm 2025, các đơn vị hành chính đã được sắp xếp lại (6/7")


def test_the_settings_number_of_weakest_units_wins():
    got = standing("Phong Thổ", 2023, units(), measures.lost_criteria(scores()), None, Settings(weakest=2), 5)
    assert list(got.weakest[""]["name"]) == ["Kim Sơn", "Hạ Long"]
    assert got.block_names == [""] and got.body.level == "district"


def test_grades_follow_each_blocks_rules_of_the_year_with_field_floors():
    # Two fields of 5 (each field's share = its score x 20): phường An Bình 90/90 -> 90%, Bắc Sơn 80/80,
    # Cát Lộc 70/70; xã Đông Hải 90/90, Gia Lâm 80/70 -> 75%, Hạ Long (đặc khu) 60/60, Kim Sơn 50/40 -> 45%.
    # Khối phường: Xuất sắc from 90 with no field below 95 -> An Bình Tốt (Tốt sets no floor).
    # Khối xã, đặc khu in 2025: Khá from 76 -> Gia Lâm (75%) Trung bình; in 2026 the defaults -> Khá.
    rules = grades.GradeRules(
        {
            (None, "Khối phường"): {"xuat_sac": (90.0, 95.0)},
            (2025, "Khối xã, đặc khu"): {"kha": (76.0, None)},
        }
    )
    given = Settings(file="t/report.toml", blocks=BY_TYPE.blocks, grade_rules=rules)
    got = {}
    for year in (2025, 2026):
        a = analysis.analyse(scores(year=year), settings=given)
        got[year] = by_name(a.units, "grade")
    assert got[2025] == {
        "An Bình": "Tốt",
        "Bắc Sơn": "Tốt",
        "Cát Lộc": "Khá",
        "Đông Hải": "Xuất sắc",
        "Gia Lâm": "Trung bình",
        "Hạ Long": "Trung bình",
        "Kim Sơn": "Yếu",
    }
    assert got[2026] == {**got[2025], "Gia Lâm": "Khá"}
    a = analysis.analyse(scores(year=2025), settings=given)
    assert a.standing.grade_counts == {"Xuất sắc": 1, "Tốt": 2, "Khá": 1, "Trung bình": 2, "Yếu": 1}
    assert a.standing.rules["Khối phường"].floor("Xuất sắc") == 95.0
    assert a.standing.rules["Khối xã, đặc khu"].bounds() == (90.0, 80.0, 76.0, 50.0)
    verdict = a.standing.rules["Khối phường"].verdict(90.0, a.field_shares.loc["An Bình"].to_dict())
    assert (verdict.by_index, verdict.grade) == ("Xuất sắc", "Tốt")
    assert verdict.blocking == (grades.FloorMiss("1", 90.0, 95.0), grades.FloorMiss("2", 90.0, 95.0))
