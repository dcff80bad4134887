"""The provinces' sample data (pipeline/sample/provinces.py), in the shape issue 9 asks for."""

import shutil

import pandas as pd

from pipeline.core.errors import ProblemLog
from pipeline.model import blocks, measures, reorg, settings
from pipeline.model.body import DEFAULT_ISSUER, body_of
from pipeline.model.grades import read_grade
from pipeline.read import ingest, layout, names, store
from pipeline.write import summary
from tests.helpers import ROOT

RAW = ROOT / "data" / "raw"


def group(name: str) -> dict[int, layout.DistrictYear]:
    return {dy.year: dy for dy in layout.discover(RAW) if dy.district == name}


def read(dy: layout.DistrictYear) -> tuple[pd.DataFrame, ProblemLog]:
    return store.read_district_year(dy, store.ensure_names(dy, write=False))


def test_lam_son_is_a_province_of_more_than_120_communes_ranked_in_two_blocks():
    years = group("Tỉnh Lam Sơn")
    assert sorted(years) == [2024, 2025, 2026]
    group_settings = settings.read(years[2025].settings_path)
    for year in (2025, 2026):
        table, problems = read(years[year])
        assert problems.errors == []
        # the published ranks within blocks, index and grades agree with the scores: no warning but text numbers
        assert {p.rule for p in problems.warnings} <= {"fix-text-numbers", "names-missing"}
        units = blocks.with_blocks(measures.units_table(table), group_settings)
        assert len(units) >= 120 and set(units["unit_type"]) == {"phường", "xã", "đặc khu"}
        assert units.groupby("block").size().to_dict() == {"Khối phường": 40, "Khối xã, đặc khu": 90}
        body = body_of(years[year].district, units["unit_type"], group_settings)
        assert body.units_phrase == "các xã, phường, đặc khu trên địa bàn tỉnh Lam Sơn"
        # the appraisal council issues the province's report (province review, F3)
        assert (body.parent, body.issuer, body.issued_by) == ("UBND TỈNH LAM SƠN", DEFAULT_ISSUER, "council")


def test_lam_son_2025_meets_the_reorganisation_and_the_names_list_maps_the_mergers():
    years = group("Tỉnh Lam Sơn")
    units = {year: read(years[year])[0]["unit"].unique() for year in (2024, 2025, 2026)}
    assert len(units[2024]) == 215
    found = reorg.reorganisation(units[2025], units[2024], 2025, 2024)
    assert (found.n_units, found.n_without_counterpart) == (130, 110)
    assert reorg.reorganisation(units[2026], units[2025], 2026, 2025) is None
    mergers = names.load_names(years[2025].names_path).mergers()
    assert len(mergers) == 195 and set(mergers.values()) <= set(units[2025])  # 215 old units, 20 kept a name


def test_lai_chau_is_a_province_ranking_its_districts_as_it_publishes_them():
    years = group("Tỉnh Lai Châu")
    assert sorted(years) == [2023, 2024]
    for dy in years.values():
        problems = ProblemLog()
        [sheet] = ingest.read_folder(dy.folder, problems)
        assert len(sheet.stated_index) == len(sheet.stated_grades) == 8
        assert {"1", "2", "total", "index"} == set(sheet.stated_averages)
        assert all(read_grade(g) for g, _ in sheet.stated_grades.values())
        table, problems = read(dy)
        assert problems.errors == [] and [p.rule for p in problems.warnings] == ["fix-text-numbers"]
        assert list(table["name"].unique()) == ["Điểm thẩm định", "Điểm điều tra xã hội học"]
        assert list(table["max"].unique()) == [65.0, 35.0]
        # the units are huyện / thành phố once units.split_unit_type knows those types; the folder says province
        assert body_of(dy.district, table["unit_type"]).level == "province"


def test_the_sample_provinces_reports_name_their_body_and_lam_son_2025_says_the_reorganisation_once(tmp_path):
    from pipeline.write import sections
    from tests.helpers.report import report_text as _text

    # a copy of the two groups (and Lam Sơn's names list): building writes a names list and processed data
    for name in ("Tỉnh Lam Sơn", "Tỉnh Lai Châu"):
        shutil.copytree(RAW / name, tmp_path / "raw" / name)
    shutil.copytree(ROOT / "data" / "names", tmp_path / "names")
    copied = {(dy.district, dy.year): dy for dy in layout.discover(tmp_path / "raw")}
    a = store.analysis_of(copied["Tỉnh Lam Sơn", 2025], tmp_path / "processed", 5)  # report.toml: weakest = 3 wins
    text = _text(a)
    assert sections.title(a).endswith("năm 2025 của UBND các xã, phường, đặc khu trên địa bàn tỉnh Lam Sơn")
    assert sections.letterhead(a)["council"] == ["HỘI ĐỒNG THẨM ĐỊNH", "CHỈ SỐ CCHC"] and "huyện" not in text
    assert text.count("các đơn vị hành chính trên địa bàn tỉnh Lam Sơn được sắp xếp lại") == 1
    assert "(110/130 đơn vị không có đơn vị tương ứng trong năm 2024)" not in text  # F9: said in words in I
    assert "không có dữ liệu năm 2024" not in text and "so với năm 2024" not in text
    assert not {p.rule for p in a.notes} & reorg.NAME_NOISE
    assert a.units.groupby("block")["block_size"].first().to_dict() == {"Khối phường": 40, "Khối xã, đặc khu": 90}
    assert [len(w) >= 3 for w in a.standing.weakest.values()] == [True, True]
    assert text.count("Biểu đồ 2: Xếp hạng Chỉ số CCHC năm 2025, Khối phường") == 1
    lai_chau = store.analysis_of(copied["Tỉnh Lai Châu", 2024], tmp_path / "processed", 3)
    assert sections.title(lai_chau).endswith("năm 2024 của UBND các huyện, thành phố trên địa bàn tỉnh Lai Châu")
    assert sections.letterhead(lai_chau)["parent"] == "UBND TỈNH LAI CHÂU"
    # the grade counts are those of the grade column the province published in its table
    [sheet] = ingest.read_folder(group("Tỉnh Lai Châu")[2024].folder, ProblemLog())
    published = pd.Series([read_grade(g) for g, _ in sheet.stated_grades.values()]).value_counts().to_dict()
    assert {g: n for g, n in summary.of(lai_chau)["grade_counts"].items() if n} == published
