"""The form of Nghị định 30 in Word (province review, F7, F12, F14): the closing paragraph, Nơi nhận and the
signature kept together; Nơi nhận left-aligned; the signer's name centred; numbers alone in their cells;
a table too wide for a portrait page on a landscape page of its own; a plan's column for the measures wide."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from pipeline.write import word

CLOSING = """
<p>Đoạn trước.</p>
<section class="closing"><p class="closing-sentence">Trên đây là báo cáo./.</p>
<table class="signature"><tr>
<td class="recipients"><div class="recipients-title">Nơi nhận:</div><div>- UBND tỉnh (để báo cáo);</div>
<div>- Lưu: VT, HĐTĐ.</div></td>
<td class="signer"><div class="signer-title">TM. HỘI ĐỒNG THẨM ĐỊNH<br/>KT. CHỦ TỊCH</div>
<div class="signature-space"></div><div class="signer-role">GIÁM ĐỐC SỞ NỘI VỤ</div>
<div class="placeholder signer-name">[Họ và tên]</div></td>
</tr></table></section>
"""


def _doc(fragment: str, **kw):
    return Document(io.BytesIO(word.to_docx(fragment, **kw)))


def _cells(cells: int, rows: list[list[str]]) -> str:
    head = "".join(f'<th class="num">C{i}</th>' for i in range(cells))
    body = "".join("<tr>" + "".join(f'<td class="num">{v}</td>' for v in row) + "</tr>" for row in rows)
    return f'<table class="ranking"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def test_the_closing_recipients_and_signature_stay_together_on_one_page():
    doc = _doc(CLOSING)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây"))
    assert closing.paragraph_format.keep_with_next is True
    before = next(p for p in doc.paragraphs if p.text == "Đoạn trước.")
    assert not before.paragraph_format.keep_with_next
    [signature] = doc.tables
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_noi_nhan_is_left_aligned_in_11_pt_under_its_bold_italic_12_pt_title_and_the_signer_is_centred():
    [signature] = _doc(CLOSING).tables
    recipients, signer = signature.rows[0].cells
    title, first, last = recipients.paragraphs
    assert (title.text, title.style.name) == ("Nơi nhận:", "CCHC Recipients Title")
    assert (title.style.font.bold, title.style.font.italic, title.style.font.size) == (True, True, Pt(12))
    assert [(p.text, p.style.name) for p in (first, last)] == [
        ("- UBND tỉnh (để báo cáo);", "CCHC Recipients"),
        ("- Lưu: VT, HĐTĐ.", "CCHC Recipients"),
    ]
    style = first.style
    assert (style.paragraph_format.alignment, style.font.size) == (WD_ALIGN_PARAGRAPH.LEFT, Pt(11))
    name = signer.paragraphs[-1]
    assert name.text == "[Họ và tên]" and name.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert name.style.name == "CCHC Placeholder"  # the council's marked place, as in HTML and PDF
    # the signer's column a little wider than Nơi nhận's (report.css: 48% / 52%)
    assert recipients.width < signer.width


def test_a_line_takes_the_style_of_its_first_known_class_whatever_the_hash_seed():
    # the classes were once read through a set, whose order changes with PYTHONHASHSEED: the signer's name
    # came out as a letterhead line in one build and as the marked place in the next
    decoys = " ".join(f"x{i}" for i in range(12))
    line = f'<div class="{decoys} signer-name">Tên</div>'
    signer = f'<table class="signature"><tr><td class="signer">{line}</td></tr></table>'
    [table] = _doc(signer).tables
    assert table.rows[0].cells[0].paragraphs[0].style.name == "CCHC Placeholder"
    [table] = _doc(signer.replace("signer-name", "signer-name council")).tables
    assert table.rows[0].cells[0].paragraphs[0].style.name == "CCHC Placeholder"  # the first one LINE_STYLE knows


def test_a_number_cell_holds_the_number_alone_right_aligned():
    padded = "15\u2008\u2007\u2007"  # core.text.aligned("15"): figure spaces to line up the commas
    doc = _doc(_cells(2, [[padded, "9,5\u2007"]]))
    [row] = doc.tables[0].rows[1:]
    assert [c.text for c in row.cells] == ["15", "9,5"]
    assert {c.paragraphs[0].alignment for c in row.cells} == {WD_ALIGN_PARAGRAPH.RIGHT}


def test_a_table_wider_than_13_columns_gets_a_landscape_page_with_its_caption_then_portrait_again():
    table = _cells(14, [[str(i) for i in range(14)]])
    fragment = (
        "<p>Trước.</p>"
        f'<div class="table-block ranking"><p class="caption table-caption">Bảng 1: Rộng</p>{table}</div>'
        "<p>Sau.</p>"
    )
    doc = _doc(fragment)
    portrait, landscape, after = doc.sections
    assert portrait.orientation == after.orientation == WD_ORIENT.PORTRAIT
    assert landscape.orientation == WD_ORIENT.LANDSCAPE and landscape.page_width > landscape.page_height
    assert after.page_width == portrait.page_width and after.page_height == portrait.page_height
    assert not landscape.different_first_page_header_footer  # the page number goes on
    # the caption and the table are in the landscape section: after the first section's end, before the second's
    body = list(doc.element.body)
    ends = [i for i, el in enumerate(body) if el.find(f".//{qn('w:sectPr')}") is not None]
    caption = next(i for i, el in enumerate(body) if "Bảng 1: Rộng" in "".join(el.itertext()))
    table_at = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl"))
    assert ends[0] < caption < table_at < ends[1]
    # thirteen columns stay on the portrait page; a document already landscape (the annex) has one section
    assert len(_doc(f'<div class="table-block">{_cells(13, [["1"] * 13])}</div>').sections) == 1
    assert len(_doc(fragment, landscape=True).sections) == 1


def test_header_width_shares_set_the_columns_a_plan_for_the_measures_wide():
    shares = (7, 31, 32, 16, 14)
    head = "".join(f'<th class="text" style="width: {s}%">H{i}</th>' for i, s in enumerate(shares))
    row = '<td class="num">1</td><td class="text">Lĩnh vực Chỉ đạo, điều hành (13,72/15 điểm)</td>' + (
        '<td class="text"><span class="placeholder">[Biện pháp]</span></td>' * 3
    )
    doc = _doc(f'<table class="plan"><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>')
    widths = [c.width for c in doc.tables[0].columns]
    total = sum(widths)
    assert [round(100 * w / total) for w in widths] == list(shares)
    assert widths[2] == max(widths)


def test_a_name_column_is_no_wider_than_its_longest_name_and_the_numbers_take_the_rest():
    rows = lxml_html.fragment_fromstring(
        '<table><thead><tr><th>STT</th><th class="text">Đơn vị</th><th>7. Chính quyền điện tử, chính quyền số (24)</th>'
        '<th>Tổng điểm</th></tr></thead><tbody><tr><td class="num">1</td><td class="text">Phường Tân Hà</td>'
        '<td class="num">17,10</td><td class="num">78,88</td></tr></tbody></table>'
    ).findall(".//tr")
    number, name, field, total = word.column_widths(rows, 4, Mm(1.8), Mm(160))
    assert name == len("Phường Tân Hà") * Mm(1.8) + Mm(3)  # 13 characters and the cell's margins
    assert number + name + field + total <= Mm(160) and number + name + field + total > Mm(159)
    assert field > total > number  # the longest header gets most of what is left


def test_landscape_appendices_one_after_another_share_their_pages_and_the_document_ends_without_an_empty_page():
    # the province's Phụ lục I and II: each title with its table, on landscape pages, the second from a new
    # page; no portrait page between them, none empty at the end
    part = '<section class="appendix landscape"><div class="appendix-title">PHỤ LỤC {n}</div>{t}</section>'
    table = _cells(14, [["1"] * 14])
    doc = _doc("<p>Trên đây là báo cáo.</p>" + part.format(n="I", t=table) + part.format(n="II", t=table))
    portrait, landscape = doc.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT and landscape.orientation == WD_ORIENT.LANDSCAPE
    body = list(doc.element.body)
    ends = [i for i, el in enumerate(body) if el.find(f".//{qn('w:sectPr')}") is not None]
    titles = [i for i, el in enumerate(body) if "PHỤ LỤC" in "".join(el.itertext())]
    assert len(ends) == 1 and ends[0] < titles[0] < titles[1]
    breaks = [i for i, el in enumerate(body) if el.find(f".//{qn('w:br')}") is not None]
    assert [b for b in breaks if titles[0] < b < titles[1]]  # the second appendix from a new page


def test_a_document_ending_on_a_landscape_appendix_has_no_empty_portrait_page_after_it():
    # what follows the appendix in the report is only on screen (the data notes): nothing for Word
    title = '<div class="appendix-title">PHỤ LỤC I</div>'
    part = f'<section class="appendix landscape">{title}{_cells(14, [["1"] * 14])}</section>'
    doc = _doc(f"<div><p>Trên đây.</p>{part}</div><div><div><aside>Lưu ý rà soát</aside></div></div><div></div>")
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
