"""Content fingerprints (sha256): the one mechanism that decides what is stale.

`inputs_of` fingerprints what a group-year's processed table is made from (its sheets' contents, its
names list, its settings file, the pipeline's code). data/processed stores it beside the table (store.prepare), and the
manifest records it, for the year and the previous year, beside the notebook and the parameters
(manifest.inputs). Kept light: deciding what is stale must not import the world.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .layout import DistrictYear, sheet_files

PACKAGE = Path(__file__).resolve().parents[1]  # the whole package: its code is an input of every report


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def of_json(value: object) -> str:
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False).encode())


def file_digest(path: Path) -> str:
    """Digest of a file's content; "" when it does not exist."""
    return digest(path.read_bytes()) if path.exists() else ""


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the pipeline package's code and templates."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"})
    return digest(b"".join(p.relative_to(PACKAGE).as_posix().encode() + p.read_bytes() for p in files))


def notebook_digest(path: Path) -> str:
    """What of the notebook makes the report: each cell's type, source and tags (the parameters cell
    is one of them). Not its outputs, execution counts, cell ids or notebook metadata, which a save
    in JupyterLab rewrites without changing a report. "" when the file does not exist."""
    if not path.exists():
        return ""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return of_json(
        [
            {
                "type": cell["cell_type"],
                "source": "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"],
                "tags": cell.get("metadata", {}).get("tags", []),
            }
            for cell in cells
        ]
    )


@dataclass
class Hasher:
    """File and notebook digests, each file read once per run."""

    cache: dict[Path, str] = field(default_factory=dict)
    notebooks: dict[Path, str] = field(default_factory=dict)

    def file(self, path: Path) -> str:
        if path not in self.cache:
            self.cache[path] = file_digest(path)
        return self.cache[path]

    def notebook(self, path: Path) -> str:
        if path not in self.notebooks:
            self.notebooks[path] = notebook_digest(path)
        return self.notebooks[path]


def inputs_of(dy: DistrictYear | None, hasher: Hasher | None = None) -> dict | None:
    """What one group-year's processed table is made from; None for no group-year."""
    if dy is None:
        return None
    hasher = hasher or Hasher()
    return {
        "sources": {p.name: hasher.file(p) for p in sheet_files(dy.folder)},
        "names": hasher.file(dy.names_path),
        "settings": hasher.file(dy.settings_path),
        "code": code_version(),
    }
