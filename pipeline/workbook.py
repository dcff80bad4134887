"""scores.xlsx beside each report: the units, fields and lost criteria, for analysts to filter in Excel.

Text from the sheets is stored as text, always: a reason typed as "=HYPERLINK(...)" or "-3 điểm"
must never become a formula in the analyst's Excel.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .analyse import Analysis

FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="EEF1F6")


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[object]], widths: list[int]) -> None:
    ws = workbook.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([_plain(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # openpyxl took it for a formula: store it as the text it is
                cell.quotePrefix = True
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_scores(analysis: Analysis, path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    codes = list(analysis.field_scores.columns)
    units = analysis.units
    _sheet(
        workbook,
        "Đơn vị",
        [
            "Hạng",
            "Đơn vị",
            "Loại",
            *[f"Lĩnh vực {c}" for c in codes],
            "Tổng điểm",
            "Điểm tối đa",
            "Chỉ số (%)",
            "Hạng năm trước",
            "Tiêu chí đạt tối đa",
            "Số tiêu chí",
        ],
        [
            [
                u.rank,
                u.name,
                u.unit_type,
                *[analysis.field_scores.at[u.name, c] for c in codes],
                u.total,
                u.max,
                u.index_pct,
                u.prev_rank,
                u.criteria_full,
                u.n_criteria,
            ]
            for u in units.itertuples()
        ],
        [7, 22, 10, *[11] * len(codes), 10, 11, 10, 12, 12, 10],
    )
    _sheet(
        workbook,
        "Lĩnh vực",
        [
            "Mã",
            "Lĩnh vực",
            "Số tiêu chí",
            "Điểm tối đa",
            "Điểm trung bình",
            "Cao nhất",
            "Thấp nhất",
            "Số đơn vị đạt tối đa",
        ],
        [
            [f.code, f.name, f.n_criteria, f.max, f.mean, f.best_score, f.worst_score, f.n_full]
            for f in analysis.fields.itertuples()
        ],
        [6, 50, 11, 11, 14, 10, 10, 14],
    )
    _sheet(
        workbook,
        "Tiêu chí bị trừ điểm",
        ["Đơn vị", "Mã", "Tiêu chí", "Lĩnh vực", "Điểm tối đa", "Điểm đạt", "Điểm bị trừ", "Lý do trừ điểm"],
        [
            [c.unit, c.code, c.name, c.field, c.max, c.score, c.points_lost, c.reason]
            for c in analysis.lost.itertuples()
        ],
        [20, 8, 50, 9, 11, 10, 11, 60],
    )
    workbook.save(path)
