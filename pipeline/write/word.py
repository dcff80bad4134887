"""Word documents (.docx) from the report's own HTML: the same sections, sentences, tables and charts.

The HTML that the templates in templates/cchc/ make (the report, a unit's document, the annex) is the
one source; this module maps its small vocabulary onto Word, on the template of pipeline/wordtemplate.py
(an office's own where it has one):

    h1 -> Title, p.subtitle -> Subtitle, h2/h3/h4 -> Heading 1/2/3, p -> Normal,
    p.placeholder -> CCHC Placeholder, p.caption and figcaption -> Caption, p.note/.footnote -> CCHC Note,
    ul/li -> List Bullet, table.letterhead/.signature -> a borderless two-column table,
    other tables -> Table Grid with the header row repeated on every page, figure > svg -> a PNG at
    300 dpi (resvg, in the shipped Liberation Serif), aside (the analyst's notes) -> left out.

The form of Nghị định 30 where Word needs telling: the signature row is never split and the paragraph
before it keeps with it ("Trên đây là …", Nơi nhận and the signature on one page); Nơi nhận is left-aligned
(CCHC Recipients Title, CCHC Recipients), the signer's lines centred in their column. A number cell holds
the number alone, right-aligned (no figure-space padding: it pastes into Excel as a number). A table of
more than LANDSCAPE_TABLE columns gets a landscape page of its own, its caption and note with it. A
header cell's `style="width: N%"` sets its column's share of the width (a unit plan's column for the
measures); class "new-page" starts a new page.

Text goes into Word as text (python-docx escapes it): a sheet's "{ HYPERLINK … }", "<b>" or "=SUM()"
stays what it is.
"""

from __future__ import annotations

import io
import re
import sys
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles import BabelFish
from docx.table import _Cell
from lxml import etree
from lxml import html as lxml_html

from . import doctree
from .fonts import FACES, FONTS
from .wordtemplate import template_bytes

CHART_DPI = 300
RULE_SHARE = {"short": 0.3, "long": 0.58, "title-rule": 0.25}  # of the cell or text width (report.css)
WIDE_TABLE = 10  # columns: above this, the table's text is set smaller (CCHC Table Text Small)
LANDSCAPE_TABLE = 13  # columns: above this, in a portrait document, the table gets a landscape page
W_STYLE, W_NAME, W_STYLE_ID, W_TYPE, W_DEFAULT = (qn(f"w:{n}") for n in ("style", "name", "styleId", "type", "default"))
W_PSTYLE, W_VAL, W_R, W_RPR, W_B, W_I, W_T = (qn(f"w:{n}") for n in ("pStyle", "val", "r", "rPr", "b", "i", "t"))
XML_SPACE = qn("xml:space")
PADDING = str.maketrans("", "", "\u2007\u2008")  # figure and punctuation spaces (core.text.aligned)
WIDTH_RE = re.compile(r"width:\s*([\d.]+)%")
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)
# characters XML 1.0 cannot hold (python-docx would refuse them): dropped, as the HTML drops them
HEADING_LEVEL = {"h2": 1, "h3": 2, "h4": 3}
PARAGRAPH_STYLE = {
    "placeholder": "CCHC Placeholder",
    "caption": "Caption",
    "note": "CCHC Note",
    "footnote": "CCHC Note",
    "subtitle": "Subtitle",
}
LINE_STYLE = {  # the lines of a letterhead or signature cell, by their class
    "parent": "CCHC Letterhead",
    "council": "CCHC Letterhead Bold",
    "issuer-name": "CCHC Letterhead Bold",
    "number": "CCHC Letterhead",
    "nation": "CCHC Nation",
    "motto-line": "CCHC Letterhead Bold",
    "place-date": "CCHC Place Date",
    "recipients-title": "CCHC Recipients Title",
    "signer-title": "CCHC Letterhead Bold",
    "signer-role": "CCHC Letterhead Bold",
    "signer-name": "CCHC Placeholder",
    "appendix-title": "CCHC Letterhead Bold",
    "appendix-subtitle": "CCHC Letterhead Bold",
    "appendix-ref": "CCHC Place Date",
}


def to_docx(
    fragment: str, template: Path | None = None, landscape: bool = False, title: str = "", author: str = ""
) -> bytes:
    """A .docx of an HTML fragment made by our templates; `author` (the issuing body) in its properties."""
    charts: list[str] = []

    def keep_chart(match: re.Match) -> str:
        charts.append(match.group(0))
        return f'<img data-chart="{len(charts) - 1}"/>'

    root = lxml_html.fragment_fromstring(SVG_RE.sub(keep_chart, fragment), create_parent="div")
    doc = Document(io.BytesIO(template_bytes(template)))
    if landscape:
        _landscape(doc.sections[0])
    doc.core_properties.title = title
    doc.core_properties.author = author
    _Writer(doc, charts, landscape).block(root)
    _drop_empty_last_section(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _drop_empty_last_section(doc) -> None:
    """A document whose last section holds nothing (portrait again after a landscape appendix, and only
    wrappers of on-screen notes followed) ends with the section before it: no empty page at the end."""
    body = doc.element.body
    children = list(body)
    breaks = [
        i
        for i, el in enumerate(children)
        if el.tag == qn("w:p") and el.find(f"./{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    if not breaks or children[-1].tag != qn("w:sectPr"):
        return
    last = breaks[-1]
    after = children[last + 1 : -1]
    if any(
        el.tag != qn("w:p") or "".join(el.itertext()).strip() or el.find(f".//{qn('w:drawing')}") is not None
        for el in after
    ):
        return
    closing = children[last].find(f"./{qn('w:pPr')}/{qn('w:sectPr')}")
    for el in [*after, children[last]]:
        body.remove(el)
    body.replace(children[-1], closing)


def _style_ids(doc) -> dict[str, str]:
    """Each style's id by its name as python-docx names it ("Heading 1", not the file's "heading 1"),
    read from styles.xml in one pass (python-docx's lookup by name is an XPath search each time)."""
    ids = {}
    for style in doc.styles.element.iterchildren(W_STYLE):
        name = style.find(W_NAME)
        if name is not None and style.get(W_STYLE_ID):
            ids.setdefault(BabelFish.internal2ui(name.get(W_VAL)), style.get(W_STYLE_ID))
    return ids


def _line_style(el, default: str) -> str:
    """The style of a letterhead or signature line: that of its first class LINE_STYLE knows, in the order
    the class attribute lists them ("placeholder signer-name" is a signer's name), else `default`."""
    return next((LINE_STYLE[c] for c in (el.get("class") or "").split() if c in LINE_STYLE), default)


def _landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width < height:
        section.page_width, section.page_height = height, width


class _Writer:
    def __init__(self, doc, charts: list[str], landscape: bool = False):
        self.doc = doc
        self.charts = charts
        self.landscape = landscape  # the whole document is: no landscape page of its own for a wide table
        self.ids = _style_ids(doc)  # name -> id
        default = doc.styles.element.find(f"{W_STYLE}[@{W_TYPE}='table'][@{W_DEFAULT}='1']")
        self.default_table = default.get(W_STYLE_ID) if default is not None else None
        self.last = None  # the last paragraph written: the one before a signature keeps with it
        # after landscape pages, the portrait page to go back to, made when more follows (a document that
        # ends landscape gets no empty portrait page at its end)
        self.portrait: tuple | None = None
        section = doc.sections[0]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def set_style(self, p, name: str):
        """Give paragraph `p` a style by its id. w:pStyle is the first child of w:pPr in the schema; python-docx's
        own lookup and its search for the place of the element are slow on thousands of paragraphs."""
        ppr = p._p.get_or_add_pPr()
        style = ppr.find(W_PSTYLE)
        if style is None:
            style = etree.SubElement(ppr, W_PSTYLE)
            ppr.insert(0, style)
        style.set(W_VAL, self.ids.get(name) or self.ids["Normal"])
        return p

    def add(self, container, name: str):
        self.last = self.set_style(container.add_paragraph(), name)
        return self.last

    # ------------------------------------------------------------ blocks

    def block(self, el, container=None) -> None:
        container = container if container is not None else self.doc
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag, classes = child.tag, doctree.classes(child)
            if tag == "aside" or "no-word" in classes:
                continue
            turned = tag == "section" and {"appendix", "landscape"} <= classes and not self.landscape
            if container is self.doc and self.portrait is not None and not self.landscape and not turned:
                self.back_to_portrait()
            if turned and container is self.doc:  # a landscape appendix: its title, text and table on its pages
                self.landscape_block(child)
                continue
            if "new-page" in classes:
                container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            if tag == "div" and "table-block" in classes and self.wide(child) and container is self.doc:
                self.landscape_block(child)
            elif tag == "h1":
                self.paragraph(container, child, "Title")
            elif tag in HEADING_LEVEL:
                self.paragraph(container, child, f"Heading {HEADING_LEVEL[tag]}")
            elif tag == "p":
                style = next((PARAGRAPH_STYLE[c] for c in classes if c in PARAGRAPH_STYLE), "Normal")
                p = self.paragraph(container, child, style)
                if "lead" in classes or "caption" in classes:
                    p.paragraph_format.keep_with_next = True
            elif tag == "ul":
                for item in child.iter("li"):
                    self.paragraph(container, item, "List Bullet")
            elif tag == "table":
                if "signature" in classes and self.last is not None:
                    self.last.paragraph_format.keep_with_next = True  # the closing stays with the signature
                if classes & {"letterhead", "signature"}:
                    self.layout_table(container, child)
                else:
                    self.table(container, child)
            elif tag == "figure":
                self.figure(container, child)
            elif tag == "section" and "appendix" in classes:  # after the signature, on a new page
                container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                self.block(child, container)
            elif tag == "div" and "rule" in classes:
                self.rule(container, child, self.text_width)
            elif tag == "div" and not any(isinstance(c.tag, str) for c in child):
                self.paragraph(container, child, _line_style(child, "Normal"))
            else:
                self.block(child, container)

    def paragraph(self, container, el, style: str):
        p = self.add(container, style)
        self.inline(p, el)
        return p

    def wide(self, el) -> bool:
        """A table block whose table has more columns than a portrait page holds with its names on one line
        (13 do at 9 pt: Lam Sơn's Bảng 1 of 2026; Phong Thổ's of 2023, 15, does not)."""
        table = next(el.iter("table"), None)
        if self.landscape or table is None:
            return False
        head = table.findall("./thead/tr")
        rows = head + [tr for tr in table.iter("tr") if tr.getparent().tag != "thead"]
        if not rows:
            return False
        return max(sum(int(c.get("colspan", 1)) for c in tr if isinstance(c.tag, str)) for tr in rows) > LANDSCAPE_TABLE

    def landscape_block(self, el) -> None:
        """A wide table with its caption and note (or a landscape appendix) on landscape pages of their own;
        portrait again when more follows. Landscape parts one after another share the landscape section, each
        from a new page."""
        if self.portrait is None:
            last = self.doc.sections[-1]  # the sentinel: after add_section, it is the new section
            page = (last.orientation, last.page_width, last.page_height)
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False  # the number goes on: this is not page 1
            _landscape(section)
            self.portrait = (page, self.text_width)
            self.text_width = section.page_width - section.left_margin - section.right_margin
        else:  # already landscape: the next part on a new page
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        turned, self.landscape = self.landscape, True  # no landscape page inside a landscape page
        self.block(el, self.doc)
        self.landscape = turned

    def back_to_portrait(self) -> None:
        (orientation, width, height), self.text_width = self.portrait
        self.portrait = None
        after = self.doc.add_section(WD_SECTION.NEW_PAGE)
        after.different_first_page_header_footer = False
        after.orientation, after.page_width, after.page_height = orientation, width, height

    def inline(self, p, el, bold: bool = False, italic: bool = False) -> None:
        """The text of `el` into paragraph `p`, line breaks and bold/italic spans kept."""
        if el.text:
            self.run(p, el.text, bold, italic)
        for child in el:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    p.add_run().add_break()
                else:
                    b = bold or child.tag in ("b", "strong")
                    i = italic or child.tag in ("i", "em") or "placeholder" in doctree.classes(child)
                    self.inline(p, child, b, i)
            if child.tail:
                self.run(p, child.tail, bold, italic)

    def run(self, p, text: str, bold: bool, italic: bool) -> None:
        """A w:r of `text` at the end of `p`, bold and italic as asked: the XML python-docx's add_run, bold and
        italic make, built directly (doctree.text leaves no tab or line break for it to translate)."""
        text = doctree.text(text)
        if not text:
            return
        if p._p.find(W_R) is None:
            text = text.lstrip()
        r = etree.SubElement(p._p, W_R)
        if bold or italic:
            rpr = etree.SubElement(r, W_RPR)
            if bold:
                etree.SubElement(rpr, W_B)
            if italic:
                etree.SubElement(rpr, W_I)
        if text:  # a run of "" holds no w:t
            t = etree.SubElement(r, W_T)
            t.text = text
            if len(text.strip()) < len(text):
                t.set(XML_SPACE, "preserve")

    # ------------------------------------------------------------ tables

    def layout_table(self, container, el) -> None:
        """Letterhead or signature: two columns side by side, no borders."""
        rows = el.findall(".//tr")
        cells = [[c for c in r if isinstance(c.tag, str)] for r in rows]
        n_cols = max(len(r) for r in cells)
        table = container.add_table(rows=len(rows), cols=n_cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _cell_margins(table, Mm(0.8))
        signature = "signature" in doctree.classes(el)
        # the motto's side wider, the signer's a little (report.css)
        widths = ([0.48, 0.52] if signature else [0.38, 0.62]) if n_cols == 2 else [1 / n_cols] * n_cols
        table.autofit = False
        for col, share in zip(table.columns, widths, strict=True):
            col.width = int(self.text_width * share)  # the grid, which LibreOffice follows
        for r, row in enumerate(cells):
            for c, cell_el in enumerate(row):
                cell = table.cell(r, c)
                cell.width = int(self.text_width * widths[c])
                first = cell.paragraphs[0]
                self.cell_lines(cell, cell_el, first)
            if signature:
                _no_split(table.rows[r])  # Nơi nhận and the signature never part
        return table

    def cell_lines(self, cell, el, first) -> None:
        """One paragraph per line (div) of a letterhead or signature cell: Nơi nhận's lines left-aligned in
        CCHC Recipients, the signer's centred."""
        used = False
        cell_classes = doctree.classes(el)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if "rule" in doctree.classes(child):
                self.rule(cell, child, cell.width or self.text_width // 2)
                continue
            style = _line_style(child, "CCHC Letterhead")
            if "recipients" in cell_classes and style == "CCHC Letterhead":
                style = "CCHC Recipients"
            if "signature-space" in doctree.classes(child):
                for _ in range(3):
                    self.add(cell, "CCHC Letterhead")
                continue
            p = self.set_style(first if not used else cell.add_paragraph(), style)
            used = True
            self.inline(p, child)
            if "signer" in cell_classes:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER  # "[Họ và tên]" too, under the title

    def rule(self, container, el, width: int) -> None:
        """A short centred line (div.rule short / long / title-rule), as the letterhead draws them."""
        share = next((RULE_SHARE[c] for c in doctree.classes(el) if c in RULE_SHARE), 0.3)
        p = self.add(container, "CCHC Rule")
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = int(width * (1 - share) / 2)

    def table(self, container, el) -> None:
        head = el.findall("./thead/tr")
        body = [tr for tr in el.iter("tr") if tr.getparent().tag != "thead"]
        rows = head + body
        n_cols = max(sum(int(c.get("colspan", 1)) for c in tr if isinstance(c.tag, str)) for tr in rows)
        table = container.add_table(rows=len(rows), cols=n_cols)
        self.grid(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _cell_margins(table, Mm(0.8))
        wide = n_cols > WIDE_TABLE
        body_style = "CCHC Table Text Small" if wide else "CCHC Table Text"
        for r, (tr, row) in enumerate(zip(rows, table.rows, strict=True)):
            header = r < len(head)
            group = "group" in doctree.classes(tr)
            tcs = list(row._tr.tc_lst)
            col = 0
            for cell_el in (c for c in tr if isinstance(c.tag, str)):
                span = int(cell_el.get("colspan", 1))
                tc = tcs[col]
                if span > 1:  # one cell over `span` grid columns (python-docx's merge is quadratic)
                    tc.grid_span = span
                    for extra in tcs[col + 1 : col + span]:
                        row._tr.remove(extra)
                p = _Cell(tc, table).paragraphs[0]
                self.set_style(p, "CCHC Table Heading" if header else body_style)
                number = "num" in doctree.classes(cell_el) and not header
                if number:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.inline(p, cell_el, bold=group)
                if number:  # the number alone: no figure-space padding, which Excel would paste as text
                    for t in p._p.iter(W_T):
                        t.text = t.text.translate(PADDING).strip()
                        t.attrib.pop(XML_SPACE, None)
                        if not t.text:
                            t.getparent().remove(t)
                col += span
            if header:
                _repeat_header(row)
            _no_split(row)
        self.widths(table, rows, n_cols, _char(n_cols))
        self.set_style(container.add_paragraph(), "CCHC Note").paragraph_format.space_after = Pt(0)

    def widths(self, table, rows, n_cols: int, char: int) -> None:
        """Set the columns' widths (column_widths)."""
        self.set_widths(table, column_widths(rows, n_cols, char, self.text_width))

    def set_widths(self, table, widths: list[int]) -> None:
        table.autofit = False
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        for row in table.rows:
            for tc, width in zip(row._tr.tc_lst, widths, strict=False):
                tc.width = width

    def grid(self, table) -> None:
        """Table Grid on `table`, by its id, where the template has it and it is not the default table style
        (which a table has without naming it), as python-docx's `table.style = ...` does, without its lookups."""
        grid = self.ids.get("Table Grid")
        if grid is not None and grid != self.default_table:
            table._tbl.tblPr.style = grid

    # ------------------------------------------------------------ charts

    def figure(self, container, el) -> None:
        for img in el.iter("img"):
            index = img.get("data-chart")
            if index is None:
                continue
            png, width_pt = _drawn_png(self.charts[int(index)]) or chart_png(self.charts[int(index)])
            p = self.add(container, "CCHC Figure")
            p.add_run().add_picture(io.BytesIO(png), width=min(Pt(width_pt), self.text_width))
        caption = el.find("figcaption")
        if caption is not None:
            legend = caption.find("span")
            if legend is not None:
                caption.remove(legend)
                legend.tail = None
            self.paragraph(container, caption, "Caption")
            if legend is not None:
                self.paragraph(container, legend, "CCHC Note").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _char(n_cols: int) -> int:
    """The width of an average character of a table's text (smaller in a table of many columns)."""
    return Mm(1.65) if n_cols > WIDE_TABLE else Mm(1.8)


def column_widths(rows, n_cols: int, char: int, text_width: int) -> list[int]:
    """The columns' widths in `text_width`. Number columns
    as wide as their longest number (never wrapped), text columns sharing the rest by the length of their
    text, none wider than its longest text, what is left widening the number columns with the longest
    headers (which then wrap less); a header wraps between words. A header's `style="width: N%"` sets
    the shares instead."""
    shares = _shares(rows, n_cols)
    if shares:
        return [int(text_width * share / sum(shares)) for share in shares]
    need = [3] * n_cols  # characters
    text_len = [0] * n_cols
    head_len = [0] * n_cols  # the header's length: the longer, the more lines it wraps to
    numeric = [True] * n_cols
    for tr in rows:
        cells = [c for c in tr if isinstance(c.tag, str)]
        if len(cells) != n_cols:
            continue
        header = tr.getparent().tag == "thead"
        for i, c in enumerate(cells):
            text = doctree.text(c.text_content()).translate(PADDING).strip()
            word = max((len(w) for w in text.split()), default=0)
            head_len[i] = max(head_len[i], len(text)) if header else head_len[i]
            need[i] = max(need[i], word + 1 if header else (len(text) if "num" in doctree.classes(c) else word + 1))
            if not header:
                numeric[i] = numeric[i] and "num" in doctree.classes(c)
                text_len[i] = max(text_len[i], min(len(text), 40))
    fixed = [need[i] * char + Mm(2) if numeric[i] else 0 for i in range(n_cols)]
    free = text_width - sum(fixed)
    flexible = [max(text_len[i], need[i]) if not numeric[i] else 0 for i in range(n_cols)]
    if free < sum(need[i] * char for i in range(n_cols) if not numeric[i]) or not sum(flexible):
        weights = [max(need[i], text_len[i] if not numeric[i] else need[i]) for i in range(n_cols)]
        return [int(text_width * w / sum(weights)) for w in weights]
    widths = [int(fixed[i] or free * flexible[i] / sum(flexible)) for i in range(n_cols)]
    longest = [text_len[i] * char + Mm(3) for i in range(n_cols)]
    widths = [min(w, max(longest[i], need[i] * char)) if not numeric[i] else w for i, w in enumerate(widths)]
    left = text_width - sum(widths)
    # what the text columns do not need widens the number columns, the longest headers most
    weights = [max(head_len[i], need[i]) if numeric[i] else 0 for i in range(n_cols)]
    if left > 0 and sum(weights):
        widths = [w + int(left * weights[i] / sum(weights)) for i, w in enumerate(widths)]
    return widths


def _shares(rows, n_cols: int) -> list[float] | None:
    """The header's column shares (`style="width: N%"` on every header cell of a one-row head), or None."""
    head = [tr for tr in rows if tr.getparent().tag == "thead"]
    if len(head) != 1:
        return None
    cells = [c for c in head[0] if isinstance(c.tag, str)]
    found = [WIDTH_RE.search(c.get("style") or "") for c in cells]
    if len(cells) != n_cols or not all(found):
        return None
    return [float(m.group(1)) for m in found]


def _cell_margins(table, margin: int) -> None:
    """Left and right cell margins of a table (Word's default, 1.9 mm, wraps numbers in wide tables)."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(margin / 635)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tblpr.find(qn("w:tblLook"))  # the schema's order: tblCellMar comes right before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _no_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trpr.append(element)


@cache
def _font_files() -> tuple[str, ...]:
    return tuple(str(FONTS / name) for name in FACES.values())


# SVG's mixed-case names, which an HTML serialiser writes in lower case (nbconvert's output does)
def _drawn_png(svg: str) -> tuple[bytes, float] | None:
    """The chart's PNG at CHART_DPI drawn by matplotlib from its own figure, where this process drew it (a unit's
    history chart: charts.png_of), and its width in points; else None. charts is looked up, not imported: a
    process that never drew a chart (report.docx's come from the kernel) does not load matplotlib for this."""
    charts = sys.modules.get(f"{__package__}.charts")
    png = charts.png_of(svg, CHART_DPI) if charts is not None else None
    return None if png is None else (png, _width_pt(svg))


def _width_pt(svg: str) -> float:
    """A chart's width on the page, in points (charts.svg writes it so)."""
    return float(re.search(r'width="([\d.]+)pt"', svg).group(1))


def chart_png(svg: str) -> tuple[bytes, float]:
    """A chart's SVG as PNG at CHART_DPI, and its width in points (as drawn for the page)."""
    import resvg_py

    svg = doctree.standalone_svg(svg)

    width_pt = _width_pt(svg)
    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        dpi=72.0,  # 1 pt = 1 px, then scaled to the print width
        width=round(width_pt / 72 * CHART_DPI),
        background="#ffffff",
        skip_system_fonts=True,
        font_files=list(_font_files()),
        font_family="Liberation Serif",
        serif_family="Liberation Serif",
        shape_rendering="crisp_edges",  # bars and rules unsmoothed: 300 dpi needs none, and it halves the time
    )
    return bytes(png), width_pt
