"""Each case of the bad-input corpus (tests/helpers/bad_inputs.py) ends as documented in the README."""

import logging

import pytest

from pipeline.read import layout, store
from tests.helpers.bad_inputs import CASES, write_case


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.district)
def test_bad_input_outcome(tmp_path, caplog, case):
    raw = tmp_path / "raw"
    write_case(raw, case)
    with caplog.at_level(logging.WARNING, logger="pipeline.read.ingest"):
        found = layout.discover(raw)
    if case.outcome == "skipped":
        assert found == []
        assert any(case.message in r.getMessage() for r in caplog.records), caplog.text
        return
    [dy] = found
    problems = store.check(dy)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if case.outcome == "error":
        matching = [p for p in errors if case.message in p.text()]
        assert matching, [str(p) for p in problems]
        assert all(p.file == case.file for p in matching), [str(p) for p in matching]
        if case.row is not None:
            assert any(p.row == case.row for p in matching), [str(p) for p in matching]
    else:
        assert errors == [], [str(p) for p in errors]
        if case.outcome == "warning":
            assert any(case.message in str(p) for p in warnings), [str(p) for p in warnings]
        else:
            assert warnings == [], [str(p) for p in warnings]


def test_the_corpus_has_at_least_25_cases_of_every_kind():
    assert len(CASES) >= 25
    assert {c.outcome for c in CASES} == {"error", "warning", "ok", "skipped"}
