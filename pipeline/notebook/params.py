"""The notebook's parameters, checked before any work: a year that is a number, paths from the project
root, and a district and year that have data. A wrong one is a message that lists what exists.

An analyst types the parameters by hand (JupyterLab's parameters cell, papermill's `-p`), so a year
may come as "2023" (accepted) and a district without diacritics ("phu tan", matched by its slug).
"""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import fuzz, process

from ..core import config
from ..core.errors import ParameterError, ReportNotFound
from ..core.text import slugify
from ..read import layout

CLOSEST_CUTOFF = 60  # rapidfuzz ratio on slugs; below it a name is not offered as "did you mean"


def year_of(value: object) -> int:
    """The year as a number: 2023 and "2023" are accepted; anything else is a plain sentence."""
    text = str(value).strip()
    if not isinstance(value, bool) and text.isascii() and text.isdigit() and len(text) == 4:
        return int(text)
    raise ParameterError(
        f"Năm phải là một số có bốn chữ số, ví dụ year = 2023 (the year must be a four-digit number, "
        f"like year = 2023); nhận được (got): {value!r}"
    )


def resolve(district: str, year: object, raw_dir: str | Path, processed_dir: str | Path) -> tuple[int, Path, Path]:
    """The year as a number and both folders from the project root; a raw folder that is not there is
    a ReportNotFound (so is a district-year without data: `not_found`, once the sheets were looked for)."""
    raw, processed = config.project_path(raw_dir), config.project_path(processed_dir)
    year = year_of(year)
    if not raw.is_dir():
        where = _shown(raw)
        raise ReportNotFound(f"Không có thư mục {where} (no such folder: {where})", [])
    return year, raw, processed


def not_found(district: str, year: int, raw: Path) -> ReportNotFound:
    """No sheets for the district-year under `raw`: the message lists the districts, or the district's
    years, that are there, with the closest district name."""
    found = layout.discover(raw)
    where = _shown(raw)
    years = sorted({dy.year for dy in found if dy.slug == slugify(district)})
    if years:
        name = next(dy.district for dy in found if dy.slug == slugify(district))
        listed = ", ".join(map(str, years))
        return ReportNotFound(
            f"{name} không có bảng điểm năm {year} trong {where} (no {year} sheets for {name}). "
            f"Các năm có (years): {listed}.",
            [str(y) for y in years],
        )
    districts = sorted({dy.district for dy in found})
    closest = _closest(district, districts)
    hint = f" Có phải (did you mean) {closest}?" if closest else ""
    return ReportNotFound(
        f"Không có bảng điểm của {district!r} trong {where} (no score sheets for {district!r}).{hint} "
        f"Có bảng điểm của (found): {', '.join(districts) or '-'}.",
        districts,
        closest,
    )


def _closest(name: str, choices: list[str]) -> str | None:
    by_slug = {slugify(c): c for c in choices}
    best = process.extractOne(slugify(name), list(by_slug), scorer=fuzz.ratio, score_cutoff=CLOSEST_CUTOFF)
    return by_slug[best[0]] if best else None


def _shown(path: Path) -> str:
    """A folder as the analyst knows it: relative to the project when it is inside it."""
    try:
        return path.relative_to(config.PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)
