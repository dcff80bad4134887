"""Text as the project writes it: Unicode form, tone-mark style, case, slugs, numbers and counts.

One tone-mark style for display: the mark sits on the first vowel of a final "oa", "oe", "uy"
("Hòa", "Thúy", "Khỏe"), the style most sheets use. "Hoà"/"Thuý" are rewritten to it.
Numbers go through Babel's vi_VN locale: decimal comma, "11,24/15", "98,59%". Kept light (no pandas).
"""

from __future__ import annotations

import re
import unicodedata

from babel.numbers import format_decimal

LOCALE = "vi_VN"

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (NFD)
# In NFD, an old-style "oà" is o + a + tone; move the tone onto the o when the cluster ends the word.
_OLD_STYLE_OA = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![^\W\d_])")
_OLD_STYLE_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![^\W\d_])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """NFC, one tone-mark style, straight apostrophes, no control characters, single spaces, trimmed."""
    nfd = unicodedata.normalize("NFD", _CONTROL.sub(" ", text.translate(_APOSTROPHES)))
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


def capitalise(text: str) -> str:
    """First letter upper case, the rest as written: "xã Mường So" -> "Xã Mường So"."""
    return text[:1].upper() + text[1:]


_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """1 -> "I", 14 -> "XIV" (fields are numbered so in the ranking table; up to 39)."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


# ---------------------------------------------------------------- numbers


def num(value: float, decimals: int = 2) -> str:
    """11.24 -> "11,24"; 8.0 -> "8"; at most `decimals` decimals, no trailing zeros."""
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return format_decimal(round(float(value), decimals), format=pattern, locale=LOCALE)


def score_of(value: float, maximum: float) -> str:
    return f"{num(value)}/{num(maximum)}"


def pct(value: float) -> str:
    return f"{num(value)}%"


def count(n: int) -> str:
    """Counts under 10 are written with a leading zero in official reports: "07 tiêu chí"."""
    return f"{n:02d}"


def join_vi(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]
