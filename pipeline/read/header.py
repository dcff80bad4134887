"""Where a sheet's table starts, and what each column holds.

Two layouts are detected from the header, never configured:
- detail: one unit per file or per tab; rows are fields, criteria and sub-criteria with a maximum,
  a self-assessed and an appraised score and a reason;
- summary: one row per unit, one column per field, maxima in the header "(15)" or in a
  "Điểm tối đa" row, maybe a total and a rank column.
Header wordings are compared without diacritics, case or punctuation (`header_key`).

Summary tables as provinces publish them are read as they come: the unit column may be headed by
the kind of unit ("HUYỆN, THỊ XÃ, THÀNH PHỐ", "Sở, ban, ngành", "Địa phương"); in a table with a unit
column every column between it and the total is a field, even one named like a detail-sheet role
("Điểm thẩm định (65)", "Điểm điều tra xã hội học (35)", "ĐTXHH", "SIPAS"); an index column in %
("Chỉ số CCHC", "PAR INDEX"), a grade column ("Xếp loại", "KQ đánh giá"), a self-assessment column and
notes are roles of their own, cross-checked or left out, never fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.text import normalise_text, strip_diacritics

HEADER_SCAN_ROWS = 30

# Header wordings seen in real sheets, compared without diacritics, case or punctuation.
ROLE_WORDINGS = {
    "code": ["stt", "tt", "ma", "so tt", "ma so"],
    "name": [
        "linh vuc tieu chi tieu chi thanh phan",
        "linh vuc tieu chi",
        "noi dung",
        "tieu chi danh gia",
        "tieu chi",
        "ten tieu chi",
        "noi dung tieu chi",
        "linh vuc noi dung tieu chi",
    ],
    "max": ["diem toi da", "diem chuan", "thang diem", "diem toi da duoc cham", "so diem toi da"],
    "self": ["diem tu danh gia", "tu cham", "diem tu cham", "tu danh gia", "diem tu cham cua don vi"],
    "score": [
        "diem tham dinh",
        "ket qua tham dinh",
        "diem dat",
        "tham dinh",
        "diem hoi dong tham dinh",
        "diem thuc te",
    ],
    "reason": ["ly do tru diem", "ghi chu", "nhan xet cua hoi dong", "nhan xet", "giai trinh", "ly do"],
    "evidence": ["tai lieu kiem chung"],
    "unit": [
        "don vi",
        "ten don vi",
        "xa thi tran",
        "don vi hanh chinh",
        "ten xa thi tran",
        "ten xa",
        "xa phuong thi tran",
        "ten co quan don vi",
        "co quan don vi",
        "ten co quan",
        "dia phuong",
        "ten dia phuong",
        "don vi dia phuong",
    ],
    "total": ["tong diem", "tong cong", "tong", "tong so diem", "tong diem dat", "tong diem tham dinh"],
    "rank": ["xep hang", "thu hang", "xep thu", "thu tu xep hang"],
}
# Roles only a summary table has; in one, other labelled columns after the unit column are fields.
SUMMARY_WORDINGS = {
    "index": ["chi so cchc", "chi so", "par index", "chi so cai cach hanh chinh", "ty le", "ty le dat", "chi so par"],
    "grade": ["xep loai", "kq danh gia", "ket qua danh gia", "ket qua xep loai", "phan loai", "muc xep loai"],
    "self": ["diem tu danh gia", "tu cham", "diem tu cham", "tu danh gia", "tong diem tu danh gia"],
    "note": ["ghi chu", "nhan xet", "ly do tru diem"],
}
_PREFIX_ROLES = {"total", "unit", "rank", "index", "grade", "self"}  # "Tổng điểm (100)", "Xếp hạng năm 2023"
# A unit column headed by the kinds of unit it lists: "HUYỆN, THỊ XÃ, THÀNH PHỐ", "Sở, ban, ngành".
_UNIT_KINDS_LABEL = re.compile(
    r"^(?:ten |cac )?(?:(?:xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|so|ban|nganh|don vi)(?: |$))+$"
)
_UNIT_KIND = re.compile(r"xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|so|ban|nganh|don vi")
_SINGLE_KINDS = {"xa", "phuong", "huyen"}  # alone, "Số" (number) or "Ban" would be ambiguous
_SUMMARY_ROLES = ("code", "unit", "total", "rank")


def _is_unit_kinds_label(key: str) -> bool:
    if not _UNIT_KINDS_LABEL.match(key):
        return False
    kinds = _UNIT_KIND.findall(re.sub(r"^(ten|cac) ", "", key))
    return len(kinds) >= 2 or (len(kinds) == 1 and kinds[0] in _SINGLE_KINDS)


MAX_IN_HEADER = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<max>\d+(?:[.,]\d+)?)\s*(?:điểm|đ)?\s*\)\s*$")


@dataclass(frozen=True)
class Header:
    """A table's header: its layout, first row (0-based), height in rows, column of each role, labels."""

    layout: str  # "detail" or "summary"
    start: int
    height: int
    roles: dict[str, int]
    labels: list[str]

    @property
    def first_row(self) -> int:
        """Index of the first row under the header."""
        return self.start + self.height


@dataclass(frozen=True)
class HeaderProblem:
    """Why no header was found: a rule of errors.RULES and its parameters."""

    rule: str
    params: dict


def header_key(text: object) -> str:
    """Header cell as a comparable key: no diacritics, lower case, punctuation as spaces."""
    ascii_text = strip_diacritics(normalise_text(str(text))).lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def cell(row: list, col: int | None) -> object:
    if col is None or col >= len(row):
        return None
    value = row[col]
    return None if isinstance(value, str) and not value.strip() else value


def filled(row: list) -> bool:
    return any(str(v).strip() for v in row if v is not None)


def _label_key(label: str) -> str:
    return header_key(MAX_IN_HEADER.sub(r"\g<name>", label) if label else "")


def _matches(role: str, key: str, wordings: list[str]) -> bool:
    if key in wordings:
        return True
    if role == "index" and "par index" in key:  # "Chỉ số CCHC - PAR INDEX"
        return True
    return role in _PREFIX_ROLES and any(key.startswith(w + " ") for w in wordings)


def _roles(labels: list[str]) -> dict[str, int]:
    """Map header labels to roles; the first column matching a role wins."""
    roles: dict[str, int] = {}
    for col, label in enumerate(labels):
        key = _label_key(label)
        if not key:
            continue
        for role, wordings in ROLE_WORDINGS.items():
            if role not in roles and _matches(role, key, wordings):
                roles[role] = col
                break
    return roles


def summary_roles(labels: list[str]) -> dict[str, int]:
    """Roles of a summary table: the unit column (also when headed by the kinds of unit), code, total,
    rank, index, grade, self-assessment, notes. Detail-sheet roles are not looked for: a column named
    like one ("Điểm thẩm định (65)") is a field here."""
    wordings = {role: ROLE_WORDINGS[role] for role in _SUMMARY_ROLES} | SUMMARY_WORDINGS
    roles: dict[str, int] = {}
    for col, label in enumerate(labels):
        key = _label_key(label)
        if not key:
            continue
        if "unit" not in roles and _is_unit_kinds_label(key):
            roles["unit"] = col
            continue
        for role, words in wordings.items():
            if role not in roles and _matches(role, key, words):
                roles[role] = col
                break
    return roles


def _header_labels(rows: list[list], start: int, height: int) -> list[str]:
    """Labels of a one- or two-row header; in two rows the lower label wins (merged cells above)."""
    width = max(len(r) for r in rows[start : start + height])
    labels = []
    for col in range(width):
        texts = [normalise_text(str(cell(rows[r], col) or "")) for r in range(start, start + height)]
        labels.append(next((t for t in reversed(texts) if t), ""))
    return labels


def find_header(rows: list[list]) -> Header | HeaderProblem:
    """The first header in the sheet's first rows, or why none was found."""
    near_miss = None
    for start in range(min(HEADER_SCAN_ROWS, len(rows))):
        if not filled(rows[start]):
            continue
        for height in (1, 2):
            if start + height > len(rows):
                continue
            labels = _header_labels(rows, start, height)
            roles = _roles(labels)
            if {"max", "score", "name"} <= roles.keys():
                return Header("detail", start, height, roles, labels)
            summary = summary_roles(labels)
            if "unit" in summary and "max" not in roles and len(summary_field_columns(summary, labels)) >= 2:
                return Header("summary", start, height, summary, labels)
            near_miss = near_miss or _near_miss(roles, start + 1)
    return near_miss or HeaderProblem("header-missing", {"rows": HEADER_SCAN_ROWS})


def _near_miss(roles: dict[str, int], excel_row: int) -> HeaderProblem | None:
    """A header with the name column and one score column but not the other: say which is missing."""
    if "name" not in roles or not {"max", "score", "self"} & roles.keys():
        return None
    if "max" not in roles:
        return HeaderProblem("header-no-max", {"header_row": excel_row})
    if "score" not in roles:
        return HeaderProblem("header-no-score", {"header_row": excel_row})
    return None


def summary_field_columns(roles: dict[str, int], labels: list[str]) -> list[int]:
    taken = set(roles.values())
    start = roles["unit"] + 1
    end = roles.get("total", len(labels))
    return [c for c in range(start, end) if c not in taken and labels[c]]
