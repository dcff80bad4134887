"""Analysis on tiny hand-made tidy tables; every expected number is worked out in the comments."""

import pandas as pd
import pytest

from pipeline.model import analysis, measures
from pipeline.write import summary
from tests.helpers.tables import DETAIL, fields_only, with_not_applicable


def test_tied_scores_share_rank_and_the_next_rank_is_skipped():
    totals = pd.Series({"A": 9.0, "B": 8.0, "C": 8.0, "D": 7.0})
    assert measures.competition_rank(totals).to_dict() == {"A": 1, "B": 2, "C": 2, "D": 4}


def test_totals_tie_when_equal_to_two_decimals():
    totals = pd.Series({"A": 8.004, "B": 8.0, "C": 7.996})  # all 8.00 once rounded
    assert measures.competition_rank(totals).to_dict() == {"A": 1, "B": 1, "C": 1}


def test_units_table_totals_ranks_and_full_marks():
    units = measures.units_table(DETAIL).set_index("name")
    assert units["total"].to_dict() == {"Bình Minh": 9.0, "An Bình": 8.0, "Cát Lộc": 8.0}
    assert units["rank"].to_dict() == {"Bình Minh": 1, "An Bình": 2, "Cát Lộc": 2}
    assert units.loc["An Bình", "index_pct"] == 80.0
    # full marks: Bình Minh field II only (1/2 fields); criteria 1.2 and 2.1 (2/3)
    assert (units.loc["Bình Minh", "fields_full"], units.loc["Bình Minh", "criteria_full"]) == (1, 2)
    # Cát Lộc: field I (1/2), criteria 1.1 and 1.2 (2/3)
    assert (units.loc["Cát Lộc", "fields_full"], units.loc["Cát Lộc", "criteria_full"]) == (1, 2)
    assert units["n_criteria"].to_dict() == {"Bình Minh": 3, "An Bình": 3, "Cát Lộc": 3}


def test_previous_rank_matches_names_across_spellings_and_is_empty_for_new_units():
    current = fields_only({"Mường So": (5, 4), "Bản Lang": (4, 4), "Nậm Xe": (3, 3)})
    previous = fields_only({"MƯỜNG SO": (3, 3), "Bản Lang": (5, 5)}, year=2022)
    units = measures.units_table(current, previous).set_index("name")
    # 2022: Bản Lang 10 (1st), Mường So 6 (2nd); Nậm Xe did not exist
    assert units.loc["Mường So", "prev_rank"] == 2 and units.loc["Mường So", "rank"] == 1
    assert units.loc["Mường So", "rank_change"] == 1
    assert units.loc["Bản Lang", "prev_rank"] == 1 and units.loc["Bản Lang", "rank_change"] == -1
    assert pd.isna(units.loc["Nậm Xe", "prev_rank"])


def test_without_previous_year_every_previous_rank_is_empty():
    units = measures.units_table(DETAIL)
    assert units["prev_rank"].isna().all()


def test_field_statistics():
    stats = measures.field_stats(DETAIL).set_index("code")
    # field 1: 4, 4, 5 -> mean 4.33; best Cát Lộc 5 (= max: 1 unit at full marks); worst An Bình, Bình Minh 4
    assert stats.loc["1", "mean"] == 4.33
    assert stats.loc["1", "best_units"] == ["Cát Lộc"] and stats.loc["1", "n_full"] == 1
    assert stats.loc["1", "worst_units"] == ["An Bình", "Bình Minh"] and stats.loc["1", "worst_score"] == 4
    # field 2: 4, 5, 3 -> mean 4.0; 1 criterion with 2 sub-criteria
    assert stats.loc["2", "mean"] == 4.0
    assert (stats.loc["2", "n_criteria"], stats.loc["2", "n_subcriteria"]) == (1, 2)


def test_lost_criteria_sum_subcriteria_and_gather_their_reasons():
    lost = measures.lost_criteria(DETAIL)
    cat_loc = lost[lost["unit"] == "Cát Lộc"].iloc[0]
    assert (cat_loc["code"], cat_loc["points_lost"]) == ("2.1", 2.0)  # a lost 1 + b lost 1
    assert cat_loc["reasons"] == ["Niêm yết thiếu", "Thiếu cập nhật"]
    assert sorted(zip(lost["unit"], lost["code"], strict=True)) == [
        ("An Bình", "1.2"),
        ("An Bình", "2.1"),
        ("Bình Minh", "1.1"),
        ("Cát Lộc", "2.1"),
    ]


def test_weakest_units_include_ties_with_their_causes():
    units = measures.units_table(DETAIL)
    weakest = measures.weakest_units(units, measures.lost_criteria(DETAIL), n=1)
    # the single weakest total is 8, shared by An Bình and Cát Lộc
    assert list(weakest["name"]) == ["An Bình", "Cát Lộc"]
    an_binh = weakest.iloc[0]["causes"]
    assert [(c["code"], c["points_lost"], c["reason"]) for c in an_binh] == [
        ("1.2", 1.0, "Báo cáo chậm"),
        ("2.1", 1.0, "Thiếu cập nhật"),
    ]


def test_top_lost_criteria_most_points_first_with_units_and_reasons():
    top = measures.top_lost_criteria(measures.lost_criteria(DETAIL))
    # 2.1: An Bình 1 + Cát Lộc 2 = 3 points, 2 units; "Thiếu cập nhật" twice, "Niêm yết thiếu" once
    first = top.iloc[0]
    assert (first["code"], first["points_lost"], first["units_affected"]) == ("2.1", 3.0, 2)
    assert first["reasons"] == ["Thiếu cập nhật", "Niêm yết thiếu"]
    assert list(top["code"]) == ["2.1", "1.1", "1.2"]  # then 1 point each, by code


def test_self_assessment_gaps_largest_first():
    gaps = measures.self_assessment_gaps(DETAIL)
    # self totals 10, 10, 8 against 8, 9, 8
    assert list(zip(gaps["name"], gaps["gap"], strict=True)) == [("An Bình", 2.0), ("Bình Minh", 1.0), ("Cát Lộc", 0.0)]


def test_summary_sheets_have_no_criteria_and_no_causes():
    data = fields_only({"Đông": (4.5, 4), "Tây": (5, 4.25), "Nam": (3, 5)})
    data_json = summary.of(analysis.analyse(data, weakest_n=1))
    assert data_json["has_criteria"] is False and data_json["top_lost_criteria"] == []
    # one ranking: no block, the rank inside it is the rank
    assert data_json["weakest_units"] == [
        {"name": "Nam", "total": 8.0, "rank": 3, "block": None, "block_rank": 3, "causes": []}
    ]
    assert [u["name"] for u in data_json["units"]] == ["Tây", "Đông", "Nam"]


def test_analysis_does_not_modify_its_input():
    before = DETAIL.copy(deep=True)
    analysis.analyse(DETAIL, fields_only({"An Bình": (5, 5)}, year=2022))
    pd.testing.assert_frame_equal(DETAIL, before)


@pytest.mark.parametrize("n", [0, 5])
def test_weakest_count_edges(n):
    units = measures.units_table(DETAIL)
    weakest = measures.weakest_units(units, measures.lost_criteria(DETAIL), n=n)
    assert len(weakest) == (0 if n == 0 else 3)


def test_a_reduced_maximum_ranks_units_on_the_index_not_on_points():
    a = analysis.analyse(with_not_applicable())
    assert a.uses_index
    units = a.units.set_index("name")
    assert units["index_pct"].to_dict() == {"An Bình": 93.75, "Bình Minh": 87.0, "Cát Lộc": 85.0}
    assert units["rank"].to_dict() == {"An Bình": 1, "Bình Minh": 2, "Cát Lộc": 3}
    assert list(a.units["name"]) == ["An Bình", "Bình Minh", "Cát Lộc"]
    assert a.mean == 88.58  # (93.75 + 87 + 85) / 3 = 88.583
    assert list(a.weakest["name"]) == ["Cát Lộc", "Bình Minh", "An Bình"]
    [na] = a.not_applicable.itertuples()
    assert (na.unit, na.code, na.max) == ("An Bình", "2.2", 2.0)


def test_field_scores_are_compared_against_the_applicable_field_maximum():
    a = analysis.analyse(with_not_applicable())
    field = a.fields.set_index("code").loc["2"]
    # An Bình 3 of an applicable 3 is full marks (5 of 5 once scaled); Bình Minh 4.2, Cát Lộc 3.5
    assert a.field_max.at["An Bình", "2"] == 3.0 and a.field_values.at["An Bình", "2"] == 5.0
    assert field["reduced"] and field["n_full"] == 1 and field["best_units"] == ["An Bình"]
    assert field["mean"] == 4.23  # (5 + 4.2 + 3.5) / 3
    assert field["lowest_units"] == ["Cát Lộc", "Bình Minh"]  # never An Bình, on full marks


def test_equal_maxima_keep_points():
    a = analysis.analyse(DETAIL)
    assert not a.uses_index and a.units["value"].tolist() == a.units["total"].tolist()


def test_lowest_named_units_are_two_or_three_below_full_marks_and_ties_do_not_swell_the_list():
    scores = pd.Series({"A": 10.0, "B": 9.0, "C": 7.0, "D": 8.0, "E": 10.0})
    assert measures.lowest_units(scores, 10) == ["C", "D", "B"]
    # five units tie at the third lowest score: only the two strictly below are named
    ties = pd.Series({"A": 5.0, "B": 6.0, "C": 7.0, "D": 7.0, "E": 7.0, "F": 7.0, "G": 7.0})
    assert measures.lowest_units(ties, 10) == ["A", "B"]
    # everyone below full marks ties: all of them, the lowest score being shared
    assert measures.lowest_units(pd.Series({"B": 5.0, "A": 5.0, "C": 10.0}), 10) == ["A", "B"]
    assert measures.lowest_units(pd.Series({"A": 10.0}), 10) == []


def test_losses_name_every_unit_largest_loss_first():
    top = measures.top_lost_criteria(measures.lost_criteria(DETAIL))
    first = top.iloc[0]  # 2.1: Cát Lộc lost 2 (a 1 + b 1), An Bình 1
    assert first["units"] == ["Cát Lộc", "An Bình"] and first["unit_points"] == [2.0, 1.0]


def test_self_assessment_summary_counts_units_marked_down():
    # self totals 10, 10, 8 against 8, 9, 8: two marked down; means 9.33 against 8.33
    assert measures.self_assessment(measures.units_table(DETAIL)) == {
        "n_units": 3,
        "n_marked_down": 2,
        "mean_self": 9.33,
        "mean_total": 8.33,
    }


def test_summary_sheets_name_each_weak_units_weakest_fields():
    data = fields_only({"Đông": (4.5, 4), "Tây": (5, 4.25), "Nam": (3, 5)})
    # Nam: field 1 lost 2 of 5 (40%), field 2 nothing lost
    [nam] = analysis.analyse(data, weakest_n=1).weakest.itertuples()
    assert [(f["code"], f["score"], f["max"]) for f in nam.weak_fields] == [("1", 3.0, 5.0)]


def test_a_unit_is_matched_with_last_year_by_its_type_and_its_name():
    # 2024: xã Tân Phú 5 + 5 = 10 (1st), Bắc Sơn 4 + 4 = 8 (2nd). 2025 a phường Tân Phú joins, so this year's
    # table names both by their labels: phường Tân Phú 3 + 3 = 6 (3rd), xã Tân Phú 4 + 4 = 8, Bắc Sơn 5 + 4 = 9.
    before = fields_only({"Tân Phú": (5, 5), "Bắc Sơn": (4, 4)}, 2024).assign(unit_type="xã")
    now = fields_only({"phường Tân Phú": (3, 3), "xã Tân Phú": (4, 4), "Bắc Sơn": (5, 4)}, 2025)
    now = now.assign(unit_type=now["unit"].map(lambda u: "phường" if u.startswith("phường") else "xã"))
    a = analysis.analyse(now, before)
    got = {u.name: (u.rank, u.prev_rank, u.value_change) for u in a.units.itertuples()}
    assert got["xã Tân Phú"] == (2, 1, -2.0) and got["Bắc Sơn"] == (1, 2, 1.0)
    assert got["phường Tân Phú"][0] == 3 and pd.isna(got["phường Tân Phú"][1])  # new: no last year
    assert a.prev_field_scores.loc["xã Tân Phú"].tolist() == [5.0, 5.0]
    assert a.prev_field_scores.loc["phường Tân Phú"].isna().all()
