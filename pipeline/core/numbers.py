"""Numbers as the council rounds them: exact decimal arithmetic, rounded half away from zero.

One rule for every figure the project prints or stores (text, tables, charts, xlsx, summary.json):

- A sheet's value is the decimal it was typed as. `exact` reads a float by its shortest repr, which is
  that decimal (92.415 typed is the float whose repr is "92.415"), so nothing of binary floating point
  survives into a sum, a mean or a ratio.
- Sums, means, ratios and differences are computed in `decimal.Decimal`, then rounded to the figures
  published (2 decimals unless said) with ROUND_HALF_UP, which in Python's decimal module rounds a half
  away from zero: 92,415 -> 92,42; 92,125 -> 92,13; -0,125 -> -0,13. That is what the council's
  spreadsheets print: Excel's ROUND(x; 2) rounds halves away from zero, so a council member who
  recomputes a mean in Excel gets our figure. Python's round() rounds halves to even on the binary value
  (round(92.125, 2) == 92.12, round(2.675, 2) == 2.67) and a float mean of 40 totals summing to 3 696,60
  is 92,41499999…: both print 92,41 where the council writes 92,42.
- A change is the difference of the two figures as printed (`difference`), so a reader's subtraction of
  the two printed figures agrees with the change printed beside them.

The results are floats (the nearest double to the rounded decimal, whose repr is that decimal), so
DataFrames, JSON and spreadsheets keep plain numbers, and rounding a rounded figure again changes nothing.
Missing values (None, NaN) pass through unchanged. Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

DECIMALS = 2  # what the council publishes: means, indices, differences


def missing(value: object) -> bool:
    """None, NaN or pandas' NA (whose truth value is undefined)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is not equal to itself
    except TypeError:  # pandas.NA
        return True


def exact(value: object) -> Decimal:
    """The decimal a value stands for: a float by its shortest repr (the decimal typed in the sheet),
    an int, a Decimal or a numeric text as they are."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value.strip())
    number = float(value)  # numpy floats and ints too
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return Decimal(repr(number))


def rounded(value: object, decimals: int = DECIMALS) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero, as a Decimal: the figure printed."""
    return exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def half_up(value, decimals: int = DECIMALS):
    """`value` rounded to `decimals` places, halves away from zero, as a float (None and NaN unchanged):
    92.415 -> 92.42, 92.125 -> 92.13, -0.125 -> -0.13, 87.515 -> 87.52."""
    if missing(value):
        return value
    return float(rounded(value, decimals))


def exact_sum(values: Iterable) -> float:
    """The sum of the values (missing ones left out), exactly: 0.1 + 0.2 is 0.3."""
    return float(sum((exact(v) for v in values if not missing(v)), Decimal(0)))


def mean(values: Iterable, decimals: int = DECIMALS) -> float:
    """The mean of the values (missing ones left out), computed exactly and rounded half up; NaN when
    there is none. Forty totals summing to 3 696,60: 92,42 (a float mean gives 92,41499…)."""
    present = [exact(v) for v in values if not missing(v)]
    if not present:
        return float("nan")
    return half_up(sum(present, Decimal(0)) / len(present), decimals)


def ratio(part: object, whole: object, scale: object = 100, decimals: int = DECIMALS) -> float:
    """part / whole x scale, exactly, rounded half up: an index in % by default (30,06 of 80 is
    37,575%, so 37,58%); NaN when whole is 0 or either is missing."""
    if missing(part) or missing(whole) or missing(scale) or exact(whole) == 0:
        return float("nan")
    return half_up(exact(part) * exact(scale) / exact(whole), decimals)


def difference(value: object, other: object, decimals: int = DECIMALS) -> float:
    """value − other, each rounded as printed first, so the printed change is the difference of the two
    printed figures (92,42 − 92,07 = 0,35); NaN when either is missing."""
    if missing(value) or missing(other):
        return float("nan")
    return float(rounded(value, decimals) - rounded(other, decimals))


def is_zero(value: object, decimals: int = DECIMALS) -> bool:
    """Whether the value prints as zero ("0,00") at `decimals` places."""
    return not missing(value) and rounded(value, decimals) == 0
