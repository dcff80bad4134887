"""Text as the project writes it: Unicode form, tone-mark style, case, slugs, numbers and counts.

One tone-mark style for display: the mark sits on the first vowel of a final "oa", "oe", "uy"
("Hòa", "Thúy", "Khỏe"), the style most sheets use. "Hoà"/"Thuý" are rewritten to it.
Numbers are rounded by core/numbers.py (exact decimals, halves away from zero, as Excel's ROUND) and
written through Babel's vi_VN locale: decimal comma, "11,24/15", "98,59%". Kept light (no pandas).
"""

from __future__ import annotations

import re
import unicodedata

from babel.numbers import format_decimal

from .numbers import is_zero, rounded

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


def header_key(text: object) -> str:
    """Header cell as a comparable key: no diacritics, lower case, punctuation as spaces."""
    ascii_text = strip_diacritics(normalise_text(str(text))).lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def slugify(name: str) -> str:
    """District slug: "Phong Thổ" -> "phong-tho"."""
    ascii_text = strip_diacritics(unicodedata.normalize("NFC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def capitalise(text: str) -> str:
    """First letter upper case, the rest as written: "xã Mường So" -> "Xã Mường So"."""
    return text[:1].upper() + text[1:]


_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def num(value: float, decimals: int = 2) -> str:
    """11.24 -> "11,24"; 8.0 -> "8"; at most `decimals` decimals, no trailing zeros."""
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return format_decimal(rounded(value, decimals), format=pattern, locale=LOCALE)


def dec(value: float) -> str:
    """Averages, indices and differences, always two decimals as the council writes them: 88.9 -> "88,90",
    92.415 -> "92,42" (halves away from zero, core/numbers.py)."""
    return format_decimal(rounded(value, 2), format="#,##0.00", locale=LOCALE)


def signed(value: float) -> str:
    """A difference with its sign: "+0,36", "-1,20", "0,00"."""
    text = dec(abs(value))
    return text if is_zero(value) else ("+" if value > 0 else "-") + text


FIGURE_SPACE, PUNCTUATION_SPACE = "\u2007", "\u2008"  # as wide as a digit, as wide as the comma


def aligned(value: float, decimals: int = 2) -> str:
    """A score as typed, padded on the right so that decimal commas line up in a right-aligned column:
    "15" -> "15" + comma and two digits of blank space, "9,5" -> "9,5" + one."""
    text = num(value, decimals)
    shown = len(text.split(",", 1)[1]) if "," in text else -1
    pad = decimals - shown if shown >= 0 else decimals
    return text + ("" if shown >= 0 else PUNCTUATION_SPACE) + FIGURE_SPACE * pad


def score_of(value: float, maximum: float) -> str:
    return f"{num(value)}/{num(maximum)}"


def mean_of(value: float, maximum: float) -> str:
    """An average against its maximum: "13,58/15"."""
    return f"{dec(value)}/{num(maximum)}"


def pct(value: float) -> str:
    """An index in percent, two decimals: "91,20%"."""
    return f"{dec(value)}%"


def count(n: int) -> str:
    """Counts under 10 are written with a leading zero in official reports: "07 tiêu chí"."""
    return f"{n:02d}"


def count_of(n: int, total: int) -> str:
    """ "03/17": both sides of a share are counts."""
    return f"{count(n)}/{count(total)}"


def join_vi(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


# ---------------------------------------------------------------- Vietnamese alphabetical order

_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")  # one letter each, in NFC
_LETTER_RANK = {letter: i + 1 for i, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter (ă, â, ơ, ư)


def collation_key(text: str) -> tuple:
    """Sort key of the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), letters first, then tones
    (none, huyền, hỏi, ngã, sắc, nặng): "Mồ Sì San" < "Mù Sang" < "Mường So". No ICU needed."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", normalise_text(text).lower()):
        if ch in _TONE_RANK:
            tones[-1:] = [_TONE_RANK[ch]]
        elif ch in _SHAPES:
            composed = unicodedata.normalize("NFC", _ALPHABET_BASE.get(letters[-1], "") + ch) if letters else ""
            if composed in _LETTER_RANK:
                letters[-1] = _LETTER_RANK[composed]
        elif ch in _LETTER_RANK:
            letters.append(_LETTER_RANK[ch])
            tones.append(0)
        else:  # space, digit, punctuation: before every letter, in code point order
            letters.append(-1000 + ord(ch) if ord(ch) < 1000 else 100 + ord(ch))
            tones.append(0)
    return tuple(letters), tuple(tones)


_ALPHABET_BASE = {rank: letter for letter, rank in _LETTER_RANK.items()}


def sort_vi(items, key=lambda item: item) -> list:
    """Items in Vietnamese alphabetical order of key(item)."""
    return sorted(items, key=lambda item: collation_key(key(item)))
