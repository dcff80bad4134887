"""Unit and district names: Unicode form, tone-mark style, type prefixes, slugs, matching keys.

One tone-mark style for display: the mark sits on the first vowel of a final "oa", "oe", "uy"
("Hòa", "Thúy", "Khỏe"), the style most sheets use. "Hoà"/"Thuý" are rewritten to it.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (NFD)
# In NFD, an old-style "oà" is o + a + tone; move the tone onto the o when the cluster ends the word.
_OLD_STYLE_OA = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![^\W\d_])")
_OLD_STYLE_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![^\W\d_])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

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


def normalise_text(text: str) -> str:
    """NFC, one tone-mark style, straight apostrophes, single spaces, trimmed."""
    nfd = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    nfd = _OLD_STYLE_OA.sub(r"\1\3\2", nfd)
    nfd = _OLD_STYLE_UY.sub(r"\1\3\2", nfd)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", nfd)).strip()


def _title_word(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def display_case(name: str) -> str:
    """Title-case a name typed all in upper or all in lower case; leave mixed case alone."""
    if name.isupper() or name.islower():
        return " ".join(_title_word(w) for w in name.split(" "))
    return name


def split_unit_type(raw_name: str) -> tuple[str | None, str]:
    """Split "UBND xã Mường So" into ("xã", "Mường So"); no prefix gives (None, name)."""
    name = normalise_text(raw_name)
    match = _TYPE_PREFIX.match(name)
    if match and match.end() < len(name):
        unit_type = UNIT_TYPES[match.group("type").lower()]
        return unit_type, display_case(name[match.end():].strip())
    return None, display_case(name)


def name_key(name: str) -> str:
    """Key under which two spellings of one unit name compare equal (case, Unicode form, tone style)."""
    return normalise_text(name).casefold()


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(name: str) -> str:
    """District slug: "Phong Thổ" -> "phong-tho"."""
    ascii_text = strip_diacritics(unicodedata.normalize("NFC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
