"""outputs/index.html's rows, from hand-written summaries."""

import json
from pathlib import Path

from pipeline.build import outputs
from pipeline.write import site


def summary(**changes) -> dict:
    base = {
        "district": "Phong Thổ",
        "year": 2023,
        "n_units": 3,
        "has_criteria": True,
        "mean_total": 88.9,
        "mean": 88.9,
        "compared_on": "points",
        "mean_change": 0.36,
        "units": [
            {"name": "Phong Thổ", "type": "thị trấn", "total": 98.59, "value": 98.59, "rank": 1},
            {"name": "Bản Lang", "type": "xã", "total": 99.5, "value": 99.5, "rank": 1},
            {"name": "Sì Lở Lầu", "type": "xã", "total": 68.61, "value": 68.61, "rank": 3},
        ],
        "weakest_units": [{"name": "Sì Lở Lầu", "total": 68.61, "rank": 3}],
        "warnings": [],
    }
    return {**base, **changes}


def write(out: Path, *summaries: dict) -> str:
    for s in summaries:
        folder = out / s["district"].lower().replace(" ", "-") / str(s["year"])
        folder.mkdir(parents=True)
        (folder / "summary.json").write_text(json.dumps(s, ensure_ascii=False), encoding="utf-8")
    return site.write_index(out, outputs.links()).read_text(encoding="utf-8")


def test_a_row_gives_the_average_with_two_decimals_and_its_change_the_best_and_the_lowest(tmp_path):
    page = write(tmp_path, summary())
    assert '<td class="num">88,90 (+0,36)</td>' in page  # 88.9 written as the council writes averages
    assert "<td>thị trấn Phong Thổ (98,59); xã Bản Lang (99,50)</td>" in page  # both ranked 1 (a tie)
    assert "<td>xã Sì Lở Lầu (68,61)</td>" in page
    assert 'class="mark"' not in page  # nothing to flag


def test_more_than_three_units_tied_first_are_counted_not_listed(tmp_path):
    tied = [{"name": f"Xã {n}", "type": "xã", "total": 100.0, "value": 100.0, "rank": 1} for n in "ABCD"]
    page = write(tmp_path, summary(units=tied, weakest_units=[{"name": "Xã D", "total": 100.0, "rank": 1}]))
    assert "<td>04 đơn vị cùng đạt 100,00</td>" in page


def test_a_first_year_has_no_change_and_an_index_average_has_its_percent(tmp_path):
    page = write(tmp_path, summary(mean=91.1, compared_on="index", mean_change=None))
    assert '<td class="num">91,10%</td>' in page
    assert "<td>xã Sì Lở Lầu (68,61%)</td>" in page  # units on the index too


def test_field_totals_only_and_data_notes_are_marked(tmp_path):
    page = write(tmp_path, summary(has_criteria=False, warnings=["a", "b", "c"]))
    assert '<small class="mark">chỉ có điểm lĩnh vực</small>' in page
    assert '<small class="mark">03 ghi chú dữ liệu</small>' in page


def test_a_summary_from_before_these_keys_still_makes_its_row(tmp_path):
    old = summary()
    for key in ("mean", "compared_on", "mean_change", "has_criteria", "warnings"):
        del old[key]
    page = write(tmp_path, old)
    assert '<td class="num">88,90</td>' in page
