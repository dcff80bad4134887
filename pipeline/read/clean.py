"""From sheet records to one validated tidy score table (see schema.py), with every problem found.

Leaves are the truth: a field or criterion row's subtotal, and the total row, are checked against
the sum of their leaves and a mismatch is a warning naming both numbers. Criteria marked not
applicable (không áp dụng) lower that unit's maximum; a subtotal may print either maximum, the criteria
set's or the unit's (its not-applicable items left out), and neither is a subtotal that differs.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import pandas as pd
import pandera.errors

from ..core import numbers
from ..core.errors import ProblemLog
from ..core.text import normalise_text
from ..model import blocks, grades, measures, settings
from ..model.units import split_unit_type, unit_key, unit_label
from .ingest import Record, SheetResult
from .layout import DistrictYear
from .names import NameList, match_units
from .schema import COLUMNS, SCORE_TOLERANCE, ScoreTable
from .unit_names import FILE, TAB, plumbing

log = logging.getLogger(__name__)

_ACRONYMS = ("CCHC", "TTHC", "UBND", "HĐND", "CNTT", "ISO", "SIPAS", "PAPI", "KT-XH")
# Checks of the schema, by the error name schema.py gives them (a rule id), and the column each is about.
_ROW_CHECKS = {"score-above-max": "score", "self-above-max": "self_score", "score-missing": "score"}
# pandera's built-in checks, by their name, as rule ids.
_CELL_CHECKS = {"not_nullable": "value-empty", "greater_than_or_equal_to(0)": "value-negative"}


def sentence_case(name: str) -> str:
    """Field names are often typed in capitals; write them as a sentence, keeping acronyms."""
    if not name.isupper() or " " not in name.strip():  # one word in capitals is an acronym: SIPAS, ĐTXHH
        return name
    text = name[:1] + name[1:].lower()
    for acronym in _ACRONYMS:
        text = text.replace(acronym.lower(), acronym)
    return text


def tidy(
    dy: DistrictYear, sheets: list[SheetResult], problems: ProblemLog, names: NameList | None = None
) -> pd.DataFrame:
    """The tidy table of one district-year; problems go to `problems` (errors mean: do not build). Never
    raises for what the sheets hold: a shape no rule foresaw is a named error for the group-year."""
    try:
        return _tidy(dy, sheets, problems, names)
    except Exception as exc:
        log.debug("checking %s %s failed", dy.district, dy.year, exc_info=True)
        problems.error("group-unreadable", file=dy.folder.name, detail=f"{type(exc).__name__}: {exc}")
        return pd.DataFrame(columns=COLUMNS)


def _tidy(dy: DistrictYear, sheets: list[SheetResult], problems: ProblemLog, names: NameList | None) -> pd.DataFrame:
    sheets = _one_layout(sheets, problems)
    records = [r for s in sheets for r in s.records]
    if not records:
        if not problems.errors:
            read = sorted({s.file for s in sheets})
            problems.error("no-score-rows" if read else "no-score-sheet", file=", ".join(read) or dy.folder.name)
        return pd.DataFrame(columns=COLUMNS)
    _check_units_unique(sheets, problems)
    _roll_up(records, problems)
    _check_stated_totals(sheets, records, problems)
    frame = _to_frame(dy, records)
    if names is not None:
        frame = _canonical_names(frame, names, problems)
    frame = _same_names_apart(frame)
    _check_unit_names(dy, sheets, frame, problems)
    _check_published(dy, sheets, frame, problems)
    _check_maxima_agree(frame, problems)
    return validate(frame, problems)


def _one_layout(sheets: list[SheetResult], problems: ProblemLog) -> list[SheetResult]:
    layouts = {s.layout for s in sheets}
    if len(layouts) > 1:
        ignored = sorted({s.file for s in sheets if s.layout == "summary"})
        problems.warn("layouts-mixed", files=", ".join(ignored))
        return [s for s in sheets if s.layout == "detail"]
    return sheets


def _check_units_unique(sheets: list[SheetResult], problems: ProblemLog) -> None:
    seen: dict[str, Record] = {}
    for sheet in sheets:
        for record in sheet.records:
            if record.code != "1":
                continue
            unit_type, name = split_unit_type(record.unit)
            key = (unit_type, name.casefold())  # a phường and a xã of one name are two units
            if key in seen:
                first = seen[key]
                problems.error(
                    "unit-twice",
                    first_file=first.file,
                    first_sheet=first.sheet,
                    first_row=first.row,
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
            if record.max_applicable is None or not record.applicable:  # else a reduced maximum the sheet prints
                record.max_applicable = record.max if record.applicable else 0.0
            continue
        record.leaf = False
        record.applicable = any(k.applicable for k in kids)
        applicable_max = _sum([k.max_applicable for k in kids])
        reduced = applicable_max is not None and record.max is not None
        if reduced and abs(record.max - applicable_max) <= SCORE_TOLERANCE:
            record.max = None  # the unit's maximum, its not-applicable items left out, as the sheet may print it
        _roll_up_value(record, kids, "max", problems, applicable_only=False)
        record.max_applicable = applicable_max
        _roll_up_value(record, kids, "score", problems)
        _roll_up_value(record, kids, "self_score", problems)


def _sum(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else numbers.half_up(numbers.exact_sum(values))


def _roll_up_value(
    record: Record, kids: list[Record], attr: str, problems: ProblemLog, applicable_only: bool = True
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
            "subtotal-differs",
            what=attr,
            stated=stated,
            code=record.code,
            name=record.name,
            total=total,
            file=record.file,
            sheet=record.sheet,
            row=record.row,
        )
    setattr(record, attr, total)


def _check_stated_totals(sheets: list[SheetResult], records: list[Record], problems: ProblemLog) -> None:
    scores: dict[str, list[float]] = defaultdict(list)
    for record in records:
        if record.level == 1 and record.score is not None:
            scores[record.unit].append(record.score)
    totals = {unit: numbers.exact_sum(values) for unit, values in scores.items()}
    for sheet in sheets:
        for unit, (stated, row) in sheet.stated_totals.items():
            computed = numbers.half_up(totals.get(unit, 0.0), 3)
            if abs(stated - computed) > SCORE_TOLERANCE:
                problems.warn(
                    "total-differs",
                    stated=stated,
                    unit=unit,
                    computed=computed,
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=row,
                )


def _check_published(dy: DistrictYear, sheets: list[SheetResult], frame: pd.DataFrame, problems: ProblemLog) -> None:
    """The group's settings (their errors stop the group), and every value a published table states beyond
    its totals: ranks (within each sheet and block), index %, grades and the average row."""
    group = settings.load(dy.settings_path, problems)
    if frame.empty:
        return
    per_unit = _per_unit(frame)
    per_unit["block"] = blocks.assign_blocks(per_unit.reset_index(names="name"), group, problems).values
    _check_stated_ranks(sheets, frame, problems, per_unit["block"], per_unit["total"])
    _check_stated_index(sheets, frame, per_unit, problems)
    _check_stated_grades(sheets, frame, per_unit, problems, group, dy.year)
    _check_stated_averages(sheets, per_unit, frame, problems)


def _per_unit(frame: pd.DataFrame) -> pd.DataFrame:
    """name -> unit_type, total, max, index_pct (from the fields, as analyse computes them)."""
    fields = frame[frame["level"] == 1].astype({"score": float, "max_applicable": float})
    out = fields.groupby("unit", sort=False).agg(
        unit_type=("unit_type", "first"), total=("score", numbers.exact_sum), max=("max_applicable", numbers.exact_sum)
    )
    out["total"] = measures.rounded(out["total"], measures.total_decimals(frame))
    out["index_pct"] = [numbers.ratio(t, m) for t, m in zip(out["total"], out["max"], strict=True)]
    return out


def _unit_at(frame: pd.DataFrame) -> dict[tuple[str, str, int], str]:
    """(file, sheet, row) -> the unit's canonical name: how a stated value finds its unit after matching names."""
    return dict(zip(zip(frame["file"], frame["sheet"], frame["row"], strict=True), frame["unit"], strict=True))


def _stated(sheet: SheetResult, attr: str, at: dict) -> list[tuple[str, object, int]]:
    """(canonical unit, stated value, row) of one kind of stated value in a sheet."""
    values = getattr(sheet, attr)
    found = [(at.get((sheet.file, sheet.sheet, row)), value, row) for value, row in values.values()]
    return [(unit, value, row) for unit, value, row in found if unit is not None]


def _check_stated_ranks(
    sheets: list[SheetResult],
    frame: pd.DataFrame,
    problems: ProblemLog,
    block_of: pd.Series | None = None,
    totals: pd.Series | None = None,
) -> None:
    """A sheet's rank column ranks the units of that sheet (of each block, when the settings make blocks)."""
    at = _unit_at(frame)
    totals = _per_unit(frame.dropna(subset=["score"]))["total"] if totals is None else totals
    for sheet in sheets:
        stated = _stated(sheet, "stated_ranks", at)
        if not stated:
            continue
        units = [u for u in dict.fromkeys(at[(f, s, r)] for f, s, r in at if (f, s) == (sheet.file, sheet.sheet))]
        mine = totals.reindex(units).dropna()
        groups = block_of.reindex(mine.index).fillna("") if block_of is not None else pd.Series("", mine.index)
        ranks = mine.groupby(groups).transform(measures.competition_rank, decimals=measures.total_decimals(frame))
        for unit, rank, row in stated:
            ours = ranks.get(unit)
            if ours is not None and int(ours) != rank:
                problems.warn(
                    "rank-differs", unit=unit, rank=rank, ours=int(ours), file=sheet.file, sheet=sheet.sheet, row=row
                )


# Published numbers are rounded to 2 decimals and may be off by 0,01 (README, "Levels, blocks and settings").
PUBLISHED_TOLERANCE = 0.01 + 1e-9


def published_tolerance(stated: float) -> float:
    """How far a published figure may be from ours: 0,01, or half its last digit when it is printed with
    fewer decimals (a rate printed "89%" is 88,81% rounded)."""
    decimals = next((d for d in range(3) if numbers.rounded(stated, d) == numbers.exact(stated)), 2)
    return max(PUBLISHED_TOLERANCE, 0.5 * 10**-decimals + 1e-9)


def _check_stated_index(
    sheets: list[SheetResult], frame: pd.DataFrame, per_unit: pd.DataFrame, problems: ProblemLog
) -> None:
    """An index column (%) against total / maximum x 100."""
    at = _unit_at(frame)
    for sheet in sheets:
        for unit, stated, row in _stated(sheet, "stated_index", at):
            computed = float(per_unit.at[unit, "index_pct"])
            if not pd.isna(computed) and abs(stated - computed) > published_tolerance(stated):
                problems.warn(
                    "index-differs",
                    stated=numbers.half_up(stated),
                    unit=unit,
                    computed=computed,
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=row,
                )


def _check_stated_grades(
    sheets: list[SheetResult],
    frame: pd.DataFrame,
    per_unit: pd.DataFrame,
    problems: ProblemLog,
    group: settings.Settings,
    year: int,
) -> None:
    """A grade column against the grade the unit gets by its block's rules of the year (floors too)."""
    at = _unit_at(frame)
    shares = measures.field_shares(frame.dropna(subset=["score"]))
    for sheet in sheets:
        for unit, stated, row in _stated(sheet, "stated_grades", at):
            where = dict(file=sheet.file, sheet=sheet.sheet, row=row)
            read = grades.read_grade(stated)
            if read is None:
                problems.warn("grade-unknown", stated=stated, **where)
                continue
            index = float(per_unit.at[unit, "index_pct"])
            if pd.isna(index):
                continue
            rules = grades.rules_for(group, year, per_unit.at[unit, "block"])
            ours = rules.grade(index, shares.loc[unit].to_dict() if unit in shares.index else None)
            if read != ours:
                problems.warn(
                    "grade-differs",
                    unit=unit,
                    stated=stated,
                    index=index,
                    grade=ours,
                    thresholds=rules.describe(),
                    **where,
                )


def _check_stated_averages(
    sheets: list[SheetResult], per_unit: pd.DataFrame, frame: pd.DataFrame, problems: ProblemLog
) -> None:
    """A published average row ("Giá trị trung bình") against the average over the units."""
    fields = frame[frame["level"] == 1].astype({"score": float}).groupby("code")["score"].agg(measures.mean)
    computed = {code: float(v) for code, v in fields.items()}
    computed |= {"total": measures.mean(per_unit["total"]), "index": measures.mean(per_unit["index_pct"])}
    for sheet in sheets:
        for key, (stated, row, label) in sheet.stated_averages.items():
            ours = numbers.half_up(computed.get(key, stated))
            if abs(stated - ours) > PUBLISHED_TOLERANCE:
                problems.warn(
                    "average-differs",
                    stated=numbers.half_up(stated),
                    column=label,
                    computed=ours,
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=row,
                )


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
    # A unit type written on one sheet only (title line vs tab name) still applies to the unit, when the
    # name has one type in the year (a phường and a xã Tân Phú are two units, each keeping its own).
    typed = frame.dropna(subset=["unit_type"]).groupby("unit")["unit_type"].unique()
    single = {unit: found[0] for unit, found in typed.items() if len(found) == 1}
    frame["unit_type"] = frame["unit_type"].where(frame["unit_type"].notna(), frame["unit"].map(single))
    return frame


def _same_names_apart(frame: pd.DataFrame) -> pd.DataFrame:
    """Units of one name and different types are two units: each is named by its full label ("phường Tân
    Phú", "xã Tân Phú"; units.unit_key) in the table, so the name stays unique everywhere after."""
    types = frame.groupby("unit")["unit_type"].nunique(dropna=False)
    shared = set(types[types > 1].index)
    if not shared:
        return frame
    labels = [unit_key(u, t) if u in shared else u for u, t in zip(frame["unit"], frame["unit_type"], strict=True)]
    return frame.assign(unit=labels)


def _canonical_names(frame: pd.DataFrame, names: NameList, problems: ProblemLog) -> pd.DataFrame:
    pairs = [(u, None if pd.isna(t) else t) for u, t in zip(frame["unit"], frame["unit_type"], strict=True)]
    matched = match_units(pairs, names)
    for rule, params in matched.messages:
        problems.warn(rule, **params)
    listed = pd.Series([matched.types[p] for p in pairs], index=frame.index, dtype=object)
    return frame.assign(
        unit=[matched.canonical[p] for p in pairs], unit_type=listed.where(listed.notna(), frame["unit_type"])
    )


def _check_unit_names(dy: DistrictYear, sheets: list[SheetResult], frame: pd.DataFrame, problems: ProblemLog) -> None:
    """One warning listing the units named by their tab or file, with the name each became; an error for
    each name that is still plumbing ("01_Xa_Muong So", "Book1.xlsx", "Xã")."""
    units = frame.drop_duplicates(["file", "sheet"]).set_index(["file", "sheet"])
    by_name = [
        f"{s.file if s.unit_source == FILE else f'{s.file} [{s.sheet}]'} → {unit_label(unit, unit_type)}"
        for s in sheets
        if s.unit_source in (FILE, TAB) and (s.file, s.sheet) in units.index
        for unit, unit_type in [units.loc[(s.file, s.sheet), ["unit", "unit_type"]]]
    ]
    if by_name:
        problems.warn("units-named-by-file", names="; ".join(by_name))
    for _, first in frame.drop_duplicates("unit").iterrows():
        unit, unit_type = first["unit"], None if pd.isna(first["unit_type"]) else first["unit_type"]
        why = plumbing(unit, unit_type)
        if why:
            where = dict(file=first["file"], sheet=first["sheet"])
            problems.error("unit-name-plumbing", **where, unit=unit, why=why, list=f"{dy.slug}.csv")


def _check_maxima_agree(frame: pd.DataFrame, problems: ProblemLog) -> None:
    """Every unit of a district-year is scored on one criteria set: the maxima must agree."""
    for code, group in frame.dropna(subset=["max"]).groupby("code", sort=False):
        shown = measures.rounded(group["max"])
        counts = shown.value_counts()
        if len(counts) < 2:
            continue
        usual = counts.index[0]
        for _, odd in group[shown != usual].iterrows():
            problems.error(
                "maxima-differ",
                code=code,
                name=odd["name"],
                unit=odd["unit"],
                max=float(odd["max"]),
                usual=float(usual),
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
                problems.error("table-invalid", column=str(case["column"]), check=check)
                continue
            source = frame.loc[index]
            rule, params, column, value = _cell_problem(check, case, source)
            if (index, rule) in seen:
                continue
            if rule == "score-missing" and problems.has_error_at(source["file"], source["sheet"], int(source["row"])):
                continue  # the cell could not be read, which is already reported
            unscored = column in ("max", "max_applicable") or (rule.endswith("above-max") and pd.isna(source["max"]))
            if unscored and _max_reported(problems, source["file"], source["sheet"]):
                continue  # the maximum is missing because of a problem already reported for this sheet
            seen.add((index, rule))
            where = dict(file=source["file"], sheet=source["sheet"], row=int(source["row"]))
            problems.error(rule, **where, column=_LABELS.get(column, column), value=value, **params)
        return frame


_MAX_RULES = {"field-no-max", "max-zero", "total-no-max", "reduced-max-invalid", "score-not-number", "score-boolean"}


def _max_reported(problems: ProblemLog, file: str, sheet: str) -> bool:
    return any(p.rule in _MAX_RULES and (p.file, p.sheet) == (file, sheet) for p in problems.errors)


def _cell_problem(check: str, case: pd.Series, source: pd.Series) -> tuple[str, dict, str, object]:
    """(rule id, its parameters, column, value) of one failure case of the schema."""
    if check in _ROW_CHECKS:  # reported once per row, not once per column
        column = _ROW_CHECKS[check]
        return check, {}, column, None if pd.isna(source[column]) else source[column]
    if check == "multiple_fields_uniqueness":
        return "unit-code-twice", {"unit": source["unit"], "code": source["code"]}, "", None
    column = case["column"] if isinstance(case["column"], str) else ""
    rule = _CELL_CHECKS.get(check, "value-invalid")
    return (
        rule,
        {"what": column, "check": check} if rule == "value-invalid" else {"what": column},
        column,
        case["failure_case"],
    )


# Schema columns as the sheets name them, for messages.
_LABELS = {"score": "Điểm thẩm định", "self_score": "Điểm tự đánh giá", "max": "Điểm tối đa"}
