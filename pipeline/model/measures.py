"""The measures of one group-year's tidy score table: ranks, field statistics, lost criteria, weakest units,
self-assessment. Pure functions, DataFrames in and out, inputs never mutated. `analysis.analyse` puts them
together; blocks, the readers' cross-checks and the writers use them one by one."""

from __future__ import annotations

import math

import pandas as pd

from ..core import numbers
from ..core.text import name_key
from .units import bare_name, identity, name_order

TOTAL_DECIMALS = 2  # ranks compare totals rounded as the council publishes them
MAX_DECIMALS = 3  # a table published with three decimals ("97,685") keeps them
CAUSES_PER_UNIT = 5
THRESHOLD_SHARE = 0.8  # the council's bands: "đạt từ 80% số điểm tối đa trở lên"
LOWER_SHARE = 0.6  # the band below: "từ 60% đến dưới 80%"
LOWEST_NAMED = 3  # a field's sentence names its 2-3 lowest units, as the council does
LOWEST_NAMED_MAX = 4  # ties beyond this are cut back to the strictly lower scores
COSTS_PER_FIELD = 2  # per field, the criteria that cost the most, with the units named
WEAK_FIELDS_PER_UNIT = 2  # summary sheets: a weak unit's weakest fields


def rounded(values: pd.Series, decimals: int = numbers.DECIMALS) -> pd.Series:
    """Each value rounded as the council rounds (core/numbers.py: exact, halves away from zero)."""
    return values.map(lambda v: numbers.half_up(v, decimals)).astype(float)


def mean(values: pd.Series, decimals: int = numbers.DECIMALS) -> float:
    """The mean of a column, exact, rounded half up (numbers.mean): the block's, the group's, a field's."""
    return numbers.mean(values, decimals)


def _pairwise(fn, left: pd.Series, right: pd.Series, *args) -> pd.Series:
    return pd.Series([fn(a, b, *args) for a, b in zip(left, right, strict=True)], index=left.index, dtype=float)


def code_key(code: str) -> tuple[int, ...]:
    """ "1.10" after "1.9": codes sort by their numbers."""
    return tuple(int(part) for part in str(code).split("."))


def has_criteria(scores: pd.DataFrame) -> bool:
    """Whether the data carries criterion detail (detail sheets) or only field scores (summary sheet)."""
    return bool((scores["level"] > 1).any())


def total_decimals(scores: pd.DataFrame) -> int:
    """The decimals totals are kept and ranked with: 2 as the council publishes them, 3 when the sheets'
    scores have three ("97,685")."""
    values = pd.to_numeric(scores.loc[scores["level"] == 1, "score"], errors="coerce").dropna()
    if values.empty:
        return TOTAL_DECIMALS
    three = any(numbers.exact(v) != numbers.rounded(v, TOTAL_DECIMALS) for v in values)
    return MAX_DECIMALS if three else TOTAL_DECIMALS


def competition_rank(totals: pd.Series, decimals: int = TOTAL_DECIMALS) -> pd.Series:
    """1, 2, 2, 4 ranking, highest total first, on totals rounded to 2 decimals as the council publishes
    them, or to 3 for tables published so (`total_decimals`)."""
    return rounded(totals, decimals).rank(method="min", ascending=False).astype(int)


def field_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Unit x field appraised scores, fields in sheet order."""
    fields = scores[scores["level"] == 1]
    wide = fields.pivot(index="unit", columns="code", values="score")
    return wide[sorted(wide.columns, key=int)]


def in_names_of(previous: pd.DataFrame | None, scores: pd.DataFrame) -> pd.DataFrame | None:
    """A copy of last year's table with each unit named as this year's names it, so everything compared
    by name compares the same unit. A unit is matched by its type and its name (units.identity): a
    phường Tân Phú is not last year's xã Tân Phú, whether a year names them "Tân Phú" or "xã Tân Phú";
    failing that, by its name alone where each year has one unit of that name (a type that changed, or
    one a year does not give)."""
    if previous is None or previous.empty:
        return previous
    now = list(dict.fromkeys(zip(scores["unit"], scores["unit_type"], strict=True)))
    before = list(dict.fromkeys(zip(previous["unit"], previous["unit_type"], strict=True)))
    by_identity = {identity(u, t): u for u, t in now}
    bare_now, bare_before = _by_bare(now), _by_bare(before)
    rename = {}
    for unit, unit_type in before:
        found = by_identity.get(identity(unit, unit_type))
        key = name_key(bare_name(unit, unit_type))
        if found is None and len(bare_now.get(key, [])) == 1 and len(bare_before.get(key, [])) == 1:
            found = bare_now[key][0]
        if found is not None and found != unit:
            rename[unit] = found
    if not rename:
        return previous
    return previous.assign(unit=previous["unit"].map(lambda u: rename.get(u, u)))


def _by_bare(units: list[tuple[str, object]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for unit, unit_type in units:
        out.setdefault(name_key(bare_name(unit, unit_type)), []).append(unit)
    return out


def previous_field_scores(units: pd.Index, previous: pd.DataFrame | None) -> pd.DataFrame | None:
    """Each unit's field scores last year (unit x field code), matched by name as the ranks are; a unit
    new this year has none."""
    if previous is None or previous.empty:
        return None
    prev = field_table(previous)
    prev.index = prev.index.map(name_key)
    prev = prev[~prev.index.duplicated()]
    return prev.reindex([name_key(u) for u in units]).set_axis(units)


def uses_index(scores: pd.DataFrame) -> bool:
    """Whether units are compared on the index (score / applicable maximum): some unit's maximum is
    reduced by a criterion that does not apply to it. Otherwise points, as the council writes them."""
    fields = scores[scores["level"] == 1]
    return bool((fields["max_applicable"] < fields["max"] - 1e-9).any())


def units_table(scores: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per unit: total, maximum, index %, the value compared (`value`: the index where a maximum
    is reduced, else the total), rank on it, previous rank and value, self-assessed total; by rank."""
    fields = scores[scores["level"] == 1]
    per_unit = fields.groupby("unit").agg(
        total=("score", numbers.exact_sum),
        max=("max_applicable", numbers.exact_sum),
        full_max=("max", numbers.exact_sum),
        self_total=("self_score", lambda s: numbers.exact_sum(s) if s.notna().any() else float("nan")),
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
    decimals = total_decimals(scores)
    per_unit["total"] = rounded(per_unit["total"], decimals)
    per_unit["self_total"] = rounded(per_unit["self_total"], decimals)
    per_unit["gap"] = _pairwise(numbers.difference, per_unit["self_total"], per_unit["total"], decimals)
    per_unit["index_pct"] = _pairwise(numbers.ratio, per_unit["total"], per_unit["max"])
    per_unit["value"] = per_unit["index_pct"] if uses_index(scores) else per_unit["total"]
    per_unit["rank"] = competition_rank(per_unit["value"], decimals)
    prev = _previous(per_unit.index, previous)
    per_unit["prev_rank"] = prev["rank"]
    per_unit["rank_change"] = per_unit["prev_rank"] - per_unit["rank"]  # positive: moved up
    per_unit["prev_value"] = prev["value"]
    shown = numbers.DECIMALS if uses_index(scores) else decimals  # the figures as the tables print them
    per_unit["value_change"] = _pairwise(numbers.difference, per_unit["value"], per_unit["prev_value"], shown)
    per_unit = per_unit.reset_index().rename(columns={"unit": "name"})
    per_unit["_key"] = per_unit["name"].map(name_order)
    per_unit = per_unit.sort_values(["rank", "_key"], kind="stable").drop(columns="_key")
    return per_unit.reset_index(drop=True)


def _full(rows: pd.DataFrame) -> pd.Series:
    """Rows at full marks: the unit's own maximum there (not-applicable criteria left out) reached."""
    return rows["applicable"] & (rows["score"] >= rows["max_applicable"] - 1e-9)


def _previous(units: pd.Index, previous: pd.DataFrame | None) -> pd.DataFrame:
    """Each unit's rank and compared value last year, matched by name; empty for a unit new this year."""
    if previous is None or previous.empty:
        return pd.DataFrame(
            {"rank": pd.Series(pd.NA, index=units, dtype="Int64"), "value": pd.Series(float("nan"), index=units)}
        )
    prev = units_table(previous)
    rank = dict(zip(prev["name"].map(name_key), prev["rank"], strict=True))
    value = dict(zip(prev["name"].map(name_key), prev["value"], strict=True))
    return pd.DataFrame(
        {
            "rank": pd.Series([rank.get(name_key(u)) for u in units], index=units, dtype="Int64"),
            "value": pd.Series([value.get(name_key(u), float("nan")) for u in units], index=units, dtype=float),
        }
    )


def field_values(scores: pd.DataFrame) -> pd.DataFrame:
    """Unit x field scores as compared: score / applicable maximum x field maximum, i.e. the score itself
    where everything applies, and the field index in points where a criterion does not apply."""
    fields = scores[scores["level"] == 1]
    scaled = [
        numbers.ratio(score, applicable, maximum, 4)
        for score, applicable, maximum in zip(fields["score"], fields["max_applicable"], fields["max"], strict=True)
    ]
    wide = fields.assign(value=scaled).pivot(index="unit", columns="code", values="value")
    return wide[sorted(wide.columns, key=int)]


def field_shares(scores: pd.DataFrame) -> pd.DataFrame:
    """Unit x field share of the unit's applicable maximum there, in % (2 decimals, numbers.ratio): what a
    grade's field floor is read on ("no field below 80%"); NaN where nothing of the field applies."""
    fields = scores[scores["level"] == 1]
    shares = [numbers.ratio(s, m) for s, m in zip(fields["score"], fields["max_applicable"], strict=True)]
    wide = fields.assign(share=shares).pivot(index="unit", columns="code", values="share")
    return wide[sorted(wide.columns, key=int)]


def field_maxima(scores: pd.DataFrame) -> pd.DataFrame:
    """Unit x field applicable maxima ("8,26/10" where one criterion of a 12-point field did not apply)."""
    fields = scores[scores["level"] == 1]
    wide = fields.pivot(index="unit", columns="code", values="max_applicable")
    return wide[sorted(wide.columns, key=int)]


def threshold(maximum: float, share: float = THRESHOLD_SHARE) -> float:
    """The score a unit must reach to count as doing well: 80% of the maximum, whole points."""
    return float(math.floor(maximum * share))


def lowest_units(values: pd.Series, maximum: float, n: int = LOWEST_NAMED) -> list[str]:
    """The units a field's sentence names as lowest, lowest first: the n lowest (ties included) below full
    marks; when ties make more than LOWEST_NAMED_MAX, only those strictly below the tie, or else all the
    units sharing the lowest score. When two or more of them are below the upper band (80%), only those.
    Never a unit on full marks."""
    below = values[values < maximum - 1e-9].dropna()
    if below.empty:
        return []
    shown = rounded(below)
    ordered = sorted(below.index, key=lambda u: (shown[u], name_order(u)))
    cutoff = shown[ordered[min(n, len(ordered)) - 1]]
    named = [u for u in ordered if shown[u] <= cutoff]
    if len(named) > LOWEST_NAMED_MAX:
        strictly = [u for u in ordered if shown[u] < cutoff]
        lowest = shown[ordered[0]]
        named = strictly or [u for u in ordered if shown[u] == lowest]
    weak = [u for u in named if below[u] < threshold(maximum) - 1e-9]
    return weak if len(weak) >= 2 else named


def field_stats(scores: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per field, in sheet order: criteria counts, maximum, mean, best and worst, full marks, the units
    named lowest, whether some unit's maximum is reduced there, and last year's mean (same field and
    maximum)."""
    fields = scores[scores["level"] == 1]
    values = field_values(scores)
    prev_means = _field_means(previous)
    rows = []
    for code, group in fields.groupby("code", sort=False):
        by_unit = values[code].dropna()
        maximum = float(group["max"].max())
        average = mean(by_unit)
        shown = rounded(by_unit)
        prev_mean = prev_means.get((code, maximum))
        rows.append(
            {
                "code": code,
                "name": group["name"].iloc[0],
                "max": maximum,
                "n_criteria": int(((scores["level"] == 2) & (scores["field"] == code)).sum() / max(len(group), 1)),
                "n_subcriteria": int(((scores["level"] == 3) & (scores["field"] == code)).sum() / max(len(group), 1)),
                "mean": average,
                "best_score": float(by_unit.max()),
                "best_units": _sorted_names(by_unit[shown == shown.max()].index),
                "worst_score": float(by_unit.min()),
                "worst_units": _sorted_names(by_unit[shown == shown.min()].index),
                "n_full": int(_full(group).sum()),
                "n_units": int(len(by_unit)),
                "lowest_units": lowest_units(by_unit, maximum),
                "reduced": bool((group["max_applicable"] < group["max"] - 1e-9).any()),
                "prev_mean": prev_mean,
                "mean_change": None if prev_mean is None else numbers.difference(average, prev_mean),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values("code", key=lambda c: c.astype(int), kind="stable").reset_index(drop=True)


def _field_means(previous: pd.DataFrame | None) -> dict[tuple[str, float], float]:
    if previous is None or previous.empty:
        return {}
    values = field_values(previous)
    maxima = previous[previous["level"] == 1].groupby("code")["max"].max()
    return {(code, float(maxima[code])): mean(values[code]) for code in values.columns}


def _sorted_names(names) -> list[str]:
    return sorted(names, key=name_order)


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
            "points_lost": _pairwise(numbers.difference, lost["max_applicable"], lost["score"]),
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


def sort_lost(lost: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Lost criteria by the unit's rank, then code (1.9 before 1.10)."""
    order = {name: i for i, name in enumerate(units["name"])}
    keyed = lost.assign(_u=lost["unit"].map(order), _c=lost["code"].map(code_key))
    return keyed.sort_values(["_u", "_c"], kind="stable").drop(columns=["_u", "_c"]).reset_index(drop=True)


def weakest_units(
    units: pd.DataFrame, lost: pd.DataFrame, n: int, weak_fields: dict[str, list[dict]] | None = None
) -> pd.DataFrame:
    """The n lowest (on the compared value), ties with the n-th included, weakest first, with their main
    causes (criteria) or, from summary sheets, their weakest fields."""
    if units.empty or n <= 0:
        return units.head(0).assign(causes=[], weak_fields=[])
    ordered = units.assign(_key=units["name"].map(name_order)).sort_values(["value", "_key"], kind="stable")
    cutoff = ordered["value"].iloc[min(n, len(ordered)) - 1]
    weakest = ordered[ordered["value"] <= cutoff].drop(columns="_key").copy()
    weakest["causes"] = [_causes(lost, name) for name in weakest["name"]]
    weakest["weak_fields"] = [(weak_fields or {}).get(name, []) for name in weakest["name"]]
    return weakest.reset_index(drop=True)


def _causes(lost: pd.DataFrame, unit: str) -> list[dict]:
    mine = lost[lost["unit"] == unit].sort_values(["points_lost", "code"], ascending=[False, True], kind="stable")
    return [
        {
            "code": r.code,
            "name": r.name,
            "points_lost": float(r.points_lost),
            "reason": r.reason,
            "score": float(r.score),
            "max": float(r.max),
        }
        for r in mine.head(CAUSES_PER_UNIT).itertuples()
    ]


def weak_fields(scores: pd.DataFrame, n: int = WEAK_FIELDS_PER_UNIT) -> dict[str, list[dict]]:
    """Per unit, the fields where it lost the largest share of the maximum (points lost first on ties):
    what a report from field totals only can say about where a weak unit lost points."""
    fields = scores[(scores["level"] == 1) & scores["applicable"]]
    out: dict[str, list[dict]] = {}
    for unit, group in fields.groupby("unit", sort=False):
        lost = group[group["score"] < group["max_applicable"] - 1e-9]
        share = 1 - lost["score"] / lost["max_applicable"]
        points = _pairwise(numbers.difference, lost["max_applicable"], lost["score"])
        ranked = lost.assign(share=rounded(share, 6), lost=points)
        ranked = ranked.sort_values(["share", "lost", "code"], ascending=[False, False, True], kind="stable")
        out[unit] = [
            {"code": r.code, "name": r.name, "score": float(r.score), "max": float(r.max_applicable)}
            for r in ranked.head(n).itertuples()
        ]
    return out


def top_lost_criteria(lost: pd.DataFrame) -> pd.DataFrame:
    """Criteria that cost the district most points, with how many units lost there and why; `units`
    lists every unit that lost points there, the largest loss first, and `unit_points` their losses."""
    columns = ["code", "name", "field", "points_lost", "units_affected", "units", "unit_points", "reasons"]
    if lost.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for code, group in lost.groupby("code", sort=False):
        per_unit = rounded(group.groupby("unit")["points_lost"].agg(numbers.exact_sum))
        names = sorted(per_unit.index, key=lambda u: (-per_unit[u], name_order(u)))
        rows.append(
            {
                "code": code,
                "name": group["name"].iloc[0],
                "field": group["field"].iloc[0],
                "points_lost": numbers.half_up(numbers.exact_sum(group["points_lost"])),
                "units_affected": len(names),
                "units": names,
                "unit_points": [float(per_unit[u]) for u in names],
                "reasons": _most_frequent_first(group["reasons"]),
            }
        )
    grouped = pd.DataFrame(rows)
    grouped["_c"] = grouped["code"].map(code_key)
    grouped = grouped.sort_values(["points_lost", "_c"], ascending=[False, True], kind="stable")
    return grouped[columns].reset_index(drop=True)


def field_costs(top_lost: pd.DataFrame, n: int = COSTS_PER_FIELD) -> dict[str, pd.DataFrame]:
    """Per field, the criteria that cost the most points there (from top_lost_criteria)."""
    return {code: group.head(n).reset_index(drop=True) for code, group in top_lost.groupby("field", sort=False)}


def not_applicable(scores: pd.DataFrame) -> pd.DataFrame:
    """Criteria that do not apply to a unit (the highest such node), with their maxima."""
    rows = scores[~scores["applicable"] & (scores["level"] >= 2)]
    parents = set(zip(rows["unit"], rows["code"], strict=True))
    is_top = [(u, c.rsplit(".", 1)[0]) not in parents for u, c in zip(rows["unit"], rows["code"], strict=True)]
    top = rows[pd.Series(is_top, index=rows.index, dtype=bool)]
    top = top.assign(_c=top["code"].map(code_key)).sort_values(["unit", "_c"], kind="stable")
    return top[["unit", "code", "name", "max", "reason"]].reset_index(drop=True)


def self_assessment(units: pd.DataFrame) -> dict | None:
    """How many units the appraisal marked down, and the average self-assessed against appraised total."""
    rated = units[units["self_total"].notna()]
    if rated.empty:
        return None
    return {
        "n_units": int(len(rated)),
        "n_marked_down": int((rated["gap"] > 0.004).sum()),
        "mean_self": mean(rated["self_total"]),
        "mean_total": mean(rated["total"]),
    }


def criterion_matrix(scores: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The council's "biểu chi tiết": unit (by rank) x criterion appraised score; empty where not applicable."""
    criteria = scores[scores["level"] == 2]
    if criteria.empty:
        return pd.DataFrame(index=units["name"])
    wide = criteria.pivot(index="unit", columns="code", values="score")
    return wide[sorted(wide.columns, key=code_key)].reindex(units["name"])


def _most_frequent_first(lists: pd.Series) -> list[str]:
    """Distinct reasons, the most frequent first, ties in order of first appearance."""
    flat = [reason for reasons in lists for reason in reasons]
    return sorted(dict.fromkeys(flat), key=lambda r: (-flat.count(r), flat.index(r)))


def self_assessment_gaps(scores: pd.DataFrame) -> pd.DataFrame:
    """Units whose self-assessed total most exceeds the appraised total, largest gap first."""
    fields = scores[(scores["level"] == 1) & scores["self_score"].notna()]
    if fields.empty:
        return pd.DataFrame(columns=["name", "self_total", "total", "gap"])
    totals = fields.groupby("unit").agg(
        self_total=("self_score", numbers.exact_sum), total=("score", numbers.exact_sum)
    )
    totals = totals.apply(rounded)
    totals["gap"] = _pairwise(numbers.difference, totals["self_total"], totals["total"])
    totals = totals.reset_index().rename(columns={"unit": "name"})
    return totals.sort_values(["gap", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
