"""The analysis of one group-year: the record every output reads (`Analysis`), and `analyse`, which puts the
measures (measures.py) and the standing (standing.py: body, blocks, grades, reorganisation) together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..core.errors import Problem
from .measures import (
    TOTAL_DECIMALS,
    criterion_matrix,
    field_costs,
    field_maxima,
    field_stats,
    field_table,
    field_values,
    has_criteria,
    lost_criteria,
    not_applicable,
    previous_field_scores,
    self_assessment,
    self_assessment_gaps,
    sort_lost,
    top_lost_criteria,
    total_decimals,
    units_table,
    uses_index,
    weak_fields,
)
from .standing import Standing
from .standing import standing as standing_of

if TYPE_CHECKING:
    from .body import Body
    from .settings import Settings


@dataclass
class Analysis:
    district: str
    year: int
    has_criteria: bool
    units: pd.DataFrame
    fields: pd.DataFrame
    field_scores: pd.DataFrame
    lost: pd.DataFrame
    weakest: pd.DataFrame
    top_lost: pd.DataFrame
    gaps: pd.DataFrame
    has_previous: bool
    notes: list[Problem] = field(default_factory=list)  # what reading the sheets found and fixed
    uses_index: bool = False  # units compared on score / applicable maximum (some maximum is reduced)
    decimals: int = TOTAL_DECIMALS  # of scores and totals in tables: 3 for a table published so ("97,685")
    field_values: pd.DataFrame | None = None  # unit x field, as compared (field_values)
    field_max: pd.DataFrame | None = None  # unit x field applicable maximum
    costs: dict[str, pd.DataFrame] = field(default_factory=dict)  # field code -> criteria that cost most
    not_applicable: pd.DataFrame | None = None
    self_assessment: dict | None = None
    matrix: pd.DataFrame | None = None  # unit x criterion appraised scores
    criterion_names: dict[str, str] = field(default_factory=dict)
    weak_fields: dict[str, list[dict]] = field(default_factory=dict)  # summary sheets: unit -> weakest fields
    prev_mean: float | None = None  # last year's average of the compared value
    previous_year: int | None = None
    prev_field_scores: pd.DataFrame | None = None  # unit x field, last year (previous_field_scores)
    # The scoring body, blocks, grades and reorganisation (standing.py); `units` is standing.units, so it
    # carries block, block_rank, block_size, grade, prev_block_rank and block_rank_change too.
    standing: Standing | None = None
    settings: Settings | None = None

    @property
    def body(self) -> Body:
        return self.standing.body

    @property
    def blocks(self) -> list[str]:
        """The ranking blocks in settings order; [""] for the one ranking."""
        return self.standing.block_names

    @property
    def in_blocks(self) -> bool:
        return self.blocks != [""]

    @property
    def reorganisation(self):
        """standing's reorganisation.Reorganisation, or None: when set, nothing is compared by unit."""
        return self.standing.reorganisation

    @property
    def mean(self) -> float:
        """The district's average, on what units are compared on (index or points)."""
        return round(float(self.units["value"].mean()), 2)

    @property
    def full_max(self) -> float:
        """The criteria set's maximum (100 in every sample): the scale of totals and of the index."""
        return float(self.units["full_max"].max())

    @property
    def warnings(self) -> list[str]:
        return [str(p) for p in self.notes]

    @property
    def warnings_vi(self) -> list[str]:
        return [p.text_vi() for p in self.notes]


def analyse(
    scores: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    weakest_n: int = 3,
    notes: list[Problem] | None = None,
    settings: Settings | None = None,
    mergers: dict[str, str] | None = None,
) -> Analysis:
    """Everything the report shows of one group-year. The group's `settings` (report.toml) give the body,
    the blocks, the grade thresholds and the number of weakest units (settings.weakest wins over
    `weakest_n`). After a reorganisation (reorg.py) nothing is compared with the year before; `mergers`
    (the names list's old unit -> new unit, names.NameList.mergers) name each new unit's predecessors."""

    units = units_table(scores, previous)
    lost = sort_lost(lost_criteria(scores), units)
    detail = has_criteria(scores)
    top_lost = top_lost_criteria(lost)
    by_field = {} if detail else weak_fields(scores)
    has_previous = previous is not None and not previous.empty
    prev_units = units_table(previous) if has_previous else None
    district, year = str(scores["district"].iloc[0]), int(scores["year"].iloc[0])
    found = standing_of(district, year, units, lost, prev_units, settings, weakest_n, by_field, mergers)
    if found.reorganisation is not None:
        has_previous = False  # said once in the overview (reorg.Reorganisation.sentence); no unit compared
    # every block's weakest units, weakest first (summary.json `weakest_units`; the index page shows the first)
    weakest = [w for w in found.weakest.values() if len(w)]
    weakest = pd.concat(weakest).sort_values("value", kind="stable").reset_index(drop=True) if weakest else None
    criteria = scores[scores["level"] == 2].drop_duplicates("code")
    return Analysis(
        district=district,
        year=year,
        has_criteria=detail,
        units=found.units,
        fields=field_stats(scores, previous if has_previous else None),
        field_scores=field_table(scores),
        lost=lost,
        weakest=found.units.head(0).assign(causes=[], weak_fields=[]) if weakest is None else weakest,
        top_lost=top_lost,
        gaps=self_assessment_gaps(scores),
        has_previous=has_previous,
        notes=found.notes(list(notes or [])),
        uses_index=uses_index(scores),
        decimals=total_decimals(scores),
        field_values=field_values(scores),
        field_max=field_maxima(scores),
        costs=field_costs(top_lost),
        not_applicable=not_applicable(scores),
        self_assessment=self_assessment(units),
        matrix=criterion_matrix(scores, units),
        weak_fields=by_field,
        criterion_names=dict(zip(criteria["code"], criteria["name"], strict=True)),
        prev_mean=round(float(prev_units["value"].mean()), 2) if has_previous else None,
        previous_year=int(previous["year"].iloc[0]) if has_previous else None,
        standing=found,
        settings=settings,
        prev_field_scores=previous_field_scores(pd.Index(units["name"]), previous) if has_previous else None,
    )
