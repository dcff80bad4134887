"""What each section of the report shows: its data, sentences and charts, as template context.

One function per section, called by report.py; the templates in templates/cchc/sections hold the
markup and the fixed wording. Everything that names the body or its units follows the analysis's body
(body.py): title, letterhead, place line, sentences, captions, Nơi nhận, signature. Numbering (charts,
tables, fields) is decided here, once: fields by their code everywhere (headings, table columns,
appendix); charts 1 (overall; with ranking blocks, one per block) then one per field; tables 1
(ranking; one per block), then the criteria that cost most and the self-assessment, when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core import numbers
from ..core.text import count, dec, num, pct, score_of, slugify
from ..model import grades, history
from ..model.analysis import Analysis
from ..model.body import DEFAULT_ISSUER
from ..model.units import short_label, unit_label
from . import labels, narrative
from .html import svg

# charts (matplotlib) is imported by the two sections that draw: a build's own process uses this module for
# titles and Word documents and never draws, and matplotlib is 0.3 s of its cold start.

BLANK = labels.BLANK
TOP_LOST_SHOWN = 10
GAPS_SHOWN = 5
REASONS_SHOWN = 2


@dataclass(frozen=True)
class Figure:
    number: int
    caption: str
    parts: list  # SVG markup, one per part of a long ranking
    legend: str


def types_of(a: Analysis) -> dict[str, object]:
    return dict(zip(a.units["name"], a.units["unit_type"], strict=True))


def kinds(a: Analysis) -> str:
    """The kinds of unit ranked, as the report names them: "xã, thị trấn", "huyện, thành phố", "sở, ban, ngành"."""
    return ", ".join(a.body.unit_kinds)


def title(a: Analysis) -> str:
    return narrative.report_title(a.year, a.body)


def page_title(a: Analysis) -> str:
    return narrative.page_title(a.year, a.body)


def n_blocks(a: Analysis) -> int:
    """How many ranking charts and tables the overall result has (one per block): later numbers follow."""
    return len(a.blocks)


def _figure(number: int, caption: str, parts: list[str], legend: str = "") -> Figure:
    return Figure(number, caption, [svg(p) for p in parts], legend)


# ---------------------------------------------------------------- letterhead, I


def letterhead(a: Analysis) -> dict:
    title_text = title(a)
    year_part = labels.year_part(a.year)
    first, _, second = title_text.partition(f"{year_part} ")
    body = a.body
    return {
        "parent": body.parent,
        "council": list(labels.COUNCIL_LINES) if body.issuer == DEFAULT_ISSUER else [body.issuer],
        "number": re.sub(rf"^{labels.NUMBER}\s*", labels.NUMBER + BLANK, body.symbol),
        "place_date": labels.place_date(body.name, a.year + 1),
        "title_lines": [f"{first}{year_part}", second] if second else [title_text],
        "district": a.district,
    }


def implementation(a: Analysis) -> dict:
    return {"year": a.year, "kinds": kinds(a)}


# ---------------------------------------------------------------- II: the overall result


def results(a: Analysis) -> dict:
    """The overall result: with one ranking, its paragraph, Biểu đồ 1 and Bảng 1; with blocks, a combined
    overview of every unit first, then per block its paragraph (average, bands, best, lowest), chart and
    ranking table (rank x/N inside the block). The count per grade and, after a reorganisation, the one
    sentence saying ranks are not compared."""
    types = types_of(a)
    prev_year = a.previous_year if a.has_previous else None
    grades_of = a.standing.grade_counts
    bounds = (a.settings.thresholds if a.settings else grades.DEFAULT_THRESHOLDS).bounds()
    sentences = [narrative.grades_sentence(grades_of, bounds)]
    if a.reorganisation is not None:
        sentences.append(a.reorganisation.sentence)
    parts = []
    if a.in_blocks:
        paragraph = narrative.combined_paragraph(
            a.units, a.year, kinds(a), a.uses_index, a.blocks, prev_year, a.prev_mean
        )
        for number, block in enumerate(a.blocks, start=1):
            units = a.units[a.units["block"] == block]
            weakest = a.standing.weakest[block]
            block_kinds = ", ".join(k for k in a.body.unit_kinds if k in set(units["unit_type"])) or kinds(a)
            text = narrative.overview_paragraph(
                units, a.year, types, a.uses_index, None, None, list(weakest["name"]), block_kinds
            )
            block_grades = narrative.grades_sentence(grades.grade_counts(units["grade"]), bounds)
            parts.append(
                {
                    "heading": block,
                    "paragraph": f"{text} {block_grades}",
                    "chart": _ranking_figure(a, units, list(weakest["name"]), number, f", {block}"),
                    "ranking": ranking_table(a, units, number, f", {block}"),
                }
            )
    else:
        weakest = list(a.weakest["name"])
        paragraph = narrative.overview_paragraph(
            a.units, a.year, types, a.uses_index, prev_year, a.prev_mean, weakest, kinds(a)
        )
        parts.append(
            {
                "heading": None,
                "paragraph": None,
                "chart": _ranking_figure(a, a.units, weakest, 1, labels.of_kinds(kinds(a))),
                "ranking": ranking_table(a),
            }
        )
    return {
        "year": a.year,
        "paragraph": paragraph,
        "sentences": sentences,
        "blocks": parts,
        "years": years_part(a),
        "footnotes": not_applicable_notes(a),
    }


def _ranking_figure(a: Analysis, units: pd.DataFrame, weakest: list[str], number: int, of: str) -> Figure:
    """The ranking chart of `units` (every unit, or a block's), the weakest hatched."""
    from . import charts

    shown = {u.name: (pct(u.value) if a.uses_index else num(u.value)) for u in units.itertuples()}
    short = {u.name: short_label(u.name, u.unit_type) for u in units.itertuples()}
    maximum = 100.0 if a.uses_index else a.full_max
    chart = charts.ranking_charts(
        {short[n]: v for n, v in zip(units["name"], units["value"], strict=True)},
        maximum,
        {short[n] for n in weakest},
        numbers.mean(units["value"]),
        {short[n]: shown[n] for n in shown},
        labels.INDEX_AXIS if a.uses_index else None,
    )
    return _figure(
        number,
        labels.ranking_chart_caption(number, a.year, of),
        chart,
        labels.ranking_legend(len(set(weakest))),
    )


def ranking_table(a: Analysis, units: pd.DataFrame | None = None, number: int = 1, of: str | None = None) -> dict:
    """Bảng 1 (or a block's table): rank inside the block x/N, every field, total, grade, the change of
    rank within the block and of points since last year."""
    units = a.units if units is None else units
    of = labels.of_kinds(kinds(a)) if of is None else of
    codes = list(a.field_scores.columns)
    n = len(units)
    has_self = a.self_assessment is not None
    prev = a.previous_year if a.has_previous else None
    header = labels.ranking_header(n, codes, a.uses_index, has_self, a.has_criteria, prev)
    maxima = dict(zip(a.fields["code"], a.fields["max"].astype(float), strict=True))
    rows = []
    for u in units.itertuples():
        row = [str(u.block_rank), short_label(u.name, u.unit_type)]
        row += [_field_cell(a, u.name, c, maxima[c]) for c in codes]
        row += [fixed(u.total, a.decimals)]
        row += [dec(u.index_pct)] if a.uses_index else []
        row += [u.grade]
        row += [dec(u.self_total) if not pd.isna(u.self_total) else "–"] if has_self else []
        row += [f"{u.criteria_full}/{u.n_criteria}"] if a.has_criteria else []
        if prev:
            row += [
                narrative.rank_change_cell(u.prev_block_rank, u.block_rank_change, ""),
                narrative.points_change_cell(u.value_change),
            ]
        rows.append(row)
    fields = [(f.code, f.name, f.max) for f in a.fields.itertuples()]
    return {
        "number": number,
        "caption": labels.ranking_table_caption(number, a.year, of),
        "header": header,
        "rows": rows,
        "text_columns": {1, len(codes) + 3 + (1 if a.uses_index else 0)},
        "nowrap_columns": {len(codes) + 3 + (1 if a.uses_index else 0)},  # "Xuất sắc" on one line
        "note": labels.ranking_note(fields, a.uses_index, a.has_criteria, prev, a.in_blocks),
    }


def _field_cell(a: Analysis, unit: str, code: str, maximum: float) -> str:
    score = a.field_scores.at[unit, code]
    applicable = a.field_max.at[unit, code]
    cell = fixed(score, a.decimals)
    return f"{cell} (*)" if applicable < maximum - 1e-9 else cell


def fixed(value: float, decimals: int = 2) -> str:
    """A score in a table: two decimals always ("99,00", "8,50"), three for a table published so."""
    return dec(value) if decimals <= 2 else num(value, decimals)


def _chart_label(score: float, applicable: float, maximum: float) -> str:
    """A field chart's value label, as the text writes the score: "10,57", or "8,26/10 (*)" where the
    unit's maximum is reduced (its bar is drawn on the field's scale)."""
    return num(score) if applicable >= maximum - 1e-9 else f"{num(score)}/{num(applicable)} (*)"


def years_part(a: Analysis, heading: str | None = None) -> dict | None:
    """Every year of the data (model/history.py), after the year's result: from 2 comparable years, the units
    among the weakest 2 or more years running; from 3, the mean's trend and who rose and fell most over the
    span. None with one comparable year (after a reorganisation, the span starts anew). `heading` is shown
    from 3 years; with 2, the sentence follows the comparison with last year, under its heading."""
    years = a.history_years
    if len(years) < 2:
        return None
    sentences = []
    if len(years) >= history.MIN_YEARS_SHOWN:
        sentences.append(narrative.trend_sentence(a.trend, a.uses_index, a.blocks if a.in_blocks else []))
        moved = narrative.movers_sentence(a.risers, a.fallers, a.uses_index)
        if moved:
            sentences.append(moved)
    sentences.append(narrative.persistent_sentence(a.persistent_weakest, a.weakest_n, a.in_blocks, years))
    return {"heading": heading if len(years) >= history.MIN_YEARS_SHOWN else None, "sentences": sentences}


def not_applicable_notes(a: Analysis) -> list[str]:
    """A footnote per unit whose maximum is reduced: the criteria that did not apply and their maxima."""
    if a.not_applicable is None or a.not_applicable.empty:
        return []
    units = a.units.set_index("name")
    notes = []
    for unit, group in a.not_applicable.groupby("unit", sort=False):
        u = units.loc[unit]
        criteria = [(c.code, c.name, float(c.max)) for c in group.itertuples()]
        notes.append(
            narrative.not_applicable_note(
                unit_label(unit, u["unit_type"]), criteria, u["total"], u["max"], u["index_pct"]
            )
        )
    if a.uses_index:
        notes.append(labels.RANKED_BY_INDEX)
    return notes


# ---------------------------------------------------------------- II: one part per field


def fields(a: Analysis) -> dict:
    from . import charts

    types = types_of(a)
    prev_year = a.previous_year if a.has_previous else None
    parts = []
    for i, f in enumerate(a.fields.itertuples(), start=n_blocks(a) + 1):
        code = f.code
        values = a.field_values[code].dropna()
        scores = a.field_scores[code]
        applicable = a.field_max[code]
        reduced = bool(f.reduced)
        shown = {u: (score_of(scores[u], applicable[u]) if reduced else num(scores[u])) for u in values.index}
        field = pd.Series(f._asdict())
        paragraph = narrative.field_paragraph(field, a.year, types, values, shown, a.has_criteria, kinds(a), prev_year)
        short = {u: short_label(u, types.get(u)) for u in values.index}
        lowest = list(f.lowest_units)
        chart = charts.ranking_charts(
            {short[u]: v for u, v in values.items()},
            float(f.max),
            {short[u] for u in lowest},
            float(f.mean),
            {short[u]: _chart_label(scores[u], applicable[u], f.max) for u in values.index},
        )
        legend = labels.field_legend(len(lowest), reduced) if lowest else labels.MEAN_ONLY_LEGEND
        footnotes = []
        if reduced:
            na = a.not_applicable
            for unit in values.index:
                if applicable[unit] < f.max - 1e-9:
                    criteria = na[(na["unit"] == unit) & na["code"].str.startswith(f"{code}.")]["code"].tolist()
                    footnotes.append(
                        narrative.field_footnote(
                            unit, unit_label(unit, types.get(unit)), applicable[unit], f.max, criteria
                        )
                    )
        parts.append(
            {
                "code": code,
                "name": f.name,
                "paragraph": paragraph,
                "costs": narrative.field_costs_sentence(a.costs.get(code), types),
                "figure": _figure(i, labels.field_chart_caption(i, f.name), chart, legend),
                "footnotes": footnotes,
                "placeholder": labels.field_placeholder(f.name),
            }
        )
    return {"parts": parts}


# ---------------------------------------------------------------- III: Đánh giá chung


def _in_block(unit) -> pd.Series:
    """A unit's row as the text states it: its rank, and its change of rank, inside its block."""
    row = pd.Series(unit._asdict())
    row["rank"], row["prev_rank"], row["rank_change"] = unit.block_rank, unit.prev_block_rank, unit.block_rank_change
    return row


def weakest_blocks(a: Analysis) -> list[dict]:
    """III.2 (1): the weakest units of each block (one list without blocks), each unit's rank x/N inside
    its block."""
    prev_year = a.previous_year if a.has_previous else None
    out = []
    for block in a.blocks:
        weakest = a.standing.weakest[block]
        sentences = [
            narrative.weakest_sentence(
                _in_block(w), unit_label(w.name, w.unit_type), int(w.block_size), prev_year, a.full_max, a.uses_index
            )
            for w in weakest.itertuples()
        ]
        tied = int(weakest["block_rank"].value_counts().max()) if len(weakest) else 0
        size = int((a.units["block"] == block).sum())
        heading = narrative.block_heading(block, size) if a.in_blocks else None
        out.append({"heading": heading, "sentences": sentences, "tied": tied})
    return out


def assessment(a: Analysis) -> dict:
    types = types_of(a)
    n = len(a.units)
    blocks = weakest_blocks(a)
    first = n_blocks(a) + 1  # the tables after the ranking tables
    top = None
    if a.has_criteria and not a.top_lost.empty:
        rows = [
            [
                c.code,
                c.name,
                dec(c.points_lost),
                f"{count(c.units_affected)}/{count(n)}",
                narrative.losers_cell(c.units, c.unit_points, types),
                "; ".join(c.reasons[:REASONS_SHOWN]),
            ]
            for c in a.top_lost.head(TOP_LOST_SHOWN).itertuples()
        ]
        top = {
            "number": first,
            "caption": labels.lost_table_caption(first, a.year),
            "header": list(labels.LOST_HEADER),
            "rows": rows,
            "text_columns": {1, 4, 5},
        }
    gaps = a.units[a.units["gap"] > 0.004].sort_values(["gap", "rank"], ascending=[False, True], kind="stable")
    gaps = gaps.head(GAPS_SHOWN)
    gap_table = None
    if len(gaps):
        gap_table = {
            "number": first + 1 if top else first,
            "caption": labels.gaps_table_caption(first + 1 if top else first),
            "header": list(labels.GAPS_HEADER),
            "rows": [
                [short_label(g.name, g.unit_type), dec(g.self_total), dec(g.total), dec(g.gap)]
                for g in gaps.itertuples()
            ],
            "text_columns": {0},
        }
    return {
        "year": a.year,
        "kinds": kinds(a),
        "scope": a.body.kind,
        "units_named": labels.units_named(kinds(a), a.body.units == "departments"),
        "weakest_intro": narrative.weakest_intro(a.year, len(a.weakest), blocks[0]["tied"], a.in_blocks),
        "weakest_blocks": blocks,
        # a province wrote the summary table itself: no note on where the data come from (F9)
        "no_criteria": None
        if a.has_criteria or a.body.level == "province"
        else narrative.no_criteria(a.year, a.body.kind),
        "top": top,
        "self_sentence": narrative.self_assessment_sentence(a.self_assessment, n, len(gaps)),
        "gaps": gap_table,
    }


# ---------------------------------------------------------------- closing, appendix, data notes


def closing(a: Analysis) -> dict:
    signer_title, office = narrative.signer(a.body)
    return {
        "year": a.year,
        "scored": narrative.scored_phrase(a.body),
        "recipients": narrative.recipients(a.body),
        "signer_title": signer_title,
        "signer_office": office,
    }


def unit_slug(name: str, unit_type: object) -> str:
    """A unit document's file name without extension: "xa-muong-so"."""
    return slugify(unit_label(name, unit_type)) or "don-vi"


def unit_slugs(a: Analysis) -> dict[str, str]:
    """Unit name -> its documents' file stem, unique within the report (a suffix where two collide)."""
    slugs: dict[str, str] = {}
    for name, unit_type in zip(a.units["name"], a.units["unit_type"], strict=True):
        base = stem = unit_slug(name, unit_type)
        n = 2
        while stem in slugs.values():
            stem, n = f"{base}-{n}", n + 1
        slugs[name] = stem
    return slugs


def appendix(a: Analysis) -> dict:
    """PHỤ LỤC: one compact row per unit, its name linking its own document (units/<slug>.html) on screen;
    no file name is printed (F9)."""
    slugs = unit_slugs(a)
    counts = a.lost.groupby("unit")["points_lost"].agg(["size", "sum"]) if len(a.lost) else None
    header = labels.appendix_header(a.uses_index, a.has_criteria)
    rows = []
    for u in a.units.itertuples():
        row = [str(u.rank), short_label(u.name, u.unit_type), f"{fixed(u.total, a.decimals)}/{num(u.max)}"]
        row += [dec(u.index_pct)] if a.uses_index else []
        if a.has_criteria:
            n, points = counts.loc[u.name] if counts is not None and u.name in counts.index else (0, 0.0)
            row += [count(int(n)), dec(points)]
        else:
            row += [
                narrative.weak_fields_phrase(a.weak_fields[u.name]).removeprefix(labels.WEAK_FIELDS_PREFIX)
                if a.weak_fields.get(u.name)
                else ""
            ]
        rows.append({"cells": row, "slug": slugs[u.name]})
    return {
        "year": a.year,
        "reference": narrative.annex_reference(a.year, a.body, BLANK),
        "kinds_upper": kinds(a).upper(),
        "has_criteria": a.has_criteria,
        "details": narrative.details_sent(labels.units_named(kinds(a), a.body.units == "departments")),
        "header": header,
        "rows": rows,
    }


def data_notes(a: Analysis) -> dict:
    return {"notes": list(a.warnings_vi)}
