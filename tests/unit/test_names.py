import unicodedata

import pytest

from pipeline.text import name_key, normalise_text, slugify
from pipeline.units import split_unit_type


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Phong Thổ", "phong-tho"),
        ("Đà Nẵng", "da-nang"),
        ("  Nậm Nhùn ", "nam-nhun"),
        ("Phú Tân / An Giang", "phu-tan-an-giang"),
        (unicodedata.normalize("NFD", "Phong Thổ"), "phong-tho"),
    ],
)
def test_slug_drops_diacritics_and_joins_words_with_dashes(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("UBND xã Mường So", ("xã", "Mường So")),
        ("Xã Bắc Sơn", ("xã", "Bắc Sơn")),
        ("xã bắc sơn", ("xã", "Bắc Sơn")),
        ("THỊ TRẤN PHONG THỔ", ("thị trấn", "Phong Thổ")),
        ("TT. Phong Thổ", ("thị trấn", "Phong Thổ")),
        ("Ủy ban nhân dân phường Hòa Thuận", ("phường", "Hòa Thuận")),
        ("Mường So", (None, "Mường So")),
        ("Thị trấn", (None, "Thị trấn")),  # a type alone is not a name
    ],
)
def test_type_prefix_is_split_from_the_name(raw, expected):
    assert split_unit_type(raw) == expected


def test_both_tone_mark_styles_become_one():
    assert normalise_text("Hoà Bình") == "Hòa Bình"
    assert normalise_text("Thuý") == "Thúy"
    assert normalise_text("Khoẻ") == "Khỏe"


def test_tone_marks_that_are_not_a_style_choice_stay():
    assert normalise_text("quý") == "quý"  # the u belongs to "qu"
    assert normalise_text("Hoàn") == "Hoàn"  # a final consonant fixes the mark's place
    assert normalise_text("Nguyễn") == "Nguyễn"


def test_curly_apostrophes_and_nfd_compare_equal():
    assert name_key("Ea H’leo") == name_key("ea h'leo")
    assert name_key(unicodedata.normalize("NFD", "Mường So")) == name_key("MƯỜNG SO")
