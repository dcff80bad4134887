"""The analysis of one group-year: the record every output reads (`Analysis`), and `analyse`, which puts the
measures (measures.py) and the standing (standing.py: body, blocks, grades, reorganisation) together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..core.errors import Problem
from . import blocks as blocks_of
from . import history as history_of
from . import progress as progress_of
from .measures import (
    TOTAL_DECIMALS,
    criterion_matrix,
    field_costs,
    field_maxima,
    field_shares,
    field_stats,
    field_table,
    field_values,
    has_criteria,
    in_names_of,
    lost_criteria,
    mean,
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
from .settings import Settings
from .standing import Standing, graded
from .standing import standing as standing_of

if TYPE_CHECKING:
    from .body import Body


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
    field_shares: pd.DataFrame | None = None  # unit x field % of the applicable maximum: grade floors
    # The scoring body, blocks, grades and reorganisation (standing.py); `units` is standing.units, so it
    # carries block, block_rank, block_size, grade, prev_block_rank and block_rank_change too.
    standing: Standing | None = None
    settings: Settings | None = None
    # Every comparable year (history.py): the units' histories, the mean's trend, the units weakest in
    # their block two or more years running, and the movers over the span; empty with one year.
    history: pd.DataFrame | None = None
    trend: pd.DataFrame | None = None
    persistent_weakest: list = field(default_factory=list)
    risers: list = field(default_factory=list)
    fallers: list = field(default_factory=list)
    # The way to the next grade (progress.py), per unit name
    progress: dict = field(default_factory=dict)
    weakest_n: int = 3  # how many weakest units each block names (settings.weakest, else the report's)

    @property
    def history_years(self) -> list[int]:
        return sorted(set(self.history["year"])) if self.history is not None and len(self.history) else [self.year]

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
        return mean(self.units["value"])

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
    earlier: dict[int, pd.DataFrame] | None = None,
    mergers: dict[str, str] | None = None,
) -> Analysis:
    """Everything the report shows of one group-year. The group's `settings` (report.toml) give the body,
    the blocks, the grade thresholds and the number of weakest units (settings.weakest wins over
    `weakest_n`). After a reorganisation (reorg.py) nothing is compared with the year before; `mergers`
    (the names list's old unit -> new unit, names.NameList.mergers) name each new unit's predecessors.
    `earlier` (year -> that year's scores, the year before included) gives the histories (history.py)."""

    previous = in_names_of(previous, scores)  # a unit is its type and its name, in either year's naming
    units = units_table(scores, previous)
    lost = sort_lost(lost_criteria(scores), units)
    detail = has_criteria(scores)
    top_lost = top_lost_criteria(lost)
    by_field = {} if detail else weak_fields(scores)
    has_previous = previous is not None and not previous.empty
    prev_units = units_table(previous) if has_previous else None
    district, year = str(scores["district"].iloc[0]), int(scores["year"].iloc[0])
    shares = field_shares(scores)
    before = field_shares(previous) if has_previous else None
    found = standing_of(district, year, units, lost, prev_units, settings, weakest_n, by_field, shares, before, mergers)
    if found.reorganisation is not None:
        has_previous = False  # said once in the overview (reorg.Reorganisation.sentence); no unit compared
    # every block's weakest units, weakest first (summary.json `weakest_units`; the index page shows the first)
    weakest = [w for w in found.weakest.values() if len(w)]
    weakest = pd.concat(weakest).sort_values("value", kind="stable").reset_index(drop=True) if weakest else None
    criteria = scores[scores["level"] == 2].drop_duplicates("code")
    ranked_years = {y: _ranked(in_names_of(s, scores), y, settings) for y, s in (earlier or {}).items()}
    ranked_years[year] = found.units
    hist = history_of.history(ranked_years)
    risers, fallers = history_of.movers(hist)
    return Analysis(
        history=hist,
        trend=history_of.mean_trend(ranked_years),
        persistent_weakest=history_of.persistent_weakest(
            ranked_years, (settings.weakest if settings else 0) or weakest_n
        ),
        risers=risers if hist["year"].nunique() >= history_of.MIN_YEARS_SHOWN else [],
        fallers=fallers if hist["year"].nunique() >= history_of.MIN_YEARS_SHOWN else [],
        weakest_n=(settings.weakest if settings else 0) or weakest_n,
        progress=progress_of.of_units(found.units, scores, lost, detail, found.rules),
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
        prev_mean=mean(prev_units["value"]) if has_previous else None,
        previous_year=int(previous["year"].iloc[0]) if has_previous else None,
        standing=found,
        settings=settings,
        field_shares=shares,
        prev_field_scores=previous_field_scores(pd.Index(units["name"]), previous) if has_previous else None,
    )


def _ranked(scores: pd.DataFrame, year: int, settings: Settings | None) -> pd.DataFrame:
    """An earlier year's units as its own report ranked and graded them (blocks, that year's rules)."""
    settings = settings or Settings()
    ranked = blocks_of.with_blocks(units_table(scores), settings)
    return graded(ranked, settings, year, field_shares(scores))
