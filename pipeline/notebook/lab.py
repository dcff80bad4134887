"""What the report notebook's first cell sets up for the analyst in JupyterLab.

- IPython's autoreload, for the package's modules: an edit to `pipeline/` is picked up by the next
  Run All, without restarting the kernel. (A change autoreload cannot apply, such as a dataclass's
  fields, still needs Kernel > Restart Kernel and Run All Cells.)
- The report's table alignment in Lab's preview: Lab's own style right-aligns every table cell; the
  report's stylesheet (templates/cchc/report.css) has text left, numbers right, group rows bold.
  The rules below say the same, scoped to Lab's HTML outputs so nothing else in Lab changes (and
  specific enough to win over Lab's `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`).

The cell is tagged remove_cell, so none of this reaches the rendered report.
"""

from __future__ import annotations

import sys
from importlib import import_module

from IPython import get_ipython
from IPython.display import HTML, display

PACKAGE = __name__.partition(".")[0]  # "pipeline": all of it, every wing

LAB_TABLE_STYLE = """<style>
.jp-OutputArea-output.jp-RenderedHTMLCommon table td, .jp-OutputArea-output.jp-RenderedHTMLCommon table th {
  text-align: left; vertical-align: top; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table .num { text-align: right; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table.letterhead td { text-align: center; }
.jp-OutputArea-output.jp-RenderedHTMLCommon table tr.group td { font-weight: bold; }
</style>"""


def setup() -> None:
    """Turn on autoreload for the package's modules (silently, also when run again) and display the
    table style (no visible output)."""
    shell = get_ipython()
    if shell is not None:
        shell.extension_manager.load_extension("IPython.extensions.autoreload")
        # Explicit mode, for the package only: a check before each cell then looks at some 30 files,
        # not at the thousand modules pandas and matplotlib bring (about 20 ms a cell, in builds too).
        shell.run_line_magic("autoreload", "explicit")
        import_module(f"{__package__}.report")  # what the notebook calls, and what it imports
        shell.run_line_magic("aimport", ", ".join(package_modules()))
    display(HTML(LAB_TABLE_STYLE))


def package_modules() -> list[str]:
    """The pipeline's modules imported so far."""
    return sorted(name for name in sys.modules if name.partition(".")[0] == PACKAGE)
