"""pipeline/word.py on small fragments of our own markup: Word structure, and text that stays text."""

import io

from docx import Document
from docx.oxml.ns import qn

from pipeline.write import word

FRAGMENT = """
<header class="letterhead"><table class="letterhead"><tr>
<td class="issuer"><div class="parent">UBND HUYỆN A</div><div class="rule short"></div>
<div class="number">Số: /BC</div></td>
<td class="motto"><div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
<div class="motto-line">Độc lập - Tự do - Hạnh phúc</div></td>
</tr></table><h1>BÁO CÁO TÓM TẮT</h1><p class="subtitle">Tiêu đề</p></header>
<h2>I. MỘT</h2><p class="placeholder">[Hội đồng nêu …]</p>
<h3>1. Hai</h3><p>Đoạn { HYPERLINK "x" } &lt;b&gt;đậm&lt;/b&gt; =SUM(A1) ]]&gt;</p>
<ul><li>Mục &amp; một</li></ul>
<table class="ranking"><thead><tr><th>Hạng</th><th class="text">Đơn vị</th></tr></thead>
<tbody><tr class="group"><td class="num">1</td><td class="text">Xã A</td></tr>
<tr><td colspan="2">gộp hai cột</td></tr></tbody></table>
<aside class="data-notes"><p>không in</p></aside>
"""


def _doc(fragment: str = FRAGMENT, **kw):
    return Document(io.BytesIO(word.to_docx(fragment, **kw)))


def test_our_markup_becomes_word_headings_lists_and_marked_places():
    doc = _doc()
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles == [
        ("Title", "BÁO CÁO TÓM TẮT"),
        ("Subtitle", "Tiêu đề"),
        ("Heading 1", "I. MỘT"),
        ("CCHC Placeholder", "[Hội đồng nêu …]"),
        ("Heading 2", "1. Hai"),
        ("Normal", 'Đoạn { HYPERLINK "x" } <b>đậm</b> =SUM(A1) ]]>'),
        ("List Bullet", "Mục & một"),
    ]


def test_the_letterhead_is_a_borderless_two_column_table_and_data_tables_repeat_their_header():
    letterhead, ranking = _doc().tables
    assert letterhead.style is None or letterhead.style.name == "Normal Table"
    assert [c.text for c in letterhead.rows[0].cells] == [
        "UBND HUYỆN A\n\nSố: /BC",  # the short rule under the issuer: an empty paragraph with a top border
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert letterhead.rows[0].cells[0].paragraphs[1].style.name == "CCHC Rule"
    assert ranking.style.name == "Table Grid"
    assert ranking.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert ranking.rows[1]._tr.trPr is None or ranking.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert ranking.rows[1].cells[0].paragraphs[0].runs[0].bold  # a group row
    assert [c.text for c in ranking.rows[2].cells] == ["gộp hai cột", "gộp hai cột"]  # one cell over two columns


def test_typed_field_codes_stay_text_and_the_analysts_notes_stay_out():
    doc = _doc()
    body = doc.element.body.xml
    assert "<w:fldSimple" not in body and "<w:instrText" not in body
    assert "không in" not in "\n".join(p.text for p in doc.paragraphs)


def test_a_landscape_document_swaps_the_page():
    section = _doc("<p>x</p>", landscape=True).sections[0]
    assert section.page_width > section.page_height


def test_an_office_template_without_our_styles_still_works(tmp_path):
    plain = tmp_path / "plain.docx"
    Document().save(plain)
    doc = _doc(template=plain)
    assert [p.style.name for p in doc.paragraphs if p.text == "[Hội đồng nêu …]"] == ["Normal"]


def test_the_blanks_left_for_the_symbol_and_date_survive():
    doc = _doc('<p class="number">Số:\u00a0\u00a0\u00a0\u00a0/BC-HĐTĐ</p><p>a \n\t b</p>')
    assert [p.text for p in doc.paragraphs] == ["Số:\u00a0\u00a0\u00a0\u00a0/BC-HĐTĐ", "a b"]


def test_a_unit_s_history_chart_in_word_is_the_png_matplotlib_drew_from_its_own_figure():
    from PIL import Image

    from pipeline.write import charts

    points = ((2021, 86.6, "9/17"), (2022, 89.93, "8/17"), (2023, 98.59, "1/17"))
    svg = charts.history_chart(points, 100.0)
    doc = Document(io.BytesIO(word.to_docx(f"<figure>{svg}<figcaption>Kết quả</figcaption></figure>")))
    [picture] = [rel.target_part.blob for rel in doc.part.rels.values() if rel.reltype.endswith("/image")]
    assert picture == charts.png_of(svg, word.CHART_DPI)  # not resvg's rendering of the SVG
    width_pt = 312.48  # the chart's width="…pt": 0.7 of the 6.2 in text width
    assert f'width="{width_pt}pt"' in svg
    assert Image.open(io.BytesIO(picture)).size[0] == round(width_pt / 72 * 300)  # 300 dpi at the printed size
    [shape] = doc.inline_shapes
    assert abs(shape.width.pt - width_pt) < 0.01


def test_a_chart_this_process_did_not_draw_is_rasterised_from_its_svg():
    from pipeline.write import charts

    svg = '<svg width="100pt" height="50pt" viewBox="0 0 100 50"><path d="M 0 0 L 100 50" style="stroke: #000"/></svg>'
    assert charts.png_of(svg, word.CHART_DPI) is None
    png, width_pt = word.chart_png(svg)
    assert width_pt == 100.0 and png.startswith(b"\x89PNG")
