"""The staleness rules (manifest.why_stale, manifest.inputs) on small folders, without building anything."""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build.manifest import ManifestEntry, Status, inputs, why_stale
from pipeline.build.options import BuildOptions
from pipeline.read import store
from pipeline.read.fingerprint import Hasher, inputs_of
from pipeline.read.layout import DistrictYear


@pytest.fixture
def tree(tmp_path: Path) -> tuple[DistrictYear, BuildOptions, Path]:
    """data/raw/Thử/2022 and 2023 with one sheet each, a names list, a notebook and one output."""
    for year in (2022, 2023):
        folder = tmp_path / "data" / "raw" / "Thử" / str(year)
        folder.mkdir(parents=True)
        (folder / "a.csv").write_text(f"sheet of {year}", encoding="utf-8")
    (tmp_path / "data" / "names").mkdir()
    (tmp_path / "data" / "names" / "thu.csv").write_text("name,type,aliases\n", encoding="utf-8")
    notebook = tmp_path / "report.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "source": "1", "metadata": {}}]}', encoding="utf-8")
    output = tmp_path / "report.html"
    output.write_text("<html/>", encoding="utf-8")
    dy = DistrictYear("Thử", 2023, tmp_path / "data" / "raw" / "Thử" / "2023")
    return dy, BuildOptions(notebook=notebook, formats=("html",)), output


def built(dy: DistrictYear, recorded: dict) -> ManifestEntry:
    return ManifestEntry(dy.district, dy.year, status=Status.BUILT, inputs=recorded)


def test_an_unchanged_report_is_up_to_date(tree):
    dy, options, output = tree
    recorded = inputs(dy, options, Hasher())
    assert why_stale(built(dy, recorded), inputs(dy, options, Hasher()), [output]) is None


def test_never_built_failed_and_missing_output_each_say_why(tree):
    dy, options, output = tree
    current = inputs(dy, options, Hasher())
    assert why_stale(None, current, [output]) == "never built"
    failed = ManifestEntry(dy.district, dy.year, status=Status.FAILED, reason="3 data error(s) in Thử 2023:\n  - x")
    assert why_stale(failed, current, [output]) == "its last build failed (3 data error(s) in Thử 2023:)"
    output.unlink()
    assert why_stale(built(dy, current), current, [output]) == "output missing: report.html"


def test_a_changed_added_or_removed_sheet_is_named(tree):
    dy, options, output = tree
    recorded = inputs(dy, options, Hasher())
    (dy.folder / "a.csv").write_text("changed", encoding="utf-8")
    (dy.folder / "b.csv").write_text("new", encoding="utf-8")
    current = inputs(dy, options, Hasher())
    assert why_stale(built(dy, recorded), current, [output]) == "raw sheets changed a.csv; added b.csv"
    (dy.folder / "a.csv").unlink()
    current = inputs(dy, options, Hasher())
    assert why_stale(built(dy, recorded), current, [output]) == "raw sheets added b.csv; removed a.csv"


def test_the_previous_year_is_an_input_like_the_others(tree):
    dy, options, output = tree
    recorded = inputs(dy, options, Hasher())
    (dy.folder.parent / "2022" / "a.csv").write_text("corrected", encoding="utf-8")
    assert why_stale(built(dy, recorded), inputs(dy, options, Hasher()), [output]) == (
        "the previous year's sheets changed"
    )


def test_names_list_notebook_and_parameters_make_a_report_stale(tree):
    dy, options, output = tree
    recorded = inputs(dy, options, Hasher())
    dy.names_path.write_text("name,type,aliases\nMường So,xã,\n", encoding="utf-8")
    options.notebook.write_text('{"cells": [{"cell_type": "code", "source": "2", "metadata": {}}]}', encoding="utf-8")
    current = inputs(dy, replace(options, weakest_n=5), Hasher())
    assert why_stale(built(dy, recorded), current, [output]) == (
        "the names list changed; the notebook changed; the parameters changed"
    )


def test_the_cell_timeout_does_not_make_a_report_stale(tree):
    dy, options, output = tree
    recorded = inputs(dy, options, Hasher())
    current = inputs(dy, replace(options, cell_timeout_s=5), Hasher())
    assert why_stale(built(dy, recorded), current, [output]) is None


def test_the_store_and_the_manifest_share_one_fingerprint(tree):
    dy, options, _ = tree
    assert inputs(dy, options, Hasher())["data"] == inputs_of(dy)
    assert dy.previous() == DistrictYear("Thử", 2022, dy.folder.parent / "2022")
    assert DistrictYear("Thử", 2022, dy.folder.parent / "2022").previous() is None


def test_an_offices_word_template_makes_only_its_word_outputs_stale(tree, tmp_path):
    dy, options, output = tree
    template = tmp_path / "template.docx"
    html_only = replace(options, word_template=template)
    with_word = replace(options, word_template=template, formats=("html", "docx"))
    recorded = {o.formats: inputs(dy, o, Hasher()) for o in (html_only, with_word)}
    template.write_bytes(b"the office's own styles")  # put in place after the last build
    assert why_stale(built(dy, recorded[("html",)]), inputs(dy, html_only, Hasher()), [output]) is None
    assert (
        why_stale(built(dy, recorded[("html", "docx")]), inputs(dy, with_word, Hasher()), [output])
        == "the Word template changed"
    )


def test_a_table_whose_meta_is_not_written_yet_counts_as_not_prepared(tmp_path):
    """Another worker is preparing the year: its table is there, its meta.json not yet."""
    target = store.folder(tmp_path, "thu", 2022)
    target.mkdir(parents=True)
    pd.DataFrame({"unit": ["An Bình"]}).to_parquet(target / store.SCORES)
    assert store.load(tmp_path, "thu", 2022) is None
    (target / store.META).write_text('{"fingerprint": {}}', encoding="utf-8")
    assert list(store.load(tmp_path, "thu", 2022).scores["unit"]) == ["An Bình"]
