"""Fixtures of the integration tests: a first build of a small district, a copy of it to work on, and the
shipped sample built once."""

import shutil

import pytest

from tests.helpers import ROOT
from tests.helpers.build import build, counts, run_build
from tests.helpers.sheets import write_small_district


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


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The shipped sample (data/raw) built once per session in every default format, as `make reports`
    builds it: for the tests that only read its outputs. Returns (outputs folder, the build's log)."""
    base = tmp_path_factory.mktemp("sample")
    result = run_build(ROOT / "data" / "raw", base / "processed", base / "out", timeout=1800)
    assert result.returncode == 0, result.stderr
    return base / "out", result.stderr
