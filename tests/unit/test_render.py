"""The print path: the report HTML's inline charts are printed as SVG images, the same drawing (issue 13).

The published HTML keeps its inline SVG; only what WeasyPrint is given changes. The HTML below is run
through nbconvert's own last step (BeautifulSoup with html.parser), which lower-cases SVG's mixed-case
names as it does in every report: the SVG images must have them back, or the charts print at the wrong
scale and unclipped.
"""

import base64
import io
import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipeline.write import charts, render

SVG_NS = "{http://www.w3.org/2000/svg}"
SCORES = {"Sơn Thủy": 9.5, "Bản Lang": 7.0, "Mường So": 6.5}


def report_page() -> str:
    chart = charts.ranking_chart(SCORES, 10, highlight={"Mường So"}, mean=23 / 3)
    page = (
        '<html lang="vi"><head><meta charset="utf-8"></head><body><main class="report">'
        "<p>Điểm bình quân 7,67/10 điểm.</p>"
        f'<figure class="chart">{chart}<figcaption>Biểu đồ 1: Xếp hạng</figcaption></figure>'
        "</main></body></html>"
    )
    return str(BeautifulSoup(page, features="html.parser"))  # what nbconvert's HTML exporter does last


def images(printed: str) -> list[ET.Element]:
    sources = re.findall(r'<img class="chart" alt="" src="data:image/svg\+xml;base64,([^"]+)">', printed)
    return [ET.fromstring(base64.b64decode(s)) for s in sources]


def test_each_inline_chart_becomes_an_svg_image_with_svgs_own_names():
    page = report_page()
    assert "viewbox=" in page and "<clippath" in page  # the HTML as published: lower-cased
    printed = render.print_html(page)
    assert "<svg" not in printed
    [svg] = images(printed)
    assert svg.tag == f"{SVG_NS}svg"
    assert svg.get("viewBox") == "0 0 446.4 " + svg.get("height").removesuffix("pt")
    assert svg.findall(f".//{SVG_NS}clipPath") and svg.findall(f".//{SVG_NS}pattern")  # the hatch
    assert {p.get("patternUnits") for p in svg.iter(f"{SVG_NS}pattern")} == {"userSpaceOnUse"}
    # everything around the chart is the page as it was
    around = printed.replace(re.search(r"<img [^>]+>", printed)[0], "")
    assert around == re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)


def test_the_printed_chart_keeps_its_words_as_text_in_the_pdf():
    reader = PdfReader(io.BytesIO(render.html_to_pdf(report_page())))
    [page] = reader.pages
    text = page.extract_text()
    for word in ("Sơn Thủy", "Bản Lang", "Mường So", "9,5", "6,5", "Trung bình 7,67", "Điểm (tối đa 10)"):
        assert word in text, word
    assert "Điểm bình quân 7,67/10 điểm." in text and "Biểu đồ 1: Xếp hạng" in text


def test_a_page_without_charts_is_printed_as_it_is():
    page = "<html><body><p>Không có biểu đồ &lt;svg&gt;</p></body></html>"
    assert render.print_html(page) == page
