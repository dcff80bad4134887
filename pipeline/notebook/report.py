"""The report's sections, as HTML blocks the notebook displays: one call per section.

Each section gathers its data in pipeline/sections.py and is rendered by a Jinja2 template
(templates/cchc/sections, autoescaped: what a clerk typed into a sheet is shown as text, never
interpreted as markup). The order follows the council's report (docs/report-content.md) and Nghị định 30/2020:
letterhead and title, I. Tình hình triển khai, II. Kết quả (overall, then one part per field),
III. Đánh giá chung (1-4), closing, Nơi nhận and signature, then the appendix; the data notes are
for the analyst, on screen only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML

from ..core import config
from ..model import analysis
from ..read import layout, store
from ..write import html, province, sections
from ..write.html import PAGE_METADATA
from . import params


@dataclass
class Report:
    analysis: analysis.Analysis

    @classmethod
    def of(cls, analysis: analysis.Analysis) -> Report:
        return cls(analysis)

    @property
    def district(self) -> str:
        return self.analysis.district

    @property
    def year(self) -> int:
        return self.analysis.year


def load(
    district: str,
    year: int,
    raw_dir: str | Path = config.RAW_DIR,
    processed_dir: str | Path = config.PROCESSED_DIR,
    weakest_n: int = config.WEAKEST_N,
    analysis: str | Path = "",
) -> Report:
    """The report of one district-year: the analysis the build prepared (`analysis`, its path), or,
    for an analyst's Run All, the same analysis prepared here from the raw sheets (store.analysis_of)."""
    if analysis:
        return Report.of(store.read_analysis(Path(analysis)))
    year, raw_dir, processed_dir = params.resolve(district, year, raw_dir, processed_dir)
    dy = layout.find(raw_dir, district, year)
    if dy is None:
        raise params.not_found(district, year, raw_dir)
    return Report.of(store.analysis_of(dy, processed_dir, weakest_n))


# ---------------------------------------------------------------- sections


def _html(template: str, context: dict) -> HTML:
    return HTML(html.render(template, **context))


def title(r: Report) -> str:
    return sections.title(r.analysis)


def title_block(r: Report) -> HTML:
    """Letterhead (parent body, council, number; national motto, place and date) and the title. The page's
    title travels with it as output metadata, for the exporters (render.report_title)."""
    page = html.render("letterhead.html.j2", **sections.letterhead(r.analysis))
    mark = province.sample_mark(r.analysis)
    if mark:  # sample data: the mark above the letterhead
        page = html.render("sample_mark.html.j2", mark=mark) + page
    return HTML(page, metadata={PAGE_METADATA: {"title": sections.page_title(r.analysis)}})


def implementation(r: Report) -> HTML:
    """I. Tình hình triển khai thực hiện: the council's text, a marked place; in blocks (a province), the
    reorganisation when the year has one."""
    if r.analysis.in_blocks:
        return _html("province_implementation.html.j2", province.implementation(r.analysis))
    return _html("implementation.html.j2", sections.implementation(r.analysis))


def overview(r: Report) -> HTML:
    """II. Kết quả: the overall result, Biểu đồ 1 and Bảng 1; in blocks, the province's and each block's
    result, and the changes within each block (write/province.py)."""
    if r.analysis.in_blocks:
        return _html("province_results.html.j2", province.results(r.analysis))
    return _html("results.html.j2", sections.results(r.analysis))


def fields(r: Report) -> HTML:
    """II. 1-n: one part per field, each with its chart and a marked place for the council's comment; in
    blocks, III: every field by block in one table and one chart."""
    if r.analysis.in_blocks:
        return _html("province_fields.html.j2", province.fields(r.analysis))
    return _html("fields.html.j2", sections.fields(r.analysis))


def assessment(r: Report) -> HTML:
    """III. Đánh giá chung: 2. Hạn chế generated; 1, 3 and 4 marked places; in blocks, IV and V."""
    if r.analysis.in_blocks:
        return _html("province_assessment.html.j2", province.assessment(r.analysis))
    return _html("assessment.html.j2", sections.assessment(r.analysis))


def closing(r: Report) -> HTML:
    """Closing sentence, Nơi nhận and the signature block."""
    return _html("closing.html.j2", sections.closing(r.analysis))


def appendix(r: Report) -> HTML:
    """PHỤ LỤC (Kèm theo Báo cáo số …): each unit's result and lost criteria; in blocks, a landscape table
    per block and the reorganisation's table."""
    if r.analysis.in_blocks:
        return _html("province_appendix.html.j2", province.appendix(r.analysis))
    return _html("appendix.html.j2", sections.appendix(r.analysis))


def data_notes(r: Report) -> HTML:
    """What was fixed automatically while reading the sheets: for the analyst, not printed."""
    return _html("data_notes.html.j2", sections.data_notes(r.analysis))
