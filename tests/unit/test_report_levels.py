"""The report names its body and units at every level, ranks in blocks and says a reorganisation once.

Hand-made tables; every expected sentence is worked out by hand in the comments.
"""

import pandas as pd

from pipeline.core.errors import WARNING, Problem
from pipeline.model import analysis
from pipeline.model.settings import Settings
from pipeline.write import sections, summary
from tests.helpers.blocks import BY_TYPE, TOTALS, TYPES
from tests.helpers.report import report_text as _text
from tests.helpers.tables import DETAIL, fields_only

B = "\u00a0" * 8  # sections.BLANK: the blanks the council fills in by hand
GRADE_BANDS = "(xuất sắc từ 90%, tốt từ 80%, khá từ 70%, trung bình từ 50%, yếu dưới 50% của Chỉ số)"


def _table(totals: dict, types: dict, group: str, year: int) -> pd.DataFrame:
    """Two fields of 5 points (tests.helpers.tables.fields_only), the group's folder name and unit types."""
    table = fields_only(totals, year)
    return table.assign(district=group, unit_type=table["unit"].map(types))


# ---------------------------------------------------------------- a district (today's wording, kept)


def test_a_plain_district_folder_keeps_the_councils_district_wording():
    detail = DETAIL.assign(district="Phong Thổ")
    detail.loc[detail["unit"] == "Cát Lộc", "unit_type"] = "thị trấn"
    a = analysis.analyse(detail)
    assert sections.title(a) == (
        "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023 của UBND các xã, thị trấn "
        "trên địa bàn huyện Phong Thổ"
    )
    head = sections.letterhead(a)
    assert head["parent"] == "UBND HUYỆN PHONG THỔ"
    assert head["council"] == ["HỘI ĐỒNG THẨM ĐỊNH", "CHỈ SỐ CCHC"]
    assert head["number"] == f"Số:{B}/BC-HĐTĐ"
    assert head["place_date"] == f"Phong Thổ, ngày{B}tháng{B}năm 2024"
    closing = sections.closing(a)
    assert closing["recipients"] == [  # seed 004, word for word
        "- Lãnh đạo UBND huyện;",
        "- Các cơ quan chuyên môn huyện;",
        "- UBND các xã, thị trấn;",
        "- Lưu: VT, NV.",
    ]
    assert closing["signer_title"] == ["TM. HỘI ĐỒNG THẨM ĐỊNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert closing["signer_office"] == "TRƯỞNG PHÒNG NỘI VỤ"
    text = _text(a)
    assert "năm 2023 của UBND các xã, thị trấn trên địa bàn huyện Phong Thổ./." in text
    assert "trên toàn huyện" in text and "đối với UBND các xã, thị trấn và đối với UBND huyện" in text
    assert "Xếp hạng Chỉ số CCHC năm 2023 của các xã, thị trấn" in text
    # Bình Minh 9, An Bình 8, Cát Lộc 8 of 10: 90% Xuất sắc; 80% Tốt twice
    assert f"Kết quả xếp loại: 01 xuất sắc, 02 tốt {GRADE_BANDS}." in text
    ranking = sections.results(a)["blocks"][0]["ranking"]
    grade = ranking["header"].index("Xếp loại")
    assert [(r[1], r[grade]) for r in ranking["rows"]] == [
        ("Bình Minh", "Xuất sắc"),
        ("An Bình", "Tốt"),
        ("TT. Cát Lộc", "Tốt"),
    ]


# ---------------------------------------------------------------- a province of communes, in blocks
#
# tests.unit.test_blocks: two fields of 5 (index = total x 10)
#   phường  An Bình 9, Bắc Sơn 8, Cát Lộc 7                       block mean 24 / 3 = 8,00
#   xã      Đông Hải 9, Gia Lâm 7,5, Hạ Long (đặc khu) 6, Kim Sơn 4,5   block mean 27 / 4 = 6,75
# All 7: mean 51 / 7 = 7,2857 -> 7,29; bands of 10 (from 8; 6 to under 8; under 6): 3, 3, 1.
# Ranks in block: An Bình 1, Bắc Sơn 2, Cát Lộc 3; Đông Hải 1 (tied at 9 with An Bình, another block), Gia Lâm 2,
# Hạ Long 3, Kim Sơn 4. Grades: An Bình, Đông Hải Xuất sắc; Bắc Sơn Tốt; Cát Lộc, Gia Lâm Khá; Hạ Long Trung bình;
# Kim Sơn Yếu. One weakest unit per block: Cát Lộc 3/3, Kim Sơn 4/4.

PROVINCE = Settings(
    file=BY_TYPE.file,
    blocks=BY_TYPE.blocks,
    issuer="SỞ NỘI VỤ",
    symbol="Số:      /BC-SNV",
    weakest=1,
)
ALL_TYPES = {u: TYPES.get(u, "xã") for u in TOTALS}


def _province(year=2025, previous=None, notes=None) -> analysis.Analysis:
    return analysis.analyse(_table(TOTALS, ALL_TYPES, "Tỉnh Thử", year), previous, 3, notes, PROVINCE)


def test_a_province_in_blocks_names_its_body_and_units():
    a = _province()
    assert sections.title(a) == (
        "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2025 của UBND các xã, phường, đặc khu "
        "trên địa bàn tỉnh Thử"
    )
    head = sections.letterhead(a)
    assert (head["parent"], head["council"], head["number"]) == ("UBND TỈNH THỬ", ["SỞ NỘI VỤ"], f"Số:{B}/BC-SNV")
    assert head["place_date"] == f"Thử, ngày{B}tháng{B}năm 2026"
    closing = sections.closing(a)
    assert closing["recipients"] == [
        "- UBND tỉnh (để báo cáo);",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các xã, phường, đặc khu;",
        "- Lưu: VT, NV.",
    ]
    assert (closing["signer_title"], closing["signer_office"]) == (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], None)
    text = _text(a)
    assert "huyện" not in text


def test_with_blocks_a_combined_overview_comes_first_then_each_block_ranks_its_own_units():
    results = sections.results(_province())
    assert results["paragraph"] == (
        "Năm 2025, Chỉ số CCHC bình quân của 07 xã, phường, đặc khu đạt 7,29/10 điểm. Trong đó, 03/07 đơn vị đạt "
        "từ 8 điểm trở lên; 03/07 đơn vị đạt từ 6 đến dưới 8 điểm; 01/07 đơn vị đạt dưới 6 điểm. Các đơn vị được "
        "xếp hạng theo 02 khối: Khối phường (03 đơn vị, bình quân 8,00/10 điểm) và Khối xã, đặc khu (04 đơn vị, "
        "bình quân 6,75/10 điểm)."
    )
    assert results["sentences"] == [
        f"Kết quả xếp loại: 02 xuất sắc, 01 tốt, 02 khá, 01 trung bình, 01 yếu {GRADE_BANDS}."
    ]
    wards, communes = results["blocks"]
    assert (wards["heading"], communes["heading"]) == ("Khối phường", "Khối xã, đặc khu")
    assert wards["paragraph"] == (
        "Năm 2025, Chỉ số CCHC bình quân của 03 phường đạt 8,00/10 điểm. Trong đó, 02/03 đơn vị đạt từ 8 điểm trở "
        "lên; 01/03 đơn vị đạt từ 6 đến dưới 8 điểm. Cao nhất là phường An Bình (9 điểm); thấp nhất là phường "
        "Cát Lộc (7 điểm). Khoảng cách giữa đơn vị cao nhất và thấp nhất là 2,00 điểm. "
        f"Kết quả xếp loại: 01 xuất sắc, 01 tốt, 01 khá {GRADE_BANDS}."
    )
    assert communes["paragraph"].startswith(
        "Năm 2025, Chỉ số CCHC bình quân của 04 xã, đặc khu đạt 6,75/10 điểm. Trong đó, 01/04 đơn vị đạt từ 8 "
        "điểm trở lên; 02/04 đơn vị đạt từ 6 đến dưới 8 điểm; 01/04 đơn vị đạt dưới 6 điểm. Cao nhất là xã Đông "
        "Hải (9 điểm); thấp nhất là xã Kim Sơn (4,5 điểm)."
    )
    # every unit ranked inside its block: the tie at 9 across the blocks is two first places
    assert wards["ranking"]["header"][0] == "Hạng (/3)" and communes["ranking"]["header"][0] == "Hạng (/4)"
    grade = wards["ranking"]["header"].index("Xếp loại")
    assert [(r[0], r[1], r[grade]) for r in wards["ranking"]["rows"]] == [
        ("1", "P. An Bình", "Xuất sắc"),
        ("2", "P. Bắc Sơn", "Tốt"),
        ("3", "P. Cát Lộc", "Khá"),
    ]
    assert [(r[0], r[1], r[grade]) for r in communes["ranking"]["rows"]] == [
        ("1", "Đông Hải", "Xuất sắc"),
        ("2", "Gia Lâm", "Khá"),
        ("3", "ĐK. Hạ Long", "Trung bình"),
        ("4", "Kim Sơn", "Yếu"),
    ]
    # one chart and one table per block, numbered in order; the fields' charts follow
    assert [b["chart"].caption for b in results["blocks"]] == [
        "Biểu đồ 1: Xếp hạng Chỉ số CCHC năm 2025, Khối phường",
        "Biểu đồ 2: Xếp hạng Chỉ số CCHC năm 2025, Khối xã, đặc khu",
    ]
    assert [b["ranking"]["caption"] for b in results["blocks"]] == [
        "Bảng 1: Kết quả xếp hạng Chỉ số CCHC năm 2025, Khối phường",
        "Bảng 2: Kết quả xếp hạng Chỉ số CCHC năm 2025, Khối xã, đặc khu",
    ]
    assert sections.fields(_province())["parts"][0]["figure"].number == 3


def test_the_weakest_units_are_named_per_block_with_their_rank_inside_it():
    blocks = sections.assessment(_province())["weakest_blocks"]
    assert [b["heading"] for b in blocks] == ["Khối phường (03 đơn vị):", "Khối xã, đặc khu (04 đơn vị):"]
    (ward,), (commune,) = (b["sentences"] for b in blocks)
    assert ward.startswith("Phường Cát Lộc đạt 7/10 điểm, xếp thứ 3/3; có tỷ lệ điểm đạt thấp nhất ở lĩnh vực")
    assert commune.startswith("Xã Kim Sơn đạt 4,5/10 điểm, xếp thứ 4/4; có tỷ lệ điểm đạt thấp nhất ở lĩnh vực")


def test_summary_json_gives_the_body_each_units_block_rank_in_it_and_grade():
    data = summary.of(_province())
    assert data["body"]["level"] == "province" and data["body"]["name"] == "Thử"
    assert data["grade_counts"] == {"Xuất sắc": 2, "Tốt": 1, "Khá": 2, "Trung bình": 1, "Yếu": 1}
    units = {u["name"]: u for u in data["units"]}
    assert {n for n, u in units.items() if u["block_rank"] == 1} == {"An Bình", "Đông Hải"}
    assert (units["Hạ Long"]["type"], units["Hạ Long"]["block"], units["Hạ Long"]["block_rank"]) == (
        "đặc khu",
        "Khối xã, đặc khu",
        3,
    )
    # the rank across the blocks is no published figure: not written (tests/unit/test_one_ranking.py)
    assert units["Kim Sơn"]["grade"] == "Yếu" and "rank" not in units["Kim Sơn"]
    # each block's weakest, the weakest first: Kim Sơn 4,5 then Cát Lộc 7
    assert [(w["name"], w["block"], w["block_rank"]) for w in data["weakest_units"]] == [
        ("Kim Sơn", "Khối xã, đặc khu", 4),
        ("Cát Lộc", "Khối phường", 3),
    ]


def test_rank_change_is_compared_within_the_same_block():
    # 2024: same units, all 8 except Kim Sơn 10: xã block Kim Sơn 1, the others 2; phường all 1.
    before = _table({**dict.fromkeys(TOTALS, (4, 4)), "Kim Sơn": (5, 5)}, ALL_TYPES, "Tỉnh Thử", 2024)
    a = _province(previous=before)
    communes = sections.results(a)["blocks"][1]["ranking"]
    change = communes["header"].index("Thứ hạng so với 2024 (bậc)")
    # Đông Hải 2 -> 1: up 1; Gia Lâm 2 -> 2; Hạ Long 2 -> 3: down 1; Kim Sơn 1 -> 4: down 3
    assert [r[change] for r in communes["rows"]] == ["tăng 1", "giữ nguyên", "giảm 1", "giảm 3"]


# ---------------------------------------------------------------- a province's districts, its departments


def test_a_province_ranking_its_districts_names_them_and_signs_for_the_province():
    # Thử has no type in its name: the units' types (huyện, thành phố) make it a province.
    types = {"Mường Tè": "huyện", "Sìn Hồ": "huyện", "Thử": "thành phố"}
    a = analysis.analyse(_table({"Mường Tè": (4, 3), "Sìn Hồ": (4, 4), "Thử": (5, 4.5)}, types, "Thử", 2024))
    assert (
        sections.title(a)
        == "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2024 của UBND các huyện, thành phố trên địa "
        "bàn tỉnh Thử"  # province review, F16
    )
    head = sections.letterhead(a)
    assert (head["parent"], head["place_date"]) == ("UBND TỈNH THỬ", f"Thử, ngày{B}tháng{B}năm 2025")
    closing = sections.closing(a)
    assert closing["recipients"][3] == "- UBND các huyện, thành phố;"  # after the council's own addressees
    assert closing["signer_office"] == "GIÁM ĐỐC SỞ NỘI VỤ"
    # 7 + 8 + 9,5 = 24,5 / 3 = 8,1667 -> 8,17; from 8: Sìn Hồ, thành phố Thử; 6 to under 8: Mường Tè
    assert sections.results(a)["paragraph"].startswith(
        "Năm 2024, Chỉ số CCHC bình quân của 03 huyện, thành phố đạt 8,17/10 điểm. Trong đó, 02/03 đơn vị đạt từ "
        "8 điểm trở lên; 01/03 đơn vị đạt từ 6 đến dưới 8 điểm. Cao nhất là thành phố Thử (9,5 điểm); thấp nhất là"
    )
    text = _text(a)
    # the province wrote the summary table: no note on the data's source in what it signs (F9)
    assert "Bảng tổng hợp kết quả Chỉ số CCHC" not in text and "huyện Thử" not in text


def test_a_province_ranking_its_departments_names_them_as_bodies():
    # Sở Nội vụ 5 + 4,5 = 9,5; Sở Tài chính 4 + 4 = 8; Ban Dân tộc 4 + 3,5 = 7,5: mean 25 / 3 = 8,33
    types = {"Sở Nội vụ": "sở", "Sở Tài chính": "sở", "Ban Dân tộc": "ban"}
    table = _table({"Sở Nội vụ": (5, 4.5), "Sở Tài chính": (4, 4), "Ban Dân tộc": (4, 3.5)}, types, "Tỉnh Thử", 2024)
    a = analysis.analyse(table, weakest_n=1)
    assert sections.title(a) == "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành"
    assert sections.results(a)["paragraph"] == (
        "Năm 2024, Chỉ số CCHC bình quân của 03 sở, ban, ngành đạt 8,33/10 điểm. Trong đó, 02/03 đơn vị đạt từ "
        "8 điểm trở lên; 01/03 đơn vị đạt từ 6 đến dưới 8 điểm. Cao nhất là Sở Nội vụ (9,5 điểm); thấp nhất là "
        "Ban Dân tộc (7,5 điểm). Khoảng cách giữa đơn vị cao nhất và thấp nhất là 2,00 điểm."
    )
    assert sections.closing(a)["recipients"] == [  # the council's (the default issuer), no line for units
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh (để báo cáo);",
        "- Thành viên Hội đồng thẩm định;",
        "- Các sở, ban, ngành tỉnh;",
        "- Lưu: VT, HĐTĐ.",
    ]
    (weakest,) = sections.assessment(a)["weakest_blocks"][0]["sentences"]
    assert weakest.startswith("Ban Dân tộc đạt 7,5/10 điểm, xếp thứ 3/3;")
    text = _text(a)
    assert "đối với các sở, ban, ngành và đối với UBND tỉnh" in text
    assert "năm 2024 của các sở, ban, ngành./." in text
    assert "UBND các sở" not in text and "các sở Sở" not in text and "huyện" not in text


# ---------------------------------------------------------------- a year after the reorganisation


def test_a_reorganised_year_says_so_once_with_no_per_unit_noise():
    # 2024: ten communes that no longer exist, and An Bình: 6 of the 7 units of 2025 have no counterpart.
    old = {f"Cũ {i}": (4, 4) for i in range(1, 11)} | {"An Bình": (5, 5)}
    before = _table(old, dict.fromkeys(old, "xã"), "Tỉnh Thử", 2024)
    new_units = [Problem(WARNING, "name-new", params={"unit": u, "list": "tinh-thu.csv"}) for u in TOTALS]
    a = _province(
        previous=before,
        notes=[*new_units, Problem(WARNING, "total-differs", params={"stated": 9.5, "unit": "An Bình", "computed": 9})],
    )
    text = _text(a)
    # not the old sentence with its count, a drafting note (F9 of the province review)
    assert "6/7 đơn vị không có đơn vị tương ứng" not in text
    # I says it, with the kinds before (11 xã) and after (03 xã, 03 phường, 01 đặc khu), once; no names list: no
    # table of predecessors
    paragraph = (
        "Năm 2025, các đơn vị hành chính trên địa bàn tỉnh Thử được sắp xếp lại: từ 11 đơn vị (11 xã) năm 2024 "
        "thành 07 đơn vị (03 xã, 03 phường, 01 đặc khu). Chỉ số CCHC năm 2025 được xác định cho các đơn vị sau sắp "
        "xếp. Vì phần lớn đơn vị mới không có đơn vị tương ứng trong năm 2024, kết quả năm 2025 không so sánh thứ "
        "hạng, điểm số với năm 2024."
    )
    assert text.count(paragraph) == 1 and "Phụ lục III" not in text
    assert text.count("2024") == 3  # only in that paragraph: no rank, points or average compared
    assert "không có dữ liệu" not in text
    assert [p.rule for p in a.notes] == ["total-differs"]  # no "new unit" note per unit
    data = summary.of(a)
    assert data["reorganised"] == paragraph  # what the report says, in summary.json too (not the old sentence)
    assert all(u["prev_block_rank"] is None and u["block_rank_change"] is None for u in data["units"])


# ---------------------------------------------------------------- scores.xlsx and the index page


def test_scores_workbook_gives_each_units_grade_block_and_rank_inside_it(tmp_path):
    from openpyxl import load_workbook

    from pipeline.write import workbook

    workbook.write_scores(_province(), tmp_path / "scores.xlsx")
    rows = list(load_workbook(tmp_path / "scores.xlsx")["Đơn vị"].values)
    header = rows[0]
    units = {r[header.index("Đơn vị")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert {"Xếp loại", "Khối", "Hạng trong khối", "Hạng năm trước trong khối"} <= set(header)
    assert "Hạng" not in header  # the rank across the blocks is published nowhere (tests/unit/test_one_ranking.py)
    got = {n: (u["Khối"], u["Hạng trong khối"], u["Xếp loại"]) for n, u in units.items()}
    assert got["phường An Bình"] == ("Khối phường", 1, "Xuất sắc")
    assert got["xã Đông Hải"] == ("Khối xã, đặc khu", 1, "Xuất sắc")
    assert got["đặc khu Hạ Long"] == ("Khối xã, đặc khu", 3, "Trung bình")
    assert got["xã Kim Sơn"] == ("Khối xã, đặc khu", 4, "Yếu")
    # by block, then by rank in it
    assert [r[header.index("Đơn vị")] for r in rows[1:4]] == ["phường An Bình", "phường Bắc Sơn", "phường Cát Lộc"]


def test_the_index_page_names_the_scoring_body():
    from pipeline.write import site

    assert site.body_name({"district": "Tỉnh Lam Sơn", "body": {"kind": "tỉnh", "name": "Lam Sơn"}}) == "Tỉnh Lam Sơn"
    assert site.body_name({"district": "Phong Thổ", "body": {"kind": "huyện", "name": "Phong Thổ"}}) == (
        "Huyện Phong Thổ"
    )
    assert site.body_name({"district": "Phong Thổ"}) == "Phong Thổ"  # a summary written before issue 9


def test_a_table_as_a_province_publishes_it_gives_its_average_ranks_and_grade_counts_in_the_report(tmp_path):
    from tests.helpers import published
    from tests.helpers.tables import tidy_of

    published.write(tmp_path, "xlsx")  # tests/helpers/published.py works every number out by hand
    table, problems = tidy_of(tmp_path)
    assert problems.errors == []
    a = analysis.analyse(table)
    results = sections.results(a)
    # the folder ("Thử Nghiệm") says nothing: the units' types (huyện, thành phố) make it a province's districts
    assert sections.title(a).endswith("năm 2023 của UBND các huyện, thành phố trên địa bàn tỉnh Thử Nghiệm")
    assert results["paragraph"].startswith(
        "Năm 2023, Chỉ số CCHC bình quân của 06 huyện, thành phố đạt 72,18/90 điểm."  # the published average
    )
    assert results["sentences"] == [f"Kết quả xếp loại: 01 xuất sắc, 03 tốt, 01 khá, 01 trung bình {GRADE_BANDS}."]
    ranking = results["blocks"][0]["ranking"]
    grade = ranking["header"].index("Xếp loại")
    assert [(r[0], r[1], r[grade]) for r in ranking["rows"]] == [  # the published ranks and grades
        ("1", "TP. Lai Châu", "Xuất sắc"),
        ("2", "Tam Đường", "Tốt"),
        ("3", "Phong Thổ", "Tốt"),
        ("3", "Sìn Hồ", "Tốt"),
        ("5", "Nậm Nhùn", "Khá"),
        ("6", "Mường Tè", "Trung bình"),
    ]
