"""The report's sections on hand-made tables: what the text says, the chart shows (read from its SVG)."""

import re

import pandas as pd

from pipeline.model import analysis
from pipeline.write import charts, documents, html, sections
from tests.helpers.tables import DETAIL, scores_table, with_not_applicable

# One field of 10 points, summary-sheet style; the town on full marks.
#   thị trấn Phong Thổ 10, xã Huổi Luông 9,5, xã Bản Lang 7, xã Sì Lở Lầu 7, xã Mường So 6,5
# mean 40 / 5 = 8,00. Bands of 10: from 8: 2 units; 6 to under 8: 3 units. Below full marks, lowest
# first: Mường So 6,5, then Bản Lang and Sì Lở Lầu tied at 7 (the third lowest): three units named,
# all below 8; never Phong Thổ (full marks) nor Huổi Luông.
SCORES = {"Phong Thổ": 10.0, "Huổi Luông": 9.5, "Bản Lang": 7.0, "Sì Lở Lầu": 7.0, "Mường So": 6.5}


def _one_field() -> pd.DataFrame:
    table = scores_table([(u, "1", 10.0, s, None, None) for u, s in SCORES.items()])
    table.loc[table["unit"] == "Phong Thổ", "unit_type"] = "thị trấn"
    return table


def _bars(svg: str) -> list[tuple[str, bool, str]]:
    """(unit label, highlighted, value label) per bar, read from the SVG, lowest bar first."""
    styles = re.findall(r'<g id="patch_\d+">\s*<path d="[^"]*"[^>]*?style="([^"]*stroke-width: 0\.5[^"]*)"', svg)
    words = charts.svg_texts(svg)
    axis = next(i for i, w in enumerate(words) if w.startswith("Điểm (tối đa"))
    names = words[axis + 1 : axis + 1 + len(styles)]
    values = words[-len(styles) :]
    return [(n, "url(#" in s, v) for n, s, v in zip(names, styles, values, strict=True)]


def test_a_fields_chart_highlights_exactly_the_units_its_sentence_names_as_lowest():
    a = analysis.analyse(_one_field())
    [part] = sections.fields(a)["parts"]
    assert part["paragraph"].endswith(
        "Trong đó, 01/05 đơn vị đạt điểm tối đa 10/10 điểm (thị trấn Phong Thổ); 02/05 đơn vị đạt từ 8 điểm trở lên; "
        "03/05 đơn vị đạt từ 6 đến dưới 8 điểm, thấp nhất là xã Mường So (6,5 điểm) và các xã Bản Lang, Sì Lở Lầu "
        "(cùng đạt 7 điểm)."
    )
    [svg] = part["figure"].parts
    bars = _bars(str(svg))
    assert {name for name, hatched, _ in bars if hatched} == {"Mường So", "Bản Lang", "Sì Lở Lầu"}
    assert ("TT. Phong Thổ", False, "10") in bars  # the town on full marks, never highlighted
    assert part["figure"].legend.startswith("Cột gạch chéo: 03 đơn vị có điểm lĩnh vực thấp nhất")


def test_the_numbers_of_a_chart_are_the_numbers_of_its_text():
    a = analysis.analyse(_one_field())
    [part] = sections.fields(a)["parts"]
    words = charts.svg_texts(str(part["figure"].parts[0]))
    assert "Chỉ số điểm trung bình các xã, thị trấn đạt 8,00/10 điểm" in part["paragraph"]
    assert "Trung bình 8,00" in words  # the average: two decimals in both
    values = {name: value for name, _, value in _bars(str(part["figure"].parts[0]))}
    assert values == {"TT. Phong Thổ": "10", "Huổi Luông": "9,5", "Bản Lang": "7", "Sì Lở Lầu": "7", "Mường So": "6,5"}
    for name, value in (("Mường So", "6,5"), ("Bản Lang", "7")):  # as the sentence writes them
        assert value in part["paragraph"] and name in part["paragraph"]
    ticks = words[: words.index("Điểm (tối đa 10)")]
    assert ticks == ["0", "2", "4", "6", "8", "10"] and not any("." in t for t in ticks)


def test_no_unit_is_ever_hidden_behind_a_count():
    # eight units lose points on one criterion: all eight are named in the table, the largest loss first
    rows = []
    for i, lost in enumerate([2.5, 2.5, 2, 1.5, 1, 0.75, 0.5, 0.25]):
        unit = f"Xã {chr(65 + i)}"
        rows += [(unit, "1", 5, 5 - lost, 5, None), (unit, "1.1", 5, 5 - lost, 5, "Thiếu báo cáo")]
    a = analysis.analyse(scores_table(rows))
    top = sections.assessment(a)["top"]
    [row] = top["rows"]
    assert row[4] == "Xã A 2,5; Xã B 2,5; Xã C 2; Xã D 1,5; Xã E 1; Xã F 0,75; Xã G 0,5; Xã H 0,25"
    rendered = html.render("assessment.html.j2", **sections.assessment(a))
    assert "đơn vị khác" not in rendered and "Xã H 0,25" in rendered


def test_sheet_text_is_escaped_in_every_section():
    hostile = DETAIL.copy()
    hostile.loc[hostile["code"] == "1.2", "reason"] = "<script>alert(1)</script>"
    hostile["unit"] = hostile["unit"].replace({"An Bình": "An <b>Bình</b>"})
    a = analysis.analyse(hostile)
    for template, build in (
        ("results.html.j2", sections.results),
        ("fields.html.j2", sections.fields),
        ("assessment.html.j2", sections.assessment),
        ("appendix.html.j2", sections.appendix),
        ("annex.html.j2", documents.annex),
    ):
        out = html.render(template, **build(a))
        assert "<script>" not in out and "<b>Bình" not in out, template
    assert "An &lt;b&gt;Bình&lt;/b&gt;" in html.render("appendix.html.j2", **sections.appendix(a))
    units = [html.render("unit.html.j2", **documents.unit_document(a, name)) for name in a.units["name"]]
    assert not any("<script>" in u or "<b>Bình" in u for u in units)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in u for u in units)  # the reason, shown as text


def test_a_reduced_maximum_gets_a_footnote_with_the_criterion_and_its_maximum():

    a = analysis.analyse(with_not_applicable())
    results = sections.results(a)
    # An Bình: 7,5 of 8 (2.2 of 2 points did not apply): 93,75%; ranked first on the index
    assert results["footnotes"][0] == (
        "(*) Xã An Bình không áp dụng tiêu chí 2.2 (Tiêu chí 2.2, 02 điểm); điểm tối đa 8 điểm, đạt 7,5 điểm, "
        "Chỉ số đạt 93,75%."
    )
    assert results["blocks"][0]["ranking"]["rows"][0][:2] == ["1", "An Bình"]
    field = sections.fields(a)["parts"][1]
    assert "thấp nhất là xã Cát Lộc (3,5/5 điểm) và xã Bình Minh (4,2/5 điểm)" in field["paragraph"]
    assert field["footnotes"][0].startswith(
        "(*) Điểm lĩnh vực của xã An Bình được tính trên điểm tối đa áp dụng 3 điểm"
    )
