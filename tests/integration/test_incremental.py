"""Incremental, safe, exclusive builds: what is rebuilt, what is skipped, and what survives a kill.

One build of the small district set is made once; each test works on its own copy of it.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.build.manifest import BuildLock
from tests.helpers import ROOT
from tests.helpers.build import build, built_reports, counts
from tests.helpers.sheets import detail_rows, write_detail, write_small_district, write_summary

pytestmark = pytest.mark.slow


def html_of(base: Path, slug: str, year: int) -> Path:
    return base / "out" / slug / str(year) / "report.html"


def test_nothing_changed_nothing_is_built(site):
    result = build(site)
    assert result.returncode == 0
    assert counts(result.stderr) == {"built": 0, "skipped": 3, "failed": 0}
    manifest = json.loads((site / "out" / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert {k: v["last_run"] for k, v in manifest.items()} == {
        k: {"action": "skipped", "why": "up to date"} for k in ("thu-nghiem/2022", "thu-nghiem/2023", "tong-hop/2023")
    }


def test_a_file_rewritten_with_the_same_content_is_not_a_change(site):
    sheet = site / "data" / "raw" / "Tổng Hợp" / "2023" / "tong_hop.xlsx"
    sheet.write_bytes(sheet.read_bytes())  # new modification time, same content
    os.utime(sheet, (time.time() + 60, time.time() + 60))
    assert counts(build(site).stderr)["built"] == 0


def test_a_changed_sheet_rebuilds_its_report_and_the_next_years(site):
    write_detail(
        site / "data" / "raw" / "Thử Nghiệm" / "2022" / "an_binh.xlsx",
        "UBND XÃ AN BÌNH",
        detail_rows(2, 3, 2, 2),
        year=2022,
    )  # An Bình 2022 loses one point
    result = build(site)
    assert result.returncode == 0
    assert built_reports(result) == ["Thử Nghiệm 2022", "Thử Nghiệm 2023"]  # 2023 compares with 2022
    why = json.loads((site / "out" / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert why["thu-nghiem/2022"]["last_run"] == {"action": "built", "why": "raw sheets changed an_binh.xlsx"}
    assert why["thu-nghiem/2023"]["last_run"] == {"action": "built", "why": "the previous year's sheets changed"}
    assert why["tong-hop/2023"]["last_run"]["action"] == "skipped"


def test_a_changed_notebook_rebuilds_every_report(site):
    notebook = site / "report.ipynb"
    nb = json.loads((ROOT / "notebooks" / "district_report.ipynb").read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {"tags": ["remove_cell"]}, "source": ["Ghi chú"]})
    notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    first = build(site, "--notebook", str(notebook))
    assert counts(first.stderr) == {"built": 3, "skipped": 0, "failed": 0}
    assert "the notebook changed" in (site / "out" / "manifest.json").read_text(encoding="utf-8")
    assert counts(build(site, "--notebook", str(notebook)).stderr)["built"] == 0


def test_a_notebook_saved_with_its_outputs_rebuilds_nothing(site):
    """What a save in JupyterLab after Run All changes: outputs, counts, ids and metadata, not the report."""
    notebook = site / "report.ipynb"
    nb = json.loads((ROOT / "notebooks" / "district_report.ipynb").read_text(encoding="utf-8"))
    notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert counts(build(site, "--notebook", str(notebook)).stderr)["built"] == 0  # the same notebook elsewhere
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"], cell["id"] = n + 1, f"lab-{n}"
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["saved\n"]}]
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.99.1"}
    notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    assert counts(build(site, "--notebook", str(notebook)).stderr) == {"built": 0, "skipped": 3, "failed": 0}


def test_a_deleted_output_is_rebuilt_and_force_rebuilds_all(site):
    html_of(site, "tong-hop", 2023).unlink()
    result = build(site)
    assert built_reports(result) == ["Tổng Hợp 2023"]
    assert html_of(site, "tong-hop", 2023).exists()
    assert counts(build(site, "--force").stderr)["built"] == 3


def test_list_says_why_each_report_is_stale(site):
    write_summary(
        site / "data" / "raw" / "Tổng Hợp" / "2023" / "tong_hop.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo (5)", "TTHC (5)"],
        [[1, "Xã Đông", 5, 5], [2, "Xã Tây", 4, 4]],
    )
    listing = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "list",
            "--raw",
            str(site / "data" / "raw"),
            "--out",
            str(site / "out"),
            "--formats",
            "html",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert listing.returncode == 0
    assert listing.stdout.splitlines()[0].startswith("Thử Nghiệm 2022: up to date (built ")
    assert "Tổng Hợp 2023: stale: raw sheets changed tong_hop.xlsx" in listing.stdout


def test_a_second_build_on_the_same_outputs_is_refused(site):
    with BuildLock(site / "out"):
        result = build(site)
    assert result.returncode == 3
    assert f"another build is writing to {site / 'out'}: pid {os.getpid()}" in result.stderr
    assert counts(build(site).stderr)["skipped"] == 3  # released: the next build runs


def test_a_killed_build_leaves_no_partial_file_and_the_next_run_recovers(site):
    before = {
        p: p.read_bytes()
        for p in (site / "out").rglob("*")
        if p.is_file() and p.suffix in {".html", ".json"} and p.name != "manifest.json"
    }
    process = build(site, "--force", wait=False)
    deadline = time.time() + 120
    while time.time() < deadline and not list((site / "out").glob("*/.*.tmp")):
        time.sleep(0.05)  # a report is being written into its staging folder
    assert list((site / "out").glob("*/.*.tmp")), "the build never started writing a report: nothing was killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before the kill: the test proved nothing"
    for path, content in before.items():  # every output is the old one, whole, or a new one, whole
        assert path.exists()
        if path.read_bytes() != content and path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    assert not [p for p in (site / "out").rglob("*") if p.is_file() and ".tmp" in p.name and p.parent.name[0] != "."]
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert not list((site / "out").glob("*/.*.tmp")), "leftover staging folders are cleaned up"
    assert counts(result.stderr)["failed"] == 0


def test_index_lists_exactly_the_built_reports(tmp_path):
    raw = tmp_path / "data" / "raw"
    write_small_district(raw)
    write_summary(
        raw / "Tổng Hợp" / "2023" / "tong_hop.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo (5)", "TTHC (5)"],
        [[1, "Xã Đông", 6, 4]],
    )  # 6 of a maximum of 5: this district fails
    result = build(tmp_path, "--year", "2023")
    assert result.returncode == 1
    links = re.findall(r'href="([^"]+)"', (tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    assert links == ["thu-nghiem/2023/report.html", "thu-nghiem/2023/scores.xlsx"]


def test_a_missing_unit_document_rebuilds_its_report_only(site):
    assert counts(build(site, "--formats", "html,units").stderr)["built"] == 3  # the formats changed
    (site / "out" / "thu-nghiem" / "2023" / "units" / "xa-binh-minh.docx").unlink()
    result = build(site, "--formats", "html,units")
    assert built_reports(result) == ["Thử Nghiệm 2023"]
    assert (site / "out" / "thu-nghiem" / "2023" / "units" / "xa-binh-minh.docx").exists()
    assert counts(build(site, "--formats", "html,units").stderr)["built"] == 0
