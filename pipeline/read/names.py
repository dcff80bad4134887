"""The canonical names list of each group of units, and matching a year's unit names to it.

Text normalisation lives in text.py, unit types in units.py.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from ..core.files import atomic_write_text
from ..core.text import name_key, normalise_text, strip_diacritics
from ..model.units import has_diacritics

# ---------------------------------------------------------------- canonical names across years
#
# Each district has a checked-in list, <data>/names/<district-slug>.csv (columns name, type, aliases;
# layout.DistrictYear.names_path), created on first run from every readable year (`entries_from_years`)
# and then kept by the analyst. A year's names are matched to it exactly (case, Unicode form, tone
# style, aliases), then ignoring diacritics, then fuzzily among the names left on both sides; every
# spelling other than the list's and every unknown name is reported.

FUZZY_CUTOFF = 85  # rapidfuzz ratio on names without diacritics; "Mừng So" ~ "Mường So" scores 93
ALIAS_SEPARATOR = "; "


@dataclass
class NameList:
    path: Path
    entries: list[dict] = field(default_factory=list)  # {"name", "type", "aliases": [..]}

    def mergers(self) -> dict[str, str]:
        """old unit -> the unit it was merged into, from the list's `merged_into` column (reorg.merged_from)."""
        return {e["name"]: e["merged_into"] for e in self.entries if e.get("merged_into")}

    def keys(self) -> dict[str, dict]:
        index = {}
        for entry in self.entries:
            for spelling in [entry["name"], *entry["aliases"]]:
                index[name_key(spelling)] = entry
        return index


@dataclass
class Matched:
    canonical: dict[str, str]  # name in the data -> canonical name
    types: dict[str, str | None]  # canonical name -> type from the list
    messages: list[tuple[str, dict]]  # (rule id of errors.RULES, its parameters)


def load_names(path: Path) -> NameList | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    entries = [
        {
            "name": normalise_text(r["name"]),
            "type": (r.get("type") or "").strip() or None,
            "aliases": [normalise_text(a) for a in (r.get("aliases") or "").split(";") if a.strip()],
            "merged_into": normalise_text(r.get("merged_into") or "") or None,  # reorg.py; for information
        }
        for r in rows
        if (r.get("name") or "").strip()
    ]
    return NameList(path, entries)


def write_names(path: Path, entries: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "type", "aliases"])
    for entry in entries:
        writer.writerow([entry["name"], entry["type"] or "", ALIAS_SEPARATOR.join(entry["aliases"])])
    atomic_write_text(path, buffer.getvalue())


def _fuzzy_key(name: str) -> str:
    return strip_diacritics(name_key(name))


def _match_without_diacritics(units, names: NameList, canonical: dict, messages: list) -> None:
    """Names left over that equal one free entry of the list but for diacritics ("Muong So", "Mường So")."""
    taken = set(canonical.values())
    folded: dict[str, set[str]] = {}
    for entry in names.entries:
        if entry["name"] not in taken:
            for spelling in [entry["name"], *entry["aliases"]]:
                folded.setdefault(_fuzzy_key(spelling), set()).add(entry["name"])
    left = [u for u in units if u not in canonical]
    counts = Counter(_fuzzy_key(u) for u in left)
    for unit in left:
        found = folded.get(_fuzzy_key(unit), set())
        if len(found) == 1 and counts[_fuzzy_key(unit)] == 1:
            (name,) = found
            canonical[unit] = name
            taken.add(name)
            folded = {k: v - {name} for k, v in folded.items()}
            messages.append(("name-spelling", {"unit": unit, "name": name, "list": names.path.name}))


def match_names(units: dict[str, str | None], names: NameList) -> Matched:
    """Match a year's units (name -> type) to the list: exactly (aliases too), then ignoring diacritics,
    then fuzzily among the leftovers."""
    index = names.keys()
    canonical, messages = {}, []
    for unit in units:
        entry = index.get(name_key(unit))
        if entry:
            canonical[unit] = entry["name"]
    listed = names.path.name
    _match_without_diacritics(units, names, canonical, messages)
    taken = set(canonical.values())
    free = {e["name"]: _fuzzy_key(e["name"]) for e in names.entries if e["name"] not in taken}
    for unit in sorted(u for u in units if u not in canonical):
        best = process.extractOne(_fuzzy_key(unit), free, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            canonical[unit] = unit
            messages.append(("name-new", {"unit": unit, "list": listed}))
            continue
        _, score, name = best
        canonical[unit] = name
        del free[name]
        messages.append(("name-fuzzy", {"unit": unit, "name": name, "score": f"{score:.0f}", "list": listed}))
    present = set(canonical.values())
    explained = _absent_by_merger(names.entries, present)
    missing = sorted(e["name"] for e in names.entries if e["name"] not in present and e["name"] not in explained)
    if missing:
        messages.append(("names-missing", {"units": ", ".join(missing), "list": listed}))
    types = {e["name"]: e["type"] for e in names.entries}
    return Matched(canonical, types, messages)


def _absent_by_merger(entries: list[dict], present: set[str]) -> set[str]:
    """Units of the list whose absence a merger explains (column `merged_into`, reorg.py): merged into a
    unit of this year (gone since), or formed from units of this year (not formed yet)."""
    here = {name_key(n) for n in present}
    sources: dict[str, list[str]] = {}
    for entry in entries:
        if entry.get("merged_into"):
            sources.setdefault(name_key(entry["merged_into"]), []).append(entry["name"])
    gone = {e["name"] for e in entries if e.get("merged_into") and name_key(e["merged_into"]) in here}
    formed_later = {
        e["name"] for e in entries if any(name_key(s) in here for s in sources.get(name_key(e["name"]), []))
    }
    return gone | formed_later


# ---------------------------------------------------------------- a new list


@dataclass(frozen=True)
class Spelling:
    """How one year's sheets wrote a unit."""

    name: str
    unit_type: str | None
    year: int
    from_title: bool  # a title line or a summary table, not a tab or file name


def _preference(spelling: Spelling) -> tuple:
    """Diacritics beat none, a title line beats a tab or file name, a recent year an old one."""
    return has_diacritics(spelling.name), spelling.from_title, spelling.year


def entries_from_years(years: list[list[Spelling]], path: Path) -> list[dict]:
    """The entries of a new names list from each year's spellings, most recent year first.

    Each year's names are matched to the units found so far as a run would match them; a unit takes its
    preferred spelling as its name (`_preference`), the others become its aliases, and its type is the
    first one given in that order. Units in the most recent year's order, then those of older years only."""
    units: list[list[Spelling]] = []
    for spellings in years:
        known = NameList(path, [{"name": u[0].name, "type": None, "aliases": [s.name for s in u[1:]]} for u in units])
        matched = match_names({s.name: s.unit_type for s in spellings}, known)
        by_name = {u[0].name: u for u in units}
        for spelling in spellings:
            unit = by_name.get(matched.canonical[spelling.name])
            if unit is None:
                units.append([spelling])
            else:
                unit.append(spelling)
    return [_entry(unit) for unit in units]


def _entry(spellings: list[Spelling]) -> dict:
    ranked = sorted(spellings, key=_preference, reverse=True)
    name = ranked[0].name
    aliases, seen = [], {name_key(name)}
    for spelling in ranked[1:]:
        if name_key(spelling.name) not in seen:
            seen.add(name_key(spelling.name))
            aliases.append(spelling.name)
    unit_type = next((s.unit_type for s in ranked if s.unit_type), None)
    return {"name": name, "type": unit_type, "aliases": aliases}
