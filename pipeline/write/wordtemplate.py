"""The Word template every .docx is made from: its styles and its page, which an office may restyle.

`python -m pipeline word-template PATH` writes it; an office opens it in Word, changes fonts, sizes,
spacing, the header or the margins (never the style names), saves it as data/word/template.docx, and
every following build uses it (README, "Your own Word template"). Without that file the build makes the
same template in memory. The form is that of Nghị định 30/2020/NĐ-CP: A4, Times New Roman 13 pt,
margins top/bottom 20 mm, left 30 mm, right 20 mm, page number at the top centre from page 2.

Style names the converter (pipeline/word.py) uses, so the office knows what each one dresses:
Normal (body), Title ("BÁO CÁO TÓM TẮT", "KẾ HOẠCH"), Subtitle (the title's second line),
Heading 1 (I., II., III.), Heading 2 (1., 2.), Heading 3 (a unit's field), List Bullet, Caption
(table and chart titles), and the CCHC styles below.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"
BODY_PT = 13
A4 = (Mm(210), Mm(297))
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 20}

# name -> (size pt, bold, italic, alignment, first-line indent mm, space after pt, based on)
CCHC_STYLES = {
    "CCHC Letterhead": (12.5, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),  # letterhead and signature lines
    "CCHC Letterhead Bold": (12.5, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
    "CCHC Nation": (12, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    "CCHC Place Date": (12.5, False, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
    "CCHC Placeholder": (13, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6),  # the council's marked places
    "CCHC Table Text": (10, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0),
    "CCHC Table Text Small": (9, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0),  # tables of many columns
    "CCHC Table Heading": (9.5, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
    "CCHC Note": (11, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 4),  # notes under tables, footnotes
    "CCHC Figure": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),  # the paragraph holding a chart
    "CCHC Recipients Title": (12, True, True, WD_ALIGN_PARAGRAPH.LEFT, 0, 0),  # "Nơi nhận:" (Nghị định 30)
    "CCHC Recipients": (11, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0),  # its items, left-aligned
    "CCHC Rule": (2, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 2),  # the short rules under the letterhead
}
PLACEHOLDER_COLOUR = RGBColor(0x1F, 0x3D, 0x7A)


def set_font(style_or_run, name: str = FONT) -> None:
    """Set every script's font (Latin, Vietnamese, East Asian, complex) and drop theme fonts, which win
    over named fonts in Word."""
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _plain_heading(style, size: float, align=None, keep: bool = True) -> None:
    set_font(style)
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(6), Pt(3)
    fmt.first_line_indent = Mm(0)
    fmt.keep_with_next = keep
    if align is not None:
        fmt.alignment = align


def _drop_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_font(normal)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Mm(10)
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    fmt.line_spacing = 1.1
    fmt.widow_control = True
    for level, size in ((1, 13), (2, 13), (3, 13)):
        _plain_heading(doc.styles[f"Heading {level}"], size)
    doc.styles["Heading 3"].font.italic = True
    title = doc.styles["Title"]
    _plain_heading(title, 14, WD_ALIGN_PARAGRAPH.CENTER)
    _drop_border(title)
    title.paragraph_format.space_before = Pt(12)
    subtitle = doc.styles["Subtitle"]
    _plain_heading(subtitle, 13, WD_ALIGN_PARAGRAPH.CENTER)
    subtitle.paragraph_format.space_after = Pt(12)
    caption = doc.styles["Caption"]
    _plain_heading(caption, 12, WD_ALIGN_PARAGRAPH.CENTER)
    bullet = doc.styles["List Bullet"]
    set_font(bullet)
    bullet.font.size = Pt(BODY_PT)
    bullet.paragraph_format.first_line_indent = None
    for name, (size, bold, italic, align, indent, after) in CCHC_STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        style.paragraph_format.alignment = align
        style.paragraph_format.first_line_indent = Mm(indent)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.line_spacing = 1.0
    doc.styles["CCHC Placeholder"].font.color.rgb = PLACEHOLDER_COLOUR
    doc.styles["CCHC Figure"].paragraph_format.keep_with_next = True
    _top_border(doc.styles["CCHC Rule"])
    table_grid = doc.styles["Table Grid"]
    set_font(table_grid)


def _top_border(style) -> None:
    """A 0.5 pt line above the paragraph: the rule; its length is set by the paragraph's indents."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )


def page_number_field(paragraph) -> None:
    """A PAGE field in `paragraph` (Word shows the page number; LibreOffice too)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no number on page 1
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(doc.styles["Header"])
    doc.styles["Header"].font.size = Pt(BODY_PT)
    page_number_field(header)


def _slim(doc) -> None:
    """Drop what python-docx's default document carries and no CCHC document uses: 99 of its 100 table
    styles (Table Grid and the default stay), stylesWithEffects.xml (a Word 2010 copy of the styles,
    438 KB) and its own thumbnail picture. The template shrinks from 38 KB to 14 KB, and opening and
    saving each of a province's 170 unit documents from it takes a third of the time
    (docs/benchmarks.md). An office's own template is used as it is."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if (
            style.get(qn("w:type")) == "table"
            and style.get(qn("w:default")) != "1"
            and style.get(qn("w:styleId")) != "TableGrid"
        ):
            styles.remove(style)
    for rels, kind in ((doc.part.rels, "/stylesWithEffects"), (doc.part.package.rels, "/thumbnail")):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(kind):
                del rels[r_id]


def make_template() -> bytes:
    """The shipped template, as .docx bytes: styles and page, an empty body."""
    doc = Document()
    _slim(doc)
    _styles(doc)
    _page(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.title = ""
    doc.core_properties.author = ""  # each document names its issuer (word.to_docx), not the software
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@cache
def _shipped() -> bytes:
    return make_template()


def template_bytes(path: Path | None) -> bytes:
    """The office's template where it has one, else the shipped one."""
    if path is not None and Path(path).is_file():
        return Path(path).read_bytes()
    return _shipped()


def write_template(path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_template())
    return path
