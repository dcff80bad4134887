"""The report's sections as HTML, from Jinja2 templates (templates/cchc/sections/*.html.j2).

Templates hold the markup and the fixed wording; the context (pipeline/sections.py) holds the data
and the generated sentences (pipeline/narrative.py). Autoescape is on: every text from a sheet is
shown as text. Only charts (SVG written by matplotlib, which escapes its own text) are marked safe.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..core import text

SECTIONS = Path(__file__).parent / "templates" / "cchc" / "sections"
# A section output's metadata key for what the page says of itself ({"title": ...}): the notebook's title
# block sets it, the exporters read it (render.report_title).
PAGE_METADATA = "cchc"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(SECTIONS)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        num=text.num, dec=text.dec, count=text.count, aligned=text.aligned, pct=text.pct, capitalise=text.capitalise
    )
    return env


def render(template: str, **context) -> str:
    """One section's HTML."""
    return environment().get_template(template).render(**context)


def svg(markup: str) -> Markup:
    """A chart from charts.py, to place as is (matplotlib escaped its text)."""
    return Markup(markup)
