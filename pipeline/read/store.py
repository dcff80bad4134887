"""data/processed: one validated tidy table per district-year, as Parquet, plus its metadata.

Layout: <processed>/<district-slug>/<year>/scores.parquet and meta.json (display name, warnings,
the fingerprint of the sheets, names list and code it was made from: fingerprint.inputs_of). Files are written to a
temporary name and renamed into place.
"""

from __future__ import annotations

import json
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.errors import WARNING, DataError, Problem, ProblemLog, problem_from_dict
from ..core.files import atomic_write, atomic_write_text
from ..model import analysis, settings
from ..model.units import bare_name
from . import layout, names
from .fingerprint import inputs_of
from .layout import DistrictYear

# clean and ingest (pandera, the sheet readers) are imported where sheets are read: a report whose tables are
# already prepared, and the notebook reading the analysis a build wrote, never load them (0.3-0.5 s of a kernel's
# start, and of a build's cold start).

log = logging.getLogger(__name__)

SCORES = "scores.parquet"
META = "meta.json"


@dataclass
class Processed:
    scores: pd.DataFrame
    meta: dict

    @property
    def warnings(self) -> list[Problem]:
        """What was found and fixed while reading the sheets (errors.Problem, severity warning)."""
        return [problem_from_dict(p) for p in self.meta.get("warnings", [])]


def folder(processed_dir: Path, slug: str, year: int) -> Path:
    return Path(processed_dir) / slug / str(year)


def read_district_year(dy: DistrictYear, name_list: names.NameList | None = None) -> tuple[pd.DataFrame, ProblemLog]:
    """Read and clean one district-year's sheets: the tidy table and every problem found."""
    from . import clean, ingest

    problems = ProblemLog()
    table = clean.tidy(dy, ingest.read_folder(dy.folder, problems, dy.district), problems, name_list)
    return table, problems


def ensure_names(dy: DistrictYear, write: bool = True) -> names.NameList | None:
    """The district's canonical names list, created from all its readable years if missing.

    Each unit is spelled as the most recent year spells it, unless an older spelling has diacritics where
    it has none, or comes from a title line where it comes from a tab or file name; the other spellings
    are its aliases (names.entries_from_years). With write=False a missing list is built in memory only
    (for `validate`, which writes nothing).
    """
    path = dy.names_path
    existing = names.load_names(path)
    if existing is not None:
        return existing
    years = sorted((d for d in layout.discover(dy.folder.parents[1]) if d.slug == dy.slug), key=lambda d: -d.year)
    spellings = {year.year: found for year in years if (found := _spellings(year))}
    if not spellings:
        return None
    entries = names.entries_from_years(list(spellings.values()), path)
    if not write:
        return names.NameList(path, entries)
    names.write_names(path, entries)
    log.info(
        "created the names list %s from %s %s: review it, it decides the names the reports show",
        path,
        dy.district,
        ", ".join(str(y) for y in spellings),
    )
    return names.load_names(path)


def _spellings(dy: DistrictYear) -> list[names.Spelling] | None:
    """How one year's sheets spell its units; None when the year has data errors."""
    from . import clean, ingest, unit_names

    problems = ProblemLog()
    sheets = ingest.read_folder(dy.folder, problems, dy.district)
    table = clean.tidy(dy, sheets, problems)
    if problems.errors:
        return None
    by_name = {(s.file, s.sheet) for s in sheets if s.unit_source in (unit_names.TAB, unit_names.FILE)}
    units = table.drop_duplicates("unit")
    return [
        names.Spelling(
            bare_name(unit, None if pd.isna(unit_type) else unit_type),  # the list gives the type apart
            None if pd.isna(unit_type) else unit_type,
            dy.year,
            (file, sheet) not in by_name,
        )
        for unit, unit_type, file, sheet in zip(
            units["unit"], units["unit_type"], units["file"], units["sheet"], strict=True
        )
    ]


def check(dy: DistrictYear) -> list:
    """Every problem in one district-year's sheets, errors and warnings, without writing anything."""
    return read_district_year(dy, ensure_names(dy, write=False))[1].found()


def prepare(dy: DistrictYear, processed_dir: Path) -> Processed:
    """Read, clean and validate one district-year's raw sheets and store the tidy table.

    Raises DataError with every error found; nothing is written then, so the previous good
    processed data (and the reports built from it) stay as they were. A table already made from the
    same sheets, names list and code is loaded instead of read again.
    """
    name_list = ensure_names(dy)
    fingerprint = inputs_of(dy)
    stored = load(processed_dir, dy.slug, dy.year)
    if stored is not None and stored.meta.get("fingerprint") == fingerprint:
        return stored
    scores, problems = read_district_year(dy, name_list)
    if problems.errors:
        raise DataError(problems.errors, context=f"{dy.district} {dy.year} ({dy.folder})")
    meta = {
        "district": dy.district,
        "year": dy.year,
        "warnings": [p.to_dict() for p in problems.warnings],
        "fingerprint": fingerprint,
    }
    target = folder(processed_dir, dy.slug, dy.year)
    target.mkdir(parents=True, exist_ok=True)
    atomic_write(target / SCORES, lambda tmp: scores.to_parquet(tmp, index=False))
    atomic_write_text(target / META, json.dumps(meta, ensure_ascii=False, indent=2))
    for warning in problems.warnings:
        log.debug("%s %s: %s", dy.district, dy.year, warning)
    return Processed(scores, meta)


def load(processed_dir: Path, slug: str, year: int) -> Processed | None:
    """The stored table of one district-year, or None when it was never prepared or is being prepared.

    Two workers may prepare one year at once (a report's year is the next report's previous year).
    `prepare` writes the table, then meta.json; reading meta.json first, then the table, never pairs a
    new meta.json with an old table, and a missing meta.json means "not (yet) prepared".
    """
    target = folder(processed_dir, slug, year)
    try:
        meta = json.loads((target / META).read_text(encoding="utf-8"))
        return Processed(pd.read_parquet(target / SCORES), meta)
    except FileNotFoundError:
        return None


# ---------------------------------------------------------------- the report's data


def analysis_of(dy: DistrictYear, processed_dir: Path, weakest_n: int) -> analysis.Analysis:
    """One group-year and the years before it, prepared (or loaded) and analysed: the one route to a
    report's data, for the build and for an analyst's Run All alike. The year before is compared; every
    earlier year gives the units' histories (model/history.py).

    Data errors in the year raise DataError; in the year before, they only drop the comparison, and in an
    earlier year, that year's place in the histories. The
    group's settings file (report.toml: body, blocks, grades, number of weakest units, which wins over
    `weakest_n`) was checked when the sheets were read.
    """
    current = prepare(dy, processed_dir)
    notes = current.warnings
    previous, before = None, dy.previous()
    if before is not None:
        try:
            previous = prepare(before, processed_dir).scores
        except DataError:
            notes.append(Problem(WARNING, "previous-year-errors", params={"year": before.year}))
    earlier = {}
    for year in dy.earlier():
        if year.year == dy.year - 1 and previous is not None:
            earlier[year.year] = previous
            continue
        try:
            earlier[year.year] = prepare(year, processed_dir).scores
        except DataError:
            if year.year != dy.year - 1:
                notes.append(Problem(WARNING, "earlier-year-errors", params={"year": year.year}))
    group = settings.read(dy.settings_path)
    listed = names.load_names(dy.names_path)
    mergers = listed.mergers() if listed is not None else None
    return analysis.analyse(
        current.scores, previous, weakest_n, notes=notes, settings=group, earlier=earlier, mergers=mergers
    )


def write_analysis(analysis: analysis.Analysis, path: Path) -> None:
    """Hand an analysis to the notebook (a file of this build's own staging folder)."""
    atomic_write(path, lambda tmp: tmp.write_bytes(pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)))


def read_analysis(path: Path) -> analysis.Analysis:
    """The analysis the build wrote with `write_analysis` (never a file from elsewhere)."""
    return pickle.loads(Path(path).read_bytes())
