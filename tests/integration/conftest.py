"""Fixtures of the integration tests: a first build of a small district, and a copy of it to work on."""

import shutil

import pytest

from tests.helpers.build import build, counts
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
