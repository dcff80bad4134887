"""scores.xlsx beside each report: what the report says, for analysts to filter in Excel.

Sheets: Đơn vị (ranking, field scores under the field names, grade, block and rank in it when the units
are ranked in blocks, self-assessed score and gap, change in rank, within the block, and points; with
blocks, the rows by block and the rank the block's: a rank across the blocks only where the settings ask,
write/ranks.py),
Lĩnh vực (averages and change, the units named lowest), Tiêu chí bị trừ điểm (by rank, then code),
Biểu chi tiết (unit x criterion, the council's detailed table) and Kiểm tra dữ liệu (what was fixed
automatically while reading the sheets: the analyst's checks, never printed). Averages, indices and
differences carry a two-decimal number format; numbers stay numbers.

Text from the sheets is stored as text, always: a reason typed as "=HYPERLINK(...)" or "-3 điểm"
must never become a formula in the analyst's Excel.
"""

from __future__ import annotations

from itertools import zip_longest
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..model.analysis import Analysis
from ..model.units import unit_label
from . import ranks

FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="EEF1F6")
TWO_DECIMALS = "0.00"


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _sheet(
    workbook: Workbook,
    title: str,
    header: list[str],
    rows: list[list[object]],
    widths: list[int],
    two_decimals: set[str] = frozenset(),
) -> None:
    ws = workbook.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        values = [_plain(v) for v in row]
        ws.append(values)
        for c, value in enumerate(values, start=1):  # by position: ws[row] scans every cell of the sheet
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell = ws.cell(row=r, column=c)
                cell.data_type = "s"  # openpyxl took it for a formula: store it as the text it is
                cell.quotePrefix = True
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for i, name in enumerate(header, start=1):
        if name in two_decimals:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = TWO_DECIMALS
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_scores(analysis: Analysis, path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    a = analysis
    label = {u.name: unit_label(u.name, u.unit_type) for u in a.units.itertuples()}
    _units_sheet(workbook, a, label)
    _fields_sheet(workbook, a, label)
    rank = _published_rank(a)
    _sheet(
        workbook,
        "Tiêu chí bị trừ điểm",
        [
            "Đơn vị",
            "Mã",
            "Tiêu chí",
            "Lĩnh vực",
            "Điểm tối đa",
            "Điểm đạt",
            "Điểm bị trừ",
            "Lý do trừ điểm",
            _rank_header(a),
        ],
        [
            [label[c.unit], c.code, c.name, c.field, c.max, c.score, c.points_lost, c.reason, rank[c.unit]]
            for c in a.lost.itertuples()
        ],
        [24, 8, 50, 9, 11, 10, 11, 60, 7],
    )
    _matrix_sheet(workbook, a, label)
    _sheet(
        workbook,
        "Kiểm tra dữ liệu",
        ["STT", "Nội dung cần kiểm tra", "Chi tiết (tiếng Anh)"],
        [[i, vi, en] for i, (vi, en) in enumerate(zip_longest(a.warnings_vi, a.warnings[: len(a.warnings_vi)]), 1)],
        [6, 90, 90],
    )
    workbook.save(path)


def _published_rank(a: Analysis) -> dict[str, int]:
    """Unit -> the rank the report publishes: in its block (the one ranking without blocks)."""
    return dict(zip(a.units["name"], a.units["block_rank"], strict=True))


def _rank_header(a: Analysis) -> str:
    return "Hạng trong khối" if a.in_blocks else "Hạng"


def _field_header(code: str, name: str, maximum: float) -> str:
    return f"{code}. {name} ({maximum:g})"


def _units_sheet(workbook: Workbook, a: Analysis, label: dict[str, str]) -> None:
    """Đơn vị: by rank, with each unit's grade; with ranking blocks, by block, its block and rank inside it
    first (and the rank across blocks only where the settings ask for one)."""
    codes = list(a.field_scores.columns)
    fields = a.fields.set_index("code")
    field_headers = [_field_header(c, fields.at[c, "name"], fields.at[c, "max"]) for c in codes]
    across = ranks.across_blocks(a)
    within = " trong khối" if a.in_blocks else ""  # with blocks, ranks are compared within the block
    ranked = ["Khối", "Hạng trong khối", *(["Hạng chung"] if across else [])] if a.in_blocks else ["Hạng"]
    ordered = pd.concat([group for _, group in ranks.by_block(a)])
    _sheet(
        workbook,
        "Đơn vị",
        [
            *ranked,
            "Đơn vị",
            "Loại",
            *field_headers,
            "Tổng điểm",
            "Điểm tối đa",
            "Chỉ số (%)",
            "Xếp loại",
            f"Hạng năm trước{within}",
            f"Thay đổi thứ hạng{within} (bậc)",
            "Thay đổi điểm",
            "Điểm tự chấm",
            "Chênh lệch tự chấm - thẩm định",
            "Tiêu chí đạt tối đa",
            "Số tiêu chí",
        ],
        [
            [
                *([u.block, u.block_rank, *([u.rank] if across else [])] if a.in_blocks else [u.block_rank]),
                label[u.name],
                u.unit_type,
                *[a.field_scores.at[u.name, c] for c in codes],
                u.total,
                u.max,
                u.index_pct,
                u.grade,
                u.prev_block_rank,
                u.block_rank_change,
                u.value_change,
                u.self_total,
                u.gap,
                u.criteria_full,
                u.n_criteria,
            ]
            for u in ordered.itertuples()
        ],
        [*([20, 10, *([10] if across else [])] if a.in_blocks else [7]), 24, 10, *[16] * len(codes), 10, 11, 10, 10]
        + [12, 12, 11, 12, 14, 12, 10],
        {"Chỉ số (%)", "Thay đổi điểm", "Chênh lệch tự chấm - thẩm định"},
    )


def _fields_sheet(workbook: Workbook, a: Analysis, label: dict[str, str]) -> None:
    _sheet(
        workbook,
        "Lĩnh vực",
        [
            "Mã",
            "Lĩnh vực",
            "Số tiêu chí",
            "Điểm tối đa",
            "Điểm trung bình",
            "Điểm trung bình năm trước",
            "Thay đổi",
            "Cao nhất",
            "Thấp nhất",
            "Số đơn vị đạt tối đa",
            "Đơn vị thấp nhất (nêu trong báo cáo)",
        ],
        [
            [
                f.code,
                f.name,
                f.n_criteria,
                f.max,
                f.mean,
                f.prev_mean,
                f.mean_change,
                f.best_score,
                f.worst_score,
                f.n_full,
                "; ".join(label[u] for u in f.lowest_units),
            ]
            for f in a.fields.itertuples()
        ],
        [6, 50, 11, 11, 14, 14, 10, 10, 10, 14, 50],
        {"Điểm trung bình", "Điểm trung bình năm trước", "Thay đổi"},
    )


def _matrix_sheet(workbook: Workbook, a: Analysis, label: dict[str, str]) -> None:
    """The council's "biểu chi tiết": every unit's appraised score on every criterion."""
    matrix = a.matrix
    if matrix is None or matrix.empty or not len(matrix.columns):
        return
    codes = list(matrix.columns)
    names = a.criterion_names
    header = [_rank_header(a), "Đơn vị", *[f"{c} {names.get(c, '')}".strip() for c in codes]]
    rank = _published_rank(a)
    rows = [
        [rank[unit], label[unit], *["Không áp dụng" if pd.isna(v) else v for v in matrix.loc[unit]]]
        for unit in matrix.index
    ]
    _sheet(workbook, "Biểu chi tiết", header, rows, [7, 24, *[14] * len(codes)])
