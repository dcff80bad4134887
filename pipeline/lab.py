"""What the report notebook's first cell sets up for the analyst in JupyterLab.

- IPython's autoreload: an edit to `pipeline/` is picked up by the next Run All, without restarting
  the kernel. (A change autoreload cannot apply, such as a dataclass's fields, still needs
  Kernel > Restart Kernel and Run All Cells.)
- The report's table alignment in Lab's preview: Lab's own style right-aligns every table cell; the
  report's stylesheet (templates/cchc/report.css) has text left, numbers right, group rows bold.
  The rules below say the same, scoped to Lab's HTML outputs so nothing else in Lab changes (and
  specific enough to win over Lab's `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`).

The cell is tagged remove_cell, so none of this reaches the rendered report.
"""

from __future__ import annotations

from IPython import get_ipython
from IPython.display import HTML, display

LAB_TABLE_STYLE = """<style>
.jp-OutputArea-output.jp-RenderedHTMLCommon table td, .jp-OutputArea-output.jp-RenderedHTMLCommon table th {
  text-align: left; vertical-align: top; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table .num { text-align: right; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table.letterhead td { text-align: center; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table tr.group td { font-weight: bold; }
</style>"""


def setup() -> None:
    """Turn on autoreload (once per kernel, silently) and display the table style (no visible output)."""
    shell = get_ipython()
    if shell is not None:
        shell.extension_manager.load_extension("IPython.extensions.autoreload")  # silent when loaded
        shell.run_line_magic("autoreload", "2")
    display(HTML(LAB_TABLE_STYLE))
