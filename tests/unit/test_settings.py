"""The settings file <raw>/<group>/report.toml: read, checked as a whole, errors naming the file and key."""

from pathlib import Path

import pytest

from pipeline.core.errors import DataError, ProblemLog
from pipeline.model import grades, settings
from pipeline.model.grades import DEFAULT_THRESHOLDS, Thresholds

FULL = """
[body]
level = "province"
kind = "thành phố"
name = "Hải Phòng"
units = "communes"

[letterhead]
parent = "UBND THÀNH PHỐ HẢI PHÒNG"
issuer = "SỞ NỘI VỤ"
symbol = "Số:      /BC-SNV"

[report]
weakest = 5

[grades]
xuat_sac = 92.5
tot = 85
kha = 70
trung_binh = 55

[[block]]
name = "Khối phường"
types = ["Phường"]

[[block]]
name = "Khối xã, đặc khu"
types = ["xã", "đặc khu"]
"""


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "Thành phố Hải Phòng"
    folder.mkdir(exist_ok=True)
    path = folder / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[str, str, str]]:
    log = ProblemLog()
    settings.load(path, log)
    return [(p.rule, p.file, p.text()) for p in log.errors]


def test_every_key_is_read(tmp_path):
    got = settings.read(write(tmp_path, FULL))
    assert (got.level, got.kind, got.name, got.units) == ("province", "thành phố", "Hải Phòng", "communes")
    assert (got.parent, got.issuer, got.symbol) == ("UBND THÀNH PHỐ HẢI PHÒNG", "SỞ NỘI VỤ", "Số:      /BC-SNV")
    assert got.weakest == 5
    assert got.thresholds == Thresholds(92.5, 85.0, 70.0, 55.0)
    assert got.blocks == (
        settings.Block("Khối phường", types=("phường",)),  # type words compared in lower case
        settings.Block("Khối xã, đặc khu", types=("xã", "đặc khu")),
    )
    assert got.file == "Thành phố Hải Phòng/report.toml"


def test_body_words_are_read_in_any_case(tmp_path):
    got = settings.read(write(tmp_path, '[body]\nlevel = "Province"\nkind = "Thành Phố"\n'))
    assert (got.level, got.kind) == ("province", "thành phố")


def test_no_file_gives_the_defaults(tmp_path):
    got = settings.read(tmp_path / "report.toml")
    assert got.level is None and got.blocks == () and got.weakest is None
    assert got.thresholds == DEFAULT_THRESHOLDS


def test_a_partial_grades_table_keeps_the_other_defaults(tmp_path):
    got = settings.read(write(tmp_path, "[grades]\ntot = 85\n"))
    assert got.thresholds == Thresholds(90.0, 85.0, 70.0, 50.0)


def test_unknown_keys_are_errors_naming_the_file_and_the_key(tmp_path):
    path = write(tmp_path, '[body]\nlevle = "province"\n[grade]\ntot = 80\n[[block]]\nname = "A"\ntype = ["xã"]\n')
    found = problems_of(path)
    file = "Thành phố Hải Phòng/report.toml"
    known = "body, letterhead, report, grades, block, maxima, sample"
    assert ("settings-unknown-key", file, f"unknown key 'grade' (known here: {known})") in found
    assert ("settings-unknown-key", file, "unknown key 'body.levle' (known here: level, kind, name, units)") in found
    assert ("settings-unknown-key", file, "unknown key 'block[1].type' (known here: name, types, units)") in found
    assert len(found) == 4  # and block 1 has neither 'types' nor 'units'


def test_thresholds_out_of_order_are_an_error_naming_the_key(tmp_path):
    path = write(tmp_path, "[grades]\nxuat_sac = 90\ntot = 70\nkha = 80\n")
    [(rule, file, text)] = problems_of(path)
    assert rule == "settings-threshold-order"
    assert text.startswith("key 'grades': grade thresholds must go down")
    assert text.endswith("(found xuat_sac = 90, tot = 70, kha = 80, trung_binh = 50)")


def test_threshold_above_100_is_an_error(tmp_path):
    [(rule, _, text)] = problems_of(write(tmp_path, "[grades]\nxuat_sac = 120\n"))
    assert rule == "settings-bad-value"
    assert text == (
        "key 'grades.xuat_sac' must be a number from 0 to 100, or a table such as { from = 90, floor = 80 }"
    )


@pytest.mark.parametrize(
    "text, key",
    [
        ('[body]\nlevel = "tinh"\n', "body.level"),
        ('[body]\nunits = "wards"\n', "body.units"),
        ("[report]\nweakest = 0\n", "report.weakest"),
        ('[report]\nweakest = "3"\n', "report.weakest"),
        ('[grades]\ntot = "80"\n', "grades.tot"),
        ("[letterhead]\nsymbol = 5\n", "letterhead.symbol"),
        ('[[block]]\nname = "A"\ntypes = []\n', "block[1].types"),
        ('[[block]]\nname = "A"\ntypes = ["xã"]\nunits = ["An Bình"]\n', "block[1]"),
    ],
)
def test_values_of_the_wrong_kind_name_the_key(tmp_path, text, key):
    [(rule, _, message)] = problems_of(write(tmp_path, text))
    assert rule == "settings-bad-value"
    assert message.startswith(f"key '{key}' must be")


def test_a_file_that_is_not_toml_is_an_error_and_read_raises_a_data_error(tmp_path):
    path = write(tmp_path, "[body\nname = 'x'\n")
    with pytest.raises(DataError) as raised:
        settings.read(path)
    [problem] = raised.value.problems
    assert (problem.rule, problem.file) == ("settings-unreadable", "Thành phố Hải Phòng/report.toml")
    assert isinstance(raised.value, settings.SettingsError)


GRADE_RULES = """
[grades]
xuat_sac = { from = 90, floor = 80 }
tot = { from = 80, floor = 70 }

[grades.2024]
tot = 85

[grades."Khối xã"]
xuat_sac = 80
tot = 70
kha = 60
trung_binh = 40

[grades.2024."Khối xã"]
xuat_sac = 85

[[block]]
name = "Khối phường"
types = ["phường"]

[[block]]
name = "Khối xã"
types = ["xã"]
"""


def test_grade_rules_by_year_and_block_each_level_replacing_the_grades_it_names(tmp_path):
    got = settings.read(write(tmp_path, GRADE_RULES))
    rules = lambda year, block: grades.rules_for(got, year, block)  # noqa: E731
    # [grades] alone: Hải Dương's floors
    assert rules(2023, "Khối phường") == Thresholds(90, 80, 70, 50, floors=(80, 70, None, None))
    assert got.thresholds == rules(2023, "Khối phường") == rules(2023, "")
    # 2024 replaces Tốt, floor and all
    assert rules(2024, "Khối phường") == Thresholds(90, 85, 70, 50, floors=(80, None, None, None))
    # the block replaces every grade, in every year
    assert rules(2023, "Khối xã") == Thresholds(80, 70, 60, 40)
    # 2024 in Khối xã: the year's Tốt 85 gives way to the block's 70; Xuất sắc is the block-year's 85
    assert rules(2024, "Khối xã") == Thresholds(85, 70, 60, 40)
    assert grades.rules_for(None, 2024, "Khối xã") == DEFAULT_THRESHOLDS


def test_a_bad_grade_rule_is_an_error_naming_the_file_the_table_and_the_key(tmp_path):
    text = (
        "[grades]\nxuat_sac = { from = 90, floor = 180 }\ntot = { form = 80 }\n"
        '[grades."Khối phuong"]\ntot = 85\n'
        '[grades.2024]\nkha = "70"\n'
        '[grades.2024."Khối phường"]\ntot = 95\n'
        '[[block]]\nname = "Khối phường"\ntypes = ["phường"]\n'
    )
    found = [(rule, message) for rule, _, message in problems_of(write(tmp_path, text))]
    assert found == [
        ("settings-bad-value", "key 'grades.xuat_sac.floor' must be a number from 0 to 100"),
        ("settings-unknown-key", "unknown key 'grades.tot.form' (known here: from, floor)"),
        ("settings-bad-value", "key 'grades.tot.from' must be a number from 0 to 100"),
        (
            "settings-unknown-key",
            "unknown key 'grades.\"Khối phuong\"' (known here: xuat_sac, tot, kha, trung_binh, a year such as 2024, "
            'a block\'s name ("Khối phường"))',
        ),
        (
            "settings-bad-value",
            "key 'grades.2024.kha' must be a number from 0 to 100, or a table such as { from = 90, floor = 80 }",
        ),
        (
            "settings-threshold-order",
            "key 'grades.2024.\"Khối phường\"': grade thresholds must go down from 'xuat_sac' to 'trung_binh', "
            "each between 0 and 100 (found xuat_sac = 90, tot = 95, kha = 70, trung_binh = 50)",
        ),
    ]
    with pytest.raises(DataError):
        settings.read(write(tmp_path, text))


def test_the_readmes_grade_rules_example_reads_as_it_says(tmp_path):
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("[grades]                          # every block and year")
    example = readme[start : readme.index("```", start)]
    blocks = (
        '[[block]]\nname = "Khối phường"\ntypes = ["phường"]\n[[block]]\nname = "Khối xã, đặc khu"\ntypes = ["xã"]\n'
    )
    got = settings.read(write(tmp_path, example + blocks))
    rules = lambda year, block: grades.rules_for(got, year, block)  # noqa: E731
    assert rules(2023, "Khối phường") == Thresholds(90, 80, 70, 50, floors=(80, 70, None, None))
    assert rules(2024, "Khối phường") == Thresholds(90, 85, 70, 50, floors=(80, None, None, None))
    assert rules(2023, "Khối xã, đặc khu") == Thresholds(88, 80, 70, 50, floors=(None, 70, None, None))
    assert rules(2024, "Khối xã, đặc khu") == Thresholds(88, 85, 70, 50)
    assert rules(2025, "Khối xã, đặc khu") == Thresholds(88, 80, 65, 50, floors=(None, 70, None, None))


def test_the_sample_mark_and_a_blocks_kinds_field_are_read_and_checked(tmp_path):
    good = write(tmp_path, 'sample = true\n[[block]]\nname = "Khối {kinds}"\ntypes = ["xã", "thị trấn"]\n')
    read = settings.read(good)
    assert read.sample is True and read.blocks[0].name == "Khối {kinds}"
    assert settings.read(write(tmp_path, "[report]\nweakest = 2\n")).sample is False
    bad = write(
        tmp_path,
        'sample = "có"\n[[block]]\nname = "Khối {loai}"\ntypes = ["xã"]\n'
        '[[block]]\nname = "Khối {kinds}"\nunits = ["An Bình"]\n',
    )
    file = "Thành phố Hải Phòng/report.toml"
    assert problems_of(bad) == [
        ("settings-bad-value", file, "key 'sample' must be true or false"),
        ("settings-bad-value", file, "key 'block[1].name' must be a text whose only field is \"{kinds}\""),
        ("settings-bad-value", file, "key 'block[2].name' must be a name without \"{kinds}\" (a block of named units)"),
    ]


def test_a_block_named_by_its_kinds_is_graded_by_its_own_rules(tmp_path):
    # "Khối {kinds}" shows as "Khối xã"; its rules ask 95 for Xuất sắc, so 92 (of 100) is Tốt there,
    # while the same 92 is Xuất sắc in Khối phường, on the default rules
    from pipeline.model import analysis
    from tests.helpers.tables import fields_only

    text = (
        '[grades."Khối {kinds}"]\nxuat_sac = 95\n'
        '[[block]]\nname = "Khối phường"\ntypes = ["phường"]\n'
        '[[block]]\nname = "Khối {kinds}"\ntypes = ["xã"]\n'
    )
    got = settings.read(write(tmp_path, text))
    table = fields_only({"An Bình": (4.6, 4.6), "Bình Minh": (4.6, 4.6)})
    table.loc[table["unit"] == "Bình Minh", "unit_type"] = "phường"
    a = analysis.analyse(table, settings=got)
    grade = dict(zip(a.units["name"], zip(a.units["block"], a.units["grade"], strict=True), strict=True))
    assert grade == {"An Bình": ("Khối xã", "Tốt"), "Bình Minh": ("Khối phường", "Xuất sắc")}
