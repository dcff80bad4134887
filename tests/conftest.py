from pathlib import Path

import pytest

from tests.helpers.sheets import write_small_district


@pytest.fixture
def small_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    write_small_district(raw)
    return raw
