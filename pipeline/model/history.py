"""Every year of a group's data, not only the last: each unit's history, the mean's trend, who stays weakest.

The report compares with the year before; a council asks first about the units that are weak year after
year, and a unit's letter shows how its rank and score moved. Inputs are the ranked units frames of each
year (`blocks.with_blocks` of `measures.units_table`), keyed by year.

Across a reorganisation (reorg.py) a unit's history starts anew: the years before it are not compared.
Units are matched across years as the report matches them with the year before (by name, as
`blocks.with_previous_block_ranks` does).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import numbers
from ..core.text import collation_key, name_key
from . import reorg

HISTORY_COLUMNS = ("year", "total", "index_pct", "block_rank", "block_size", "grade")
MIN_YEARS_SHOWN = 3  # a chart, the mean's trend and the movers over the period from this many years
PERSISTENT_YEARS = 2  # weakest in the block this many consecutive years, this year included
MOVERS_SHOWN = 5


def match_key(name: str) -> str:
    return name_key(name)


def comparable_years(years: dict[int, pd.DataFrame]) -> list[int]:
    """The years a unit's history spans, oldest first: the latest year and the years before it, back to the
    first reorganisation met (its later year is kept, the earlier ones go)."""
    present = sorted(years)
    if not present:
        return []
    kept = [present[-1]]
    for before in reversed(present[:-1]):
        after = kept[0]
        found = reorg.reorganisation(years[after]["name"], years[before]["name"], after, before)
        if found is not None:
            break
        kept.insert(0, before)
    return kept


def history(years: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """One row per unit of the latest year and comparable year it has data for: name (the latest year's
    name), unit_type, year, total, index_pct, value, block, block_rank, block_size, grade; by unit, oldest
    year first."""
    span = comparable_years(years)
    if not span:
        return pd.DataFrame(columns=["name", "unit_type", *HISTORY_COLUMNS, "value", "block"])
    latest = years[span[-1]]
    names = {match_key(n): n for n in latest["name"]}
    types = dict(zip(latest["name"], latest["unit_type"], strict=True))
    rows = []
    for year in span:
        frame = years[year]
        for u in frame.itertuples():
            name = names.get(match_key(u.name))
            if name is None:
                continue
            rows.append(
                {
                    "name": name,
                    "unit_type": types[name],
                    "year": year,
                    "total": float(u.total),
                    "index_pct": float(u.index_pct),
                    "value": float(u.value),
                    "block": u.block,
                    "block_rank": int(u.block_rank),
                    "block_size": int(u.block_size),
                    "grade": u.grade,
                }
            )
    out = pd.DataFrame(rows)
    order = {n: i for i, n in enumerate(latest["name"])}
    out = out.assign(_u=out["name"].map(order)).sort_values(["_u", "year"], kind="stable").drop(columns="_u")
    return out.reset_index(drop=True)


def by_unit(hist: pd.DataFrame | None) -> dict[str, list[dict]]:
    """Every unit's `history`, summary.json's and its letter's: {year, total, index_pct, block_rank, block_size,
    grade} per year, oldest first (the table is ordered by unit, then year: history()), this year included. One
    pass over the table (filtering it once per unit was quadratic in a province's units)."""
    out: dict[str, list[dict]] = {}
    if hist is None:
        return out
    for r in hist.itertuples():
        out.setdefault(r.name, []).append(
            {
                "year": int(r.year),
                "total": float(r.total),
                "index_pct": float(r.index_pct),
                "block_rank": int(r.block_rank),
                "block_size": int(r.block_size),
                "grade": r.grade,
            }
        )
    return out


def mean_trend(years: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """The mean of the compared value per comparable year, for the whole group and per block: columns year,
    block ("" for the whole group), n_units, mean (exact, rounded half up as published: core/numbers.py)."""
    rows = []
    for year in comparable_years(years):
        frame = years[year]
        rows.append({"year": year, "block": "", "n_units": len(frame), "mean": numbers.mean(frame["value"])})
        if frame["block"].nunique() > 1:
            for block, group in frame.groupby("block", sort=False):
                rows.append({"year": year, "block": block, "n_units": len(group), "mean": numbers.mean(group["value"])})
    return pd.DataFrame(rows, columns=["year", "block", "n_units", "mean"])


def _weakest_in_block(frame: pd.DataFrame, n: int) -> set[str]:
    """The match keys of each block's n lowest units on the compared value, ties with the n-th included
    (as measures.weakest_units)."""
    out: set[str] = set()
    for _, group in frame.groupby("block", sort=False):
        values = group["value"].sort_values(kind="stable")
        cutoff = values.iloc[min(n, len(values)) - 1]
        out |= {match_key(name) for name in group.loc[group["value"] <= cutoff, "name"]}
    return out


@dataclass(frozen=True)
class Persistent:
    name: str
    unit_type: str | None
    block: str
    years: tuple[int, ...]  # consecutive, ending with the latest year


def persistent_weakest(years: dict[int, pd.DataFrame], n: int, min_years: int = PERSISTENT_YEARS) -> list[Persistent]:
    """The units among the n weakest of their block in each of `min_years` or more consecutive years ending
    with the latest one (consecutive calendar years, within the comparable span); the longest runs first,
    then weakest first this year."""
    span = comparable_years(years)
    if len(span) < min_years:
        return []
    weak = {year: _weakest_in_block(years[year], n) for year in span}
    latest = years[span[-1]]
    found = []
    for u in latest.sort_values("value", kind="stable").itertuples():
        key, run = match_key(u.name), []
        for year in reversed(span):
            if key not in weak[year] or (run and run[0] != year + 1):
                break
            run.insert(0, year)
        if len(run) >= min_years:
            unit_type = u.unit_type if isinstance(u.unit_type, str) else None
            found.append(Persistent(u.name, unit_type, u.block, tuple(run)))
    return sorted(found, key=lambda p: -len(p.years))


@dataclass(frozen=True)
class Move:
    name: str
    unit_type: str | None
    block: str
    first_year: int
    first_value: float
    year: int
    value: float
    change: float  # value - first_value, unrounded


def movers(hist: pd.DataFrame, n: int = MOVERS_SHOWN) -> tuple[list[Move], list[Move]]:
    """The n units that rose most and the n that fell most over the comparable span (first year of the span
    against the latest; units present in both), ties in Vietnamese alphabetical order."""
    if hist.empty or hist["year"].nunique() < 2:
        return [], []
    first, last = hist["year"].min(), hist["year"].max()
    start = hist[hist["year"] == first].set_index("name")
    end = hist[hist["year"] == last].set_index("name")
    both = [name for name in end.index if name in start.index]
    moves = [
        Move(
            name,
            end.at[name, "unit_type"] if isinstance(end.at[name, "unit_type"], str) else None,
            end.at[name, "block"],
            int(first),
            float(start.at[name, "value"]),
            int(last),
            float(end.at[name, "value"]),
            float(end.at[name, "value"]) - float(start.at[name, "value"]),
        )
        for name in both
    ]
    rising = sorted((m for m in moves if m.change > 0), key=lambda m: (-m.change, collation_key(m.name)))
    falling = sorted((m for m in moves if m.change < 0), key=lambda m: (m.change, collation_key(m.name)))
    return rising[:n], falling[:n]
