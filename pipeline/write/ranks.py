"""The one ranking every document beside the report states: each unit's rank in its block (x/N), and its
change since last year within the same block, as the report's tables have them (province review, F1).

Without blocks the block is every unit, so the block's rank is the one ranking. A ranking across the
blocks exists only where the settings ask for one ([report] rank_across_blocks = true): then the annex
adds "Hạng chung", the unit letters say it, and summary.json keeps `rank`, `prev_rank` and `rank_change`.
The annex (documents.py), the unit letters (documents.py), summary.json (summary.py) and scores.xlsx
(workbook.py) read the ranks from here.
"""

from __future__ import annotations

import pandas as pd

from ..core import numbers
from ..model import grades
from ..model.analysis import Analysis


def across_blocks(a: Analysis) -> bool:
    """Whether the documents state a rank across the blocks too: only with blocks, and only when asked."""
    return a.in_blocks and bool(a.settings is not None and a.settings.rank_across_blocks)


def overall_rank(a: Analysis) -> bool:
    """Whether a unit's rank over every unit (`rank`) is a published figure: without blocks it is the block's
    own; with blocks only when the settings ask for it."""
    return not a.in_blocks or across_blocks(a)


def by_block(a: Analysis) -> list[tuple[str, pd.DataFrame]]:
    """Each block's units ("" for the one ranking), the blocks in the settings' order, the units in the order
    the report's ranking tables give them (by rank in the block, ties as the report orders them)."""
    return [(block, a.units[a.units["block"] == block]) for block in a.blocks]


def block_mean(a: Analysis, block: str) -> float:
    """The mean of what the block's units are compared on (points, or the index where a maximum is reduced)."""
    return numbers.mean(a.units.loc[a.units["block"] == block, "value"])


def grade_rules(a: Analysis) -> dict[str, grades.Thresholds]:
    """Each block's grade rules of the year (standing.rules: bounds and field floors), in block order."""
    found = a.standing.rules or {}
    return {b: found.get(b, grades.rules_for(a.settings, a.year, b)) for b in a.blocks}
