"""A report's text as a reader gets it, from its sections' templates and contexts (no notebook run)."""

import html as html_lib
import re

from pipeline.notebook import report

SECTIONS = (  # the notebook's sections in order, as its cells call them (a district's or, in blocks, a province's)
    report.title_block,
    report.implementation,
    report.overview,
    report.fields,
    report.assessment,
    report.closing,
    report.appendix,
)


def report_text(a) -> str:
    """The whole report as plain text (tags dropped, entities read, spaces collapsed)."""
    r = report.Report.of(a)
    out = " ".join(section(r).data for section in SECTIONS)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", out))).replace("\u00a0", " ")
