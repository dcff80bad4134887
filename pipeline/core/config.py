"""Paths and settings, anchored at the project root so every entry point agrees."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
NOTEBOOK = PROJECT_ROOT / "notebooks" / "district_report.ipynb"
SETTINGS_FILE = "report.toml"  # a group's settings (model/settings.py), beside its year folders

# An office's own Word template (styles, letterhead fonts, header, margins): used where it exists.
WORD_TEMPLATE = PROJECT_ROOT / "data" / "word" / "template.docx"
WEAKEST_N = 3
# Per-report limit for one notebook cell; a hung cell fails that report, not the run.
CELL_TIMEOUT_S = 600


def project_path(path: str | Path) -> Path:
    """A path as the notebook's parameters give it: relative ones are from the project root, so
    "data/raw" means the same folder wherever the kernel started (JupyterLab starts it in notebooks/)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path
