import pandas as pd
import pytest

from pipeline import narrative


@pytest.mark.parametrize(("value", "text"), [(11.24, "11,24"), (8.0, "8"), (9.5, "9,5"), (89.769, "89,77"),
                                             (1234.5, "1.234,5")])
def test_numbers_in_vietnamese_style(value, text):
    assert narrative.num(value) == text


def test_score_and_percent():
    assert narrative.score_of(11.24, 15) == "11,24/15"
    assert narrative.pct(99.36) == "99,36%"


@pytest.mark.parametrize(("rank", "prev", "text"), [
    (4, 7, "tăng 3 bậc so với năm 2022"),
    (7, 5, "giảm 2 bậc so với năm 2022"),
    (3, 3, "giữ nguyên thứ hạng so với năm 2022"),
    (3, None, "không có dữ liệu năm 2022"),
    (3, pd.NA, "không có dữ liệu năm 2022"),
])
def test_rank_change_wording(rank, prev, text):
    assert narrative.rank_change(rank, prev, 2022) == text


def test_field_paragraph_reads_like_the_council_report():
    field = pd.Series({"name": "Cải cách thể chế", "n_criteria": 2, "n_subcriteria": 0, "max": 10.0,
                       "mean": 6.92, "n_units": 3, "n_full": 1, "best_units": ["Tung Qua Lìn"], "best_score": 10.0,
                       "worst_units": ["Mù Sang", "Đào San"], "worst_score": 5.0})
    scores = pd.Series({"Tung Qua Lìn": 10.0, "Mù Sang": 5.0, "Đào San": 5.0})
    labels = {"Tung Qua Lìn": "xã Tung Qua Lìn", "Mù Sang": "xã Mù Sang", "Đào San": "xã Đào San"}
    text = narrative.field_paragraph(field, 2023, labels, scores, has_criteria=True)
    assert text == (
        "Năm 2023, lĩnh vực Cải cách thể chế được đánh giá qua 02 tiêu chí với điểm tối đa là 10 điểm. "
        "Chỉ số điểm trung bình các đơn vị đạt 6,92/10 điểm. Trong đó, có 1/3 đơn vị đạt từ 8 điểm trở lên, "
        "1/3 đơn vị đạt điểm tối đa; cao nhất là xã Tung Qua Lìn với 10 điểm; thấp nhất là xã Mù Sang và "
        "xã Đào San với 5 điểm."
    )
