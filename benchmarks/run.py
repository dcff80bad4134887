"""Benchmark: `python -m pipeline build` against plain papermill + nbconvert + WeasyPrint, same data, same run.

    make benchmark                      # or: .venv/bin/python benchmarks/run.py [--quick]

Data (made by the scale generator below, in the sample formats): D districts x U units x Y years
(default 20 x 15 x 2 = 40 reports), one province-sized report of 170 units, and, for the no-op
target, 50 x 15 x 2 = 100 reports built HTML-only. Prints the results and writes docs/benchmarks.md.

Baseline, per report, one after another: `papermill` CLI, then `jupyter nbconvert --to html --no-input`,
then `weasyprint` (the same PDF engine) on that HTML. Ours: `python -m pipeline build` with default
settings (jobs = cores, HTML and PDF), from empty outputs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import sample  # noqa: E402
from pipeline.text import slugify  # noqa: E402

BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "district_report.ipynb"
SYLLABLES = [
    "Bản",
    "Nậm",
    "Mường",
    "Phú",
    "Tân",
    "Hòa",
    "Long",
    "An",
    "Bình",
    "Thạnh",
    "Đông",
    "Tây",
    "Sơn",
    "Hà",
    "Lạc",
    "Thủy",
    "Xuân",
    "Hưng",
    "Vĩnh",
    "Quang",
    "Minh",
    "Trung",
    "Hiệp",
    "Lộc",
]


# ---------------------------------------------------------------- scale generator


def unit_names(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` distinct, plausible commune names (type, name)."""
    pairs = [f"{a} {b}" for a, b in itertools.permutations(SYLLABLES, 2)]
    step = 7 + seed % 5
    names = [pairs[(i * step + seed) % len(pairs)] for i in range(len(pairs))]
    unique = list(dict.fromkeys(names))[:count]
    return [("thị trấn" if i == 0 else "xã", n) for i, n in enumerate(unique)]


def generate(
    raw: Path, districts: int, units: int, years: int, first_year: int = 2022, prefix: str = "Huyện Mẫu"
) -> int:
    layouts = ["files", "tabs", "summary"]
    specs = [
        sample.District(f"{prefix} {i + 1:02d}", "Tỉnh Mẫu", tuple(unit_names(units, i)), layouts[i % 3])
        for i in range(districts)
    ]
    folders = sample.generate(raw, districts=specs, years=tuple(range(first_year, first_year + years)))
    return len(folders)


# ---------------------------------------------------------------- measuring


class PeakMemory:
    """Peak resident memory of a process and all its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(status.parent.name))
            except (OSError, IndexError, ValueError):
                continue
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(command: list[str], measure_memory: bool = False) -> tuple[float, int, subprocess.CompletedProcess]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(process.pid) if measure_memory else None
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop() if memory else 0
    if process.returncode not in (0,):
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-3000:]}")
    return seconds, peak, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def our_build(raw: Path, work: Path, *extra: str, memory: bool = False, fresh: bool = True):
    if fresh:
        shutil.rmtree(work / "out", ignore_errors=True)
        shutil.rmtree(work / "processed", ignore_errors=True)
    return timed(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            "--raw",
            str(raw),
            "--processed",
            str(work / "processed"),
            "--out",
            str(work / "out"),
            *extra,
        ],
        memory,
    )


def baseline_report(raw: Path, work: Path, district: str, year: int) -> float:
    folder = work / "baseline" / slugify(district) / str(year)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    executed, html, pdf = folder / "report.ipynb", folder / "report.html", folder / "report.pdf"
    total = 0.0
    for command in (
        [
            str(BIN / "papermill"),
            str(NOTEBOOK),
            str(executed),
            "-k",
            "python3",
            "--cwd",
            str(NOTEBOOK.parent),
            "-p",
            "district",
            district,
            "-p",
            "year",
            str(year),
            "-p",
            "raw_dir",
            str(raw),
            "-p",
            "processed_dir",
            str(work / "baseline-processed"),
        ],
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed), "--output", str(html)],
        [str(BIN / "weasyprint"), str(html), str(pdf)],
    ):
        seconds, _, _ = timed(command)
        total += seconds
    return total


def stage_split(out: Path) -> dict[str, float]:
    reports = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"].values()
    stages: dict[str, list[float]] = {}
    for entry in reports:
        for stage, seconds in (entry.get("stages") or {}).items():
            stages.setdefault(stage, []).append(seconds)
    return {stage: statistics.median(values) for stage, values in stages.items()}


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=20)
    parser.add_argument("--units", type=int, default=15)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="runs of our build (median)")
    parser.add_argument("--baseline-reports", type=int, default=6, help="reports per baseline run")
    parser.add_argument("--noop-reports", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: a smoke test of the benchmark")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    if args.quick:
        args.districts, args.runs, args.baseline_reports, args.noop_reports = 2, 1, 1, 8
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    raw = work / "data" / "raw"
    n_reports = generate(raw, args.districts, args.units, args.years)
    print(f"generated {n_reports} district-years of {args.units} units under {raw}")

    ours, peaks = [], []
    for run in range(args.runs):
        seconds, peak, result = our_build(raw, work, memory=True)
        ours.append(seconds)
        peaks.append(peak)
        print(f"our build, run {run + 1}: {seconds:.1f} s for {n_reports} reports, peak {peak / 2**20:.0f} MiB")
    stages = stage_split(work / "out")

    noop = [our_build(raw, work, fresh=False)[0] for _ in range(max(3, args.runs))]
    print(f"no-op rebuild of {n_reports}: median {statistics.median(noop):.2f} s")

    sheet = sorted((raw / "Huyện Mẫu 01" / str(2022 + args.years - 1)).iterdir())[0]
    one_change_runs = []
    for i in range(max(3, args.runs)):
        _rewrite_one_sheet(sheet, i)
        seconds, _, result = our_build(raw, work, fresh=False)
        rebuilt = int(re.search(r"^built\s+(\d+)", result.stderr, re.M).group(1))  # the closing table
        one_change_runs.append((seconds, rebuilt))
    print(
        f"one sheet changed: median {statistics.median(s for s, _ in one_change_runs):.1f} s, "
        f"reports rebuilt: {sorted({n for _, n in one_change_runs})}"
    )

    targets = [(f"Huyện Mẫu {i + 1:02d}", 2022 + y) for i in range(args.districts) for y in range(args.years)]
    baseline = []
    for run in range(args.runs):
        for district, year in targets[run * args.baseline_reports : (run + 1) * args.baseline_reports]:
            baseline.append(baseline_report(raw, work, district, year))
        print(f"baseline, run {run + 1}: median so far {statistics.median(baseline):.1f} s per report")

    province_raw = work / "province" / "raw"
    generate(province_raw, 1, 170, 1, first_year=2025, prefix="Tỉnh")
    province_ours = our_build(province_raw, work / "province", memory=True)
    province_base = baseline_report(province_raw, work / "province", "Tỉnh 01", 2025)
    print(f"province report (170 units): ours {province_ours[0]:.1f} s, baseline {province_base:.1f} s")

    noop_raw = work / "noop" / "raw"
    noop_count = generate(noop_raw, args.noop_reports // 2, args.units, 2, prefix="Huyện Rỗng")
    our_build(noop_raw, work / "noop", "--formats", "html")
    noop_large = [our_build(noop_raw, work / "noop", "--formats", "html", fresh=False)[0] for _ in range(5)]
    print(f"no-op rebuild of {noop_count}: median {statistics.median(noop_large):.2f} s")

    results = {
        "reports": n_reports,
        "units": args.units,
        "runs": args.runs,
        "ours_per_report": statistics.median(ours) / n_reports,
        "ours_runs": ours,
        "baseline_per_report": statistics.median(baseline),
        "baseline_reports": len(baseline),
        "peak_mib": max(peaks) / 2**20,
        "noop": statistics.median(noop),
        "one_change": statistics.median(s for s, _ in one_change_runs),
        "one_change_rebuilt": sorted({n for _, n in one_change_runs}),
        "stages": stages,
        "province_ours": province_ours[0],
        "province_base": province_base,
        "province_peak_mib": province_ours[1] / 2**20,
        "noop_large_reports": noop_count,
        "noop_large": statistics.median(noop_large),
    }
    write_doc(args.doc, results)
    print(
        f"\nours {results['ours_per_report']:.2f} s per report, baseline {results['baseline_per_report']:.2f} s: "
        f"{results['baseline_per_report'] / results['ours_per_report']:.1f}x faster; written to {args.doc}"
    )


def _rewrite_one_sheet(sheet: Path, i: int) -> None:
    """Change one score of one sheet (a real content change, the way a clerk fixes a cell)."""
    from openpyxl import load_workbook

    workbook = load_workbook(sheet)
    sheet_ = workbook.worksheets[0]
    for row in sheet_.iter_rows():
        if isinstance(row[4].value, int | float) and row[2].value and row[4].value >= 0.5 and row[0].value:
            row[4].value = round(float(row[4].value) - 0.25 * (1 + i % 2), 2)
            break
    workbook.save(sheet)


def write_doc(path: Path, r: dict) -> None:
    ratio = r["baseline_per_report"] / r["ours_per_report"]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    stage_rows = "\n".join(f"| {stage} | {seconds:.2f} |" for stage, seconds in r["stages"].items())
    text = f"""# Benchmarks

Measured by `make benchmark` (`benchmarks/run.py`) on {time.strftime("%Y-%m-%d")}: {os.cpu_count()} cores
({cpu}), Python {platform.python_version()}. Shared machine: figures are medians, baseline and ours
measured in the same run on the same generated data.

Data: {r["reports"]} district-years of {r["units"]} units (sample formats: one file per unit, one tab per
unit, district summary sheet), 7 fields, 36 criteria; HTML and PDF for every report.

| | seconds per report | notes |
| --- | ---: | --- |
| baseline: `papermill` CLI, `jupyter nbconvert --to html --no-input`, `weasyprint` | {r["baseline_per_report"]:.2f} | median of {r["baseline_reports"]} reports, one after another |
| ours: `python -m pipeline build` (defaults: {os.cpu_count()} jobs, HTML + PDF) | {r["ours_per_report"]:.2f} | wall time / {r["reports"]} reports, median of {r["runs"]} runs: {", ".join(f"{s:.1f}" for s in r["ours_runs"])} s |
| **ratio** | **{ratio:.1f}x** | target 5x, aim 10x |

| target | measured | |
| --- | ---: | --- |
| no-op rebuild of {r["noop_large_reports"]} reports, nothing changed | {r["noop_large"]:.2f} s | target < 3 s |
| no-op rebuild of {r["reports"]} reports | {r["noop"]:.2f} s | |
| one sheet changed (last year of one district) | {r["one_change"]:.1f} s | reports rebuilt: {r["one_change_rebuilt"]} ({"only that report" if r["one_change_rebuilt"] == [1] else "expected 1"}) |
| peak memory of the whole build (all processes, {os.cpu_count()} jobs) | {r["peak_mib"]:.0f} MiB | target < 2 GiB |
| province report, 170 units: ours / baseline | {r["province_ours"]:.1f} s / {r["province_base"]:.1f} s | peak {r["province_peak_mib"]:.0f} MiB |

Where a report's time goes in our build (median seconds per report, inside one worker):

| stage | seconds |
| --- | ---: |
{stage_rows}

`prepare` reads and validates the year's sheets (last year's, for the comparison, are brought up to
date by the notebook), `notebook` runs the report on a warm kernel,
`html` is nbconvert, `pdf` is WeasyPrint, `summary` writes summary.json.

What makes the difference: the baseline starts three Python processes per report (papermill, nbconvert,
WeasyPrint), a new kernel per report, and imports pandas, matplotlib and the pipeline each time; our
build keeps one warm kernel per worker (namespace reset between reports), renders HTML and PDF in the
worker that already has nbconvert and WeasyPrint loaded, uses both cores, and skips what is up to date.
What remains dominant is WeasyPrint's layout of the PDF, which is CPU work on every report.

Against the targets: speed {"meets the 5x target" if ratio >= 5 else "misses the 5x target"}
({ratio:.1f}x){"" if ratio >= 10 else "; the 10x aim is not reached"}. With both cores busy (the
workers and their kernels are CPU-bound), what is left per report is work no reuse removes: laying out
the PDF and drawing eight charts. The province report shows the floor: one 170-unit report is a single
job, and its long PDF dominates ours and the baseline alike. No-op rebuild
{"meets" if r["noop_large"] < 3 else "misses"} its target, peak memory {"meets" if r["peak_mib"] < 2048 else "misses"} its target.
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "<!-- documents: benchmarks/documents.py -->"  # that script's section is kept as it is
    if marker in old:
        text = text.rstrip("\n") + "\n\n" + old[old.index(marker) :]
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
