"""A year whose units were reorganised (the July 2025 merger): detected once, said once.

When most of a year's units have no counterpart of the same name the year before, ranks cannot be
compared: the report says so in one sentence, and the per-unit notes a changed list of units brings
(each new unit, every unit of the list not found) are left out. The names list may map an old unit to
the unit it was merged into (column `merged_into`, beside `name`, `type`, `aliases`), for information
only: the change of rank stays empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..core.errors import Problem
from ..core.text import name_key

REORGANISED_SHARE = 0.5  # more than half of the units without a counterpart: a reorganisation
NAME_NOISE = {"name-new", "names-missing"}  # per-unit notes that a reorganisation makes meaningless


@dataclass(frozen=True)
class Reorganisation:
    year: int
    previous_year: int
    n_units: int
    n_without_counterpart: int

    @property
    def sentence(self) -> str:
        """The one sentence the report says."""
        return (
            f"Năm {self.year}, các đơn vị hành chính đã được sắp xếp lại ({self.n_without_counterpart}/"
            f"{self.n_units} đơn vị không có đơn vị tương ứng trong năm {self.previous_year}), nên không so "
            f"sánh thứ hạng với năm {self.previous_year}."
        )


def reorganisation(
    units: Iterable[str], previous_units: Iterable[str], year: int, previous_year: int
) -> Reorganisation | None:
    """The reorganisation between two years' units (canonical names), or None when most units match."""
    names = list(dict.fromkeys(units))
    before = {name_key(u) for u in previous_units}
    if not names or not before:
        return None
    without = sum(name_key(u) not in before for u in names)
    if without <= REORGANISED_SHARE * len(names):
        return None
    return Reorganisation(year, previous_year, len(names), without)


def without_rank_change(units: pd.DataFrame) -> pd.DataFrame:
    """A copy of a units frame with the comparison with last year emptied (the columns present of
    prev_rank, rank_change, prev_block_rank, block_rank_change; prev_value, value_change)."""
    out = units.copy()
    for column in ("prev_rank", "rank_change", "prev_block_rank", "block_rank_change"):
        if column in out:
            out[column] = pd.array([None] * len(out), dtype="Int64")
    for column in ("prev_value", "value_change"):
        if column in out:
            out[column] = float("nan")
    return out


def without_name_noise(notes: list[Problem]) -> list[Problem]:
    """The notes without the per-unit ones a reorganisation brings ("not in the names list", "not found")."""
    return [p for p in notes if p.rule not in NAME_NOISE]


def merged_from(mergers: dict[str, str]) -> dict[str, list[str]]:
    """new unit -> the old units merged into it, in the list's order: for the report's information."""
    out: dict[str, list[str]] = {}
    for old, new in mergers.items():
        out.setdefault(new, []).append(old)
    return out
