"""The documents made beside the report, from the same analysis and the same templates, without a notebook:
report.docx (from the report's own HTML), one document per unit (units/<slug>.html and .docx: its result
and the skeleton of its remediation plan, seed 002) and the approval annex (annex.xlsx, annex.docx).

Each is written into the report's staging folder by build/task.py, in the same worker pass.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..core.text import capitalise
from ..model.analysis import Analysis
from . import doctree, html, sections, word

UNITS_DIR = "units"
TEMPLATES = Path(__file__).parent / "templates" / "cchc"
FONT = "Times New Roman"


def write_report_docx(page: str, title: str, path: Path, template: Path | None) -> None:
    """report.docx from the report's HTML page (the notebook's output, as rendered)."""
    path.write_bytes(word.to_docx(doctree.report_fragment(page), template, title=title))


def _page(title: str, body: str) -> str:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return html.environment().get_template("page.html.j2").render(title=title, css=css, body=html.Markup(body))


def write_units(a: Analysis, folder: Path, template: Path | None, formats: tuple[str, ...] = ("html", "docx")) -> int:
    """One HTML and one Word document per unit in `folder`; returns how many units."""
    folder.mkdir(parents=True, exist_ok=True)
    slugs = sections.unit_slugs(a)
    for name, context in sections.unit_documents(a).items():
        body = html.render("unit.html.j2", **context)
        title = f"Kết quả Chỉ số CCHC năm {a.year} và kế hoạch khắc phục - {capitalise(context['label'])}"
        if "html" in formats:
            (folder / f"{slugs[name]}.html").write_text(_page(title, body), encoding="utf-8")
        if "docx" in formats:
            (folder / f"{slugs[name]}.docx").write_bytes(word.to_docx(body, template, title=title))
    return len(slugs)


def write_annex(a: Analysis, xlsx: Path, docx: Path, template: Path | None) -> None:
    """The approval annex as a workbook (values only, text as text) and as a Word table, A4 landscape."""
    context = sections.annex(a)
    docx.write_bytes(
        word.to_docx(html.render("annex.html.j2", **context), template, landscape=True, title=context["title"])
    )
    _annex_workbook(context, xlsx)


def _annex_workbook(context: dict, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    header, values = context["header"], context["values"]
    n = len(header)
    lines = ["PHỤ LỤC", context["title"], context["reference"]]
    for i, line in enumerate(lines, start=1):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=n)
        cell = ws.cell(i, 1, line)
        cell.data_type = "s"
        cell.font = Font(name=FONT, size=13, bold=i < 3, italic=i == 3)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[2].height = 36
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    first = len(lines) + 2
    for r, row in enumerate([header, *values], start=first):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"  # a name like "=HYPERLINK(…)" stays text, never a formula
            cell.font = Font(name=FONT, size=12, bold=r == first)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if r == first else None)
            if isinstance(value, float):
                cell.number_format = "0.00" if c >= n - 2 else "General"
    note = ws.cell(first + len(values) + 2, 1, "Ghi chú: " + context["note"])
    note.data_type = "s"
    note.font = Font(name=FONT, size=12, italic=True)
    widths = [6, 28] + [14] * (n - 5) + [11, 11, 10]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first}:{first}"
    wb.save(path)
