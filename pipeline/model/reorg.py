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
class Predecessor:
    name: str
    unit_type: str | None
    value: float | None  # its compared value the year before, for reference (None: not in that year's data)


@dataclass(frozen=True)
class Reorganisation:
    year: int
    previous_year: int
    n_units: int
    n_without_counterpart: int
    # new unit (name, type) -> the units of the year before merged into it, from the names list's
    # `merged_into` and the unit of the year before that kept its name; empty without a names list
    predecessors: tuple[tuple[tuple[str, str | None], tuple[Predecessor, ...]], ...] = ()
    before_kinds: tuple[tuple[str, int], ...] = ()  # (type, number of units) the year before, KIND_ORDER
    after_kinds: tuple[tuple[str, int], ...] = ()

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


def with_predecessors(
    found: Reorganisation, units: pd.DataFrame, previous: pd.DataFrame, mergers: dict[str, str] | None
) -> Reorganisation:
    """`found` with each new unit's predecessors and the kinds of unit before and after. `units` and
    `previous` are units frames (`name`, `unit_type`, `value`); `mergers` is old name -> new name
    (read/names.NameList.mergers). A unit of the year before with a new unit's name and no merger of its
    own is one of its predecessors: the merged unit took its name."""
    from dataclasses import replace

    from .units import KIND_ORDER

    def kinds(frame: pd.DataFrame) -> tuple[tuple[str, int], ...]:
        counts = frame["unit_type"].value_counts()
        return tuple((k, int(counts[k])) for k in KIND_ORDER if k in counts.index)

    before: dict[str, list[tuple[str, object, float]]] = {}
    for n, t, v in zip(previous["name"], previous["unit_type"], previous["value"], strict=True):
        before.setdefault(name_key(n), []).append((n, t, float(v)))
    merged = {name_key(old): new for old, new in (mergers or {}).items()}
    into: dict[str, list[str]] = {}
    for old, new in (mergers or {}).items():
        into.setdefault(name_key(new), []).append(old)
    out = []
    if mergers:
        for n, t in zip(units["name"], units["unit_type"], strict=True):
            olds = [] if name_key(n) in merged else [n] if name_key(n) in before else []
            olds += into.get(name_key(n), [])
            found_olds = []
            for old in olds:
                matches = before.get(name_key(old)) or [(old, None, None)]
                found_olds += [Predecessor(o, t2 if isinstance(t2, str) else None, v) for o, t2, v in matches]
            out.append(((n, t if isinstance(t, str) else None), tuple(found_olds)))
    return replace(found, predecessors=tuple(out), before_kinds=kinds(previous), after_kinds=kinds(units))


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
