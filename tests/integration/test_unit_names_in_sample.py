"""Unit names in the shipped sample, built as a new user would: a copy of the sample districts' sheets with no
names list yet. (Their sheets carry the names clerks type; the provinces' are published summary tables,
whose names the province tests read.)

Phong Thổ is issue 10's case: its files are named "NN_Xa_<ascii name>.xlsx", its title lines read
"Đơn vị: Xã …" (and other forms), its first year (2022) misspells Mường So, Sin Suối Hồ and Sì Lở Lầu as
seed 004 does, and one sheet a year has no title line naming the unit (2022 Pa Vây Sử, 2023 Khổng Lào).
"""

import csv
import html
import json
import re
import shutil

import pytest
from openpyxl import load_workbook

from pipeline.read import layout
from pipeline.sample import districts
from tests.helpers import ROOT
from tests.helpers.build import build, counts

PHONG_THO = [  # the generator's units, spelled right, as the names list must hold them
    ("Phong Thổ", "thị trấn", ""),
    ("Mường So", "xã", "Mừng So"),
    ("Khổng Lào", "xã", "Khong Lao"),
    ("Hoang Thèn", "xã", ""),
    ("Bản Lang", "xã", ""),
    ("Ma Li Pho", "xã", ""),
    ("Nậm Xe", "xã", ""),
    ("Sì Lở Lầu", "xã", "Sỉ Lở Lầu"),
    ("Dào San", "xã", ""),
    ("Tung Qua Lìn", "xã", ""),
    ("Mù Sang", "xã", ""),
    ("Vàng Ma Chải", "xã", ""),
    ("Mồ Sì San", "xã", ""),
    ("Pa Vây Sử", "xã", "Pa Vay Su"),
    ("Sin Suối Hồ", "xã", "Sim Suối Hồ"),
    ("Lản Nhì Thàng", "xã", ""),
    ("Huổi Luông", "xã", ""),
]
pytestmark = pytest.mark.slow  # builds the whole sample

PLUMBING = re.compile(r"[\d_]")


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("sample")
    for district in districts.SAMPLE_DISTRICTS:
        shutil.copytree(ROOT / "data" / "raw" / district.name, base / "data" / "raw" / district.name)
    result = build(base)
    assert result.returncode == 0, result.stderr
    every = len(layout.discover(base / "data" / "raw"))  # every sample district-year
    assert counts(result.stderr) == {"built": every, "skipped": 0, "failed": 0}
    return base


def summary(base, slug, year) -> dict:
    return json.loads((base / "out" / slug / str(year) / "summary.json").read_text(encoding="utf-8"))


def report_text(base, slug, year, with_notes: bool = True) -> str:
    """The report's visible text; without the data notes (which name files; templates/cchc/sections/
    data_notes.html.j2) if asked."""
    page = (base / "out" / slug / str(year) / "report.html").read_text(encoding="utf-8")
    if not with_notes:
        page = re.sub(r'<aside class="data-notes">.*?</aside>', "", page, flags=re.S)
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_created_names_list_holds_the_right_spellings_with_the_typos_as_aliases(sample_build):
    with (sample_build / "data" / "names" / "phong-tho.csv").open(encoding="utf-8") as handle:
        rows = [(r["name"], r["type"], r["aliases"]) for r in csv.DictReader(handle)]
    assert rows == PHONG_THO


@pytest.mark.parametrize("year", [2022, 2023])
def test_both_years_reports_show_the_right_names(sample_build, year):
    units = summary(sample_build, "phong-tho", year)["units"]
    assert sorted((u["name"], u["type"]) for u in units) == sorted((n, t) for n, t, _ in PHONG_THO)
    text = report_text(sample_build, "phong-tho", year)
    for right in (  # as the report's sentences and tables write them
        "xã Mường So",
        "xã Sin Suối Hồ",
        "xã Sì Lở Lầu",
        "xã Khổng Lào",
        "xã Pa Vây Sử",
        "thị trấn Phong Thổ",
    ):
        assert right in text
    for wrong in ("Mừng So", "Sim Suối Hồ", "Sỉ Lở Lầu"):
        assert wrong not in text
    outside_notes = report_text(sample_build, "phong-tho", year, with_notes=False)
    assert "Khong Lao" not in outside_notes and "Pa Vay Su" not in outside_notes


def test_every_unit_present_in_both_years_has_its_previous_rank(sample_build):
    before = {u["name"]: u["rank"] for u in summary(sample_build, "phong-tho", 2022)["units"]}
    units = summary(sample_build, "phong-tho", 2023)["units"]
    assert len(units) == len(before) == 17
    assert {u["name"]: u["prev_rank"] for u in units} == before


def test_a_name_taken_from_a_file_is_one_warning_naming_the_file_and_the_name(sample_build):
    warnings = summary(sample_build, "phong-tho", 2023)["warnings"]
    assert (
        "no title line names the unit; the tab or file name was used: 03_Xa_Khong Lao.xlsx → xã Khổng Lào" in warnings
    )


def test_no_output_of_the_sample_names_a_unit_with_a_digit_or_an_underscore(sample_build):
    for folder in sorted((sample_build / "out").glob("*/*/")):
        data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        names = [u["name"] for u in data["units"]] + [u["name"] for u in data["weakest_units"]]
        names += [unit for c in data["top_lost_criteria"] for unit in c.get("units", [])]
        assert not [n for n in names if PLUMBING.search(n)], folder
        book = load_workbook(folder / "scores.xlsx", read_only=True)
        for sheet in ("Đơn vị", "Tiêu chí bị trừ điểm"):
            column = [c.value for c in next(book[sheet].iter_rows(max_row=1))].index("Đơn vị")
            cells = [row[column] for row in book[sheet].iter_rows(min_row=2, values_only=True)]
            assert not [c for c in cells if c and PLUMBING.search(str(c))], (folder, sheet)
        text = report_text(sample_build, folder.parent.name, int(folder.name), with_notes=False)
        assert "_" not in text and ".xlsx" not in text, folder
        assert all(u["name"] in text for u in data["units"]), folder  # the names checked are those shown


def test_no_names_list_of_the_sample_holds_a_digit_or_an_underscore(sample_build):
    created = sorted((sample_build / "data" / "names").glob("*.csv"))
    assert {p.stem for p in created} == {dy.slug for dy in layout.discover(sample_build / "data" / "raw")}
    lists = created + sorted((ROOT / "data" / "names").glob("*.csv"))
    for path in lists:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert not PLUMBING.search(row["name"] + row["aliases"]), (path, row)


def test_an_analyst_renames_a_unit_in_the_names_list_as_the_readme_says(sample_build, tmp_path):
    shutil.copytree(sample_build, tmp_path, dirs_exist_ok=True)
    names = tmp_path / "data" / "names" / "phong-tho.csv"
    text = names.read_text(encoding="utf-8")
    names.write_text(text.replace("Mường So,xã,Mừng So", "Mường Sô,xã,Mường So; Mừng So"), encoding="utf-8")
    result = build(tmp_path, "--district", "Phong Thổ")
    assert counts(result.stderr) == {"built": 3, "skipped": 0, "failed": 0}, result.stderr  # 2021-2023
    before = {u["name"]: u["rank"] for u in summary(tmp_path, "phong-tho", 2022)["units"]}
    after = {u["name"]: u for u in summary(tmp_path, "phong-tho", 2023)["units"]}
    assert "Mường Sô" in before and "Mường So" not in before and "Mường So" not in after
    assert after["Mường Sô"]["prev_rank"] == before["Mường Sô"]
    assert "Xã Mường Sô" in report_text(tmp_path, "phong-tho", 2023)
