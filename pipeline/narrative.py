"""Vietnamese sentences from analysis tables, in the register of the council's report (seed 004).

Numbers go through Babel's vi_VN locale: decimal comma, "11,24/15 điểm", "98,59%".
Functions return plain text; escaping for HTML is the renderer's job.
"""

from __future__ import annotations

import math

import pandas as pd

from .text import capitalise, count, join_vi, num, pct, score_of

THRESHOLD_SHARE = 0.8  # "đạt từ 80% số điểm tối đa trở lên"
LOWER_SHARE = 0.6  # the band below: "từ 60% đến dưới 80%"


def rank_change(rank: int, prev_rank: object, prev_year: int) -> str:
    if prev_rank is None or (isinstance(prev_rank, float) and math.isnan(prev_rank)) or prev_rank is pd.NA:
        return f"không có dữ liệu năm {prev_year}"
    change = int(prev_rank) - int(rank)
    if change > 0:
        return f"tăng {change} bậc so với năm {prev_year}"
    if change < 0:
        return f"giảm {-change} bậc so với năm {prev_year}"
    return f"giữ nguyên thứ hạng so với năm {prev_year}"


def threshold(maximum: float, share: float = THRESHOLD_SHARE) -> float:
    """The score a unit must reach to count as doing well in a field: 80% of the maximum, whole points."""
    return float(math.floor(maximum * share))


def bands(scores: pd.Series, maximum: float) -> str:
    """ "có 14/17 đơn vị đạt từ 12 điểm trở lên, 03/17 đơn vị từ 9 đến dưới 12 điểm" (bands with units only)."""
    n, high, low = len(scores), threshold(maximum), threshold(maximum, LOWER_SHARE)
    counts = [
        (int((scores >= high).sum()), f"đạt từ {num(high)} điểm trở lên"),
        (int(((scores >= low) & (scores < high)).sum()), f"từ {num(low)} đến dưới {num(high)} điểm"),
        (int((scores < low).sum()), f"dưới {num(low)} điểm"),
    ]
    return ", ".join(f"{count(c)}/{n} đơn vị {text}" for c, text in counts if c)


def field_paragraph(field: pd.Series, year: int, labels: dict[str, str], scores: pd.Series, has_criteria: bool) -> str:
    """The opening paragraph of a field section; `scores` is unit -> score in this field."""
    n = field["n_units"]
    parts = []
    if has_criteria:
        subs = f", {count(field['n_subcriteria'])} tiêu chí thành phần" if field["n_subcriteria"] else ""
        parts.append(
            f"Năm {year}, lĩnh vực {field['name']} được đánh giá qua {count(field['n_criteria'])} "
            f"tiêu chí{subs} với điểm tối đa là {num(field['max'])} điểm."
        )
    else:
        parts.append(f"Năm {year}, lĩnh vực {field['name']} có điểm tối đa là {num(field['max'])} điểm.")
    parts.append(f"Chỉ số điểm trung bình các đơn vị đạt {score_of(field['mean'], field['max'])} điểm.")
    detail = f"Trong đó, có {bands(scores, field['max'])}"
    if field["n_full"]:
        detail += f"; {count(field['n_full'])}/{n} đơn vị đạt điểm tối đa"
    best = join_vi([labels[u] for u in field["best_units"]])
    worst = join_vi([labels[u] for u in field["worst_units"]])
    if field["best_score"] == field["worst_score"]:
        detail += f"; tất cả các đơn vị đều đạt {num(field['best_score'])} điểm."
    else:
        detail += (
            f"; cao nhất là {best} với {num(field['best_score'])} điểm; "
            f"thấp nhất là {worst} với {num(field['worst_score'])} điểm."
        )
    parts.append(detail)
    return " ".join(parts)


def overview_paragraph(units: pd.DataFrame, year: int, labels: dict[str, str]) -> str:
    n = len(units)
    top = units[units["rank"] == units["rank"].min()]
    bottom = units[units["total"] == units["total"].min()]
    max_total = units["max"].max()
    spread = units["total"].std(ddof=0) if n > 1 else 0.0
    return (
        f"Năm {year}, Chỉ số cải cách hành chính trung bình của {n} đơn vị đạt "
        f"{score_of(units['total'].mean(), max_total)} điểm; có {bands(units['total'], max_total)}. "
        f"Cao nhất là {join_vi([labels[u] for u in top['name']])} với {num(top['total'].iloc[0])} điểm; "
        f"thấp nhất là {join_vi([labels[u] for u in bottom['name']])} với {num(bottom['total'].iloc[0])} điểm. "
        f"Chênh lệch giữa đơn vị cao nhất và thấp nhất là {num(units['total'].max() - units['total'].min())} điểm; "
        f"độ lệch chuẩn {num(spread)} điểm."
    )


def unit_headline(unit: pd.Series, label: str, n_units: int, prev_year: int | None, has_criteria: bool) -> str:
    """One unit's result as its remediation plan opens (seed 002): score, rank, change, full marks."""
    text = (
        f"{capitalise(label)} đạt {score_of(unit['total'], unit['max'])} điểm "
        f"({pct(unit['index_pct'])}), xếp thứ {int(unit['rank'])}/{n_units}"
    )
    if prev_year is not None:
        text += f", {rank_change(unit['rank'], unit['prev_rank'], prev_year)}"
    parts = []
    if has_criteria:
        parts.append(f"{int(unit['criteria_full'])}/{int(unit['n_criteria'])} tiêu chí")
    parts.append(f"{int(unit['fields_full'])}/{int(unit['n_fields'])} lĩnh vực")
    return f"{text}; {' và '.join(parts)} đạt điểm tối đa."


def weakest_sentence(unit: pd.Series, label: str, n_units: int) -> str:
    causes = unit["causes"]
    head = f"{capitalise(label)} đạt {num(unit['total'])} điểm, xếp thứ {int(unit['rank'])}/{n_units}"
    if not causes:
        return head + "."
    lost = "; ".join(f"{c['name']} (mất {num(c['points_lost'])} điểm)" for c in causes)
    return f"{head}; bị trừ điểm nhiều nhất ở các tiêu chí: {lost}."
