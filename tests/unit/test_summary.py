"""summary.json is written in one place (pipeline/write/summary.py), and README's "summary.json" table lists
exactly the keys it writes: at the top level, and in each unit's record."""

import re

from pipeline.build import outputs
from pipeline.model import analysis
from pipeline.write import summary
from tests.helpers import ROOT
from tests.helpers.tables import DETAIL


def readme_table() -> dict[str, str]:
    """README's summary.json table: each row's keys (the backticked names of its first cell) -> its content."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## summary.json\n") : text.index("## Project layout")]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            for key in re.findall(r"`([^`]+)`", cells[0]):
                rows[key] = cells[1]
    return rows


def written() -> dict:
    a = analysis.analyse(DETAIL, weakest_n=1)
    return summary.of(a, outputs.files(outputs.FORMATS), unit_documents=True, generated_at="2026-12-04T00:00:00+00:00")


def test_the_readme_lists_every_top_level_key_summary_json_has_and_no_other():
    assert set(readme_table()) == set(written())


def test_the_readme_lists_every_key_of_a_units_record_and_no_other():
    listed = re.findall(r"`([^`]+)`", readme_table()["units"])
    [first, *_] = written()["units"]
    assert set(listed) == set(first) == set(summary.UNIT_KEYS)


def test_the_build_writes_the_files_the_registry_made_and_the_units_documents():
    data = written()
    assert data["files"]["units"] == "units" and "summary" not in data["files"]  # it does not list itself
    assert set(data["unit_documents"]) == {u["name"] for u in data["units"]}
    assert all(stem.startswith("units/") for stem in data["unit_documents"].values())
