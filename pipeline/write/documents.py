"""The documents made beside the report, from the same analysis and the same templates, without a notebook:
report.docx (from the report's own HTML), one letter per unit (units/<slug>.html and .docx: its result and
the skeleton of its remediation plan, seed 002) and the approval annex (annex.xlsx, annex.docx), with the
contexts of the two last (`unit_documents`, `annex`). Every rank they state is the block's (ranks.py).

Each is written into the report's staging folder by build/task.py, in the same worker pass.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from ..core.text import capitalise, dec, num, score_of
from ..model import grades, history
from ..model.analysis import Analysis
from ..model.units import unit_label
from . import doctree, html, labels, narrative, ranks, sections, word

UNITS_DIR = "units"
TEMPLATES = Path(__file__).parent / "templates" / "cchc"
FONT = "Times New Roman"
BLANK = labels.BLANK


def write_report_docx(page: str, title: str, path: Path, template: Path | None, author: str = "") -> None:
    """report.docx from the report's HTML page (the notebook's output, as rendered); `author`: its issuer."""
    path.write_bytes(word.to_docx(doctree.report_fragment(page), template, title=title, author=author))


def _page(title: str, body: str) -> str:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return html.environment().get_template("page.html.j2").render(title=title, css=css, body=html.Markup(body))


def write_units(a: Analysis, folder: Path, template: Path | None, formats: tuple[str, ...] = ("html", "docx")) -> int:
    """One HTML and one Word document per unit in `folder`; returns how many units."""
    folder.mkdir(parents=True, exist_ok=True)
    slugs = sections.unit_slugs(a)
    for name, context in unit_documents(a).items():
        body = html.render("unit.html.j2", **context)
        title = f"Kết quả Chỉ số CCHC năm {a.year} và kế hoạch khắc phục - {capitalise(context['label'])}"
        if "html" in formats:
            (folder / f"{slugs[name]}.html").write_text(_page(title, body), encoding="utf-8")
        if "docx" in formats:
            author = narrative.unit_people(name, context_type(a, name))
            (folder / f"{slugs[name]}.docx").write_bytes(word.to_docx(body, template, title=title, author=author))
    return len(slugs)


def write_annex(a: Analysis, xlsx: Path, docx: Path, template: Path | None) -> None:
    """The approval annex as a workbook (values only, text as text) and as a Word table, A4 landscape."""
    context = annex(a)
    docx.write_bytes(
        word.to_docx(
            html.render("annex.html.j2", **context),
            template,
            landscape=True,
            title=context["title"],
            author=f"Chủ tịch UBND {a.body.title}",
        )
    )
    _annex_workbook(context, xlsx)


def _annex_workbook(context: dict, path: Path) -> None:
    """annex.xlsx: the title lines, then each block's heading, header and rows (a page of its own when
    printed), then the note. Cells hold numbers as numbers (two decimals shown), text as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    header = context["header"]
    n = len(header)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    row = 1
    headers: list[int] = []  # the row of each block's header
    for i, line in enumerate(["PHỤ LỤC", context["title"], context["reference"]], start=1):
        _merged(ws, row, n, line, Font(name=FONT, size=13, bold=i < 3, italic=i == 3), "center")
        row += 1
    ws.row_dimensions[2].height = 36
    for number, block in enumerate(context["blocks"]):
        row += 1
        if block["heading"]:
            if number:
                ws.row_breaks.append(Break(id=row - 1))
            _merged(ws, row, n, block["heading"], Font(name=FONT, size=12, bold=True), "left")
            row += 1
        for c, text in enumerate(header, start=1):
            cell = _text_cell(ws, row, c, text)
            cell.font, cell.border = Font(name=FONT, size=11, bold=True), border
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.row_dimensions[row].height = 66
        headers.append(row)
        row += 1
        for values in block["values"]:
            for c, (value, number_format) in enumerate(zip(values, context["formats"], strict=True), start=1):
                cell = _text_cell(ws, row, c, value) if isinstance(value, str) else ws.cell(row, c, value)
                cell.font, cell.border = Font(name=FONT, size=12), border
                cell.alignment = Alignment(
                    wrap_text=True, vertical="center", horizontal="left" if isinstance(value, str) else "right"
                )
                if number_format:
                    cell.number_format = number_format
            row += 1
    row += 1
    _merged(ws, row, n, context["note"], Font(name=FONT, size=12, italic=True), "left")
    ws.row_dimensions[row].height = 48
    for i, width in enumerate(context["widths"], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if headers:
        ws.freeze_panes = ws.cell(headers[0] + 1, 3)  # the header and the units' names stay in view
    if len(headers) == 1:  # one table: its header on every printed page (each block's table has its own)
        ws.print_title_rows = f"{headers[0]}:{headers[0]}"
    wb.save(path)


def _text_cell(ws, row: int, column: int, text: str):
    cell = ws.cell(row, column, text)
    cell.data_type = "s"  # a name like "=HYPERLINK(…)" stays text, never a formula
    return cell


def _merged(ws, row: int, n: int, text: str, font: Font, horizontal: str) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    cell = _text_cell(ws, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


# ---------------------------------------------------------------- the approval annex


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or bool(pd.isna(value))


def annex(a: Analysis) -> dict:
    """The table approved with the index (the annex of the chairman's decision): per block (one table
    without blocks) STT, the unit's full name, each field, the total, the index where it differs from the
    total, the grade, the rank in the block, the rank across blocks where the settings ask, last year's
    rank in the block and its change; the grades' bands in the note. `values` are the workbook's cells
    (numbers as numbers), `rows` the Word table's text, two decimals throughout."""
    codes = list(a.field_scores.columns)
    fields = a.fields.set_index("code")
    prev = a.previous_year if a.has_previous else None
    show_index = a.uses_index or abs(a.full_max - 100.0) > 1e-9
    overall = ranks.across_blocks(a)
    header = narrative.annex_header(
        [(c, fields.at[c, "name"], fields.at[c, "max"]) for c in codes],
        a.full_max,
        show_index,
        a.in_blocks,
        overall,
        prev,
    )
    decimals = max(2, a.decimals)
    score = "0." + "0" * decimals
    formats = ["0", None, *[score] * len(codes), score] + (["0.00"] if show_index else [])
    formats += [None, "0"] + (["0"] if overall else []) + (["0", "+0;-0;0"] if prev else [])
    blocks = []
    for number, (block, units) in enumerate(ranks.by_block(a), start=1):
        values, rows = [], []
        for i, u in enumerate(units.itertuples(), start=1):
            label = capitalise(unit_label(u.name, u.unit_type))
            scores = [float(a.field_scores.at[u.name, c]) for c in codes]
            value = [i, label, *scores, float(u.total)] + ([round(float(u.index_pct), 2)] if show_index else [])
            value += [u.grade, int(u.block_rank)] + ([int(u.rank)] if overall else [])
            cells = [str(i), label, *(_fixed(v, decimals) for v in [*scores, u.total])]
            cells += ([dec(u.index_pct)] if show_index else []) + [u.grade, str(u.block_rank)]
            cells += [str(u.rank)] if overall else []
            if prev:
                known = not _missing(u.prev_block_rank)
                value += [int(u.prev_block_rank), int(u.block_rank_change)] if known else [None, None]
                cells += [str(int(u.prev_block_rank)) if known else narrative.NO_CHANGE]
                cells += [narrative.rank_change_cell(u.prev_block_rank, u.block_rank_change, "")]
            values.append(value)
            rows.append(cells)
        heading = narrative.annex_block_heading(number, block, len(units)) if a.in_blocks else None
        blocks.append({"heading": heading, "values": values, "rows": rows})
    n_other = len(header) - 2 - len(codes)
    return {
        "year": a.year,
        "title": narrative.annex_title(a.year, a.body),
        "reference": narrative.decision_reference(a.year, a.body, BLANK),
        "header": header,
        "blocks": blocks,
        "formats": formats,
        "widths": [5, 22, *[12] * len(codes), *[10] * n_other],
        "text_columns": {1, len(codes) + 3 + (1 if show_index else 0)},
        "note": narrative.annex_note(ranks.grade_rules(a), a.in_blocks, a.uses_index, prev),
    }


def _fixed(value: float, decimals: int) -> str:
    """A score with a fixed number of decimals: "15,00", "99,90" (three where the table was published so)."""
    return dec(value) if decimals <= 2 else num(value, decimals)


# ---------------------------------------------------------------- a unit's letter (seed 002)


def unit_documents(a: Analysis) -> dict[str, dict]:
    """Every unit's letter context (unit_document), the tables looked up once for all units."""
    units = {u["name"]: u for u in a.units.to_dict("records")}
    lost: dict[str, list[dict]] = {}
    for c in a.lost.to_dict("records"):
        lost.setdefault(c["unit"], []).append(c)
    fields = a.fields[["code", "name"]].to_dict("records")
    scores, maxima = a.field_scores.to_dict("index"), a.field_max.to_dict("index")
    prev = a.prev_field_scores.to_dict("index") if a.prev_field_scores is not None else {}
    means = {block: ranks.block_mean(a, block) for block in a.blocks}
    years = history.by_unit(a.history)
    return {
        name: _unit_document(
            a, u, lost.get(name, []), fields, scores[name], maxima[name], prev.get(name, {}), means, years.get(name, [])
        )
        for name, u in units.items()
    }


def unit_document(a: Analysis, name: str) -> dict:
    """One unit's result and the skeleton of its remediation plan, in seed 002's order and wording."""
    return unit_documents(a)[name]


def _unit_document(a: Analysis, u: dict, lost: list[dict], fields, scores, maxima, prev, means, years) -> dict:
    name, unit_type = u["name"], u["unit_type"]
    label = unit_label(name, unit_type)
    prev_year = a.previous_year if a.has_previous else None
    parts, plan = [], []
    for f in fields:
        group = [c for c in lost if c["field"] == f["code"]]
        score, applicable = scores[f["code"]], maxima[f["code"]]
        last = prev.get(f["code"])
        parts.append(
            {
                "name": f["name"],
                "line": narrative.unit_field_line(score, applicable, last, prev_year, len(group)),
                "lost": [narrative.lost_item(c["code"], c["name"], c["score"], c["max"], c["reasons"]) for c in group],
            }
        )
        plan += [labels.plan_criterion(c["code"], c["name"], score_of(c["score"], c["max"])) for c in group]
        if not a.has_criteria and score < applicable - 1e-9:
            plan.append(labels.plan_field(f["name"], score_of(score, applicable)))
    progress = a.progress.get(name)
    way = _way(a, progress, lost, scores, maxima, u["block"]) if progress else {"sentences": [], "plan": []}
    overall = (int(u["rank"]), len(a.units)) if ranks.across_blocks(a) else None
    headline = narrative.unit_letter_result(
        pd.Series(u),
        label,
        u["block"] if a.in_blocks else "",
        means[u["block"]],
        prev_year,
        a.has_criteria,
        a.full_max,
        a.uses_index,
        overall,
    )
    parent, issuer = narrative.unit_letterhead(a.body, name, unit_type)
    points = sum(c["points_lost"] for c in lost)
    return {
        "year": a.year,
        "label": label,
        "people": narrative.unit_people(name, unit_type),
        "parent": parent,
        "issuer": issuer,
        "number": labels.UNIT_PLAN_NUMBER,
        "place_date": labels.place_date(name, a.year + 1),
        "basis": narrative.unit_basis(a.year, a.body, BLANK),
        "headline": headline,
        "lead": narrative.lost_count_sentence(len(lost), float(points)) if lost else "",
        "has_criteria": a.has_criteria,
        "parts": parts,
        "plan": way["plan"] or [{"item": item, "lost": "", "cumulative": "", "mark": ""} for item in plan],
        "next_grade": way["sentences"],
        "lost_header": labels.PLAN_LOST_HEADER,
        "history": _history(a, years),
        "recipients": narrative.unit_recipients(a.body, unit_type),
        "signer": narrative.unit_signer(unit_type),
    }


def _way(a: Analysis, progress, lost: list[dict], scores: dict, maxima: dict, block: str) -> dict:
    """The way to the next grade (model/progress.py): its sentences, and the plan table's lines in its order
    (by points lost, with the running sum, the line where the next grade is reached marked)."""
    rules = (a.standing.rules or {}).get(block) or grades.rules_for(a.settings, a.year, block)
    by_code = {c["code"]: c for c in lost}
    names = dict(zip(a.fields["code"], a.fields["name"], strict=True))
    plan = []
    for r in progress.recovery:
        if progress.by_field:
            item = labels.plan_field(names.get(r.code, r.name), score_of(scores[r.code], maxima[r.code]))
        else:
            c = by_code[r.code]
            item = labels.plan_criterion(c["code"], c["name"], score_of(c["score"], c["max"]))
        mark = narrative.reached_mark(progress.next.grade) if r.reaches else ""
        plan.append({"item": item, "lost": dec(r.points_lost), "cumulative": dec(r.cumulative), "mark": mark})
    return {
        "sentences": narrative.next_grade_sentences(progress, rules, a.uses_index, not progress.by_field),
        "plan": plan,
    }


def _history(a: Analysis, years: list[dict]) -> dict | None:
    """The unit's years (model/history.py, by_unit): a table from 2 comparable years, and a chart from 3."""
    if len(years) < 2:
        return None
    rows = []
    for y in years:
        row = [str(y["year"]), dec(y["total"])] + ([dec(y["index_pct"])] if a.uses_index else [])
        rows.append(row + [f"{y['block_rank']}/{y['block_size']}", y["grade"]])
    chart = None
    if len(years) >= history.MIN_YEARS_SHOWN:
        from . import charts

        value = "index_pct" if a.uses_index else "total"
        points = tuple((y["year"], y[value], f"{y['block_rank']}/{y['block_size']}") for y in years)
        maximum = 100.0 if a.uses_index else a.full_max
        chart = html.svg(charts.history_chart(points, maximum, labels.INDEX_AXIS if a.uses_index else None))
    return {
        "lead": labels.HISTORY_LEAD,
        "header": labels.history_header(a.uses_index, a.in_blocks),
        "widths": [14, 22, 22, 20, 22] if a.uses_index else [16, 26, 28, 30],
        "rows": rows,
        "chart": chart,
        "caption": labels.history_caption(years[0]["year"], years[-1]["year"]),
    }


def context_type(a: Analysis, name: str) -> object:
    """A unit's type, by its (unique) name."""
    return a.units.loc[a.units["name"] == name, "unit_type"].iloc[0]
