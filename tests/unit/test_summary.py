"""summary.json is written in one place (pipeline/write/summary.py), and README's "summary.json" table lists
exactly the keys it writes: at the top level, and in each unit's record."""

import re

from pipeline.build import outputs
from pipeline.model import analysis
from pipeline.write import summary
from tests.helpers import ROOT
from tests.helpers.tables import DETAIL, fields_only


def readme_table() -> dict[str, str]:
    """README's summary.json table: each row's keys (the backticked names of its first cell) -> its content."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## summary.json\n") : text.index("## Project layout")]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            for key in re.findall(r"`([^`]+)`", cells[0]):
                rows[key] = cells[1]
    return rows


def written() -> dict:
    a = analysis.analyse(DETAIL, weakest_n=1)
    return summary.of(a, outputs.files(outputs.FORMATS), unit_documents=True, generated_at="2026-12-04T00:00:00+00:00")


def test_the_readme_lists_every_top_level_key_summary_json_has_and_no_other():
    assert set(readme_table()) == set(written())


def top_level(text: str) -> str:
    """The text without what brackets nest ({…}, […]): a record's own keys, not those of its values."""
    while (shorter := re.sub(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}", "", text)) != text:
        text = shorter
    return text


def test_the_readme_lists_every_key_of_a_units_record_and_no_other():
    listed = re.findall(r"`([^`]+)`", top_level(readme_table()["units"]))
    [first, *_] = written()["units"]
    assert set(listed) == set(first) == set(summary.UNIT_KEYS)


def test_the_build_writes_the_files_the_registry_made_and_the_units_documents():
    data = written()
    assert data["files"]["units"] == "units" and "summary" not in data["files"]  # it does not list itself
    assert set(data["unit_documents"]) == {u["name"] for u in data["units"]}
    assert all(stem.startswith("units/") for stem in data["unit_documents"].values())


def test_each_unit_s_next_grade_and_recovery_hand_worked():
    # DETAIL, out of 10. An Bình 8 (80%, Tốt): Xuất sắc needs 9, so 1,00 point, 10 index points; it lost
    # 1 on 1.2 and 1 on 2.1: by points lost, then code, 1.2 reaches it. Bình Minh 9 (90%) is at the top:
    # no next grade, and 1.1 (1 point) is what still lost points.
    units = {u["name"]: u for u in written()["units"]}
    assert units["An Bình"]["next_grade"] == {
        "grade": "Xuất sắc",
        "points_needed": 1.0,
        "index_needed": 10.0,
        "blocked_by_field": [],
    }
    assert [(r["code"], r["cumulative"], r["reaches"]) for r in units["An Bình"]["recovery"]] == [
        ("1.2", 1.0, True),
        ("2.1", 2.0, False),
    ]
    assert units["Bình Minh"]["next_grade"] is None
    assert [(r["code"], r["reaches"]) for r in units["Bình Minh"]["recovery"]] == [("1.1", False)]


def test_three_years_of_history_with_a_tie_and_who_stays_weakest():
    # out of 10:  2021 A 10, B 8, C 6 | 2022 A 8, B 8, C 9 (A and B tie 2nd) | 2023 A 9, B 6, C 8
    # weakest (1, ties included): 2021 C; 2022 A and B; 2023 B: B two years running
    years = {
        2021: fields_only({"A": (5, 5), "B": (4, 4), "C": (3, 3)}, 2021),
        2022: fields_only({"A": (4, 4), "B": (4, 4), "C": (5, 4)}, 2022),
        2023: fields_only({"A": (5, 4), "B": (3, 3), "C": (4, 4)}, 2023),
    }
    a = analysis.analyse(years[2023], years[2022], weakest_n=1, earlier={2021: years[2021], 2022: years[2022]})
    data = summary.of(a, {}, generated_at="2026-12-04T00:00:00+00:00")
    b = next(u for u in data["units"] if u["name"] == "B")
    assert b["history"] == [
        {"year": 2021, "total": 8.0, "index_pct": 80.0, "block_rank": 2, "block_size": 3, "grade": "Tốt"},
        {"year": 2022, "total": 8.0, "index_pct": 80.0, "block_rank": 2, "block_size": 3, "grade": "Tốt"},
        {"year": 2023, "total": 6.0, "index_pct": 60.0, "block_rank": 3, "block_size": 3, "grade": "Trung bình"},
    ]
    assert data["persistent_weakest"] == [{"name": "B", "type": "xã", "block": None, "years": [2022, 2023]}]
    # (10 + 8 + 6) / 3 = 8; (8 + 8 + 9) / 3 = 8,33; (9 + 6 + 8) / 3 = 7,67
    assert [(t["year"], t["mean"]) for t in data["mean_trend"]] == [(2021, 8.0), (2022, 8.33), (2023, 7.67)]
