"""`validate` on folders of sheets, and names matched across years on the shipped sample."""

import subprocess
import sys
from pathlib import Path

from pipeline.notebook import report
from pipeline.read import layout, store
from tests.helpers import ROOT
from tests.helpers.sheets import detail_rows, write_detail


def validate(raw: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", "--raw", str(raw)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_validate_passes_good_sheets_and_writes_nothing(small_raw):
    result = validate(small_raw)
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("no errors")
    assert not (small_raw.parent / "names").exists()


def test_validate_lists_every_error_with_its_place_and_exits_1(small_raw):
    folder = small_raw / "Thử Nghiệm" / "2023"
    rows = detail_rows(3, 2, 2, 2, self_scores=(2, 2, 2, 2))  # I.1 appraised 3 of a maximum of 2 (row 8)
    rows[6][4] = "hai"  # II.1.b appraised (row 13)
    write_detail(folder / "an_binh.xlsx", "UBND XÃ AN BÌNH", rows)
    result = validate(small_raw)
    assert result.returncode == 1
    assert "Thử Nghiệm 2023: 2 error(s)" in result.stderr
    assert "an_binh.xlsx, sheet 'Sheet1', row 8, column 'Điểm thẩm định': score above its maximum" in result.stderr
    assert "an_binh.xlsx, sheet 'Sheet1', row 13, column 'Điểm thẩm định': a score must be a number" in result.stderr
    assert "Traceback" not in result.stderr


def test_misspelt_names_keep_their_rank_history_in_the_sample(tmp_path):
    """Phong Thổ 2022's sheets write Mừng So, Sim Suối Hồ and Sỉ Lở Lầu (the typos of the council's own report),
    aliases in the list; 2023 names Khổng Lào by its file name only ("03_Xa_Khong Lao.xlsx")."""
    raw = ROOT / "data" / "raw"
    for year in (2022, 2023):
        store.prepare(layout.find(raw, "Phong Thổ", year), tmp_path)
    ranks_2022 = report.load("Phong Thổ", 2022, raw, tmp_path).analysis.units.set_index("name")["rank"]
    units_2023 = report.load("Phong Thổ", 2023, raw, tmp_path).analysis.units.set_index("name")
    assert sorted(units_2023.index) == sorted(ranks_2022.index)  # no "new" units from typos
    for name in ("Mường So", "Sin Suối Hồ", "Sì Lở Lầu", "Khổng Lào"):
        assert units_2023.loc[name, "prev_rank"] == ranks_2022[name]
        assert units_2023.loc[name, "rank_change"] == ranks_2022[name] - units_2023.loc[name, "rank"]


def test_last_years_bad_sheets_drop_the_comparison_not_the_report(small_raw, tmp_path):
    write_detail(
        small_raw / "Thử Nghiệm" / "2022" / "an_binh.xlsx", "UBND XÃ AN BÌNH", detail_rows(3, 2, 2, 2), year=2022
    )  # 3 of a maximum of 2: 2022 cannot be read
    analysis = report.load("Thử Nghiệm", 2023, small_raw, tmp_path / "processed").analysis
    assert not analysis.has_previous and analysis.units["prev_rank"].isna().all()
    assert analysis.warnings[-1] == "the 2022 sheets have data errors: ranks are not compared with 2022"
    assert analysis.warnings_vi[-1].startswith("bảng điểm năm 2022 có lỗi dữ liệu")


def test_a_sheet_edited_after_a_build_is_read_again_by_the_notebook(small_raw, tmp_path):
    processed = tmp_path / "processed"
    before = report.load("Thử Nghiệm", 2023, small_raw, processed).analysis.units.set_index("name")
    assert before.loc["An Bình", "total"] == 8.0
    # the analyst corrects An Bình's sheet (I.2 now 3 of 3: total 9) and presses Run All again
    write_detail(
        small_raw / "Thử Nghiệm" / "2023" / "an_binh.xlsx",
        "UBND XÃ AN BÌNH",
        detail_rows(2, 3, 2, 2, self_scores=(2, 3, 2, 3)),
    )
    after = report.load("Thử Nghiệm", 2023, small_raw, processed).analysis.units.set_index("name")
    assert after.loc["An Bình", "total"] == 9.0
