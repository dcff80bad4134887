"""The settings file <raw>/<group>/report.toml: read, checked as a whole, errors naming the file and key."""

from pathlib import Path

import pytest

from pipeline.core.errors import DataError, ProblemLog
from pipeline.model import settings
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
    [(rule, _, _)] = problems_of(write(tmp_path, "[grades]\nxuat_sac = 120\n"))
    assert rule == "settings-threshold-order"


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
