"""A year whose units were reorganised: said once, no per-unit noise; mergers for information only."""

import pandas as pd

from pipeline.core.errors import ERROR, WARNING, Problem
from pipeline.model import reorg
from pipeline.read import names


def test_most_units_without_a_counterpart_is_a_reorganisation_said_in_one_sentence():
    # 2025: 4 units, only "Phong Thổ" existed in 2024 -> 3/4 without a counterpart
    found = reorg.reorganisation(
        ["Phong Thổ", "Sin Suối Hồ", "Khổng Lào", "Dào San"], ["phong thổ", "Mường So"], 2025, 2024
    )
    assert found == reorg.Reorganisation(2025, 2024, 4, 3)
    assert found.sentence == (
        "Năm 2025, các đơn vị hành chính đã được sắp xếp lại (3/4 đơn vị không có đơn vị tương ứng trong năm "
        "2024), nên không so sánh thứ hạng với năm 2024."
    )


def test_half_or_fewer_new_units_is_not_a_reorganisation():
    # 2 of 4 new: exactly half, not most
    assert reorg.reorganisation(["A", "B", "C", "D"], ["A", "B", "X"], 2023, 2022) is None
    assert reorg.reorganisation(["A"], [], 2023, 2022) is None  # no previous year: nothing to compare


def test_the_rank_change_is_emptied_and_the_input_kept():
    units = pd.DataFrame({"name": ["A", "B"], "prev_rank": pd.array([2, 1], dtype="Int64")})
    units["rank_change"] = units["prev_rank"] - pd.Series([1, 2])
    out = reorg.without_rank_change(units)
    assert out["prev_rank"].isna().all() and out["rank_change"].isna().all()
    assert list(units["prev_rank"]) == [2, 1]


def test_per_unit_name_notes_are_left_out():
    notes = [
        Problem(WARNING, "name-new", params={"unit": "A", "list": "x.csv"}),
        Problem(WARNING, "names-missing", params={"units": "B, C", "list": "x.csv"}),
        Problem(WARNING, "total-differs", params={}),
        Problem(ERROR, "unit-twice", params={}),
    ]
    assert [p.rule for p in reorg.without_name_noise(notes)] == ["total-differs", "unit-twice"]


def test_the_names_list_maps_old_units_to_the_unit_they_merged_into(tmp_path):
    path = tmp_path / "tinh-thu.csv"
    path.write_text(
        "name,type,aliases,merged_into\n"
        "An Bình,phường,,\n"
        "Tân Phong,xã,,An Bình\n"
        "Đoàn Kết,phường,,An Bình\n"
        "Quyết Thắng,phường,,Tân Phong Mới\n",
        encoding="utf-8",
    )
    mergers = names.load_names(path).mergers()
    assert mergers == {"Tân Phong": "An Bình", "Đoàn Kết": "An Bình", "Quyết Thắng": "Tân Phong Mới"}
    assert reorg.merged_from(mergers) == {"An Bình": ["Tân Phong", "Đoàn Kết"], "Tân Phong Mới": ["Quyết Thắng"]}
    assert [e["name"] for e in names.load_names(path).entries][:2] == ["An Bình", "Tân Phong"]
