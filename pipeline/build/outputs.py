"""Every output of a report, declared once: its files, the format that asks for it, the stage that writes it,
its writer, what the writer needs, and its links on the index page.

`--formats`, staleness (the outputs a built report must have), the manifest (whether the Word template is an
input), publishing, summary.json's `files`, `build --verbose`'s stages and the index page's links all read
OUTPUTS. A new output is one row here and one writer: a function of the `Made` report, which writes the
row's files into the staging folder (with the writing itself in pipeline/write/).

Writers import what they need when they run: deciding what is stale imports none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Made:
    """What a report's writers work from: its analysis, the HTML the notebook gave, and where to write."""

    analysis: object  # model.analysis.Analysis
    page: str  # the report's HTML (write/render.py's exporter, on the executed notebook)
    staging: Path
    formats: tuple[str, ...]
    word_template: Path
    files: dict[str, str] = field(default_factory=dict)  # kind -> file name, of the outputs made


@dataclass(frozen=True)
class Output:
    kind: str  # summary.json's `files` key
    file: str  # the file (or folder) in the report's folder
    format: str | None  # the --formats name that asks for it; None: every build makes it
    stage: str  # the stage that writes it (manifest.json's stages, `build --verbose`)
    write: Callable[[Made], None] | None  # None: written by the stage itself (the notebook, the HTML)
    needs: tuple[str, ...] = ()  # "notebook", "html" (the report's page), "word_template"
    link: str | None = None  # its label on the index page; None: not linked there (units: per unit)
    folder: bool = False  # a folder of files, replaced whole


def _write_html(made: Made) -> None:
    (made.staging / "report.html").write_text(made.page, encoding="utf-8")


def _write_pdf(made: Made) -> None:
    from ..write.render import html_to_pdf  # the cchc-pdf exporter's own route, from the same HTML

    (made.staging / "report.pdf").write_bytes(html_to_pdf(made.page))


def _write_docx(made: Made) -> None:
    from ..write import documents, narrative, sections

    documents.write_report_docx(
        made.page,
        sections.title(made.analysis),
        made.staging / "report.docx",
        made.word_template,
        author=narrative.issuer_name(made.analysis.body),
    )


def _write_units(made: Made) -> None:
    from ..write import documents

    documents.write_units(made.analysis, made.staging / "units", made.word_template)


def _write_annex(made: Made) -> None:
    from ..write import documents

    documents.write_annex(made.analysis, made.staging / "annex.xlsx", made.staging / "annex.docx", made.word_template)


def _write_scores(made: Made) -> None:
    from ..write import workbook

    workbook.write_scores(made.analysis, made.staging / "scores.xlsx")


def _write_summary(made: Made) -> None:
    import json
    from datetime import UTC, datetime

    from ..write import summary

    generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    data = summary.of(made.analysis, made.files, unit_documents="units" in made.formats, generated_at=generated_at)
    (made.staging / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# The stages of a report, in the order they run: prepare (read and analyse), the notebook, the charts it
# drew (timed inside the notebook, counted apart from it), then the outputs' own.
STAGES = ("prepare", "notebook", "charts", "html", "pdf", "docx", "units", "annex", "summary")

# In the order a reader finds them (the index page's links); written in their stages' order, and published
# together, summary.json last (a report is complete once it has one).
OUTPUTS = (
    Output("ipynb", "report.ipynb", None, "notebook", None, needs=("notebook",)),
    Output("html", "report.html", "html", "html", _write_html, needs=("html",), link="HTML"),
    Output("pdf", "report.pdf", "pdf", "pdf", _write_pdf, needs=("html",), link="PDF"),
    Output("docx", "report.docx", "docx", "docx", _write_docx, needs=("html", "word_template"), link="Word"),
    Output("xlsx", "scores.xlsx", None, "summary", _write_scores, link="Excel"),
    Output("annex", "annex.xlsx", "annex", "annex", _write_annex, needs=("word_template",), link="Phụ lục"),
    Output("annex_docx", "annex.docx", "annex", "annex", None, needs=("word_template",), link="Phụ lục (Word)"),
    # a folder: each unit's result and plan, units/<unit>.html and .docx (linked per unit on the index)
    Output("units", "units", "units", "units", _write_units, needs=("word_template",), folder=True),
    Output("summary", "summary.json", None, "summary", _write_summary),
)
BY_KIND = {o.kind: o for o in OUTPUTS}
_IN_STAGE_ORDER = sorted(OUTPUTS, key=lambda o: STAGES.index(o.stage))  # stable: a stage's outputs in row order
FORMATS = tuple(dict.fromkeys(o.format for o in _IN_STAGE_ORDER if o.format))  # html, pdf, docx, units, annex
WORD_FORMATS = frozenset(o.format for o in OUTPUTS if o.format and "word_template" in o.needs)


def made(formats: tuple[str, ...]) -> tuple[Output, ...]:
    """The outputs a build with these --formats makes, in the order they are written (their stages')."""
    return tuple(o for o in _IN_STAGE_ORDER if o.format is None or o.format in formats)


def files(formats: tuple[str, ...]) -> dict[str, str]:
    """summary.json's `files`: kind -> file name, of the outputs made besides summary.json itself."""
    chosen = made(formats)
    return {o.kind: o.file for o in OUTPUTS if o in chosen and o.kind != "summary"}


def links() -> tuple[tuple[str, str], ...]:
    """The index page's links of a report: (label, file), in order."""
    return tuple((o.link, o.file) for o in OUTPUTS if o.link)
