"""A unit letter's way to the next grade and its years (documents.unit_documents), on hand-worked tables."""

from pipeline.model import analysis
from pipeline.write import documents, html
from tests.helpers.tables import DETAIL, fields_only


def test_the_next_grade_the_points_missing_and_the_plan_in_the_order_that_reaches_it():
    # DETAIL, out of 10. An Bình 8 (80%, Tốt): Xuất sắc from 90% needs 1 point, 10 index points; it lost 1 on
    # 1.2 (2/3) and 1 on 2.1 (4/5): by points lost, then code, 1.2 first, and it reaches Xuất sắc
    letter = documents.unit_documents(analysis.analyse(DETAIL))["An Bình"]
    assert letter["next_grade"] == [
        "Để đạt loại Xuất sắc (Chỉ số từ 90%), đơn vị cần thêm 1,00 điểm (Chỉ số tăng thêm 10,00%).",
        "Khắc phục tiêu chí 1.2 (1,00 điểm), dòng đầu của bảng dưới đây, là đạt loại Xuất sắc.",
    ]
    # (the hand-made table names each criterion by its code)
    assert [(line["item"], line["lost"], line["cumulative"], line["mark"]) for line in letter["plan"]] == [
        ("Tiêu chí 1.2. Tiêu chí 1.2 (2/3 điểm)", "1,00", "1,00", "đạt loại Xuất sắc"),
        ("Tiêu chí 2.1. Tiêu chí 2.1 (4/5 điểm)", "1,00", "2,00", ""),
    ]


def test_the_top_grade_gets_what_still_lost_points():
    # Bình Minh 9/10 (90%): Xuất sắc; 1.1 lost 1 point
    letter = documents.unit_documents(analysis.analyse(DETAIL))["Bình Minh"]
    assert letter["next_grade"] == [
        "Đơn vị đạt loại Xuất sắc, mức xếp loại cao nhất; các tiêu chí còn bị trừ điểm dưới đây, xếp theo số điểm "
        "bị trừ, là nội dung cần khắc phục để giữ vững kết quả."
    ]
    assert [(line["lost"], line["cumulative"], line["mark"]) for line in letter["plan"]] == [("1,00", "1,00", "")]


def test_three_years_give_the_unit_a_table_and_a_chart_of_its_years():
    # out of 10: B 8 (2/3) in 2021, 8 (2/3, tied with A) in 2022, 6 (3/3) in 2023
    years = {
        2021: fields_only({"A": (5, 5), "B": (4, 4), "C": (3, 3)}, 2021),
        2022: fields_only({"A": (4, 4), "B": (4, 4), "C": (5, 4)}, 2022),
        2023: fields_only({"A": (5, 4), "B": (3, 3), "C": (4, 4)}, 2023),
    }
    a = analysis.analyse(years[2023], years[2022], earlier={2021: years[2021], 2022: years[2022]})
    letter = documents.unit_documents(a)["B"]
    assert letter["history"]["rows"] == [
        ["2021", "8,00", "2/3", "Tốt"],
        ["2022", "8,00", "2/3", "Tốt"],
        ["2023", "6,00", "3/3", "Trung bình"],
    ]
    page = html.render("unit.html.j2", **letter)
    assert page.count("<svg") == 1 and "hạng 3/3" in page
    # B, 6 of 10 (60%, Trung bình): Khá from 70% needs 1 point; by field, 1 (3/5) and 2 (3/5) lost 2 each
    assert (
        letter["next_grade"][0]
        == "Để đạt loại Khá (Chỉ số từ 70%), đơn vị cần thêm 1,00 điểm (Chỉ số tăng thêm 10,00%)."
    )
    # two years: the table, no chart
    two = documents.unit_documents(analysis.analyse(years[2022], years[2021], earlier={2021: years[2021]}))["B"]
    assert len(two["history"]["rows"]) == 2 and two["history"]["chart"] is None
