"""Paths and settings, anchored at the project root so every entry point agrees."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
NOTEBOOK = PROJECT_ROOT / "notebooks" / "district_report.ipynb"
SETTINGS_FILE = "report.toml"  # a group's settings (model/settings.py), beside its year folders

# What `build` makes (all by default; --formats narrows it): the report as HTML, PDF and Word, the units'
# own documents (units/<unit>.html and .docx) and the approval annex (annex.xlsx and annex.docx).
FORMATS = ("html", "pdf", "docx", "units", "annex")
# An office's own Word template (styles, letterhead fonts, header, margins): used where it exists.
WORD_TEMPLATE = PROJECT_ROOT / "data" / "word" / "template.docx"
WEAKEST_N = 3
# Per-report limit for one notebook cell; a hung cell fails that report, not the run.
CELL_TIMEOUT_S = 600


@dataclass(frozen=True)
class BuildOptions:
    """Everything one report build depends on besides its data: passed, never global."""

    raw_dir: Path = RAW_DIR
    processed_dir: Path = PROCESSED_DIR
    out_dir: Path = OUTPUTS_DIR
    notebook: Path = NOTEBOOK
    formats: tuple[str, ...] = FORMATS
    weakest_n: int = WEAKEST_N
    cell_timeout_s: int = CELL_TIMEOUT_S
    word_template: Path = WORD_TEMPLATE


def project_path(path: str | Path) -> Path:
    """A path as the notebook's parameters give it: relative ones are from the project root, so
    "data/raw" means the same folder wherever the kernel started (JupyterLab starts it in notebooks/)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path
