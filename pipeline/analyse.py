"""Everything the report computes from the tidy score table: pure functions, inputs never mutated."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .errors import Problem
from .text import name_key

TOTAL_DECIMALS = 2  # ranks compare totals rounded as the council publishes them
CAUSES_PER_UNIT = 5


def has_criteria(scores: pd.DataFrame) -> bool:
    """Whether the data carries criterion detail (detail sheets) or only field scores (summary sheet)."""
    return bool((scores["level"] > 1).any())


def competition_rank(totals: pd.Series) -> pd.Series:
    """1, 2, 2, 4 ranking, highest total first, on totals rounded to 2 decimals."""
    return totals.round(TOTAL_DECIMALS).rank(method="min", ascending=False).astype(int)


def field_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Unit x field appraised scores, fields in sheet order."""
    fields = scores[scores["level"] == 1]
    wide = fields.pivot(index="unit", columns="code", values="score")
    return wide[sorted(wide.columns, key=int)]


def units_table(scores: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per unit: total, maximum, index %, rank, previous rank, full-mark counts; by rank."""
    fields = scores[scores["level"] == 1]
    per_unit = fields.groupby("unit").agg(
        total=("score", "sum"),
        max=("max_applicable", "sum"),
        fields_full=("score", lambda s: int(_full(fields.loc[s.index]).sum())),
        n_fields=("applicable", "sum"),
    )
    per_unit["unit_type"] = scores.groupby("unit")["unit_type"].first()
    criteria = scores[(scores["level"] == 2) & scores["applicable"]]
    if len(criteria):
        full = _full(criteria)
        per_unit["criteria_full"] = full.groupby(criteria["unit"]).sum().astype(int)
        per_unit["n_criteria"] = criteria.groupby("unit").size()
    else:
        per_unit["criteria_full"] = pd.NA
        per_unit["n_criteria"] = pd.NA
    per_unit["total"] = per_unit["total"].round(TOTAL_DECIMALS)
    per_unit["index_pct"] = (per_unit["total"] / per_unit["max"] * 100).round(2)
    per_unit["rank"] = competition_rank(per_unit["total"])
    per_unit["prev_rank"] = _previous_ranks(per_unit.index, previous)
    per_unit["rank_change"] = per_unit["prev_rank"] - per_unit["rank"]  # positive: moved up
    per_unit = per_unit.reset_index().rename(columns={"unit": "name"})
    return per_unit.sort_values(["rank", "name"], kind="stable").reset_index(drop=True)


def _full(rows: pd.DataFrame) -> pd.Series:
    """Rows at full marks: the unit's own maximum there (not-applicable criteria left out) reached."""
    return rows["applicable"] & (rows["score"] >= rows["max_applicable"] - 1e-9)


def _previous_ranks(units: pd.Index, previous: pd.DataFrame | None) -> pd.Series:
    if previous is None or previous.empty:
        return pd.Series(pd.NA, index=units, dtype="Int64")
    prev = units_table(previous)
    by_key = dict(zip(prev["name"].map(name_key), prev["rank"], strict=True))
    return pd.Series([by_key.get(name_key(u)) for u in units], index=units, dtype="Int64")


def field_stats(scores: pd.DataFrame) -> pd.DataFrame:
    """Per field, in sheet order: criteria counts, maximum, mean, best and worst, full marks."""
    fields = scores[scores["level"] == 1]
    rows = []
    for code, group in fields.groupby("code", sort=False):
        by_unit = group.set_index("unit")["score"]
        maximum = float(group["max"].max())
        rows.append(
            {
                "code": code,
                "name": group["name"].iloc[0],
                "max": maximum,
                "n_criteria": int(((scores["level"] == 2) & (scores["field"] == code)).sum() / max(len(group), 1)),
                "n_subcriteria": int(((scores["level"] == 3) & (scores["field"] == code)).sum() / max(len(group), 1)),
                "mean": round(float(by_unit.mean()), 2),
                "best_score": float(by_unit.max()),
                "best_units": sorted(by_unit[by_unit == by_unit.max()].index),
                "worst_score": float(by_unit.min()),
                "worst_units": sorted(by_unit[by_unit == by_unit.min()].index),
                "n_full": int(_full(group).sum()),
                "n_units": int(len(by_unit)),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values("code", key=lambda c: c.astype(int), kind="stable").reset_index(drop=True)


def lost_criteria(scores: pd.DataFrame) -> pd.DataFrame:
    """Every criterion (sub-criteria summed) where a unit lost points, with the reasons recorded.

    `reasons` lists the criterion's own reason and those of its sub-criteria that lost points;
    `reason` joins them for display.
    """
    criteria = scores[(scores["level"] == 2) & scores["applicable"]]
    lost = criteria[criteria["score"] < criteria["max_applicable"] - 1e-9]
    sub_reasons = _sub_reasons(scores)
    reasons = [
        _reasons(own, sub_reasons.get((unit, code)))
        for own, unit, code in zip(lost["reason"], lost["unit"], lost["code"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "unit": lost["unit"],
            "code": lost["code"],
            "name": lost["name"],
            "field": lost["field"],
            "max": lost["max_applicable"],
            "score": lost["score"],
            "points_lost": (lost["max_applicable"] - lost["score"]).round(2),
            "reason": ["; ".join(r) if r else None for r in reasons],
            "reasons": reasons,
        }
    )
    return frame.reset_index(drop=True)


def _sub_reasons(scores: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    subs = scores[(scores["level"] == 3) & scores["reason"].notna() & (scores["score"] < scores["max_applicable"])]
    grouped: dict[tuple[str, str], list[str]] = {}
    for unit, code, reason in zip(subs["unit"], subs["code"], subs["reason"], strict=True):
        grouped.setdefault((unit, code.rsplit(".", 1)[0]), []).append(reason)
    return grouped


def _reasons(own: object, subs: list[str] | None) -> list[str]:
    found = ([own] if isinstance(own, str) and own else []) + (subs or [])
    return list(dict.fromkeys(found))


def weakest_units(units: pd.DataFrame, lost: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n lowest totals, ties with the n-th included, weakest first, with their main causes."""
    if units.empty or n <= 0:
        return units.head(0).assign(causes=[])
    ordered = units.sort_values(["total", "name"], kind="stable")
    cutoff = ordered["total"].iloc[min(n, len(ordered)) - 1]
    weakest = ordered[ordered["total"] <= cutoff].copy()
    weakest["causes"] = [_causes(lost, name) for name in weakest["name"]]
    return weakest.reset_index(drop=True)


def _causes(lost: pd.DataFrame, unit: str) -> list[dict]:
    mine = lost[lost["unit"] == unit].sort_values(["points_lost", "code"], ascending=[False, True], kind="stable")
    return [
        {"code": r.code, "name": r.name, "points_lost": float(r.points_lost), "reason": r.reason}
        for r in mine.head(CAUSES_PER_UNIT).itertuples()
    ]


def top_lost_criteria(lost: pd.DataFrame) -> pd.DataFrame:
    """Criteria that cost the district most points, with how many units lost there and why."""
    columns = ["code", "name", "field", "points_lost", "units_affected", "units", "reasons"]
    if lost.empty:
        return pd.DataFrame(columns=columns)
    grouped = (
        lost.groupby("code", sort=False)
        .agg(
            name=("name", "first"),
            field=("field", "first"),
            points_lost=("points_lost", "sum"),
            units_affected=("unit", "nunique"),
            units=("unit", lambda u: sorted(set(u))),
            reasons=("reasons", _most_frequent_first),
        )
        .reset_index()
    )
    grouped["points_lost"] = grouped["points_lost"].round(2)
    grouped = grouped.sort_values(["points_lost", "code"], ascending=[False, True], kind="stable")
    return grouped[columns].reset_index(drop=True)


def _most_frequent_first(lists: pd.Series) -> list[str]:
    """Distinct reasons, the most frequent first, ties in order of first appearance."""
    flat = [reason for reasons in lists for reason in reasons]
    return sorted(dict.fromkeys(flat), key=lambda r: (-flat.count(r), flat.index(r)))


def self_assessment_gaps(scores: pd.DataFrame) -> pd.DataFrame:
    """Units whose self-assessed total most exceeds the appraised total, largest gap first."""
    fields = scores[(scores["level"] == 1) & scores["self_score"].notna()]
    if fields.empty:
        return pd.DataFrame(columns=["name", "self_total", "total", "gap"])
    totals = fields.groupby("unit").agg(self_total=("self_score", "sum"), total=("score", "sum")).round(2)
    totals["gap"] = (totals["self_total"] - totals["total"]).round(2)
    totals = totals.reset_index().rename(columns={"unit": "name"})
    return totals.sort_values(["gap", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


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

    @property
    def warnings(self) -> list[str]:
        return [str(p) for p in self.notes]

    @property
    def warnings_vi(self) -> list[str]:
        return [p.text_vi() for p in self.notes]

    def to_summary(self) -> dict:
        """The summary.json contract (README, "summary.json")."""
        scores = self.field_scores
        return {
            "district": self.district,
            "year": int(self.year),
            "n_units": int(len(self.units)),
            "has_criteria": self.has_criteria,
            "mean_total": round(float(self.units["total"].mean()), 2),
            "units": [
                {
                    "name": u.name,
                    "type": None if pd.isna(u.unit_type) else u.unit_type,
                    "total": float(u.total),
                    "max": float(u.max),
                    "index_pct": float(u.index_pct),
                    "rank": int(u.rank),
                    "prev_rank": None if pd.isna(u.prev_rank) else int(u.prev_rank),
                    "fields": {code: float(scores.at[u.name, code]) for code in scores.columns},
                }
                for u in self.units.itertuples()
            ],
            "fields": [
                {"code": f.code, "name": f.name, "max": float(f.max), "mean": float(f.mean)}
                for f in self.fields.itertuples()
            ],
            "weakest_units": [
                {"name": w.name, "total": float(w.total), "rank": int(w.rank), "causes": w.causes}
                for w in self.weakest.itertuples()
            ],
            "top_lost_criteria": [
                {
                    "code": c.code,
                    "name": c.name,
                    "field": c.field,
                    "points_lost": float(c.points_lost),
                    "units_affected": int(c.units_affected),
                    "units": list(c.units),
                    "reasons": list(c.reasons),
                }
                for c in self.top_lost.itertuples()
            ],
            "warnings": list(self.warnings),
            "warnings_vi": list(self.warnings_vi),
        }


def analyse(
    scores: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    weakest_n: int = 3,
    notes: list[Problem] | None = None,
) -> Analysis:
    units = units_table(scores, previous)
    lost = lost_criteria(scores)
    return Analysis(
        district=str(scores["district"].iloc[0]),
        year=int(scores["year"].iloc[0]),
        has_criteria=has_criteria(scores),
        units=units,
        fields=field_stats(scores),
        field_scores=field_table(scores),
        lost=lost,
        weakest=weakest_units(units, lost, weakest_n),
        top_lost=top_lost_criteria(lost),
        gaps=self_assessment_gaps(scores),
        has_previous=previous is not None and not previous.empty,
        notes=list(notes or []),
    )
