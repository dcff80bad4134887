"""Why each report was built or skipped: input fingerprints, outputs/manifest.json, and the build lock.

A report depends on its raw sheets (content, not dates), the previous year's sheets it compares with,
the district's names list, the notebook, the pipeline's code, the parameters and the formats. Each
is fingerprinted; a report is rebuilt when a fingerprint differs from the one recorded when it was
built, when one of its outputs is missing, or when its last build failed.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import ingest, names
from .config import BuildOptions
from .files import atomic_write_text
from .fingerprint import code_version, file_digest, of_json
from .ingest import DistrictYear

MANIFEST = "manifest.json"
LOCK = ".build.lock"


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

    def folder(self, folder: Path | None) -> dict[str, str]:
        if folder is None or not folder.is_dir():
            return {}
        return {p.name: self.file(p) for p in ingest.sheet_files(folder)}


def inputs(dy: DistrictYear, options: BuildOptions, hasher: Hasher) -> dict:
    """Everything the report of `dy` depends on, fingerprinted."""
    previous = dy.folder.parent / str(dy.year - 1)
    parameters = {"weakest_n": options.weakest_n, "cell_timeout_s": options.cell_timeout_s}
    return {
        "raw": hasher.folder(dy.folder),
        "previous": of_json(hasher.folder(previous)),
        "names": hasher.file(names.names_path(dy.folder, dy.slug)),
        "notebook": hasher.notebook(Path(options.notebook)),
        "code": code_version(),
        "parameters": of_json(parameters),
        "formats": ",".join(sorted(options.formats)),
    }


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


_WHAT = {
    "previous": "the previous year's sheets changed",
    "names": "the names list changed",
    "notebook": "the notebook changed",
    "code": "the pipeline code changed",
    "parameters": "the parameters changed",
    "formats": "the output formats changed",
}


def why_stale(entry: dict | None, current: dict, outputs: list[Path]) -> str | None:
    """Why a report must be built, or None when it is up to date."""
    if entry is None:
        return "never built"
    if entry.get("status") != "built":
        return f"its last build failed ({entry.get('reason', '').splitlines()[0][:120]})"
    missing = [p.name for p in outputs if not p.exists()]
    if missing:
        return f"output missing: {', '.join(missing)}"
    before = entry.get("inputs", {})
    reasons = []
    old_raw, new_raw = before.get("raw", {}), current["raw"]
    if old_raw != new_raw:
        changed = sorted(n for n in new_raw if n in old_raw and old_raw[n] != new_raw[n])
        added, removed = sorted(set(new_raw) - set(old_raw)), sorted(set(old_raw) - set(new_raw))
        parts = [
            f"changed {', '.join(changed)}" if changed else "",
            f"added {', '.join(added)}" if added else "",
            f"removed {', '.join(removed)}" if removed else "",
        ]
        reasons.append("raw sheets " + "; ".join(p for p in parts if p))
    reasons += [text for key, text in _WHAT.items() if before.get(key) != current[key]]
    return "; ".join(reasons) if reasons else None


class Manifest:
    """outputs/manifest.json: per report, its inputs' fingerprints and how its last build went."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / MANIFEST
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))["reports"]
        except (OSError, ValueError, KeyError):
            self.entries = {}

    @staticmethod
    def key(dy: DistrictYear) -> str:
        return f"{dy.slug}/{dy.year}"

    def get(self, dy: DistrictYear) -> dict | None:
        return self.entries.get(self.key(dy))

    def record(self, dy: DistrictYear, entry: dict) -> None:
        self.entries[self.key(dy)] = {
            "district": dy.district,
            "year": dy.year,
            **entry,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def save(self) -> None:
        body = json.dumps({"reports": dict(sorted(self.entries.items()))}, ensure_ascii=False, indent=1)
        atomic_write_text(self.path, body)


class LockedError(Exception):
    pass


class BuildLock:
    """An exclusive lock on an outputs folder; the OS releases it if the holder dies."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK
        self.handle = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise LockedError(
                f"another build is writing to {self.path.parent}: {holder}; wait for it to finish or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.truncate(0)
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
