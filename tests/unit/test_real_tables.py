"""Real published tables (tests/helpers/real_tables.py: each with its source line) read as published, with no
renaming, and what each source states in words reproduced: ranks (among the rows given, for a partial table),
the first and last unit, grade counts where given. The expected figures are the sources', quoted."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline.model import blocks, grades, measures, settings
from pipeline.model.units import split_unit_type
from tests.helpers import real_tables
from tests.helpers.tables import tidy_of


def read(tmp_path: Path, name: str, toml: str | None = None):
    folder = tmp_path / name / "2020"
    real_tables.write(folder, name)
    if toml is not None:
        (folder.parent / "report.toml").write_text(toml, encoding="utf-8")
    table, problems = tidy_of(folder)
    return table, problems


def rules(problems) -> list[str]:
    return sorted({p.rule for p in problems.found()})


def published_column(name: str, column: int) -> dict[str, str]:
    """unit as written -> a column's cell as published (the source's own figures)."""
    header, *body = real_tables.rows(name)
    unit_col = 1
    return {row[unit_col]: row[column] for row in body}


def test_every_real_table_has_its_source_line():
    names = {p.stem for p in real_tables.FIXTURES.glob("*.csv")}
    assert names == set(real_tables.SOURCES)
    assert all(real_tables.SOURCES[n].strip() for n in names)


def test_vinh_phuc_2019_departments_partial_table_reads_with_its_published_ranks(tmp_path):
    # "Thứ tự xếp hạng" first, the total before its two components, no maximum printed (out of 100 by rule)
    table, problems = read(tmp_path, "vinh-phuc-2019-departments")
    assert problems.errors == []
    assert rules(problems) == ["components-no-max", "fix-text-numbers", "max-assumed-100"]
    units = measures.units_table(table)
    published_rank = {
        split_unit_type(u)[1]: int(r) for u, r in published_column("vinh-phuc-2019-departments", 0).items()
    }
    assert dict(zip(units["name"], units["rank"], strict=True)) == published_rank  # ranks 1-17 as published
    assert len(units) == 17 and set(units["max"]) == {100.0}
    # Sở Nội vụ: "với 92,93 điểm Sở Tài chính là đơn vị dẫn đầu …, tiếp theo là Sở Xây dựng đạt 91,33 điểm, Sở
    # Thông tin và Truyền thông đạt 90,04 điểm"
    assert list(units["name"][:3]) == ["Sở Tài chính", "Sở Xây dựng", "Sở Thông tin và Truyền thông"]
    assert list(units["total"][:3]) == [92.93, 91.33, 90.04]
    assert (units["name"].iloc[-1], units["total"].iloc[-1]) == ("Sở Ngoại vụ", 84.53)
    # names kept as published, with their types
    types = dict(zip(units["name"], units["unit_type"], strict=True))
    assert types["Văn phòng UBND tỉnh"] == "ngành" and types["Thanh tra tỉnh"] == "ngành"
    assert types["Sở Lao động, Thương binh và Xã hội"] == "sở"


def test_vinh_phuc_2019_central_agencies_rank_on_the_total_not_on_a_component(tmp_path):
    table, problems = read(tmp_path, "vinh-phuc-2019-central-agencies")
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule in ("rank-differs", "parts-differ")] == []
    units = measures.units_table(table)
    assert list(units["name"]) == [
        "Bảo hiểm xã hội tỉnh",
        "Ngân hàng Nhà nước tỉnh",
        "Kho bạc Nhà nước tỉnh",  # a higher direct score (58,00) than the bank's (57,75), third on the total
        "Công an tỉnh",
        "Cục Thuế tỉnh",
    ]
    assert list(units["rank"]) == [1, 2, 3, 4, 5]
    # "Bảo hiểm xã hội tỉnh … với 90,05 điểm, tiếp đó là Ngân hàng Nhà nước tỉnh với 89,88 điểm"
    assert list(units["total"][:2]) == [90.05, 89.88] and units["total"].iloc[-1] == 78.44
    assert set(units["unit_type"]) == {"ngành"}


def test_vinh_phuc_2019_departments_and_central_agencies_ranked_as_two_blocks(tmp_path):
    folder = tmp_path / "Tỉnh Vĩnh Phúc" / "2019"
    real_tables.write(folder, "vinh-phuc-2019-departments")
    real_tables.write(folder, "vinh-phuc-2019-central-agencies")
    agencies = list(published_column("vinh-phuc-2019-central-agencies", 0))
    (folder.parent / "report.toml").write_text(
        '[[block]]\nname = "Cơ quan Trung ương"\nunits = ['
        + ", ".join(f'"{u}"' for u in agencies)
        + ']\n\n[[block]]\nname = "Sở, ban, ngành"\ntypes = ["sở", "ban", "ngành"]\n',
        encoding="utf-8",
    )
    table, problems = tidy_of(folder)
    assert problems.errors == []
    # each sheet's ranks are ranks in its block: none differs from ours
    assert [p for p in problems.warnings if p.rule == "rank-differs"] == []
    units = blocks.with_blocks(measures.units_table(table), settings.read(folder.parent / "report.toml"))
    ranked = {n: (b, r) for n, b, r in zip(units["name"], units["block"], units["block_rank"], strict=True)}
    assert ranked["Bảo hiểm xã hội tỉnh"] == ("Cơ quan Trung ương", 1)
    assert ranked["Cục Thuế tỉnh"] == ("Cơ quan Trung ương", 5)
    assert ranked["Sở Tài chính"] == ("Sở, ban, ngành", 1)
    assert ranked["Sở Ngoại vụ"] == ("Sở, ban, ngành", 17)
    assert units.groupby("block").size().to_dict() == {"Cơ quan Trung ương": 5, "Sở, ban, ngành": 17}


def test_lai_chau_2021_nine_indicators_and_a_typo_keep_the_published_total_and_order(tmp_path):
    # Nine indicators "Chỉ số 1" … "Chỉ số 9" without maxima, "Tổng điểm", "KQ đánh giá"; row 10 prints
    # Chỉ số 9 as ".34" (a typo for 1.34: the nine cells sum to 12.859, the published total is 13.859)
    table, problems = read(tmp_path, "lai-chau-2021-tthc-quality-departments")
    assert problems.errors == []
    [typo] = [p for p in problems.warnings if p.rule == "parts-differ"]
    assert typo.row == 13  # title, blank, header, then the tenth department
    assert typo.params == {"unit": "Sở Kế hoạch và đầu tư", "parts": 12.859, "total": 13.859}
    units = measures.units_table(table)
    # rows are printed in descending total: STT is the order, with three decimals (15.753 above 15.747)
    published = {u: int(stt) for u, stt in published_column("lai-chau-2021-tthc-quality-departments", 0).items()}
    assert dict(zip(units["name"], units["rank"], strict=True)) == published
    assert list(units["total"][:2]) == [15.753, 15.747]
    assert (units["name"].iloc[0], units["name"].iloc[-1]) == (
        "Sở Thông tin và Truyền thông",
        "Sở Tài nguyên và Môi trường",
    )
    # the published grades: rows 1-5 Xuất sắc, 6-15 Tốt; out of the assumed 100 the index's grade differs, and
    # each warning names both
    stated = published_column("lai-chau-2021-tthc-quality-departments", 12)
    assert grades.grade_counts(pd.Series([grades.read_grade(g) for g in stated.values()])) == {
        "Xuất sắc": 5,
        "Tốt": 10,
        "Khá": 0,
        "Trung bình": 0,
        "Yếu": 0,
    }
    differs = [p for p in problems.warnings if p.rule == "grade-differs"]
    assert len(differs) == 15
    assert "grades Sở Tài chính 'Xuất sắc', its index 15.75% grades it 'Yếu'" in str(differs[1])


def test_thua_thien_hue_2020_a_reduced_maximum_ranks_on_the_index(tmp_path):
    # "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm tối đa cần thực hiện", "Số điểm thực hiện",
    # "Tỷ lệ thực hiện" (whole percent), "… được quy đổi", and a level I / II under "Xếp hạng …"
    table, problems = read(tmp_path, "thua-thien-hue-2020-egov-districts-readiness")
    assert problems.errors == []
    assert rules(problems) == ["fix-text-numbers"]  # "89%" is 88,81% rounded: no index warning
    units = measures.units_table(table)
    assert list(units["rank"]) == list(range(1, 10))
    # "TP Huế (44,41) ranks 8th above Phong Điền (43,51) although its raw score 42,63 is lower"
    assert list(units["name"][-2:]) == ["Huế", "Phong Điền"]
    hue = units.set_index("name").loc["Huế"]
    assert (hue["total"], hue["max"], hue["index_pct"]) == (42.63, 48.0, 88.81)
    assert units["unit_type"].iloc[0] == "huyện" and hue["unit_type"] == "thành phố"


def test_thua_thien_hue_2020_partial_results_read_their_three_rows(tmp_path):
    table, problems = read(tmp_path, "thua-thien-hue-2020-egov-districts-results-partial")
    assert problems.errors == []
    assert [p.rule for p in problems.warnings if p.rule == "index-differs"] == []  # 81,96% vs 81,97: within 0,01
    units = measures.units_table(table)
    assert list(units["name"]) == ["Nam Đông", "Phú Vang", "A Lưới"]
    assert list(units["index_pct"]) == [85.36, 82.4, 81.97]


def test_par_index_2023_regions_averages_with_a_tie(tmp_path):
    table, problems = read(tmp_path, "par-index-2023-regions")
    assert problems.errors == []
    [text] = [p for p in problems.warnings if p.rule == "column-not-scores"]
    assert text.column == "Chênh lệch so với năm 2022"
    units = measures.units_table(table)
    assert list(units["total"]) == [88.33, 87.79, 87.72, 86.82, 85.42, 85.42]
    assert list(units["rank"]) == [1, 2, 3, 4, 5, 5]  # the two unranked regions tie at 85,42%
    assert units["name"].iloc[0] == "Đồng bằng sông Hồng"


def test_huong_thuy_2016_grades_only_is_a_named_error_not_a_table_of_scores(tmp_path):
    _, problems = read(tmp_path, "huong-thuy-2016-communes-grades")
    [error] = problems.errors
    assert error.rule == "header-missing" and error.file == "huong-thuy-2016-communes-grades.xlsx"
    # what the source states: "04/12 … nhóm tốt; 04 … nhóm khá; 04 … nhóm trung bình"
    groups = [row[0] for row in real_tables.rows("huong-thuy-2016-communes-grades")[1:]]
    assert grades.grade_counts(pd.Series([grades.read_grade(g) for g in groups])) == {
        "Xuất sắc": 0,
        "Tốt": 4,
        "Khá": 4,
        "Trung bình": 4,
        "Yếu": 0,
    }


@pytest.mark.parametrize("name", sorted(real_tables.SOURCES))
def test_every_real_table_reads_from_its_csv_as_well(tmp_path, name):
    folder = tmp_path / name / "2020"
    folder.mkdir(parents=True)
    (folder / f"{name}.csv").write_bytes((real_tables.FIXTURES / f"{name}.csv").read_bytes())
    _, problems = tidy_of(folder)
    expected = ["header-missing"] if name == "huong-thuy-2016-communes-grades" else []
    assert [p.rule for p in problems.errors] == expected
