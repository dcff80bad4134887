import pandas as pd
import pytest

from pipeline.core import text
from pipeline.write import narrative


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
            "mean": 6.67,
            "prev_mean": 6.17,
            "mean_change": 0.5,
            "n_units": 3,
            "n_full": 1,
            "lowest_units": ["Đào San", "Mù Sang"],
        }
    )
    values = pd.Series({"Tung Qua Lìn": 10.0, "Mù Sang": 5.0, "Đào San": 5.0})
    shown = {"Tung Qua Lìn": "10", "Mù Sang": "5", "Đào San": "5"}
    types = dict.fromkeys(values.index, "xã")
    text = narrative.field_paragraph(field, 2023, types, values, shown, True, "xã, thị trấn", 2022)
    # mean (10 + 5 + 5) / 3 = 6,67, last year 6,17: up 0,50; full marks first, then the bands of a
    # maximum of 10: from 8 (80%): 1; 6 to under 8: none; under 6: 2, the two lowest named once together
    assert text == (
        "Năm 2023, lĩnh vực Cải cách thể chế được đánh giá qua 02 tiêu chí với điểm tối đa là 10 điểm. "
        "Chỉ số điểm trung bình các xã, thị trấn đạt 6,67/10 điểm, tăng 0,50 điểm so với năm 2022 (6,17/10 điểm). "
        "Trong đó, 01/03 đơn vị đạt điểm tối đa 10/10 điểm (xã Tung Qua Lìn); 01/03 đơn vị đạt từ 8 điểm trở lên; "
        "02/03 đơn vị đạt dưới 6 điểm, thấp nhất là các xã Đào San, Mù Sang (cùng đạt 5 điểm)."
    )
    assert "mất" not in text.split() and "độ lệch chuẩn" not in text


def test_score_bands_as_the_council_counts_them():
    # maximum 15: from 12 (80%): 14, 13, 12; from 9 (60%) to under 12: 9.5, 9; under 9: 8
    scores = pd.Series([14, 13, 12, 9.5, 9, 8])
    assert narrative.bands(scores, 15) == (
        "03/06 đơn vị đạt từ 12 điểm trở lên; 02/06 đơn vị đạt từ 9 đến dưới 12 điểm; 01/06 đơn vị đạt dưới 9 điểm"
    )


def test_units_are_listed_town_first_then_in_vietnamese_order():
    types = {"Phong Thổ": "thị trấn", "Mường So": "xã", "Mù Sang": "xã", "Mồ Sì San": "xã"}
    assert narrative.units_phrase(["Mường So", "Phong Thổ", "Mù Sang", "Mồ Sì San"], types) == (
        "thị trấn Phong Thổ và các xã Mồ Sì San, Mù Sang, Mường So"
    )
    assert narrative.units_phrase(["Mù Sang"], types) == "xã Mù Sang"


def test_weakest_unit_sentence_quotes_the_reasons_and_says_bi_tru():
    unit = pd.Series(
        {
            "total": 68.63,
            "max": 100.0,
            "index_pct": 68.63,
            "rank": 17,
            "prev_rank": 14,
            "rank_change": -3,
            "value_change": -16.46,
            "causes": [
                {"name": "Dịch vụ công trực tuyến", "score": 0.0, "max": 6.0, "reason": "Tỷ lệ hồ sơ chưa đạt"},
                {"name": "Rà soát văn bản QPPL", "score": 2.5, "max": 5.0, "reason": None},
            ],
        }
    )
    assert narrative.weakest_sentence(unit, "xã Sì Lở Lầu", 17, 2022) == (
        "Xã Sì Lở Lầu đạt 68,63/100 điểm, xếp thứ 17/17, giảm 3 bậc, giảm 16,46 điểm so với năm 2022; "
        "bị trừ nhiều điểm nhất ở các tiêu chí: Dịch vụ công trực tuyến (0/6 điểm: tỷ lệ hồ sơ chưa đạt); "
        "Rà soát văn bản QPPL (2,5/5 điểm)."
    )


def test_a_report_from_field_totals_names_the_weak_units_weakest_fields():
    unit = pd.Series(
        {
            "total": 76.78,
            "max": 100.0,
            "index_pct": 76.78,
            "rank": 11,
            "causes": [],
            "weak_fields": [
                {"name": "Cải cách thủ tục hành chính", "score": 13.66, "max": 19.0},
                {"name": "Cải cách thể chế", "score": 7.5, "max": 10.0},
            ],
        }
    )
    assert narrative.weakest_sentence(unit, "xã Nậm Ban", 11) == (
        # ranked by share (F8): 13,66/19 = 71,89%, 7,5/10 = 75,00%; worded as the share, not as points lost
        "Xã Nậm Ban đạt 76,78/100 điểm, xếp thứ 11/11; có tỷ lệ điểm đạt thấp nhất ở lĩnh vực "
        "Cải cách thủ tục hành chính (13,66/19 điểm, 71,89%) và Cải cách thể chế (7,5/10 điểm, 75,00%)."
    )


def test_self_assessment_gap_in_one_sentence():
    summary = {"n_units": 17, "n_marked_down": 16, "mean_self": 96.13, "mean_total": 89.74}
    assert narrative.self_assessment_sentence(summary, 17, 5) == (
        "Qua thẩm định, điểm của 16/17 đơn vị bị điều chỉnh giảm so với điểm tự chấm (bình quân tự chấm "
        "96,13 điểm, thẩm định 89,74 điểm); 05 đơn vị có mức chênh lệch lớn nhất như sau:"
    )


def test_overview_names_the_lowest_units_and_uses_no_statistics_jargon():
    # totals 95, 90, 80, 70: mean 83,75; bands of 100: 80+ 3, 60-80 1; spread 25
    units = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "value": [95.0, 90.0, 80.0, 70.0],
            "full_max": [100.0] * 4,
            "rank": [1, 2, 3, 4],
        }
    )
    types = {"A": "thị trấn", "B": "xã", "C": "xã", "D": "xã"}
    text = narrative.overview_paragraph(units, 2023, types, False, 2022, 83.5, ["D", "C"])
    assert text == (
        "Năm 2023, Chỉ số CCHC bình quân của 04 xã, thị trấn đạt 83,75/100 điểm, tăng 0,25 điểm so với năm 2022 "
        "(83,50 điểm). Trong đó, 03/04 đơn vị đạt từ 80 điểm trở lên; 01/04 đơn vị đạt từ 60 đến dưới 80 điểm. "
        "Cao nhất là thị trấn A (95 điểm); thấp nhất là xã D (70 điểm) và xã C (80 điểm). "
        "Khoảng cách giữa đơn vị cao nhất và thấp nhất là 25,00 điểm."
    )


@pytest.mark.parametrize(("value", "written"), [(88.9, "88,90"), (9.5, "9,50"), (0.36, "0,36"), (1234.5, "1.234,50")])
def test_averages_and_differences_have_two_decimals(value, written):
    assert text.dec(value) == written


def test_counts_below_ten_have_a_leading_zero():
    assert text.count_of(3, 17) == "03/17" and text.count_of(5, 7) == "05/07"


def test_a_units_field_line_says_its_score_last_years_and_how_many_criteria_lost_points():
    assert narrative.unit_field_line(10.85, 12, 11, 2022, 2) == (
        "Đơn vị đạt 10,85/12 điểm (năm 2022: 11 điểm), có 02 tiêu chí chưa đạt:"
    )
    assert narrative.unit_field_line(8, 8, None, None, 0) == "Đơn vị đạt điểm tối đa 8/8 điểm."


def test_a_lost_criterion_reads_as_in_a_remediation_plan_with_every_reason():
    assert narrative.lost_item("2.1", "Công khai TTHC", 3, 5, ["Niêm yết thiếu", "Thiếu cập nhật."]) == (
        "Công khai TTHC (tiêu chí 2.1): đạt 3/5 điểm; lý do: niêm yết thiếu; thiếu cập nhật."
    )
    assert narrative.lost_item("1.1", "Kế hoạch CCHC", 0, 2, []) == "Kế hoạch CCHC (tiêu chí 1.1): đạt 0/2 điểm."
