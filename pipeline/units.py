"""Unit kinds: the types of unit a body scores (xã, phường, thị trấn, đặc khu), how a name carries its
type ("UBND xã Mường So"), and how the report writes a unit and a list of kinds. The one place for them.
"""

from __future__ import annotations

import re

from .text import display_case, normalise_text

# Unit types, longest first; the value is how the report writes the type.
UNIT_TYPES = {
    "thị trấn": "thị trấn",
    "tt.": "thị trấn",
    "tt": "thị trấn",
    "phường": "phường",
    "xã": "xã",
    "đặc khu": "đặc khu",
}
_GOVERNMENT = r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"
_TYPE_PREFIX = re.compile(
    rf"^\s*(?:{_GOVERNMENT})?(?P<type>{'|'.join(re.escape(t) for t in UNIT_TYPES)})(?:\s+|(?<=\.))",
    re.IGNORECASE,
)

# The order in which the report lists kinds: "các xã, phường, thị trấn".
KIND_ORDER = ("xã", "phường", "thị trấn", "đặc khu")


def split_unit_type(raw_name: str) -> tuple[str | None, str]:
    """Split "UBND xã Mường So" into ("xã", "Mường So"); no prefix gives (None, name)."""
    name = normalise_text(raw_name)
    match = _TYPE_PREFIX.match(name)
    if match and match.end() < len(name):
        unit_type = UNIT_TYPES[match.group("type").lower()]
        return unit_type, display_case(name[match.end() :].strip())
    return None, display_case(name)


def unit_label(name: str, unit_type: object) -> str:
    """ "xã Mường So", "thị trấn Phong Thổ"; just the name when the type is unknown."""
    return f"{unit_type} {name}" if isinstance(unit_type, str) and unit_type else name


def kinds_phrase(types: set[str]) -> str:
    """The kinds present, as the report names the group: "xã, thị trấn"."""
    kinds = [k for k in KIND_ORDER if k in types]
    return ", ".join(kinds) if kinds else "xã, thị trấn"
