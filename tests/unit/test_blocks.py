"""Ranking blocks, grades per unit, weakest per block, rank change within a block; expectations by hand."""

import pandas as pd
import pytest

from pipeline.core.errors import DataError, ProblemLog
from pipeline.model import blocks, measures
from pipeline.model.body import body_of
from pipeline.model.settings import Block, Settings
from pipeline.read import clean, ingest, layout, store
from pipeline.write import summary
from tests.helpers import published
from tests.helpers.blocks import BY_TYPE, TOTALS, by_name, scores, units


def test_every_unit_has_its_rank_inside_its_block_with_a_tie_across_blocks():
    before = units()
    out = blocks.with_blocks(before, BY_TYPE)
    assert by_name(out, "rank") == {
        "An Bình": 1,
        "Đông Hải": 1,
        "Bắc Sơn": 3,
        "Gia Lâm": 4,
        "Cát Lộc": 5,
        "Hạ Long": 6,
        "Kim Sơn": 7,
    }
    assert by_name(out, "block_rank") == {
        "An Bình": 1,
        "Bắc Sơn": 2,
        "Cát Lộc": 3,
        "Đông Hải": 1,
        "Gia Lâm": 2,
        "Hạ Long": 3,
        "Kim Sơn": 4,
    }
    assert by_name(out, "block_size") == {
        **dict.fromkeys(["An Bình", "Bắc Sơn", "Cát Lộc"], 3),
        **dict.fromkeys(["Đông Hải", "Gia Lâm", "Hạ Long", "Kim Sơn"], 4),
    }
    assert by_name(out, "block")["Hạ Long"] == "Khối xã, đặc khu"
    assert "block" not in before  # the input is not mutated


def test_a_tie_inside_a_block_shares_the_rank():
    totals = {**TOTALS, "Gia Lâm": (4.5, 4.5)}  # 9, as Đông Hải: xã block 1, 1, 3, 4
    out = blocks.with_blocks(units(totals), BY_TYPE)
    assert [by_name(out, "block_rank")[u] for u in ("Đông Hải", "Gia Lâm", "Hạ Long", "Kim Sơn")] == [1, 1, 3, 4]


def test_without_blocks_the_block_rank_is_the_rank():
    out = blocks.with_blocks(units(), Settings())
    assert list(out["block_rank"]) == list(out["rank"]) and set(out["block"]) == {""}


def test_grades_and_their_counts_per_block():
    out = blocks.with_blocks(units(), BY_TYPE)
    assert by_name(out, "grade") == {
        "An Bình": "Xuất sắc",
        "Đông Hải": "Xuất sắc",
        "Bắc Sơn": "Tốt",
        "Gia Lâm": "Khá",
        "Cát Lộc": "Khá",
        "Hạ Long": "Trung bình",
        "Kim Sơn": "Yếu",
    }
    per_block = summary.blocks(out, ["Khối phường", "Khối xã, đặc khu"])
    assert {b["name"]: b["grade_counts"] for b in per_block} == {
        "Khối phường": {"Xuất sắc": 1, "Tốt": 1, "Khá": 1, "Trung bình": 0, "Yếu": 0},
        "Khối xã, đặc khu": {"Xuất sắc": 1, "Tốt": 0, "Khá": 1, "Trung bình": 1, "Yếu": 1},
    }


def test_the_weakest_units_are_named_per_block():
    out = blocks.with_blocks(units(), BY_TYPE)
    weakest = blocks.weakest_per_block(out, measures.lost_criteria(scores()), 2)
    assert {b: list(w["name"]) for b, w in weakest.items()} == {
        "Khối phường": ["Cát Lộc", "Bắc Sơn"],
        "Khối xã, đặc khu": ["Kim Sơn", "Hạ Long"],
    }
    assert list(weakest["Khối phường"]["block_rank"]) == [3, 2]


def test_the_change_of_rank_is_compared_within_the_same_block():
    # 2024: phường Bắc Sơn 9 (1), An Bình 8 (2); xã Đông Hải 9 (1), Hạ Long 8 (2), Cát Lộc 7 (3, then a xã),
    # Gia Lâm 6 (4); Kim Sơn absent.
    before_totals = {"An Bình": (4, 4), "Bắc Sơn": (4.5, 4.5), "Cát Lộc": (3.5, 3.5), "Đông Hải": (4.5, 4.5)}
    before_totals |= {"Gia Lâm": (3, 3), "Hạ Long": (4, 4)}
    before_types = {"An Bình": "phường", "Bắc Sơn": "phường", "Hạ Long": "đặc khu"}
    previous = blocks.with_blocks(units(before_totals, before_types, 2024), BY_TYPE)
    out = blocks.with_previous_block_ranks(blocks.with_blocks(units(), BY_TYPE), previous)
    change = {n: (None if pd.isna(c) else int(c)) for n, c in by_name(out, "block_rank_change").items()}
    assert change == {
        "An Bình": 1,  # 2 -> 1
        "Bắc Sơn": -1,  # 1 -> 2
        "Cát Lộc": None,  # a xã last year: another block
        "Đông Hải": 0,
        "Gia Lâm": 2,  # 4 -> 2
        "Hạ Long": -1,  # 2 -> 3
        "Kim Sơn": None,  # new
    }


def test_blocks_by_named_lists_and_their_errors_name_the_file_and_the_key():
    named = Settings(
        file="Tỉnh Thử/report.toml",
        blocks=(
            Block("Nhóm 1", units=("Phường An Bình", "Bắc Sơn", "Cát Lộc", "Đông Hải", "Vĩnh Yên")),
            Block("Nhóm 2", units=("Đông Hải", "Gia Lâm", "Hạ Long")),
        ),
    )
    problems = ProblemLog()
    out = blocks.with_blocks(units(), named, problems)
    found = [(p.rule, p.file, p.text()) for p in problems.errors]
    file = "Tỉnh Thử/report.toml"
    assert found == [
        (
            "settings-block-unknown-unit",
            file,
            "key 'block[1].units': block 'Nhóm 1' names unit 'Vĩnh Yên', which is not in this year's sheets",
        ),
        ("settings-unit-two-blocks", file, "key 'block[2]': unit 'Đông Hải' is in two blocks, 'Nhóm 1' and 'Nhóm 2'"),
        ("settings-unit-no-block", file, "key 'block': unit 'Kim Sơn' is in no block; add it to one"),
    ]
    assert by_name(out, "block")["An Bình"] == "Nhóm 1"  # "Phường An Bình": the type prefix is ignored


def test_the_summary_of_blocks_and_of_the_body():
    out = blocks.with_blocks(units(), BY_TYPE)
    assert summary.body(body_of("Tỉnh Thử", out["unit_type"], BY_TYPE)) == {
        "level": "province",
        "name": "Thử",
        "kind": "tỉnh",
        "units": "communes",
    }
    ha_long = out.set_index("name").loc["Hạ Long"]
    assert (ha_long.unit_type, ha_long.block, ha_long.block_rank, ha_long.block_size, ha_long.grade) == (
        "đặc khu",
        "Khối xã, đặc khu",
        3,
        4,
        "Trung bình",
    )
    # phường (9 + 8 + 7) / 3 = 8; xã (9 + 7,5 + 6 + 4,5) / 4 = 6,75
    assert [(b["name"], b["n_units"], b["mean_total"]) for b in summary.blocks(out)] == [
        ("Khối phường", 3, 8.0),
        ("Khối xã, đặc khu", 4, 6.75),
    ]
    # blocks follow the order given (the settings'), not the order their units happen to come in
    reordered = summary.blocks(out, ["Khối xã, đặc khu", "Khối phường"])
    assert [b["name"] for b in reordered] == ["Khối xã, đặc khu", "Khối phường"]
    no_blocks = blocks.with_blocks(units(), Settings())
    assert [b["name"] for b in summary.blocks(no_blocks, [""])] == [None]


# ---------------------------------------------------------------- settings read with the sheets


def group_year(tmp_path, toml: str | None, grid) -> layout.DistrictYear:
    folder = tmp_path / "Tỉnh Thử" / "2025"
    published.write(folder, "xlsx", grid)
    if toml is not None:
        (folder.parent / "report.toml").write_text(toml, encoding="utf-8")
    return layout.DistrictYear("Tỉnh Thử", 2025, folder)


BLOCK_GRID = [
    ["STT", "Xã, phường, đặc khu", "Điểm thẩm định (65)", "ĐTXHH (35)", "Tổng điểm (100)", "Xếp hạng"],
    ["I", "KHỐI PHƯỜNG", None, None, None, None],
    [1, "Phường An Bình", "60", "30", "90", 1],
    [2, "Phường Tân Phú", "55", "30", "85", 2],
    ["II", "KHỐI XÃ, ĐẶC KHU", None, None, None, None],
    [1, "Xã Hòa Bình", "50", "30", "80", 2],
    [2, "Đặc khu Cát Hải", "58", "30", "88", 1],
]
BLOCKS_TOML = """
[[block]]
name = "Khối phường"
types = ["phường"]

[[block]]
name = "Khối xã, đặc khu"
types = ["xã", "đặc khu"]
"""


def tidy(dy):
    problems = ProblemLog()
    return clean.tidy(dy, ingest.read_folder(dy.folder, problems), problems), problems


def test_published_ranks_within_blocks_are_reproduced_with_the_settings_blocks(tmp_path):
    _, problems = tidy(group_year(tmp_path, BLOCKS_TOML, BLOCK_GRID))
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule != "fix-text-numbers"] == []


@pytest.mark.parametrize(
    "toml, rule, key",
    [
        ("[grades]\ntot = 95\n", "settings-threshold-order", "grades"),
        ('[body]\nlevle = "province"\n', "settings-unknown-key", "body.levle"),
        (
            '[[block]]\nname = "A"\nunits = ["An Bình", "Tân Phú", "Hòa Bình", "Cát Hải", "Vĩnh Yên"]\n',
            "settings-block-unknown-unit",
            "block[1].units",
        ),
        (  # a unit two lists name (a unit one list names is in that block, not in the block of its type)
            BLOCKS_TOML + '[[block]]\nname = "B"\nunits = ["Hòa Bình"]\n[[block]]\nname = "C"\nunits = ["Hòa Bình"]\n',
            "settings-unit-two-blocks",
            "block[4]",
        ),
    ],
)
def test_bad_settings_stop_that_group_with_an_error_naming_the_file_and_the_key(tmp_path, toml, rule, key):
    dy = group_year(tmp_path, toml, BLOCK_GRID)
    _, problems = tidy(dy)
    [error] = problems.errors
    assert (error.rule, error.file, error.params["key"]) == (rule, "Tỉnh Thử/report.toml", key)
    with pytest.raises(DataError):
        store.prepare(dy, tmp_path / "processed")
    assert not (tmp_path / "processed" / dy.slug / "2025").exists()  # nothing built for that group
