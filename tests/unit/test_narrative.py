import pandas as pd
import pytest

from pipeline import narrative, text


@pytest.mark.parametrize(
    ("value", "written"), [(11.24, "11,24"), (8.0, "8"), (9.5, "9,5"), (89.769, "89,77"), (1234.5, "1.234,5")]
)
def test_numbers_in_vietnamese_style(value, written):
    assert text.num(value) == written


def test_score_and_percent():
    assert text.score_of(11.24, 15) == "11,24/15"
    assert text.pct(99.36) == "99,36%"


@pytest.mark.parametrize(
    ("rank", "prev", "text"),
    [
        (4, 7, "tăng 3 bậc so với năm 2022"),
        (7, 5, "giảm 2 bậc so với năm 2022"),
        (3, 3, "giữ nguyên thứ hạng so với năm 2022"),
        (3, None, "không có dữ liệu năm 2022"),
        (3, pd.NA, "không có dữ liệu năm 2022"),
    ],
)
def test_rank_change_wording(rank, prev, text):
    assert narrative.rank_change(rank, prev, 2022) == text


def test_field_paragraph_reads_like_the_council_report():
    field = pd.Series(
        {
            "name": "Cải cách thể chế",
            "n_criteria": 2,
            "n_subcriteria": 0,
            "max": 10.0,
            "mean": 6.92,
            "n_units": 3,
            "n_full": 1,
            "best_units": ["Tung Qua Lìn"],
            "best_score": 10.0,
            "worst_units": ["Mù Sang", "Đào San"],
            "worst_score": 5.0,
        }
    )
    scores = pd.Series({"Tung Qua Lìn": 10.0, "Mù Sang": 5.0, "Đào San": 5.0})
    labels = {"Tung Qua Lìn": "xã Tung Qua Lìn", "Mù Sang": "xã Mù Sang", "Đào San": "xã Đào San"}
    text = narrative.field_paragraph(field, 2023, labels, scores, has_criteria=True)
    # bands of a maximum of 10: from 8 (80%): Tung Qua Lìn; 6 to under 8: none; under 6: the other two
    assert text == (
        "Năm 2023, lĩnh vực Cải cách thể chế được đánh giá qua 02 tiêu chí với điểm tối đa là 10 điểm. "
        "Chỉ số điểm trung bình các đơn vị đạt 6,92/10 điểm. Trong đó, có 01/3 đơn vị đạt từ 8 điểm trở lên, "
        "02/3 đơn vị dưới 6 điểm; 01/3 đơn vị đạt điểm tối đa; cao nhất là xã Tung Qua Lìn với 10 điểm; "
        "thấp nhất là xã Mù Sang và xã Đào San với 5 điểm."
    )


def test_score_bands_as_the_council_counts_them():
    # maximum 15: from 12 (80%): 14, 13, 12; from 9 (60%) to under 12: 9.5, 9; under 9: 8
    scores = pd.Series([14, 13, 12, 9.5, 9, 8])
    assert narrative.bands(scores, 15) == (
        "03/6 đơn vị đạt từ 12 điểm trở lên, 02/6 đơn vị từ 9 đến dưới 12 điểm, 01/6 đơn vị dưới 9 điểm"
    )


def test_unit_headline_opens_the_remediation_plan_like_seed_002():
    unit = pd.Series(
        {
            "total": 91.84,
            "max": 100.0,
            "index_pct": 91.84,
            "rank": 7,
            "prev_rank": 5,
            "criteria_full": 40,
            "n_criteria": 48,
            "fields_full": 3,
            "n_fields": 8,
        }
    )
    assert narrative.unit_headline(unit, "thị trấn Phú Mỹ", 10, 2022, has_criteria=True) == (
        "Thị trấn Phú Mỹ đạt 91,84/100 điểm (91,84%), xếp thứ 7/10, giảm 2 bậc so với năm 2022; "
        "40/48 tiêu chí và 3/8 lĩnh vực đạt điểm tối đa."
    )
    assert narrative.unit_headline(unit, "xã A", 10, None, has_criteria=False) == (
        "Xã A đạt 91,84/100 điểm (91,84%), xếp thứ 7/10; 3/8 lĩnh vực đạt điểm tối đa."
    )
