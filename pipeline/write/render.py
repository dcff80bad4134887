"""HTML and PDF from an executed report notebook, as nbconvert exporters.

Registered as `cchc-html` and `cchc-pdf` (pyproject entry points), so an analyst can also run
`jupyter nbconvert --to cchc-pdf outputs/<district>/<year>/report.ipynb` by hand.
The HTML has no code, no prompts and no external URL. The PDF is that same HTML, read into a document
tree and laid out by Typst (pipeline/typst_pdf.py): what the notebook shows, the PDF shows. The build
(build/task.py, build/outputs.py) prints through the same function, `html_to_pdf`: one route.

The PDF's font is chosen the same way on every machine: Liberation Serif 2 (Times New Roman metrics,
full Vietnamese coverage, SIL OFL), shipped in templates/cchc/fonts and embedded by Typst, which sees
no other font. The HTML stays light: it names Times New Roman / Liberation Serif and lets the screen
use what it has.
"""

from __future__ import annotations

import copy
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import default

from .html import PAGE_METADATA

TEMPLATES = Path(__file__).parent / "templates"
REMOVE_TAG = "remove_cell"  # cells an analyst keeps in the notebook but out of the report


DEFAULT_TITLE = "Báo cáo tóm tắt Chỉ số CCHC"


def report_title(nb) -> str:
    """The page's title, as the report's title block gives it (notebook.report.title_block puts it in its
    output's metadata): "Báo cáo tóm tắt Chỉ số CCHC năm 2025 - tỉnh Lam Sơn"."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            metadata = output.get("metadata", {})
            for found in (metadata.get(PAGE_METADATA), metadata.get("text/html", {}).get(PAGE_METADATA)):
                if isinstance(found, dict) and found.get("title"):
                    return str(found["title"])
    return DEFAULT_TITLE


class StreamRemovePreprocessor(Preprocessor):
    """Leave out what cells printed to stdout or stderr: warnings, library chatter, an analyst's print().

    A report shows results, not a console: a warning's text (with the paths of the machine it ran on)
    must never become a page of the PDF. The executed notebook keeps the streams for audit, and the
    build logs them (`stream_outputs`). What a report should say goes through display(), as every
    section does.
    """

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs if output.output_type != "stream"]
        return cell, resources


def stream_outputs(nb) -> list[dict]:
    """What the cells of an executed notebook printed, in order: [{"cell": 1-based, "stream", "text"}]."""
    return [
        {"cell": number, "stream": output.get("name", ""), "text": "".join(output.get("text", ""))}
        for number, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    ]


class ReportHTMLExporter(HTMLExporter):
    """Self-contained report HTML: outputs only, images embedded, our stylesheet inlined."""

    export_from_notebook = "CCHC report (HTML)"

    @default("template_name")
    def _template_name_default(self):
        return "cchc"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    @default("embed_images")
    def _embed_images_default(self):
        return True

    def __init__(self, **kw):
        super().__init__(**kw)
        self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={REMOVE_TAG}), enabled=True)
        self.register_preprocessor(StreamRemovePreprocessor(), enabled=True)

    def from_notebook_node(self, nb, resources=None, **kw):
        nb = copy.deepcopy(nb)
        for cell in nb.cells:  # papermill gives this cell a random id: keep the HTML identical run to run
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell["id"] = "injected-parameters"
        resources = dict(resources or {})
        resources["report_title"] = report_title(nb)
        resources["report_css"] = (TEMPLATES / "cchc" / "report.css").read_text(encoding="utf-8")
        return super().from_notebook_node(nb, resources, **kw)


class ReportPDFExporter(ReportHTMLExporter):
    """The report HTML printed to A4 PDF by Typst (no browser, no system library involved)."""

    export_from_notebook = "CCHC report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    @default("template_file")
    def _template_file_default(self):
        return "index.html.j2"  # the page the PDF is made from (conf.json: the cchc template serves both)

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


def load() -> None:
    """Import what rendering needs and load Typst and the print fonts (a build warms a worker with it)."""
    import nbconvert.exporters  # noqa: F401

    from . import typst_pdf

    typst_pdf.load()


def html_to_pdf(html: str) -> bytes:
    """The report HTML as PDF bytes: its document tree laid out by Typst in the shipped font."""
    from . import typst_pdf

    return typst_pdf.html_to_pdf(html)
