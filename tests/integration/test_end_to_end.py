"""The real path: sheets -> papermill -> nbconvert HTML -> WeasyPrint PDF -> summary.json and index.

Expected numbers are those worked out by hand in tests/sheets.py (write_small_district).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.integration.conftest import counts
from tests.sheets import write_small_district, write_summary

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def build(raw: Path, tmp: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "build",
        "--raw",
        str(raw),
        "--processed",
        str(tmp / "processed"),
        "--out",
        str(tmp / "out"),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    write_small_district(tmp / "raw")
    result = build(tmp / "raw", tmp, "--jobs", "2", "--weakest", "1")
    assert result.returncode == 0, result.stderr
    return tmp / "out", result


def summary(out: Path, slug: str, year: int) -> dict:
    return json.loads((out / slug / str(year) / "summary.json").read_text(encoding="utf-8"))


def test_every_output_exists_for_every_district_year(built):
    out, _ = built
    for slug, year in [("thu-nghiem", 2022), ("thu-nghiem", 2023), ("tong-hop", 2023)]:
        folder = out / slug / str(year)
        assert sorted(p.name for p in folder.iterdir()) == [
            "report.html",
            "report.ipynb",
            "report.pdf",
            "scores.xlsx",
            "summary.json",
        ]


def test_summary_of_detail_sheets_matches_the_hand_worked_numbers(built):
    s = summary(built[0], "thu-nghiem", 2023)
    assert (s["district"], s["year"], s["n_units"]) == ("Thử Nghiệm", 2023, 3)
    units = [(u["name"], u["type"], u["total"], u["max"], u["rank"], u["prev_rank"], u["fields"]) for u in s["units"]]
    assert units == [
        ("Bình Minh", "xã", 9.0, 10.0, 1, 3, {"1": 4.0, "2": 5.0}),
        ("An Bình", "xã", 8.0, 10.0, 2, 1, {"1": 4.0, "2": 4.0}),
        ("Cát Lộc", "thị trấn", 8.0, 10.0, 2, 2, {"1": 5.0, "2": 3.0}),
    ]
    assert s["fields"] == [
        {"code": "1", "name": "Chỉ đạo, điều hành", "max": 5.0, "mean": 4.33},
        {"code": "2", "name": "Cải cách TTHC", "max": 5.0, "mean": 4.0},
    ]
    weakest = [(w["name"], w["total"], w["rank"]) for w in s["weakest_units"]]
    assert weakest == [("An Bình", 8.0, 2), ("Cát Lộc", 8.0, 2)]
    assert s["weakest_units"][1]["causes"] == [
        {"code": "2.1", "name": "Công khai TTHC", "points_lost": 2.0, "reason": "Niêm yết thiếu; Thiếu cập nhật"}
    ]
    assert s["top_lost_criteria"][0] == {
        "code": "2.1",
        "name": "Công khai TTHC",
        "field": "2",
        "points_lost": 3.0,
        "units_affected": 2,
        "units": ["An Bình", "Cát Lộc"],
        "reasons": ["Thiếu cập nhật", "Niêm yết thiếu"],
    }
    assert [c["code"] for c in s["top_lost_criteria"]] == ["2.1", "1.1", "1.2"]
    assert s["warnings"] == []


def test_summary_of_a_district_summary_sheet(built):
    s = summary(built[0], "tong-hop", 2023)
    assert [(u["name"], u["type"], u["total"], u["rank"], u["prev_rank"]) for u in s["units"]] == [
        ("Tây", "xã", 9.25, 1, None),
        ("Đông", "xã", 8.5, 2, None),
        ("Nam", "phường", 8.0, 3, None),
    ]
    assert [f["mean"] for f in s["fields"]] == [4.17, 4.42]  # (4.5+5+3)/3, (4+4.25+5)/3
    assert s["top_lost_criteria"] == [] and s["weakest_units"][0]["causes"] == []


def test_first_year_has_no_previous_ranks(built):
    s = summary(built[0], "thu-nghiem", 2022)
    assert [(u["name"], u["total"], u["rank"], u["prev_rank"]) for u in s["units"]] == [
        ("An Bình", 10.0, 1, None),
        ("Cát Lộc", 9.0, 2, None),
        ("Bình Minh", 7.0, 3, None),
    ]


def test_html_is_the_report_without_code_and_loads_nothing_from_the_network(built):
    html = (built[0] / "thu-nghiem" / "2023" / "report.html").read_text(encoding="utf-8")
    assert "BÁO CÁO TÓM TẮT" in html
    assert (
        "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023 của UBND các xã, thị trấn "
        "trên địa bàn huyện Thử Nghiệm"
    ) in html
    assert "Chỉ số điểm trung bình các đơn vị đạt 4,33/5 điểm" in html
    for code_trace in ("report.load", "import ", "In&nbsp;[", "jp-InputArea", "weakest_n"):
        assert code_trace not in html
    without_inline = re.sub(r"data:[a-z/+]+;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"https?://|ftp://|\bsrc=[\"']//|\bhref=[\"']//|url\(|@import", without_inline, re.I)
    assert "<script" not in html and "<link" not in html
    images = re.findall(r'<img[^>]*src="([^"]+)"', html)
    assert len(images) == 3 and all(src.startswith("data:image/png;base64,") for src in images)


def test_pdf_is_a4_with_the_vietnamese_title(built):
    reader = PdfReader(built[0] / "thu-nghiem" / "2023" / "report.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages)
    assert "BÁO CÁO TÓM TẮT" in text
    assert "Chỉ số cải cách hành chính năm 2023" in text and "Thử Nghiệm" in text
    assert "Trang 1/" in text


def test_executed_notebook_is_kept_with_its_parameters(built):
    nb = json.loads((built[0] / "thu-nghiem" / "2023" / "report.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["district"] == "Thử Nghiệm"
    assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_index_links_every_report(built):
    out, result = built
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(link for link in links if link.endswith(".html")) == [
        "thu-nghiem/2022/report.html",
        "thu-nghiem/2023/report.html",
        "tong-hop/2023/report.html",
    ]
    assert all((out / link).exists() for link in links)
    assert counts(result.stderr) == {"built": 3, "skipped": 0, "failed": 0}


def test_papermill_uses_the_pipelines_own_python_even_when_a_stray_kernelspec_shadows_it(tmp_path, small_raw):
    stray = tmp_path / "jupyter"
    (stray / "kernels" / "python3").mkdir(parents=True)
    (stray / "kernels" / "python3" / "kernel.json").write_text(
        json.dumps(
            {
                "argv": ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3",
                "language": "python",
            }
        )
    )
    env = {**os.environ, "JUPYTER_PATH": str(stray), "JUPYTER_DATA_DIR": str(stray)}
    # the trap is real: plain papermill picks the stray kernelspec and fails
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / "district_report.ipynb"),
            str(tmp_path / "plain.ipynb"),
            "-p",
            "raw_dir",
            str(small_raw),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert plain.returncode != 0
    result = build(small_raw, tmp_path, "--district", "Tổng Hợp", "--formats", "html", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "tong-hop" / "2023" / "report.html").exists()
    assert not (tmp_path / "out" / "tong-hop" / "2023" / "report.pdf").exists()


def test_a_district_with_bad_data_fails_alone_and_keeps_its_previous_report(tmp_path, small_raw):
    first = build(small_raw, tmp_path, "--district", "Tổng Hợp", "--formats", "html")
    assert first.returncode == 0, first.stderr
    good = tmp_path / "out" / "tong-hop" / "2023" / "report.html"
    good_bytes = good.read_bytes()
    # the first build's data warning ("4,5" and "4,25" and "8,5" and "9,25" typed as text) is in the report
    warning = "scores typed as text were read as numbers (4 cells in 1 sheet: tong_hop.xlsx [Sheet])"
    warning_vi = "điểm nhập dạng chữ đã được đọc thành số (4 ô trong 1 trang tính: tong_hop.xlsx [Sheet])"
    first_summary = summary(tmp_path / "out", "tong-hop", 2023)
    assert first_summary["warnings"] == [warning] and first_summary["warnings_vi"] == [warning_vi]
    html = good.read_text(encoding="utf-8")
    assert "GHI CHÚ VỀ DỮ LIỆU" in html and warning_vi in html and warning not in html
    write_summary(
        small_raw / "Tổng Hợp" / "2023" / "tong_hop.xlsx",  # Xã Đông 6 of a maximum of 5
        ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)"],
        [[1, "Xã Đông", 6, 4], [2, "Xã Tây", 5, 4.25]],
    )
    second = build(small_raw, tmp_path, "--year", "2023", "--formats", "html")
    assert second.returncode == 1
    assert counts(second.stderr) == {"built": 1, "skipped": 0, "failed": 1}
    assert re.search(
        r"FAILED Tổng Hợp 2023: .*\n.*tong_hop\.xlsx, sheet 'Sheet', row 4.*above its maximum", second.stderr
    ), second.stderr
    assert "Traceback" not in second.stderr
    assert good.read_bytes() == good_bytes
    assert (tmp_path / "out" / "thu-nghiem" / "2023" / "report.html").exists()


def test_notebook_runs_with_its_own_defaults_wherever_its_kernel_starts(tmp_path):
    """Run All as an analyst would: no parameters injected; the default folders are the project's, from
    its root, whatever the kernel's folder (JupyterLab's is notebooks/; here a temporary one)."""
    import papermill

    from pipeline.kernel import OwnKernelManager

    executed = papermill.execute_notebook(
        str(ROOT / "notebooks" / "district_report.ipynb"),
        str(tmp_path / "out.ipynb"),
        cwd=str(tmp_path),
        kernel_manager_class=OwnKernelManager,
        progress_bar=False,
    )
    html_outputs = [
        o["data"]["text/html"] for c in executed.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})
    ]
    assert any("huyện Phong Thổ" in h for h in html_outputs)
    assert [p.name for p in tmp_path.iterdir()] == ["out.ipynb"]  # nothing read or written from the kernel's folder
