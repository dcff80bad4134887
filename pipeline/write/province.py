"""What each section of a province's report shows (units ranked in blocks), as template context.

A report in blocks (Analysis.in_blocks) follows the province review's structure (shared/province-report-
review.md §3), not the district's seed-004 form (sections.py, unchanged for a district):

    I    Tình hình triển khai, and the reorganisation when the year has one
    II   1. the whole province and the blocks: Bảng (blocks), Biểu đồ (grades per block)
         2.. one part per block: its paragraph and its whole ranking in one chart
         then, from the second comparable year, the changes within each block: block means and grades,
         the grade transitions (Bảng), the biggest risers and fallers (Bảng), last year's lowest units
    III  the fields by block: one Bảng, one grouped chart, one sentence per field
    IV   Đánh giá chung: the lowest units per block, criteria most lost, self-assessment (when the data
         have them); V Đề xuất, kiến nghị
    Phụ lục I.. one landscape table per block; then the reorganisation's table

Tables and charts are numbered here, once (`_numbers`). Numbers in tables: two decimals ("99,00"),
right-aligned; a unit in a table is its full name ("Phường Phú Hiệp", "Đặc khu Quang Hiệp"); in a chart,
the abbreviation of its kind ("P. Phú Hiệp", "X. Hải Trung") and "Đặc khu" in full.
"""

from __future__ import annotations

import pandas as pd

from ..core import numbers
from ..core.text import capitalise, dec, num, signed
from ..model import changes, grades
from ..model.analysis import Analysis
from ..model.units import unit_label
from . import labels, narrative, sections
from .html import svg

TOP_NAMED = 5  # units named at the head of each block
BOTTOM_NAMED = 5  # and at its foot
CHART_ABBREVIATION = {"phường": "P.", "xã": "X.", "thị trấn": "TT.", "đặc khu": "Đặc khu"}


def table_label(name: str, unit_type: object) -> str:
    """A unit in a table: its full name, "Phường Phú Hiệp" (one rule for every province table)."""
    return capitalise(unit_label(name, unit_type))


def chart_label(name: str, unit_type: object) -> str:
    """A unit in a chart: "P. Phú Hiệp", "X. Hải Trung", "Đặc khu Quang Hiệp"."""
    prefix = CHART_ABBREVIATION.get(unit_type) if isinstance(unit_type, str) else None
    return f"{prefix} {name}" if prefix else table_label(name, unit_type)


def _prev(a: Analysis) -> int | None:
    return a.previous_year if a.has_previous and a.standing.previous is not None else None


def _bounds(a: Analysis) -> tuple[float, ...]:
    return (a.settings.thresholds if a.settings else grades.DEFAULT_THRESHOLDS).bounds()


def _grades_present(a: Analysis) -> list[str]:
    """The grades any unit has this year or (when compared) last year, best first; at least down to Khá."""
    seen = set(a.units["grade"])
    if _prev(a):
        seen |= set(a.standing.previous["grade"])
    last = max([grades.GRADES.index(g) for g in seen] + [2])
    return list(grades.GRADES[: last + 1])


def _numbers(a: Analysis) -> dict[str, int]:
    """Every table's and chart's number, in the order they appear."""
    t, c = iter(range(1, 100)), iter(range(1, 100))
    out = {"blocks_table": next(t), "grade_chart": next(c)}
    for i, _ in enumerate(a.blocks):
        out[f"block_chart_{i}"] = next(c)
    if _prev(a):
        out["transitions"], out["movers"] = next(t), next(t)
    out["fields_table"], out["fields_chart"] = next(t), next(c)
    if a.has_criteria and not a.top_lost.empty:
        out["lost"] = next(t)
    out["gaps"] = next(t)
    return out


def appendix_numbers(a: Analysis) -> dict[str, str]:
    """Phụ lục I, II, … : one per block, then the reorganisation's."""
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    out = {block: roman[i] for i, block in enumerate(a.blocks)}
    if a.reorganisation is not None and a.reorganisation.predecessors:
        out["reorganisation"] = roman[len(a.blocks)]
    return out


def _kind(a: Analysis) -> str:
    return a.body.kind  # "tỉnh"


# ---------------------------------------------------------------- the sample mark, I


def sample_mark(a: Analysis) -> str | None:
    """The visible mark of sample data (settings `sample`, written by the sample generators only)."""
    return labels.SAMPLE_MARK if a.settings is not None and a.settings.sample else None


def implementation(a: Analysis) -> dict:
    r = a.reorganisation
    reorg = None
    if r is not None and r.before_kinds:
        reorg = narrative.reorganisation_paragraph(r, a.body.title).replace(
            "{appendix}", appendix_numbers(a).get("reorganisation", "")
        )
    return {
        "heading": labels.PROVINCE_PARTS["implementation"],
        "hint": labels.implementation_placeholder(a.year),
        "reorganisation": reorg,
        "reorg_placeholder": labels.reorg_placeholder(a.year) if reorg else None,
    }


# ---------------------------------------------------------------- II


def _count_cell(now: int, change: int | None) -> str:
    if change is None:
        return f"{now}"
    return f"{now} ({signed(change).replace(',00', '')})" if change else f"{now} (0)"


def blocks_table(a: Analysis, number: int) -> dict:
    """Bảng 1: a row per block and one for the province: units, mean, highest, lowest, gap, units per
    grade; from the second comparable year each count with its change, and the change of the mean."""
    prev = _prev(a)
    shown = _grades_present(a)
    table = changes.block_table(a.units, a.blocks)
    moved = changes.block_changes(a.units, a.standing.previous, a.blocks) if prev else None
    rows = []
    for i, r in enumerate(table.to_dict("records")):
        c = moved.iloc[i].to_dict() if moved is not None else {}
        name = r["block"] if r["block"] != changes.WHOLE else labels.WHOLE.format(kind=_kind(a)).capitalize()
        row = [name, str(r["n"]), dec(r["mean"]), dec(r["highest"]), dec(r["lowest"]), dec(r["gap"])]
        row += [_count_cell(r[g], c.get(f"change {g}") if prev else None) for g in shown]
        if prev:
            change = c.get("mean_change")
            row += [narrative.NO_CHANGE if change is None else signed(numbers.difference(c["mean"], c["prev_mean"]))]
        rows.append(row)
    return {
        "number": number,
        "caption": labels.block_table_caption(number, a.year),
        "header": labels.block_table_header(_kind(a), shown, prev),
        "rows": rows,
        "text_columns": {0},
        "nowrap_columns": {0},
        "note": labels.block_table_note(_bounds(a), list(grades.GRADES), prev),
    }


def grade_figure(a: Analysis, number: int) -> sections.Figure:
    from . import charts

    prev = _prev(a)
    rows = []
    for block in a.blocks:
        if prev:
            before = a.standing.previous[a.standing.previous["block"] == block]
            rows.append((f"{block} ({prev})", grades.grade_counts(before["grade"])))
        now = a.units[a.units["block"] == block]
        rows.append((f"{block} ({a.year})" if prev else block, grades.grade_counts(now["grade"])))
    chart = charts.grade_chart(rows, grades.GRADES)
    return sections.Figure(number, labels.grade_chart_caption(number, a.year, prev), [svg(chart)], labels.GRADE_LEGEND)


def _named(units: pd.DataFrame, n: int, best: bool) -> list[str]:
    """The n best (or weakest) units of a block, in order, ties with the n-th included but never more than
    2n: a tie of many at the top is cut at the n-th place's value only when it is small."""
    ordered = units.sort_values("block_rank", ascending=best, kind="stable")
    if not best:
        ordered = ordered.iloc[::-1].sort_values("value", kind="stable")
    cut = ordered["value"].iloc[min(n, len(ordered)) - 1]
    chosen = ordered[ordered["value"] >= cut] if best else ordered[ordered["value"] <= cut]
    return list(chosen["name"].head(2 * n))


def _block_part(a: Analysis, index: int, block: str, number: int) -> dict:
    from . import charts

    units = a.units[a.units["block"] == block]
    prev = _prev(a)
    prev_mean = None
    if prev:
        before = a.standing.previous[a.standing.previous["block"] == block]
        prev_mean = numbers.mean(before["value"]) if len(before) else None
    weakest = list(a.standing.weakest[block]["name"])
    paragraph = narrative.block_paragraph(
        block,
        units,
        a.year,
        a.full_max,
        a.uses_index,
        _named(units, TOP_NAMED, True),
        _named(units, BOTTOM_NAMED, False),
        prev,
        prev_mean,
    )
    label = {u.name: chart_label(u.name, u.unit_type) for u in units.itertuples()}
    chart = charts.block_ranking_chart(
        {label[u.name]: float(u.value) for u in units.itertuples()},
        100.0 if a.uses_index else a.full_max,
        {label[n] for n in weakest},
        numbers.mean(units["value"]),
        {label[u.name]: (dec(u.value)) for u in units.itertuples()},
        labels.INDEX_AXIS if a.uses_index else None,
    )
    figure = sections.Figure(
        number, labels.block_chart_caption(number, a.year, block), [svg(chart)], labels.block_chart_legend(len(weakest))
    )
    return {"heading": f"{index}. {block}", "paragraph": paragraph, "chart": figure}


def _transitions_table(a: Analysis, number: int) -> dict:
    prev, order = _prev(a), _grades_present(a)
    rows, groups = [], []
    for block in a.blocks:
        pairs = changes.transitions(a.units, a.standing.previous, block)
        groups.append(len(rows))
        rows.append([f"{block}: {narrative.transitions_sentence(pairs, grades.GRADES)}", *[""] * len(order)])
        for g in order:
            cells = [str(pairs.get((g, h), 0)) if pairs.get((g, h)) else "–" for h in order]
            if any(c != "–" for c in cells):
                rows.append([g, *cells])
    return {
        "number": number,
        "caption": labels.transitions_caption(number, prev, a.year),
        "header": [labels.TRANSITIONS_CORNER.format(prev=prev, year=a.year), *order],
        "rows": rows,
        "group_rows": set(groups),
        "text_columns": {0},
        "note": labels.transitions_note(prev),
    }


def _movers_table(a: Analysis, number: int) -> dict:
    prev = _prev(a)
    rows, groups = [], []
    for block in a.blocks:
        risers, fallers = changes.movers(a.units, block)
        for title, frame in ((labels.RISERS, risers), (labels.FALLERS, fallers)):
            if frame.empty:
                continue
            groups.append(len(rows))
            rows.append([f"{block}: {title.lower()}", *[""] * 6])
            for u in frame.itertuples():
                rows.append(
                    [
                        table_label(u.name, u.unit_type),
                        str(int(u.prev_block_rank)),
                        str(int(u.block_rank)),
                        narrative.rank_change_cell(u.prev_block_rank, u.block_rank_change, ""),
                        dec(u.prev_value),
                        dec(u.value),
                        narrative.points_change_cell(u.value_change),
                    ]
                )
    header = [h.format(prev=prev, year=a.year) for h in labels.MOVERS_HEADER[1:]]
    return {
        "number": number,
        "caption": labels.movers_caption(number, changes.MOVERS_SHOWN),
        "header": header,
        "rows": rows,
        "group_rows": set(groups),
        "text_columns": {0},
        "nowrap_columns": {0},
    }


def _changes_part(a: Analysis, numbered: dict) -> dict | None:
    prev = _prev(a)
    if not prev:
        return None
    moved = changes.block_changes(a.units, a.standing.previous, a.blocks)
    sentences = [
        narrative.block_change_sentence(r["block"], r, prev, a.uses_index, grades.GRADES)
        for r in moved.to_dict("records")
        if r["block"] != changes.WHOLE and r["prev_mean"] is not None
    ]
    lowest = []
    n = a.settings.weakest if a.settings and a.settings.weakest else len(a.standing.weakest[a.blocks[0]]) or 3
    for block in a.blocks:
        found = changes.last_years_lowest(a.units, a.standing.previous, block, n)
        lowest.append(
            {
                "heading": block,
                "sentences": [narrative.last_lowest_sentence(w, prev, a.year, a.uses_index) for w in found],
            }
        )
    return {
        "heading": f"{len(a.blocks) + 2}. {labels.changes_heading(prev)}",
        "sentences": sentences,
        "transitions": _transitions_table(a, numbered["transitions"]),
        "movers": _movers_table(a, numbered["movers"]),
        "lowest_intro": narrative.last_lowest_intro(prev),
        "lowest": lowest,
    }


def results(a: Analysis) -> dict:
    numbered = _numbers(a)
    prev = _prev(a)
    paragraph = narrative.combined_paragraph(
        a.units, a.year, sections.kinds(a), a.uses_index, a.blocks, prev, a.prev_mean if prev else None
    )
    blocks = [_block_part(a, i, block, numbered[f"block_chart_{i - 2}"]) for i, block in enumerate(a.blocks, start=2)]
    return {
        "year": a.year,
        "overall_heading": "1. " + labels.OVERALL_HEADING.format(kind=_kind(a)),
        "paragraph": paragraph,
        "grades": narrative.province_grades_sentence(_kind(a), a.standing.grade_counts),
        "blocks_table": blocks_table(a, numbered["blocks_table"]),
        "grade_figure": grade_figure(a, numbered["grade_chart"]),
        "blocks": blocks,
        "changes": _changes_part(a, numbered),
        "years": sections.years_part(a, f"{len(a.blocks) + (3 if prev else 2)}. {labels.YEARS_HEADING}"),
        "footnotes": sections.not_applicable_notes(a),
    }


# ---------------------------------------------------------------- III


def fields(a: Analysis) -> dict:
    from . import charts

    numbered = _numbers(a)
    prev = _prev(a)
    table = changes.fields_by_block(a.field_values, a.fields, a.units, a.blocks)
    types = sections.types_of(a)
    last = None
    if prev and a.prev_field_scores is not None:
        # last year's means of the same units in the same block (prev_field_scores: this year's units)
        same = changes.previous_in_block(a.units, a.standing.previous)
        comparable = set(same.loc[same["prev_grade"].notna(), "name"])
        last_scores = a.prev_field_scores.loc[[u for u in a.prev_field_scores.index if u in comparable]]
        last = changes.fields_by_block(last_scores, a.fields, a.units, a.blocks)
    rows, groups, sentences = [], [], []
    scores = a.field_values
    for f in a.fields.itertuples():
        groups.append(len(rows))
        width = 6 if prev else 5
        rows.append([labels.field_group_row(f.code, f.name, f.max), *[""] * width])
        per_block = []
        for r in table[table["code"] == f.code].to_dict("records"):
            name = r["block"] if r["block"] != changes.WHOLE else labels.WHOLE.format(kind=_kind(a)).capitalize()
            change = None
            if last is not None:
                then = last[(last["code"] == f.code) & (last["block"] == r["block"])]
                change = numbers.difference(r["mean"], then["mean"].iloc[0]) if len(then) else None
            lowest = "; ".join(f"{table_label(u, types.get(u))} {num(scores.at[u, f.code])}" for u in r["lowest"])
            row = [name, dec(r["mean"]), dec(r["pct"]), f"{r['n_full']}/{r['n']}", str(r["n_below"])]
            row += [narrative.NO_CHANGE if change is None else signed(change)] if prev else []
            rows.append([*row, lowest if r["block"] != changes.WHOLE else ""])
            if r["block"] != changes.WHOLE:
                per_block.append((r["block"], r["mean"], change, r["pct"]))
        worst = [
            (u, types.get(u), float(scores.at[u, f.code]))
            for u in table[(table["code"] == f.code) & (table["block"] == changes.WHOLE)].iloc[0]["lowest"][:2]
        ]
        sentences.append(narrative.field_block_sentence(f.code, f.name, float(f.max), per_block, worst))
    names = [f"{f.code}. {f.name}" for f in a.fields.itertuples()]
    series = [
        (
            b,
            [
                float(table[(table["code"] == f.code) & (table["block"] == b)]["pct"].iloc[0])
                for f in a.fields.itertuples()
            ],
        )
        for b in a.blocks
    ]
    before = None
    if last is not None:
        before = [
            [float(last[(last["code"] == f.code) & (last["block"] == b)]["pct"].iloc[0]) for f in a.fields.itertuples()]
            for b in a.blocks
        ]
    chart = charts.field_chart(names, series, before, labels.PREVIOUS_MARK.format(year=prev) if prev else "")
    number = numbered["fields_chart"]
    figure = sections.Figure(
        number, labels.field_by_block_chart_caption(number, a.year, prev), [svg(chart)], labels.FIELD_CHART_LEGEND + "."
    )
    return {
        "heading": labels.PROVINCE_PARTS["fields"],
        "fields_table": {
            "number": numbered["fields_table"],
            "caption": labels.fields_table_caption(numbered["fields_table"], a.year),
            "header": labels.fields_table_header(_kind(a), prev),
            "rows": rows,
            "group_rows": set(groups),
            "text_columns": {0, len(rows[0]) - 1},
            "note": labels.fields_table_note(prev),
        },
        "fields_figure": figure,
        "sentences": sentences,
        "hint": labels.fields_placeholder(),
    }


# ---------------------------------------------------------------- IV, V


def assessment(a: Analysis) -> dict:
    numbered = _numbers(a)
    base = sections.assessment(a)
    if base["top"]:
        base["top"] = {
            **base["top"],
            "number": numbered["lost"],
            "caption": labels.lost_table_caption(numbered["lost"], a.year),
        }
    if base["gaps"]:
        base["gaps"] = {
            **base["gaps"],
            "number": numbered["gaps"],
            "caption": labels.gaps_table_caption(numbered["gaps"]),
        }
    low = [u for u in a.units.itertuples() if grades.GRADES.index(u.grade) >= 2]
    return {
        **base,
        "heading": labels.PROVINCE_PARTS["assessment"],
        "proposals_heading": labels.PROVINCE_PARTS["proposals"],
        "no_criteria": None,  # the province wrote the table: no note on its source (F9)
        "proposals": labels.proposals_placeholder(sections.kinds(a), _kind(a)),
        "low_grades": len(low),
    }


# ---------------------------------------------------------------- the appendices


def appendix(a: Analysis) -> dict:
    """Phụ lục I.. : a landscape table per block (every field, total, index, grade, rank in the block and,
    when compared, last year's rank and the change); then the reorganisation's table."""
    numbered = appendix_numbers(a)
    prev = _prev(a)
    codes = list(a.field_scores.columns)
    fields = [(f.code, f.name, f.max) for f in a.fields.itertuples()]
    parts = []
    for block in a.blocks:
        units = a.units[a.units["block"] == block]
        rows = []
        for i, u in enumerate(units.itertuples(), start=1):
            row = [str(i), table_label(u.name, u.unit_type)]
            row += [dec(a.field_scores.at[u.name, c]) for c in codes]
            row += [dec(u.total), dec(u.index_pct), u.grade, str(u.block_rank)]
            if prev:
                missing = pd.isna(u.prev_block_rank)
                row += [
                    narrative.NO_CHANGE if missing else str(int(u.prev_block_rank)),
                    narrative.rank_change_cell(u.prev_block_rank, u.block_rank_change, ""),
                ]
            rows.append(row)
        parts.append(
            {
                "title": labels.province_appendix_title(numbered[block], block),
                "subtitle": labels.province_appendix_subtitle(a.year, block),
                "table": {
                    "caption": "",
                    "header": labels.province_appendix_header(codes, len(units), prev),
                    "rows": rows,
                    "text_columns": {1, len(codes) + 4},
                    "nowrap_columns": {1, len(codes) + 4},
                    "note": labels.province_appendix_note(fields, prev),
                },
            }
        )
    reorg = None
    r = a.reorganisation
    if "reorganisation" in numbered:
        ordered = sorted(
            r.predecessors,
            key=lambda p: (a.blocks.index(_block_of(a, p[0])) if _block_of(a, p[0]) in a.blocks else 99,),
        )
        rows = [
            [str(i), table_label(name, unit_type), narrative.predecessors_cell(olds, a.uses_index)]
            for i, ((name, unit_type), olds) in enumerate(ordered, start=1)
        ]
        reorg = {
            "title": labels.province_appendix_title(numbered["reorganisation"], ""),
            "subtitle": labels.reorg_appendix_subtitle(a.year),
            "table": {
                "caption": "",
                "header": [h.format(prev=r.previous_year) for h in labels.REORG_HEADER],
                "rows": rows,
                "text_columns": {1, 2},
                "nowrap_columns": {1},
            },
        }
    return {
        "year": a.year,
        "reference": narrative.annex_reference(a.year, a.body, sections.BLANK),
        "details": narrative.details_sent(labels.units_named(sections.kinds(a), a.body.units == "departments")),
        "parts": parts,
        "reorganisation": reorg,
    }


def _block_of(a: Analysis, unit: tuple[str, object]) -> str | None:
    name, unit_type = unit
    match = a.units[(a.units["name"] == name) & (a.units["unit_type"] == unit_type)]
    return match["block"].iloc[0] if len(match) else None
