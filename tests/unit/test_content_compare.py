"""The before-and-after comparison of issue 28 (tests/helpers/content.py): two outputs folders say the same
when only what a reader cannot see changed (bytes, the build's time stamp), and differ when a word, a number
in a Word table, a spreadsheet cell or what a chart draws (a bar's length, a highlight) changed. Real files:
an HTML page with an SVG chart, a Word document made by pipeline.write.word, a workbook by openpyxl."""

import json
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook

from pipeline.write import word
from tests.helpers import content

CHART = """<svg width="200pt" height="100pt" viewBox="0 0 200 100">
<path d="M 10 10 L 110 10 L 110 30 L 10 30 z" style="fill: #3d5a80; stroke: #3d5a80"/>
<path d="M 10 40 L 90 40 L 90 60 L 10 60 z" style="fill: #3d5a80; stroke: #3d5a80"/>
<text x="115" y="25">95,50</text><text x="95" y="55">80,25</text></svg>"""
PAGE = "<html><body><h1>Báo cáo</h1><p>Xã A đạt 95,50 điểm.</p><figure>{chart}</figure></body></html>"
TABLE = (
    "<table><thead><tr><th>Đơn vị</th><th>Điểm</th></tr></thead>"
    "<tbody><tr><td>Xã A</td><td>{score}</td></tr></tbody></table>"
)


def _outputs(folder: Path, score: str = "95,50", chart: str = CHART, cell: float = 95.5, stamp: str = "10:00"):
    folder.mkdir(parents=True)
    (folder / "report.html").write_text(PAGE.format(chart=chart), encoding="utf-8")
    (folder / "report.docx").write_bytes(word.to_docx(TABLE.format(score=score)))
    book = Workbook()
    book.active.append(["Xã A", cell])
    book.save(folder / "scores.xlsx")
    (folder / "summary.json").write_text(json.dumps({"generated_at": stamp, "mean": 87.88}), encoding="utf-8")
    return folder


def test_the_same_content_in_other_bytes_is_the_same(tmp_path):
    old = _outputs(tmp_path / "old")
    new = _outputs(tmp_path / "new", stamp="11:30")  # another build: new zip times, a new time stamp
    assert content.differences(old, new) == []
    assert content.main([str(old), str(new)]) == 0


def test_a_number_in_a_word_table_differs(tmp_path):
    old, new = _outputs(tmp_path / "old"), _outputs(tmp_path / "new", score="95,05")
    [found] = content.differences(old, new)
    assert found.startswith("differs: report.docx") and "95,05" in found
    assert content.main([str(old), str(new)]) == 1


def test_a_spreadsheet_cell_differs(tmp_path):
    old, new = _outputs(tmp_path / "old"), _outputs(tmp_path / "new", cell=95.05)
    assert [f.split(":")[0:2] for f in content.differences(old, new)] == [["differs", " scores.xlsx"]]


def test_a_longer_bar_or_a_highlighted_bar_differs_though_every_label_is_the_same(tmp_path):
    old = _outputs(tmp_path / "old")
    longer = _outputs(tmp_path / "longer", chart=CHART.replace("L 90 40 L 90 60", "L 95 40 L 95 60"))
    red = CHART.replace("fill: #3d5a80; stroke", "fill: #c0392b; stroke", 1)
    highlighted = _outputs(tmp_path / "highlighted", chart=red)
    for new in (longer, highlighted):
        [found] = content.differences(old, new)
        assert found.startswith("differs: report.html")
        assert content.content(old / "report.html")["text"] == content.content(new / "report.html")["text"]


def test_an_output_on_one_side_only_is_named(tmp_path):
    old, new = _outputs(tmp_path / "old"), _outputs(tmp_path / "new")
    shutil.copy(new / "scores.xlsx", new / "annex.xlsx")
    assert content.differences(old, new) == [f"only in {new}: annex.xlsx"]
    assert load_workbook(new / "annex.xlsx").active["B1"].value == 95.5
