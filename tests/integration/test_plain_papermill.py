"""The README's plain papermill command, from the repository root: the notebook's default folders resolve
from the project root, the kernel (the venv's kernelspec) runs on IPC so ipykernel has no TCP warning
to print, and a wrong parameter ends in the one-line message, not a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.helpers.bad_inputs import CASES, write_case

PAPERMILL = Path(sys.executable).parent / "papermill"
pytestmark = pytest.mark.slow


def papermill(out: Path, *parameters: str) -> subprocess.CompletedProcess:
    command = [str(PAPERMILL), "notebooks/district_report.ipynb", str(out), *parameters]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def outputs_of(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def test_plain_papermill_from_the_repository_root(tmp_path):
    out = tmp_path / "out.ipynb"
    result = papermill(out, "-p", "district", "Phú Tân", "-p", "year", "2023")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "without encryption" not in result.stderr
    outputs = outputs_of(out)
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "trên địa bàn huyện Phú Tân" in html and "Long Hòa" in html


def test_a_wrong_district_in_papermill_is_one_line_listing_the_districts(tmp_path):
    out = tmp_path / "out.ipynb"
    result = papermill(out, "-p", "district", "Mường Tè", "-p", "year", "2023")
    assert result.returncode == 1
    [error] = [o for o in outputs_of(out) if o["output_type"] == "error"]
    assert error["ename"] == "ReportNotFound"
    assert error["traceback"] == [
        "Không có bảng điểm của 'Mường Tè' trong data/raw (no score sheets for 'Mường Tè'). "
        "Có bảng điểm của (found): Nậm Nhùn, Phong Thổ, Phú Tân, Tỉnh Lai Châu, Tỉnh Lam Sơn."
    ]


def test_a_bad_sheet_in_run_all_shows_its_problems_not_a_traceback(tmp_path):
    [case] = [c for c in CASES if c.district == "Lỗi 11 điểm vượt tối đa"]
    write_case(tmp_path / "raw", case)
    out = tmp_path / "out.ipynb"
    result = papermill(
        out, "-p", "district", case.district, "-p", "year", "2023",
        "-p", "raw_dir", str(tmp_path / "raw"), "-p", "processed_dir", str(tmp_path / "processed"),
    )  # fmt: skip
    assert result.returncode == 1
    [error] = [o for o in outputs_of(out) if o["output_type"] == "error"]
    assert error["ename"] == "DataError"
    assert error["traceback"] == [
        f"Bảng điểm có 1 lỗi, chưa lập được báo cáo — 1 data error(s) in {case.district} 2023 "
        f"({tmp_path / 'raw' / case.district / '2023'}):",
        "  - tệp an_binh.xlsx, trang tính 'Sheet1', dòng 8, cột 'Điểm thẩm định': điểm thẩm định vượt quá điểm "
        "tối đa (giá trị: 3.0) — an_binh.xlsx, sheet 'Sheet1', row 8, column 'Điểm thẩm định': score above its "
        "maximum (value: 3.0)",
        "Sửa bảng điểm rồi chạy lại — fix the sheets, then Run All again (`make validate` lists them all).",
    ]
