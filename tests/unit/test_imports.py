"""What `build` and `list` need to decide what is stale stays light: the heavy libraries are imported
where reports are built, never on that path (a no-op build of 100 reports must stay under a second)."""

import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "papermill", "nbconvert", "pandera", "pyarrow", "openpyxl", "weasyprint", "IPython")


def test_the_stale_check_path_imports_no_heavy_library():
    probe = (
        "import sys\n"
        "import pipeline.cli, pipeline.batch, pipeline.manifest, pipeline.fingerprint, pipeline.layout\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_probe_would_see_a_heavy_import():
    probe = f"import sys\nimport pipeline.store\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "pandas" in result.stdout.split(",")
