"""Each messy variant of An Bình's sheet cleans to the table written by hand in test_ingest."""

import pytest

from pipeline.read.names import NameList
from tests.helpers.messy import QUIRKS
from tests.helpers.tables import an_binh_expected, assert_tidy_equal, tidy_of


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_messy_sheet_cleans_to_the_same_table_as_its_clean_twin(tmp_path, quirk):
    writer, expected_warnings = QUIRKS[quirk]
    writer(tmp_path)
    names = NameList(tmp_path / "thu-nghiem.csv", [{"name": "An Bình", "type": "xã", "aliases": []}])
    table, problems = tidy_of(tmp_path, names)
    assert [str(p) for p in problems.errors] == []
    assert_tidy_equal(table, an_binh_expected())
    assert set(table["unit"]) == {"An Bình"} and set(table["unit_type"]) == {"xã"}
    warnings = [str(p) for p in problems.warnings]
    for expected in expected_warnings:
        assert any(expected in w for w in warnings), (expected, warnings)
    assert len(warnings) == len(expected_warnings), warnings
