"""A build killed outright (SIGKILL: the OOM killer, `kill -9`) leaves nothing running and nothing broken.

The build is killed while a report is in a given stage: its stage start lines (`python -m pipeline -v build`
logs "<group> <year>: stage <name> starts") say when, whichever engine runs that stage. Only the build's own
process is killed, not its process group, as the OOM killer does. Then every process it started (recorded
from its process tree just before the kill) must be gone within 5 s, the killed report must not have been
written any further, every output must be whole, and the next build must finish the reports.

Hand-worked data (tests/helpers/sheets.py, write_small_district): the tests lower An Bình's 2022 leaves from
2, 3, 2, 3 (10) to 1, 3, 2, 2 (8), so 2022 ranks Cát Lộc 9 first, An Bình 8 second, Bình Minh 7 third,
average (9 + 8 + 7) / 3 = 8.00; both reports are stale (2023 compares with 2022), and 2023's An Bình
was ranked 2 the year before (it was 1).
"""

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from pipeline.build.manifest import BuildLock, LockedError
from tests.helpers import ROOT
from tests.helpers.build import counts, notebook_with_cell, run_build
from tests.helpers.sheets import detail_rows, write_detail, write_small_district

GROUP, SLUG = "Thử Nghiệm", "thu-nghiem"
FORMATS = ("--formats", "html,pdf", "--district", GROUP)
STAGE_LINE = re.compile(rf"^{GROUP} (\d{{4}}): stage (\w+) starts$", re.M)
GONE_WITHIN_S = 5
# A report in a stage: the stage's start line is logged and the next stage's is not, and the report's
# staging folder holds the file the stage starts from, not yet the one it makes (the notebook runs on the
# staged analysis and its executed copy is written when the run ends; the PDF is printed from the HTML
# written before it).
IN_STAGE = {"notebook": ("analysis.pickle", "report.ipynb", "html"), "pdf": ("report.html", "report.pdf", "summary")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Both reports of Thử Nghiệm, built once (HTML and PDF); each test kills a rebuild of a copy."""
    base = tmp_path_factory.mktemp("killed")
    write_small_district(base / "raw")
    result = run_build(base / "raw", base / "processed", base / "out", *FORMATS, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr) == {"built": 2, "skipped": 0, "failed": 0}
    return base


@pytest.fixture
def site(built, tmp_path) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    year = tmp_path / "raw" / GROUP / "2022"
    write_detail(year / "an_binh.xlsx", "UBND XÃ AN BÌNH", detail_rows(1, 3, 2, 2), year=2022)
    return tmp_path


# The analyst's cell that makes a stage last long enough to kill a build inside it, on any machine: a long
# computation in the notebook, or a long table the PDF prints (6,000 rows: seconds of layout).
LASTING = {
    "notebook": "import time\ntime.sleep(60)",
    "pdf": "from IPython.display import HTML\nHTML('<table><thead><tr><th>STT</th><th>Đơn vị</th></tr></thead><tbody>'"
    " + ''.join(f'<tr><td class=\"num\">{i}</td><td class=\"text\">Đơn vị số {i} của bảng dài</td></tr>'"
    " for i in range(6000)) + '</tbody></table>')",
}


def start_build(site: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    """The build CLI with its debug log (stage start lines) going to a file the test reads as it grows."""
    log = site / "build.log"
    command = [sys.executable, "-m", "pipeline", "-v", "build", "--raw", str(site / "raw")]
    command += ["--processed", str(site / "processed"), "--out", str(site / "out"), *FORMATS, *args]
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
    return process, log


def kill_in_stage(site: Path, stage: str, workers: int) -> tuple[int, list[psutil.Process], list[list[str]]]:
    """Start a build, SIGKILL it once a report is in `stage`, with `workers` workers each running its kernel
    (0: the build runs its kernel itself); returns the year of that report, and the processes the build had
    started and their command lines.

    In the stage: IN_STAGE."""
    notebook = notebook_with_cell(site / f"lasting-{stage}.ipynb", LASTING[stage])
    process, log = start_build(site, "--jobs", str(max(workers, 1)), "--notebook", str(notebook))
    build = psutil.Process(process.pid)
    deadline = time.monotonic() + 120
    year = None
    while time.monotonic() < deadline and process.poll() is None:
        pool = [w for w in children(build) if is_worker(w)]
        complete = len(pool) == workers and all(len(kernels(w)) == 1 for w in pool or [build])
        inside = [y for y in (2022, 2023) if in_stage(site, y, stage)]
        if complete and inside:
            year = inside[0]
            break
        time.sleep(0.02)
    started_by_build = children(build, recursive=True)
    commands = [_command(p) for p in started_by_build]
    os.kill(process.pid, signal.SIGKILL)  # the build alone, not its process group
    process.wait()
    assert year is not None, f"no report reached stage {stage}: nothing was killed there\n{log.read_text()}"
    assert process.returncode == -signal.SIGKILL, "the build ended before the kill: the test proved nothing"
    return year, started_by_build, commands


def is_worker(process: psutil.Process) -> bool:
    return _command(process)[1:3] == ["-m", "pipeline"]


def kernels(process: psutil.Process) -> list[psutil.Process]:
    return [k for k in children(process) if _command(k)[1:3] == ["-m", "ipykernel_launcher"]]


def children(process: psutil.Process, recursive: bool = False) -> list[psutil.Process]:
    """The process's children, read again when one ends while they are listed (a build's short-lived
    children: ctypes runs gcc and ldconfig to find a library)."""
    while True:
        try:
            return process.children(recursive=recursive)
        except psutil.NoSuchProcess as gone:
            if gone.pid == process.pid:
                return []


def _command(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.NoSuchProcess:  # a short-lived child may end meanwhile
        return []


def roles(commands: list[list[str]]) -> list[str]:
    """The workers and kernels among the processes a build started, by their command lines."""
    role = {"pipeline": "worker", "ipykernel_launcher": "kernel"}
    return sorted(role[c[2]] for c in commands if c[1:2] == ["-m"] and c[2] in role)


def in_stage(site: Path, year: int, stage: str) -> bool:
    starts_from, makes, next_stage = IN_STAGE[stage]
    log = (site / "build.log").read_text(encoding="utf-8", errors="replace")
    logged = {s for y, s in STAGE_LINE.findall(log) if int(y) == year}
    return (
        stage in logged
        and next_stage not in logged
        and any((f / starts_from).exists() and not (f / makes).exists() for f in staging_folders(site, year))
    )


def staging_folders(site: Path, year: int) -> list[Path]:
    return list((site / "out" / SLUG).glob(f".{year}.*.tmp"))


def runs(process: psutil.Process) -> bool:
    """The process runs: it exists, is not a zombie, and its pid was not reused (psutil checks its start time)."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def still_running(processes: list[psutil.Process], within: float) -> list[tuple[int, list[str]]]:
    """Those of `processes` still running `within` seconds from now, by pid and command; they are killed
    then, so that a failing test leaves nothing behind either. A zombie runs nothing (whoever adopted it
    reaps it in its own time)."""
    deadline = time.monotonic() + within
    while (alive := [p for p in processes if runs(p)]) and time.monotonic() < deadline:
        time.sleep(0.02)
    left = [(p.pid, _command(p)[:4]) for p in alive]
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    return left


def outputs(site: Path) -> dict[Path, bytes]:
    """The published outputs (staging folders and the lock are not outputs)."""
    out = site / "out"
    return {
        p: p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


def assert_whole(path: Path) -> None:
    """The file is a whole one of its kind: a PDF that opens, JSON that parses, a zip without errors, a page
    that ends."""
    if path.suffix == ".pdf":
        assert len(PdfReader(path).pages) > 0, path
    elif path.suffix in {".json", ".ipynb"}:
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix in {".xlsx", ".docx"}:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
    elif path.suffix == ".html":
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path


def summary(site: Path, year: int) -> dict:
    return json.loads((site / "out" / SLUG / str(year) / "summary.json").read_text(encoding="utf-8"))


def assert_nothing_left(started_by_build: list[psutil.Process]) -> None:
    left = still_running(started_by_build, GONE_WITHIN_S)
    assert not left, f"still running {GONE_WITHIN_S} s after the kill: {left}"


def check_outputs_and_rebuild(site: Path, before: dict, year: int) -> None:
    """The killed report not published, every output whole, and the next build finishes the reports."""
    final = site / "out" / SLUG / str(year)
    assert {p: c for p, c in outputs(site).items() if final in p.parents} == {
        p: c for p, c in before.items() if final in p.parents
    }, "the killed report was published after its build was killed"
    now = outputs(site)
    assert set(now) == set(before)
    for path, content in now.items():  # each output is the old one, or a new one, whole
        if content != before[path]:
            assert_whole(path)

    result = run_build(site / "raw", site / "processed", site / "out", *FORMATS, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr) == {"built": 2, "skipped": 0, "failed": 0}, result.stderr
    assert not list((site / "out").glob("*/.*.tmp")), "the killed build's staging folders are cleaned up"
    for path in outputs(site):
        assert_whole(path)
    s22, s23 = summary(site, 2022), summary(site, 2023)
    assert [(u["name"], u["total"], u["rank"]) for u in s22["units"]] == [
        ("Cát Lộc", 9, 1),
        ("An Bình", 8, 2),
        ("Bình Minh", 7, 3),
    ]
    assert s22["mean_total"] == pytest.approx(8.0)
    assert {u["name"]: u["prev_rank"] for u in s23["units"]}["An Bình"] == 2


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "doing"), [("notebook", "running its notebook"), ("pdf", "printing")])
def test_a_build_killed_in_a_stage_stops_its_workers_and_kernels(site, stage, doing):
    before = outputs(site)
    year, started_by_build, commands = kill_in_stage(site, stage, workers=2)
    assert roles(commands) == ["kernel", "kernel", "worker", "worker"], commands
    assert_nothing_left(started_by_build)
    assert in_stage(site, year, stage), f"the worker went on {doing} after its build was killed"
    check_outputs_and_rebuild(site, before, year)


@pytest.mark.slow
def test_a_one_job_build_killed_in_its_notebook_run_stops_its_kernel(site):
    """--jobs 1: the build runs its warm kernel itself (pipeline/kernel.py), which ends with it."""
    before = outputs(site)
    year, started_by_build, commands = kill_in_stage(site, "notebook", workers=0)
    assert roles(commands) == ["kernel"], commands
    assert_nothing_left(started_by_build)
    assert outputs(site) == before
    assert in_stage(site, year, "notebook")


# A build that took the lock and forked a worker, which inherits the lock; the build then ends without
# releasing anything, as a killed one does, and the worker lives on for argv[2] seconds.
ENDED_BUILD = """
import os, sys, time
from pathlib import Path
from pipeline.build.manifest import BuildLock
lock = BuildLock(Path(sys.argv[1])).__enter__()
worker = os.fork()
if worker == 0:
    time.sleep(float(sys.argv[2]))
    os._exit(0)
lock.note_workers([worker])
print(worker, flush=True)
os._exit(0)
"""


def ended_build(out: Path, worker_lives_s: float) -> psutil.Process:
    """Run ENDED_BUILD; returns its worker, still running and holding the lock."""
    build = subprocess.Popen(
        [sys.executable, "-c", ENDED_BUILD, str(out), str(worker_lives_s)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    worker = psutil.Process(int(build.stdout.readline()))
    build.wait()  # reaped, as a shell reaps a killed build
    build.stdout.close()
    assert build.returncode == 0
    return worker


def test_a_build_waits_for_the_workers_of_a_build_that_has_ended(tmp_path):
    worker = ended_build(tmp_path, 1.0)
    assert runs(worker)
    with BuildLock(tmp_path):
        assert not runs(worker), "the lock was taken while the ended build's worker still ran"


def test_a_build_names_the_workers_of_an_ended_build_that_do_not_end(tmp_path, monkeypatch):
    worker = ended_build(tmp_path, 60)
    monkeypatch.setattr(BuildLock, "STALE_WAIT_S", 0.5)
    try:
        with pytest.raises(LockedError) as refused:
            BuildLock(tmp_path).__enter__()
    finally:
        worker.kill()
    message = str(refused.value)
    assert f"the build that was writing to {tmp_path} has ended (pid " in message
    assert f"processes it started (pid {worker.pid}) still hold the folder" in message


def test_a_worker_killed_mid_build_fails_its_report_only_and_leaves_nothing_running(built, tmp_path):
    """The OOM killer ends one worker: the build goes on. Here the 2023 report's notebook kills its own
    worker (the kernel's parent) each time it runs, so its lone retry dies too: 2023 fails with the
    reason, no traceback; 2022 is built; no process the build started is left."""
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    (tmp_path / "out").rename(tmp_path / "old")  # nothing up to date: both reports build
    cell = "import os, signal\nif year == 2023:\n    os.kill(os.getppid(), signal.SIGKILL)"
    notebook = notebook_with_cell(tmp_path / "kills-its-worker.ipynb", cell)
    mark = f"cchc-test-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "CCHC_TEST_MARK": mark}
    result = run_build(
        tmp_path / "raw",
        tmp_path / "processed",
        tmp_path / "out",
        *FORMATS,
        "--jobs",
        "2",
        "--notebook",
        str(notebook),
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert counts(result.stderr) == {"built": 1, "skipped": 0, "failed": 1}, result.stderr
    assert "ended abruptly" in result.stderr
    assert (tmp_path / "out" / SLUG / "2022" / "report.pdf").exists()
    assert not (tmp_path / "out" / SLUG / "2023").exists()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    failed = [r for r in manifest["reports"].values() if r["status"] == "failed"]
    assert [(r["year"], "ended abruptly" in r["reason"]) for r in failed] == [(2023, True)]
    assert still_running(marked(mark), GONE_WITHIN_S) == []


def marked(mark: str) -> list[psutil.Process]:
    """Every process whose environment carries `mark`: those a build with it started."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.environ().get("CCHC_TEST_MARK") == mark:
                found.append(process)
    return found
