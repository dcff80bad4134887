"""Shared by the integration tests: running a build as a user would, and a built site to work on."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sheets import write_small_district

ROOT = Path(__file__).resolve().parents[2]


def counts(stderr: str) -> dict[str, int]:
    """The closing table of a build: reports built, skipped and failed."""
    return {status: int(n) for status, n in re.findall(r"^(built|skipped|failed)\s+(\d+)", stderr, re.M)}


def build(base: Path, *args: str, wait: bool = True):
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "build",
        "--raw",
        str(base / "data" / "raw"),
        "--processed",
        str(base / "data" / "processed"),
        "--out",
        str(base / "out"),
        "--formats",
        "html",
        "--jobs",
        "1",
        *args,
    ]
    if not wait:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)


def built_reports(result) -> list[str]:
    return sorted(re.findall(r"^built\s+(\S.*\d{4}) \(", result.stderr, re.M))


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    write_small_district(base / "data" / "raw")
    result = build(base)
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr) == {"built": 3, "skipped": 0, "failed": 0}
    return base


@pytest.fixture
def site(first_build, tmp_path):
    shutil.copytree(first_build, tmp_path, dirs_exist_ok=True)
    return tmp_path
