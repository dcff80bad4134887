"""The print path (issue 24): the report HTML read into a document tree, laid out by Typst.

The pages below are made by the report's own Jinja2 templates (letterhead, a numbered table, a chart,
the closing and signature) and run through nbconvert's last step (BeautifulSoup with html.parser, which
lower-cases SVG's mixed-case names as in every report). Text typed as Typst markup or code must print as
typed; the PDF must be PDF/A-2b, in the shipped faces only, the same bytes for the same input.
"""

import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipeline.write import charts, doctree, html, typst_pdf
from pipeline.write.render import html_to_pdf

SCORES = {"Sơn Thủy": 9.5, "Bản Lang": 7.0, "Mường So": 6.5}
TYPST_MARKUP = [  # each would be code or markup if it were spliced into Typst source
    '#read("/etc/passwd")',
    "$x^2$",
    "*đậm* _nghiêng_",
    "@nhan <nhan>",
    ']#include "report.typ"[',
    "\\u{41} // chú thích /* khối */",
    '#let x = 1 #x #image("/etc/hosts")',
    "`raw` = tiêu đề ~ - + / [link](x)",
]


def page(*fragments: str) -> str:
    body = "".join(fragments)
    return str(
        BeautifulSoup(
            '<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo</title></head><body>'
            f'<main class="report">{body}</main></body></html>',
            features="html.parser",
        )
    )


def letterhead(parent="UBND HUYỆN PHONG THỔ", council=("HỘI ĐỒNG THẨM ĐỊNH", "CHỈ SỐ CCHC"), place="Phong Thổ"):
    return html.render(
        "letterhead.html.j2",
        parent=parent,
        council=list(council),
        number="Số:\u00a0\u00a0\u00a0\u00a0/BC-HĐTĐ",
        place_date=f"{place}, ngày\u00a0\u00a0\u00a0 tháng\u00a0\u00a0\u00a0 năm 2024",
        title_lines=["Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023", "của UBND các xã, thị trấn"],
    )


def closing(recipients=("- Lãnh đạo UBND huyện;", "- Lưu: VT, NV.")):
    return html.render(
        "closing.html.j2",
        year=2023,
        scored="UBND các xã, thị trấn trên địa bàn huyện Phong Thổ",
        recipients=list(recipients),
        signer_title=["TM. HỘI ĐỒNG THẨM ĐỊNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer_office="TRƯỞNG PHÒNG NỘI VỤ",
    )


def reasons_table(reasons: list[str]) -> str:
    table = {
        "caption": "Bảng 2: Các tiêu chí bị trừ nhiều điểm nhất",
        "header": ["Mã", "Tiêu chí", "Điểm bị trừ", "Lý do"],
        "text_columns": [1, 3],
        "rows": [["1.1", f"Tiêu chí {i}", "1,5", reason] for i, reason in enumerate(reasons, start=1)],
    }
    template = html.environment().from_string('{% from "macros.html.j2" import table %}{{ table(t, "lost") }}')
    return template.render(t=table)


def chart() -> str:
    svg = charts.ranking_chart(SCORES, 10, highlight={"Mường So"}, mean=23 / 3)
    return f'<figure class="chart">{svg}<figcaption>Biểu đồ 1: Xếp hạng</figcaption></figure>'


def pdf_text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def words(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u00a0", " ")).strip()


def test_the_tree_holds_the_reports_vocabulary_as_plain_strings():
    tree = doctree.read(page(letterhead(), "<p class='placeholder'>[Hội đồng]</p>", chart(), closing()))
    kinds = [b["k"] for b in tree.blocks]
    assert kinds == ["layout", "h", "p", "rule", "p", "figure", "group"]
    issuer, motto = tree.blocks[0]["cells"]
    assert [ln.get("cls", [ln.get("k")]) for ln in issuer["lines"]] == [["parent"], ["council"], ["rule", "short"],
                                                                       ["number"]]  # fmt: skip
    assert issuer["lines"][1]["c"] == [{"s": "HỘI ĐỒNG THẨM ĐỊNH", "b": False, "i": False}, {"br": True},
                                       {"s": "CHỈ SỐ CCHC", "b": False, "i": False}]  # fmt: skip
    assert motto["lines"][0]["c"][0]["s"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    subtitle = tree.blocks[2]
    assert [s.get("keep") for s in subtitle["c"]] == [True, None, True]  # the title's two lines, never broken
    figure = tree.blocks[5]
    svg = tree.images[figure["image"]].decode()
    assert 'viewBox="0 0 ' in svg and "<clipPath" in svg and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert figure["caption"] == [{"s": "Biểu đồ 1: Xếp hạng", "b": False, "i": False}]
    assert tree.blocks[6]["cls"] == ["closing"] and tree.blocks[6]["c"][1]["cls"] == "signature"


def test_text_typed_as_typst_markup_or_code_prints_as_typed_in_every_field():
    name = '#read("/etc/passwd") *Xã* $A$'
    hostile = page(
        letterhead(parent=f"UBND {name}", council=['HỘI ĐỒNG ]#include "x"[', "@nhan"], place="$Phong Thổ$"),
        reasons_table(TYPST_MARKUP),
        closing(recipients=[f"- {name};", "- Lưu: VT, #NV."]),
    )
    text = words(pdf_text(html_to_pdf(hostile)))
    for typed in [*TYPST_MARKUP, name, 'HỘI ĐỒNG ]#include "x"[', "@nhan", "$Phong Thổ$", "Lưu: VT, #NV."]:
        assert words(typed) in text, typed
    assert "root:" not in text  # /etc/passwd was never read


def test_the_pdf_declares_pdf_a_2b_with_the_reports_title_author_and_language():
    pdf = html_to_pdf(page(letterhead(), closing()))
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp) and re.search(r"<pdfaid:conformance>B<", xmp)
    info = reader.metadata
    assert info.title.startswith("BÁO CÁO TÓM TẮT Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023")
    assert info.author == "HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC, UBND HUYỆN PHONG THỔ"
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_only_the_shipped_faces_are_embedded_and_the_chart_keeps_its_words_as_text():
    pdf = html_to_pdf(page("<p>Điểm bình quân <b>7,67</b>/10 <i>điểm</i>.</p>", chart()))
    [first] = PdfReader(io.BytesIO(pdf)).pages
    fonts = {f.get_object()["/BaseFont"].split("+")[-1] for f in first["/Resources"]["/Font"].values()}
    assert fonts <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= fonts
    text = first.extract_text()
    for word in ("Sơn Thủy", "Bản Lang", "Mường So", "9,5", "6,5", "Trung bình 7,67", "Điểm (tối đa 10)"):
        assert word in text, word
    assert "Biểu đồ 1: Xếp hạng" in text


def test_a_numbered_list_prints_numbered_and_a_bulleted_one_with_bullets():
    fragment = "<ol><li>Rà soát thủ tục</li><li>Cập nhật cổng</li></ol><ul><li>Tuyên truyền</li></ul>"
    assert [b["k"] for b in doctree.read(page(fragment)).blocks] == ["ol", "ul"]
    lines = [
        " ".join(ln.split())
        for ln in PdfReader(io.BytesIO(html_to_pdf(page(fragment)))).pages[0].extract_text().splitlines()
    ]
    assert lines[:3] == ["1. Rà soát thủ tục", "2. Cập nhật cổng", "• Tuyên truyền"]


def test_the_same_html_gives_the_same_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = page(letterhead(), chart(), closing())
    assert html_to_pdf(one) == html_to_pdf(one)
    assert b"2023-11-14" in html_to_pdf(one)  # the creation date is SOURCE_DATE_EPOCH's


def test_the_document_reads_no_file_outside_its_own_folder():
    tree = doctree.Document([{"k": "image", "image": "../../../../etc/hosts"}])
    with pytest.raises(RuntimeError, match="hosts"):
        typst_pdf.to_pdf(tree)
    tree = doctree.read(page('<p><img src="file:///etc/hosts"> <img src="http://x.invalid/a.png"></p>'))
    assert tree.images == {} and "x.invalid" not in pdf_text(typst_pdf.to_pdf(tree))


def test_a_long_table_repeats_its_header_and_never_splits_a_row():
    reasons = [f"Lý do {i}: " + "thiếu hồ sơ minh chứng, " * 6 + f"hết {i}." for i in range(60)]
    reader = PdfReader(io.BytesIO(html_to_pdf(page(reasons_table(reasons)))))
    assert len(reader.pages) >= 3
    for p in reader.pages:
        text = words(p.extract_text())
        assert "Điểm bị trừ" in text  # the header row on every page
        starts, ends = re.findall(r"Lý do (\d+):", text), re.findall(r"hết (\d+)\.", text)
        assert starts and starts == ends  # each row whole on its page
