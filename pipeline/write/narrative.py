"""Vietnamese sentences from analysis tables, in the register of the council's report
(docs/report-content.md maps each statement to the function that writes it).

Every generated sentence of the report is written here; the templates hold the fixed wording.
The council's patterns: full marks first, "đạt" in every clause, the 2-3 lowest units named with
their scores, "bị trừ" (never "mất"), no statistics jargon, the reasons of a weak unit quoted, the
town before the xã. Numbers: averages, indices and differences with two decimals ("13,58"), scores
as typed ("10,57", "15"), counts below 10 with a leading zero ("03/17 đơn vị").
Functions return plain text; escaping for HTML is the templates' job (autoescape).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..core import numbers
from ..core.text import capitalise, count, count_of, dec, join_vi, mean_of, num, pct, score_of, signed, sort_vi
from ..model.body import Body
from ..model.measures import LOWER_SHARE  # the bands the text counts
from ..model.measures import threshold as analyse_threshold
from ..model.units import (
    BODY_TYPES,
    COMMUNE_TYPES,
    DISTRICT_TYPES,
    NAMING_ORDER,
    kinds_phrase,
    short_label,
    unit_label,
)

FULL_NAMED_MAX = 4  # more units than this at full marks are counted, not listed
NO_CHANGE = "–"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------- units named


def units_phrase(names: list[str], types: dict[str, object]) -> str:
    """ "thị trấn Phong Thổ và các xã Bản Lang, Huổi Luông, Mù Sang": grouped by kind, the town first,
    each kind in Vietnamese alphabetical order; every unit named."""
    groups: dict[object, list[str]] = {}
    for name in names:
        groups.setdefault(types.get(name) if isinstance(types.get(name), str) else None, []).append(name)
    order = [k for k in NAMING_ORDER if k in groups] + [k for k in groups if k not in NAMING_ORDER]
    parts = []
    for kind in order:
        members = sort_vi(groups[kind])
        if kind is None or kind in BODY_TYPES:  # "Sở Nội vụ, Sở Tài chính": a body's name carries its type
            parts.append(", ".join(members))
        elif len(members) == 1:
            parts.append(unit_label(members[0], kind))
        else:
            parts.append(f"các {kind} {', '.join(members)}")
    return join_vi(parts)


def _with_scores(names: list[str], types: dict[str, object], scores: dict[str, str]) -> str:
    """ "xã Mường So (10,57 điểm) và xã Sì Lở Lầu (10,94 điểm)"; units sharing a score are named together:
    "các xã Sì Lở Lầu, Tung Qua Lìn (cùng đạt 5 điểm) và xã Lản Nhì Thàng (6,12 điểm)"."""
    runs: list[list[str]] = []
    for name in names:
        if runs and scores[runs[-1][0]] == scores[name]:
            runs[-1].append(name)
        else:
            runs.append([name])
    return join_vi(
        [
            f"{units_phrase(run, types)} (cùng đạt {scores[run[0]]} điểm)"
            if len(run) > 1
            else f"{unit_label(run[0], types.get(run[0]))} ({scores[run[0]]} điểm)"
            for run in runs
        ]
    )


def _with_pct(names: list[str], types: dict[str, object], shown: dict[str, str]) -> str:
    return join_vi([f"{unit_label(n, types.get(n))} ({shown[n]})" for n in names])


# ---------------------------------------------------------------- changes since last year


def rank_change(rank: int, prev_rank: object, prev_year: int) -> str:
    if _missing(prev_rank):
        return f"không có dữ liệu năm {prev_year}"
    change = int(prev_rank) - int(rank)
    if change > 0:
        return f"tăng {change} bậc so với năm {prev_year}"
    if change < 0:
        return f"giảm {-change} bậc so với năm {prev_year}"
    return f"giữ nguyên thứ hạng so với năm {prev_year}"


def rank_change_cell(prev_rank: object, change: object, unit: str = " bậc") -> str:
    """The ranking table's cell: "tăng 3 bậc", "giảm 2 bậc", "giữ nguyên", "–" for a unit new this year
    (the table's column says "bậc" once: unit="")."""
    if _missing(prev_rank):
        return NO_CHANGE
    change = int(change)
    return f"tăng {change}{unit}" if change > 0 else f"giảm {-change}{unit}" if change < 0 else "giữ nguyên"


def points_change(change: object, unit: str = "điểm") -> str:
    """ "tăng 0,36 điểm", "giảm 1,20 điểm", "không đổi"."""
    if _missing(change):
        return NO_CHANGE
    if numbers.is_zero(change):
        return "không đổi"
    return f"{'tăng' if change > 0 else 'giảm'} {dec(abs(change))} {unit}"


def points_change_cell(change: object) -> str:
    """The table's cell: "+0,36", "-1,20", "0,00", "–"."""
    if _missing(change):
        return NO_CHANGE
    value = numbers.half_up(float(change))
    return ("+" if value > 0 else "-" if value < 0 else "") + dec(abs(value))


def _since(change: object, previous: object, prev_year: int, maximum: float | None, unit: str = "điểm") -> str:
    """ ", tăng 0,24 điểm so với năm 2022 (13,34/15 điểm)"; nothing without last year's figure."""
    if _missing(change) or _missing(previous):
        return ""
    then = f"{mean_of(previous, maximum)} điểm" if maximum is not None else f"{dec(previous)}{unit}"
    if numbers.is_zero(change):
        return f", bằng năm {prev_year} ({then})"
    unit = "điểm" if maximum is not None else "điểm phần trăm"
    return f", {points_change(change, unit)} so với năm {prev_year} ({then})"


# ---------------------------------------------------------------- score bands


threshold = analyse_threshold


def band_clauses(scores: pd.Series, maximum: float, unit: str = " điểm") -> list[str]:
    """["15/17 đơn vị đạt từ 12 điểm trở lên", "02/17 đơn vị đạt từ 9 đến dưới 12 điểm"] (bands with units)."""
    n, high, low = len(scores), threshold(maximum), threshold(maximum, LOWER_SHARE)
    counts = [
        (int((scores >= high).sum()), f"đạt từ {num(high)}{unit} trở lên"),
        (int(((scores >= low) & (scores < high)).sum()), f"đạt từ {num(low)} đến dưới {num(high)}{unit}"),
        (int((scores < low).sum()), f"đạt dưới {num(low)}{unit}"),
    ]
    return [f"{count_of(c, n)} đơn vị {text}" for c, text in counts if c]


def bands(scores: pd.Series, maximum: float) -> str:
    return "; ".join(band_clauses(scores, maximum))


# ---------------------------------------------------------------- fields


def field_paragraph(
    field: pd.Series,
    year: int,
    types: dict[str, object],
    values: pd.Series,
    shown: dict[str, str],
    has_criteria: bool,
    kinds: str = "xã, thị trấn",
    prev_year: int | None = None,
) -> str:
    """The opening paragraph of a field's part. `values` is unit -> score as compared (against the
    applicable maximum); `shown` is unit -> the score as the text writes it ("8,26/10" or "10,57")."""
    n, maximum = int(field["n_units"]), float(field["max"])
    if has_criteria:
        subs = f", {count(field['n_subcriteria'])} tiêu chí thành phần" if field["n_subcriteria"] else ""
        opening = (
            f"Năm {year}, lĩnh vực {field['name']} được đánh giá qua {count(field['n_criteria'])} "
            f"tiêu chí{subs} với điểm tối đa là {count_points(maximum)} điểm."
        )
    else:
        opening = f"Năm {year}, lĩnh vực {field['name']} có điểm tối đa là {count_points(maximum)} điểm."
    since = _since(field.get("mean_change"), field.get("prev_mean"), prev_year, maximum) if prev_year else ""
    average = f"Chỉ số điểm trung bình các {kinds} đạt {mean_of(field['mean'], maximum)} điểm{since}."
    n_full = int(field["n_full"])
    if n_full == n:
        return f"{opening} {average} Tất cả {count(n)} đơn vị đều đạt điểm tối đa {num(maximum)}/{num(maximum)} điểm."
    clauses = []
    if n_full:
        full_units = [u for u in values.index if values[u] >= maximum - 1e-9]
        named = f" ({units_phrase(full_units, types)})" if n_full <= FULL_NAMED_MAX else ""
        clauses.append(f"{count_of(n_full, n)} đơn vị đạt điểm tối đa {num(maximum)}/{num(maximum)} điểm{named}")
    clauses += band_clauses(values, maximum)
    lowest = list(field["lowest_units"])
    if lowest:
        clauses[-1] += f", thấp nhất là {_with_scores(lowest, types, shown)}"
    return f"{opening} {average} Trong đó, {'; '.join(clauses)}."


def count_points(value: float) -> str:
    """A maximum as the seed writes it: "08 điểm", "15 điểm", "7,5 điểm"."""
    return count(int(value)) if float(value).is_integer() else num(value)


def field_costs_sentence(costs: pd.DataFrame, types: dict[str, object]) -> str:
    """Per field, the criteria that cost the most, every unit named with its points, the largest first:
    "Tiêu chí bị trừ nhiều điểm nhất: 2.2 Rà soát … (08 đơn vị, tổng số 12,86 điểm: xã Tung Qua Lìn 2,5 điểm, …)"."""
    if costs is None or costs.empty:
        return ""
    parts = []
    for c in costs.itertuples():
        who = ", ".join(
            f"{unit_label(u, types.get(u))} {num(p)} điểm" for u, p in zip(c.units, c.unit_points, strict=True)
        )
        parts.append(
            f"{c.name} (tiêu chí {c.code}; {count(c.units_affected)} đơn vị bị trừ tổng số "
            f"{dec(c.points_lost)} điểm: {who})"
        )
    lead = (
        "Tiêu chí bị trừ nhiều điểm nhất trong lĩnh vực là "
        if len(parts) == 1
        else "Các tiêu chí bị trừ nhiều điểm nhất trong lĩnh vực: "
    )
    return lead + "; ".join(parts) + "."


def field_footnote(unit: str, label: str, applicable: float, maximum: float, criteria: list[str]) -> str:
    """ "(*) Điểm lĩnh vực của thị trấn Chợ Vàm tính trên điểm tối đa áp dụng 10 điểm (không áp dụng tiêu chí 6.4)…"."""
    return (
        f"(*) Điểm lĩnh vực của {label} được tính trên điểm tối đa áp dụng {num(applicable)} điểm "
        f"(không áp dụng tiêu chí {', '.join(criteria)}); khi so sánh giữa các đơn vị, điểm được quy đổi "
        f"theo thang {num(maximum)} điểm."
    )


# ---------------------------------------------------------------- the overall result


def overview_paragraph(
    units: pd.DataFrame,
    year: int,
    types: dict[str, object],
    uses_index: bool,
    prev_year: int | None = None,
    prev_mean: float | None = None,
    weakest: list[str] | None = None,
    kinds: str | None = None,
) -> str:
    """ "Năm 2023, Chỉ số CCHC bình quân của 17 xã, thị trấn đạt 89,74/100 điểm, tăng 0,36 điểm so với
    năm 2022 (89,38 điểm). Trong đó, …". On the index where a unit's maximum is reduced. `kinds` names the
    units ("xã, thị trấn"; the body's, sections.kinds); by default the kinds of `types`."""
    values = units["value"]
    text = _average_and_bands(units, year, types, uses_index, prev_year, prev_mean, kinds)
    shown = values.map(numbers.half_up)
    top = units[shown == shown.max()]["name"].tolist()
    by_name = dict(zip(units["name"], values, strict=True))
    bottom = weakest or units[shown == shown.min()]["name"].tolist()
    bottom = sorted(bottom, key=lambda u: by_name[u])
    show = (lambda v: pct(v)) if uses_index else (lambda v: f"{num(v)} điểm")
    shown = {u: (pct(by_name[u]) if uses_index else num(by_name[u])) for u in bottom}
    text += f" Cao nhất là {units_phrase(top, types)} ({show(values.max())}); thấp nhất là "
    text += (_with_scores(bottom, types, shown) if not uses_index else _with_pct(bottom, types, shown)) + "."
    diff_unit = "điểm phần trăm" if uses_index else "điểm"
    text += f" Khoảng cách giữa đơn vị cao nhất và thấp nhất là {dec(values.max() - values.min())} {diff_unit}."
    return text


def _average_and_bands(
    units: pd.DataFrame,
    year: int,
    types: dict[str, object],
    uses_index: bool,
    prev_year: int | None,
    prev_mean: float | None,
    kinds: str | None,
) -> str:
    """ "Năm 2023, Chỉ số CCHC bình quân của 17 xã, thị trấn đạt 89,74/100 điểm, … Trong đó, 15/17 đơn vị
    đạt từ 80 điểm trở lên; …"."""
    n = len(units)
    kinds = kinds or kinds_phrase({t for t in types.values() if isinstance(t, str)})
    values = units["value"]
    mean = numbers.mean(values)
    full_max = float(units["full_max"].max())
    if uses_index:
        level = f"{pct(mean)} (tổng điểm so với điểm tối đa áp dụng của từng đơn vị)"
        maximum, unit, diff_unit = 100.0, "%", "điểm phần trăm"
    else:
        level = f"{mean_of(mean, full_max)} điểm"
        maximum, unit, diff_unit = full_max, " điểm", "điểm"
    since = ""
    if prev_year is not None and not _missing(prev_mean):
        change = numbers.difference(mean, prev_mean)
        then = f"{dec(prev_mean)}{'%' if uses_index else ' điểm'}"
        since = (
            f", bằng năm {prev_year} ({then})"
            if change == 0
            else f", {points_change(change, diff_unit)} so với năm {prev_year} ({then})"
        )
    text = f"Năm {year}, Chỉ số CCHC bình quân của {count(n)} {kinds} đạt {level}{since}."
    return text + f" Trong đó, {'; '.join(band_clauses(values, maximum, unit))}."


def combined_paragraph(
    units: pd.DataFrame,
    year: int,
    kinds: str,
    uses_index: bool,
    blocks: list[str],
    prev_year: int | None = None,
    prev_mean: float | None = None,
) -> str:
    """With ranking blocks, the overview of every unit before the blocks: the average, its change, the
    bands, then the blocks with their size and average: "Các đơn vị được xếp hạng theo 02 khối: Khối
    phường (03 đơn vị, bình quân 80,00/100 điểm) và Khối xã, đặc khu (04 đơn vị, bình quân 67,50/100 điểm)."
    `units` carries `block` (blocks.with_blocks)."""
    text = _average_and_bands(units, year, {}, uses_index, prev_year, prev_mean, kinds)
    full_max = float(units["full_max"].max())
    parts = []
    for block in blocks:
        values = units.loc[units["block"] == block, "value"]
        mean = numbers.mean(values)
        level = pct(mean) if uses_index else f"{mean_of(mean, full_max)} điểm"
        parts.append(f"{block} ({count(len(values))} đơn vị, bình quân {level})")
    return f"{text} Các đơn vị được xếp hạng theo {count(len(blocks))} khối: {join_vi(parts)}."


GRADE_WORDS = {"Xuất sắc": "xuất sắc", "Tốt": "tốt", "Khá": "khá", "Trung bình": "trung bình", "Yếu": "yếu"}


def grades_sentence(counts: dict[str, int], bounds: tuple[float, ...]) -> str:
    """The published count per grade, best first, grades with no unit left out, and the bands:
    "Kết quả xếp loại: 01 xuất sắc, 48 tốt, 39 khá, 03 trung bình (xuất sắc từ 90%, tốt từ 80%, khá từ
    70%, trung bình từ 50%, yếu dưới 50% của Chỉ số)." `bounds`: grades.Thresholds.bounds()."""
    found = [f"{count(n)} {GRADE_WORDS[g]}" for g, n in counts.items() if n]
    words = list(GRADE_WORDS.values())
    rules = [f"{w} từ {num(b)}%" for w, b in zip(words, bounds, strict=False)]
    rules.append(f"{words[-1]} dưới {num(bounds[-1])}%")
    return f"Kết quả xếp loại: {', '.join(found)} ({', '.join(rules)} của Chỉ số)."


def not_applicable_note(
    label: str, criteria: list[tuple[str, str, float]], total: float, maximum: float, index: float
) -> str:
    """ "(*) Thị trấn Chợ Vàm không áp dụng tiêu chí 6.4 (Giải ngân vốn đầu tư công, 02 điểm); điểm tối đa
    98 điểm, đạt 89,38 điểm, Chỉ số đạt 91,20%." """
    which = "; ".join(f"{code} ({name}, {count_points(m)} điểm)" for code, name, m in criteria)
    return (
        f"(*) {capitalise(label)} không áp dụng tiêu chí {which}; điểm tối đa {num(maximum)} điểm, "
        f"đạt {num(total)} điểm, Chỉ số đạt {pct(index)}."
    )


# ---------------------------------------------------------------- one unit


def unit_result(unit: pd.Series, label: str, n_units: int, full_max: float) -> str:
    """ "Thị trấn Phong Thổ đạt 98,59/100 điểm, xếp thứ 1/17" ("89,38/98 điểm, Chỉ số đạt 91,20%" where the
    unit's maximum is reduced)."""
    text = f"{capitalise(label)} đạt {score_of(unit['total'], unit['max'])} điểm"
    if abs(float(unit["max"]) - full_max) > 1e-9:
        text += f", Chỉ số đạt {pct(unit['index_pct'])}"
    return f"{text}, xếp thứ {int(unit['rank'])}/{n_units}"


def unit_change(unit: pd.Series, prev_year: int, uses_index: bool) -> str:
    """ "giảm 12 bậc, giảm 12,45 điểm so với năm 2022"; "không có dữ liệu năm 2022" for a new unit."""
    if _missing(unit.get("prev_rank")):
        return f"không có dữ liệu năm {prev_year}"
    ranks = rank_change_cell(unit["prev_rank"], unit["rank_change"])
    ranks = "giữ nguyên thứ hạng" if ranks == "giữ nguyên" else ranks
    points = points_change(unit.get("value_change"), "điểm phần trăm" if uses_index else "điểm")
    return f"{ranks}, {points} so với năm {prev_year}" if points != NO_CHANGE else f"{ranks} so với năm {prev_year}"


def lost_count_sentence(n_lost: int, points: float) -> str:
    """Seed 002: "Còn 02 tiêu chí bị trừ điểm (tổng số điểm bị trừ 1,41 điểm), cụ thể như sau:"."""
    return f"Còn {count(n_lost)} tiêu chí bị trừ điểm (tổng số điểm bị trừ {dec(points)} điểm), cụ thể như sau:"


def unit_field_line(score: float, applicable: float, prev: float | None, prev_year: int | None, n_lost: int) -> str:
    """Seed 002, a field of a unit's plan: "UBND đơn vị đạt 10,85/12 điểm (năm 2022: 11/12 điểm), có 02
    tiêu chí chưa đạt:"; "… đạt điểm tối đa 8/8 điểm." when nothing was lost."""
    text = f"Đơn vị đạt {score_of(score, applicable)} điểm"
    if score >= applicable - 1e-9 and n_lost == 0:
        text = f"Đơn vị đạt điểm tối đa {score_of(score, applicable)} điểm"
    if prev_year is not None and prev is not None and not _missing(prev):
        text += f" (năm {prev_year}: {num(prev)} điểm)"
    return f"{text}, có {count(n_lost)} tiêu chí chưa đạt:" if n_lost else f"{text}."


def lost_item(code: str, name: str, score: float, maximum: float, reasons: list[str]) -> str:
    """Seed 002, one lost criterion with the council's reasons (its own, then its sub-criteria's):
    "Công khai TTHC (tiêu chí 2.1): đạt 3/5 điểm; lý do: niêm yết thiếu; thiếu cập nhật."."""
    text = f"{name} (tiêu chí {code}): đạt {score_of(score, maximum)} điểm"
    why = "; ".join(_reason(r).rstrip(".") for r in reasons or [] if _reason(r))
    return f"{text}; lý do: {why}." if why else f"{text}."


def _reason(text: object) -> str:
    """A reason as the sentence quotes it: first letter lower case unless the word is an abbreviation."""
    if not isinstance(text, str) or not text:
        return ""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def weakest_intro(year: int, n_weakest: int, tied: int, in_blocks: bool = False) -> str:
    tie = f" (có {count(tied)} đơn vị đồng hạng)" if tied > 1 else ""
    if in_blocks:
        return f"Các đơn vị có Chỉ số CCHC năm {year} thấp nhất trong từng khối gồm:"
    return f"Các đơn vị có Chỉ số CCHC năm {year} thấp nhất{tie} gồm:"


def block_heading(block: str, n_units: int) -> str:
    """ "Khối phường (40 đơn vị):", above a block's weakest units (a tie shows in their ranks, "88/90" twice;
    F9 of the province review: no counting note)."""
    return f"{block} ({count(n_units)} đơn vị):"


def weakest_sentence(
    unit: pd.Series,
    label: str,
    n_units: int,
    prev_year: int | None = None,
    full_max: float = 100.0,
    uses_index: bool = False,
) -> str:
    """ "Xã Sì Lở Lầu đạt 68,63/100 điểm, xếp thứ 17/17, giảm 3 bậc, … so với năm 2022; bị trừ nhiều điểm
    nhất ở các tiêu chí: Dịch vụ công trực tuyến (0/6 điểm: tỷ lệ hồ sơ … chưa đạt); …". From field totals
    only: the fields where it lost the most."""
    head = unit_result(unit, label, n_units, full_max)
    if prev_year is not None:
        head += f", {unit_change(unit, prev_year, uses_index)}"
    causes = unit.get("causes") or []
    if causes:
        items = [
            f"{c['name']} ({score_of(c['score'], c['max'])} điểm"
            + (f": {_reason(c['reason'])})" if c["reason"] else ")")
            for c in causes
        ]
        return f"{head}; bị trừ nhiều điểm nhất ở các tiêu chí: {'; '.join(items)}."
    fields = unit.get("weak_fields") or []
    return f"{head}; {weak_fields_phrase(fields)}." if fields else head + "."


def weak_fields_phrase(fields: list[dict]) -> str:
    """From field totals only, the fields where the unit's share of the maximum is lowest, worded as such
    (measures.weak_fields ranks them by share; F8 of the province review): "có tỷ lệ điểm đạt thấp nhất ở
    lĩnh vực Cải cách thể chế (5/10 điểm, 50,00%) và Cải cách thủ tục hành chính (9,92/19 điểm, 52,21%)"."""
    items = [f"{f['name']} ({score_of(f['score'], f['max'])} điểm, {pct(f['score'] / f['max'] * 100)})" for f in fields]
    return f"có tỷ lệ điểm đạt thấp nhất ở lĩnh vực {join_vi(items)}"


def self_assessment_sentence(summary: dict | None, n_units: int, n_shown: int) -> str:
    """ "Qua thẩm định, điểm của 16/17 đơn vị bị điều chỉnh giảm so với điểm tự chấm (bình quân tự chấm
    96,13 điểm, thẩm định 89,74 điểm); 05 đơn vị có mức chênh lệch lớn nhất như sau:"."""
    if not summary:
        return ""
    if summary["n_marked_down"] == 0:
        return "Qua thẩm định, điểm thẩm định của các đơn vị đều bằng điểm tự chấm."
    text = (
        f"Qua thẩm định, điểm của {count_of(summary['n_marked_down'], n_units)} đơn vị bị điều chỉnh giảm so với "
        f"điểm tự chấm (bình quân tự chấm {dec(summary['mean_self'])} điểm, "
        f"thẩm định {dec(summary['mean_total'])} điểm)"
    )
    return f"{text}; {count(n_shown)} đơn vị có mức chênh lệch lớn nhất như sau:" if n_shown else text + "."


def no_criteria(year: int, kind: str = "huyện") -> str:
    """Said once, where the criterion analysis would be; `kind` is the body's type word (Body.kind)."""
    return (
        f"Số liệu năm {year} chỉ có điểm theo lĩnh vực (Bảng tổng hợp kết quả Chỉ số CCHC của {kind}), chưa có "
        "điểm chi tiết từng tiêu chí; do đó, báo cáo chưa phân tích các tiêu chí bị trừ điểm."
    )


def losers_cell(units: list[str], points: list[float], types: dict[str, object]) -> str:
    """Every unit that lost points on a criterion, the largest loss first, with its points:
    "Tung Qua Lìn 2,5; Vàng Ma Chải 2,5; TT. Phong Thổ 1"."""
    return "; ".join(f"{short_label(u, types.get(u))} {num(p)}" for u, p in zip(units, points, strict=True))


# ---------------------------------------------------------------- the body: who reports on whom


def scored_phrase(body: Body) -> str:
    """Whom the report is about, as its title and closing name them: "UBND các xã, thị trấn trên địa bàn
    huyện Phong Thổ", "UBND các xã, phường, đặc khu trên địa bàn tỉnh Lai Châu", "UBND các huyện, thành
    phố" (a province's districts), "các sở, ban, ngành" (its departments)."""
    return body.units_phrase if body.units == "departments" else f"UBND {body.units_phrase}"


def report_title(year: int, body: Body) -> str:
    """The report's title sentence: "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2025 của UBND các xã,
    phường, đặc khu trên địa bàn tỉnh Lam Sơn"."""
    return f"Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm {year} của {scored_phrase(body)}"


def page_title(year: int, body: Body) -> str:
    """The report's title in a browser tab and in the index: "Báo cáo tóm tắt Chỉ số CCHC năm 2025 - tỉnh Lam Sơn"."""
    return f"Báo cáo tóm tắt Chỉ số CCHC năm {year} - {body.title}"


def home_affairs(body: Body) -> str:
    """The body's Home Affairs office, which receives the units' plans: "Phòng Nội vụ huyện Phong Thổ" (a
    district's), "Sở Nội vụ tỉnh Lam Sơn" (a province's)."""
    office = "Phòng Nội vụ" if body.level == "district" else "Sở Nội vụ"
    return f"{office} {body.title}"


def annex_title(year: int, body: Body) -> str:
    """The approval annex's title: "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG, ĐẶC KHU
    TRÊN ĐỊA BÀN TỈNH LAM SƠN"."""
    return f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} CỦA {scored_phrase(body).upper()}"


def issuer_name(body: Body) -> str:
    """The issuer as a sentence names it: "Hội đồng thẩm định Chỉ số CCHC tỉnh Lam Sơn" (the council),
    "Sở Nội vụ tỉnh Lam Sơn", "Phòng Nội vụ huyện Phong Thổ" (the Home Affairs office); an issuer's line
    of the settings' own, as written."""
    if body.by_council:
        return f"Hội đồng thẩm định Chỉ số CCHC {body.title}"
    if body.issuer.upper() in ("SỞ NỘI VỤ", "PHÒNG NỘI VỤ"):
        return home_affairs(body)
    return body.issuer


def symbol_code(body: Body) -> str:
    """The symbol without its "Số:" and blanks: "/BC-HĐTĐ", "/BC-SNV"."""
    return re.sub(r"^\s*Số\s*:?\s*", "", body.symbol).strip()


def _number(code: str, blank: str) -> str:
    """ "số{blank}/BC-HĐTĐ": a blank before a symbol that starts with "/", for the number the council writes."""
    return f"số{blank}{code}" if code.startswith("/") else f"số {code}"


def annex_reference(year: int, body: Body, blank: str) -> str:
    """What the report's appendix accompanies: the report itself, its symbol and its issuer: "(Kèm theo Báo
    cáo số …/BC-HĐTĐ ngày …/…/2026 của Hội đồng thẩm định Chỉ số CCHC tỉnh Lam Sơn)"."""
    number = _number(symbol_code(body), blank)
    return f"(Kèm theo Báo cáo {number} ngày{blank}/{blank}/{year + 1} của {issuer_name(body)})"


def decision_reference(year: int, body: Body, blank: str) -> str:
    """What the approval annex (annex.xlsx, annex.docx) accompanies: the decision of the chairman of the
    body's People's Committee approving the index, the next year: "(Kèm theo Quyết định số …/QĐ-UBND ngày
    …/…/2026 của Chủ tịch UBND tỉnh Lam Sơn)"."""
    return f"(Kèm theo Quyết định số{blank}/QĐ-UBND ngày{blank}/{blank}/{year + 1} của Chủ tịch UBND {body.title})"


def recipients(body: Body) -> list[str]:
    """ "Nơi nhận" of the report. A district's council sends to the district's leaders, its offices and the
    communes (seed 004, word for word); a province's council to the chairman and vice-chairmen, its own
    members, the departments and the units ranked, and files a copy with the council (province review,
    F3); a Home Affairs office reports to its People's Committee."""
    units = [f"UBND các {', '.join(body.unit_kinds)}"] if body.units != "departments" else []
    if body.level == "district":
        if body.by_council:
            lines = [f"Lãnh đạo UBND {body.kind}", f"Các cơ quan chuyên môn {body.kind}", *units, "Lưu: VT, NV."]
        else:
            lines = [f"UBND {body.kind} (để báo cáo)", *units, "Lưu: VT, NV."]
    elif body.by_council:
        lines = [
            f"Chủ tịch, các Phó Chủ tịch UBND {body.kind} (để báo cáo)",
            "Thành viên Hội đồng thẩm định",
            f"Các sở, ban, ngành {body.kind}",
            *units,
            "Lưu: VT, HĐTĐ.",
        ]
    else:
        lines = [f"UBND {body.kind} (để báo cáo)", f"Các sở, ban, ngành {body.kind}", *units, "Lưu: VT, NV."]
    return [f"- {line};" for line in lines[:-1]] + [f"- {lines[-1]}"]


def signer(body: Body) -> tuple[list[str], str | None]:
    """The signature block's title lines and the signer's office. A council signs "TM. HỘI ĐỒNG THẨM ĐỊNH /
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", its vice-chair heading the Home Affairs office of the body (Phòng Nội vụ
    of a district, seed 004; Sở Nội vụ of a province); the office signs for its head ("KT. GIÁM ĐỐC / PHÓ
    GIÁM ĐỐC" of a Sở, "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG" of a Phòng); another issuer "TM." itself."""
    issuer = body.issuer.upper()
    if body.by_council:
        office = "TRƯỞNG PHÒNG NỘI VỤ" if body.level == "district" else "GIÁM ĐỐC SỞ NỘI VỤ"
        return ["TM. HỘI ĐỒNG THẨM ĐỊNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], office
    if issuer.startswith("SỞ"):
        return ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], None
    if issuer.startswith("PHÒNG"):
        return ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], None
    return [f"TM. {issuer}"], None


# ---------------------------------------------------------------- the province's report (write/province.py)

MINORITY_NAMED = 3  # a kind with at most this many units in a block of other kinds is named with its rank


def grades_phrase(counts: dict[str, int]) -> str:
    """ "29 đơn vị xếp loại Xuất sắc, 10 đơn vị loại Tốt và 01 đơn vị loại Khá" (grades with no unit left out)."""
    found = [(g, n) for g, n in counts.items() if n]
    parts = [f"{count(n)} đơn vị {'xếp loại' if i == 0 else 'loại'} {g}" for i, (g, n) in enumerate(found)]
    return join_vi(parts)


def province_grades_sentence(kind: str, counts: dict[str, int]) -> str:
    """ "Kết quả xếp loại toàn tỉnh: 78 đơn vị xếp loại Xuất sắc, 51 đơn vị loại Tốt và 01 đơn vị loại Khá."."""
    return f"Kết quả xếp loại toàn {kind}: {grades_phrase(counts)}."


def _level(value: float, full_max: float, uses_index: bool) -> str:
    return pct(value) if uses_index else f"{mean_of(value, full_max)} điểm"


def _score(value: float, uses_index: bool) -> str:
    return pct(value) if uses_index else num(value)


def block_paragraph(
    block: str,
    units: pd.DataFrame,
    year: int,
    full_max: float,
    uses_index: bool,
    top: list[str],
    bottom: list[str],
    prev_year: int | None = None,
    prev_mean: float | None = None,
) -> str:
    """A block's result: "Khối phường có 40 đơn vị, Chỉ số CCHC bình quân đạt 92,42/100 điểm, tăng 0,03
    điểm so với năm 2025 (92,39 điểm); 29 đơn vị xếp loại Xuất sắc, … Dẫn đầu khối là … Thấp nhất là …
    Khoảng cách …". `top` and `bottom` are the units named (best first, weakest first); `units` the
    block's rows (name, unit_type, value, block_rank, grade)."""
    from ..model.grades import grade_counts

    values = units["value"].astype(float)
    mean = numbers.mean(values)
    since = ""
    if prev_year is not None and not _missing(prev_mean):
        change = numbers.difference(mean, prev_mean)
        then = f"{dec(prev_mean)}{'%' if uses_index else ' điểm'}"
        unit = "điểm phần trăm" if uses_index else "điểm"
        since = (
            f", bằng năm {prev_year} ({then})"
            if abs(change) < 0.005
            else f", {points_change(change, unit)} so với năm {prev_year} ({then})"
        )
    types = dict(zip(units["name"], units["unit_type"], strict=True))
    by_name = dict(zip(units["name"], values, strict=True))
    shown = {u: _score(by_name[u], uses_index) for u in by_name}
    scored = (
        (lambda names: _with_pct(names, types, {u: pct(by_name[u]) for u in names}))
        if uses_index
        else (lambda names: _with_scores(names, types, shown))
    )
    text = (
        f"{block} có {count(len(units))} đơn vị, Chỉ số CCHC bình quân đạt {_level(mean, full_max, uses_index)}"
        f"{since}; {grades_phrase(grade_counts(units['grade']))}."
    )
    text += f" Dẫn đầu khối là {scored(top)}."
    text += f" Thấp nhất là {scored(bottom)}."
    diff_unit = "điểm phần trăm" if uses_index else "điểm"
    text += f" Khoảng cách giữa đơn vị cao nhất và thấp nhất là {dec(values.max() - values.min())} {diff_unit}."
    kinds = units["unit_type"].value_counts()
    if len(kinds) > 1:
        for kind, n in kinds.items():
            if n <= MINORITY_NAMED and isinstance(kind, str):
                members = units[units["unit_type"] == kind]
                named = join_vi(
                    [
                        f"{unit_label(m.name, kind)} xếp thứ {int(m.block_rank)}/{len(units)} "
                        f"({_score(m.value, uses_index)}{'' if uses_index else ' điểm'}, loại {m.grade})"
                        for m in members.itertuples()
                    ]
                )
                text += f" {capitalise(named)}."
    return text


def _change_of_count(grade: str, before: int, now: int) -> str:
    if before == now:
        return f"loại {grade} giữ nguyên {count(now)} đơn vị"
    way = "tăng" if now > before else "giảm"
    return f"loại {grade} {way} từ {count(before)} {'lên' if now > before else 'xuống'} {count(now)} đơn vị"


def block_change_sentence(block: str, change: dict, prev_year: int, uses_index: bool, grades: tuple[str, ...]) -> str:
    """ "Khối xã, đặc khu: bình quân tăng 0,48 điểm (từ 90,30 lên 90,78 điểm); loại Xuất sắc giảm từ 52
    xuống 49 đơn vị, loại Tốt tăng từ 29 lên 41 đơn vị, loại Khá giảm từ 09 xuống 00 đơn vị." `change`:
    a row of changes.block_changes."""
    unit = "điểm phần trăm" if uses_index else "điểm"
    mean, then = numbers.half_up(change["mean"]), numbers.half_up(change["prev_mean"])
    if abs(mean - then) < 0.005:
        means = f"bình quân bằng năm {prev_year} ({dec(mean)} {'%' if uses_index else 'điểm'})"
    else:
        way = "lên" if mean > then else "xuống"
        means = f"bình quân {points_change(mean - then, unit)} (từ {dec(then)} {way} {dec(mean)} {unit})"
    counts = [
        _change_of_count(g, int(change[f"prev {g}"]), int(change[g]))
        for g in grades
        if change[g] or change[f"prev {g}"]
    ]
    return f"{block}: {means}; {', '.join(counts)}."


def transitions_sentence(pairs: dict[tuple[str, str], int], grades: tuple[str, ...]) -> str:
    """ "Trong khối, 21 đơn vị lên loại cao hơn, 24 đơn vị xuống loại thấp hơn, 37 đơn vị giữ nguyên loại." """
    order = {g: i for i, g in enumerate(grades)}
    up = sum(n for (a, b), n in pairs.items() if order[b] < order[a])
    down = sum(n for (a, b), n in pairs.items() if order[b] > order[a])
    same = sum(n for (a, b), n in pairs.items() if a == b)
    return (
        f"{count(up)} đơn vị lên loại cao hơn, {count(down)} đơn vị xuống loại thấp hơn và {count(same)} đơn vị "
        "giữ nguyên loại"
    )


def last_lowest_sentence(w: dict, prev_year: int, year: int, uses_index: bool) -> str:
    """What became of one of last year's lowest units: "Phường Lạc Lâm (năm 2025: 75,69 điểm, xếp thứ 40/40,
    loại Khá) năm 2026 đạt 85,2 điểm, xếp thứ 35/40, loại Tốt, tăng 5 bậc." """
    label = capitalise(unit_label(w["name"], w["unit_type"]))
    unit = "" if uses_index else " điểm"
    then = f"năm {prev_year}: {_score(w['prev_value'], uses_index)}{unit}, xếp thứ {w['prev_rank']}/{w['prev_size']}"
    then += f", loại {w['prev_grade']}"
    if w["value"] is None:
        return f"{label} ({then}) không có kết quả trong khối năm {year}."
    moved = w["prev_rank"] - w["rank"]
    ranks = f"tăng {moved} bậc" if moved > 0 else f"giảm {-moved} bậc" if moved < 0 else "giữ nguyên thứ hạng"
    return (
        f"{label} ({then}) năm {year} đạt {_score(w['value'], uses_index)}{unit}, xếp thứ {w['rank']}/{w['size']}, "
        f"loại {w['grade']}, {ranks}."
    )


def last_lowest_intro(prev_year: int) -> str:
    return f"Các đơn vị thấp nhất từng khối năm {prev_year}:"


def field_block_sentence(
    code: str,
    name: str,
    maximum: float,
    per_block: list[tuple[str, float, float | None, float]],
    lowest: list[tuple[str, object, float]],
) -> str:
    """One field, block against block: "1. Chỉ đạo, điều hành: Khối phường bình quân 14,02/15 điểm (93,47%),
    tăng 0,05 điểm; Khối xã, đặc khu 13,49/15 điểm (89,93%), giảm 0,10 điểm. Thấp nhất là phường Bình Hiệp
    (9 điểm) và xã Quang Lợi (8,95 điểm)." `per_block`: (block, mean, change or None, % of the maximum as
    the fields table prints it: from the exact mean, not the rounded one); `lowest`: (name, type, score),
    lowest first."""
    parts = []
    for block, mean, change, share in per_block:
        since = "" if change is None else f", {points_change(change)}"
        parts.append(f"{block} bình quân {mean_of(mean, maximum)} điểm ({pct(share)}){since}")
    text = f"{code}. {name}: {'; '.join(parts)}."
    if lowest:
        types = {n: t for n, t, _ in lowest}
        named = join_vi([f"{unit_label(n, types[n])} ({num(v)} điểm)" for n, _, v in lowest])
        text += f" Thấp nhất là {named}."
    return text


def reorganisation_paragraph(r, body_title: str) -> str:
    """I, after a reorganisation: "Năm 2025, các đơn vị hành chính cấp xã trên địa bàn tỉnh Lam Sơn được sắp
    xếp lại: từ 215 đơn vị (135 xã, 40 phường, 40 thị trấn) năm 2024 thành 130 đơn vị (88 xã, 40 phường,
    02 đặc khu). …" `r` is reorg.Reorganisation."""

    def kinds(pairs) -> str:
        return ", ".join(f"{count(n)} {k}" for k, n in pairs)

    before, after = sum(n for _, n in r.before_kinds), sum(n for _, n in r.after_kinds)
    text = (
        f"Năm {r.year}, các đơn vị hành chính trên địa bàn {body_title} được sắp xếp lại: từ {count(before)} đơn vị "
        f"({kinds(r.before_kinds)}) năm {r.previous_year} thành {count(after)} đơn vị ({kinds(r.after_kinds)}). "
        f"Chỉ số CCHC năm {r.year} được xác định cho các đơn vị sau sắp xếp. Vì phần lớn đơn vị mới không có đơn vị "
        f"tương ứng trong năm {r.previous_year}, kết quả năm {r.year} không so sánh thứ hạng, điểm số với năm "
        f"{r.previous_year}."
    )
    if r.predecessors:
        text += " Danh sách đơn vị mới và các đơn vị trước sắp xếp (kèm điểm năm "
        text += f"{r.previous_year} để tham khảo) tại Phụ lục {{appendix}}."
    return text


def predecessors_cell(olds, uses_index: bool) -> str:
    """ "xã An Điền (86,34); xã Quang Phước (100)"."""
    parts = []
    for o in olds:
        score = "không có số liệu" if o.value is None else _score(o.value, uses_index)
        parts.append(f"{unit_label(o.name, o.unit_type)} ({score})")
    return "; ".join(parts)


def details_sent(units_named: str) -> str:
    """The appendix's line on the units' own documents (F9: no folder, no file name)."""
    return (
        f"Kết quả chi tiết và khung kế hoạch khắc phục của từng đơn vị được gửi đến {units_named} bằng văn bản riêng."
    )


# ---------------------------------------------------------------- every year of the data (model/history.py)


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def trend_sentence(trend: pd.DataFrame, uses_index: bool, blocks: list[str]) -> str:
    """ "Qua 03 năm 2021–2023, điểm trung bình của các đơn vị lần lượt là 88,50 (2021), 89,38 (2022) và 89,74
    (2023)." In blocks, each block's means follow."""
    whole = trend[trend["block"] == ""]
    years = [int(y) for y in whole["year"]]
    what = "Chỉ số trung bình" if uses_index else "điểm trung bình"
    unit = "%" if uses_index else ""

    def series(rows: pd.DataFrame) -> str:
        return join_vi([f"{dec(m)}{unit} ({int(y)})" for y, m in zip(rows["year"], rows["mean"], strict=True)])

    text = f"Qua {count(len(years))} năm {_span(years)}, {what} của các đơn vị lần lượt là {series(whole)}"
    parts = [f"{b}: {series(trend[trend['block'] == b])}" for b in blocks if b and (trend["block"] == b).any()]
    return text + (f"; theo khối, {'; '.join(parts)}." if parts else ".")


def movers_sentence(risers: list, fallers: list, uses_index: bool, shown: int = 3) -> str | None:
    """The units that rose and fell most over the span: "Trong giai đoạn 2021–2023, tăng nhiều nhất là xã A
    (+8,25 điểm), …; giảm nhiều nhất là xã C (-4,50 điểm)." None when nobody moved."""
    if not risers and not fallers:
        return None
    unit = " điểm %" if uses_index else " điểm"

    def named(moves: list) -> str:
        return join_vi([f"{unit_label(m.name, m.unit_type)} ({signed(m.change)}{unit})" for m in moves[:shown]])

    first = (risers or fallers)[0].first_year
    last = (risers or fallers)[0].year
    parts = []
    if risers:
        parts.append(f"tăng nhiều nhất là {named(risers)}")
    if fallers:
        parts.append(f"giảm nhiều nhất là {named(fallers)}")
    return f"Trong giai đoạn {first}–{last}, {'; '.join(parts)}."


def _years_running(years: list[int]) -> str:
    return (
        f"trong cả {count(len(years))} năm {', '.join(map(str, years))}"
        if len(years) == 2
        else (f"trong {count(len(years))} năm liên tiếp {_span(years)}")
    )


def persistent_sentence(persistent: list, n: int, in_blocks: bool, years: list[int]) -> str:
    """The units among the weakest year after year, grouped by their run of years, longest first: "Phường Tân
    Hà (Khối phường) và xã Quang Khánh (Khối xã, đặc khu) thuộc nhóm 03 đơn vị có kết quả thấp nhất khối trong
    cả 02 năm 2025, 2026." `years`: the comparable span, for the sentence when nobody stays weakest."""
    of = "có kết quả thấp nhất khối" if in_blocks else "có kết quả thấp nhất"
    group, verb = (f"nhóm {count(n)} đơn vị {of}", "thuộc") if n > 1 else (f"đơn vị {of}", "là")
    if not persistent:
        return f"Không có đơn vị nào {verb} {group} {_years_running(years[-2:])}."
    runs: dict[tuple[int, ...], list] = {}
    for p in persistent:
        runs.setdefault(tuple(p.years), []).append(p)
    sentences = []
    for run, units in sorted(runs.items(), key=lambda item: -len(item[0])):
        named = join_vi(
            [unit_label(p.name, p.unit_type) + (f" ({p.block})" if in_blocks and p.block else "") for p in units]
        )
        plural = verb if len(units) == 1 or n > 1 else "đều là"
        sentences.append(f"{capitalise(named)} {plural} {group} {_years_running(list(run))}.")
    return " ".join(sentences)


# ---------------------------------------------------------------- the unit letters and the approval annex


def unit_letterhead(body: Body, name: str, unit_type: object) -> tuple[str, list[str]]:
    """A unit letter's letterhead: the superior body, abbreviated as Nghị định 30 (Phụ lục I) allows ("UBND
    TỈNH LAM SƠN"), then the issuing unit's own name in full, on its lines ("ỦY BAN NHÂN DÂN" / "PHƯỜNG TÂN
    HÀ"; a department's name as it is, "SỞ TÀI CHÍNH")."""
    own = unit_label(name, unit_type).upper()
    territorial = isinstance(unit_type, str) and unit_type in COMMUNE_TYPES + DISTRICT_TYPES
    return body.parent, ["ỦY BAN NHÂN DÂN", own] if territorial else [own]


def unit_people(name: str, unit_type: object) -> str:
    """Who writes the plan, as its sentences name the unit: "Ủy ban nhân dân phường Tân Hà"; a department by
    its name ("Sở Tài chính")."""
    own = unit_label(name, unit_type)
    territorial = isinstance(unit_type, str) and unit_type in COMMUNE_TYPES + DISTRICT_TYPES
    return f"Ủy ban nhân dân {own}" if territorial else own


def unit_signer(unit_type: object) -> list[str]:
    """A unit letter's signature lines: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (seed 002); a department's head."""
    if isinstance(unit_type, str) and unit_type in COMMUNE_TYPES + DISTRICT_TYPES:
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    return ["GIÁM ĐỐC"] if unit_type == "sở" else ["TRƯỞNG BAN"] if unit_type == "ban" else ["THỦ TRƯỞNG CƠ QUAN"]


def unit_basis(year: int, body: Body, blank: str) -> list[str]:
    """A unit letter's "Căn cứ": the chairman's decision approving the index (the annex's), then the report
    of its issuer (the council's, or the office's)."""
    decision = (
        f"Căn cứ Quyết định số{blank}/QĐ-UBND ngày{blank}/{blank}/{year + 1} của Chủ tịch UBND {body.title} "
        f"phê duyệt và công bố Chỉ số cải cách hành chính năm {year} của {scored_phrase(body)};"
    )
    number = _number(symbol_code(body), blank)
    report = (
        f"Căn cứ Báo cáo {number} ngày{blank}/{blank}/{year + 1} của {issuer_name(body)} về kết quả "
        f"thẩm định, xác định Chỉ số cải cách hành chính năm {year},"
    )
    return [decision, report]


def unit_recipients(body: Body, unit_type: object) -> list[str]:
    """A unit letter's "Nơi nhận" (seed 002): the body's Home Affairs office, to which the plan reports, then
    the unit's own leadership and offices."""
    lines = [f"{home_affairs(body)} (để báo cáo)"]
    if isinstance(unit_type, str) and unit_type in COMMUNE_TYPES + DISTRICT_TYPES:
        lines += [f"TT. Đảng ủy, HĐND, UBND {unit_type}", "Các ban, ngành, đoàn thể"]
    return [f"- {line};" for line in lines] + ["- Lưu: VT."]


def unit_letter_result(
    unit: pd.Series,
    label: str,
    scope: str,
    mean: float,
    prev_year: int | None,
    has_criteria: bool,
    full_max: float = 100.0,
    uses_index: bool = False,
    overall: tuple[int, int] | None = None,
) -> str:
    """A unit letter's result, with the rank the report publishes (in the block) and what to compare with:
    "Phường Tân Hà đạt 78,88/100 điểm, xếp loại Khá, xếp thứ 40/40 trong Khối phường (bình quân của khối:
    92,42 điểm), giảm 2 bậc, giảm 4,35 điểm so với năm 2025; 01/07 lĩnh vực đạt điểm tối đa." `unit` carries
    total, max, index_pct, grade, block_rank, block_size, prev_block_rank, block_rank_change, prev_rank,
    value_change, fields_full, n_fields (criteria_full, n_criteria with criteria); `scope` is the block's
    name, or "" for the one ranking; `overall` (rank, of N) only where the settings rank across blocks."""
    text = f"{capitalise(label)} đạt {score_of(unit['total'], unit['max'])} điểm"
    if uses_index or abs(float(unit["max"]) - full_max) > 1e-9:
        text += f", Chỉ số đạt {pct(unit['index_pct'])}"
    text += f", xếp loại {unit['grade']}, xếp thứ {int(unit['block_rank'])}/{int(unit['block_size'])}"
    average = pct(mean) if uses_index else f"{dec(mean)} điểm"
    text += f" trong {scope} (bình quân của khối: {average})" if scope else f" (bình quân: {average})"
    if prev_year is not None:
        text += f", {_block_change(unit, prev_year, uses_index)}"
    parts = [f"xếp thứ {overall[0]}/{overall[1]} khi xếp hạng chung các khối"] if overall is not None else []
    if has_criteria:
        parts.append(f"{count_of(int(unit['criteria_full']), int(unit['n_criteria']))} tiêu chí đạt điểm tối đa")
    fields_full, n_fields = int(unit["fields_full"]), int(unit["n_fields"])
    parts.append(
        f"{count_of(fields_full, n_fields)} lĩnh vực đạt điểm tối đa"
        if fields_full
        else "không có lĩnh vực nào đạt điểm tối đa"
    )
    return f"{text}; {'; '.join(parts)}."


def _block_change(unit: pd.Series, prev_year: int, uses_index: bool) -> str:
    """ "giảm 2 bậc, giảm 4,35 điểm so với năm 2025": the change of the rank in the block; a unit ranked
    last year in another block has its points compared, not its rank; a new unit, nothing."""
    points = points_change(unit.get("value_change"), "điểm phần trăm" if uses_index else "điểm")
    points = "điểm không đổi" if points == "không đổi" else points
    if _missing(unit.get("prev_block_rank")):
        if _missing(unit.get("prev_rank")):
            return f"không có dữ liệu năm {prev_year}"
        return f"{points} so với năm {prev_year} (năm {prev_year} thuộc khối khác)"
    ranks = rank_change_cell(unit["prev_block_rank"], unit["block_rank_change"])
    ranks = "giữ nguyên thứ hạng" if ranks == "giữ nguyên" else ranks
    return f"{ranks}, {points} so với năm {prev_year}" if points != NO_CHANGE else f"{ranks} so với năm {prev_year}"


def annex_block_heading(number: int, block: str, n_units: int) -> str:
    """A block's table in the annex: "I. KHỐI PHƯỜNG (40 đơn vị)"."""
    return f"{_roman(number)}. {block.upper()} ({count(n_units)} đơn vị)"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def annex_header(
    fields: list[tuple[str, str, float]],
    full_max: float,
    show_index: bool,
    in_blocks: bool,
    overall: bool,
    prev_year: int | None,
) -> list[str]:
    """The approval annex's columns: STT, unit, each field with its maximum, the total, the index (only
    where it differs from the total: a maximum other than 100, or reduced), the grade, the rank (in the
    block, with blocks), the rank across blocks where asked, last year's rank and its change."""
    header = ["STT", "Đơn vị", *(f"{code}. {name} ({num(maximum)})" for code, name, maximum in fields)]
    header += [f"Tổng điểm ({num(full_max)})"] + (["Chỉ số (%)"] if show_index else [])
    header += ["Xếp loại", "Hạng trong khối" if in_blocks else "Xếp hạng"]
    header += ["Hạng chung"] if overall else []
    header += [f"Hạng năm {prev_year}", "Thay đổi thứ hạng (bậc)"] if prev_year else []
    return header


def grade_bands(rules) -> str:
    """One block's grade rules (grades.Thresholds) as the annex's note states them: "Xuất sắc từ 90%; Tốt từ 80%
    đến dưới 90%; …; Yếu dưới 50%", a field floor in brackets ("(không có lĩnh vực nào dưới 80%)")."""
    names = ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")
    bounds = rules.bounds()

    def floor(grade: str) -> str:
        value = rules.floor(grade)
        return "" if value is None else f" (không có lĩnh vực nào dưới {num(value)}%)"

    bands = [f"{names[0]} từ {num(bounds[0])}%{floor(names[0])}"]
    bands += [
        f"{g} từ {num(b)}% đến dưới {num(a)}%{floor(g)}" for g, b, a in zip(names[1:], bounds[1:], bounds, strict=False)
    ]
    bands.append(f"{names[-1]} dưới {num(bounds[-1])}%")
    return "; ".join(bands)


def annex_note(rules: dict, in_blocks: bool, uses_index: bool, prev_year: int | None) -> str:
    """The annex's note: the grades' bands (`rules`: block -> its grades.Thresholds; one sentence when every
    block has the same, else one per block), how units are ranked, and what the change of rank compares."""
    distinct = {grade_bands(r) for r in rules.values()}
    if len(distinct) <= 1:
        bands = distinct.pop() if distinct else ""
    else:
        bands = "; ".join(f"{block}: {grade_bands(r)}" for block, r in rules.items())
    on = "Chỉ số" if uses_index else "tổng điểm"
    notes = [
        f"Xếp loại theo Chỉ số (tổng điểm so với điểm tối đa): {bands}",
        f"{'Xếp hạng trong từng khối' if in_blocks else 'Xếp hạng'} theo {on}; các đơn vị bằng điểm cùng hạng",
    ]
    if prev_year:
        where = " trong cùng khối" if in_blocks else ""
        notes.append(f"Thay đổi thứ hạng{where} so với năm {prev_year}; “–”: không có kết quả năm {prev_year}")
    return "Ghi chú: " + ". ".join(notes) + "."


# ---------------------------------------------------------------- a unit's way to the next grade (model/progress.py)


def next_grade_sentences(progress, rules, uses_index: bool, has_criteria: bool) -> list[str]:
    """What the unit lacks for the next grade, and where the plan table reaches it: "Để đạt loại Tốt (Chỉ số
    từ 80%), đơn vị cần thêm 2,35 điểm." "Khắc phục 03 tiêu chí 3.4, 7.2, 2.1 (5,50 điểm) là đạt loại Tốt."
    At the top grade, what the lines below are for. `rules`: the unit's block's grades.Thresholds."""
    from ..model.grades import GRADES

    what = "tiêu chí" if has_criteria else "lĩnh vực"
    nxt = progress.next
    if nxt is None:
        if not progress.recovery:
            return []
        return [
            f"Đơn vị đạt loại {progress.grade}, mức xếp loại cao nhất; các {what} còn bị trừ điểm dưới đây, xếp theo "
            "số điểm bị trừ, là nội dung cần khắc phục để giữ vững kết quả."
        ]
    bound = rules.bounds()[GRADES.index(nxt.grade)]
    floor = rules.floor(nxt.grade)
    rule = f"Chỉ số từ {num(bound)}%" + (f", không có lĩnh vực nào dưới {num(floor)}%" if floor is not None else "")
    index = f" (Chỉ số tăng thêm {dec(nxt.index_needed)}%)" if nxt.index_needed != nxt.points_needed else ""
    out = [f"Để đạt loại {nxt.grade} ({rule}), đơn vị cần thêm {dec(nxt.points_needed)} điểm{index}."]
    for short in nxt.blocked_by_field:
        out.append(
            f"Lĩnh vực {short.name} cần thêm {dec(short.points_needed)} điểm để đạt mức tối thiểu {num(floor)}% số "
            "điểm tối đa của lĩnh vực."
        )
    lines = list(progress.recovery)
    reach = next((i for i, r in enumerate(lines, start=1) if r.reaches), None)
    if reach is not None:
        done = lines[:reach]
        named = (", " if has_criteria else "; ").join(r.code if has_criteria else r.name for r in done)
        points = dec(done[-1].cumulative)
        if reach == 1:
            out.append(
                f"Khắc phục {what} {named} ({points} điểm), dòng đầu của bảng dưới đây, là đạt loại {nxt.grade}."
            )
        else:
            first = f"Khắc phục {count(reach)} {what} đầu của bảng dưới đây ({named}; {points} điểm)"
            out.append(f"{first} là đạt loại {nxt.grade}.")
    return out


def reached_mark(grade: str) -> str:
    """The plan table's mark on the line where the next grade is reached."""
    return f"đạt loại {grade}"
