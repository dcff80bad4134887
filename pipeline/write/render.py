"""HTML and PDF from an executed report notebook, as nbconvert exporters.

Registered as `cchc-html` and `cchc-pdf` (pyproject entry points), so an analyst can also run
`jupyter nbconvert --to cchc-pdf outputs/<district>/<year>/report.ipynb` by hand.
The HTML has no code, no prompts and no external URL; the PDF is that HTML through WeasyPrint,
which fetches nothing but `data:` URLs and the report's own font files.

The PDF's font is chosen the same way on every machine: Liberation Serif 2 (Times New Roman metrics,
full Vietnamese coverage, SIL OFL), shipped in templates/cchc/fonts and embedded by WeasyPrint. The
HTML stays light: it names Times New Roman / Liberation Serif and lets the screen use what it has.
"""

from __future__ import annotations

import atexit
import base64
import copy
import re
from functools import cache
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import default

from .fonts import FACES as FONT_FACES
from .fonts import FONTS
from .fonts import PRINT_FAMILY as FONT_FAMILY

TEMPLATES = Path(__file__).parent / "templates"
REMOVE_TAG = "remove_cell"  # cells an analyst keeps in the notebook but out of the report


def report_title(nb) -> str:
    params = nb.metadata.get("papermill", {}).get("parameters", {})
    if "district" in params and "year" in params:
        return f"Báo cáo tóm tắt Chỉ số CCHC năm {params['year']} - huyện {params['district']}"
    return "Báo cáo tóm tắt Chỉ số CCHC"


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
    """The report HTML printed to A4 PDF by WeasyPrint (no browser involved)."""

    export_from_notebook = "CCHC report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


def font_css() -> str:
    """@font-face rules for the shipped fonts, and the body set in them (print only)."""
    faces = "".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONTS / name).as_uri()}"); }}\n'
        for (weight, style), name in FONT_FACES.items()
    )
    family = f'font-family: "{FONT_FAMILY}", serif;'
    return faces + f"body, table, svg text {{ {family} }}\n@page {{ @top-center {{ {family} }} }}\n"


@cache
def _fetcher():
    """A WeasyPrint fetcher for data: URLs and the shipped font files; nothing else (no network, no file)."""
    from weasyprint.urls import URLFetcher

    allowed = {(FONTS / name).as_uri() for name in FONT_FACES.values()}

    class ReportFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or url in allowed:
                return super().fetch(url, headers)
            raise ValueError(f"the report may not load {url[:80]}")

    return ReportFetcher(allowed_protocols={"data", "file"})


@cache
def _print_style():
    """The print stylesheet and the font configuration it loaded, made once per process: reports rendered
    one after another in a worker share the parsed faces instead of loading them again."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # it copies the faces to a temporary folder, removed when it is deleted:
    atexit.register(_print_style.cache_clear)  # so at exit, not after the modules it needs are gone
    return CSS(string=font_css() + PRINT_CSS, font_config=fonts, url_fetcher=_fetcher()), fonts


# A chart is printed as an SVG image, not as inline SVG: the same drawing, but WeasyPrint then parses it
# once as SVG instead of also styling every bar and label as an HTML element (a third of a province
# report's PDF time, docs/benchmarks.md). The published HTML keeps its inline SVG.
PRINT_CSS = "figure.chart img.chart { max-width: 100%; height: auto; }\n"
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_TAGS = re.compile(r"(</?)(clippath|lineargradient|radialgradient|textpath)\b")
_SVG_ATTRIBUTE = re.compile(r'(?<=\s)([a-z][a-z:]*)(?==")')
_CAMEL_TAGS = {"clippath": "clipPath", "lineargradient": "linearGradient", "radialgradient": "radialGradient",
               "textpath": "textPath"}  # fmt: skip


def _svg_image(match: re.Match) -> str:
    """One inline <svg> of the report HTML as an <img> of that SVG document.

    HTML lower-cases SVG's mixed-case names (viewBox, clipPath, patternUnits); an SVG document needs
    them back, from the HTML parser's own table (tinyhtml5, WeasyPrint's parser)."""
    from tinyhtml5.constants import adjust_svg_attributes

    svg = _SVG_TAGS.sub(lambda m: m[1] + _CAMEL_TAGS[m[2]], match[0])
    svg = _SVG_ATTRIBUTE.sub(lambda m: adjust_svg_attributes.get(m[1], m[1]), svg)
    svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" alt="" src="data:image/svg+xml;base64,{data}">'


def load() -> None:
    """Import what rendering needs and make the print stylesheet (a build warms a worker with it)."""
    import nbconvert.exporters  # noqa: F401
    import weasyprint  # noqa: F401

    _print_style()


def print_html(html: str) -> str:
    """The report HTML as WeasyPrint prints it: the same page, its charts as SVG images."""
    return _SVG.sub(_svg_image, html)


def html_to_pdf(html: str) -> bytes:
    """Render report HTML to PDF bytes in the shipped font, refusing any resource that is not inline."""
    from weasyprint import HTML

    stylesheet, fonts = _print_style()
    document = HTML(string=print_html(html), url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
