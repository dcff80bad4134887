"""Read score sheets: open each file, and yield each table's rows as records with provenance.

Formats: .xlsx/.xlsm/.xls/.ods through python-calamine, .csv (UTF-8, comma or semicolon). Which files
to read is layout.py's business, where a table starts and what its columns hold header.py's. Both
layouts (README, "Adding a district's data"): detail sheets, one unit per file or tab, with rows of
fields, criteria and sub-criteria; summary sheets, one row per unit and one column per field, with a
stated total and rank that clean.py cross-checks, never trusts.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError, SheetVisibleEnum

from ..core.errors import ProblemLog
from ..core.text import normalise_text
from . import legacy
from .header import MAX_IN_HEADER, Header, HeaderProblem, cell, filled, find_header, header_key, summary_field_columns
from .layout import sheet_files
from .parse import ScoreError, code_kind, parse_score
from .unit_names import UnitName, unit_from_sheet_names, unit_from_title

log = logging.getLogger(__name__)

MAX_FILE_MB = 20  # real score sheets weigh kilobytes; a file this big is the wrong file
_ZIP_MAGIC, _OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"

_TOTAL_ROW = re.compile(r"^(tong cong|tong diem|tong so|tong)\b")
_NOT_APPLICABLE = {"khong ap dung", "kad", "n a", "na", "k a d"}


@dataclass
class Record:
    """One row of a score sheet, with where it came from."""

    unit: str
    code: str
    level: int
    name: str
    max: float | None
    self_score: float | None
    score: float | None
    reason: str | None
    file: str
    sheet: str
    row: int
    applicable: bool = True
    max_applicable: float | None = None  # set by clean's roll-up
    leaf: bool = True


@dataclass
class SheetResult:
    layout: str
    file: str
    sheet: str
    records: list[Record] = field(default_factory=list)
    stated_totals: dict[str, tuple[float, int]] = field(default_factory=dict)  # unit -> (total, row)
    stated_ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # unit -> (rank, row)
    stated_index: dict[str, tuple[float, int]] = field(default_factory=dict)  # unit -> (index %, row)
    stated_grades: dict[str, tuple[str, int]] = field(default_factory=dict)  # unit -> (grade as typed, row)
    # a published average row: (field code, "total" or "index") -> (value, row, column label)
    stated_averages: dict[str, tuple[float, int, str]] = field(default_factory=dict)
    empty_scores: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, label) left empty
    unit_source: str | None = None  # detail sheets: where the unit's name was read (unit_names.TITLE, TAB, FILE)


# ---------------------------------------------------------------- finding files


def read_folder(folder: Path, problems: ProblemLog, group: str | None = None) -> list[SheetResult]:
    """Every table in a folder's sheets; `group` (the folder's group of units, "Phong Thổ") tells a title
    line naming the parent body from one naming the unit."""
    results = []
    for path in sheet_files(folder):
        results.extend(read_file(path, problems, group))
    return results


def read_file(path: Path, problems: ProblemLog, group: str | None = None) -> Iterator[SheetResult]:
    """Every table in one file; unreadable files are reported, never raised."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        problems.error("file-unopenable", file=path.name, reason=exc.strerror)
        return
    if not head:
        problems.error("file-empty", file=path.name)
        return
    if size > MAX_FILE_MB * 2**20:
        problems.error("file-too-big", file=path.name, size_mb=f"{size / 2**20:.0f}", limit_mb=MAX_FILE_MB)
        return
    is_workbook = head.startswith((_ZIP_MAGIC, _OLE_MAGIC))
    if path.suffix.lower() == ".csv" and not is_workbook:
        rows = _read_csv(path, problems)
        if rows is not None:
            yield from _read_tables({path.stem: rows}, path, problems, group)
        return
    if path.suffix.lower() == ".csv":
        problems.warn("csv-is-workbook", file=path.name)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        hidden = {m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
        tabs = {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names
            if name not in hidden
        }
    except PasswordError:
        problems.error("file-password", file=path.name)
        return
    except Exception as exc:  # the reader's exception types vary by format; the message is what matters
        problems.error("file-damaged", file=path.name, detail=f"{type(exc).__name__}: {exc}")
        return
    for name in sorted(hidden):
        problems.fixed("fix-hidden-sheet", f"{path.name} [{name}]")
    for result in _read_tables(tabs, path, problems, group):
        if result.empty_scores and path.suffix.lower() in {".xlsx", ".xlsm"}:
            _explain_formulas(path, result, problems)
        yield result


def _explain_formulas(path: Path, result: SheetResult, problems: ProblemLog) -> None:
    """Empty score cells that hold a formula: the workbook was never recalculated and saved by Excel
    (a generated file), so it has no result to read. Say so at the cell."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=False)[result.sheet]
    except Exception:  # openpyxl cannot tell: the generic "missing" error stands
        return
    for row, col, label in result.empty_scores:
        value = sheet.cell(row=row, column=col + 1).value
        if isinstance(value, str) and value.startswith("="):
            problems.error(
                "formula-no-result",
                file=result.file,
                sheet=result.sheet,
                row=row,
                column=label,
                value=value,
            )


def _read_csv(path: Path, problems: ProblemLog) -> list[list] | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error("csv-not-utf8", file=path.name, byte=exc.start)
        return None
    sample = "\n".join(text.splitlines()[:20])
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_tables(
    tabs: dict[str, list[list]], path: Path, problems: ProblemLog, group: str | None = None
) -> Iterator[SheetResult]:
    with_data = {name: rows for name, rows in tabs.items() if any(filled(r) for r in rows)}
    if not with_data:
        problems.error("file-no-data", file=path.name)
        return
    for tab, rows in with_data.items():
        unicode_tab, unicode_stem = legacy.fix_legacy(tab)[0], legacy.fix_legacy(path.stem)[0]
        fallback = unit_from_sheet_names(unicode_tab, unicode_stem, len(tabs))
        result = SheetReader(path.name, tab, problems).read(rows, fallback, group)
        if result is not None:
            yield result


# ---------------------------------------------------------------- one sheet


class SheetReader:
    """Reads one sheet's table; every problem it reports names this file and sheet."""

    def __init__(self, file: str, sheet: str, problems: ProblemLog):
        self.file, self.sheet, self.problems = file, sheet, problems
        self.empty_scores: list[tuple[int, int, str]] = []

    @property
    def place(self) -> str:
        """How fixes name this sheet: "file [sheet]", or the file alone when the sheet has its name."""
        return self.file if self.sheet in ("", self.file) else f"{self.file} [{self.sheet}]"

    def error(self, rule: str, row: int | None = None, column: str = "", value: object = None) -> None:
        self.problems.error(rule, file=self.file, sheet=self.sheet, row=row, column=column, value=value)

    # -- cells

    def text(self, row: list, col: int | None) -> str:
        value = cell(row, col)
        return "" if value is None else normalise_text(str(value))

    def unicode_rows(self, rows: list[list]) -> list[list]:
        """The sheet with text typed in a legacy encoding (TCVN3, VNI) converted, detected sheet-wide."""
        encoding = legacy.detect(v for row in rows for v in row if isinstance(v, str) and v.strip())
        if encoding is None:
            return rows
        converted = [[legacy.decode(v, encoding) if isinstance(v, str) else v for v in row] for row in rows]
        changed = sum(a != b for r1, r2 in zip(rows, converted, strict=True) for a, b in zip(r1, r2, strict=True))
        self.problems.fixed(f"fix-legacy-{encoding.lower()}", self.place, changed)
        return converted

    def score(self, row: list, col: int | None, excel_row: int, label: str) -> float | None:
        value = cell(row, col)
        try:
            number = parse_score(value)
        except ScoreError as exc:
            self.error(exc.rule, excel_row, label, value)
            return None
        if isinstance(value, str) and number is not None:
            self.problems.fixed("fix-text-numbers", self.place)
        return number

    # -- layout

    def read(self, rows: list[list], fallback: UnitName | None, group: str | None = None) -> SheetResult | None:
        """The sheet's table; a detail sheet's unit is named by its title lines, else by `fallback` (the
        name of its tab or file)."""
        rows = self.unicode_rows(rows)
        header = find_header(rows)
        if isinstance(header, HeaderProblem):
            if any(_is_number(v) for row in rows for v in row):
                self.problems.error(header.rule, file=self.file, sheet=self.sheet, **header.params)
            else:  # an instructions or notes tab: nothing to score
                self.problems.fixed("fix-sheet-ignored", self.place)
            return None
        if header.layout == "detail":
            titles = [[self.text(row, col) for col in range(len(row))] for row in rows[: header.start]]
            unit = unit_from_title(titles, group) or fallback
            if unit is None:
                self.problems.error("unit-unnamed", file=self.file, sheet=self.sheet)
                return None
            result = self._read_detail(rows, header, unit.label)
            result.unit_source = unit.source
        else:
            result = self._read_summary(rows, header)
        result.empty_scores = self.empty_scores
        return result

    def _read_detail(self, rows: list[list], header: Header, unit: str) -> SheetResult:
        result = SheetResult("detail", self.file, self.sheet)
        roles, labels = header.roles, header.labels
        scheme = _levels_scheme(rows, header.first_row, roles.get("code", 0))
        counters = [0, 0, 0]
        for index in range(header.first_row, len(rows)):
            row, excel_row = rows[index], index + 1
            if not filled(row):
                continue
            name = self.text(row, roles["name"])
            kind = code_kind(cell(row, roles.get("code")))
            if kind is None:
                if _TOTAL_ROW.match(header_key(name)):
                    total = self.score(row, roles["score"], excel_row, labels[roles["score"]])
                    if total is not None:
                        result.stated_totals[unit] = (total, excel_row)
                    break  # notes and signature blocks follow the total row
                continue
            level = _level(kind, scheme)
            if level > 3 or (level > 1 and counters[0] == 0) or (level == 3 and counters[1] == 0):
                self.error(
                    "code-out-of-place",
                    excel_row,
                    labels[roles["code"]],
                    cell(row, roles.get("code")),
                )
                continue
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            code = ".".join(str(n) for n in counters[:level])
            result.records.append(self._detail_record(row, excel_row, header, unit, code, name))
        return result

    def _detail_record(self, row: list, excel_row: int, header: Header, unit: str, code: str, name: str) -> Record:
        roles, labels = header.roles, header.labels
        score_col = roles["score"]
        not_applicable = header_key(self.text(row, score_col)) in _NOT_APPLICABLE
        for role in ("max", "score"):
            if cell(row, roles[role]) is None:
                self.empty_scores.append((excel_row, roles[role], labels[roles[role]]))
        return Record(
            unit=unit,
            code=code,
            level=code.count(".") + 1,
            name=name,
            max=self.score(row, roles["max"], excel_row, labels[roles["max"]]),
            self_score=None
            if not_applicable or "self" not in roles
            else self.score(row, roles["self"], excel_row, labels[roles["self"]]),
            score=None if not_applicable else self.score(row, score_col, excel_row, labels[score_col]),
            reason=self.text(row, roles.get("reason")) or None,
            file=self.file,
            sheet=self.sheet,
            row=excel_row,
            applicable=not not_applicable,
        )

    def _read_summary(self, rows: list[list], header: Header) -> SheetResult:
        result = SheetResult("summary", self.file, self.sheet)
        roles, labels, first = header.roles, header.labels, header.first_row
        field_cols = summary_field_columns(roles, labels)
        names, maxima = [], []
        for col in field_cols:
            match = MAX_IN_HEADER.match(labels[col])
            names.append(match.group("name") if match else labels[col])
            maxima.append(parse_score(match.group("max")) if match else None)
        if first < len(rows) and header_key(self.text(rows[first], roles["unit"])) in {"diem toi da", "diem chuan"}:
            maxima = [self.score(rows[first], c, first + 1, labels[c]) for c in field_cols]
            first += 1
        for col, maximum in zip(field_cols, maxima, strict=True):
            if maximum is None:
                self.error(
                    "field-no-max",
                    first,
                    labels[col],
                )
        for index in range(first, len(rows)):
            row, excel_row = rows[index], index + 1
            unit = self.text(row, roles["unit"])
            if not unit:
                if result.records:
                    break  # the table ends at the first row without a unit
                continue
            numbered = cell(row, roles.get("code")) is not None
            if _AVERAGE_ROW.match(header_key(unit)) and not numbered:
                self._stated_averages(result, row, excel_row, header, field_cols)
                continue
            if _TOTAL_ROW.match(header_key(unit)) and not numbered:
                continue  # a "Tổng cộng" row under the units: sums, not a unit
            if _is_heading_row(row, unit, [*field_cols, roles.get("total")], roles.get("code")):
                continue  # "I. KHỐI PHƯỜNG": a block's heading inside the table, not a unit
            for position, (col, name, maximum) in enumerate(zip(field_cols, names, maxima, strict=True), 1):
                result.records.append(
                    Record(
                        unit=unit,
                        code=str(position),
                        level=1,
                        name=name,
                        max=maximum,
                        self_score=None,
                        score=self.score(row, col, excel_row, labels[col]),
                        reason=None,
                        file=self.file,
                        sheet=self.sheet,
                        row=excel_row,
                    )
                )
            self._stated(result, row, excel_row, roles, labels, unit)
        _index_as_percent(result)
        return result

    def _stated(self, result, row, excel_row, roles, labels, unit) -> None:
        """Keep the sheet's own total, rank, index and grade, to cross-check against ours."""
        if "total" in roles:
            total = self.score(row, roles["total"], excel_row, labels[roles["total"]])
            if total is not None:
                result.stated_totals[unit] = (total, excel_row)
        if "rank" in roles:
            match = re.search(r"\d+", self.text(row, roles["rank"]))
            if match:
                result.stated_ranks[unit] = (int(match.group(0)), excel_row)
        if "index" in roles:
            index = self.percent(row, roles["index"], excel_row, labels[roles["index"]])
            if index is not None:
                result.stated_index[unit] = (index, excel_row)
        if "grade" in roles and self.text(row, roles["grade"]):
            result.stated_grades[unit] = (self.text(row, roles["grade"]), excel_row)

    def _stated_averages(self, result, row, excel_row, header: Header, field_cols: list[int]) -> None:
        """A published average row ("Giá trị trung bình"): kept per column, to cross-check, never a unit."""
        roles, labels = header.roles, header.labels
        columns = {str(position): col for position, col in enumerate(field_cols, 1)}
        columns |= {role: roles[role] for role in ("total", "index") if role in roles}
        for key, col in columns.items():
            value = (
                self.percent(row, col, excel_row, labels[col])
                if key == "index"
                else self.score(row, col, excel_row, labels[col])
            )
            if value is not None:
                result.stated_averages[key] = (value, excel_row, labels[col])

    def percent(self, row: list, col: int, excel_row: int, label: str) -> float | None:
        """An index cell: 85.12, "85,12%", "85,12 %"; a cell Excel formats as % holds 0.8512 (see
        `_index_as_percent`)."""
        value = cell(row, col)
        if isinstance(value, str):
            value = value.replace("%", "").strip()
        return self.score([value], 0, excel_row, label)


# Rows under the units that are not units (and carry no STT): "Giá trị trung bình", "Tổng cộng".
_AVERAGE_ROW = re.compile(r"^(gia tri trung binh|trung binh|binh quan|diem trung binh|tb)( chung| cong)?$")
_HEADING_ROW = re.compile(r"^(khoi|nhom|cum|khu vuc)\b")


def _is_heading_row(row: list, unit: str, score_cols: list[int | None], code_col: int | None) -> bool:
    """A row naming a block ("Khối phường", "II. Nhóm xã") with no score in it."""
    if any(cell(row, c) is not None for c in score_cols if c is not None):
        return False
    kind = code_kind(cell(row, code_col)) if code_col is not None else None
    return bool(_HEADING_ROW.match(header_key(unit))) or (kind is not None and kind[0] == "roman")


def _index_as_percent(result: SheetResult) -> None:
    """An index column whose every value is at most 1 was stored as a fraction (a cell formatted as %)."""
    values = [v for v, _ in result.stated_index.values()]
    if values and max(values) <= 1.0:
        result.stated_index = {u: (round(v * 100, 4), row) for u, (v, row) in result.stated_index.items()}
        if "index" in result.stated_averages:
            value, row, label = result.stated_averages["index"]
            result.stated_averages["index"] = (round(value * 100, 4), row, label)


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    try:
        return parse_score(value) is not None
    except ScoreError:
        return False


def _levels_scheme(rows: list[list], first: int, code_col: int) -> str:
    """'roman' when fields are numbered I, II...; otherwise 'dotted' (1 / 1.1 / 1.1.1)."""
    kinds = (code_kind(cell(r, code_col)) for r in rows[first:])
    return "roman" if any(k and k[0] == "roman" for k in kinds) else "dotted"


def _level(kind: tuple[str, int], scheme: str) -> int:
    name, depth = kind
    if name == "roman":
        return 1
    if name == "letter":
        return 3
    return depth + 1 if scheme == "roman" else depth
