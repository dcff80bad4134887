"""data/processed: one validated tidy table per district-year, as Parquet, plus its metadata.

Layout: <processed>/<district-slug>/<year>/scores.parquet and meta.json (display name, warnings,
the fingerprint of the sheets, names list and code it was made from). Files are written to a
temporary name and renamed into place.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import clean, ingest, layout, names
from .errors import DataError, ProblemLog
from .files import atomic_write, atomic_write_text
from .fingerprint import code_version, file_digest
from .layout import DistrictYear

log = logging.getLogger(__name__)

SCORES = "scores.parquet"
META = "meta.json"


@dataclass
class Processed:
    scores: pd.DataFrame
    meta: dict

    @property
    def warnings(self) -> list[str]:
        return self.meta.get("warnings", [])

    @property
    def warnings_vi(self) -> list[str]:
        return self.meta.get("warnings_vi", self.warnings)


def folder(processed_dir: Path, slug: str, year: int) -> Path:
    return Path(processed_dir) / slug / str(year)


def source_fingerprint(dy: DistrictYear) -> dict:
    """What a processed table is made from: the sheets' contents, the names list, the code."""
    return {
        "sources": {p.name: file_digest(p) for p in layout.sheet_files(dy.folder)},
        "names": file_digest(names.names_path(dy.folder, dy.slug)),
        "code": code_version(),
    }


def ensure_names(dy: DistrictYear, write: bool = True) -> names.NameList | None:
    """The district's canonical names list, created from its earliest readable year if missing.

    With write=False a missing list is built in memory only (for `validate`, which writes nothing).
    """
    path = names.names_path(dy.folder, dy.slug)
    existing = names.load_names(path)
    if existing is not None:
        return existing
    for year in (d for d in layout.discover(dy.folder.parents[1]) if d.slug == dy.slug):
        problems = ProblemLog()
        table = clean.tidy(year, ingest.read_folder(year.folder, problems), problems)
        if problems.errors:
            continue
        units = table.groupby("unit", sort=False)["unit_type"].first()
        entries = [{"name": u, "type": None if pd.isna(t) else t, "aliases": []} for u, t in units.items()]
        if not write:
            return names.NameList(path, entries)
        names.write_names(path, entries)
        log.info(
            "created the names list %s from %s %s: review it, it decides how names match across years",
            path,
            year.district,
            year.year,
        )
        return names.load_names(path)
    return None


def check(dy: DistrictYear) -> list:
    """Every problem in one district-year's sheets, errors and warnings, without writing anything."""
    problems = ProblemLog()
    clean.tidy(dy, ingest.read_folder(dy.folder, problems), problems, ensure_names(dy, write=False))
    return problems.problems


def prepare(dy: DistrictYear, processed_dir: Path) -> Processed:
    """Read, clean and validate one district-year's raw sheets and store the tidy table.

    Raises DataError with every error found; nothing is written then, so the previous good
    processed data (and the reports built from it) stay as they were. A table already made from the
    same sheets, names list and code is loaded instead of read again.
    """
    name_list = ensure_names(dy)
    fingerprint = source_fingerprint(dy)
    stored = load(processed_dir, dy.slug, dy.year)
    if stored is not None and stored.meta.get("fingerprint") == fingerprint:
        return stored
    problems = ProblemLog()
    sheets = ingest.read_folder(dy.folder, problems)
    scores = clean.tidy(dy, sheets, problems, name_list)
    if problems.errors:
        raise DataError(problems.errors, context=f"{dy.district} {dy.year} ({dy.folder})")
    meta = {
        "district": dy.district,
        "year": dy.year,
        "layout": "detail" if (scores["level"] > 1).any() else "summary",
        "warnings": [str(p) for p in problems.warnings],
        "warnings_vi": [p.text_vi() for p in problems.warnings],
        "fingerprint": fingerprint,
    }
    target = folder(processed_dir, dy.slug, dy.year)
    target.mkdir(parents=True, exist_ok=True)
    atomic_write(target / SCORES, lambda tmp: scores.to_parquet(tmp, index=False))
    atomic_write_text(target / META, json.dumps(meta, ensure_ascii=False, indent=2))
    for warning in meta["warnings"]:
        log.debug("%s %s: %s", dy.district, dy.year, warning)
    return Processed(scores, meta)


def load(processed_dir: Path, slug: str, year: int) -> Processed | None:
    """The stored table of one district-year, or None when it was never prepared."""
    target = folder(processed_dir, slug, year)
    if not (target / SCORES).exists():
        return None
    meta = json.loads((target / META).read_text(encoding="utf-8"))
    return Processed(pd.read_parquet(target / SCORES), meta)
