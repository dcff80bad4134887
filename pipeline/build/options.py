"""What one report's build depends on besides its data: the folders, the notebook, the formats (all by
default; `--formats` narrows them: build/outputs.py) and the parameters. Passed, never global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import config
from .outputs import FORMATS


@dataclass(frozen=True)
class BuildOptions:
    raw_dir: Path = config.RAW_DIR
    processed_dir: Path = config.PROCESSED_DIR
    out_dir: Path = config.OUTPUTS_DIR
    notebook: Path = config.NOTEBOOK
    formats: tuple[str, ...] = FORMATS
    weakest_n: int = config.WEAKEST_N
    cell_timeout_s: int = config.CELL_TIMEOUT_S
    word_template: Path = config.WORD_TEMPLATE
