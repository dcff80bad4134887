"""The scoring body of a group and the level of the units it ranks: who writes the report, about whom.

Decided, in this order (each step only where the ones before say nothing):
1. the group folder's name: "Tỉnh Lai Châu" is a province, "Huyện Phong Thổ", "Thị xã …", "Quận …" a
   district; "Thành phố …" is a province for the six centrally-run cities (Hà Nội, Hồ Chí Minh, Hải
   Phòng, Đà Nẵng, Cần Thơ, Huế), a district-level city otherwise; with or without diacritics, any case,
   abbreviations "TP.", "TX.", "H.", "Q." too. A plain name ("Phong Thổ") is a district, as before;
2. the units' types: huyện / quận / thị xã / thành phố units are a province's districts, sở / ban /
   ngành units its departments, so the body is a province; otherwise the units are communes;
3. the settings file ([body] level, kind, name, units), which, being the analyst's word, overrides 1
   and 2 wherever it sets a key.

Who issues the report is decided once, here (`Body.issued_by`): the appraisal council (Hội đồng thẩm định,
the default: "HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC", "Số: /BC-HĐTĐ") or the body's Home Affairs office (Sở Nội vụ
of a province, "/BC-SNV"; Phòng Nội vụ of a district, "/BC-PNV"), from [letterhead] issued_by, else from
an issuer's line the settings write ("SỞ NỘI VỤ" is the office), else the council. The issuer's line and
the symbol follow unless the settings write their own; the wording that follows from it (the
signature, Nơi nhận, what the appendix and the annex accompany) is write/narrative.py's.

The group's slug stays the folder name's slug ("Tỉnh Lai Châu" -> `tinh-lai-chau`, "Phong Thổ" ->
`phong-tho`): existing folders keep their outputs and names lists, and a province and its capital city
("Tỉnh Lai Châu", "Thành phố Lai Châu") never share one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.text import normalise_text, strip_diacritics
from .settings import Settings
from .units import BODY_TYPES, COMMUNE_TYPES, DISTRICT_TYPES

# Folder-name prefixes -> the body's type word. Compared with diacritics, so "Tịnh Biên" and "Quan Hóa"
# (districts) are not "tỉnh Biên" and "quận Hóa"; a name typed without any diacritic is compared without.
_PREFIXES = {
    "thành phố": "thành phố",
    "thị xã": "thị xã",
    "huyện": "huyện",
    "quận": "quận",
    "tỉnh": "tỉnh",
    "tp.": "thành phố",
    "tp": "thành phố",
    "tx.": "thị xã",
    "tx": "thị xã",
    "h.": "huyện",
    "q.": "quận",
}
_PREFIXES_ASCII = {strip_diacritics(k): v for k, v in _PREFIXES.items()}


def _prefix_pattern(prefixes: dict[str, str]) -> re.Pattern:
    return re.compile(rf"^({'|'.join(re.escape(p) for p in prefixes)})(?:\s+|(?<=\.))", re.IGNORECASE)


_PREFIX, _PREFIX_ASCII = _prefix_pattern(_PREFIXES), _prefix_pattern(_PREFIXES_ASCII)
CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}

_DEFAULT_COMMUNES = {"district": ("xã", "thị trấn"), "province": ("xã", "phường", "đặc khu")}
DEFAULT_ISSUER = "HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"  # the council (letterhead: two lines)
DEFAULT_SYMBOL = "Số:      /BC-HĐTĐ"
COUNCIL, DEPARTMENT = "council", "department"  # settings.ISSUERS
# the Home Affairs office of a body's level: its letterhead line and its symbol
OFFICE = {"province": ("SỞ NỘI VỤ", "Số:      /BC-SNV"), "district": ("PHÒNG NỘI VỤ", "Số:      /BC-PNV")}


@dataclass(frozen=True)
class Body:
    """The scoring body and what it ranks, with the phrases the report names them by."""

    level: str  # "district" or "province"
    kind: str  # the body's type word: "huyện", "thị xã", "quận", "thành phố", "tỉnh"
    name: str  # without its type: "Lai Châu"
    units: str  # "communes", "districts" or "departments"
    unit_kinds: tuple[str, ...]  # the kinds of unit present, in report order: ("xã", "phường", "đặc khu")
    parent: str  # letterhead, first line: "UBND TỈNH LAI CHÂU"
    issuer: str  # letterhead, second line: the council or department
    symbol: str  # "Số:      /BC-HĐTĐ"
    issued_by: str = COUNCIL  # who issues and signs: COUNCIL or DEPARTMENT (the Home Affairs office)

    @property
    def by_council(self) -> bool:
        return self.issued_by == COUNCIL

    @property
    def title(self) -> str:
        """ "tỉnh Lai Châu", "huyện Phong Thổ", "thành phố Hải Phòng"."""
        return f"{self.kind} {self.name}"

    @property
    def units_phrase(self) -> str:
        """How the report names the units: "các xã, phường, đặc khu trên địa bàn tỉnh Lam Sơn", "các huyện,
        thị xã, thành phố trên địa bàn tỉnh Lai Châu" (province review, F16), "các sở, ban, ngành"."""
        kinds = f"các {', '.join(self.unit_kinds)}"
        return kinds if self.units == "departments" else f"{kinds} trên địa bàn {self.title}"


def split_body_name(folder_name: str) -> tuple[str | None, str]:
    """ "Tỉnh Lai Châu" -> ("tỉnh", "Lai Châu"); "TP. Hải Phòng" -> ("thành phố", "Hải Phòng"); no prefix
    -> (None, name)."""
    name = normalise_text(folder_name)
    ascii_only = strip_diacritics(name) == name
    pattern, prefixes = (_PREFIX_ASCII, _PREFIXES_ASCII) if ascii_only else (_PREFIX, _PREFIXES)
    match = pattern.match(name)
    if match and match.end() < len(name):
        return prefixes[match.group(1).lower()], name[match.end() :].strip()
    return None, name


def level_of_kind(kind: str, name: str) -> str:
    """A body type word's level: tỉnh and the centrally-run cities are provinces; the rest districts."""
    if kind == "tỉnh" or (kind == "thành phố" and strip_diacritics(name).lower() in CENTRAL_CITIES):
        return "province"
    return "district"


def units_of_types(unit_types: Iterable[object]) -> str | None:
    """What the types say the units are: "districts", "departments", "communes"; None when no type is known."""
    counts = Counter()
    for unit_type in unit_types:
        if not isinstance(unit_type, str):
            continue
        t = unit_type.lower()
        counts["districts" if t in DISTRICT_TYPES else "departments" if t in BODY_TYPES else "communes"] += 1
    return counts.most_common(1)[0][0] if counts else None


def body_of(folder_name: str, unit_types: Iterable[object] = (), settings: Settings | None = None) -> Body:
    """The body of a group from its folder name, its units' types and its settings (module docstring)."""
    settings = settings or Settings()
    unit_types = [t.lower() for t in unit_types if isinstance(t, str)]
    kind, name = split_body_name(folder_name)
    from_types = units_of_types(unit_types)
    level = level_of_kind(kind, name) if kind else ("province" if from_types in ("districts", "departments") else None)
    level = settings.level or level or "district"
    units = settings.units or from_types or "communes"
    kind = settings.kind or kind or ("tỉnh" if level == "province" else "huyện")
    name = settings.name or name
    issued_by = issuer_of(settings)
    office, office_symbol = OFFICE[level]
    return Body(
        level=level,
        kind=kind,
        name=name,
        units=units,
        unit_kinds=_unit_kinds(units, unit_types, level),
        parent=settings.parent or f"UBND {kind} {name}".upper(),
        issuer=settings.issuer or (DEFAULT_ISSUER if issued_by == COUNCIL else office),
        symbol=settings.symbol or (DEFAULT_SYMBOL if issued_by == COUNCIL else office_symbol),
        issued_by=issued_by,
    )


def issuer_of(settings: Settings) -> str:
    """Who issues the report: [letterhead] issued_by; else an issuer's line the settings write (a council's
    begins "HỘI ĐỒNG"; any other is an office, "SỞ NỘI VỤ"); else the council."""
    if settings.issued_by:
        return settings.issued_by
    if settings.issuer:
        return COUNCIL if normalise_text(settings.issuer).upper().startswith("HỘI ĐỒNG") else DEPARTMENT
    return COUNCIL


def _unit_kinds(units: str, unit_types: list[str], level: str) -> tuple[str, ...]:
    """The kinds present, in report order; the usual ones where the sheets name none."""
    if units == "departments":
        return BODY_TYPES
    order, default = (
        (DISTRICT_TYPES, DISTRICT_TYPES) if units == "districts" else (COMMUNE_TYPES, _DEFAULT_COMMUNES[level])
    )
    present = tuple(k for k in order if k in unit_types)
    return present or default
