"""A report's text as a reader gets it, from its sections' templates and contexts (no notebook run)."""

import html as html_lib
import re

from pipeline.write import html, sections

SECTIONS = (  # the notebook's sections in order: template, context (notebook/report.py calls the same pairs)
    ("letterhead.html.j2", sections.letterhead),
    ("implementation.html.j2", sections.implementation),
    ("results.html.j2", sections.results),
    ("fields.html.j2", sections.fields),
    ("assessment.html.j2", sections.assessment),
    ("closing.html.j2", sections.closing),
    ("appendix.html.j2", sections.appendix),
)


def report_text(a) -> str:
    """The whole report as plain text (tags dropped, entities read, spaces collapsed)."""
    out = " ".join(html.render(template, **build(a)) for template, build in SECTIONS)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", out))).replace("\u00a0", " ")
