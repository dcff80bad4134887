"""Find raw score sheets, detect their layout and header, and yield their rows with provenance.

Two layouts are detected, never configured (shared domain brief, "What raw score sheets look like"):
- detail: one unit per file or per tab; rows are fields, criteria and sub-criteria with a maximum,
  a self-assessed and an appraised score and a reason;
- summary: one row per unit, one column per field, maxima in the header "(15)" or in a
  "Điểm tối đa" row.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from .errors import ProblemLog
from .names import normalise_text, slugify, strip_diacritics
from .parse import code_kind, parse_score

log = logging.getLogger(__name__)

SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
HEADER_SCAN_ROWS = 30

# Header wordings seen in real sheets, compared without diacritics, case or punctuation.
ROLE_WORDINGS = {
    "code": ["stt", "tt", "ma", "so tt", "ma so"],
    "name": ["linh vuc tieu chi tieu chi thanh phan", "linh vuc tieu chi", "noi dung", "tieu chi danh gia",
             "tieu chi", "ten tieu chi", "noi dung tieu chi"],
    "max": ["diem toi da", "diem chuan", "thang diem", "diem toi da duoc cham"],
    "self": ["diem tu danh gia", "tu cham", "diem tu cham", "tu danh gia", "diem tu cham cua don vi"],
    "score": ["diem tham dinh", "ket qua tham dinh", "diem dat", "tham dinh", "diem hoi dong tham dinh"],
    "reason": ["ly do tru diem", "ghi chu", "nhan xet cua hoi dong", "nhan xet", "giai trinh", "ly do"],
    "evidence": ["tai lieu kiem chung"],
    "unit": ["don vi", "ten don vi", "xa thi tran", "don vi hanh chinh", "ten xa thi tran", "ten xa"],
    "total": ["tong diem", "tong cong", "tong", "tong so diem", "tong diem dat", "chi so cchc"],
    "rank": ["xep hang", "thu hang", "xep thu"],
}
_TOTAL_ROW = re.compile(r"^(tong cong|tong diem|tong so|tong)\b")
_UNIT_TITLE = re.compile(
    r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(xã|phường|thị trấn|đặc khu)\s+(.+)$", re.IGNORECASE
)
_MAX_IN_HEADER = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<max>\d+(?:[.,]\d+)?)\s*(?:điểm|đ)?\s*\)\s*$")
_GENERIC_TAB = re.compile(r"^(sheet|trang tính|bảng điểm|tổng hợp)\s*\d*$", re.IGNORECASE)


@dataclass(frozen=True)
class DistrictYear:
    district: str  # display name, from the folder name
    year: int
    folder: Path

    @property
    def slug(self) -> str:
        return slugify(self.district)


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


@dataclass
class SheetResult:
    layout: str
    records: list[Record] = field(default_factory=list)
    stated_totals: dict[str, tuple[float, int]] = field(default_factory=dict)  # unit -> (total, row)


def plain(text: object) -> str:
    """Header cell as a comparable key: no diacritics, lower case, punctuation as spaces."""
    ascii_text = strip_diacritics(normalise_text(str(text))).lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def discover(raw_dir: Path) -> list[DistrictYear]:
    """Every data/raw/<district>/<year>/ folder that holds at least one file, sorted."""
    found = []
    for district_dir in sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for year_dir in sorted(p for p in district_dir.iterdir() if p.is_dir()):
            if re.fullmatch(r"\d{4}", year_dir.name) and any(sheet_files(year_dir)):
                found.append(DistrictYear(normalise_text(district_dir.name), int(year_dir.name), year_dir))
    return found


def sheet_files(folder: Path) -> list[Path]:
    """Spreadsheets in a folder, skipping Office lock files and hidden files."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith(("~$", "."))
    )


def read_folder(folder: Path, problems: ProblemLog) -> list[SheetResult]:
    results = []
    for path in sheet_files(folder):
        results.extend(read_workbook(path, problems))
    return results


def read_workbook(path: Path, problems: ProblemLog) -> Iterator[SheetResult]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # the reader's own exception types vary by format
        problems.error(f"the file cannot be read as a spreadsheet ({exc})", file=path.name)
        return
    sheet_names = workbook.sheet_names
    for sheet_name in sheet_names:
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        if not any(_filled(row) for row in rows):
            continue
        fallback_name = sheet_name if len(sheet_names) > 1 and not _GENERIC_TAB.match(sheet_name) else path.stem
        result = read_sheet(rows, path.name, sheet_name, fallback_name, problems)
        if result is not None:
            yield result


def _filled(row: list) -> bool:
    return any(str(v).strip() for v in row if v is not None)


def _cell(row: list, col: int | None) -> object:
    if col is None or col >= len(row):
        return None
    value = row[col]
    return None if isinstance(value, str) and not value.strip() else value


def _text(row: list, col: int | None) -> str:
    value = _cell(row, col)
    return "" if value is None else normalise_text(str(value))


def _roles(labels: list[str]) -> dict[str, int]:
    """Map header labels to roles; the first column matching a role wins."""
    roles: dict[str, int] = {}
    for col, label in enumerate(labels):
        key = plain(_MAX_IN_HEADER.sub(r"\g<name>", label) if label else "")
        for role, wordings in ROLE_WORDINGS.items():
            if role not in roles and key and (key in wordings or any(key.startswith(w + " ") for w in wordings
                                                                       if role in {"total", "unit"})):
                roles[role] = col
                break
    return roles


def _header_labels(rows: list[list], start: int, height: int) -> list[str]:
    """Labels of a one- or two-row header; in two rows the lower label wins (merged cells above)."""
    width = max(len(r) for r in rows[start:start + height])
    labels = []
    for col in range(width):
        texts = [_text(rows[r], col) for r in range(start, start + height)]
        labels.append(next((t for t in reversed(texts) if t), ""))
    return labels


def find_header(rows: list[list]) -> tuple[str, int, int, dict[str, int], list[str]] | None:
    """(layout, first header row, header height, roles, labels) or None when no header is found."""
    for start in range(min(HEADER_SCAN_ROWS, len(rows))):
        if not _filled(rows[start]):
            continue
        for height in (1, 2):
            if start + height > len(rows):
                continue
            labels = _header_labels(rows, start, height)
            roles = _roles(labels)
            if {"max", "score"} <= roles.keys() and "name" in roles:
                return "detail", start, height, roles, labels
            if "unit" in roles and "max" not in roles and "score" not in roles:
                field_cols = _summary_field_columns(roles, labels)
                if len(field_cols) >= 2:
                    return "summary", start, height, roles, labels
    return None


def read_sheet(rows: list[list], file: str, sheet: str, fallback_name: str,
               problems: ProblemLog) -> SheetResult | None:
    header = find_header(rows)
    if header is None:
        problems.error(
            f"no recognisable header in the first {HEADER_SCAN_ROWS} rows: a detail sheet needs columns "
            "like 'Điểm tối đa' and 'Điểm thẩm định', a summary sheet a column 'Đơn vị' and one per field",
            file=file, sheet=sheet,
        )
        return None
    layout, start, height, roles, labels = header
    if layout == "detail":
        unit = _unit_from_title(rows[:start]) or normalise_text(fallback_name)
        return _read_detail(rows, start + height, roles, labels, unit, file, sheet, problems)
    return _read_summary(rows, start + height, roles, labels, file, sheet, problems)


def _unit_from_title(title_rows: list[list]) -> str | None:
    for row in title_rows:
        for value in row:
            if value is None:
                continue
            match = _UNIT_TITLE.match(normalise_text(str(value)))
            if match:
                return f"{match.group(1)} {match.group(2)}"
    return None


# ---------------------------------------------------------------- detail layout


def _levels_scheme(rows: list[list], first: int, code_col: int) -> str:
    """'roman' when fields are numbered I, II...; otherwise 'dotted' (1 / 1.1 / 1.1.1)."""
    kinds = (code_kind(_cell(r, code_col)) for r in rows[first:])
    return "roman" if any(k and k[0] == "roman" for k in kinds) else "dotted"


def _level(kind: tuple[str, int], scheme: str) -> int:
    name, depth = kind
    if name == "roman":
        return 1
    if name == "letter":
        return 3
    return depth + 1 if scheme == "roman" else depth


def _read_detail(rows, first, roles, labels, unit, file, sheet, problems) -> SheetResult:
    result = SheetResult("detail")
    scheme = _levels_scheme(rows, first, roles.get("code", 0))
    counters = [0, 0, 0]
    for index in range(first, len(rows)):
        row, excel_row = rows[index], index + 1
        if not _filled(row):
            continue
        name = _text(row, roles["name"])
        kind = code_kind(_cell(row, roles.get("code")))
        if kind is None:
            if _TOTAL_ROW.match(plain(name)):
                total = _score(row, roles, "score", file, sheet, excel_row, labels, problems)
                if total is not None:
                    result.stated_totals[unit] = (total, excel_row)
                break  # notes and signature blocks follow the total row
            continue
        level = _level(kind, scheme)
        if level > 3 or (level > 1 and counters[0] == 0) or (level == 3 and counters[1] == 0):
            problems.error("code out of place: a criterion must sit under a field, a sub-criterion under "
                           "a criterion", file=file, sheet=sheet, row=excel_row, column="code",
                           value=_cell(row, roles.get("code")))
            continue
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        result.records.append(Record(
            unit=unit,
            code=".".join(str(n) for n in counters[:level]),
            level=level,
            name=name,
            max=_score(row, roles, "max", file, sheet, excel_row, labels, problems),
            self_score=_score(row, roles, "self", file, sheet, excel_row, labels, problems),
            score=_score(row, roles, "score", file, sheet, excel_row, labels, problems),
            reason=_text(row, roles.get("reason")) or None,
            file=file, sheet=sheet, row=excel_row,
        ))
    return result


def _score(row, roles, role, file, sheet, excel_row, labels, problems) -> float | None:
    col = roles.get(role)
    if col is None:
        return None
    value = _cell(row, col)
    try:
        return parse_score(value)
    except ValueError as exc:
        column = labels[col] if labels and labels[col] else role
        problems.error(str(exc), file=file, sheet=sheet, row=excel_row, column=column, value=value)
        return None


# ---------------------------------------------------------------- summary layout


def _summary_field_columns(roles: dict[str, int], labels: list[str]) -> list[int]:
    taken = set(roles.values())
    start = roles["unit"] + 1
    end = roles.get("total", len(labels))
    return [c for c in range(start, end) if c not in taken and labels[c]]


def _read_summary(rows, first, roles, labels, file, sheet, problems) -> SheetResult:
    result = SheetResult("summary")
    field_cols = _summary_field_columns(roles, labels)
    names, maxima = [], []
    for col in field_cols:
        match = _MAX_IN_HEADER.match(labels[col])
        names.append(match.group("name") if match else labels[col])
        maxima.append(parse_score(match.group("max")) if match else None)
    if first < len(rows) and plain(_text(rows[first], roles["unit"])) in {"diem toi da", "diem chuan"}:
        maxima = [_score(rows[first], {"max": c}, "max", file, sheet, first + 1, labels, problems)
                  for c in field_cols]
        first += 1
    for col, maximum in zip(field_cols, maxima, strict=True):
        if maximum is None:
            problems.error("no maximum for this field: write it in the header, e.g. 'Cải cách thể chế (10)', "
                           "or in a row 'Điểm tối đa' under the header",
                           file=file, sheet=sheet, row=first, column=labels[col])
    for index in range(first, len(rows)):
        row, excel_row = rows[index], index + 1
        unit = _text(row, roles["unit"])
        if not unit:
            if result.records:
                break  # the table ends at the first row without a unit
            continue
        for position, (col, name, maximum) in enumerate(zip(field_cols, names, maxima, strict=True), 1):
            result.records.append(Record(
                unit=unit, code=str(position), level=1, name=name, max=maximum, self_score=None,
                score=_score(row, {"score": col}, "score", file, sheet, excel_row, labels, problems),
                reason=None, file=file, sheet=sheet, row=excel_row,
            ))
        if "total" in roles:
            total = _score(row, roles, "total", file, sheet, excel_row, labels, problems)
            if total is not None:
                result.stated_totals[unit] = (total, excel_row)
    return result


def find(raw_dir: Path, district: str, year: int) -> DistrictYear | None:
    """The raw folder of one district-year, naming the district by display name or slug."""
    wanted = slugify(district)
    for dy in discover(raw_dir):
        if dy.slug == wanted and dy.year == year:
            return dy
    return None
