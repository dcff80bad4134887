"""The standing of a group-year in one call: blocks, grades, weakest per block, reorganisation."""

import pandas as pd

from pipeline.core.errors import WARNING, Problem
from pipeline.model import measures
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
