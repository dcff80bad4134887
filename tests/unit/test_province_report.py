"""A province's report by block (model/changes.py, write/province.py), on the seven-unit province of
tests.helpers.blocks and a year before it worked out by hand.

This year (2025; two fields of 5, index = total x 10):
    phường  An Bình 9 (XS), Bắc Sơn 8 (Tốt), Cát Lộc 7 (Khá)                      ranks 1, 2, 3
    xã      Đông Hải 9 (XS), Gia Lâm 7,5 (Khá), Hạ Long (đặc khu) 6 (TB), Kim Sơn 4,5 (Yếu)   ranks 1-4
The year before (2024), the same units in the same blocks:
    phường  An Bình 3,5+3,5 = 7 (Khá), Bắc Sơn 4,5+4,5 = 9 (XS), Cát Lộc 4+4 = 8 (Tốt)   ranks 3, 1, 2
    xã      Đông Hải 4+4 = 8 (Tốt), Gia Lâm 4,5+4,5 = 9 (XS), Hạ Long 3+3 = 6 (TB), Kim Sơn 2,5+2,5 = 5 (TB)
            ranks 2, 1, 3, 4
Changes of rank in the block (last year's rank - this year's): An Bình +2, Bắc Sơn -1, Cát Lộc -1, Đông Hải +1,
Gia Lâm -1, Hạ Long 0, Kim Sơn 0; of points: +2, -1, -1, +1, -1,5, 0, -0,5.
"""

import pandas as pd

from pipeline.model import analysis, blocks, changes
from pipeline.model.settings import Block, Settings
from pipeline.notebook import report
from pipeline.write import province
from tests.helpers.blocks import TOTALS, TYPES
from tests.helpers.tables import fields_only

SETTINGS = Settings(
    file="Tỉnh Thử/report.toml",
    blocks=(Block("Khối phường", types=("phường",)), Block("Khối {kinds}", types=("xã", "đặc khu", "thị trấn"))),
    weakest=1,
)
BEFORE = {
    "An Bình": (3.5, 3.5),
    "Bắc Sơn": (4.5, 4.5),
    "Cát Lộc": (4, 4),
    "Đông Hải": (4, 4),
    "Gia Lâm": (4.5, 4.5),
    "Hạ Long": (3, 3),
    "Kim Sơn": (2.5, 2.5),
}
WARDS, COMMUNES = "Khối phường", "Khối xã, đặc khu"


def _table(totals, year, types=TYPES):
    table = fields_only(totals, year)
    return table.assign(district="Tỉnh Thử", unit_type=table["unit"].map(lambda u: types.get(u, "xã")))


def _analysis(previous=True, settings=SETTINGS, mergers=None, before=BEFORE, before_types=TYPES):
    prev = _table(before, 2024, before_types) if previous else None
    return analysis.analyse(_table(TOTALS, 2025), prev, 3, settings=settings, mergers=mergers)


def test_the_blocks_table_counts_units_means_extremes_and_grades_per_block_and_for_all():
    a = _analysis()
    table = changes.block_table(a.units, a.blocks).set_index("block")
    assert table.loc[WARDS, ["n", "mean", "highest", "lowest", "gap"]].tolist() == [3, 8.0, 9.0, 7.0, 2.0]
    assert table.loc[COMMUNES, ["n", "mean", "highest", "lowest", "gap"]].tolist() == [4, 6.75, 9.0, 4.5, 4.5]
    # 51 / 7 = 7,2857…, kept as printed: 7,29
    assert table.loc[changes.WHOLE, "n"] == 7 and table.loc[changes.WHOLE, "mean"] == 7.29
    grades = ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]
    assert table.loc[WARDS, grades].tolist() == [1, 1, 1, 0, 0]
    assert table.loc[COMMUNES, grades].tolist() == [1, 0, 1, 1, 1]
    assert table.loc[changes.WHOLE, grades].tolist() == [2, 1, 2, 1, 1]


def test_block_means_and_grade_counts_change_within_each_block():
    a = _analysis()
    moved = changes.block_changes(a.units, a.standing.previous, a.blocks).set_index("block")
    # phường: (7 + 9 + 8) / 3 = 8 -> 8: no change; one unit in each of XS, Tốt, Khá both years
    assert moved.loc[WARDS, ["prev_mean", "mean_change"]].tolist() == [8.0, 0.0]
    # xã: (8 + 9 + 6 + 5) / 4 = 7 -> 6,75: -0,25; XS 1 -> 1, Tốt 1 -> 0, Khá 0 -> 1, TB 2 -> 1, Yếu 0 -> 1
    assert moved.loc[COMMUNES, ["prev_mean", "mean_change"]].tolist() == [7.0, -0.25]
    changed = [moved.loc[COMMUNES, f"change {g}"] for g in ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")]
    assert changed == [0, -1, 1, -1, 1]


def test_grade_transitions_within_each_block():
    a = _analysis()
    # An Bình Khá -> XS, Bắc Sơn XS -> Tốt, Cát Lộc Tốt -> Khá
    assert changes.transitions(a.units, a.standing.previous, WARDS) == {
        ("Xuất sắc", "Tốt"): 1,
        ("Tốt", "Khá"): 1,
        ("Khá", "Xuất sắc"): 1,
    }
    # Gia Lâm XS -> Khá, Đông Hải Tốt -> XS, Hạ Long TB -> TB, Kim Sơn TB -> Yếu
    assert changes.transitions(a.units, a.standing.previous, COMMUNES) == {
        ("Xuất sắc", "Khá"): 1,
        ("Tốt", "Xuất sắc"): 1,
        ("Trung bình", "Trung bình"): 1,
        ("Trung bình", "Yếu"): 1,
    }


def test_risers_and_fallers_by_rank_in_the_block_ties_in_vietnamese_order():
    a = _analysis()
    risers, fallers = changes.movers(a.units, WARDS)
    assert list(risers["name"]) == ["An Bình"]
    # Bắc Sơn and Cát Lộc both fell 1 place and 1 point: alphabetical
    assert list(fallers["name"]) == ["Bắc Sơn", "Cát Lộc"]
    risers, fallers = changes.movers(a.units, COMMUNES)
    assert (list(risers["name"]), list(fallers["name"])) == (["Đông Hải"], ["Gia Lâm"])  # Hạ Long, Kim Sơn kept


def test_units_tied_with_the_last_mover_named_are_all_named():
    # n = 1: Bắc Sơn and Cát Lộc both fell 1 place; neither is dropped (Lam Sơn 2026: four phường fell 15)
    risers, fallers = changes.movers(_analysis().units, WARDS, 1)
    assert list(fallers["name"]) == ["Bắc Sơn", "Cát Lộc"]


def test_what_became_of_last_years_lowest_unit_of_each_block():
    a = _analysis()
    (ward,) = changes.last_years_lowest(a.units, a.standing.previous, WARDS, 1)
    assert (ward["name"], ward["prev_value"], ward["prev_rank"], ward["prev_grade"]) == ("An Bình", 7.0, 3, "Khá")
    assert (ward["value"], ward["rank"], ward["grade"]) == (9.0, 1, "Xuất sắc")
    (commune,) = changes.last_years_lowest(a.units, a.standing.previous, COMMUNES, 1)
    assert (commune["name"], commune["prev_value"], commune["value"], commune["rank"]) == ("Kim Sơn", 5.0, 4.5, 4)
    sentence = province.narrative.last_lowest_sentence(ward, 2024, 2025, False)
    assert sentence == (
        "Phường An Bình (năm 2024: 7 điểm, xếp thứ 3/3, loại Khá) năm 2025 đạt 9 điểm, xếp thứ 1/3, loại Xuất sắc, "
        "tăng 2 bậc."
    )


def test_fields_by_block_means_shares_full_marks_and_units_below_70_percent():
    a = _analysis()
    table = changes.fields_by_block(a.field_values, a.fields, a.units, a.blocks)
    one = table[table["code"] == "1"].set_index("block")
    # field 1 of 5: phường 4,5 4 3,5 -> mean 4 (80%), none below 3,5 (70% is not below); lowest Cát Lộc, Bắc Sơn
    assert one.loc[WARDS, ["mean", "pct", "n_full", "n_below"]].tolist() == [4.0, 80.0, 0, 0]
    assert one.loc[WARDS, "lowest"] == ["Cát Lộc", "Bắc Sơn"]
    # xã 4,5 4 3 2,5 -> mean 3,5 (70%); below 3,5: Hạ Long 3, Kim Sơn 2,5
    assert one.loc[COMMUNES, ["mean", "pct", "n_full", "n_below"]].tolist() == [3.5, 70.0, 0, 2]
    assert one.loc[COMMUNES, "lowest"] == ["Kim Sơn", "Hạ Long"]


def test_a_blocks_name_follows_the_kinds_it_holds_that_year():
    old = {"Đông Hải": (4, 4), "Gia Lâm": (4, 4), "Hòa Bình": (4, 4)}
    units = pd.DataFrame(
        {"name": list(old), "unit_type": ["xã", "xã", "thị trấn"], "total": 8.0, "index_pct": 80.0, "value": 8.0}
    )
    assert blocks.block_names(blocks.with_blocks(units, SETTINGS), SETTINGS) == ["Khối xã, thị trấn"]
    assert _analysis().blocks == [WARDS, COMMUNES]


def test_a_reorganised_year_names_each_new_units_predecessors_and_the_kinds_before_and_after():
    before = {f"Cũ {i}": (4, 4) for i in range(1, 7)} | {"An Bình": (5, 5)}
    types = dict.fromkeys(before, "xã") | {"An Bình": "phường", "Cũ 1": "thị trấn"}
    a = _analysis(mergers={"Cũ 1": "An Bình", "Cũ 2": "Đông Hải"}, before=before, before_types=types)
    r = a.reorganisation
    assert (r.n_units, r.n_without_counterpart) == (7, 6)
    assert r.before_kinds == (("xã", 5), ("phường", 1), ("thị trấn", 1))
    assert r.after_kinds == (("xã", 3), ("phường", 3), ("đặc khu", 1))
    found = {unit: [(p.name, p.unit_type, p.value) for p in olds] for unit, olds in r.predecessors}
    # An Bình kept the name of the phường An Bình of 2024, and took in thị trấn Cũ 1
    assert found[("An Bình", "phường")] == [("An Bình", "phường", 10.0), ("Cũ 1", "thị trấn", 8.0)]
    assert found[("Đông Hải", "xã")] == [("Cũ 2", "xã", 8.0)]
    assert found[("Kim Sơn", "xã")] == []
    text = province.implementation(a)["reorganisation"]
    assert text.startswith(
        "Năm 2025, các đơn vị hành chính trên địa bàn tỉnh Thử được sắp xếp lại: từ 07 đơn vị (05 xã, 01 phường, "
        "01 thị trấn) năm 2024 thành 07 đơn vị (03 xã, 03 phường, 01 đặc khu)."
    )
    assert text.endswith("tại Phụ lục III.")  # Phụ lục I, II: the blocks
    table = province.appendix(a)["reorganisation"]["table"]
    assert table["rows"][0] == ["1", "Phường An Bình", "phường An Bình (10); thị trấn Cũ 1 (8)"]


def test_a_provinces_report_has_the_reviews_parts_and_one_chart_per_block_and_no_file_names():
    r = report.Report.of(_analysis())
    html = (
        "".join(
            part.data for part in (report.implementation(r), report.overview(r), report.fields(r), report.assessment(r))
        )
        + report.appendix(r).data
    )
    for heading in ("I. TÌNH HÌNH", "II. KẾT QUẢ", "III. KẾT QUẢ THEO LĨNH VỰC", "IV. ĐÁNH GIÁ CHUNG", "V. ĐỀ XUẤT"):
        assert heading in html
    # grades per block, two block rankings, the fields by block: 4 charts, none in parts
    assert html.count('<figure class="chart"') == 4 and "phần 1/" not in html
    assert "units/" not in html and "PHỤ LỤC I" in html and "PHỤ LỤC II" in html
    assert html.count('class="appendix landscape"') == 2
    # the block ranking is in the appendix with last year's rank: An Bình 3 -> 1, "tăng 2"
    ward = province.appendix(r.analysis)["parts"][0]["table"]["rows"][0]
    assert ward[:2] == ["1", "Phường An Bình"] and ward[-2:] == ["3", "tăng 2"]
    assert ward[2:6] == ["4,50", "4,50", "9,00", "90,00"]  # two decimals throughout


def test_sample_data_carry_the_mark_and_a_users_data_never_do():
    marked = report.title_block(report.Report.of(_analysis(settings=Settings(sample=True)))).data
    assert "DỮ LIỆU MẪU" in marked
    assert "DỮ LIỆU MẪU" not in report.title_block(report.Report.of(_analysis())).data
