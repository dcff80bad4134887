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

from ..core.text import header_key, normalise_text, strip_diacritics
from ..model.units import KIND_ORDER

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
# Roles only a summary table has; in one, other labelled columns after the unit column are its components
# (fields). The wordings provinces publish with (README, "Tables as provinces publish them"); the roles
# code, unit, total and rank extend ROLE_WORDINGS'.
SUMMARY_WORDINGS = {
    "code": ["so tt", "so thu tu"],
    "unit": [
        "ten don vi",
        "don vi",
        "ten co quan don vi",
        "co quan don vi",
        "dia phuong",
        "so ban nganh",
        "vung",
        "ten co quan",
    ],
    "total": [
        "tong diem",
        "diem danh gia",
        "diem dat duoc",
        "ket qua",
        "diem",
        "diem chi so cchc",
        "tong diem danh gia",
        "diem so",
        "so diem",
        "so diem dat duoc",
        "so diem thuc hien",
        "diem thuc hien",
        "gia tri",
        "gia tri trung binh",
    ],
    "rank": ["xep hang", "vi thu", "thu hang", "thu tu xep hang", "hang", "xep vi tri", "vi tri xep hang", "vi tri"],
    "index": [
        "chi so cchc",
        "chi so",
        "par index",
        "chi so cai cach hanh chinh",
        "ty le",
        "ty le dat",
        "chi so par",
        "ty le thuc hien",
        "ty le diem",
    ],
    "grade": ["xep loai", "kq danh gia", "ket qua danh gia", "ket qua xep loai", "phan loai", "muc xep loai"],
    "self": ["diem tu danh gia", "tu cham", "diem tu cham", "tu danh gia", "tong diem tu danh gia"],
    "note": ["ghi chu", "nhan xet", "ly do tru diem"],
    # a maximum printed per row, the points that do not apply (không đưa vào đánh giá), the reduced maximum,
    # and the score converted back to the full scale (Thừa Thiên Huế 2020, README)
    "max": ["diem toi da", "so diem toi da", "diem chuan", "thang diem"],
    "excluded": [
        "so diem khong dua vao danh gia",
        "diem khong dua vao danh gia",
        "so diem khong ap dung",
        "diem khong ap dung",
    ],
    "reduced": ["so diem toi da can thuc hien", "diem toi da can thuc hien", "diem toi da duoc danh gia"],
    "converted": ["so diem thuc hien duoc quy doi", "diem quy doi", "so diem quy doi", "diem duoc quy doi"],
}
# Short generic wordings match a whole header only ("Điểm", "Kết quả", "Chỉ số", "Hạng", "Tổng"), or one
# with a year ("Chỉ số CCHC năm 2021"); longer ones also begin a header ("Tổng điểm (100)", "Xếp hạng
# năm 2023"), never a component's ("Điểm đánh giá trực tiếp" is a component, not the total).
_PREFIX_ROLES = {"total", "unit", "rank", "index", "grade", "self"}
_WHOLE_ONLY = {
    "diem",
    "ket qua",
    "chi so",
    "hang",
    "tong",
    "diem danh gia",
    "diem dat duoc",
    "diem so",
    "so diem",
    "gia tri",
    "vi tri",
    "diem thuc hien",
    "so diem thuc hien",
    "don vi",
    "ty le",
}
_YEAR_SUFFIX = re.compile(r"(?: nam)? (?:19|20)\d\d$")
# A unit column headed by the kinds of unit it lists: "HUYỆN, THỊ XÃ, THÀNH PHỐ", "Sở, ban, ngành".
_KIND_WORDS = "|".join([*(strip_diacritics(kind) for kind in KIND_ORDER), "don vi"])  # xa|phuong|…|nganh|don vi
_UNIT_KINDS_LABEL = re.compile(rf"^(?:ten |cac )?(?:(?:{_KIND_WORDS})(?: |$))+$")
_UNIT_KIND = re.compile(_KIND_WORDS)
_SINGLE_KINDS = {"xa", "phuong", "huyen"}  # alone, "Số" (number) or "Ban" would be ambiguous
_SUMMARY_ROLES = ("code", "unit", "total", "rank")
# A header that reads like a rank ("Vị trí xếp hạng", "Hạng chung"): its column is a rank when its values
# are 1…N (ingest.py).
RANK_LIKE = re.compile(r"\b(?:hang|vi thu|xep thu|vi tri|thu bac)\b")
SCORE_ROLES = ("total", "index")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")


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
    repeats: tuple[int, ...] = ()  # summary tables: columns repeating a role taken (header.summary_roles)

    @property
    def first_row(self) -> int:
        """Index of the first row under the header."""
        return self.start + self.height


@dataclass(frozen=True)
class HeaderProblem:
    """Why no header was found: a rule of errors.RULES and its parameters."""

    rule: str
    params: dict


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


def _summary_wordings() -> dict[str, list[str]]:
    wordings = {role: list(ROLE_WORDINGS[role]) for role in _SUMMARY_ROLES}
    for role, words in SUMMARY_WORDINGS.items():
        wordings[role] = list(dict.fromkeys([*wordings.get(role, []), *words]))
    return wordings


_SUMMARY = _summary_wordings()


def summary_role(key: str) -> str | None:
    """The role a summary table's header key names, the most specific wording winning: a whole wording
    (with or without a year) before one that only begins the header, a longer before a shorter."""
    if not key:
        return None
    if _is_unit_kinds_label(key):
        return "unit"
    bare = _YEAR_SUFFIX.sub("", key)
    best, strength = None, 0
    for role, words in _SUMMARY.items():
        for word in words:
            if key == word or bare == word:
                found = 2 * len(word) + 2
            elif role in _PREFIX_ROLES and word not in _WHOLE_ONLY and key.startswith(word + " "):
                found = len(word)
            elif role == "index" and "par index" in key:  # "Chỉ số CCHC - PAR INDEX"
                found = len("par index")
            else:
                continue
            if found > strength:
                best, strength = role, found
    return best


def summary_roles(labels: list[str]) -> tuple[dict[str, int], tuple[int, ...]]:
    """Roles of a summary table (the unit column, also when headed by the kinds of unit; code, total, rank,
    index, grade, self-assessment, notes, a maximum per row…), and the columns that repeat a role already
    taken (a second "STT", a total printed twice, last year's "Chỉ số CCHC năm 2022"): those are neither
    the role nor a component. Detail-sheet roles are not looked for: a column named like one ("Điểm thẩm
    định (65)") is a component here."""
    roles: dict[str, int] = {}
    repeats: list[int] = []
    for col, label in enumerate(labels):
        role = summary_role(_label_key(label))
        if role is None:
            continue
        if role in roles:
            repeats.append(col)
        else:
            roles[role] = col
    return roles, tuple(repeats)


def component_columns(header: Header) -> tuple[list[int], list[int]]:
    """A summary table's candidate components: labelled columns after the unit column that hold no role,
    those before the total and those after it."""
    roles, labels = header.roles, header.labels
    taken = set(roles.values()) | set(header.repeats)
    after_unit = [c for c in range(roles["unit"] + 1, len(labels)) if c not in taken and labels[c]]
    if "total" not in roles:
        return after_unit, []
    return [c for c in after_unit if c < roles["total"]], [c for c in after_unit if c > roles["total"]]


def _joined(upper: str, lower: str) -> str:
    """A label split over two rows ("Điểm" / "đánh giá") when the lower part alone names no role."""
    if not upper or not lower:
        return lower or upper
    lower_key, joined = _label_key(lower), f"{upper} {lower}"
    if _known(lower_key) or not _known(_label_key(joined)):
        return lower
    return joined


def _known(key: str) -> bool:
    return summary_role(key) is not None or any(_matches(r, key, w) for r, w in ROLE_WORDINGS.items())


def _header_labels(rows: list[list], start: int, height: int) -> list[str]:
    """Labels of a one- or two-row header; in two rows the lower label wins (merged cells above), unless
    the label is split over the two ("Điểm" / "đánh giá")."""
    width = max(len(r) for r in rows[start : start + height])
    labels = []
    for col in range(width):
        texts = [normalise_text(str(cell(rows[r], col) or "")) for r in range(start, start + height)]
        labels.append(texts[0] if height == 1 else _joined(*texts))
    return labels


def _is_summary(roles: dict[str, int], labels: list[str], repeats: tuple[int, ...]) -> bool:
    """A unit column, and a score column named as one or at least two components; a header holds words, not
    numbers (a row of data that happens to hold such words is not a header)."""
    if "unit" not in roles or any(_NUMBER.match(label.strip()) for label in labels):
        return False
    if any(role in roles for role in SCORE_ROLES):
        return True
    before, after = component_columns(Header("summary", 0, 1, roles, labels, repeats))
    return len(before) + len(after) >= 2


def _continues(rows: list[list], index: int, unit_col: int) -> bool:
    """Whether the row under a one-row header is the header's second line: text only, none under the unit."""
    if index >= len(rows) or not filled(rows[index]) or cell(rows[index], unit_col) is not None:
        return False
    values = [v for v in rows[index] if cell([v], 0) is not None]
    return all(isinstance(v, str) and not re.search(r"\d", v) for v in values)


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
            summary, repeats = summary_roles(labels)
            if "name" not in roles and _is_summary(summary, labels, repeats):
                if height == 1 and _continues(rows, start + 1, summary["unit"]):
                    labels = _header_labels(rows, start, 2)
                    summary, repeats = summary_roles(labels)
                    if "unit" in summary:
                        return Header("summary", start, 2, summary, labels, repeats)
                    labels = _header_labels(rows, start, 1)
                    summary, repeats = summary_roles(labels)
                return Header("summary", start, height, summary, labels, repeats)
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
