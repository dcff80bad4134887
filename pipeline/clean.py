"""From sheet records to one validated tidy score table (see schema.py), with every problem found.

Leaves are the truth: a field or criterion row's subtotal, and the total row, are checked against
the sum of their leaves and a mismatch is a warning naming both numbers. Criteria marked not
applicable (không áp dụng) lower that unit's maximum.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import pandas as pd
import pandera.errors

from . import analyse
from .errors import ProblemLog
from .ingest import Record, SheetResult
from .layout import DistrictYear
from .names import NameList, match_names
from .schema import COLUMNS, SCORE_TOLERANCE, ScoreTable
from .text import normalise_text, num
from .units import split_unit_type

log = logging.getLogger(__name__)

_ACRONYMS = ("CCHC", "TTHC", "UBND", "HĐND", "CNTT", "ISO", "SIPAS", "PAPI", "KT-XH")
_RULES = {
    "not_nullable": "must not be empty",
    "greater_than_or_equal_to(0)": "must not be negative",
}
# Row-wide checks of the schema (pandera names them by their error text), and the column each is about.
_ROW_CHECKS = {
    "score above its maximum": "score",
    "self-assessed score above its maximum": "self_score",
    "appraised score missing": "score",
}
_HUMAN = {"score": "appraised score", "self_score": "self-assessed score", "max": "maximum"}
_FIXES = {
    "text numbers": "scores typed as text were read as numbers",
    "legacy TCVN3": "text in the legacy TCVN3 (ABC) encoding was converted to Unicode",
    "legacy VNI": "text in the legacy VNI encoding was converted to Unicode",
    "unit name from tab or file": "no title line names the unit; the tab or file name was used",
    "sheet ignored": "sheets without a table of scores were ignored",
    "hidden sheet": "hidden sheets were ignored",
}
_COUNTS_SHEETS = {"unit name from tab or file", "sheet ignored", "hidden sheet"}
_FIXES_VI = {
    "text numbers": "điểm nhập dạng chữ đã được đọc thành số",
    "legacy TCVN3": "chữ gõ bằng bảng mã cũ TCVN3 (ABC) đã được chuyển sang Unicode",
    "legacy VNI": "chữ gõ bằng bảng mã cũ VNI đã được chuyển sang Unicode",
    "unit name from tab or file": "không có dòng tiêu đề ghi tên đơn vị; đã lấy tên trang tính hoặc tên tệp",
    "sheet ignored": "đã bỏ qua các trang tính không có bảng điểm",
    "hidden sheet": "đã bỏ qua các trang tính bị ẩn",
}
_LABELS_VI = {"max": "điểm tối đa", "score": "điểm thẩm định", "self_score": "điểm tự chấm"}


def _vn(value: float) -> str:
    return num(value)


def sentence_case(name: str) -> str:
    """Field names are often typed in capitals; write them as a sentence, keeping acronyms."""
    if not name.isupper():
        return name
    text = name[:1] + name[1:].lower()
    for acronym in _ACRONYMS:
        text = text.replace(acronym.lower(), acronym)
    return text


def tidy(
    dy: DistrictYear, sheets: list[SheetResult], problems: ProblemLog, names: NameList | None = None
) -> pd.DataFrame:
    """The tidy table of one district-year; problems go to `problems` (errors mean: do not build)."""
    sheets = _one_layout(sheets, problems)
    records = [r for s in sheets for r in s.records]
    if not records:
        _report_fixes(sheets, problems)
        if not problems.errors:
            read = sorted({s.file for s in sheets})
            problems.error(
                "no scores found: the table has a header but no rows of scores"
                if read
                else "no scores found: no sheet in this folder has a table of scores",
                file=", ".join(read) or dy.folder.name,
            )
        return pd.DataFrame(columns=COLUMNS)
    _check_units_unique(sheets, problems)
    _roll_up(records, problems)
    _check_stated_totals(sheets, records, problems)
    _report_fixes(sheets, problems)
    frame = _to_frame(dy, records)
    if names is not None:
        frame = _canonical_names(frame, names, problems)
    _check_stated_ranks(sheets, frame, problems)
    _check_maxima_agree(frame, problems)
    return validate(frame, problems)


def _one_layout(sheets: list[SheetResult], problems: ProblemLog) -> list[SheetResult]:
    layouts = {s.layout for s in sheets}
    if len(layouts) > 1:
        ignored = sorted({s.file for s in sheets if s.layout == "summary"})
        problems.warn(
            "both detail and summary sheets found; the detail sheets are used and the summary "
            f"ignored: {', '.join(ignored)}",
            vi=f"có cả bảng điểm chi tiết và bảng tổng hợp; dùng bảng chi tiết, bỏ qua {', '.join(ignored)}",
        )
        return [s for s in sheets if s.layout == "detail"]
    return sheets


def _check_units_unique(sheets: list[SheetResult], problems: ProblemLog) -> None:
    seen: dict[str, Record] = {}
    for sheet in sheets:
        for record in sheet.records:
            if record.code != "1":
                continue
            key = split_unit_type(record.unit)[1].casefold()
            if key in seen:
                first = seen[key]
                problems.error(
                    f"the same unit appears twice (first at {first.file}, sheet '{first.sheet}', row {first.row})",
                    file=record.file,
                    sheet=record.sheet,
                    row=record.row,
                    value=record.unit,
                )
            else:
                seen[key] = record


def _roll_up(records: list[Record], problems: ProblemLog) -> None:
    """Set each parent's maxima and scores to the sums of its children, warning where the sheet differs."""
    children: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        if record.level > 1:
            children[(record.unit, record.code.rsplit(".", 1)[0])].append(record)
    for record in sorted(records, key=lambda r: -r.level):  # sub-criteria first, then criteria, fields
        kids = children.get((record.unit, record.code))
        if not kids:
            record.max_applicable = record.max if record.applicable else 0.0
            continue
        record.leaf = False
        record.applicable = any(k.applicable for k in kids)
        _roll_up_value(record, kids, "max", "maximum", problems, applicable_only=False)
        record.max_applicable = _sum([k.max_applicable for k in kids])
        _roll_up_value(record, kids, "score", "appraised score", problems)
        _roll_up_value(record, kids, "self_score", "self-assessed score", problems)


def _sum(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else round(sum(values), 2)


def _roll_up_value(
    record: Record, kids: list[Record], attr: str, label: str, problems: ProblemLog, applicable_only: bool = True
) -> None:
    counted = [k for k in kids if k.applicable or not applicable_only]
    total = _sum([getattr(k, attr) for k in counted]) if counted else None
    if total is None:
        if not record.applicable:
            setattr(record, attr, None)
        return
    stated = getattr(record, attr)
    if stated is not None and abs(stated - total) > SCORE_TOLERANCE:
        problems.warn(
            f"subtotal {label} {stated:g} of '{record.code} {record.name}' differs from the sum of its "
            f"items {total:g}; the sum is used",
            file=record.file,
            sheet=record.sheet,
            row=record.row,
            vi=f"{_LABELS_VI[attr]} cộng ghi {_vn(stated)} của '{record.code} {record.name}' khác "
            f"tổng các mục con {_vn(total)}; dùng tổng các mục con",
        )
    setattr(record, attr, total)


def _check_stated_totals(sheets: list[SheetResult], records: list[Record], problems: ProblemLog) -> None:
    totals: dict[str, float] = defaultdict(float)
    for record in records:
        if record.level == 1 and record.score is not None:
            totals[record.unit] += record.score
    for sheet in sheets:
        for unit, (stated, row) in sheet.stated_totals.items():
            computed = round(totals.get(unit, 0.0), 2)
            if abs(stated - computed) > SCORE_TOLERANCE:
                problems.warn(
                    f"stated total {stated:g} of {unit} differs from the sum of its fields "
                    f"{computed:g}; the sum is used",
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=row,
                    vi=f"tổng điểm ghi {_vn(stated)} của {unit} khác tổng các lĩnh vực {_vn(computed)}; "
                    "dùng tổng các lĩnh vực",
                )


def _check_stated_ranks(sheets: list[SheetResult], frame: pd.DataFrame, problems: ProblemLog) -> None:
    stated = {split_unit_type(u)[1]: v for s in sheets for u, v in s.stated_ranks.items()}
    if not stated or frame.empty:
        return
    ranks = analyse.units_table(frame.dropna(subset=["score"])).set_index("name")["rank"]
    sheet = next(s for s in sheets if s.stated_ranks)
    for unit, (rank, row) in stated.items():
        ours = ranks.get(unit)
        if ours is not None and ours != rank:
            problems.warn(
                f"the sheet ranks {unit} {rank}, its total ranks it {ours}; the total's rank is used",
                file=sheet.file,
                sheet=sheet.sheet,
                row=row,
                vi=f"bảng ghi {unit} xếp thứ {rank}, theo tổng điểm là thứ {ours}; dùng thứ hạng theo tổng điểm",
            )


def _report_fixes(sheets: list[SheetResult], problems: ProblemLog) -> None:
    """One warning per kind of automatic fix, naming the sheets where it was made."""
    where: dict[str, list[str]] = defaultdict(list)
    counts: Counter = Counter()
    for sheet in sheets:
        for kind, n in sheet.fixes.items():
            where[kind].append(sheet.file if sheet.sheet in ("", sheet.file) else f"{sheet.file} [{sheet.sheet}]")
            counts[kind] += n
    for kind, places in problems.notes.items():
        where[kind] += places
        counts[kind] += len(places)
    problems.notes.clear()  # reported now, once
    for kind in sorted(where):
        places = sorted(set(where[kind]))
        shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
        cells = f"{_plural(counts[kind], 'cell')} in " if kind not in _COUNTS_SHEETS else ""
        cells_vi = f"{counts[kind]} ô trong " if kind not in _COUNTS_SHEETS else ""
        shown_vi = ", ".join(places[:5]) + (f" và {len(places) - 5} trang khác" if len(places) > 5 else "")
        problems.warn(
            f"{_FIXES.get(kind, kind)} ({cells}{_plural(len(places), 'sheet')}: {shown})",
            vi=f"{_FIXES_VI.get(kind, kind)} ({cells_vi}{len(places)} trang tính: {shown_vi})",
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _to_frame(dy: DistrictYear, records: list[Record]) -> pd.DataFrame:
    rows = []
    for r in records:
        unit_type, unit = split_unit_type(r.unit)
        rows.append(
            {
                "district": dy.district,
                "year": dy.year,
                "unit": unit,
                "unit_type": unit_type,
                "code": r.code,
                "level": r.level,
                "field": r.code.split(".")[0],
                "name": sentence_case(normalise_text(r.name)) if r.level == 1 else normalise_text(r.name),
                "max": r.max,
                "max_applicable": r.max_applicable,
                "applicable": r.applicable,
                "leaf": r.leaf,
                "self_score": r.self_score,
                "score": r.score,
                "reason": r.reason,
                "file": r.file,
                "sheet": r.sheet,
                "row": r.row,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # A unit type written on one sheet only (title line vs tab name) still applies to the unit.
    types = frame.dropna(subset=["unit_type"]).groupby("unit")["unit_type"].first()
    frame["unit_type"] = frame["unit"].map(types)
    return frame


def _canonical_names(frame: pd.DataFrame, names: NameList, problems: ProblemLog) -> pd.DataFrame:
    units = frame.groupby("unit", sort=False)["unit_type"].first().to_dict()
    matched = match_names(units, names)
    for message, vi in matched.messages:
        problems.warn(message, vi=vi)
    out = frame.assign(unit=frame["unit"].map(matched.canonical))
    listed = out["unit"].map(matched.types)
    return out.assign(unit_type=listed.where(listed.notna(), out["unit_type"]))


def _check_maxima_agree(frame: pd.DataFrame, problems: ProblemLog) -> None:
    """Every unit of a district-year is scored on one criteria set: the maxima must agree."""
    for code, group in frame.dropna(subset=["max"]).groupby("code", sort=False):
        counts = group["max"].round(2).value_counts()
        if len(counts) < 2:
            continue
        usual = counts.index[0]
        for _, odd in group[group["max"].round(2) != usual].iterrows():
            problems.error(
                f"maximum of '{code} {odd['name']}' for {odd['unit']} is {odd['max']:g}, other units "
                f"have {usual:g}: all units must be scored on the same criteria set",
                file=odd["file"],
                sheet=odd["sheet"],
                row=int(odd["row"]),
                column="max",
            )


def validate(frame: pd.DataFrame, problems: ProblemLog) -> pd.DataFrame:
    """Validate against the schema lazily, turning every failing cell into one located problem."""
    try:
        return ScoreTable.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        seen = set()
        for _, case in exc.failure_cases.iterrows():
            check, index = str(case["check"]), case["index"]
            if pd.isna(index):
                problems.error(f"score table: column '{case['column']}' {_RULES.get(check, check)}")
                continue
            source = frame.loc[index]
            if check in _ROW_CHECKS:  # reported once per row, not once per column
                column, rule = _ROW_CHECKS[check], check
                value = None if pd.isna(source[column]) else source[column]
            else:
                column = case["column"] if isinstance(case["column"], str) else ""
                rule, value = f"{_HUMAN.get(column, column)} {_RULES.get(check, check)}", case["failure_case"]
            if "unique" in check:
                column, rule = "", f"the same unit and code appear twice ({source['unit']}, {source['code']})"
            if (index, rule) in seen:
                continue
            if rule == "appraised score missing" and problems.has_error_at(
                source["file"], source["sheet"], int(source["row"])
            ):
                continue  # the cell could not be read, which is already reported
            seen.add((index, rule))
            problems.error(
                rule,
                file=source["file"],
                sheet=source["sheet"],
                row=int(source["row"]),
                column=_LABELS.get(column, column),
                value=value,
            )
        return frame


# Schema columns as the sheets name them, for messages.
_LABELS = {"score": "Điểm thẩm định", "self_score": "Điểm tự đánh giá", "max": "Điểm tối đa"}
