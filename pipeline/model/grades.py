"""Grades (xếp loại) from the index in %: Xuất sắc, Tốt, Khá, Trung bình, Yếu, by the rules a province sets.

Each province sets its own rules by decision, and they differ by block and by year (Nam Định 2020: Nhóm I
from 90% for its departments, from 80% for its districts). The defaults, lower bounds of the index in %:

    Xuất sắc  >= 90      Tốt  >= 80      Khá  >= 70      Trung bình  >= 50      Yếu  < 50

They follow the bands the Ministry of Home Affairs publishes the national PAR Index in (group A from
90%, B from 80% to under 90%, C from 70% to under 80%) and the grades provinces publish on them
(Tây Ninh 2021: "tốt" above 80%, "khá" under 80%, "trung bình" at 63,40%). A grade may also set a floor
per field: Hải Dương 2024 grades "Xuất sắc" from 90% "with no field below 80%" and "Tốt" from 80% with
none below 70%; a unit whose index earns a grade but one of whose fields is below that grade's floor
gets the highest grade whose every condition it meets.

A unit's grade is read on its index rounded to 2 decimals as published (core/numbers.py): 89,995% is
90,00%, so Xuất sắc; a field's share likewise (score / the unit's applicable maximum of the field).

`Thresholds` is one set of rules (bounds and floors); `GradeRules` holds a group's rules by year and
block as report.toml sets them (settings.py, `[grades]`), and `rules_for(settings, year, block)` gives the
rules one block of one year is graded by. `Thresholds.verdict` says, for one unit, which grade, what the
index alone would earn, and which fields' floors block the next grade up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..core.numbers import half_up
from ..core.text import normalise_text, num, strip_diacritics

GRADES = ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")  # best first
THRESHOLD_KEYS = ("xuat_sac", "tot", "kha", "trung_binh")  # the settings keys, one per grade but Yếu
INDEX_DECIMALS = 2
NO_FLOORS = (None, None, None, None)


@dataclass(frozen=True)
class FloorMiss:
    """A field below the floor a grade sets: field `code` at `share` % of its maximum, the floor `floor` %."""

    code: str
    share: float
    floor: float


@dataclass(frozen=True)
class Verdict:
    """One unit's grade under a set of rules.

    `grade` is the grade given; `by_index` the grade the index alone earns (they differ when a field floor
    holds the unit back); `next_grade` the grade above `grade` (None for Xuất sắc), with its index bound
    `next_bound` and the fields below its floor, `blocking` (empty when it sets none or all fields reach it).
    """

    grade: str
    by_index: str
    next_grade: str | None
    next_bound: float | None
    blocking: tuple[FloorMiss, ...]


@dataclass(frozen=True)
class Thresholds:
    """One set of grade rules: the lower bound of the index (%) of each grade but the last (Yếu is below
    `trung_binh`), and `floors`, per grade in the same order, the share (%) below which no field may be for
    that grade (None: no floor)."""

    xuat_sac: float = 90.0
    tot: float = 80.0
    kha: float = 70.0
    trung_binh: float = 50.0
    floors: tuple[float | None, ...] = NO_FLOORS

    def bounds(self) -> tuple[float, ...]:
        return tuple(getattr(self, key) for key in THRESHOLD_KEYS)

    def floor(self, grade: str) -> float | None:
        """The field floor of `grade` (None where it sets none, and for Yếu)."""
        position = GRADES.index(grade)
        return self.floors[position] if position < len(self.floors) else None

    @property
    def has_floors(self) -> bool:
        return any(f is not None for f in self.floors)

    def clauses(self) -> list[str]:
        """Each grade's rule in Vietnamese, best first, Yếu last: "Xuất sắc từ 90% (không có lĩnh vực nào
        dưới 80%)", …, "Yếu dưới 50%". For a note under a table or a sentence (lower-case them there)."""
        out = []
        for grade, bound, floor in zip(GRADES, self.bounds(), self.floors, strict=False):
            rule = f"{grade} từ {num(bound)}%"
            out.append(rule + (f" (không có lĩnh vực nào dưới {num(floor)}%)" if floor is not None else ""))
        return out + [f"{GRADES[-1]} dưới {num(self.bounds()[-1])}%"]

    def describe(self) -> str:
        """ "Xuất sắc từ 90%, Tốt từ 80%, Khá từ 70%, Trung bình từ 50%" (for messages), floors in brackets."""
        return ", ".join(self.clauses()[:-1])

    def verdict(self, index_pct: float, fields: Mapping[str, float] | None = None) -> Verdict:
        """The grade of one unit from its index (%) and its fields' shares (% of each field's applicable
        maximum, code -> share; needed only where a grade sets a floor)."""
        value = half_up(float(index_pct), INDEX_DECIMALS)
        shares = {code: half_up(float(v), INDEX_DECIMALS) for code, v in (fields or {}).items() if not pd.isna(v)}
        by_index = _by_index(value, self.bounds())
        grade = GRADES[-1]
        for position, (name, bound) in enumerate(zip(GRADES, self.bounds(), strict=False)):
            if value >= bound - 1e-9 and not self._misses(position, shares):
                grade = name
                break
        position = GRADES.index(grade)
        if position == 0:
            return Verdict(grade, by_index, None, None, ())
        above = position - 1
        return Verdict(grade, by_index, GRADES[above], self.bounds()[above], self._misses(above, shares))

    def _misses(self, position: int, shares: Mapping[str, float]) -> tuple[FloorMiss, ...]:
        floor = self.floors[position] if position < len(self.floors) else None
        if floor is None:
            return ()
        return tuple(FloorMiss(code, share, floor) for code, share in shares.items() if share < floor - 1e-9)

    def grade(self, index_pct: float, fields: Mapping[str, float] | None = None) -> str:
        return self.verdict(index_pct, fields).grade


Rules = Thresholds  # the name the writers and issue 27 use: one block-year's rules
DEFAULT_THRESHOLDS = Thresholds()


def _by_index(value: float, bounds: tuple[float, ...]) -> str:
    for grade, bound in zip(GRADES, bounds, strict=False):
        if value >= bound - 1e-9:
            return grade
    return GRADES[-1]


def grade_of(
    index_pct: float, thresholds: Thresholds = DEFAULT_THRESHOLDS, fields: Mapping[str, float] | None = None
) -> str:
    """The grade of one index in %: 85.12 -> "Tốt" with the defaults; `fields` (code -> share %) where
    the rules set field floors."""
    return thresholds.grade(index_pct, fields)


def grades_of(
    index_pct: pd.Series, thresholds: Thresholds = DEFAULT_THRESHOLDS, fields: pd.DataFrame | None = None
) -> pd.Series:
    """Each unit's grade, same index as `index_pct`; `fields`: unit x field share (%), same index."""
    if fields is None or not thresholds.has_floors:
        return index_pct.map(lambda v: grade_of(v, thresholds)).astype(object)
    rows = fields.reindex(index_pct.index)
    return pd.Series(
        [grade_of(v, thresholds, rows.loc[u].to_dict()) for u, v in index_pct.items()], index=index_pct.index
    ).astype(object)


# A grade's rule as one level of report.toml gives it: (lower bound %, floor % or None).
GradeRule = tuple[float, float | None]


@dataclass(frozen=True)
class GradeRules:
    """A group's grade rules as its settings set them, by level: `levels` maps (year or None, block name
    or None) to the grades that level sets, {settings key: (bound, floor)}. A block-year is graded by the
    defaults, then [grades], then [grades.<year>], then [grades."<block>"], then [grades.<year>."<block>"]:
    each level replaces the rule of each grade it names, bound and floor."""

    levels: dict[tuple[int | None, str | None], dict[str, GradeRule]] = field(default_factory=dict)

    def rules(self, year: int | None = None, block: str | None = None) -> Thresholds:
        """The rules block `block` ("" or None: the one ranking) of `year` is graded by."""
        block = block or None
        merged: dict[str, GradeRule] = {
            key: (b, None) for key, b in zip(THRESHOLD_KEYS, DEFAULT_THRESHOLDS.bounds(), strict=True)
        }
        for level in ((None, None), (year, None), (None, block), (year, block)):  # general to particular
            merged.update(self.levels.get(level, {}))
        bounds = {key: merged[key][0] for key in THRESHOLD_KEYS}
        return Thresholds(**bounds, floors=tuple(merged[key][1] for key in THRESHOLD_KEYS))

    @property
    def default(self) -> Thresholds:
        return self.rules()

    def years(self) -> list[int]:
        return sorted({y for y, _ in self.levels if y is not None})

    def blocks(self) -> list[str]:
        return sorted({b for _, b in self.levels if b is not None})


DEFAULT_RULES = GradeRules()


def rules_for(settings, year: int | None = None, block: str | None = None) -> Thresholds:
    """The grade rules of one block ("" for the one ranking) of one year, from a group's settings
    (settings.Settings; None: the defaults). `.bounds()`, `.floor(grade)`, `.clauses()` describe them;
    `.verdict(index, fields)` grades one unit and names the floors that block its next grade."""
    rules = getattr(settings, "grade_rules", None) or DEFAULT_RULES
    return rules.rules(year, block)


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
