"""Every year of the data (model/history.py), on hand-made ranked tables: four xã in one ranking.

    value   2020          2021      2022      2023
    A       (W X Y, A)    90 (1)    88 (1=)   91 (1)
    B                     70 (3)    88 (1=)   86 (2)
    C                     85 (2)    75 (3)    79 (4)
    D                     60 (4)    72 (4)    80 (3)

2020 had other units (W, X, Y and an A): 3 of 2021's 4 units have no counterpart, a reorganisation, so
the history starts in 2021.
"""

import pandas as pd

from pipeline.model import history

GRADES = {90: "Xuất sắc", 80: "Tốt", 70: "Khá", 0: "Trung bình"}


def grade(v: float) -> str:
    return next(g for bound, g in GRADES.items() if v >= bound)


def year(values: dict[str, float], ranks: dict[str, int], block: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": n,
                "unit_type": "xã",
                "total": v,
                "index_pct": v,
                "value": v,
                "block": block,
                "block_rank": ranks[n],
                "block_size": len(values),
                "grade": grade(v),
            }
            for n, v in values.items()
        ]
    )


YEARS = {
    2020: year({"A": 80, "W": 70, "X": 60, "Y": 50}, {"A": 1, "W": 2, "X": 3, "Y": 4}),
    2021: year({"A": 90, "B": 70, "C": 85, "D": 60}, {"A": 1, "C": 2, "B": 3, "D": 4}),
    2022: year({"A": 88, "B": 88, "C": 75, "D": 72}, {"A": 1, "B": 1, "C": 3, "D": 4}),
    2023: year({"A": 91, "B": 86, "C": 79, "D": 80}, {"A": 1, "B": 2, "D": 3, "C": 4}),
}


def test_the_history_starts_anew_after_a_reorganisation():
    assert history.comparable_years(YEARS) == [2021, 2022, 2023]
    hist = history.history(YEARS)
    assert 2020 not in set(hist["year"])  # A had a 2020 row of the same name: not compared across


def test_a_unit_s_history_over_three_years_with_a_tie():
    hist = history.history(YEARS)
    assert history.by_unit(hist)["B"] == [
        {"year": 2021, "total": 70.0, "index_pct": 70.0, "block_rank": 3, "block_size": 4, "grade": "Khá"},
        {"year": 2022, "total": 88.0, "index_pct": 88.0, "block_rank": 1, "block_size": 4, "grade": "Tốt"},
        {"year": 2023, "total": 86.0, "index_pct": 86.0, "block_rank": 2, "block_size": 4, "grade": "Tốt"},
    ]


def test_every_unit_s_history_at_once_is_each_unit_s_own():
    hist = history.history(YEARS)
    every = history.by_unit(hist)
    assert set(every) == set(hist["name"])
    assert [y["year"] for y in every["B"]] == [2021, 2022, 2023]  # oldest first
    assert history.by_unit(None) == {}


def test_weak_two_and_three_years_running():
    # the 2 weakest: 2021 D, B; 2022 D, C; 2023 C, D. D three years, C two (2022-2023), B one (2021 only)
    found = history.persistent_weakest(YEARS, 2)
    assert [(p.name, p.years) for p in found] == [("D", (2021, 2022, 2023)), ("C", (2022, 2023))]
    # the weakest alone: D in 2021 and 2022, C in 2023: nobody two years running up to 2023
    assert history.persistent_weakest(YEARS, 1) == []


def test_a_gap_in_the_years_breaks_the_run():
    gapped = {y: YEARS[y] for y in (2021, 2023)}
    assert [p.name for p in history.persistent_weakest(gapped, 2)] == []


def test_the_mean_s_trend_over_the_comparable_years():
    trend = history.mean_trend(YEARS)
    # 2021 (90+70+85+60)/4 = 76,25; 2022 (88+88+75+72)/4 = 80,75; 2023 (91+86+79+80)/4 = 84
    assert list(zip(trend["year"], trend["mean"], strict=True)) == [(2021, 76.25), (2022, 80.75), (2023, 84.0)]


def test_the_biggest_risers_and_fallers_over_the_period():
    rising, falling = history.movers(history.history(YEARS), 5)
    # 2021 -> 2023: D +20, B +16, A +1; C -6
    assert [(m.name, m.change) for m in rising] == [("D", 20.0), ("B", 16.0), ("A", 1.0)]
    assert [(m.name, m.change) for m in falling] == [("C", -6.0)]


def test_weakness_is_within_each_block():
    # two blocks of two: P is the weaker of block 1 and R of block 2, both years
    y1 = pd.concat([year({"P": 90, "Q": 95}, {"P": 2, "Q": 1}, "1"), year({"R": 60, "S": 70}, {"R": 2, "S": 1}, "2")])
    y2 = pd.concat([year({"P": 91, "Q": 92}, {"P": 2, "Q": 1}, "1"), year({"R": 61, "S": 71}, {"R": 2, "S": 1}, "2")])
    found = history.persistent_weakest({2022: y1, 2023: y2}, 1)
    assert sorted((p.name, p.block) for p in found) == [("P", "1"), ("R", "2")]
