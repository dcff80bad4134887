from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.sheets import write_small_district

# `pytest --hypothesis-profile=thorough`: the property tests with thousands of examples
# (tests/unit/test_published_properties.py runs a few hundred otherwise).
settings.register_profile("thorough", max_examples=3000, deadline=None)


@pytest.fixture
def small_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    write_small_district(raw)
    return raw
