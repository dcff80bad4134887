"""The sample data shipped in data/raw: the generator's output, in the shape the project promises."""

import pandas as pd

from pipeline.core.errors import ProblemLog
from pipeline.read import clean, ingest, layout
from pipeline.sample import districts, provinces
from tests.helpers import ROOT

RAW = ROOT / "data" / "raw"


def tidy(dy: layout.DistrictYear) -> tuple[pd.DataFrame, ProblemLog]:
    problems = ProblemLog()
    return clean.tidy(dy, ingest.read_folder(dy.folder, problems, dy.district), problems), problems


def test_shipped_sample_is_what_the_generator_makes(tmp_path):
    districts.generate(tmp_path)
    provinces.generate(tmp_path)  # `python -m pipeline sample` writes both
    shipped = {(dy.district, dy.year): dy for dy in layout.discover(RAW)}
    fresh = {(dy.district, dy.year): dy for dy in layout.discover(tmp_path)}
    assert shipped.keys() == fresh.keys()
    for key in shipped:
        ours, theirs = tidy(shipped[key])[0], tidy(fresh[key])[0]
        pd.testing.assert_frame_equal(ours, theirs)
        assert sorted(p.name for p in layout.sheet_files(shipped[key].folder)) == sorted(
            p.name for p in layout.sheet_files(fresh[key].folder)
        )


def test_sample_covers_three_districts_consecutive_years_both_layouts_and_a_large_district():
    names = {d.name for d in districts.SAMPLE_DISTRICTS}  # the provinces: tests/integration/test_sample_province.py
    found = [dy for dy in layout.discover(RAW) if dy.district in names]
    years = {}
    layouts, sizes = set(), {}
    for dy in found:
        table, problems = tidy(dy)
        assert problems.errors == [], [str(p) for p in problems.errors]
        years.setdefault(dy.district, []).append(dy.year)
        layouts.add("detail" if (table["level"] > 1).any() else "summary")
        sizes[dy.district] = table["unit"].nunique()
    assert len(years) >= 3
    assert all(sorted(y) == list(range(min(y), max(y) + 1)) and len(y) >= 2 for y in years.values())
    assert len(years["Phong Thổ"]) >= 3  # three comparable years: the units' histories
    assert layouts == {"detail", "summary"}
    assert max(sizes.values()) >= 15
