"""The test session runs as on a new user's machine: an empty matplotlib cache of its own, made before
anything imports matplotlib and inherited by every build and kernel the tests start. A cache kept in the
home folder from an earlier run hid a font clash that broke every report on a new machine (issue 22)."""

import os
import shutil
import tempfile

_MPLCONFIGDIR = tempfile.mkdtemp(prefix="cchc-test-mplconfig-")
os.environ["MPLCONFIGDIR"] = _MPLCONFIGDIR

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from tests.helpers.sheets import write_small_district  # noqa: E402


def pytest_unconfigure(config):
    shutil.rmtree(_MPLCONFIGDIR, ignore_errors=True)


# `pytest --hypothesis-profile=thorough`: the property tests with thousands of examples
# (tests/unit/test_published_properties.py runs a few hundred otherwise); `quick`: a few dozen (make test-fast).
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.register_profile("quick", max_examples=40, deadline=None)


@pytest.fixture
def small_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    write_small_district(raw)
    return raw
