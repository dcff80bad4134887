"""A unit is its type and its name: a province with a phường and a xã Tân Phú (tests/helpers/same_names.py)
builds end to end, with two units everywhere and each compared with its own last year."""

import csv
import json

import pytest
from openpyxl import load_workbook

from tests.helpers import same_names
from tests.helpers.build import run_build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("same-names")
    raw = base / "data" / "raw"
    same_names.write(raw)
    result = run_build(raw, base / "data" / "processed", base / "out", "--formats", "html,units,annex", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    return base


def test_the_names_list_has_both_units_each_with_its_type(built):
    [path] = (built / "data" / "names").glob("*.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [(r["name"], r["type"]) for r in csv.DictReader(handle)]
    assert sorted(rows) == [("An Bình", "xã"), ("Bắc Sơn", "phường"), ("Tân Phú", "phường"), ("Tân Phú", "xã")]


def test_two_units_of_one_name_are_two_units_in_summary_json_with_their_own_last_year(built):
    summary = json.loads((built / "out" / "tinh-thu-nghiem" / "2025" / "summary.json").read_text(encoding="utf-8"))
    assert summary["warnings"] == []
    units = {u["name"]: u for u in summary["units"]}
    assert set(units) == {"phường Tân Phú", "xã Tân Phú", "Bắc Sơn", "An Bình"}
    # 2024 -> 2025, by hand (tests/helpers/same_names.py): phường Tân Phú 8 -> 10, 2nd -> 1st of Khối phường;
    # xã Tân Phú 10 -> 6, 1st -> 2nd of Khối xã. Matched by name alone they would swap their last years.
    got = {
        n: (u["type"], u["total"], u["block"], u["block_rank"], u["prev_block_rank"], u["value_change"])
        for n, u in units.items()
    }
    assert got == {
        "phường Tân Phú": ("phường", 10.0, "Khối phường", 1, 2, 2.0),
        "Bắc Sơn": ("phường", 8.0, "Khối phường", 2, 1, -1.0),
        "An Bình": ("xã", 9.0, "Khối xã", 1, 2, 3.0),
        "xã Tân Phú": ("xã", 6.0, "Khối xã", 2, 1, -4.0),
    }
    assert summary["unit_documents"] == {
        "phường Tân Phú": "units/phuong-tan-phu",
        "xã Tân Phú": "units/xa-tan-phu",
        "Bắc Sơn": "units/phuong-bac-son",
        "An Bình": "units/xa-an-binh",
    }


def test_each_unit_has_its_own_letter_and_annex_row(built):
    for year in (2024, 2025):
        folder = built / "out" / "tinh-thu-nghiem" / str(year)
        letters = sorted(p.name for p in (folder / "units").glob("*.html"))
        assert letters == ["phuong-bac-son.html", "phuong-tan-phu.html", "xa-an-binh.html", "xa-tan-phu.html"]
        phuong = (folder / "units" / "phuong-tan-phu.html").read_text(encoding="utf-8")
        xa = (folder / "units" / "xa-tan-phu.html").read_text(encoding="utf-8")
        assert "phường Tân Phú" in phuong and "xã Tân Phú" not in phuong
        assert "xã Tân Phú" in xa and "phường Tân Phú" not in xa
        sheet = load_workbook(folder / "annex.xlsx").active
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        assert sum("Tân Phú" in c for c in cells) == 2
        assert "phường phường" not in phuong + xa and "xã xã" not in phuong + xa
