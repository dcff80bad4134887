"""The scoring body and the level of its units: from the folder name, the units' types, the settings."""

import pytest

from pipeline.model.body import body_of, split_body_name
from pipeline.model.settings import Settings
from pipeline.read import layout
from pipeline.write import summary


@pytest.mark.parametrize(
    "folder, level, kind, name",
    [
        ("Tỉnh Lai Châu", "province", "tỉnh", "Lai Châu"),
        ("TỈNH LAI CHÂU", "province", "tỉnh", "LAI CHÂU"),
        ("Tinh Lai Chau", "province", "tỉnh", "Lai Chau"),  # typed without diacritics
        ("Thành phố Hải Phòng", "province", "thành phố", "Hải Phòng"),  # a centrally-run city
        ("TP. Hải Phòng", "province", "thành phố", "Hải Phòng"),
        ("Thanh pho Ha Noi", "province", "thành phố", "Ha Noi"),
        ("Thành phố Lai Châu", "district", "thành phố", "Lai Châu"),  # a provincial city: district level
        ("Huyện Phong Thổ", "district", "huyện", "Phong Thổ"),
        ("huyen Phong Tho", "district", "huyện", "Phong Tho"),
        ("Thị xã Sa Pa", "district", "thị xã", "Sa Pa"),
        ("Quận Ba Đình", "district", "quận", "Ba Đình"),
        ("Phong Thổ", "district", "huyện", "Phong Thổ"),  # a plain name keeps today's meaning
        ("Tịnh Biên", "district", "huyện", "Tịnh Biên"),  # a district, not "tỉnh Biên"
        ("Quan Hóa", "district", "huyện", "Quan Hóa"),  # a district, not "quận Hóa"
    ],
)
def test_the_folder_name_gives_the_level(folder, level, kind, name):
    body = body_of(folder)
    assert (body.level, body.kind, body.name) == (level, kind, name)


def test_split_without_a_name_after_the_prefix_keeps_the_word():
    assert split_body_name("Huyện") == (None, "Huyện")


def test_district_of_communes_says_what_it_said_before():
    body = body_of("Phong Thổ", ["xã", "thị trấn", "xã", None])
    assert body.units == "communes"
    assert body.units_phrase == "các xã, thị trấn trên địa bàn huyện Phong Thổ"
    assert (body.parent, body.title) == ("UBND HUYỆN PHONG THỔ", "huyện Phong Thổ")


def test_province_of_communes_after_2025():
    body = body_of("Tỉnh Lai Châu", ["phường", "xã", "đặc khu"])
    assert body.units_phrase == "các xã, phường, đặc khu trên địa bàn tỉnh Lai Châu"
    assert body.parent == "UBND TỈNH LAI CHÂU"
    assert summary.body(body) == {"level": "province", "name": "Lai Châu", "kind": "tỉnh", "units": "communes"}


def test_province_with_no_unit_types_names_the_post_2025_kinds():
    assert body_of("Tỉnh Lai Châu").units_phrase == "các xã, phường, đặc khu trên địa bàn tỉnh Lai Châu"


def test_a_plain_folder_of_districts_is_a_province_ranking_its_districts():
    body = body_of("Lai Châu", ["huyện", "thành phố", "huyện", "thị xã"])
    assert (body.level, body.kind, body.units) == ("province", "tỉnh", "districts")
    assert body.units_phrase == "các huyện, thị xã, thành phố trên địa bàn tỉnh Lai Châu"


def test_only_the_kinds_present_are_named():
    assert body_of("Lai Châu", ["huyện", "thành phố"]).units_phrase == "các huyện, thành phố trên địa bàn tỉnh Lai Châu"


def test_a_plain_folder_of_departments_is_a_province_ranking_its_departments():
    body = body_of("Lai Châu", ["sở", "sở", "ban", None])
    assert (body.level, body.units, body.units_phrase) == ("province", "departments", "các sở, ban, ngành")


def test_settings_override_what_is_inferred():
    settings = Settings(
        level="province",
        kind="thành phố",
        name="Hải Phòng",
        parent="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        issuer="SỞ NỘI VỤ",
        symbol="Số:   /BC-SNV",
    )
    body = body_of("HP 2025", ["phường", "xã"], settings)
    assert (body.level, body.kind, body.name) == ("province", "thành phố", "Hải Phòng")
    assert body.parent == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    assert (body.issuer, body.symbol) == ("SỞ NỘI VỤ", "Số:   /BC-SNV")
    assert body.units_phrase == "các xã, phường trên địa bàn thành phố Hải Phòng"


def test_the_slug_is_the_folder_names_and_existing_slugs_do_not_change(tmp_path):
    def slug(name):
        return layout.DistrictYear(name, 2025, tmp_path / name / "2025").slug

    assert slug("Phong Thổ") == "phong-tho"
    assert slug("Tỉnh Lai Châu") == "tinh-lai-chau"
    assert slug("Thành phố Lai Châu") == "thanh-pho-lai-chau"  # never the province's
    dy = layout.DistrictYear("Tỉnh Lai Châu", 2025, tmp_path / "Tỉnh Lai Châu" / "2025")
    assert dy.settings_path == tmp_path / "Tỉnh Lai Châu" / "report.toml"
