import unicodedata
from pathlib import Path

import pytest

from pipeline.core.text import name_key, normalise_text, slugify
from pipeline.model.units import split_unit_type
from pipeline.read.names import NameList, Spelling, entries_from_years, match_names, match_units


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


# ---------------------------------------------------------------- the names list


def name_list(*entries: tuple[str, str | None, list[str]]) -> NameList:
    return NameList(Path("phong-tho.csv"), [{"name": n, "type": t, "aliases": a} for n, t, a in entries])


def test_a_name_without_diacritics_finds_the_lists_spelling_and_says_so():
    names = name_list(("Mường So", "xã", []), ("Khổng Lào", "xã", []))
    matched = match_names({"Muong So": "xã", "Khổng Lào": "xã"}, names)
    assert matched.canonical == {"Muong So": "Mường So", "Khổng Lào": "Khổng Lào"}
    assert matched.messages == [("name-spelling", {"unit": "Muong So", "name": "Mường So", "list": "phong-tho.csv"})]


def test_an_alias_is_the_lists_spelling_silently():
    names = name_list(("Mường So", "xã", ["Mừng So"]))
    matched = match_names({"Mừng So": "xã"}, names)
    assert matched.canonical == {"Mừng So": "Mường So"} and matched.messages == []


def test_a_typo_is_a_fuzzy_match_to_confirm():
    matched = match_names({"Sim Suối Hồ": "xã"}, name_list(("Sin Suối Hồ", "xã", [])))
    assert matched.canonical == {"Sim Suối Hồ": "Sin Suối Hồ"}
    assert [rule for rule, _ in matched.messages] == ["name-fuzzy"]


def test_two_names_equal_but_for_diacritics_are_not_guessed_between():
    names = name_list(("Bản Lang", "xã", []), ("Bàn Lang", "xã", []))
    matched = match_names({"Ban Lang": None}, names)
    assert [rule for rule, _ in matched.messages][0] != "name-spelling"


def test_units_a_merger_explains_are_not_reported_missing():
    # Old Bản Lang and Mù Sang merged into the new Mường So (which kept an old name); Khổng Lào was not merged.
    names = NameList(
        Path("tinh-thu.csv"),
        [
            {"name": "Bản Lang", "type": "xã", "aliases": [], "merged_into": "Mường So"},
            {"name": "Mù Sang", "type": "xã", "aliases": [], "merged_into": "Mường So"},
            {"name": "Mường So", "type": "xã", "aliases": [], "merged_into": None},
            {"name": "Khổng Lào", "type": "xã", "aliases": [], "merged_into": None},
        ],
    )
    # After the merger: Bản Lang and Mù Sang are gone; only Khổng Lào is missing for a reason the list does not give.
    after = match_names({"Mường So": "xã"}, names)
    assert [m for m in after.messages if m[0] == "names-missing"] == [
        ("names-missing", {"units": "Khổng Lào", "list": "tinh-thu.csv"})
    ]
    # Before it, a new unit formed from this year's units is not missing either: "Mường So" was not formed yet.
    names.entries[2]["name"] = "Mường So Mới"
    names.entries[0]["merged_into"] = names.entries[1]["merged_into"] = "Mường So Mới"
    before = match_names({"Bản Lang": "xã", "Mù Sang": "xã", "Khổng Lào": "xã"}, names)
    assert [m for m in before.messages if m[0] == "names-missing"] == []


def spellings(year: int, *names: tuple[str, str | None, bool]) -> list[Spelling]:
    return [Spelling(name, unit_type, year, from_title) for name, unit_type, from_title in names]


def test_a_new_list_takes_the_most_recent_spelling_and_keeps_the_others_as_aliases():
    y2023 = spellings(2023, ("Mường So", "xã", True), ("Sin Suối Hồ", "xã", True), ("Phong Thổ", "thị trấn", True))
    y2022 = spellings(2022, ("Mừng So", "xã", True), ("Sim Suối Hồ", "xã", True), ("Phong Thổ", None, True))
    assert entries_from_years([y2023, y2022], Path("phong-tho.csv")) == [
        {"name": "Mường So", "type": "xã", "aliases": ["Mừng So"]},
        {"name": "Sin Suối Hồ", "type": "xã", "aliases": ["Sim Suối Hồ"]},
        {"name": "Phong Thổ", "type": "thị trấn", "aliases": []},
    ]


def test_diacritics_and_a_title_line_beat_a_more_recent_file_name():
    y2023 = spellings(2023, ("Khong Lao", "xã", False), ("Nậm Xe", None, False))
    y2022 = spellings(2022, ("Khổng Lào", "xã", True), ("Nậm Xe", "xã", True))
    assert entries_from_years([y2023, y2022], Path("phong-tho.csv")) == [
        {"name": "Khổng Lào", "type": "xã", "aliases": ["Khong Lao"]},
        {"name": "Nậm Xe", "type": "xã", "aliases": []},  # title line beats file name; the type from either
    ]


def test_a_unit_of_an_older_year_only_is_kept_after_the_recent_ones():
    y2023 = spellings(2023, ("Mường So", "xã", True))
    y2022 = spellings(2022, ("Mường So", "xã", True), ("Nậm Cười", "xã", True))
    assert [e["name"] for e in entries_from_years([y2023, y2022], Path("x.csv"))] == ["Mường So", "Nậm Cười"]


def test_two_units_of_one_name_and_different_types_match_their_own_entries(tmp_path):
    names = NameList(
        tmp_path / "t.csv",
        [
            {"name": "Tân Phú", "type": "phường", "aliases": []},
            {"name": "Tân Phú", "type": "xã", "aliases": ["Tan Phu"]},
        ],
    )
    matched = match_units([("Tân Phú", "xã"), ("Tân Phú", "phường")], names)
    assert matched.canonical == {("Tân Phú", "xã"): "Tân Phú", ("Tân Phú", "phường"): "Tân Phú"}
    assert matched.types == {("Tân Phú", "xã"): "xã", ("Tân Phú", "phường"): "phường"}
    assert matched.positions == {("Tân Phú", "xã"): 1, ("Tân Phú", "phường"): 0}
    assert matched.messages == []


def test_a_new_list_keeps_two_units_of_one_name_apart(tmp_path):
    year = [Spelling("Tân Phú", "phường", 2025, True), Spelling("Tân Phú", "xã", 2025, True)]
    before = [Spelling("Tân Phú", "xã", 2024, True)]
    entries = entries_from_years([year, before], tmp_path / "t.csv")
    assert [(e["name"], e["type"], e["aliases"]) for e in entries] == [("Tân Phú", "phường", []), ("Tân Phú", "xã", [])]
