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

from ..core import numbers
from ..core.config import SETTINGS_FILE
from ..core.errors import ProblemLog
from ..core.text import normalise_text
from ..model import settings
from . import legacy
from .header import (
    MAX_IN_HEADER,
    RANK_LIKE,
    Header,
    HeaderProblem,
    cell,
    component_columns,
    filled,
    find_header,
    header_key,
)
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


def read_folder(
    folder: Path, problems: ProblemLog, group: str | None = None, maxima: dict[str, float] | None = None
) -> list[SheetResult]:
    """Every table in a folder's sheets; `group` (the folder's group of units, "Phong Thổ") tells a title
    line naming the parent body from one naming the unit. `maxima` are the maxima the group's settings give
    (`[maxima]`); by default those of the settings file beside the folder (its problems are clean.py's to
    report)."""
    if maxima is None:
        maxima = settings.load(Path(folder).parent / SETTINGS_FILE, ProblemLog()).maxima
    results = []
    for path in sheet_files(folder):
        results.extend(read_file(path, problems, group, maxima))
    return results


def read_file(
    path: Path, problems: ProblemLog, group: str | None = None, maxima: dict[str, float] | None = None
) -> Iterator[SheetResult]:
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
            yield from _read_tables({path.stem: rows}, path, problems, group, maxima)
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
    for result in _read_tables(tabs, path, problems, group, maxima):
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
    tabs: dict[str, list[list]],
    path: Path,
    problems: ProblemLog,
    group: str | None = None,
    maxima: dict[str, float] | None = None,
) -> Iterator[SheetResult]:
    with_data = {name: rows for name, rows in tabs.items() if any(filled(r) for r in rows)}
    if not with_data:
        problems.error("file-no-data", file=path.name)
        return
    for tab, rows in with_data.items():
        unicode_tab, unicode_stem = legacy.fix_legacy(tab)[0], legacy.fix_legacy(path.stem)[0]
        fallback = unit_from_sheet_names(unicode_tab, unicode_stem, len(tabs))
        try:
            result = SheetReader(path.name, tab, problems, maxima).read(rows, fallback, group)
        except Exception as exc:  # a shape no rule foresaw: a named error for this sheet, never a traceback
            log.debug("reading %s [%s] failed", path.name, tab, exc_info=True)
            problems.error("sheet-unreadable", file=path.name, sheet=tab, detail=f"{type(exc).__name__}: {exc}")
            continue
        if result is not None:
            yield result


# ---------------------------------------------------------------- one sheet


class SheetReader:
    """Reads one sheet's table; every problem it reports names this file and sheet."""

    def __init__(self, file: str, sheet: str, problems: ProblemLog, maxima: dict[str, float] | None = None):
        """`maxima`: maxima the settings give (settings.Settings.maxima): "total", or a column's header key."""
        self.file, self.sheet, self.problems = file, sheet, problems
        self.maxima = maxima or {}
        self.empty_scores: list[tuple[int, int, str]] = []
        self._averages: list[tuple[int, list]] = []
        self.percent_signs = False

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
        """One row per unit. Which columns are the fields is decided from the header and the values
        (README, "Tables as provinces publish them"): components with their maxima are the fields, the
        total is checked against their sum; otherwise the one score column (the total, or the index) is
        the single field, out of its printed maximum, the settings' maximum, or 100 (the decree's scale)
        when every value is at most 100."""
        result = SheetResult("summary", self.file, self.sheet)
        roles, labels = dict(header.roles), header.labels
        first = header.first_row
        maxima_row = None
        if first < len(rows) and header_key(self.text(rows[first], roles["unit"])) in {"diem toi da", "diem chuan"}:
            maxima_row, first = (rows[first], first + 1), first + 1
        units = self._unit_rows(rows, first, header)
        if not units:
            return result
        before, after = component_columns(header)
        columns = _SummaryColumns(self, header, roles, units)
        scored = {c for c in before + after if MAX_IN_HEADER.match(labels[c])}  # with a maximum: scores, always
        scored |= {c for c in before + after if maxima_row is not None and cell(maxima_row[0], c) is not None}
        before, after = columns.usable(before, scored), columns.usable(after, scored)
        if "rank" not in roles:
            columns.take_rank(before + after)
            before = [c for c in before if c != roles.get("rank")]
            after = [c for c in after if c != roles.get("rank")]
        components = before or columns.parts_of_total(after)
        if components:
            maxima = {c: self._component_max(c, labels[c], maxima_row) for c in components}
            if all(m is not None for m in maxima.values()):
                return self._summary_fields(result, header, roles, units, components, maxima)
        score_col = roles.get("total")
        as_index = False
        if score_col is None and not components and "index" in roles:
            score_col, as_index = roles.pop("index"), True  # "Chỉ số CCHC" alone: the index is the score
        if score_col is None:
            if len(components) == 1:
                score_col = components[0]
            else:
                for col in components or [roles["unit"]]:
                    if col in components and maxima[col] is None:
                        self.error("field-no-max", first, labels[col])
                if not components:
                    self.error("no-score-column", header.start + 1, labels[roles["unit"]])
                return result
        elif components:
            self.problems.warn(
                "components-no-max",
                file=self.file,
                sheet=self.sheet,
                columns=", ".join(f"'{labels[c]}'" for c in components),
                total=labels[score_col],
            )
        if columns.are_ranks(score_col):
            self.error("values-are-ranks", header.start + 1, labels[score_col])
            return result
        return self._summary_single(result, header, roles, units, score_col, as_index, components, maxima_row)

    def _unit_rows(self, rows: list[list], first: int, header: Header) -> list[tuple[int, list, str]]:
        """(row index, row, unit as written) of each unit; blank rows are skipped, block headings, average
        and total rows are not units, and the table ends at a row with no unit or at one with a name but
        neither a number nor a score (notes, signatures)."""
        roles = header.roles
        value_cols = [c for c in range(len(header.labels)) if c not in (roles["unit"], roles.get("code"))]
        units = []
        self._averages: list[tuple[int, list]] = []
        for index in range(first, len(rows)):
            row = rows[index]
            if not filled(row):
                continue
            unit = self.text(row, roles["unit"])
            if not unit:
                if units:
                    break
                continue
            numbered = cell(row, roles.get("code")) is not None
            key = header_key(unit)
            if _AVERAGE_ROW.match(key) and not numbered:
                self._averages.append((index, row))
                continue
            if _TOTAL_ROW.match(key) and not numbered:
                continue  # a "Tổng cộng" row under the units: sums, not a unit
            if _is_heading_row(row, unit, value_cols, roles.get("code")):
                continue  # "I. KHỐI PHƯỜNG": a block's heading inside the table, not a unit
            if not numbered and not any(_is_number(cell(row, c)) for c in value_cols):
                if units:
                    break  # "TM. HỘI ĐỒNG THẨM ĐỊNH", "Người lập biểu": the table is over
                continue
            units.append((index, row, unit))
        return units

    def _component_max(self, col: int, label: str, maxima_row: tuple[list, int] | None) -> float | None:
        match = MAX_IN_HEADER.match(label)
        if match:
            return self._positive_max(parse_score(match.group("max")), None, label)
        if maxima_row is not None:
            row, excel_row = maxima_row
            return self._positive_max(self.score(row, col, excel_row, label), excel_row, label)
        return self.maxima.get(header_key(label))

    def _positive_max(self, value: float | None, excel_row: int | None, label: str) -> float | None:
        if value is not None and value <= 0:
            self.error("max-zero", excel_row, label, value)
            return None
        return value

    def _summary_fields(self, result, header, roles, units, components, maxima) -> SheetResult:
        """Components with maxima: each is a field; the total column is the sheet's, to cross-check."""
        labels = header.labels
        names = [(MAX_IN_HEADER.match(labels[c]) or _NO_MAX).group("name") or labels[c] for c in components]
        for index, row, unit in units:
            excel_row = index + 1
            for position, (col, name) in enumerate(zip(components, names, strict=True), 1):
                if cell(row, col) is None:
                    self.empty_scores.append((excel_row, col, labels[col]))
                result.records.append(
                    self._summary_record(unit, position, name, maxima[col], None, row, col, excel_row, labels[col])
                )
            self._stated(result, row, excel_row, roles, labels, unit)
        self._read_averages(result, header, roles, dict(enumerate(components, 1)))
        _index_as_percent(result, self.percent_signs)
        return result

    def _summary_single(self, result, header, roles, units, score_col, as_index, components, maxima_row):
        """The one score column is the single field; its maximum printed, per row, set, or 100."""
        labels, label = header.labels, header.labels[score_col]
        in_percent = any(isinstance(cell(row, score_col), str) and "%" in cell(row, score_col) for _, row, _ in units)
        as_index = as_index or in_percent  # "88,33%": an index, out of 100
        values = {}
        for index, row, _ in units:
            read = self.percent if as_index else self.score
            values[index] = read(row, score_col, index + 1, label)
        fraction = not self.percent_signs and max((v for v in values.values() if v is not None), default=2) <= 1
        if as_index and values and fraction:
            values = {i: None if v is None else numbers.ratio(v, 1, 100, 4) for i, v in values.items()}
        maximum = 100.0 if in_percent and not MAX_IN_HEADER.match(label) else None
        if "max" not in roles and maximum is None:
            maximum = self._total_max(label, maxima_row, score_col, values, units)
            if maximum is None:
                return result
        name = (MAX_IN_HEADER.match(label) or _NO_MAX).group("name") or label
        for index, row, unit in units:
            excel_row = index + 1
            if cell(row, score_col) is None:
                self.empty_scores.append((excel_row, score_col, label))
            row_max, reduced = maximum, None
            if "max" in roles:
                row_max, reduced = self._row_max(row, excel_row, roles, labels)
            record = self._summary_record(unit, 1, name, row_max, values[index], row, None, excel_row, label)
            record.max_applicable = reduced
            result.records.append(record)
            self._check_parts(row, excel_row, components, values[index], unit, labels)
            stated_roles = {k: v for k, v in roles.items() if k != "total" or v != score_col}
            self._stated(result, row, excel_row, stated_roles, labels, unit)
        self._read_averages(result, header, roles, {} if score_col == roles.get("total") else {1: score_col})
        _index_as_percent(result, self.percent_signs)
        return result

    def _total_max(self, label, maxima_row, col, values, units) -> float | None:
        """The single score column's maximum: in its header, in the maxima row, in the settings, else 100
        when no value is above it (an index out of 100, with a warning); an error otherwise."""
        match = MAX_IN_HEADER.match(label)
        if match:
            return self._positive_max(parse_score(match.group("max")), None, label)
        if maxima_row is not None and cell(maxima_row[0], col) is not None:
            row, excel_row = maxima_row
            return self._positive_max(self.score(row, col, excel_row, label), excel_row, label)
        if "total" in self.maxima:
            return self.maxima["total"]
        known = [(v, i) for i, v in values.items() if v is not None]
        if not known:
            self.error("score-column-empty", units[0][0] + 1, label)
            return None
        largest, at = max(known)
        if largest > 100:
            self.error("total-no-max", at + 1, label, largest)
            return None
        self.problems.warn("max-assumed-100", file=self.file, sheet=self.sheet, column=label)
        return 100.0

    def _row_max(self, row, excel_row, roles, labels) -> tuple[float | None, float | None]:
        """A maximum printed on each row, and the unit's reduced maximum: printed, or the maximum less the
        points that do not apply to it (không đưa vào đánh giá)."""
        maximum = self._positive_max(
            self.score(row, roles["max"], excel_row, labels[roles["max"]]), excel_row, labels[roles["max"]]
        )
        reduced = None
        if "reduced" in roles:
            reduced = self.score(row, roles["reduced"], excel_row, labels[roles["reduced"]])
        elif "excluded" in roles and maximum is not None:
            excluded = self.score(row, roles["excluded"], excel_row, labels[roles["excluded"]])
            reduced = None if excluded is None else numbers.half_up(numbers.exact(maximum) - numbers.exact(excluded), 4)
        if reduced is not None and maximum is not None and not 0 < reduced <= maximum:
            self.error("reduced-max-invalid", excel_row, labels[roles.get("reduced", roles.get("excluded"))], reduced)
            reduced = None
        return maximum, reduced

    def _check_parts(self, row, excel_row, components, total, unit, labels) -> None:
        """Components read without maxima: their sum is checked against the total the field holds."""
        if not components or total is None:
            return
        parts = [self.score(row, c, excel_row, labels[c]) for c in components]
        if any(p is None for p in parts):
            return
        if abs(sum(parts) - total) > _PARTS_TOLERANCE:
            self.problems.warn(
                "parts-differ",
                file=self.file,
                sheet=self.sheet,
                row=excel_row,
                unit=unit,
                parts=numbers.half_up(numbers.exact_sum(parts), 3),
                total=total,
            )

    def _summary_record(self, unit, position, name, maximum, score, row, col, excel_row, label) -> Record:
        return Record(
            unit=unit,
            code=str(position),
            level=1,
            name=name,
            max=maximum,
            self_score=None,
            score=score if col is None else self.score(row, col, excel_row, label),
            reason=None,
            file=self.file,
            sheet=self.sheet,
            row=excel_row,
        )

    def _read_averages(self, result, header, roles, field_cols: dict[int, int]) -> None:
        for index, row in self._averages:
            self._stated_averages(result, row, index + 1, header, roles, field_cols)

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

    def _stated_averages(self, result, row, excel_row, header: Header, roles, field_cols: dict[int, int]) -> None:
        """A published average row ("Giá trị trung bình"): kept per column, to cross-check, never a unit."""
        labels = header.labels
        columns = {str(position): col for position, col in field_cols.items()}
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
        if isinstance(value, str) and "%" in value:
            value = value.replace("%", "").strip()
            self.percent_signs = True  # "1,00%" is 1%, never a fraction
        return self.score([value], 0, excel_row, label)


_NO_MAX = re.match(r"(?P<name>)", "")  # a header without "(max)": its name is the whole label
_PARTS_TOLERANCE = 0.01 + 1e-9  # published parts may add up to their total ±0,01 (README)
_MIN_RANKS = 5  # values 1, 2, … N in row order, N at least this: a rank, never a score


class _SummaryColumns:
    """What a summary table's unlabelled-role columns hold, judged on the values of its unit rows."""

    def __init__(self, reader: SheetReader, header: Header, roles: dict[str, int], units: list):
        self.reader, self.labels, self.roles, self.units = reader, header.labels, roles, units

    def values(self, col: int) -> list[object]:
        return [cell(row, col) for _, row, _ in self.units]

    def usable(self, cols: list[int], scored: set[int]) -> list[int]:
        """The columns that hold scores: an empty column, or one of text only, is left out with a warning,
        unless it has a maximum (`scored`): then its cells are scores, and text in them an error."""
        kept = []
        for col in cols:
            values = [v for v in self.values(col) if v is not None]
            if col in scored:
                kept.append(col)
                continue
            where = dict(file=self.reader.file, sheet=self.reader.sheet, column=self.labels[col])
            if not values:
                self.reader.problems.warn("column-empty", **where)
            elif not any(_is_number(v) for v in values):
                self.reader.problems.warn("column-not-scores", **where, value=values[0])
            else:
                kept.append(col)
        return kept

    def integers(self, col: int) -> list[int] | None:
        """The column's values as whole numbers, or None when one is not."""
        out = []
        for value in self.values(col):
            try:
                number = parse_score(value)
            except ScoreError:
                return None
            if number is None or not float(number).is_integer():
                return None
            out.append(int(number))
        return out

    def are_ranks(self, col: int) -> bool:
        """Whether the column holds exactly 1, 2, … N in row order (N >= 5): ranks, not scores."""
        values = self.integers(col)
        return values is not None and len(values) >= _MIN_RANKS and values == list(range(1, len(values) + 1))

    def take_rank(self, cols: list[int]) -> None:
        """A column headed like a rank ("Vị trí xếp hạng") whose values rank the units (1 … N) is the rank."""
        for col in cols:
            values = self.integers(col)
            if (
                RANK_LIKE.search(header_key(self.labels[col]))
                and values
                and min(values) == 1
                and max(values) <= len(values)
            ):
                self.roles["rank"] = col
                return

    def parts_of_total(self, cols: list[int]) -> list[int]:
        """Columns after the total are its components when there are two or more and they add up to it on
        most rows ("Tổng điểm", "Điểm đánh giá trực tiếp", "Điểm điều tra XHH"); otherwise they are other
        figures (last year's, a change), left out with a warning."""
        if not cols:
            return []
        agree = checked = 0
        for _, row, _ in self.units:
            try:
                total = parse_score(cell(row, self.roles["total"]))
                parts = [parse_score(cell(row, c)) for c in cols]
            except ScoreError:
                continue
            if total is None or any(p is None for p in parts):
                continue
            checked += 1
            agree += abs(sum(parts) - total) <= _PARTS_TOLERANCE
        if len(cols) >= 2 and checked and agree * 2 >= checked:
            return cols
        self.reader.problems.warn(
            "columns-ignored",
            file=self.reader.file,
            sheet=self.reader.sheet,
            columns=", ".join(f"'{self.labels[c]}'" for c in cols),
            total=self.labels[self.roles["total"]],
        )
        return []


# Rows under the units that are not units (and carry no STT): "Giá trị trung bình", "Tổng cộng".
_AVERAGE_ROW = re.compile(r"^(gia tri trung binh|trung binh|binh quan|diem trung binh|tb)( chung| cong)?$")
_HEADING_ROW = re.compile(r"^(khoi|nhom|cum|khu vuc)\b")


def _is_heading_row(row: list, unit: str, score_cols: list[int | None], code_col: int | None) -> bool:
    """A row naming a block ("Khối phường", "II. Nhóm xã") with no score in it."""
    if any(cell(row, c) is not None for c in score_cols if c is not None):
        return False
    kind = code_kind(cell(row, code_col)) if code_col is not None else None
    return bool(_HEADING_ROW.match(header_key(unit))) or (kind is not None and kind[0] == "roman")


def _index_as_percent(result: SheetResult, signed: bool = False) -> None:
    """An index column whose every value is at most 1 was stored as a fraction (a cell formatted as %),
    unless its cells are text with a "%" sign ("1,00%")."""
    values = [v for v, _ in result.stated_index.values()]
    if values and max(values) <= 1.0 and not signed:
        result.stated_index = {u: (numbers.ratio(v, 1, 100, 4), row) for u, (v, row) in result.stated_index.items()}
        if "index" in result.stated_averages:
            value, row, label = result.stated_averages["index"]
            result.stated_averages["index"] = (numbers.ratio(value, 1, 100, 4), row, label)


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        value = value.strip().removesuffix("%")  # "85,42%"
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
