"""Faults during a build: the previous good outputs survive, nothing half-written stays, the message
says what happened, and the next build recovers."""

import errno
import json
import logging
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.build import manifest, run
from pipeline.build.options import BuildOptions
from pipeline.read import layout
from tests.helpers.build import build, counts, notebook_with_cell

pytestmark = pytest.mark.slow

FAULTS = """if (district, year) == ("Thử Nghiệm", 2022):
    import os
    os._exit(1)  # the kernel dies
if district == "Tổng Hợp":
    raise RuntimeError("lỗi thử trong ô")
if district == "Treo":
    import time
    time.sleep(120)  # hangs past the timeout"""


def faulty_notebook(path: Path) -> Path:
    return notebook_with_cell(path, FAULTS)


def outputs(base: Path) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for p in (base / "out").rglob("*")
        if p.is_file() and p.parent.parent.parent.name == "out" and p.name != "report.failed.ipynb"
    }


def test_raising_dying_and_hanging_notebooks_fail_alone(site):
    shutil.copytree(site / "data" / "raw" / "Tổng Hợp", site / "data" / "raw" / "Treo")
    assert build(site).returncode == 0  # Treo's first, good report
    before = outputs(site)
    started = time.monotonic()
    result = build(site, "--notebook", str(faulty_notebook(site / "faulty.ipynb")), "--timeout", "5")
    assert time.monotonic() - started < 120
    assert result.returncode == 1
    assert counts(result.stderr) == {"built": 1, "skipped": 0, "failed": 3}
    assert "FAILED Thử Nghiệm 2022: the notebook's kernel died" in result.stderr
    assert "FAILED Tổng Hợp 2023: notebook cell" in result.stderr and "RuntimeError: lỗi thử trong ô" in result.stderr
    assert "FAILED Treo 2023: a notebook cell ran longer than the 5 s allowed" in result.stderr
    failed = site / "out" / "tong-hop" / "2023" / "report.failed.ipynb"
    assert "An Exception was encountered" in failed.read_text(encoding="utf-8")  # papermill's banner
    assert f"executed notebook (see the error banner at the top): {failed}" in result.stderr
    for path, content in before.items():  # the failed reports keep their previous outputs, whole
        if "thu-nghiem/2023" not in str(path):
            assert path.read_bytes() == content, path
    assert not list((site / "out").glob("*/.*.tmp"))
    again = build(site)  # the original notebook again: everything recovers
    assert again.returncode == 0 and counts(again.stderr)["failed"] == 0


@pytest.mark.parametrize(
    ("signal_", "group", "status", "word"),
    [(signal.SIGTERM, False, 143, "SIGTERM"), (signal.SIGINT, True, 130, "Ctrl-C")],
)
def test_an_interrupted_build_stops_cleanly_and_the_next_recovers(site, signal_, group, status, word):
    before = outputs(site)
    process = build(site, "--force", "--jobs", "2", wait=False)
    deadline = time.time() + 120
    while time.time() < deadline and not list((site / "out").glob("*/.*.tmp")):
        time.sleep(0.05)
    os.killpg(process.pid, signal_) if group else process.send_signal(signal_)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert f"interrupted ({word})" in stderr and "Traceback" not in stderr
    for path, content in before.items():
        assert path.exists()
        if path.suffix == ".json" and path.read_bytes() != content:
            json.loads(path.read_text(encoding="utf-8"))  # replaced whole, never half-written
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert not list((site / "out").glob("*/.*.tmp"))


def _options(base: Path) -> BuildOptions:
    return BuildOptions(
        raw_dir=base / "data" / "raw",
        processed_dir=base / "data" / "processed",
        out_dir=base / "out",
        formats=("html", "pdf"),
    )


def test_a_full_disk_fails_the_report_and_keeps_the_previous_one(site, monkeypatch):
    options = _options(site)
    targets = [dy for dy in layout.discover(options.raw_dir) if dy.slug == "tong-hop"]
    assert run.run(options, targets)[0].status == "built"  # with a PDF, the good outputs
    before = outputs(site)
    write_bytes = Path.write_bytes

    def disk_full(self, data):
        if self.suffix == ".pdf":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    [outcome] = run.run(options, targets, force=True)
    assert outcome.status == "failed"
    assert "cannot write" in outcome.reason and "No space left on device" in outcome.reason
    assert outputs(site) == before
    assert not list((site / "out").glob("*/.*.tmp"))
    monkeypatch.undo()
    assert run.run(options, targets)[0].status == "built"  # the last build failed: it is rebuilt


def test_a_read_only_report_folder_fails_the_report_and_keeps_the_previous_one(site, monkeypatch):
    options = _options(site)
    targets = [dy for dy in layout.discover(options.raw_dir) if dy.slug == "tong-hop"]
    before = outputs(site)
    replace = os.replace

    def read_only(src, dst):
        if "tong-hop" in str(dst) and ".tmp" not in Path(dst).name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        return replace(src, dst)

    monkeypatch.setattr(os, "replace", read_only)
    [outcome] = run.run(options, targets, force=True)
    assert outcome.status == "failed" and "Permission denied" in outcome.reason
    monkeypatch.undo()
    assert outputs(site) == before


def test_an_outputs_folder_that_cannot_be_written_is_a_message_not_a_traceback(site, monkeypatch, caplog):
    def refuse(self):
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(self.path))

    monkeypatch.setattr(manifest.BuildLock, "__enter__", refuse)
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        status = cli.main(
            [
                "build",
                "--raw",
                str(site / "data" / "raw"),
                "--processed",
                str(site / "data" / "processed"),
                "--out",
                str(site / "out"),
                "--jobs",
                "1",
            ]
        )
    assert status == 1
    assert f"cannot write to {site / 'out'}: Read-only file system" in caplog.text
