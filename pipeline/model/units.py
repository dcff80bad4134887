"""Unit kinds: the types of unit a body scores, how a name carries its type ("UBND xã Mường So",
"TT. Phong Thổ", "P.Tan Phu", "Sở Nội vụ"), and how the report writes a unit and a list of kinds.
The one place for them.

Types, by level:
- communes: xã, phường, thị trấn, đặc khu (X., P., TT., ĐK.);
- districts: huyện, quận, thị xã, thành phố (H., Q., TX., TP.);
- departments and other named bodies: sở, ban, ngành ("Sở Nội vụ", "Ban Dân tộc", "Văn phòng UBND
  tỉnh"). A body keeps its type word in its name: the report writes "Sở Nội vụ", not "sở Nội vụ".

A type written without diacritics ("Xa", "Quan", "Thi tran") counts only in a name written wholly
without diacritics: "Quan Hóa", "Xa Lung" and "Ban Lang" are names, "Xa Muong So" is xã Muong So. A
one-letter abbreviation needs its dot ("P. Tân Phú", "P.Tan Phu") unless the whole name is ASCII.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.text import collation_key, display_case, name_key, normalise_text, strip_diacritics

COMMUNE_TYPES = ("xã", "phường", "thị trấn", "đặc khu")
DISTRICT_TYPES = ("huyện", "quận", "thị xã", "thành phố")
BODY_TYPES = ("sở", "ban", "ngành")
# The order in which the report lists kinds: "các xã, phường, thị trấn".
KIND_ORDER = COMMUNE_TYPES + DISTRICT_TYPES + BODY_TYPES
LEVELS = {**dict.fromkeys(COMMUNE_TYPES, 1), **dict.fromkeys(DISTRICT_TYPES, 2), **dict.fromkeys(BODY_TYPES, 3)}

# The order in which a sentence names units of several kinds: the council names the town first.
NAMING_ORDER = ("thị trấn", "phường", "đặc khu", "xã")
# Each territorial type's abbreviation, as sheets and tables write it: "TT. Phong Thổ", "P. Tân An".
ABBREVIATION_OF = {
    "xã": "X.",
    "phường": "P.",
    "thị trấn": "TT.",
    "đặc khu": "ĐK.",
    "huyện": "H.",
    "quận": "Q.",
    "thị xã": "TX.",
    "thành phố": "TP.",
}
# The types a chart or table writes before a unit's short name (the rest go bare: "Mù Sang").
SHORT_PREFIXED = ("thị trấn", "phường", "đặc khu", "thị xã", "thành phố")

# Abbreviations (lower case) -> the type; "đk" and its ASCII "dk".
ABBREVIATIONS = {
    "tt": "thị trấn",
    "tx": "thị xã",
    "tp": "thành phố",
    "đk": "đặc khu",
    "dk": "đặc khu",
    "p": "phường",
    "x": "xã",
    "h": "huyện",
    "q": "quận",
}
_TERRITORIAL = COMMUNE_TYPES + DISTRICT_TYPES
# Every way a type is written before a name (lower case) -> the type.
UNIT_TYPES = {
    **{t: t for t in _TERRITORIAL},
    **{strip_diacritics(t): t for t in _TERRITORIAL},
    **{f"{a}.": t for a, t in ABBREVIATIONS.items()},
    **ABBREVIATIONS,
}


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_GOVERNMENT = r"(?:ubnd|ủy ban nhân dân)\s+"
_GOVERNMENT_ASCII = r"(?:ubnd|uy ban nhan dan)\s+"
_MULTI = [a for a in ABBREVIATIONS if len(a) > 1]
_SINGLE = [a for a in ABBREVIATIONS if len(a) == 1]
# With diacritics: full words, and abbreviations with a dot (or, for two letters, a space).
_PREFIX = re.compile(
    rf"^(?:{_GOVERNMENT})?(?:(?P<word>{_alternatives(_TERRITORIAL)})\s+"
    rf"|(?P<abbr>{_alternatives(ABBREVIATIONS)})\.\s*|(?P<multi>{_alternatives(_MULTI)})\s+)",
    re.IGNORECASE,
)
# A name written without any diacritics: ASCII words too, and one letter followed by a space.
_PREFIX_ASCII = re.compile(
    rf"^(?:{_GOVERNMENT_ASCII})?(?:(?P<word>{_alternatives(strip_diacritics(t) for t in _TERRITORIAL)})\s+"
    rf"|(?P<abbr>{_alternatives(ABBREVIATIONS)})\.\s*|(?P<multi>{_alternatives(_MULTI + _SINGLE)})\s+)",
    re.IGNORECASE,
)

# Named bodies: their first words, and the type they are.
_BODIES = re.compile(
    r"^(?:(?P<so>sở)\s+\S"
    r"|(?P<ban>ban)\s+(?:dân tộc|quản lý|tôn giáo|thi đua|tiếp công dân|bảo vệ)"
    r"|(?P<nganh>văn phòng|thanh tra|công an|kho bạc|bảo hiểm xã hội|ngân hàng|cục|chi cục|đài phát thanh"
    r"|bộ chỉ huy|liên minh hợp tác xã|liên đoàn lao động|trường chính trị)\s+\S)",
    re.IGNORECASE,
)
_BODIES_ASCII = re.compile(
    r"^(?:(?P<ban>ban)\s+(?:dan toc|quan ly|ton giao|thi dua|tiep cong dan|bao ve)"
    r"|(?P<nganh>van phong|thanh tra|cong an|kho bac|bao hiem xa hoi|ngan hang|dai phat thanh|bo chi huy)\s+\S)",
    re.IGNORECASE,
)
_BODY_TYPE = {"so": "sở", "ban": "ban", "nganh": "ngành"}

# The parent body after a unit's name: "…, huyện Phong Thổ", "… - tỉnh Lai Châu", "… (TP. Lai Châu)";
# without a separator only "huyện" and "tỉnh": "… huyện Phong Thổ".
_PARENT_WORDS = r"huyện|quận|thị xã|thành phố|tỉnh|tp\.|h\.|huyen|quan|thi xa|thanh pho|tinh"
_PARENT = re.compile(
    rf"(?:\s*[,;(]\s*|\s+[-–]\s*|\s+(?=(?:huyện|tỉnh|huyen|tinh)\s))(?:{_GOVERNMENT}|{_GOVERNMENT_ASCII})?"
    rf"(?:{_PARENT_WORDS})(?:\s+|(?<=\.))\S.*$",
    re.IGNORECASE,
)


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def strip_parent(name: str) -> str:
    """ "Mường So, huyện Phong Thổ" -> "Mường So"; the first word is never a parent."""
    match = _PARENT.search(name, 1)
    return name[: match.start()].rstrip(" ,;-–(") if match else name


def body_type(name: str) -> str | None:
    """ "Sở Nội vụ" -> "sở", "Ban Dân tộc" -> "ban", "Văn phòng UBND tỉnh" -> "ngành"; else None."""
    text = normalise_text(name)
    match = (_BODIES_ASCII if text.isascii() else _BODIES).match(text)
    if match is None:
        return None
    return next(_BODY_TYPE[k] for k, v in match.groupdict().items() if v)


def _prefix_type(match: re.Match) -> str:
    spelled = match.group("word") or match.group("abbr") or match.group("multi")
    return UNIT_TYPES[spelled.lower()]


@lru_cache(maxsize=4096)  # called once per record; a year has a few dozen names
def split_unit_type(raw_name: str) -> tuple[str | None, str]:
    """Split "UBND xã Mường So" into ("xã", "Mường So"); no prefix gives (None, name).

    A parent body after the name is dropped; a named body keeps its whole name ("Sở Nội vụ")."""
    name = normalise_text(raw_name)
    body = body_type(name)
    if body:
        return body, display_case(strip_parent(name))
    match = (_PREFIX_ASCII if name.isascii() else _PREFIX).match(name)
    if match and match.end() < len(name):
        rest = strip_parent(name[match.end() :].strip())
        if rest and not is_type_word(rest):
            return _prefix_type(match), display_case(rest)
    return None, display_case(strip_parent(name))


def is_type_word(text: str) -> bool:
    """True for a type written alone: "Xã", "TT.", "Phuong", "UBND xã", "Sở"."""
    key = normalise_text(text).lower()
    key = re.sub(rf"^(?:{_GOVERNMENT}|{_GOVERNMENT_ASCII})", "", key + " ").strip()
    return key in UNIT_TYPES or key in BODY_TYPES or key in {"ubnd", "ủy ban nhân dân", "so", "nganh"}


def unit_level(unit_type: object) -> int | None:
    """1 commune, 2 district, 3 department; None when the type is unknown."""
    return LEVELS.get(unit_type) if isinstance(unit_type, str) else None


# ---------------------------------------------------------------- a unit is its type and its name
#
# Two units of one name and different types (a phường and a xã Tân Phú, as mergers leave them) are two
# units. A group-year's tidy table names a unit by its name alone ("Tân Phú") when no other unit of the
# group-year has that name, and by its full label ("phường Tân Phú", `unit_key`) when one does: so the
# name is unique in every table, frame and key of summary.json, and a reader who sees it needs nothing
# else. `bare_name` gives the name back without the type; `identity` is what matches a unit across
# years (its type and its name), whichever way each year names it.


def bare_name(name: str, unit_type: object = None) -> str:
    """The unit's name without the type word its label may begin with: "phường Tân Phú" -> "Tân Phú"
    (with the type given, only that type is taken off; without, any territorial type word)."""
    types = [unit_type] if isinstance(unit_type, str) and unit_type in _TERRITORIAL else _TERRITORIAL
    lowered = name.lower()
    for word in sorted(types, key=len, reverse=True):
        if lowered.startswith(word + " ") and len(name) > len(word) + 1:
            return name[len(word) + 1 :]
    return name


def unit_key(name: str, unit_type: object) -> str:
    """The full label that tells apart two units of one name: "phường Tân Phú"; the name when the type
    is unknown or a body's ("Sở Nội vụ")."""
    return unit_label(name, unit_type)


def identity(name: str, unit_type: object) -> tuple[str | None, str]:
    """What matches a unit across years: its type and its name (case, Unicode form and tone style aside),
    however the year names it ("Tân Phú" or "phường Tân Phú")."""
    kind = unit_type.lower() if isinstance(unit_type, str) and unit_type else None
    return kind, name_key(bare_name(name, unit_type))


def name_order(name: str) -> tuple:
    """Sort key of unit names in Vietnamese alphabetical order of the name, its type only after:
    "xã Tân Phú" sorts with the T's, after "phường Tân Phú"."""
    return collation_key(bare_name(name)), collation_key(name)


def unit_label(name: str, unit_type: object) -> str:
    """ "xã Mường So", "thị trấn Phong Thổ", "Sở Nội vụ"; just the name when the type is unknown. A name
    already labelled ("phường Tân Phú", `unit_key`) is not labelled twice."""
    if not isinstance(unit_type, str) or not unit_type or unit_type in BODY_TYPES:
        return name
    return f"{unit_type} {bare_name(name, unit_type)}"


def short_label(name: str, unit_type: object) -> str:
    """A unit as a chart or a table names it: "TT. Phong Thổ" (the district has the same name), "P. Tân An",
    "TP. Lai Châu", "Mù Sang"; a xã that shares its name with a unit of another type keeps its label
    ("xã Tân Phú")."""
    if isinstance(unit_type, str) and unit_type in SHORT_PREFIXED:
        return f"{ABBREVIATION_OF[unit_type]} {bare_name(name, unit_type)}"
    return name


def kinds_phrase(types: set[str]) -> str:
    """The kinds present, as the report names the group: "xã, thị trấn"."""
    kinds = [k for k in KIND_ORDER if k in types]
    return ", ".join(kinds) if kinds else "xã, thị trấn"
