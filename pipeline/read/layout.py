"""The raw tree: <raw>/<group>/<year>/ folders of score sheets, one group of units scored together.

A group is a district's communes (up to 2024) or a province's (from 2025). Which group-years exist,
and which files hold their sheets, is decided here and nowhere else; nothing here opens a sheet.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.config import SETTINGS_FILE
from ..core.text import normalise_text, slugify

log = logging.getLogger(__name__)

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SHEET_SUFFIXES = WORKBOOK_SUFFIXES | {".csv"}


@dataclass(frozen=True)
class DistrictYear:
    district: str  # display name, from the folder name
    year: int
    folder: Path

    @property
    def slug(self) -> str:
        """The folder name's slug, prefix and all: "Tỉnh Lai Châu" -> `tinh-lai-chau` (body.py says why)."""
        return slugify(self.district)

    @property
    def settings_path(self) -> Path:
        """The group's optional settings file, <raw>/<group>/report.toml (settings.py)."""
        return self.folder.parent / SETTINGS_FILE

    @property
    def names_path(self) -> Path:
        """The group's names list, beside the raw folder: <data>/raw/<group>/<year> -> <data>/names/<slug>.csv."""
        return self.folder.parents[2] / "names" / f"{self.slug}.csv"

    def previous(self) -> DistrictYear | None:
        """The year before, when its folder holds sheets: an input of this year's report."""
        folder = self.folder.parent / str(self.year - 1)
        if folder.is_dir() and sheet_files(folder):
            return DistrictYear(self.district, self.year - 1, folder)
        return None

    def earlier(self) -> list[DistrictYear]:
        """Every year before this one whose folder holds sheets, oldest first: the unit histories'
        input (model/history.py). Years need not follow one another."""
        found = []
        for folder in self.folder.parent.iterdir():
            if folder.is_dir() and folder.name.isdigit() and int(folder.name) < self.year and sheet_files(folder):
                found.append(DistrictYear(self.district, int(folder.name), folder))
        return sorted(found, key=lambda d: d.year)


def discover(raw_dir: Path) -> list[DistrictYear]:
    """Every <raw>/<district>/<year>/ folder that holds at least one sheet, sorted.

    Links are not followed (a folder or sheet that is a link could lead outside the raw folder), and a
    district whose name has no letter or digit (no slug, so no place in the outputs) is skipped; both
    are logged. A year folder must be four digits.
    """
    found = []
    for district_dir in sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if district_dir.is_symlink() or not slugify(district_dir.name):
            log.warning("skipped %s: %s", district_dir, "a link" if district_dir.is_symlink() else "no usable name")
            continue
        for year_dir in sorted(p for p in district_dir.iterdir() if p.is_dir()):
            if year_dir.is_symlink():
                log.warning("skipped %s: a link", year_dir)
            elif not re.fullmatch(r"\d{4}", year_dir.name):
                log.warning("skipped %s: a year folder is named by the year alone, like 2023", year_dir)
            elif not sheet_files(year_dir):
                log.warning("skipped %s: no score sheet (.xlsx, .xls, .ods, .csv) in it", year_dir)
            else:
                found.append(DistrictYear(normalise_text(district_dir.name), int(year_dir.name), year_dir))
    return found


def find(raw_dir: Path, district: str, year: int) -> DistrictYear | None:
    """The raw folder of one district-year, naming the district by display name or slug."""
    wanted = slugify(district)
    return next((dy for dy in discover(raw_dir) if dy.slug == wanted and dy.year == year), None)


def sheet_files(folder: Path) -> list[Path]:
    """Spreadsheets in a folder, skipping Office lock files and hidden files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and p.suffix.lower() in SHEET_SUFFIXES
        and not p.name.startswith(("~$", "."))
    )
