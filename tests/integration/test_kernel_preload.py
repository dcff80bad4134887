"""A build's kernel imports the report's modules as it starts (kernel.PRELOAD), so the notebook's first
cells do not pay for them, and yet each notebook starts from an empty namespace."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from pipeline.build.kernel import WarmKernel
from tests.helpers import ROOT

pytestmark = pytest.mark.slow
IPYTHON_OWN = ("In", "Out", "exit", "quit", "get_ipython", "open")  # what IPython defines in every namespace

FIRST_CELL = """\
_shown = [k for k in globals() if not k.startswith("_") and k not in IPYTHON_OWN]
_hidden = [k for k in globals() if k.startswith("_cchc")]
import json, sys
print(json.dumps({
    "names": _shown,
    "hidden": _hidden,
    "loaded": [
        m for m in ("pandas", "matplotlib", "pipeline.notebook.report", "pipeline.write.charts") if m in sys.modules
    ],
}))
"""


def _first_cell(path):
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    return json.loads(output["text"])


def test_the_kernel_starts_with_the_report_modules_loaded_and_no_name_defined(tmp_path):
    notebook = tmp_path / "probe.ipynb"
    first = new_code_cell(FIRST_CELL.replace("IPYTHON_OWN", repr(IPYTHON_OWN)))
    nb = new_notebook(cells=[first, new_code_cell("leftover = 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    kernel = WarmKernel(str(ROOT / "notebooks")).start()
    try:
        for run in ("first", "second"):  # the second run shows the reset after a report, on the same kernel
            kernel.execute(str(notebook), str(tmp_path / f"{run}.ipynb"), {}, 120)
    finally:
        kernel.discard()
    first, second = _first_cell(tmp_path / "first.ipynb"), _first_cell(tmp_path / "second.ipynb")
    assert first["loaded"] == ["pandas", "matplotlib", "pipeline.notebook.report", "pipeline.write.charts"]
    assert first["names"] == [] and first["hidden"] == []
    assert second["names"] == [] and second["hidden"] == []  # `json`, `sys`, `leftover` are gone
