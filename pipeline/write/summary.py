"""summary.json: the one place it is written, from the analysis the report shows.

Other tools read it, so its keys are a contract; README's "summary.json" lists the same keys, and a test
holds the two together. The top level:

| key | content |
| --- | --- |
| group, district, year, n_units, title | the folder name (`district`: its old key), the year, the units, the title |
| body | the scoring body: level, name, kind, units (`body`) |
| grade_counts | units per grade, every grade best first |
| blocks | the ranking blocks in the settings' order: name, n_units, mean_total, grade_counts (`blocks`) |
| reorganised | the report's sentence when the units were reorganised since the year before, else null |
| has_criteria, compared_on | criterion detail or field scores only; "index" or "points" |
| mean_total, mean, previous_year, prev_mean, mean_change | the averages, and last year's |
| self_assessment | the units' own scores against the appraised ones, or null |
| units | by block, by rank in it, one record each (`UNIT_KEYS`; `OVERALL_KEYS` only where published) |
| fields, field_changes | each field's maximum and mean; its change and lowest units |
| not_applicable | the criteria a unit was not scored on |
| weakest_units, weakest_fields | each block's weakest units with their causes; their weakest fields |
| persistent_weakest, mean_trend | units among their block's weakest 2+ years running; the mean per year |
| top_lost_criteria, lost_criteria | the criteria that cost most points; every lost criterion by unit |
| warnings, warnings_vi | what reading the sheets fixed or found, in English and Vietnamese |
| generated_at, files, unit_documents | build time (UTC), the output files, each unit's documents |
"""

from __future__ import annotations

import pandas as pd

from ..core import numbers
from ..model import grades, history
from ..model.analysis import Analysis
from ..model.body import Body
from . import ranks, sections

UNIT_KEYS = (
    "name", "type", "total", "max", "index_pct", "rank", "block", "block_rank", "block_size", "grade",
    "prev_block_rank", "block_rank_change", "prev_rank", "rank_change", "value", "prev_value", "value_change",
    "self_total", "gap", "fields", "field_max", "history", "next_grade", "recovery",
)  # fmt: skip
# the rank over every unit: written only where it is a published figure (ranks.overall_rank)
OVERALL_KEYS = ("rank", "prev_rank", "rank_change")


def of(
    a: Analysis, files: dict[str, str] | None = None, unit_documents: bool = False, generated_at: str | None = None
) -> dict:
    """summary.json of one report: `files` are the outputs made (kind -> file name); with `unit_documents`,
    each unit's documents (name -> "units/<file stem>")."""
    summary = {
        "group": a.district,
        "district": a.district,  # the key's first name, from when every group was a district: kept for readers
        "title": sections.title(a),
        "body": body(a.body),
        "grade_counts": grades.grade_counts(a.units["grade"]),
        "blocks": blocks(a.units, a.blocks),
        "reorganised": _reorganised(a),
        "year": int(a.year),
        "n_units": int(len(a.units)),
        "has_criteria": a.has_criteria,
        "mean_total": numbers.mean(a.units["total"]),
        "compared_on": "index" if a.uses_index else "points",
        "mean": a.mean,
        "previous_year": a.previous_year if a.has_previous else None,
        "prev_mean": a.prev_mean,
        "mean_change": None if a.prev_mean is None else numbers.difference(a.mean, a.prev_mean),
        "self_assessment": a.self_assessment,
        "units": units(a),
        "fields": [
            {"code": f.code, "name": f.name, "max": float(f.max), "mean": float(f.mean)} for f in a.fields.itertuples()
        ],
        "field_changes": [
            {"code": f.code, "prev_mean": f.prev_mean, "mean_change": f.mean_change, "lowest_units": f.lowest_units}
            for f in a.fields.itertuples()
        ],
        "not_applicable": [
            {"unit": n.unit, "code": n.code, "name": n.name, "max": float(n.max)}
            for n in (a.not_applicable.itertuples() if a.not_applicable is not None else [])
        ],
        "weakest_units": [
            {
                "name": w.name,
                "total": float(w.total),
                **({"rank": int(w.rank)} if ranks.overall_rank(a) else {}),
                "block": w.block or None,
                "block_rank": int(w.block_rank),
                "causes": w.causes,
            }
            for w in a.weakest.itertuples()
        ],
        "weakest_fields": {w.name: w.weak_fields for w in a.weakest.itertuples() if w.weak_fields},
        "top_lost_criteria": [
            {
                "code": c.code,
                "name": c.name,
                "field": c.field,
                "points_lost": float(c.points_lost),
                "units_affected": int(c.units_affected),
                "units": list(c.units),
                "unit_points": list(c.unit_points),
                "reasons": list(c.reasons),
            }
            for c in a.top_lost.itertuples()
        ],
        "lost_criteria": [
            {
                "unit": c.unit,
                "code": c.code,
                "max": float(c.max),
                "score": float(c.score),
                "points_lost": float(c.points_lost),
                "reason": c.reason,
            }
            for c in a.lost.itertuples()
        ],
        "persistent_weakest": [
            {"name": p.name, "type": p.unit_type, "block": p.block or None, "years": list(p.years)}
            for p in a.persistent_weakest
        ],
        "mean_trend": [
            {"year": int(t.year), "block": t.block or None, "n_units": int(t.n_units), "mean": round(t.mean, 2)}
            for t in (a.trend.itertuples() if a.trend is not None else [])
        ],
        "warnings": list(a.warnings),
        "warnings_vi": list(a.warnings_vi),
        "generated_at": generated_at,
        "files": dict(files or {}),
    }
    if unit_documents:
        summary["unit_documents"] = {name: f"units/{slug}" for name, slug in sections.unit_slugs(a).items()}
    return summary


def body(b: Body) -> dict:
    """`body`: {level, name, kind, units}."""
    return {"level": b.level, "name": b.name, "kind": b.kind, "units": b.units}


def blocks(ranked: pd.DataFrame, order: list[str] | None = None) -> list[dict]:
    """`blocks`, in `order` (the settings' order, as the report shows them; [""] or None: the one ranking):
    [{name (null for the one ranking), n_units, mean_total, grade_counts}]."""
    groups = dict(list(ranked.groupby("block", sort=False)))
    named = [b for b in order or [] if b in groups]
    ordered = [(b, groups[b]) for b in named] + [(b, g) for b, g in groups.items() if b not in named]
    return [
        {
            "name": block or None,
            "n_units": int(len(group)),
            "mean_total": numbers.mean(group["total"]),
            "grade_counts": grades.grade_counts(group["grade"]),
        }
        for block, group in ordered
    ]


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def _int(value) -> int | None:
    return None if _missing(value) else int(value)


def _float(value) -> float | None:
    return None if _missing(value) else float(value)


def units(a: Analysis) -> list[dict]:
    """`units`, by block and by rank in the block: one record of UNIT_KEYS each, without OVERALL_KEYS where
    the rank over every unit is not published (blocks, and no rank_across_blocks setting)."""
    scores, maxima = a.field_scores, a.field_max
    overall = ranks.overall_rank(a)
    ordered = pd.concat([group for _, group in ranks.by_block(a)])
    years = history.by_unit(a.history)
    records = [
        {
            "name": u.name,
            "type": None if _missing(u.unit_type) else u.unit_type,
            "total": float(u.total),
            "max": float(u.max),
            "index_pct": float(u.index_pct),
            "rank": int(u.rank),
            "block": u.block or None,
            "block_rank": int(u.block_rank),
            "block_size": int(u.block_size),
            "grade": u.grade,
            "prev_block_rank": _int(u.prev_block_rank),
            "block_rank_change": _int(u.block_rank_change),
            "prev_rank": _int(u.prev_rank),
            "rank_change": _int(u.rank_change),
            "value": float(u.value),
            "prev_value": _float(u.prev_value),
            "value_change": _float(u.value_change),
            "self_total": _float(u.self_total),
            "gap": _float(u.gap),
            "fields": {code: float(scores.at[u.name, code]) for code in scores.columns},
            "field_max": {code: float(maxima.at[u.name, code]) for code in scores.columns}
            if maxima is not None
            else {},
            **_progress(a, u.name, years.get(u.name, [])),
        }
        for u in ordered.itertuples()
    ]
    return records if overall else [{k: v for k, v in r.items() if k not in OVERALL_KEYS} for r in records]


def _progress(a: Analysis, name: str, years: list[dict]) -> dict:
    """A unit's `history` (`years`, model/history.py), `next_grade` and `recovery` (model/progress.py)."""
    found = a.progress.get(name)
    nxt = found.next if found else None
    return {
        "history": years,
        "next_grade": None
        if nxt is None
        else {
            "grade": nxt.grade,
            "points_needed": nxt.points_needed,
            "index_needed": nxt.index_needed,
            "blocked_by_field": [
                {"code": s.code, "name": s.name, "points_needed": s.points_needed} for s in nxt.blocked_by_field
            ],
        },
        "recovery": [
            {
                "code": r.code,
                "name": r.name,
                "points_lost": r.points_lost,
                "cumulative": r.cumulative,
                "reaches": r.reaches,
            }
            for r in (found.recovery if found else ())
        ],
    }


def _reorganised(a: Analysis) -> str | None:
    """What the report says of a reorganisation: the province's paragraph (write/province.py), else the
    district report's sentence."""
    if a.reorganisation is None:
        return None
    if a.in_blocks:
        from . import province

        said = province.implementation(a)["reorganisation"]
        if said:
            return said
    return a.reorganisation.sentence
