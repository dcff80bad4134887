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
    """A year's units matched to the list. Keys are the units as given: names (match_names with a dict)
    or (name, type) pairs (match_units), so two units of one name and different types stay two."""

    canonical: dict  # unit in the data -> canonical name
    types: dict  # canonical name -> type from the list (match_names); (name, type) -> listed type (match_units)
    messages: list[tuple[str, dict]]  # (rule id of errors.RULES, its parameters)
    positions: dict = field(default_factory=dict)  # (name, type) -> the entry's position in the list, or None


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


Unit = tuple[str, str | None]  # a unit of a year: its name as the sheets give it, its type (None: unknown)


def _same_type(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _exact(units: list[Unit], names: NameList) -> dict[Unit, int]:
    """Units equal to a spelling of the list (aliases too) -> the entry's position. Where the list has
    the name twice (a phường and a xã Tân Phú), the type decides; a unit whose type is not the list's
    still takes a single entry of its name no other unit of the year claims (the list's type wins)."""
    index: dict[str, list[int]] = {}
    for i, entry in enumerate(names.entries):
        for spelling in [entry["name"], *entry["aliases"]]:
            found = index.setdefault(name_key(spelling), [])
            if i not in found:
                found.append(i)
    chosen: dict[Unit, int] = {}
    for unit in units:
        typed = [i for i in index.get(name_key(unit[0]), []) if _same_type(names.entries[i]["type"], unit[1])]
        if len(typed) == 1 and typed[0] not in chosen.values():
            chosen[unit] = typed[0]
    for unit in units:
        candidates = [i for i in index.get(name_key(unit[0]), []) if i not in chosen.values()]
        if unit not in chosen and len(candidates) == 1:
            chosen[unit] = candidates[0]
    return chosen


def _match_without_diacritics(units: list[Unit], names: NameList, chosen: dict, messages: list) -> None:
    """Units left over that equal one free entry of the list but for diacritics ("Muong So", "Mường So")."""
    taken = set(chosen.values())
    folded: dict[str, set[int]] = {}
    for i, entry in enumerate(names.entries):
        if i not in taken:
            for spelling in [entry["name"], *entry["aliases"]]:
                folded.setdefault(_fuzzy_key(spelling), set()).add(i)
    left = [u for u in units if u not in chosen]
    counts = Counter(_fuzzy_key(u[0]) for u in left)
    for unit in left:
        found = {i for i in folded.get(_fuzzy_key(unit[0]), set()) if _same_type(names.entries[i]["type"], unit[1])}
        found = found or folded.get(_fuzzy_key(unit[0]), set())
        if len(found) == 1 and counts[_fuzzy_key(unit[0])] == 1:
            (i,) = found
            chosen[unit] = i
            folded = {k: v - {i} for k, v in folded.items()}
            name = names.entries[i]["name"]
            messages.append(("name-spelling", {"unit": unit[0], "name": name, "list": names.path.name}))


def match_units(units: list[Unit], names: NameList) -> Matched:
    """Match a year's units, (name, type) pairs, to the list: exactly (aliases too; the type tells two
    entries of one name apart), then ignoring diacritics, then fuzzily among the leftovers. `canonical`
    and `types` are keyed by the pairs."""
    units = list(dict.fromkeys(units))
    messages: list[tuple[str, dict]] = []
    chosen = _exact(units, names)
    listed = names.path.name
    _match_without_diacritics(units, names, chosen, messages)
    taken = set(chosen.values())
    free = {i: _fuzzy_key(e["name"]) for i, e in enumerate(names.entries) if i not in taken}
    new: list[Unit] = []
    for unit in sorted((u for u in units if u not in chosen), key=lambda u: (u[0], u[1] or "")):
        best = process.extractOne(_fuzzy_key(unit[0]), free, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            new.append(unit)
            messages.append(("name-new", {"unit": unit[0], "list": listed}))
            continue
        _, score, i = best
        chosen[unit] = i
        del free[i]
        name = names.entries[i]["name"]
        messages.append(("name-fuzzy", {"unit": unit[0], "name": name, "score": f"{score:.0f}", "list": listed}))
    present = {names.entries[i]["name"] for i in chosen.values()} | {u[0] for u in new}
    explained = _absent_by_merger(names.entries, present)
    missing = sorted(
        e["name"] for i, e in enumerate(names.entries) if i not in chosen.values() and e["name"] not in explained
    )
    if missing:
        messages.append(("names-missing", {"units": ", ".join(missing), "list": listed}))
    canonical = {u: names.entries[chosen[u]]["name"] if u in chosen else u[0] for u in units}
    types = {u: names.entries[chosen[u]]["type"] if u in chosen else None for u in units}
    return Matched(canonical, types, messages, {u: chosen.get(u) for u in units})


def match_names(units: dict[str, str | None], names: NameList) -> Matched:
    """match_units for units given as name -> type (one unit per name): `canonical` keyed by name, `types`
    by canonical name."""
    matched = match_units(list(units.items()), names)
    canonical = {name: matched.canonical[(name, t)] for name, t in units.items()}
    types = {e["name"]: e["type"] for e in names.entries}
    return Matched(canonical, types, matched.messages)


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
        known = NameList(path, [_known(u) for u in units])
        matched = match_units([(s.name, s.unit_type) for s in spellings], known)
        found = list(units)  # the units known before this year, by their position in `known`
        for spelling in spellings:
            position = matched.positions.get((spelling.name, spelling.unit_type))
            if position is None:
                units.append([spelling])
            else:
                found[position].append(spelling)
    return [_entry(unit) for unit in units]


def _known(spellings: list[Spelling]) -> dict:
    """A unit found in a later year, as an entry to match an earlier year to: its type tells two units
    of one name apart."""
    unit_type = next((s.unit_type for s in spellings if s.unit_type), None)
    return {"name": spellings[0].name, "type": unit_type, "aliases": [s.name for s in spellings[1:]]}


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
