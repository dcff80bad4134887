"""Unit types and names as clerks write them: in names, title lines, tab and file names. Expectations by hand."""

import unicodedata

import pytest

from pipeline.model.units import kinds_phrase, split_unit_type, strip_parent, unit_label, unit_level
from pipeline.read.unit_names import FILE, TAB, TITLE, UnitName, plumbing, unit_from_name, unit_from_sheet_names
from pipeline.read.unit_names import unit_from_title as _unit_from_title


def unit_from_title(*lines: str, group: str | None = "Phong Thổ") -> UnitName | None:
    return _unit_from_title([[line] for line in lines], group)


# ---------------------------------------------------------------- types (issue 9, item 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # communes
        ("Xã Mường So", ("xã", "Mường So")),
        ("X. Mường So", ("xã", "Mường So")),
        ("xa muong so", ("xã", "Muong So")),
        ("PHƯỜNG TÂN PHÚ", ("phường", "Tân Phú")),
        ("P. Tân Phú", ("phường", "Tân Phú")),
        ("P.Tan Phu", ("phường", "Tan Phu")),
        ("Phuong Tan Phu", ("phường", "Tan Phu")),
        ("Phường 12", ("phường", "12")),
        ("thị trấn Phong Thổ", ("thị trấn", "Phong Thổ")),
        ("TT. Phong Thổ", ("thị trấn", "Phong Thổ")),
        ("TT Phong Thổ", ("thị trấn", "Phong Thổ")),
        ("Thi tran Phong Tho", ("thị trấn", "Phong Tho")),
        ("Đặc khu Phú Quốc", ("đặc khu", "Phú Quốc")),
        ("ĐK. Phú Quốc", ("đặc khu", "Phú Quốc")),
        ("dac khu Phu Quoc", ("đặc khu", "Phu Quoc")),
        # districts
        ("Huyện Phong Thổ", ("huyện", "Phong Thổ")),
        ("H. Phong Thổ", ("huyện", "Phong Thổ")),
        ("UBND HUYỆN PHONG THỔ", ("huyện", "Phong Thổ")),
        ("Quận Hoàn Kiếm", ("quận", "Hoàn Kiếm")),
        ("Q. Hoàn Kiếm", ("quận", "Hoàn Kiếm")),
        ("thị xã Sơn Tây", ("thị xã", "Sơn Tây")),
        ("TX. Sơn Tây", ("thị xã", "Sơn Tây")),
        ("Thành phố Lai Châu", ("thành phố", "Lai Châu")),
        ("TP. Lai Châu", ("thành phố", "Lai Châu")),
        ("TP Lai Chau", ("thành phố", "Lai Chau")),
        # departments and other named bodies keep their whole name
        ("Sở Nội vụ", ("sở", "Sở Nội vụ")),
        ("SỞ TƯ PHÁP", ("sở", "Sở Tư Pháp")),
        ("Ban Dân tộc", ("ban", "Ban Dân tộc")),
        ("Văn phòng UBND tỉnh", ("ngành", "Văn phòng UBND tỉnh")),
        ("Thanh tra tỉnh", ("ngành", "Thanh tra tỉnh")),
        # names that only look like a type: "Quan", "Xà", "Ban" begin real names
        ("Quan Hóa", (None, "Quan Hóa")),
        ("Xà Phiên", (None, "Xà Phiên")),
        ("Ban Lang", (None, "Ban Lang")),
        ("Bản Lang", (None, "Bản Lang")),
        ("P Tân Phú", (None, "P Tân Phú")),  # one letter with diacritics after it needs its dot
        ("Thị xã", (None, "Thị xã")),
    ],
)
def test_every_type_and_abbreviation_with_and_without_diacritics_in_any_case(raw, expected):
    assert split_unit_type(raw) == expected
    assert split_unit_type(raw.upper())[0] == expected[0]
    assert split_unit_type(unicodedata.normalize("NFD", raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mường So, huyện Phong Thổ", "Mường So"),
        ("Mường So - huyện Phong Thổ", "Mường So"),
        ("Mường So (huyện Phong Thổ)", "Mường So"),
        ("Mường So huyện Phong Thổ", "Mường So"),
        ("Phong Thổ, tỉnh Lai Châu", "Phong Thổ"),
        ("Tân Phú, TP. Hồ Chí Minh", "Tân Phú"),
        ("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),  # "tỉnh" with no name after it is part of the name
        ("Thành phố Lai Châu", "Thành phố Lai Châu"),  # never the first word
    ],
)
def test_the_parent_body_after_a_name_is_dropped(raw, expected):
    assert strip_parent(raw) == expected


def test_labels_levels_and_kinds():
    assert unit_label("Mường So", "xã") == "xã Mường So"
    assert unit_label("Sở Nội vụ", "sở") == "Sở Nội vụ"
    assert unit_label("Chợ Vàm", None) == "Chợ Vàm"
    assert [unit_level(t) for t in ("đặc khu", "thị xã", "ngành", None)] == [1, 2, 3, None]
    assert kinds_phrase({"thị trấn", "xã"}) == "xã, thị trấn"
    assert kinds_phrase({"thành phố", "huyện", "thị xã"}) == "huyện, thị xã, thành phố"
    assert kinds_phrase({"ban", "sở"}) == "sở, ban"


# ---------------------------------------------------------------- title lines (issue 10, item 1)

MUONG_SO = UnitName("xã", "Mường So", TITLE)


@pytest.mark.parametrize(
    "line",
    [
        "UBND XÃ MƯỜNG SO",
        "ỦY BAN NHÂN DÂN XÃ MƯỜNG SO",
        "Uỷ ban nhân dân xã Mường So",
        "ubnd xã mường so",
        "Đơn vị: Xã Mường So",
        "Tên đơn vị: UBND xã Mường So",
        "ĐƠN VỊ: UBND XÃ MƯỜNG SO",
        "Đơn vị được thẩm định: xã Mường So",
        "Cơ quan: Xã Mường So",
        "Xã Mường So",
        "X. Mường So",
        "UBND xã Mường So, huyện Phong Thổ",
        "UBND XÃ MƯỜNG SO - HUYỆN PHONG THỔ",
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC CỦA UBND XÃ MƯỜNG SO NĂM 2023",
        "Kết quả đánh giá Chỉ số CCHC năm 2023 của xã Mường So",
    ],
)
def test_every_title_line_form_names_the_unit(line):
    assert unit_from_title(line) == MUONG_SO
    assert unit_from_title(unicodedata.normalize("NFD", line)) == MUONG_SO
    assert unit_from_title("UBND HUYỆN PHONG THỔ", line, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == MUONG_SO


def test_a_labelled_name_needs_no_type():
    assert unit_from_title("Đơn vị: Mường So") == UnitName(None, "Mường So", TITLE)


def test_an_explicit_line_is_taken_as_written_a_bare_cell_must_look_like_a_name():
    assert unit_from_title("UBND XÃ EA H’LEO") == UnitName("xã", "Ea H'leo", TITLE)
    assert unit_from_title("UBND XÃ <b>") == UnitName("xã", "<b>", TITLE)  # escaped by the report, not refused
    assert unit_from_title("Xã <b>") is None


def test_a_label_in_its_own_cell_takes_the_next_cell():
    assert _unit_from_title([["Đơn vị:", None, "Xã Mường So"]], "Phong Thổ") == MUONG_SO


def test_a_line_naming_the_group_is_the_parent_body_not_the_unit():
    assert unit_from_title("UBND HUYỆN PHONG THỔ", "BẢNG TỔNG HỢP KẾT QUẢ NĂM 2023") is None
    assert unit_from_title("UBND HUYỆN PHONG THỔ", group="Huyện Phong Thổ") is None
    assert unit_from_title("UBND TỈNH LAI CHÂU", group="Tỉnh Lai Châu") is None
    assert unit_from_title("UBND HUYỆN HUYỆN MẪU 01", group="Huyện Mẫu 01") is None  # the type written twice
    # the town named like its district is a unit
    assert unit_from_title("UBND HUYỆN PHONG THỔ", "UBND THỊ TRẤN PHONG THỔ") == UnitName(
        "thị trấn", "Phong Thổ", TITLE
    )


def test_a_district_sheet_of_a_province_names_the_district():
    assert unit_from_title("UBND TỈNH LAI CHÂU", "UBND HUYỆN PHONG THỔ", group="Lai Châu") == UnitName(
        "huyện", "Phong Thổ", TITLE
    )


def test_without_the_group_the_lowest_level_line_is_the_unit():
    assert unit_from_title("UBND HUYỆN PHONG THỔ", "UBND XÃ MƯỜNG SO", group=None) == MUONG_SO


def test_a_department_is_named_by_a_label_not_by_a_letterhead():
    assert unit_from_title("UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ", group="Lai Châu") is None
    assert unit_from_title("SỞ NỘI VỤ", "Cơ quan: Sở Tư pháp", group="Lai Châu") == UnitName("sở", "Sở Tư pháp", TITLE)


@pytest.mark.parametrize(
    "line",
    [
        "Đơn vị tính: điểm",
        "BẢNG TỔNG HỢP KẾT QUẢ CHỈ SỐ CCHC CỦA CÁC XÃ, THỊ TRẤN NĂM 2023",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Xã hội hóa công tác văn hóa, thông tin trên địa bàn toàn huyện",
        "TM. HỘI ĐỒNG THẨM ĐỊNH",
        "Xã",
    ],
)
def test_lines_that_name_no_unit(line):
    assert unit_from_title(line) is None


# ---------------------------------------------------------------- tab and file names (issue 10, item 2)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("01_Xa_Muong So", ("xã", "Muong So")),
        ("02_Xa_Muong_So_CCHC_2022", ("xã", "Muong So")),
        ("05. Xã Tung Qua Lìn", ("xã", "Tung Qua Lìn")),
        ("TT Phong Tho - 2023", ("thị trấn", "Phong Tho")),
        ("xa-ban-lang_2023_tham-dinh", ("xã", "Ban Lang")),
        ("Ban Lang (1)", (None, "Ban Lang")),
        ("P.Tan Phu", ("phường", "Tan Phu")),
        ("X. Mường So - thẩm định - final", ("xã", "Mường So")),
        ("Bang diem CCHC Mường So nam 2023", (None, "Mường So")),
        ("Copy of 03_Khong_Lao_CCHC_2023 v2", (None, "Khong Lao")),
        ("Phuong 12", ("phường", "12")),
        ("Nam Xe", (None, "Nam Xe")),
        ("H. Phong Thổ", ("huyện", "Phong Thổ")),
        ("TX.Son Tay", ("thị xã", "Son Tay")),
        ("TP Lai Chau", ("thành phố", "Lai Chau")),
        ("an_binh", (None, "An Binh")),
    ],
)
def test_tab_and_file_names_as_clerks_save_them(stem, expected):
    found = unit_from_name(stem)
    assert (found.unit_type, found.name, found.source) == (*expected, FILE)


@pytest.mark.parametrize("stem", ["Sheet1", "Bảng điểm", "Book1", "bang_diem", "CCHC_final_v2", "data.xlsx", "2023"])
def test_names_that_name_no_unit(stem):
    assert unit_from_name(stem) is None


def test_a_tab_per_unit_names_by_the_tab_a_single_tab_by_the_file():
    assert unit_from_sheet_names("Xã Phú Long", "Bang diem 2023", tabs_in_file=10) == UnitName("xã", "Phú Long", TAB)
    assert unit_from_sheet_names("Sheet1", "02_Xa_Muong So", tabs_in_file=1) == UnitName("xã", "Muong So", FILE)
    assert unit_from_sheet_names("Xã An Bình", "bang_diem", tabs_in_file=1) == UnitName("xã", "An Bình", TAB)
    assert unit_from_sheet_names("Sheet1", "Book1", tabs_in_file=1) is None


# ---------------------------------------------------------------- plumbing (issue 10, item 4)


@pytest.mark.parametrize(
    ("name", "unit_type", "why"),
    [
        ("01_Xa_Mừng So", None, "underscore"),
        ("Mường So.xlsx", "xã", "file extension"),
        ("Mường So 2023", "xã", "year"),
        ("Book1", None, "digits"),
        ("Xã", None, "type word alone"),
        ("TT.", None, "type word alone"),
        ("Mường So", "xã", None),
        ("12", "phường", None),
        ("Sở Nội vụ", "sở", None),
    ],
)
def test_a_name_made_by_plumbing_is_told_apart(name, unit_type, why):
    assert plumbing(name, unit_type) == why
