"""The output registry (pipeline/build/outputs.py) is what --formats, staleness, summary.json's `files`, the
stages and the index page read: its answers, worked out from the table by hand."""

from pathlib import Path

from pipeline.build import outputs
from pipeline.build.options import BuildOptions
from pipeline.build.run import expected_outputs
from pipeline.read.layout import DistrictYear


def test_the_formats_are_the_registrys_in_the_order_they_are_written():
    assert outputs.FORMATS == ("html", "pdf", "docx", "units", "annex")
    assert {"docx", "units", "annex"} == outputs.WORD_FORMATS  # the formats made on the Word template


def test_an_html_only_build_makes_the_notebook_the_page_the_workbook_and_the_summary():
    assert [o.kind for o in outputs.made(("html",))] == ["ipynb", "html", "xlsx", "summary"]
    assert outputs.files(("html",)) == {"ipynb": "report.ipynb", "html": "report.html", "xlsx": "scores.xlsx"}


def test_every_output_is_written_in_a_known_stage_and_in_the_stages_order():
    assert all(o.stage in outputs.STAGES for o in outputs.OUTPUTS)
    order = [outputs.STAGES.index(o.stage) for o in outputs.made(outputs.FORMATS)]
    assert order == sorted(order)
    assert outputs.made(outputs.FORMATS)[-1].kind == "summary"  # written last, published last


def test_the_index_links_a_report_in_the_readers_order():
    assert [label for label, _ in outputs.links()] == ["HTML", "PDF", "Word", "Excel", "Phụ lục", "Phụ lục (Word)"]


def test_a_built_report_must_have_every_file_its_formats_make(tmp_path):
    dy = DistrictYear("Thử Nghiệm", 2023, tmp_path / "raw" / "Thử Nghiệm" / "2023")
    options = BuildOptions(out_dir=tmp_path / "out", formats=("pdf", "annex"))
    folder = Path(tmp_path / "out" / "thu-nghiem" / "2023")
    assert expected_outputs(dy, options) == [
        folder / name
        for name in ("report.ipynb", "report.pdf", "annex.xlsx", "annex.docx", "scores.xlsx", "summary.json")
    ]
