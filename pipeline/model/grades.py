"""Grades (xếp loại) from the index in %: Xuất sắc, Tốt, Khá, Trung bình, Yếu.

Each province sets its own bands by decision. The defaults, lower bounds of the index in %:

    Xuất sắc  >= 90      Tốt  >= 80      Khá  >= 70      Trung bình  >= 50      Yếu  < 50

They follow the bands the Ministry of Home Affairs publishes the national PAR Index in (group A from
90%, B from 80% to under 90%, C from 70% to under 80%) and the grades provinces publish on them
(Tây Ninh 2021: "tốt" above 80%, "khá" under 80%, "trung bình" at 63,40%); a group's settings file
(`[grades]`, pipeline/settings.py) sets its own province's bands. A unit's grade is read on its index
rounded to 2 decimals, as published: 89,995% is 90,00%, so Xuất sắc.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core.numbers import half_up
from ..core.text import normalise_text, num, strip_diacritics

GRADES = ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")  # best first
THRESHOLD_KEYS = ("xuat_sac", "tot", "kha", "trung_binh")  # the settings keys, one per grade but Yếu
INDEX_DECIMALS = 2


@dataclass(frozen=True)
class Thresholds:
    """Lower bounds of the index (%) of each grade but the last; Yếu is below `trung_binh`."""

    xuat_sac: float = 90.0
    tot: float = 80.0
    kha: float = 70.0
    trung_binh: float = 50.0

    def bounds(self) -> tuple[float, ...]:
        return tuple(getattr(self, key) for key in THRESHOLD_KEYS)

    def describe(self) -> str:
        """ "Xuất sắc từ 90%, Tốt từ 80%, Khá từ 70%, Trung bình từ 50%" (for messages)."""
        return ", ".join(f"{g} từ {num(b)}%" for g, b in zip(GRADES, self.bounds(), strict=False))


DEFAULT_THRESHOLDS = Thresholds()


def grade_of(index_pct: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """The grade of one index in %: 85.12 -> "Tốt" with the defaults."""
    value = half_up(float(index_pct), INDEX_DECIMALS)
    for grade, bound in zip(GRADES, thresholds.bounds(), strict=False):
        if value >= bound - 1e-9:
            return grade
    return GRADES[-1]


def grades_of(index_pct: pd.Series, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.Series:
    """Each unit's grade, same index as `index_pct`."""
    return index_pct.map(lambda v: grade_of(v, thresholds)).astype(object)


def grade_counts(grades: pd.Series) -> dict[str, int]:
    """How many units per grade, every grade listed best first (0 where none): the published count."""
    counts = grades.value_counts()
    return {g: int(counts.get(g, 0)) for g in GRADES}


_GRADE_KEYS = {strip_diacritics(g).lower(): g for g in GRADES}
_GRADE_NOISE = re.compile(r"^(xep loai|loai|muc|dat)\s+")


def read_grade(text: object) -> str | None:
    """A grade as a sheet writes it ("TỐT", "Loại Khá", "xuat sac", "Xuất sắc.") -> "Tốt"...; None if not one."""
    if text is None:
        return None
    key = re.sub(r"[^a-z ]+", " ", strip_diacritics(normalise_text(str(text))).lower())
    key = _GRADE_NOISE.sub("", re.sub(r"\s+", " ", key).strip())
    return _GRADE_KEYS.get(key)
