"""Why each report was built or skipped: its inputs, outputs/manifest.json, and the build lock.

A report depends on its group-year's data (sheets, names list, code: fingerprint.inputs_of), the
previous year's data it compares with (the same fingerprint), the notebook, the parameters that
change a report, and the formats. A report is rebuilt when one of these differs from what was
recorded when it was built, when one of its outputs is missing, or when its last build failed.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from ..core.errors import PipelineError
from ..core.files import atomic_write_text
from ..core.text import slugify
from ..read.fingerprint import Hasher, inputs_of, of_json
from ..read.layout import DistrictYear
from .options import BuildOptions
from .outputs import WORD_FORMATS

MANIFEST = "manifest.json"
LOCK = ".build.lock"


class Status(StrEnum):
    """How a report's build ended."""

    BUILT = "built"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class ManifestEntry:
    """One report's record in outputs/manifest.json."""

    district: str
    year: int
    status: str = ""  # Status of its last build that ran (built or failed); "" before any
    reason: str = ""  # why that build failed
    inputs: dict | None = None  # its inputs when it was built (`inputs`)
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)  # seconds per stage
    failed_notebook: str | None = None
    last_run: dict = field(default_factory=dict)  # {"action": built | skipped | failed, "why": ...}
    # what its notebook printed and the warnings its build raised, kept out of the report:
    # [{"source": "notebook cell 7 (stderr)" | "build (file.py:12)", "text": ...}]
    messages: list = field(default_factory=list)
    at: str = ""  # when it was recorded

    @classmethod
    def from_json(cls, data: dict) -> ManifestEntry:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def inputs(dy: DistrictYear, options: BuildOptions, hasher: Hasher) -> dict:
    """Everything the report of `dy` depends on, fingerprinted. (The cell timeout cannot change a report.)"""
    return {
        "data": inputs_of(dy, hasher),
        "previous": inputs_of(dy.previous(), hasher),
        "earlier": [inputs_of(d, hasher) for d in dy.earlier()],  # the units' histories
        "notebook": hasher.notebook(Path(options.notebook)),
        "parameters": of_json({"weakest_n": options.weakest_n}),
        "formats": ",".join(sorted(options.formats)),
        "word_template": _word_template(options, hasher),
    }


def _word_template(options: BuildOptions, hasher: Hasher) -> str:
    """The office's Word template, where it has one and the report has Word outputs."""
    template = Path(options.word_template)
    return hasher.file(template) if WORD_FORMATS & set(options.formats) and template.is_file() else ""


_WHAT = {
    "notebook": "the notebook changed",
    "parameters": "the parameters changed",
    "formats": "the output formats changed",
    "word_template": "the Word template changed",
}
_WHAT_DATA = {
    "names": "the names list changed",
    "settings": "the settings file changed",
    "code": "the pipeline code changed",
}


def why_stale(entry: ManifestEntry | None, current: dict, outputs: list[Path]) -> str | None:
    """Why a report must be built, or None when it is up to date."""
    if entry is None or not entry.status:
        return "never built"
    if entry.status != Status.BUILT:
        return f"its last build failed ({entry.reason.splitlines()[0][:120] if entry.reason else 'no reason kept'})"
    missing = [p.name for p in outputs if not p.exists()]
    if missing:
        return f"output missing: {', '.join(missing)}"
    before = entry.inputs or {}
    old_data, new_data = before.get("data") or {}, current["data"]
    reasons = []
    old_raw, new_raw = old_data.get("sources", {}), new_data["sources"]
    if old_raw != new_raw:
        changed = sorted(n for n in new_raw if n in old_raw and old_raw[n] != new_raw[n])
        added, removed = sorted(set(new_raw) - set(old_raw)), sorted(set(old_raw) - set(new_raw))
        parts = [
            f"changed {', '.join(changed)}" if changed else "",
            f"added {', '.join(added)}" if added else "",
            f"removed {', '.join(removed)}" if removed else "",
        ]
        reasons.append("raw sheets " + "; ".join(p for p in parts if p))
    reasons += [text for key, text in _WHAT_DATA.items() if old_data.get(key) != new_data[key]]
    if _sources(before.get("previous")) != _sources(current["previous"]):  # its names list and code are ours
        reasons.append("the previous year's sheets changed")
    reasons += [text for key, text in _WHAT.items() if before.get(key) != current[key]]
    return "; ".join(reasons) if reasons else None


def _sources(data: dict | None) -> dict:
    return (data or {}).get("sources", {})


def key(district: str, year: int) -> str:
    return f"{slugify(district)}/{year}"


class Manifest:
    """outputs/manifest.json: per report, its inputs' fingerprints and how its last build went."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / MANIFEST
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))["reports"]
            self.entries = {k: ManifestEntry.from_json(v) for k, v in stored.items()}
        except (OSError, ValueError, KeyError, TypeError):
            self.entries: dict[str, ManifestEntry] = {}

    def get(self, district: str, year: int) -> ManifestEntry | None:
        return self.entries.get(key(district, year))

    def record(self, entry: ManifestEntry) -> None:
        entry.at = datetime.now(UTC).isoformat(timespec="seconds")
        self.entries[key(entry.district, entry.year)] = entry

    def save(self) -> None:
        reports = {k: asdict(v) for k, v in sorted(self.entries.items())}
        atomic_write_text(self.path, json.dumps({"reports": reports}, ensure_ascii=False, indent=1))


class LockedError(PipelineError):
    """Another build holds the lock on the outputs folder."""


class BuildLock:
    """An exclusive lock on an outputs folder; the OS releases it when the last process holding it ends.

    Held by the build and, through the file they inherit when forked, by its workers: a build killed
    outright (SIGKILL) keeps its folder locked until its workers have ended too, which they do at once
    (run._end_with_the_build). The lock file says who holds it: "pid N on HOST, started T", and the
    workers' pids once they are started (`note_workers`). A build that finds the folder locked by a build
    that has ended waits up to STALE_WAIT_S for its workers to end, and otherwise says which processes
    still hold the folder; it never writes beside them.
    """

    STALE_WAIT_S = 10.0

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK
        self.handle = None
        self.record = ""

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until __exit__
        deadline = None
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                if not _has_ended(holder):
                    handle.close()
                    raise LockedError(
                        f"another build is writing to {self.path.parent}: {holder}; wait for it to finish or stop it"
                    ) from None
                deadline = deadline or time.monotonic() + self.STALE_WAIT_S
                if time.monotonic() > deadline:
                    handle.close()
                    raise LockedError(_still_held(self.path.parent, holder)) from None
                time.sleep(0.1)  # its workers end as soon as they see that their build is gone
        self.record = f"pid {os.getpid()} on {socket.gethostname()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}"
        self.handle = handle
        self._write(self.record)
        return self

    def note_workers(self, pids: list[int]) -> None:
        """Add the build's workers to the lock file, so that a build finding them alive can name them."""
        if self.handle is not None and pids:
            self._write(f"{self.record}; workers: {', '.join(f'pid {pid}' for pid in sorted(pids))}")

    def _write(self, text: str) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(text)
        self.handle.flush()

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.truncate(0)
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


_HOLDER = re.compile(r"^pid (\d+) on (\S+),")


def _has_ended(holder: str) -> bool:
    """Whether the build a lock file names ran on this machine and has ended (its workers may not have)."""
    found = _HOLDER.match(holder)
    if found is None or found[2] != socket.gethostname():
        return False  # unknown, or on another machine: taken as running
    try:
        os.kill(int(found[1]), 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process: it runs
        return False
    return False


def _still_held(folder: Path, holder: str) -> str:
    workers = holder.partition("; workers: ")[2]
    who = f"processes it started ({workers})" if workers else "processes it started"
    return (
        f"the build that was writing to {folder} has ended ({holder.partition('; ')[0]}), but {who} still hold "
        "the folder and may still write to it; they normally end within a second of their build: stop them, "
        "then build again"
    )
