"""One ranking in every document beside the report (province review, F1, F6, F14): the approval annex
(annex.xlsx, annex.docx), the unit letters and summary.json state each unit's rank in its block and the
change of that rank since last year; a rank across the blocks only where the settings ask for one.

Hand-made tables; every expected figure is worked out in the comments.
"""

from dataclasses import replace

from docx import Document
from openpyxl import load_workbook

from pipeline.model import analysis
from pipeline.model.grades import GradeRules
from pipeline.model.settings import Settings
from pipeline.write import documents, html, summary
from tests.helpers.blocks import BY_TYPE, TOTALS, TYPES
from tests.helpers.tables import fields_only, scores_table

B = "\u00a0" * 8  # labels.BLANK
ALL_TYPES = {u: TYPES.get(u, "xã") for u in TOTALS}
COUNCIL = Settings(file=BY_TYPE.file, blocks=BY_TYPE.blocks)  # no [letterhead]: the council issues
ACROSS = replace(COUNCIL, rank_across_blocks=True)


def _table(totals: dict, year: int):
    table = fields_only(totals, year)
    return table.assign(district="Tỉnh Thử", unit_type=table["unit"].map(ALL_TYPES))


# tests.helpers.blocks: two fields of 5, total of 10, index = total x 10.
#   2025  phường An Bình 9 (1), Bắc Sơn 8 (2), Cát Lộc 7 (3)                     block mean 24/3 = 8,00
#         xã     Đông Hải 9 (1), Gia Lâm 7,5 (2), Hạ Long 6 (3, đặc khu), Kim Sơn 4,5 (4)   27/4 = 6,75
#   2024  every unit 4 + 4 = 8 but Kim Sơn 5 + 5 = 10: phường all 1st; xã Kim Sơn 1st, the others 2nd.
# Change of the rank in the block: An Bình 1 -> 1: 0; Bắc Sơn 1 -> 2: -1; Cát Lộc 1 -> 3: -2;
#   Đông Hải 2 -> 1: +1; Gia Lâm 2 -> 2: 0; Hạ Long 2 -> 3: -1; Kim Sơn 1 -> 4: -3.
# Change of points: +1, 0, -1; +1, -0,5, -2, -5,5. Across the blocks (only when asked): An Bình and Đông Hải
# 1 (tied at 9), Bắc Sơn 3, Gia Lâm 4, Cát Lộc 5, Hạ Long 6, Kim Sơn 7.
BEFORE = {**dict.fromkeys(TOTALS, (4, 4)), "Kim Sơn": (5, 5)}


def province(settings: Settings = COUNCIL) -> analysis.Analysis:
    return analysis.analyse(_table(TOTALS, 2025), _table(BEFORE, 2024), 3, None, settings)


def district() -> analysis.Analysis:
    # two fields of 60 and 40, the total of 100: An Bình 55 + 38,5 = 93,5; Bình Minh 50 + 40 = 90;
    # Cát Lộc 45 + 30,25 = 75,25. Ranks 1, 2, 3; grades Xuất sắc, Xuất sắc, Khá.
    rows = []
    for unit, (f1, f2) in {"An Bình": (55, 38.5), "Bình Minh": (50, 40), "Cát Lộc": (45, 30.25)}.items():
        rows += [(unit, "1", 60.0, f1, None, None), (unit, "2", 40.0, f2, None, None)]
    return analysis.analyse(scores_table(rows))


# ---------------------------------------------------------------- the approval annex


def test_the_annex_has_one_table_per_block_with_the_grade_the_rank_in_the_block_and_its_change():
    annex = documents.annex(province())
    assert annex["header"] == [
        "STT",
        "Đơn vị",
        "1. Tiêu chí 1 (5)",
        "2. Tiêu chí 2 (5)",
        "Tổng điểm (10)",
        "Chỉ số (%)",  # the total is out of 10: the index says something else
        "Xếp loại",
        "Hạng trong khối",
        "Hạng năm 2024",
        "Thay đổi thứ hạng (bậc)",
    ]
    wards, communes = annex["blocks"]
    assert (wards["heading"], communes["heading"]) == ("I. KHỐI PHƯỜNG (03 đơn vị)", "II. KHỐI XÃ, ĐẶC KHU (04 đơn vị)")
    assert wards["rows"] == [
        ["1", "Phường An Bình", "4,50", "4,50", "9,00", "90,00", "Xuất sắc", "1", "1", "giữ nguyên"],
        ["2", "Phường Bắc Sơn", "4,00", "4,00", "8,00", "80,00", "Tốt", "2", "1", "giảm 1"],
        ["3", "Phường Cát Lộc", "3,50", "3,50", "7,00", "70,00", "Khá", "3", "1", "giảm 2"],
    ]
    assert communes["values"] == [  # the workbook's cells: numbers as numbers, the change signed
        [1, "Xã Đông Hải", 4.5, 4.5, 9.0, 90.0, "Xuất sắc", 1, 2, 1],
        [2, "Xã Gia Lâm", 4.0, 3.5, 7.5, 75.0, "Khá", 2, 2, 0],
        [3, "Đặc khu Hạ Long", 3.0, 3.0, 6.0, 60.0, "Trung bình", 3, 2, -1],
        [4, "Xã Kim Sơn", 2.5, 2.0, 4.5, 45.0, "Yếu", 4, 1, -3],
    ]
    assert annex["reference"] == f"(Kèm theo Quyết định số{B}/QĐ-UBND ngày{B}/{B}/2026 của Chủ tịch UBND tỉnh Thử)"
    assert annex["note"] == (
        "Ghi chú: Xếp loại theo Chỉ số (tổng điểm so với điểm tối đa): Xuất sắc từ 90%; Tốt từ 80% đến dưới 90%; "
        "Khá từ 70% đến dưới 80%; Trung bình từ 50% đến dưới 70%; Yếu dưới 50%. Xếp hạng trong từng khối theo tổng "
        "điểm; các đơn vị bằng điểm cùng hạng. Thay đổi thứ hạng trong cùng khối so với năm 2024; “–”: không có kết "
        "quả năm 2024."
    )
    assert "chưa có" not in annex["note"]


def test_the_annex_note_gives_the_groups_own_grade_thresholds():
    rules = GradeRules(
        {(None, None): {"xuat_sac": (95, None), "tot": (85, None), "kha": (72.5, None), "trung_binh": (60, None)}}
    )
    annex = documents.annex(province(replace(COUNCIL, thresholds=rules.default, grade_rules=rules)))
    assert (
        "Xuất sắc từ 95%; Tốt từ 85% đến dưới 95%; Khá từ 72,5% đến dưới 85%; Trung bình từ 60% đến dưới "
        in (annex["note"])
    )
    # Gia Lâm 75% is Khá from 72,5%; Hạ Long 60% Trung bình; Cát Lộc 70% below 72,5: Trung bình
    grades = {row[1]: row[6] for block in annex["blocks"] for row in block["rows"]}
    assert (grades["Xã Gia Lâm"], grades["Đặc khu Hạ Long"], grades["Phường Cát Lộc"]) == (
        "Khá",
        "Trung bình",
        "Trung bình",
    )


def test_a_rank_across_the_blocks_is_in_the_annex_only_when_the_settings_ask():
    annex = documents.annex(province(ACROSS))
    column = annex["header"].index("Hạng chung")
    assert column == annex["header"].index("Hạng trong khối") + 1
    assert [[row[column] for row in b["rows"]] for b in annex["blocks"]] == [["1", "3", "5"], ["1", "4", "6", "7"]]
    assert "Hạng chung" not in documents.annex(province())["header"]


def test_a_districts_annex_out_of_100_is_one_table_without_a_second_copy_of_the_total():
    annex = documents.annex(district())
    assert annex["header"] == [
        "STT",
        "Đơn vị",
        "1. Tiêu chí 1 (60)",
        "2. Tiêu chí 2 (40)",
        "Tổng điểm (100)",
        "Xếp loại",
        "Xếp hạng",
    ]
    [table] = annex["blocks"]
    assert table["heading"] is None
    assert table["rows"] == [
        ["1", "Xã An Bình", "55,00", "38,50", "93,50", "Xuất sắc", "1"],
        ["2", "Xã Bình Minh", "50,00", "40,00", "90,00", "Xuất sắc", "2"],
        ["3", "Xã Cát Lộc", "45,00", "30,25", "75,25", "Khá", "3"],
    ]
    assert annex["reference"].endswith("/2024 của Chủ tịch UBND huyện Thử Nghiệm)")
    assert "Xếp hạng theo tổng điểm; các đơn vị bằng điểm cùng hạng." in annex["note"]
    assert "Thay đổi" not in annex["note"]


def test_the_annex_workbook_and_word_table_hold_the_same_rows_numbers_as_numbers(tmp_path):
    a = province()
    xlsx, docx = tmp_path / "annex.xlsx", tmp_path / "annex.docx"
    documents.write_annex(a, xlsx, docx, None)
    sheet = load_workbook(xlsx).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    first = [r[0] for r in rows]
    assert first[:3] == [
        "PHỤ LỤC",
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG, ĐẶC KHU TRÊN ĐỊA BÀN TỈNH THỬ",
        documents.annex(a)["reference"],
    ]
    wards = first.index("I. KHỐI PHƯỜNG (03 đơn vị)")
    communes = first.index("II. KHỐI XÃ, ĐẶC KHU (04 đơn vị)")
    assert rows[wards + 1][:2] == ["STT", "Đơn vị"] and rows[communes + 1][:2] == ["STT", "Đơn vị"]
    assert rows[communes + 5] == [4, "Xã Kim Sơn", 2.5, 2, 4.5, 45, "Yếu", 4, 1, -3]
    kim_son = sheet.cell(communes + 6, 5)
    assert kim_son.data_type == "n" and kim_son.number_format == "0.00"
    assert sheet.cell(communes + 6, 10).number_format == "+0;-0;0"
    assert [b.id for b in sheet.row_breaks.brk] == [communes]  # the second block starts a printed page
    assert rows[-1][0].startswith("Ghi chú: Xếp loại theo Chỉ số")
    word = Document(docx)
    assert [p.text for p in word.paragraphs if p.text.startswith(("I.", "II."))] == [
        "I. KHỐI PHƯỜNG (03 đơn vị)",
        "II. KHỐI XÃ, ĐẶC KHU (04 đơn vị)",
    ]
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in word.tables]
    assert [t[1:] for t in tables] == [b["rows"] for b in documents.annex(a)["blocks"]]
    assert not any("\u2007" in c or "\u2008" in c for t in tables for r in t for c in r)


# ---------------------------------------------------------------- the unit letters


def test_a_unit_letter_states_its_rank_in_the_block_the_block_mean_its_grade_and_the_change_in_the_block():
    letters = documents.unit_documents(province())
    assert letters["Bắc Sơn"]["headline"] == (
        "Phường Bắc Sơn đạt 8/10 điểm, xếp loại Tốt, xếp thứ 2/3 trong Khối phường (bình quân của khối: 8,00 điểm), "
        "giảm 1 bậc, điểm không đổi so với năm 2024; không có lĩnh vực nào đạt điểm tối đa."
    )
    assert letters["Kim Sơn"]["headline"] == (
        "Xã Kim Sơn đạt 4,5/10 điểm, xếp loại Yếu, xếp thứ 4/4 trong Khối xã, đặc khu (bình quân của khối: 6,75 "
        "điểm), giảm 3 bậc, giảm 5,50 điểm so với năm 2024; không có lĩnh vực nào đạt điểm tối đa."
    )
    assert "7/7" not in letters["Kim Sơn"]["headline"]
    across = documents.unit_documents(province(ACROSS))["Kim Sơn"]["headline"]
    assert "giảm 5,50 điểm so với năm 2024; xếp thứ 7/7 khi xếp hạng chung các khối; không có lĩnh vực" in across


def test_a_unit_letter_is_headed_by_the_units_full_name_under_its_superior_and_addressed_to_home_affairs():
    letter = documents.unit_documents(province())["Hạ Long"]
    assert (letter["parent"], letter["issuer"]) == ("UBND TỈNH THỬ", ["ỦY BAN NHÂN DÂN", "ĐẶC KHU HẠ LONG"])
    assert letter["people"] == "Ủy ban nhân dân đặc khu Hạ Long"
    assert letter["basis"] == [
        f"Căn cứ Quyết định số{B}/QĐ-UBND ngày{B}/{B}/2026 của Chủ tịch UBND tỉnh Thử phê duyệt và công bố Chỉ số "
        "cải cách hành chính năm 2025 của UBND các xã, phường, đặc khu trên địa bàn tỉnh Thử;",
        f"Căn cứ Báo cáo số{B}/BC-HĐTĐ ngày{B}/{B}/2026 của Hội đồng thẩm định Chỉ số CCHC tỉnh Thử về kết quả "
        "thẩm định, xác định Chỉ số cải cách hành chính năm 2025,",
    ]
    assert letter["recipients"] == [
        "- Sở Nội vụ tỉnh Thử (để báo cáo);",
        "- TT. Đảng ủy, HĐND, UBND đặc khu;",
        "- Các ban, ngành, đoàn thể;",
        "- Lưu: VT.",
    ]
    assert letter["signer"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    office = documents.unit_documents(province(replace(COUNCIL, issued_by="department")))["Hạ Long"]
    assert office["basis"][1].startswith(f"Căn cứ Báo cáo số{B}/BC-SNV ngày{B}/{B}/2026 của Sở Nội vụ tỉnh Thử về")


def test_the_plan_table_leaves_the_widest_column_for_the_measures():
    page = html.render("unit.html.j2", **documents.unit_documents(province())["Kim Sơn"])
    heads = page[page.index('<table class="plan">') :]
    assert '<th class="text" style="width: 28%">Biện pháp khắc phục</th>' in heads
    assert '<th class="text" style="width: 27%">Lĩnh vực chưa đạt điểm tối đa</th>' in heads
    assert "huyện" not in page and '<div class="issuer-name">ỦY BAN NHÂN DÂN<br/>XÃ KIM SƠN</div>' in page


# ---------------------------------------------------------------- summary.json


def test_summary_json_gives_the_rank_in_the_block_and_its_change_and_no_rank_across_blocks_unless_asked():
    data = summary.of(province())
    names = [u["name"] for u in data["units"]]
    assert names == ["An Bình", "Bắc Sơn", "Cát Lộc", "Đông Hải", "Gia Lâm", "Hạ Long", "Kim Sơn"]  # by block
    assert [(u["block_rank"], u["prev_block_rank"], u["block_rank_change"]) for u in data["units"]] == [
        (1, 1, 0),
        (2, 1, -1),
        (3, 1, -2),
        (1, 2, 1),
        (2, 2, 0),
        (3, 2, -1),
        (4, 1, -3),
    ]
    assert not any(key in u for u in data["units"] for key in ("rank", "prev_rank", "rank_change"))
    assert not any("rank" in w for w in data["weakest_units"])
    across = summary.of(province(ACROSS))
    assert [u["rank"] for u in across["units"]] == [1, 3, 5, 1, 4, 6, 7]
    assert set(across["units"][0]) == set(summary.UNIT_KEYS)


def test_without_blocks_summary_json_keeps_the_one_ranking_under_both_names():
    data = summary.of(district())
    assert [(u["name"], u["rank"], u["block_rank"]) for u in data["units"]] == [
        ("An Bình", 1, 1),
        ("Bình Minh", 2, 2),
        ("Cát Lộc", 3, 3),
    ]


def test_scores_xlsx_ranks_by_block_and_across_the_blocks_only_when_asked(tmp_path):
    from pipeline.write import workbook

    def units_sheet(a):
        workbook.write_scores(a, tmp_path / "scores.xlsx")
        return list(load_workbook(tmp_path / "scores.xlsx")["Đơn vị"].values)

    header, *rows = units_sheet(province(ACROSS))
    assert header[:4] == ("Khối", "Hạng trong khối", "Hạng chung", "Đơn vị")
    assert [r[:3] for r in rows] == [
        ("Khối phường", 1, 1),
        ("Khối phường", 2, 3),
        ("Khối phường", 3, 5),
        ("Khối xã, đặc khu", 1, 1),
        ("Khối xã, đặc khu", 2, 4),
        ("Khối xã, đặc khu", 3, 6),
        ("Khối xã, đặc khu", 4, 7),
    ]
    change = header.index("Thay đổi thứ hạng trong khối (bậc)")
    assert [r[change] for r in rows] == [0, -1, -2, 1, 0, -1, -3]
    assert "Hạng chung" not in units_sheet(province())[0]
    assert units_sheet(district())[0][0] == "Hạng"


def test_a_block_name_reaches_the_annex_and_the_letters_as_typed(tmp_path):
    hostile = '=HYPERLINK("x") <b>Khối</b> #y $z$'
    blocks = (replace(COUNCIL.blocks[0], name=hostile), COUNCIL.blocks[1])
    a = province(replace(COUNCIL, blocks=blocks))
    documents.write_annex(a, tmp_path / "annex.xlsx", tmp_path / "annex.docx", None)
    cells = [c for row in load_workbook(tmp_path / "annex.xlsx").active.iter_rows() for c in row if c.value]
    [heading] = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert heading.value == 'I. =HYPERLINK("X") <B>KHỐI</B> #Y $Z$ (03 đơn vị)' and heading.data_type == "s"
    assert heading.value in [p.text for p in Document(tmp_path / "annex.docx").paragraphs]
    letter = documents.unit_documents(a)["An Bình"]
    assert f"xếp thứ 1/3 trong {hostile} (bình quân của khối: 8,00 điểm)" in letter["headline"]
    page = html.render("unit.html.j2", **letter)
    assert "<b>Khối</b>" not in page and "&lt;b&gt;Khối&lt;/b&gt;" in page


def test_the_annex_note_gives_each_blocks_rules_and_floors_when_they_differ():
    # Khối phường: Xuất sắc from 90% with no field below 80% (Hải Dương 2024); the other block the defaults
    rules = GradeRules({(None, "Khối phường"): {"xuat_sac": (90, 80)}})
    note = documents.annex(province(replace(COUNCIL, grade_rules=rules)))["note"]
    assert (
        "Khối phường: Xuất sắc từ 90% (không có lĩnh vực nào dưới 80%); Tốt từ 80% đến dưới 90%;" in note
        and "Khối xã, đặc khu: Xuất sắc từ 90%; Tốt từ 80% đến dưới 90%;" in note
    )


def test_the_annex_keeps_its_header_in_view_and_names_its_issuer(tmp_path):
    # the province's annex: the first block's header frozen (rows 1-3 titles, 5 the heading, 6 the header);
    # the one-ranking district's: its header repeated on every printed page; the Word file's author is the
    # chairman who signs the decision, not the software
    documents.write_annex(province(), tmp_path / "annex.xlsx", tmp_path / "annex.docx", None)
    sheet = load_workbook(tmp_path / "annex.xlsx").active
    assert sheet.freeze_panes == "C7" and not sheet.print_title_rows
    assert Document(tmp_path / "annex.docx").core_properties.author == "Chủ tịch UBND tỉnh Thử"
    documents.write_annex(district(), tmp_path / "d.xlsx", tmp_path / "d.docx", None)
    sheet = load_workbook(tmp_path / "d.xlsx").active
    assert sheet.print_title_rows == "$5:$5" and sheet.freeze_panes == "C6"
