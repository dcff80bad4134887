"""A group-year's standing, in one call: the body, each unit's block, rank in its block, grade and change
of rank within its block, the weakest units of each block, and the reorganisation if there was one.

Wiring only: the logic is in body.py, blocks.py, grades.py and reorg.py. Inputs are analyse's tables
(`units_table` of the year and of the year before, `lost_criteria`); nothing is mutated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.errors import Problem
from . import blocks, grades, reorg
from .body import Body, body_of
from .settings import Settings


@dataclass
class Standing:
    body: Body
    units: pd.DataFrame  # units_table + block, block_rank, block_size, grade, prev_block_rank, block_rank_change
    block_names: list[str]  # in settings order; [""] for the one ranking
    weakest: dict[str, pd.DataFrame]  # block -> its weakest units, weakest first, with their causes
    grade_counts: dict[str, int]
    reorganisation: reorg.Reorganisation | None  # when set, no rank is compared with the year before
    rules: dict[str, grades.Thresholds] | None = None  # block -> the grade rules it is graded by this year
    # the year before's units as this year's settings rank them (block, block_rank, grade), or None
    previous: pd.DataFrame | None = None

    def notes(self, notes: list[Problem]) -> list[Problem]:
        """The data notes to show: without the per-unit name notes when the units were reorganised."""
        return reorg.without_name_noise(notes) if self.reorganisation else list(notes)


def standing(
    group: str,
    year: int,
    units: pd.DataFrame,
    lost: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    settings: Settings | None = None,
    weakest_n: int = 3,
    weak_fields: dict[str, list[dict]] | None = None,
    field_shares: pd.DataFrame | None = None,
    previous_shares: pd.DataFrame | None = None,
    mergers: dict[str, str] | None = None,
) -> Standing:
    """The standing of one group-year. `group` is the folder name; `units` and `previous` are
    measures.units_table frames (previous None without a year before); settings.weakest wins over
    `weakest_n`; `weak_fields` (summary sheets: unit -> its weakest fields) go with the weakest units;
    `mergers` (the names list's old unit -> new unit) name a reorganised year's predecessors. The
    settings are checked against the year's units when the sheets are read (clean.py):
    here a unit of last year in no block is simply not compared. Grades follow the rules of each unit's
    block and year (grades.rules_for), field floors read on `field_shares` (unit x field %,
    measures.field_shares; `previous_shares` for the year before)."""
    settings = settings or Settings()
    ranked = graded(blocks.with_blocks(units, settings), settings, year, field_shares)
    before = None
    if previous is not None and not previous.empty:
        before = graded(blocks.with_blocks(previous, settings), settings, year - 1, previous_shares)
    found = None
    if before is not None:
        found = reorg.reorganisation(ranked["name"], before["name"], year, year - 1)
        if found:
            found = reorg.with_predecessors(found, ranked, before, mergers)
    ranked = blocks.with_previous_block_ranks(ranked, None if found else before)
    if found:
        ranked = reorg.without_rank_change(ranked)
    return Standing(
        body=body_of(group, ranked["unit_type"], settings),
        units=ranked,
        block_names=blocks.block_names(ranked, settings),
        weakest=blocks.weakest_per_block(ranked, lost, settings.weakest or weakest_n, weak_fields),
        grade_counts=grades.grade_counts(ranked["grade"]),
        reorganisation=found,
        rules=block_rules(ranked, settings, year),
        previous=before,
    )


def block_rules(units: pd.DataFrame, settings: Settings, year: int) -> dict[str, grades.Thresholds]:
    """Each block's grade rules of `year`, by the block's name as shown (`units` with block and
    block_position, blocks.with_blocks): the settings name them as [[block]] does ("Khối {kinds}")."""
    named = {b.name: b.name for b in settings.blocks}
    listed = [b.name for b in settings.blocks]
    out = {}
    for shown, position in zip(units["block"], units.get("block_position", [0] * len(units)), strict=True):
        raw = listed[position - 1] if position else named.get(shown, shown)
        out.setdefault(shown, grades.rules_for(settings, year, raw))
    return out


def graded(units: pd.DataFrame, settings: Settings, year: int, shares: pd.DataFrame | None) -> pd.DataFrame:
    """A copy of `units` (with `block`) whose `grade` follows its block's rules of `year`, floors included."""
    rules = block_rules(units, settings, year)
    rows = shares if shares is not None else pd.DataFrame()
    found = [
        rules[block].grade(index, rows.loc[name].to_dict() if name in rows.index else None)
        for name, block, index in zip(units["name"], units["block"], units["index_pct"], strict=True)
    ]
    return units.assign(grade=pd.Series(found, index=units.index, dtype=object))
