"""The report's sections, as HTML blocks the notebook displays: one call per section.

Each section gathers its data in pipeline/sections.py and is rendered by a Jinja2 template
(templates/cchc/sections, autoescaped: what a clerk typed into a sheet is shown as text, never
interpreted as markup). The order follows the council's report (seed 004) and Nghị định 30/2020:
letterhead and title, I. Tình hình triển khai, II. Kết quả (overall, then one part per field),
III. Đánh giá chung (1-4), closing, Nơi nhận and signature, then the appendix; the data notes are
for the analyst, on screen only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML

from . import analyse, html, layout, sections, store
from .errors import DataError
from .text import slugify
from .units import unit_label


@dataclass
class Report:
    analysis: analyse.Analysis
    labels: dict[str, str]  # unit name -> "xã Mường So"
    previous_year: int

    @property
    def district(self) -> str:
        return self.analysis.district

    @property
    def year(self) -> int:
        return self.analysis.year


def load(district: str, year: int, raw_dir: str | Path, processed_dir: str | Path, weakest_n: int = 3) -> Report:
    """Load (preparing from raw sheets if needed) one district-year and its previous year, and analyse."""
    current = _load_or_prepare(district, year, Path(raw_dir), Path(processed_dir))
    if current is None:
        raise FileNotFoundError(f"no score sheets for {district} {year} under {raw_dir}")
    warnings, warnings_vi = list(current.warnings), list(current.warnings_vi)
    try:
        previous = _load_or_prepare(district, year - 1, Path(raw_dir), Path(processed_dir))
    except DataError:  # last year's sheets have errors: report this year without the comparison
        previous = None
        warnings.append(f"the {year - 1} sheets have data errors: ranks are not compared with {year - 1}")
        warnings_vi.append(f"bảng điểm năm {year - 1} có lỗi dữ liệu: không so sánh thứ hạng với năm {year - 1}")
    analysis = analyse.analyse(
        current.scores, previous.scores if previous else None, weakest_n, warnings=warnings, warnings_vi=warnings_vi
    )
    units = analysis.units
    labels = {n: unit_label(n, t) for n, t in zip(units["name"], units["unit_type"], strict=True)}
    return Report(analysis, labels, year - 1)


def _load_or_prepare(district: str, year: int, raw_dir: Path, processed_dir: Path) -> store.Processed | None:
    """The district-year's table, current with its sheets (store.prepare reads them again only if they
    changed); a stored table alone when the raw sheets are not here."""
    dy = layout.find(raw_dir, district, year)
    if dy is not None:
        return store.prepare(dy, processed_dir)
    return store.load(processed_dir, slugify(district), year)


# ---------------------------------------------------------------- sections


def _html(template: str, context: dict) -> HTML:
    return HTML(html.render(template, **context))


def title(r: Report) -> str:
    return sections.title(r.analysis)


def title_block(r: Report) -> HTML:
    """Letterhead (parent body, council, number; national motto, place and date) and the title."""
    return _html("letterhead.html.j2", sections.letterhead(r.analysis))


def implementation(r: Report) -> HTML:
    """I. Tình hình triển khai thực hiện: the council's text, a marked place."""
    return _html("implementation.html.j2", sections.implementation(r.analysis))


def overview(r: Report) -> HTML:
    """II. Kết quả: the overall result, Biểu đồ 1 and Bảng 1."""
    return _html("results.html.j2", sections.results(r.analysis))


def fields(r: Report) -> HTML:
    """II. 1-n: one part per field, each with its chart and a marked place for the council's comment."""
    return _html("fields.html.j2", sections.fields(r.analysis))


def assessment(r: Report) -> HTML:
    """III. Đánh giá chung: 2. Hạn chế generated; 1, 3 and 4 marked places."""
    return _html("assessment.html.j2", sections.assessment(r.analysis))


def closing(r: Report) -> HTML:
    """Closing sentence, Nơi nhận and the signature block."""
    return _html("closing.html.j2", sections.closing(r.analysis))


def appendix(r: Report) -> HTML:
    """PHỤ LỤC (Kèm theo Báo cáo số …): each unit's result and lost criteria."""
    return _html("appendix.html.j2", sections.appendix(r.analysis))


def data_notes(r: Report) -> HTML:
    """What was fixed automatically while reading the sheets: for the analyst, not printed."""
    return _html("data_notes.html.j2", sections.data_notes(r.analysis))
