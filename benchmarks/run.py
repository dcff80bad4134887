"""Benchmark: `python -m pipeline build` against the plain loop (papermill, nbconvert, WeasyPrint), side by side.

    make benchmark          # medians of 3 runs; writes docs/benchmarks.md (about 16 minutes)
    make benchmark-quick    # one run on subsets, meant to take under 5 minutes; writes benchmarks/work/quick.md
    .venv/bin/python benchmarks/run.py [--quick] [--runs N] [--doc PATH]
    .venv/bin/python benchmarks/run.py --from-results benchmarks/work/results.json   # only rewrite the doc

What it measures (issue 28's targets), a function each, in one run:

1. `measure_sample`: the shipped sample (data/raw, read-only), every report forced, HTML + PDF, default jobs;
   against the plain loop per report: the `papermill` CLI from the repository root (the venv's kernelspec
   "python3"), `jupyter nbconvert --to html --no-input`, then the `weasyprint` CLI on that HTML (the old engine,
   from the dev extra: what a user would write by hand). Also ours with every default format (full mode).
2. `measure_cold`: one district-year built by a fresh process (`--jobs 1`), against the same report built warm
   (the second report of a `--jobs 1` build: its own seconds in manifest.json).
3. `measure_province`: a generated 170-unit province with criterion detail (phường, xã, đặc khu in two blocks,
   2025 and 2026): its 2026 report, ours against the plain loop; and ours with every default format.
4. unit documents: seconds per unit (the `units` stage over the units) from default-formats builds.
5. `measure_noop`: a no-op rebuild of 100 generated reports (20 in quick mode), median of 5.
6. `measure_memory`: peak RSS of a 2-job default-formats forced build of the sample and the province together.
7. `measure_national`: 34 generated provinces, 3,321 units, one year, built from their raw sheets with every
   default format, peak RSS sampled (4 provinces in quick mode).
8. the per-stage split, from manifest.json `reports[..].stages`.

Before anything is timed, the processed cache (benchmarks/work/run/processed) is filled: by an untimed build of ours
(full mode), or by `store.analysis_of`, what a build's prepare stage does (quick mode). The plain loop's
processed_dir is a copy of it, so both sides time report building, not first-time sheet reading.

Everything goes under benchmarks/work/ (git-ignored): the data and outputs under run/ (wiped at the start), the raw
results as JSON (results.json; results-quick.json in quick mode), and quick.md. `write_doc` writes the Markdown
(docs/benchmarks.md in full mode, benchmarks/work/quick.md in quick mode, or --doc) from those results alone; it
keeps the doc's hand-written profile section, between PROFILE_START and PROFILE_END.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.build import outputs  # noqa: E402
from pipeline.core import config  # noqa: E402
from pipeline.core.text import slugify  # noqa: E402
from pipeline.read import layout  # noqa: E402
from pipeline.sample import districts  # noqa: E402

BIN = Path(sys.executable).parent
NOTEBOOK = "notebooks/district_report.ipynb"  # relative: the plain loop runs from the repository root
SAMPLE_RAW = ROOT / "data" / "raw"
SAMPLE_NAMES = ROOT / "data" / "names"
WORK = ROOT / "benchmarks" / "work"
DOC = ROOT / "docs" / "benchmarks.md"
QUICK_DOC = WORK / "quick.md"
PROFILE_START, PROFILE_END = "<!-- profile: hand-written, kept by run.py -->", "<!-- /profile -->"

CORES = os.cpu_count() or 1
HTML_PDF = "--formats=html,pdf"  # the side-by-side comparison's formats
MEMORY_JOBS = 2
NOOP_RUNS = 5
COLD = ("Phong Thổ", 2023)  # built cold; warm, it is the second report of its district's --jobs 1 build

PROVINCE = "Tỉnh Mẫu"
PROVINCE_YEARS = (2025, 2026)
PROVINCE_UNITS = (("phường", 45), ("xã", 122), ("đặc khu", 3))  # 170 units after the July 2025 reorganisation
PROVINCE_SETTINGS = """\
# A generated province for benchmarks/run.py (README, "Levels, blocks and settings").
[body]
level = "province"
kind = "tỉnh"
name = "Mẫu"

[letterhead]
parent = "UBND TỈNH MẪU"
issuer = "SỞ NỘI VỤ"
symbol = "Số:      /BC-SNV"

[[block]]
name = "Khối phường"
types = ["phường"]

[[block]]
name = "Khối xã, đặc khu"
types = ["xã", "đặc khu"]
"""
NATIONAL_PROVINCES = 34  # the provinces and cities after the July 2025 reorganisation
NATIONAL_UNITS = 3321  # their communes, wards and special zones
NATIONAL_YEAR = 2026
NATIONAL_SMALLEST = 38  # the fewest units of a province (the largest has 168)
QUICK_NATIONAL_PROVINCES = 4
NOOP_UNITS = 10  # units per generated small district
NOOP_DISTRICTS = 50  # x 2 years: 100 reports

# Quick mode: the sample's subset, two districts (a file per unit, a tab per unit) and a Lam Sơn year; the memory
# build's subset, a district's report beside the province's; 20 reports for the no-op rebuild. Each subset is chosen
# so that --district x --year selects exactly it.
QUICK_SAMPLE = (("Phong Thổ", 2023), ("Phú Tân", 2023), ("Tỉnh Lam Sơn", 2026))
QUICK_MEMORY = (("Phong Thổ", 2023), (PROVINCE, PROVINCE_YEARS[-1]))
QUICK_NOOP_DISTRICTS = 10

# The stages in the order a report goes through them; stages manifest.json has beyond these follow.
STAGES = outputs.STAGES
OTHER_OUTPUTS = ("docx", "units", "annex", "summary")
PLAIN_STEPS = ("papermill", "nbconvert", "weasyprint")

# Syllables of the generated units' names.
# fmt: off
SYLLABLES = (
    "Bản", "Nậm", "Mường", "Phú", "Tân", "Hòa", "Long", "An", "Bình", "Thạnh", "Đông", "Tây",
    "Sơn", "Hà", "Lạc", "Thủy", "Xuân", "Hưng", "Vĩnh", "Quang", "Minh", "Trung", "Hiệp", "Lộc",
)
# fmt: on


STARTED = time.perf_counter()


def say(text: str) -> None:
    """Progress, stamped with the minutes and seconds since the benchmark started."""
    minutes, seconds = divmod(int(time.perf_counter() - STARTED), 60)
    print(f"[{minutes:2d}:{seconds:02d}] {text}", flush=True)


# ---------------------------------------------------------------- generated data


def unit_names(count: int, seed: int) -> list[str]:
    """`count` distinct, plausible unit names, different for each seed."""
    pairs = [f"{a} {b}" for a, b in itertools.permutations(SYLLABLES, 2)]
    step = 7 + seed % 5  # coprime with len(pairs) = 552
    return list(dict.fromkeys(pairs[(i * step + seed) % len(pairs)] for i in range(len(pairs))))[:count]


def generate_province(raw: Path) -> None:
    """The 2025-2026 user: a province of 170 phường, xã and đặc khu, one detail sheet (criteria) per unit and
    year, ranked in two blocks by its report.toml."""
    types = [unit_type for unit_type, count in PROVINCE_UNITS for _ in range(count)]
    units = tuple(zip(types, unit_names(len(types), seed=3), strict=True))
    province = districts.District(PROVINCE, "Mẫu", units, "files")
    districts.generate(raw, districts=[province], years=PROVINCE_YEARS)
    (raw / PROVINCE / config.SETTINGS_FILE).write_text(PROVINCE_SETTINGS, encoding="utf-8")


def national_sizes(provinces: int, units: int) -> list[int]:
    """Units per province: from NATIONAL_SMALLEST up in even steps, `units` in all (34 provinces: 38 to 157)."""
    if provinces == 1:
        return [units]
    step = (units - provinces * NATIONAL_SMALLEST) / sum(range(provinces))
    sizes = [NATIONAL_SMALLEST + round(step * i) for i in range(provinces)]
    sizes[-1] += units - sum(sizes)
    return sizes


def generate_national(raw: Path, provinces: int, units: int) -> int:
    """`provinces` generated provinces of `units` units in all, one year (NATIONAL_YEAR), one detail sheet per unit,
    each ranked in two blocks (phường; xã and đặc khu); returns the units written."""
    specs = []
    for i, size in enumerate(national_sizes(provinces, units)):
        wards, zones = round(size * 0.27), 1 if i % 4 == 0 else 0
        types = ["phường"] * wards + ["đặc khu"] * zones + ["xã"] * (size - wards - zones)
        name = f"Mẫu {i + 1:02d}"
        specs.append(
            districts.District(
                f"Tỉnh {name}", name, tuple(zip(types, unit_names(size, seed=5 * i), strict=True)), "files"
            )
        )
    districts.generate(raw, districts=specs, years=(NATIONAL_YEAR,))
    for spec in specs:
        settings = PROVINCE_SETTINGS.replace('"Mẫu"', f'"{spec.province}"').replace("TỈNH MẪU", spec.name.upper())
        (raw / spec.name / config.SETTINGS_FILE).write_text(settings, encoding="utf-8")
    return sum(len(spec.units) for spec in specs)


def generate_small_districts(raw: Path, count: int) -> None:
    """`count` small districts x 2 years, in the three sample layouts in turn (the no-op rebuild's data)."""
    layouts = ("files", "tabs", "summary")
    specs = [
        districts.District(
            f"Huyện Mẫu {i + 1:02d}",
            "Mẫu",
            tuple(("thị trấn" if j == 0 else "xã", n) for j, n in enumerate(unit_names(NOOP_UNITS, seed=i))),
            layouts[i % len(layouts)],
        )
        for i in range(count)
    ]
    districts.generate(raw, districts=specs, years=(2022, 2023))


# ---------------------------------------------------------------- running and measuring


class PeakMemory:
    """Peak resident memory (RSS) of a process and all its descendants, summed, sampled every 50 ms.

    Pages shared between processes (forked workers) count in each: an upper bound of what the build holds.
    """

    def __init__(self, pid: int):
        if not Path(f"/proc/{pid}/task/{pid}/children").exists():
            raise SystemExit("benchmark stopped: peak memory needs /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN)")
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _children(self, pid: int) -> list[int]:
        found = []
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                found += [int(child) for child in children.read_text().split()]
            except OSError:  # the process or thread ended meanwhile
                continue
        return found

    def _tree(self) -> list[int]:
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += self._children(pid)
        return tree

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(pid) for pid in self._tree()))
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


@dataclass
class Ran:
    seconds: float
    stdout: str
    stderr: str
    peak: int = 0  # bytes, when measured


def run(command: list, memory: bool = False) -> Ran:
    """Run a command from the repository root and time it; any failure stops the benchmark."""
    command = [str(part) for part in command]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = PeakMemory(process.pid) if memory else None
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = watch.stop() if watch else 0
    if process.returncode != 0:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-30:])
        raise SystemExit(f"\nbenchmark stopped: exit status {process.returncode} of\n  {shlex.join(command)}\n{tail}")
    return Ran(seconds, stdout, stderr, peak)


@dataclass(frozen=True)
class Build:
    """Where one kind of our build reads and writes."""

    raw: Path
    processed: Path
    out: Path

    def __call__(self, *options: str, memory: bool = False) -> Ran:
        command = [sys.executable, "-m", "pipeline", "build", "--raw", self.raw, "--processed", self.processed]
        return run([*command, "--out", self.out, *options], memory=memory)


def selection(targets) -> list[str]:
    """--district and --year options that select `targets` (checked after the build: built_reports)."""
    districts = dict.fromkeys(district for district, _ in targets)
    years = dict.fromkeys(year for _, year in targets)
    return [*(f"--district={d}" for d in districts), *(f"--year={y}" for y in years)]


def built_reports(out: Path, targets) -> dict[tuple[str, int], dict]:
    """The manifest entries of the reports the last build built; stops unless they are exactly `targets`."""
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"].values()
    built = {(e["district"], e["year"]): e for e in entries if e.get("last_run", {}).get("action") == "built"}
    if set(built) != set(targets):
        raise SystemExit(f"benchmark stopped: {out} built {sorted(built)}, expected {sorted(targets)}")
    return built


def units_of(out: Path, district: str, year: int) -> int:
    summary = out / slugify(district) / str(year) / "summary.json"
    return json.loads(summary.read_text(encoding="utf-8"))["n_units"]


def report_record(out: Path, targets) -> dict[str, dict]:
    """Per report of the last build: its own seconds, its stages and its number of units."""
    return {
        label(d, y): {"seconds": e["seconds"], "stages": e["stages"], "units": units_of(out, d, y)}
        for (d, y), e in built_reports(out, targets).items()
    }


def label(district: str, year: int) -> str:
    return f"{district} {year}"


def plain_report(raw: Path, processed: Path, district: str, year: int, folder: Path) -> dict[str, float]:
    """The plain loop on one report: seconds of papermill, nbconvert and weasyprint, and their total."""
    folder.mkdir(parents=True, exist_ok=True)
    executed, html, pdf = folder / "report.ipynb", folder / "report.html", folder / "report.pdf"
    parameters = {"district": district, "year": year, "raw_dir": raw, "processed_dir": processed}
    options = [part for name, value in parameters.items() for part in ("-p", name, value)]
    steps = {
        "papermill": [BIN / "papermill", NOTEBOOK, executed, *options],
        "nbconvert": [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed],
        "weasyprint": [BIN / "weasyprint", html, pdf],
    }
    seconds = {step: run(steps[step]).seconds for step in PLAIN_STEPS}
    return {**seconds, "total": sum(seconds.values())}


# ---------------------------------------------------------------- the measurements


@dataclass(frozen=True)
class Setup:
    quick: bool
    runs: int
    work: Path  # benchmarks/work/run: wiped at the start

    @property
    def processed(self) -> Path:
        return self.work / "processed"

    @property
    def plain_processed(self) -> Path:
        return self.work / "plain-processed"

    @property
    def raw(self) -> Path:
        """The sample and the generated province under one raw folder (for the province and the memory build)."""
        return self.work / "data" / "raw"

    def out(self, name: str) -> Path:
        return self.work / "out" / name

    def sample_targets(self) -> list[tuple[str, int]]:
        found = [(dy.district, dy.year) for dy in layout.discover(SAMPLE_RAW)]
        return [t for t in found if t in QUICK_SAMPLE] if self.quick else found


def prepare(setup: Setup) -> None:
    """A fresh work folder, the generated data, and the untimed warm-up that fills the processed cache."""
    shutil.rmtree(setup.work, ignore_errors=True)
    shutil.copytree(SAMPLE_RAW, setup.raw)
    shutil.copytree(SAMPLE_NAMES, setup.raw.parent / "names")
    started = time.perf_counter()
    generate_province(setup.raw)
    units = sum(count for _, count in PROVINCE_UNITS)
    say(f"generated {PROVINCE}: {units} units, {len(PROVINCE_YEARS)} years, in {time.perf_counter() - started:.0f} s")
    sample_targets, province = setup.sample_targets(), (PROVINCE, PROVINCE_YEARS[-1])
    if setup.quick:
        say("warm-up (untimed): the processed cache of every report measured (store.analysis_of, no build)")
        fill_processed_cache(setup.processed, [(SAMPLE_RAW, t) for t in sample_targets] + [(setup.raw, province)])
    else:
        # Into the outputs folders the timed builds use: those are then forced rebuilds, as `build --force` usually is
        # (the build orders reports by their last build's time, which a first build has not).
        say(f"warm-up (untimed): our build of the {len(sample_targets)} sample reports, and of {label(*province)}")
        Build(SAMPLE_RAW, setup.processed, setup.out("sample"))(HTML_PDF)
        Build(setup.raw, setup.processed, setup.out("province"))(HTML_PDF, *selection([province]))
    shutil.copytree(setup.processed, setup.plain_processed)  # the same tables, stamped with the same fingerprints


def fill_processed_cache(processed: Path, reports: list[tuple[Path, tuple[str, int]]]) -> None:
    """What a build's `prepare` stage leaves in the processed folder (the year and the year before), without a build."""
    from pipeline.read import store

    for raw, (district, year) in reports:
        store.analysis_of(layout.find(raw, district, year), processed, config.WEAKEST_N)


def measure_sample(setup: Setup) -> dict:
    """Item 1: the sample, ours (HTML + PDF, default jobs, forced) against the plain loop, run after run."""
    targets = setup.sample_targets()
    ours = Build(SAMPLE_RAW, setup.processed, setup.out("sample"))
    everything = Build(SAMPLE_RAW, setup.processed, setup.out("sample-all"))
    result = {"targets": [label(*t) for t in targets], "ours": [], "all_formats": [], "plain": []}
    for i in range(setup.runs):
        ran = ours("--force", HTML_PDF, *selection(targets))
        result["ours"].append({"wall": ran.seconds, "reports": report_record(ours.out, targets)})
        say(f"sample, run {i + 1}: ours {ran.seconds:.1f} s for {len(targets)} reports (HTML + PDF, {CORES} jobs)")
        plain = {}
        for district, year in targets:
            folder = setup.work / "plain" / slugify(district) / str(year)
            plain[label(district, year)] = plain_report(SAMPLE_RAW, setup.plain_processed, district, year, folder)
            say(f"  plain loop {label(district, year)}: {plain[label(district, year)]['total']:.1f} s")
        result["plain"].append(plain)
        say(f"sample, run {i + 1}: plain loop {sum(p['total'] for p in plain.values()):.1f} s in all")
        if not setup.quick:  # quick mode takes the sample's every-format figures from the memory build
            ran = everything("--force", *selection(targets))
            result["all_formats"].append({"wall": ran.seconds, "reports": report_record(everything.out, targets)})
            say(f"sample, run {i + 1}: ours with every format {ran.seconds:.1f} s")
    return result


def measure_cold(setup: Setup) -> dict:
    """Item 2: one report by a fresh process, against the same report built on a warm kernel."""
    district, year = COLD
    cold = Build(SAMPLE_RAW, setup.processed, setup.out("cold"))
    warm = Build(SAMPLE_RAW, setup.processed, setup.out("warm"))
    warm_targets = [(dy.district, dy.year) for dy in layout.discover(SAMPLE_RAW) if dy.district == district]
    result = {"report": label(*COLD), "cold": [], "warm": []}
    for i in range(setup.runs):
        shutil.rmtree(cold.out, ignore_errors=True)
        ran = cold("--force", f"--district={district}", f"--year={year}", "--jobs=1", HTML_PDF)
        result["cold"].append({"wall": ran.seconds, **report_record(cold.out, [COLD])[label(*COLD)]})
        warm("--force", f"--district={district}", "--jobs=1", HTML_PDF)
        result["warm"].append(report_record(warm.out, warm_targets)[label(*COLD)])
        say(
            f"cold, run {i + 1}: {label(*COLD)} by a fresh process {ran.seconds:.1f} s; "
            f"warm {result['warm'][-1]['seconds']:.1f} s"
        )
    return result


def measure_province(setup: Setup) -> dict:
    """Item 3: the generated province's last year, ours against the plain loop, run after run."""
    year = PROVINCE_YEARS[-1]
    target = (PROVINCE, year)
    ours = Build(setup.raw, setup.processed, setup.out("province"))
    everything = Build(setup.raw, setup.processed, setup.out("province-all"))
    result = {"report": label(*target), "ours": [], "plain": [], "all_formats": []}
    for i in range(setup.runs):
        ran = ours("--force", HTML_PDF, f"--district={PROVINCE}", f"--year={year}")
        result["ours"].append({"wall": ran.seconds, **report_record(ours.out, [target])[label(*target)]})
        every = everything("--force", f"--district={PROVINCE}", f"--year={year}")
        result["all_formats"].append({"wall": every.seconds, **report_record(everything.out, [target])[label(*target)]})
        say(f"province, run {i + 1}: ours with every default format {every.seconds:.1f} s")
        folder = setup.work / "plain" / slugify(PROVINCE) / str(year)
        result["plain"].append(plain_report(setup.raw, setup.plain_processed, PROVINCE, year, folder))
        say(
            f"province, run {i + 1}: ours {ran.seconds:.1f} s, plain loop {result['plain'][-1]['total']:.1f} s "
            f"({label(*target)}, {result['ours'][-1]['units']} units)"
        )
    return result


def measure_memory(setup: Setup) -> dict:
    """Item 6 (and item 4 for the province): a 2-job default-formats forced build of the sample and the
    province under one raw folder, its peak memory sampled. One run."""
    targets = list(QUICK_MEMORY) if setup.quick else [(dy.district, dy.year) for dy in layout.discover(setup.raw)]
    build = Build(setup.raw, setup.processed, setup.out("memory"))
    ran = build("--force", f"--jobs={MEMORY_JOBS}", *selection(targets), memory=True)
    say(
        f"memory: {len(targets)} reports, every format, {MEMORY_JOBS} jobs: peak {ran.peak / 2**20:.0f} MiB, {ran.seconds:.1f} s"
    )
    return {
        "jobs": MEMORY_JOBS,
        "wall": ran.seconds,
        "peak_bytes": ran.peak,
        "reports": report_record(build.out, targets),
    }


def measure_national(setup: Setup) -> dict:
    """Item 4 of issue 28: a whole country, generated (NATIONAL_PROVINCES provinces, NATIONAL_UNITS units, one
    year), built from its raw sheets with every default format, default jobs, peak memory sampled. One run."""
    provinces = QUICK_NATIONAL_PROVINCES if setup.quick else NATIONAL_PROVINCES
    units = round(NATIONAL_UNITS * provinces / NATIONAL_PROVINCES)
    raw = setup.work / "national" / "data" / "raw"
    started = time.perf_counter()
    written = generate_national(raw, provinces, units)
    generated = time.perf_counter() - started
    say(f"national: {provinces} provinces, {written} units generated in {generated:.0f} s")
    build = Build(raw, setup.work / "national" / "processed", setup.work / "national" / "out")
    ran = build(memory=True)
    targets = [(dy.district, dy.year) for dy in layout.discover(raw)]
    reports = report_record(build.out, targets)
    say(
        f"national: built from raw sheets, every default format, in {ran.seconds:.1f} s, peak {ran.peak / 2**20:.0f} MiB"
    )
    return {"provinces": provinces, "units": written, "wall": ran.seconds, "peak_bytes": ran.peak, "reports": reports}


def measure_noop(setup: Setup) -> dict:
    """Item 5: generated small districts built once HTML-only, then rebuilt with nothing changed."""
    districts = QUICK_NOOP_DISTRICTS if setup.quick else NOOP_DISTRICTS
    raw = setup.work / "noop" / "data" / "raw"
    generate_small_districts(raw, districts)
    build = Build(raw, setup.work / "noop" / "processed", setup.work / "noop" / "out")
    first = build("--formats=html")
    reports = len(layout.discover(raw))
    say(f"no-op: {reports} reports built once (HTML only) in {first.seconds:.0f} s")
    runs = []
    for _ in range(NOOP_RUNS):
        runs.append(build("--formats=html").seconds)
        entries = json.loads((build.out / "manifest.json").read_text(encoding="utf-8"))["reports"].values()
        rebuilt = [f"{e['district']} {e['year']}" for e in entries if e["last_run"]["action"] != "skipped"]
        if rebuilt or len(entries) != reports:
            raise SystemExit(f"benchmark stopped: the no-op rebuild built {rebuilt or 'other reports'}")
    say(f"no-op: rebuild of {reports} reports, nothing changed: median {statistics.median(runs):.2f} s")
    return {"reports": reports, "first_build": first.seconds, "runs": runs}


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    commit = run(["git", "rev-parse", "--short", "HEAD"]).stdout.strip()
    # The page this run rewrites does not make the measured code "uncommitted".
    status = ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs/benchmarks.md"]
    dirty = bool(run(status).stdout.strip())
    return {
        "cores": CORES,
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "load_before": os.getloadavg()[0],
    }


def check_plain_kernel() -> None:
    """The plain loop's papermill resolves the notebook's kernel "python3" by name: it must be this venv's."""
    specs = json.loads(run([BIN / "jupyter", "kernelspec", "list", "--json"]).stdout)["kernelspecs"]
    found = specs.get("python3", {}).get("resource_dir", "")
    if not found.startswith(sys.prefix):
        raise SystemExit(
            f"benchmark stopped: plain papermill would run kernel 'python3' from {found or 'nowhere'}, not this "
            f"venv's ({sys.prefix}); run `make venv` (it installs it: pipeline/kernelspec.py)"
        )


# ---------------------------------------------------------------- summary and doc


def median_of(values) -> float:
    return statistics.median(list(values))


def stage_medians(runs: list[dict[str, dict]]) -> dict[str, float]:
    """Median seconds per report of each stage: per report the median over runs, then the median over reports."""
    per_stage: dict[str, dict[str, list[float]]] = {}
    for reports in runs:
        for name, report in reports.items():
            for stage, seconds in report["stages"].items():
                per_stage.setdefault(stage, {}).setdefault(name, []).append(seconds)
    return {stage: median_of(median_of(v) for v in by_report.values()) for stage, by_report in per_stage.items()}


def ordered_stages(*splits: dict[str, float]) -> list[str]:
    present = {stage for split in splits for stage in split}
    return [s for s in STAGES if s in present] + sorted(present - set(STAGES))


def is_province(name: str) -> bool:
    return name.startswith(PROVINCE + " ")


def every_format_runs(r: dict) -> tuple[list[dict[str, dict]], str]:
    """The sample's reports built with every format, per run, and which build that was: the sample's own
    every-format builds, or (quick mode) the sample reports of the memory build."""
    if r["sample"]["all_formats"]:
        return [
            run["reports"] for run in r["sample"]["all_formats"]
        ], f"sample, every format, {r['machine']['cores']} jobs"
    sample = {name: report for name, report in r["memory"]["reports"].items() if not is_province(name)}
    return [sample], f"memory build, {r['memory']['jobs']} jobs"


def per_unit(reports: dict[str, dict]) -> float:
    """Seconds of the `units` stage per unit, over these reports."""
    return sum(rep["stages"].get("units", 0) for rep in reports.values()) / sum(
        rep["units"] for rep in reports.values()
    )


def summarise(r: dict) -> dict:
    """The figures the doc shows, from the raw results alone (so --from-results writes the same doc)."""
    sample, targets = r["sample"], r["sample"]["targets"]
    plain = {name: median_of(run[name]["total"] for run in sample["plain"]) for name in targets}
    ours_wall = median_of(run["wall"] for run in sample["ours"])
    per_report = [
        {
            "name": name,
            "units": sample["ours"][0]["reports"][name]["units"],
            "plain": plain[name],
            "steps": [median_of(run[name][step] for run in sample["plain"]) for step in PLAIN_STEPS],
            "own": median_of(run["reports"][name]["seconds"] for run in sample["ours"]),
            "share": ours_wall / len(targets),
            "ratio": plain[name] / median_of(run["reports"][name]["seconds"] for run in sample["ours"]),
        }
        for name in targets
    ]
    every_format, _ = every_format_runs(r)
    every_format_name = "sample, every format" + ("" if sample["all_formats"] else " (memory build)")
    province = r["province"]
    province_ours = median_of(run["wall"] for run in province["ours"])
    province_plain = median_of(run["total"] for run in province["plain"])
    all_runs = province.get("all_formats") or []
    province_all = r["memory"]["reports"].get(province["report"])
    national = r.get("national")
    cold, warm = r["cold"]["cold"], r["cold"]["warm"]
    return {
        "per_report": per_report,
        "plain_sum": sum(plain.values()),
        "ours_wall": ours_wall,
        "all_wall": median_of(run["wall"] for run in sample["all_formats"]) if sample["all_formats"] else None,
        "sample_ratio": sum(plain.values()) / ours_wall,
        "sample_per_unit": median_of(per_unit(reports) for reports in every_format),
        "slowest_per_unit": max(
            (median_of(per_unit({name: reports[name]}) for reports in every_format), name) for name in every_format[0]
        ),
        "province_ours": province_ours,
        "province_plain": province_plain,
        "province_ratio": province_plain / province_ours,
        "province_units": province["ours"][0]["units"],
        "province_per_unit": median_of(per_unit({province["report"]: run}) for run in all_runs)
        if all_runs
        else (per_unit({province["report"]: province_all}) if province_all else None),
        "province_all": median_of(run["wall"] for run in all_runs) if all_runs else None,
        "national_wall": national["wall"] if national else None,
        "national_peak_mib": national["peak_bytes"] / 2**20 if national else None,
        "national_per_unit": per_unit(national["reports"]) if national else None,
        "cold": median_of(run["wall"] for run in cold),
        "cold_own": median_of(run["seconds"] for run in cold),
        "warm": median_of(run["seconds"] for run in warm),
        "noop": median_of(r["noop"]["runs"]),
        "peak_mib": r["memory"]["peak_bytes"] / 2**20,
        "split": {
            "sample, HTML + PDF": stage_medians([run["reports"] for run in sample["ours"]]),
            every_format_name: stage_medians(every_format),
            "province, HTML + PDF": stage_medians([{province["report"]: run} for run in province["ours"]]),
            "province, every format": stage_medians([{province["report"]: run} for run in all_runs])
            if all_runs
            else {},
            "national, every format, from raw sheets": stage_medians([national["reports"]]) if national else {},
        },
    }


def table(header: list[str], align: str, rows: list[list]) -> str:
    """A Markdown table; `align` has one letter per column, l or r."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" ---: " if a == "r" else " --- " for a in align) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def targets_table(r: dict, s: dict) -> str:
    """Issue 28's targets, each against what this run measured."""
    noop = r["noop"]["reports"]
    rows = [
        [
            "shipped sample, every report forced, HTML + PDF: the plain loop's total over our build's wall time",
            f"{s['sample_ratio']:.1f}x",
            "≥ 10x",
            s["sample_ratio"] >= 10,
        ],
        [
            f"a generated {s['province_units']}-unit province in two blocks, HTML + PDF, against the plain loop",
            f"{s['province_ratio']:.1f}x",
            "≥ 10x",
            s["province_ratio"] >= 10,
        ],
    ]
    if s["province_all"] is not None:
        rows.append(
            [
                "the same province, one report, every default format, wall",
                f"{s['province_all']:.1f} s",
                "≤ 10 s",
                s["province_all"] <= 10,
            ]
        )
    if s["national_wall"] is not None:
        national = r["national"]
        rows.append(
            [
                f"national: {national['provinces']} generated provinces, {national['units']} units, one year, "
                "every default format, from raw sheets: wall, peak memory",
                f"{s['national_wall'] / 60:.1f} min, {s['national_peak_mib']:.0f} MiB",
                "≤ 5 min, < 2 GiB" + ("" if national["provinces"] == NATIONAL_PROVINCES else " (for 34 provinces)"),
                s["national_wall"] <= 300 and s["national_peak_mib"] < 2048,
            ]
        )
    slowest, name = s["slowest_per_unit"]
    per_unit = [("sample", s["sample_per_unit"]), (f"the sample's slowest report ({name})", slowest)]
    if s["province_per_unit"] is not None:
        per_unit.append(("province", s["province_per_unit"]))
    rows += [
        [f"unit documents (HTML + Word), {what}", f"{seconds:.3f} s per unit", "≤ 0.02 s", seconds <= 0.02]
        for what, seconds in per_unit
    ]
    rows += [
        [
            f"{r['cold']['report']} built cold (a fresh process), against warm",
            f"{s['cold']:.1f} s against {s['warm']:.1f} s",
            "≤ warm + 2 s",
            s["cold"] <= s["warm"] + 2,
        ],
        [
            f"no-op rebuild of {noop} reports",
            f"{s['noop']:.2f} s",
            "< 0.5 s" + ("" if noop == 100 else " (for 100 reports)"),
            s["noop"] < 0.5,
        ],
        [
            f"peak memory, {r['memory']['jobs']} jobs, {len(r['memory']['reports'])} reports, province included",
            f"{s['peak_mib']:.0f} MiB",
            "< 2 GiB",
            s["peak_mib"] < 2048,
        ],
    ]
    return table(
        ["measure", "measured", "target", "met"],
        "lrll",
        [[*row[:3], "met" if row[3] else "**not met**"] for row in rows],
    )


def sample_table(s: dict) -> str:
    rows = [
        [
            p["name"],
            p["units"],
            f"{p['plain']:.1f}",
            " / ".join(f"{v:.1f}" for v in p["steps"]),
            f"{p['own']:.1f}",
            f"{p['share']:.1f}",
            f"{p['ratio']:.1f}x",
        ]
        for p in s["per_report"]
    ]
    rows.append(
        [
            f"**all {len(rows)}**",
            "",
            f"**{s['plain_sum']:.1f}**",
            "",
            f"{sum(p['own'] for p in s['per_report']):.1f}",
            f"**{s['ours_wall']:.1f}** (wall)",
            f"**{s['sample_ratio']:.1f}x**",
        ]
    )
    header = [
        "report",
        "units",
        "plain loop (s)",
        "papermill / nbconvert / weasyprint (s)",
        "ours, own (s)",
        "ours, wall / reports (s)",
        "ratio",
    ]
    return table(header, "lrrlrrr", rows)


def split_table(s: dict) -> str:
    splits = {name: split for name, split in s["split"].items() if split}
    rows = [
        [stage, *(fmt(split.get(stage), 2) for split in splits.values())] for stage in ordered_stages(*splits.values())
    ]
    rows.append(
        [
            f"other outputs ({', '.join(OTHER_OUTPUTS)})",
            *(f"{sum(split.get(k, 0) for k in OTHER_OUTPUTS):.2f}" for split in splits.values()),
        ]
    )
    return table(["stage", *splits], "l" + "r" * len(splits), rows)


def units_table(r: dict) -> str:
    runs, build = every_format_runs(r)
    rows = []
    for name in runs[0]:
        stage = median_of(reports[name]["stages"].get("units", 0) for reports in runs)
        units = runs[0][name]["units"]
        rows.append([name, units, f"{stage:.2f}", f"{stage / units:.3f}", build])
    for name, report in r["memory"]["reports"].items():
        if is_province(name):
            stage = report["stages"].get("units", 0)
            rows.append(
                [
                    name,
                    report["units"],
                    f"{stage:.2f}",
                    f"{stage / report['units']:.3f}",
                    f"memory build, {r['memory']['jobs']} jobs",
                ]
            )
    return table(["report", "units", "`units` stage (s)", "per unit (s)", "from"], "lrrrl", rows)


def national_section(r: dict, s: dict) -> str:
    national = r.get("national")
    if not national:
        return "Not measured in this run."
    reports = national["reports"].values()
    seconds = sorted(rep["seconds"] for rep in reports)
    sizes = sorted(rep["units"] for rep in reports)
    return f"""{national["provinces"]} generated provinces (`generate_national`: {sizes[0]} to {sizes[-1]} units each, \
{national["units"]} in all, a detail sheet per unit, two blocks each), one year ({NATIONAL_YEAR}), built by one
`python -m pipeline build` from the raw sheets (an empty processed folder: every sheet read and checked), every
default format, {r["machine"]["cores"]} jobs, one run: **{national["wall"]:.0f} s** wall ({national["wall"] / 60:.1f} min),
peak **{s["national_peak_mib"]:.0f} MiB** (summed as in section 6). A report's own seconds: {seconds[0]:.1f} to
{seconds[-1]:.1f}, median {median_of(seconds):.1f}; {national["wall"] / national["units"] * 1000:.0f} ms of wall time per
unit, {s["national_per_unit"]:.3f} s per unit in the `units` stage."""


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def write_doc(path: Path, r: dict) -> None:
    s, m = summarise(r), r["machine"]
    n, runs = len(r["sample"]["targets"]), r["runs"]
    how = (
        "quick mode, `make benchmark-quick`: one run, subsets"
        if r["quick"]
        else f"`make benchmark`, medians of {runs} runs"
    )
    warm_up = (
        "the processed cache of every report measured is filled by `store.analysis_of` (what a build's `prepare` stage "
        "does), no build"
        if r["quick"]
        else "one untimed build of ours (every sample report, and the province's last year, HTML + PDF, into the "
        "outputs folders the timed builds use, so that those are forced rebuilds) fills the processed cache"
    )
    every_format = (
        f"{s['all_wall']:.1f} s wall for the {n} reports, {s['all_wall'] / n:.1f} s per report"
        if s["all_wall"] is not None
        else "not measured in quick mode (the memory build, section 6, has every format)"
    )
    cold_diff = s["cold"] - s["warm"]
    noop_runs = r["noop"]["runs"]
    memory = r["memory"]
    text = f"""# Benchmarks

Measured by `benchmarks/run.py` ({how}) on {m["date"]}: {m["cores"]} cores ({m["cpu"]}), Python {m["python"]},
{m["system"]}, commit {m["commit"]}. A shared machine: load average {m["load_before"]:.2f} before the run,
{m["load_after"]:.2f} after; the run took {
        r["seconds"] / 60:.0f} min. Ours and the plain loop are measured in the same run,
turn about, on the same data. The raw figures: `benchmarks/work/{"results-quick" if r["quick"] else "results"}.json`
(`benchmarks/run.py --from-results FILE --doc FILE` rewrites this page from them).

- **Ours**: `python -m pipeline build --force --formats html,pdf`, default jobs ({
        m["cores"]
    }), with private `--processed`
  and `--out` folders under `benchmarks/work/`. Per report: the wall time of the whole build over the number of
  reports, and the report's own `seconds` and `stages` from the outputs' `manifest.json`.
- **Plain loop**, per report, one command after another, from the repository root: `papermill {NOTEBOOK} report.ipynb
  -p district … -p year … -p raw_dir … -p processed_dir …` (the venv's kernelspec `python3`), `jupyter nbconvert --to
  html --no-input report.ipynb`, `weasyprint report.html report.pdf`.
- **Warm-up**: before anything is timed, {warm_up}; the plain loop's `processed_dir` is a copy of it. Both sides build
  reports from prepared tables: neither times first-time sheet reading.

## Against the targets

{targets_table(r, s)}

## 1. The shipped sample: ours against the plain loop

{n} reports of `data/raw`{
        " (quick mode: a subset)" if r["quick"] else ""
    }, forced, HTML + PDF. "ours, own" is the report's own
time in its worker (the workers run side by side, so a report's own time counts the other worker's share
of the machine); "ratio" is the plain loop's seconds over ours, own, per report, and on the last line the plain
loop's sum over the wall time of our whole build.

{sample_table(s)}

Ours with every default format (html, pdf, docx, units, annex), for information: {every_format}.

## 2. One report built cold

`python -m pipeline build --force --district "{COLD[0]}" --year {COLD[1]} --jobs 1 --formats html,pdf`, a fresh process
(processed cache warm, a new outputs folder): **{s["cold"]:.1f} s** wall, the report's own seconds {
        s["cold_own"]:.1f} s.
The same report built warm, the second of `build --jobs 1 --force --district "{COLD[0]}" --formats html,pdf` (its kernel
warmed by {COLD[1] - 1}): **{s["warm"]:.1f} s**. Cold costs {abs(cold_diff):.1f} s {
        "more" if cold_diff >= 0 else "less"
    }
(target: at most 2 s more).

## 3. A {s["province_units"]}-unit province with criterion detail

`{PROVINCE}`, generated with `pipeline.sample.districts` ({
        ", ".join(f"{c} {t}" for t, c in PROVINCE_UNITS)
    }; a detail sheet per unit
and year, with criteria, sub-criteria and reasons; ranked in two blocks by its `report.toml`; {PROVINCE_YEARS[0]} and
{PROVINCE_YEARS[-1]}). Its {PROVINCE_YEARS[-1]} report, HTML + PDF:

{
        table(
            ["", "seconds"],
            "lr",
            [
                ["plain loop", f"{s['province_plain']:.1f}"],
                [
                    f'ours, `build --force --district "{PROVINCE}" --year {PROVINCE_YEARS[-1]} --formats html,pdf`, wall',
                    f"{s['province_ours']:.1f}",
                ],
                ["**ratio**", f"**{s['province_ratio']:.1f}x**"],
            ],
        )
    }

The same report with every default format (HTML, PDF, Word, {s["province_units"]} unit documents, annex, xlsx, json),
`build --force --district "{PROVINCE}" --year {PROVINCE_YEARS[-1]}`: **{fmt(s["province_all"])} s** wall (target: 10 s).

## 4. Unit documents

The `units` stage (each unit's HTML and Word document) over the number of units, from default-formats builds:

{units_table(r)}

## 5. No-op rebuild

{r["noop"]["reports"]} generated reports (small districts of {NOOP_UNITS} units, two years, the three sample layouts),
built once HTML-only ({r["noop"]["first_build"]:.0f} s), then `build --formats html` with nothing changed, median of
{len(noop_runs)}: **{s["noop"]:.2f} s** ({", ".join(f"{v:.2f}" for v in noop_runs)}).

## 6. Peak memory

The sample and the province under one raw folder, {len(memory["reports"])} reports ({
        ", ".join(memory["reports"])
    }), every
default format, forced, `--jobs {memory["jobs"]}`: peak **{s["peak_mib"]:.0f} MiB**, {
        memory["wall"]:.0f} s wall, one run.
Resident memory of the build and all its descendants, summed, sampled every 50 ms (pages shared by forked workers count
in each).

## 7. A whole country

{national_section(r, s)}

## 8. Where a report's time goes

Median seconds per report of each stage in the outputs' `manifest.json` (`reports[..].stages`; per report the median
over runs, then the median over reports). Other outputs: docx, units, annex and summary (summary.json, scores.xlsx).

{split_table(s)}

{kept_profile(path)}
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def kept_profile(path: Path) -> str:
    """The hand-written profile section of the doc being rewritten (or of docs/benchmarks.md), else a placeholder."""
    for source in (path, DOC):
        text = source.read_text(encoding="utf-8") if source.exists() else ""
        if PROFILE_START in text and PROFILE_END in text:
            return text[text.index(PROFILE_START) : text.index(PROFILE_END) + len(PROFILE_END)]
    placeholder = "## Profile\n\n(Hand-written: where the time goes, what each lever gave. run.py keeps this section.)"
    return f"{PROFILE_START}\n{placeholder}\n{PROFILE_END}"


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="one run, a subset: under 5 minutes; writes benchmarks/work/quick.md"
    )
    parser.add_argument("--runs", type=int, help="runs of each timing (default: 3, quick: 1)")
    parser.add_argument(
        "--doc", type=Path, help="the Markdown to write (default: docs/benchmarks.md, quick: benchmarks/work/quick.md)"
    )
    parser.add_argument(
        "--from-results", type=Path, metavar="JSON", help="measure nothing: write the doc from saved results"
    )
    args = parser.parse_args()
    if args.from_results:
        results = json.loads(args.from_results.read_text(encoding="utf-8"))
        doc = args.doc or (QUICK_DOC if results["quick"] else DOC)
        write_doc(doc, results)
        say(f"written {doc}")
        return
    if not (BIN / "papermill").exists():
        raise SystemExit(f"run with the project's venv: .venv/bin/python {Path(__file__).relative_to(ROOT)}")
    check_plain_kernel()
    setup = Setup(quick=args.quick, runs=args.runs or (1 if args.quick else 3), work=WORK / "run")
    results = {"quick": setup.quick, "runs": setup.runs, "machine": machine()}
    say(
        f"benchmark ({'quick' if setup.quick else 'full'}, {setup.runs} run(s)) on {CORES} cores, work folder {setup.work}"
    )
    prepare(setup)
    results["sample"] = measure_sample(setup)
    results["cold"] = measure_cold(setup)
    results["province"] = measure_province(setup)
    results["memory"] = measure_memory(setup)
    results["noop"] = measure_noop(setup)
    results["national"] = measure_national(setup)
    results["machine"]["load_after"] = os.getloadavg()[0]
    results["seconds"] = time.perf_counter() - STARTED
    saved = WORK / ("results-quick.json" if setup.quick else "results.json")
    saved.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    doc = args.doc or (QUICK_DOC if setup.quick else DOC)
    write_doc(doc, results)
    s = summarise(results)
    say(
        f"\nsample {s['sample_ratio']:.1f}x, province {s['province_ratio']:.1f}x, cold {s['cold']:.1f} s / warm {s['warm']:.1f} s, "
        f"no-op {s['noop']:.2f} s, peak {s['peak_mib']:.0f} MiB; {results['seconds'] / 60:.1f} min in all"
    )
    say(f"written {saved.relative_to(ROOT)} and {doc}")


if __name__ == "__main__":
    main()
