"""From sheet records to one validated tidy score table (see schema.py), with every problem found.

Leaves are the truth: a field or criterion row's subtotal, and the total row, are checked against
the sum of their leaves and a mismatch is a warning naming both numbers.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import pandas as pd
import pandera.errors

from .errors import ProblemLog
from .ingest import DistrictYear, Record, SheetResult
from .names import normalise_text, split_unit_type
from .schema import COLUMNS, SCORE_TOLERANCE, ScoreTable

log = logging.getLogger(__name__)

_ACRONYMS = ("CCHC", "TTHC", "UBND", "HĐND", "CNTT", "ISO", "SIPAS", "PAPI", "KT-XH")
_RULES = {
    "not_nullable": "must not be empty",
    "greater_than_or_equal_to(0)": "must not be negative",
    "score_within_max": "score above its maximum",
    "self_score_within_max": "self-assessed score above its maximum",
}


def sentence_case(name: str) -> str:
    """Field names are often typed in capitals; write them as a sentence, keeping acronyms."""
    if not name.isupper():
        return name
    text = name[:1] + name[1:].lower()
    for acronym in _ACRONYMS:
        text = text.replace(acronym.lower(), acronym)
    return text


def tidy(dy: DistrictYear, sheets: list[SheetResult], problems: ProblemLog) -> pd.DataFrame:
    """The tidy table of one district-year; problems go to `problems` (errors mean: do not build)."""
    sheets = _one_layout(sheets, problems)
    records = [r for s in sheets for r in s.records]
    if not records:
        problems.error("no scores found: no sheet in this folder has a table of scores",
                       file=str(dy.folder.name))
        return pd.DataFrame(columns=COLUMNS)
    _check_units_unique(sheets, problems)
    _roll_up(records, problems)
    _check_stated_totals(sheets, records, problems)
    frame = _to_frame(dy, records)
    _check_maxima_agree(frame, problems)
    return validate(frame, problems)


def _one_layout(sheets: list[SheetResult], problems: ProblemLog) -> list[SheetResult]:
    layouts = {s.layout for s in sheets}
    if len(layouts) > 1:
        ignored = sorted({r.file for s in sheets if s.layout == "summary" for r in s.records})
        problems.warn("both detail and summary sheets found; the detail sheets are used and the summary "
                      f"ignored: {', '.join(ignored)}")
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
                problems.error(f"the same unit appears twice (first at {first.file}, sheet '{first.sheet}', "
                               f"row {first.row})", file=record.file, sheet=record.sheet, row=record.row,
                               value=record.unit)
            else:
                seen[key] = record


def _roll_up(records: list[Record], problems: ProblemLog) -> None:
    """Set each parent's max and scores to the sum of its children, warning where the sheet differs."""
    children: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        if record.level > 1:
            children[(record.unit, record.code.rsplit(".", 1)[0])].append(record)
    for record in sorted(records, key=lambda r: -r.level):  # sub-criteria first, then criteria, fields
        kids = children.get((record.unit, record.code))
        if not kids:
            continue
        for attr, label in (("max", "maximum"), ("score", "appraised score"), ("self_score", "self-assessed score")):
            values = [getattr(k, attr) for k in kids]
            if any(v is None for v in values):
                continue
            total = round(sum(values), 2)
            stated = getattr(record, attr)
            if stated is not None and abs(stated - total) > SCORE_TOLERANCE:
                problems.warn(f"subtotal {label} {stated:g} of '{record.code} {record.name}' differs from the "
                              f"sum of its items {total:g}; the sum is used",
                              file=record.file, sheet=record.sheet, row=record.row)
            setattr(record, attr, total)


def _check_stated_totals(sheets: list[SheetResult], records: list[Record], problems: ProblemLog) -> None:
    totals: dict[str, float] = defaultdict(float)
    for record in records:
        if record.level == 1 and record.score is not None:
            totals[record.unit] += record.score
    files = {r.unit: (r.file, r.sheet) for r in records}
    for sheet in sheets:
        for unit, (stated, row) in sheet.stated_totals.items():
            computed = round(totals.get(unit, 0.0), 2)
            if abs(stated - computed) > SCORE_TOLERANCE:
                file, sheet_name = files.get(unit, ("", ""))
                problems.warn(f"stated total {stated:g} of {unit} differs from the sum of its fields "
                              f"{computed:g}; the sum is used", file=file, sheet=sheet_name, row=row)


def _to_frame(dy: DistrictYear, records: list[Record]) -> pd.DataFrame:
    rows = []
    for r in records:
        unit_type, unit = split_unit_type(r.unit)
        rows.append({
            "district": dy.district, "year": dy.year, "unit": unit, "unit_type": unit_type,
            "code": r.code, "level": r.level, "field": r.code.split(".")[0],
            "name": sentence_case(normalise_text(r.name)) if r.level == 1 else normalise_text(r.name),
            "max": r.max, "self_score": r.self_score, "score": r.score, "reason": r.reason,
            "file": r.file, "sheet": r.sheet, "row": r.row,
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # A unit type written on one sheet only (title line vs tab name) still applies to the unit.
    types = frame.dropna(subset=["unit_type"]).groupby("unit")["unit_type"].first()
    frame["unit_type"] = frame["unit"].map(types)
    return frame


def _check_maxima_agree(frame: pd.DataFrame, problems: ProblemLog) -> None:
    """Every unit of a district-year is scored on one criteria set: the maxima must agree."""
    for code, group in frame.dropna(subset=["max"]).groupby("code", sort=False):
        counts = group["max"].round(2).value_counts()
        if len(counts) < 2:
            continue
        usual = counts.index[0]
        for _, odd in group[group["max"].round(2) != usual].iterrows():
            problems.error(f"maximum of '{code} {odd['name']}' for {odd['unit']} is {odd['max']:g}, other units "
                           f"have {usual:g}: all units must be scored on the same criteria set",
                           file=odd["file"], sheet=odd["sheet"], row=int(odd["row"]), column="max")


def validate(frame: pd.DataFrame, problems: ProblemLog) -> pd.DataFrame:
    """Validate against the schema lazily, turning every failing cell into a located problem."""
    try:
        return ScoreTable.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        for _, case in exc.failure_cases.iterrows():
            index = case["index"]
            rule = _RULES.get(str(case["check"]), str(case["check"]))
            if pd.isna(index):
                problems.error(f"score table: column '{case['column']}' {rule}")
                continue
            source = frame.loc[index]
            column = case["column"] if isinstance(case["column"], str) else ""
            if "unique" in str(case["check"]):
                rule = f"the same unit and code appear twice ({source['unit']}, {source['code']})"
            problems.error(f"{column or 'row'}: {rule}" if column and column not in rule else rule,
                           file=source["file"], sheet=source["sheet"], row=int(source["row"]),
                           column=column, value=case["failure_case"])
        return frame
