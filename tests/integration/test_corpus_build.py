"""A build over the bad-input corpus and the sample data together: the good districts are built, the
bad ones are listed with their file and reason, and the run ends with status 1."""

import re
import shutil

import pytest

from pipeline.read import layout
from tests.helpers import ROOT
from tests.helpers.bad_inputs import CASES, YEAR, write_all
from tests.helpers.build import counts, run_build

pytestmark = pytest.mark.slow
SAMPLE = "Phong Thổ"


def test_corpus_and_sample_build_together(tmp_path):
    raw = tmp_path / "data" / "raw"
    write_all(raw)
    shutil.copytree(ROOT / "data" / "raw" / SAMPLE, raw / SAMPLE)  # one sample district among the bad inputs
    shutil.copytree(ROOT / "data" / "names", tmp_path / "data" / "names")
    data = tmp_path / "data"
    result = run_build(raw, data / "processed", tmp_path / "out", "--formats", "html", timeout=1200)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [c for c in CASES if c.outcome == "error"]
    good = [c for c in CASES if c.outcome in ("ok", "warning")]
    sample_years = len([dy for dy in layout.discover(ROOT / "data" / "raw") if dy.district == SAMPLE])
    assert counts(result.stderr) == {"built": sample_years + len(good), "skipped": 0, "failed": len(errors)}
    closing = result.stderr[result.stderr.index("\ntotal ") :]
    for case in errors:  # the closing list names the bad file and the reason
        block = re.search(rf"FAILED {re.escape(case.district)} {YEAR}: (.*?)(?=\nFAILED |\Z)", closing, re.S)
        assert block, case.district
        assert case.message in block.group(1) and case.file in block.group(1), (case, block.group(1))
    for case in good:
        assert re.search(rf"^built  {re.escape(case.district)} {YEAR} ", result.stderr, re.M), case.district
    for year in (2022, 2023):
        assert re.search(rf"^built  {SAMPLE} {year} ", result.stderr, re.M)
    for case in (c for c in CASES if c.outcome == "skipped"):
        assert case.message in result.stderr and f"FAILED {case.district}" not in result.stderr
