"""Parsing of single cell values: scores written every way a clerk writes them, and row codes."""

from __future__ import annotations

import math
import re

from ..core.errors import message

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN_RE = re.compile(r"^(?=[IVXL]+$)L?X{0,3}(IX|IV|V?I{0,3})$")  # upper case: "i", "v" are sub-criteria
_DOTTED_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
_LETTER_RE = re.compile(r"^[a-zđ]$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^[+-]?(\d+(?:[.,]\d+)?|[.,]\d+)$")


class ScoreError(ValueError):
    """A cell that is not a score; `rule` is its id in errors.RULES."""

    def __init__(self, rule: str):
        super().__init__(message(rule, {}))
        self.rule = rule


def parse_score(value: object) -> float | None:
    """A score cell as a float; None when empty. Raises ScoreError with the rule broken.

    Accepts numbers, text with a decimal comma or dot ("10,85", "89,769" is 89.769: scores are
    small and never have thousands separators), and "10,85/12" (the score before the slash).
    """
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ScoreError("score-boolean")
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            raise ScoreError("score-not-finite")
        return float(value)
    text = str(value).replace("\u00a0", " ").strip()
    if text in {"", "-", "–", "—"}:
        return None
    text = text.split("/", 1)[0].replace(" ", "")
    if not _NUMBER_RE.match(text):
        raise ScoreError("score-not-number")
    return float(text.replace(",", "."))


def roman_to_int(token: str) -> int:
    total, prev = 0, 0
    for ch in reversed(token):
        val = _ROMAN[ch]
        total = total - val if val < prev else total + val
        prev = max(prev, val)
    return total


def code_kind(value: object) -> tuple[str, int] | None:
    """Classify a code cell: ("roman", n), ("dotted", depth) or ("letter", 1); None if not a code.

    The canonical code is assigned from sheet order by the reader; this only tells the level.
    """
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value > 0:
            return ("dotted", 1)
        text = f"{value}"
    else:
        text = str(value).strip().rstrip(")").strip()
    if not text:
        return None
    if _ROMAN_RE.match(text):
        return ("roman", roman_to_int(text))
    if _DOTTED_RE.match(text):
        return ("dotted", text.rstrip(".").count(".") + 1)
    if _LETTER_RE.match(text.rstrip(".")):
        return ("letter", 1)
    return None
