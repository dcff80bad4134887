"""What `build` and `list` need to decide what is stale stays light: the heavy libraries are imported
where reports are built, never on that path (a no-op build of 100 reports must stay under a second)."""

import subprocess
import sys

from tests.helpers import ROOT

HEAVY = ("pandas", "matplotlib", "papermill", "nbconvert", "pandera", "pyarrow", "openpyxl", "typst", "IPython")


def test_the_stale_check_path_imports_no_heavy_library():
    probe = (
        "import sys\n"
        "import pipeline.cli, pipeline.build.run, pipeline.build.manifest\n"
        "import pipeline.read.fingerprint, pipeline.read.layout\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_probe_would_see_a_heavy_import():
    probe = f"import sys\nimport pipeline.read.store\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "pandas" in result.stdout.split(",")


def _probe(imports: str, names: tuple[str, ...]) -> list[str]:
    probe = f"import sys\n{imports}\nprint(','.join(m for m in {names!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [name for name in result.stdout.strip().split(",") if name]


BUILD_PROCESS = (  # every module a build's own process imports, down to the Word documents
    "import pipeline.cli, pipeline.build.run, pipeline.read.store, pipeline.build.kernel, pipeline.build.engine\n"
    "import pipeline.write.render, pipeline.write.sections, pipeline.write.workbook, pipeline.write.documents\n"
    "import pipeline.write.site"
)


def test_a_builds_own_process_draws_nothing_so_imports_neither_matplotlib_nor_ipython():
    # Kernels draw the charts and show the sections; the build's process needs titles, tables and pages.
    assert _probe(BUILD_PROCESS, ("matplotlib", "IPython")) == []


def test_the_kernel_side_imports_are_the_ones_the_probe_would_see():
    kernel_side = "import pipeline.notebook.report, pipeline.write.charts"
    assert _probe(kernel_side, ("matplotlib", "IPython")) == ["matplotlib", "IPython"]


def test_the_command_line_validates_notebooks_without_the_slow_iri_parser():
    # jsonschema builds rfc3987_syntax's 39 parsers at import (1.1 s); nbformat's schemas check no string format.
    probe = (
        "import sys\n"
        "import pipeline.cli, nbformat\n"
        "nb = nbformat.read('notebooks/district_report.ipynb', as_version=4)\n"
        "nbformat.validate(nb)\n"
        "broken = nbformat.v4.new_notebook(); broken.cells.append({'cell_type': 'code'})\n"
        "try:\n    nbformat.validate(broken)\nexcept nbformat.ValidationError:\n    print('invalid seen')\n"
        "print(sys.modules['rfc3987_syntax'])"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["invalid", "seen", "None"]


SHEET_READING = ("pandera", "python_calamine")


def test_a_report_from_prepared_tables_imports_no_sheet_reader():
    # A build's kernel preloads report and charts, and reads the analysis the build wrote; a build whose tables
    # are prepared loads them from the store: neither validates sheets (pandera alone is 0.3 s of a cold start).
    assert (
        _probe(
            "import pipeline.notebook.report, pipeline.write.charts, pipeline.read.store, pipeline.build.run",
            SHEET_READING,
        )
        == []
    )


def test_reading_sheets_imports_the_sheet_readers_the_probe_looks_for():
    assert _probe("import pipeline.read.clean, pipeline.read.ingest", SHEET_READING) == list(SHEET_READING)
