"""A province's results by block, and what changed within each block since the year before.

Pure functions on standing's units frames (`standing.Standing.units`: one row per unit with `name`,
`unit_type`, `value`, `block`, `block_rank`, `grade`, `value_change`, `prev_block_rank`, `block_rank_change`)
and on the previous year's (`Standing.previous`, the same columns for the year before). A unit is its type
and its name (`key`): a phường Tân Phú and a xã Tân Phú are two units. Compared only within the same
block, as the ranks are (blocks.with_previous_block_ranks). Inputs are never mutated.
"""

from __future__ import annotations

import pandas as pd

from ..core import numbers
from ..core.text import collation_key, name_key
from .grades import GRADES
from .measures import weakest_units

MOVERS_SHOWN = 5  # the biggest risers and fallers named per block
BELOW_SHARE = 0.7  # a field "below 70% of its maximum"
FIELD_LOWEST = 2  # the lowest units named per field and block
WHOLE = ""  # the block of the row for the whole group


def key(name: str, unit_type: object) -> tuple[str, str | None]:
    """A unit across tables and years: its name (case, Unicode form, tone style aside) and its type."""
    return name_key(name), unit_type if isinstance(unit_type, str) else None


def _keys(frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    return [key(n, t) for n, t in zip(frame["name"], frame["unit_type"], strict=True)]


def block_table(units: pd.DataFrame, blocks: list[str]) -> pd.DataFrame:
    """One row per block, then the whole group (block WHOLE): number of units, mean, highest, lowest and
    gap of the compared value, and the count per grade (columns GRADES)."""
    rows = []
    for block in [*blocks, WHOLE]:
        group = units if block == WHOLE else units[units["block"] == block]
        values = group["value"].astype(float)
        counts = group["grade"].value_counts()
        rows.append(
            {
                "block": block,
                "n": len(group),
                "mean": numbers.mean(values),
                "highest": float(values.max()),
                "lowest": float(values.min()),
                "gap": numbers.difference(values.max(), values.min()),
                **{g: int(counts.get(g, 0)) for g in GRADES},
            }
        )
    return pd.DataFrame(rows)


def previous_in_block(units: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """`units` with `prev_grade` and `prev_value_in_block`: last year's grade and value of the same unit
    when it was in the same block; empty for a unit new, or in another block, last year."""
    columns = (previous["block"], previous["grade"], previous["value"])
    before = {k: (b, g, v) for k, b, g, v in zip(_keys(previous), *columns, strict=True)}
    found = [before.get(k, (None, None, None)) for k in _keys(units)]
    same = [b == block for (b, _, _), block in zip(found, units["block"], strict=True)]
    return units.assign(
        prev_grade=[g if s else None for (_, g, _), s in zip(found, same, strict=True)],
        prev_value_in_block=[float(v) if s else float("nan") for (_, _, v), s in zip(found, same, strict=True)],
    )


def block_changes(units: pd.DataFrame, previous: pd.DataFrame, blocks: list[str]) -> pd.DataFrame:
    """Per block, then the whole group (block WHOLE): this year's and last year's mean and count per grade
    (last year: the units in that block then), and the changes. Columns: block, mean, prev_mean,
    mean_change, and per grade g: g, "prev " + g, "change " + g."""
    now, then = block_table(units, blocks), block_table(previous, blocks)
    before = {r["block"]: r for r in then.to_dict("records") if r["n"]}
    rows = []
    for r in now.to_dict("records"):
        p = before.get(r["block"])
        row = {"block": r["block"], "mean": r["mean"], "prev_mean": None if p is None else p["mean"]}
        row["mean_change"] = None if p is None else numbers.difference(r["mean"], p["mean"])
        for g in GRADES:
            row[g] = r[g]
            row[f"prev {g}"] = None if p is None else p[g]
            row[f"change {g}"] = None if p is None else r[g] - p[g]
        rows.append(row)
    return pd.DataFrame(rows)


def transitions(units: pd.DataFrame, previous: pd.DataFrame, block: str) -> dict[tuple[str, str], int]:
    """Within one block, how many units went from each grade last year to each grade this year
    ((from, to) -> count; only the pairs that occur): units in that block both years."""
    both = previous_in_block(units[units["block"] == block], previous)
    both = both[both["prev_grade"].notna()]
    counts = both.groupby(["prev_grade", "grade"]).size()
    order = {g: i for i, g in enumerate(GRADES)}
    pairs = sorted(counts.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    return {(a, b): int(n) for (a, b), n in pairs}


def movers(units: pd.DataFrame, block: str, n: int = MOVERS_SHOWN) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n units of a block that rose most, and the n that fell most, in rank within the block since
    last year (ordered by the change of points, then in Vietnamese alphabetical order, among equal changes
    of rank); units that moved as many places as the n-th are all named, so no tie is dropped; a unit whose
    rank did not change is neither."""
    group = units[(units["block"] == block) & units["block_rank_change"].notna()]
    group = group.assign(_change=group["block_rank_change"].astype(int), _key=group["name"].map(collation_key))
    risers = group[group["_change"] > 0].sort_values(
        ["_change", "value_change", "_key"], ascending=[False, False, True], kind="stable"
    )
    fallers = group[group["_change"] < 0].sort_values(
        ["_change", "value_change", "_key"], ascending=[True, True, True], kind="stable"
    )
    drop = ["_change", "_key"]

    def with_ties(frame: pd.DataFrame) -> pd.DataFrame:
        if len(frame) <= n:
            return frame
        cutoff = abs(int(frame["_change"].iloc[n - 1]))
        return frame[frame["_change"].abs() >= cutoff]

    return with_ties(risers).drop(columns=drop), with_ties(fallers).drop(columns=drop)


def last_years_lowest(units: pd.DataFrame, previous: pd.DataFrame, block: str, n: int) -> list[dict]:
    """Last year's n lowest units of a block (ties with the n-th included, as last year's report named
    them), lowest first, each with this year's result: {"name", "unit_type", "prev_value", "prev_rank",
    "prev_size", "value", "rank", "size", "grade", "prev_grade"}; value, rank and grade None for a unit
    not ranked in that block this year."""
    before = previous[previous["block"] == block].reset_index(drop=True)
    if before.empty:
        return []
    lowest = weakest_units(before, before.head(0).assign(unit=[], points_lost=[], code=[]), n)
    now = units[units["block"] == block]
    current = {k: r for k, r in zip(_keys(now), now.to_dict("records"), strict=True)}
    out = []
    for w in lowest.to_dict("records"):
        r = current.get(key(w["name"], w["unit_type"]))
        out.append(
            {
                "name": w["name"],
                "unit_type": w["unit_type"],
                "prev_value": float(w["value"]),
                "prev_rank": int(w["block_rank"]),
                "prev_size": len(before),
                "prev_grade": w["grade"],
                "value": None if r is None else float(r["value"]),
                "rank": None if r is None else int(r["block_rank"]),
                "size": len(now),
                "grade": None if r is None else r["grade"],
            }
        )
    return out


def fields_by_block(
    field_values: pd.DataFrame, fields: pd.DataFrame, units: pd.DataFrame, blocks: list[str]
) -> pd.DataFrame:
    """Per field and block (then the whole group, block WHOLE): the mean field score (against the
    applicable maximum, on the field's scale: measures.field_values), its share of the maximum in %, the
    units at the maximum, the units below BELOW_SHARE of it, and the FIELD_LOWEST lowest units (names,
    lowest first, ties in Vietnamese order; never a unit at the maximum). `field_values` is unit x field
    code, indexed by unit name."""
    rows = []
    block_of = dict(zip(units["name"], units["block"], strict=True))
    for f in fields.itertuples():
        values = field_values[f.code].dropna()
        maximum = float(f.max)
        for block in [*blocks, WHOLE]:
            v = values if block == WHOLE else values[[block_of.get(u) == block for u in values.index]]
            below_max = v[v < maximum - 1e-9]
            ordered = sorted(below_max.index, key=lambda u: (round(float(below_max[u]), 2), collation_key(u)))
            rows.append(
                {
                    "code": f.code,
                    "block": block,
                    "max": maximum,
                    "mean": numbers.mean(v),
                    "pct": numbers.ratio(numbers.exact_sum(v), maximum * len(v)),
                    "n": len(v),
                    "n_full": int((v >= maximum - 1e-9).sum()),
                    "n_below": int((v < BELOW_SHARE * maximum - 1e-9).sum()),
                    "lowest": ordered[:FIELD_LOWEST],
                }
            )
    return pd.DataFrame(rows)
