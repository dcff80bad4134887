"""Ranking blocks: units ranked among themselves in groups (Hải Phòng 2025: 45 phường; 68 xã and đặc khu).

One block holding every unit by default (its name ""). A group's settings file splits the units by
type or by named lists (settings.py, `[[block]]`); every unit must fall in exactly one block, and a unit a
list names is in that block, not in a block of its type (a province's central agencies, "Công an tỉnh", are
bodies like its departments but ranked apart). Pure
functions on a units frame (`measures.units_table`: one row per unit with `name`, `unit_type`, `total`,
`index_pct`, `rank`); inputs are never mutated.
"""

from __future__ import annotations

import functools

import pandas as pd

from ..core.errors import ProblemLog
from ..core.text import name_key
from . import grades, measures
from .settings import KINDS_FIELD, Settings
from .units import KIND_ORDER, split_unit_type

ONE_BLOCK = ""  # the block of every unit when the settings define none


def _key(name: str) -> str:
    return name_key(split_unit_type(name)[1])


def assign_blocks(units: pd.DataFrame, settings: Settings, problems: ProblemLog | None = None) -> pd.Series:
    """Each unit's block (a Series of block names indexed like `units`).

    With `problems`, every unit named in a block but absent from `units`, every unit in two blocks and
    every unit in none is an error naming the settings file and the key. A unit left out is in block "".
    """
    if not settings.blocks:
        return pd.Series(ONE_BLOCK, index=units.index, dtype=object)
    report = problems.error if problems is not None else (lambda *a, **k: None)
    keys = units["name"].map(_key)
    types = units["unit_type"].map(lambda t: t.lower() if isinstance(t, str) else None)
    found: dict[object, tuple[int, str]] = {}  # row of units -> (block position, block name)
    named: set[object] = set()  # rows a block names: a unit named in a block is not also in a block by type
    ordered = sorted(enumerate(settings.blocks, 1), key=lambda item: not item[1].units)
    for position, block in ordered:
        if block.units:
            wanted = {_key(u): u for u in block.units}
            for missing in sorted(set(wanted) - set(keys)):
                report(
                    "settings-block-unknown-unit",
                    file=settings.file,
                    key=f"block[{position}].units",
                    block=block.name,
                    unit=wanted[missing],
                )
            members = keys[keys.isin(list(wanted))].index
            named.update(members)
        else:
            members = types[types.isin(block.types)].index.difference(list(named), sort=False)
        for row in members:
            if row in found:
                report(
                    "settings-unit-two-blocks",
                    file=settings.file,
                    key=f"block[{position}]",
                    unit=units.at[row, "name"],
                    first=found[row][1],
                    second=block.name,
                )
            else:
                found[row] = (position, block.name)
    for row in units.index.difference(list(found)):
        report("settings-unit-no-block", file=settings.file, key="block", unit=units.at[row, "name"])
    return pd.Series([found.get(row, (0, ONE_BLOCK))[1] for row in units.index], index=units.index, dtype=object)


def shown_name(name: str, types: object) -> str:
    """A block's name as the report shows it: "{kinds}" replaced by the kinds of unit the block holds that
    year, in the report's order ("Khối {kinds}" -> "Khối xã, thị trấn"; F11 of the province review)."""
    if KINDS_FIELD not in name:
        return name
    present = {t for t in types if isinstance(t, str)}
    return name.replace(KINDS_FIELD, ", ".join(k for k in KIND_ORDER if k in present))


def _positions(settings: Settings) -> dict[str, int]:
    return {b.name: i for i, b in enumerate(settings.blocks, 1)}


def with_blocks(
    units: pd.DataFrame, settings: Settings | None = None, problems: ProblemLog | None = None
) -> pd.DataFrame:
    """A copy of `units` with `block` (its name as shown: `shown_name`), `block_position` (the block's place
    in the settings, 1 for the first; 0 for the one ranking), `block_rank` (competition ranking 1, 2, 2, 4
    within the block, on what units are compared on: `value` where the frame has it, the index where a
    maximum is reduced, else the total), `block_size` and `grade` (from the index, settings' thresholds)."""
    settings = settings or Settings()
    out = units.copy()
    raw = assign_blocks(units, settings, problems)
    out["block_position"] = raw.map(lambda b: _positions(settings).get(b, 0)).astype(int)
    shown = {b: shown_name(b, units.loc[raw == b, "unit_type"]) for b in set(raw)}
    out["block"] = raw.map(shown)
    compared = "value" if "value" in out else "total"
    rank = functools.partial(measures.competition_rank, decimals=measures.MAX_DECIMALS)  # values come rounded
    out["block_rank"] = out.groupby("block", sort=False)[compared].transform(rank).astype(int)
    out["block_size"] = out.groupby("block", sort=False)["name"].transform("size").astype(int)
    out["grade"] = grades.grades_of(out["index_pct"], settings.thresholds)
    return out


def block_names(units: pd.DataFrame, settings: Settings) -> list[str]:
    """The blocks in settings order (those with units, by their shown names), or [""] for the one ranking.
    `units` carries `block` and `block_position` (`with_blocks`)."""
    del settings  # the positions are the settings' order
    named = units[units["block_position"] > 0].drop_duplicates("block_position").sort_values("block_position")
    return list(named["block"]) or [ONE_BLOCK]


def weakest_per_block(
    units: pd.DataFrame, lost: pd.DataFrame, n: int, weak_fields: dict[str, list[dict]] | None = None
) -> dict[str, pd.DataFrame]:
    """The n weakest units of each block (ties with the n-th included), weakest first, with their causes
    (`measures.weakest_units` inside each block; `weak_fields` from summary sheets). `units` carries
    `block` (`with_blocks`)."""
    return {
        block: measures.weakest_units(group.reset_index(drop=True), lost, n, weak_fields)
        for block, group in units.groupby("block", sort=False)
    }


def with_previous_block_ranks(units: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """A copy of `units` with `prev_block_rank` and `block_rank_change` (positive: moved up): compared
    only within the same block (the same place in the settings, whatever its shown name); empty for a
    unit new, or in another block last year."""
    out = units.copy()
    prev: dict[str, tuple[int, int]] = {}
    where = "block_position" if "block_position" in out else "block"
    if previous is not None and not previous.empty:
        prev = {
            name_key(n): (b, r)
            for n, b, r in zip(previous["name"], previous[where], previous["block_rank"], strict=True)
        }
    same = [prev.get(name_key(n), (None, None)) for n in out["name"]]
    out["prev_block_rank"] = pd.array(
        [r if b == block else None for (b, r), block in zip(same, out[where], strict=True)], dtype="Int64"
    )
    out["block_rank_change"] = out["prev_block_rank"] - out["block_rank"]
    return out
