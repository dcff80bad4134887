"""The same inputs built twice give the same outputs, but for the one generated-at stamp."""

import json

import pytest
from python_calamine import CalamineWorkbook

from tests.helpers.build import build, counts

pytestmark = pytest.mark.slow


def snapshot(base):
    reports = {}
    for summary in sorted((base / "out").glob("*/*/summary.json")):
        folder = summary.parent
        data = json.loads(summary.read_text(encoding="utf-8"))
        stamp = data.pop("generated_at")
        workbook = CalamineWorkbook.from_path(str(folder / "scores.xlsx"))
        cells = {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
        reports[folder.relative_to(base)] = (data, cells, (folder / "report.html").read_bytes(), stamp)
    return reports


def test_building_twice_gives_identical_reports(site):
    first = snapshot(site)
    result = build(site, "--force")
    assert counts(result.stderr)["built"] == 3
    second = snapshot(site)
    assert first.keys() == second.keys() and len(first) == 3
    for key in first:
        summary, cells, html, _ = first[key]
        assert second[key][0] == summary, key
        assert second[key][1] == cells, key
        assert second[key][2] == html, key
