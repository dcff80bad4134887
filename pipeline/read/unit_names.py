"""Unit names as clerks write them: the title lines above a detail sheet's table, and the names of its
tab and file. Pure functions over text; ingest calls them, units.py knows the types.

Title lines, any case, NFC or NFD, in the cells above the header:
- "UBND XÃ MƯỜNG SO", "ỦY BAN NHÂN DÂN XÃ MƯỜNG SO", "Xã Mường So" alone in a cell;
- labelled: "Đơn vị: Xã Mường So", "Tên đơn vị: UBND xã Mường So", "Cơ quan: Sở Nội vụ" (the label
  may sit in its own cell, the name in the next one); a labelled name needs no type;
- a sentence ending with the unit: "BẢNG TỔNG HỢP KẾT QUẢ … CỦA UBND XÃ MƯỜNG SO NĂM 2023";
- with the parent body after it, dropped: "UBND xã Mường So, huyện Phong Thổ".
A line naming the group of units itself ("UBND HUYỆN PHONG THỔ" on a Phong Thổ sheet) is the parent
body, not the unit; of several lines, a labelled one wins, then the lowest level (a xã under its huyện).
A named body (sở, ban, ngành) counts only when labelled or in a sentence: a department's letterhead
also heads the sheets it scores.

Tab and file names: "01_Xa_Muong So", "05. Xã Tung Qua Lìn", "TT Phong Tho - 2023",
"xa-ban-lang_2023_tham-dinh", "Ban Lang (1)", "P.Tan Phu": numbering, years, separators, bracketed
suffixes and words such as "thẩm định", "final", "CCHC" are stripped, and the type is split off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.text import normalise_text, strip_diacritics
from ..model.units import BODY_TYPES, is_type_word, split_unit_type, unit_label, unit_level

TITLE, TAB, FILE = "title", "tab", "file"


@dataclass(frozen=True)
class UnitName:
    unit_type: str | None
    name: str
    source: str  # TITLE, TAB or FILE

    @property
    def label(self) -> str:
        """ "xã Mường So": what a record carries, split again by units.split_unit_type."""
        return unit_label(self.name, self.unit_type)


# ---------------------------------------------------------------- title lines

_LABEL = re.compile(
    r"^(?:tên\s+|ten\s+)?(?:cơ quan|co quan|đơn vị|don vi)(?:\s*,\s*(?:đơn vị|don vi))?"
    r"(?:\s+(?:được|duoc)\s+\S+(?:\s+\S+)?)?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(r"^(?:ubnd|ủy ban nhân dân|uy ban nhan dan)\s", re.IGNORECASE)
_SENTENCE = re.compile(r"\b(?:của|cua)\s+(?P<rest>.+)$", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"[\s,.;:-]*(?:(?:năm|nam)\s+)?(?:19|20)\d{2}\s*[.)]?\s*$", re.IGNORECASE)
# A unit's name: one to six words of letters (digits only for numbered wards, "Phường 12").
_NAME_SHAPE = re.compile(r"^[^\W_][\w'’ .-]*$")
_MAX_WORDS = 6


@dataclass(frozen=True)
class _Candidate:
    unit_type: str | None
    name: str
    labelled: bool
    order: int


def _plausible(unit_type: str | None, name: str, explicit: bool = False) -> bool:
    """A name a title line may give. An explicit line (a label, "UBND xã …") is taken as written; a type
    and a name alone in a cell, or ending a sentence, must look like a name."""
    if not name or is_type_word(name) or len(name.split()) > _MAX_WORDS:
        return False
    if explicit:
        return True
    return bool(_NAME_SHAPE.match(name)) and (unit_type is not None or not any(ch.isdigit() for ch in name))


def title_candidate(text: str) -> tuple[str | None, str, bool] | None:
    """(type, name, labelled) when one cell of a title line names a unit, else None."""
    text = normalise_text(text)
    label = _LABEL.match(text)
    if label:
        unit_type, name = split_unit_type(_YEAR_TAIL.sub("", label.group("rest")))
        return (unit_type, name, True) if _plausible(unit_type, name, explicit=True) else None
    sentences = list(_SENTENCE.finditer(text))  # the last "của": the unit ends the sentence
    if sentences:
        sentence = sentences[-1]
        unit_type, name = split_unit_type(_YEAR_TAIL.sub("", sentence.group("rest")))
        return (unit_type, name, False) if unit_type and _plausible(unit_type, name) else None
    unit_type, name = split_unit_type(text)
    if unit_type is None or unit_type in BODY_TYPES or not _plausible(unit_type, name, bool(_GOVERNMENT.match(text))):
        return None
    return unit_type, name, False


def is_label(text: str) -> bool:
    """A cell holding only a label ("Đơn vị:"), the name being in the next cell."""
    match = _LABEL.match(normalise_text(text))
    return bool(match) and not match.group("rest")


def _fold(name: str) -> str:
    return strip_diacritics(normalise_text(name)).casefold()


def _keys(name: str) -> set[str]:
    """A name with and without its type ("Huyện Mẫu 01" and "Mẫu 01"), folded, to compare bodies."""
    return {_fold(name), _fold(split_unit_type(name)[1])}


def unit_from_title(lines: list[list[str]], group: str | None = None) -> UnitName | None:
    """The unit the title lines name (cells as text, row by row), or None.

    `group` is the group of units scored together (the folder's name, "Phong Thổ" or "Huyện Phong Thổ"):
    a district-level line with its name is the parent body."""
    parent = _keys(group) if group else set()
    found: list[_Candidate] = []
    for row in lines:
        cells = [normalise_text(c) for c in row if c and normalise_text(c)]
        for i, text in enumerate(cells):
            if is_label(text) and i + 1 < len(cells):
                text = f"{text} {cells[i + 1]}"
            candidate = title_candidate(text)
            if candidate is None:
                continue
            unit_type, name, labelled = candidate
            if unit_level(unit_type) in (None, 2) and parent & _keys(name):
                continue
            found.append(_Candidate(unit_type, name, labelled, len(found)))
    if not found:
        return None
    best = min(found, key=lambda c: (not c.labelled, unit_level(c.unit_type) or 4, -c.order))
    return UnitName(best.unit_type, best.name, TITLE)


# ---------------------------------------------------------------- tab and file names

_EXTENSION = re.compile(r"\.(?:xlsx|xlsm|xls|ods|csv)$", re.IGNORECASE)
_BRACKETS = re.compile(r"[(\[][^)\]]*[)\]]")
_YEAR = re.compile(r"(?:\b(?:năm|nam)\s+)?(?<!\d)(?:19|20)\d{2}(?!\d)", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*\d{1,3}\s*(?:[.)]\s*|\s+)")
# Words clerks put around a unit's name, without diacritics, lower case; stripped at either end.
_NOISE = [
    tuple(p.split())
    for p in (
        "tham dinh",
        "da tham dinh",
        "tu cham",
        "tu danh gia",
        "final",
        "cchc",
        "chi so cchc",
        "par index",
        "bang diem",
        "bang cham diem",
        "cham diem",
        "ket qua",
        "tong hop",
        "ban cuoi",
        "ban chinh thuc",
        "chinh thuc",
        "copy of",
        "copy",
    )
]
_NUMBER = re.compile(r"\d{1,3}[.)]?")
_VERSION = re.compile(r"^v\d+$", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:sheet|trang tính|trang tinh|bảng điểm|bang diem|tổng hợp|tong hop|book|data|dữ liệu|du lieu|biểu|bieu"
    r"|phụ lục|phu luc|chi tiết|chi tiet|cchc|bảng|bang)\s*\d*$",
    re.IGNORECASE,
)


def is_generic(name: str) -> bool:
    """A tab or file name that names no unit: "Sheet1", "Bảng điểm", "Book1"."""
    return bool(_GENERIC.match(normalise_text(name).replace("_", " ").strip()))


def _strip_noise(words: list[str]) -> list[str]:
    changed = True
    while words and changed:
        changed = False
        folded = [strip_diacritics(w).lower().strip(".,;:-") for w in words]
        if _VERSION.match(folded[-1]) or not folded[-1]:
            words, changed = words[:-1], True
            continue
        if _NUMBER.fullmatch(words[0]) and len(words) > 1:
            words, changed = words[1:], True
            continue
        for phrase in _NOISE:
            n = len(phrase)
            if tuple(folded[:n]) == phrase and len(words) > n:
                words, changed = words[n:], True
                break
            if tuple(folded[-n:]) == phrase and len(words) > n:
                words, changed = words[:-n], True
                break
    return words


def unit_from_name(stem: str, source: str = FILE) -> UnitName | None:
    """The unit a tab or file name (without its extension) names, or None when it names none."""
    text = normalise_text(_EXTENSION.sub("", normalise_text(stem)))
    if is_generic(text):
        return None
    text = _BRACKETS.sub(" ", text)
    text = re.sub(r"[_–]+|(?<!\.)-+|\s-\s", " ", text)
    text = _YEAR.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:-")
    while _NUMBERING.match(text):
        text = _NUMBERING.sub("", text, count=1)
    words = _strip_noise(text.split())
    if not words:
        return None
    unit_type, name = split_unit_type(" ".join(words))
    if not name or is_type_word(name) or is_generic(name):
        return None
    return UnitName(unit_type, name, source)


def unit_from_sheet_names(tab: str, file_stem: str, tabs_in_file: int) -> UnitName | None:
    """A tab per unit names the unit by the tab; a file of one tab by the file, or by its tab when the file
    name says nothing ("bang_diem.xlsx", tab "Xã An Bình")."""
    by_tab = None if is_generic(tab) else unit_from_name(tab, TAB)
    if tabs_in_file > 1 and by_tab is not None:
        return by_tab
    return unit_from_name(file_stem, FILE) or by_tab


# ---------------------------------------------------------------- names that are plumbing

_PLUMBING_EXTENSION = re.compile(r"\.(?:xlsx|xlsm|xls|ods|csv)\b", re.IGNORECASE)


def plumbing(name: str, unit_type: str | None) -> str | None:
    """Why a unit name is made by a file system rather than a clerk, or None when it is a name: an
    underscore, a file extension, a year, digits in a name with no type, a type word alone."""
    if "_" in name:
        return "underscore"
    if _PLUMBING_EXTENSION.search(name):
        return "file extension"
    if _YEAR.search(name):
        return "year"
    if any(ch.isdigit() for ch in name) and unit_level(unit_type) not in (1, 2):
        return "digits"
    if not name.strip() or is_type_word(name):
        return "type word alone"
    return None
