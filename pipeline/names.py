"""Unit and district names: Unicode form, tone-mark style, type prefixes, slugs, and one canonical
list per district that matches names across years.

One tone-mark style for display: the mark sits on the first vowel of a final "oa", "oe", "uy"
("Hòa", "Thúy", "Khỏe"), the style most sheets use. "Hoà"/"Thuý" are rewritten to it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from .files import atomic_write_text

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (NFD)
# In NFD, an old-style "oà" is o + a + tone; move the tone onto the o when the cluster ends the word.
_OLD_STYLE_OA = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![^\W\d_])")
_OLD_STYLE_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![^\W\d_])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

# Unit types, longest first; the value is how the report writes the type.
UNIT_TYPES = {
    "thị trấn": "thị trấn",
    "tt.": "thị trấn",
    "tt": "thị trấn",
    "phường": "phường",
    "xã": "xã",
    "đặc khu": "đặc khu",
}
_GOVERNMENT = r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"
_TYPE_PREFIX = re.compile(
    rf"^\s*(?:{_GOVERNMENT})?(?P<type>{'|'.join(re.escape(t) for t in UNIT_TYPES)})(?:\s+|(?<=\.))",
    re.IGNORECASE,
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """NFC, one tone-mark style, straight apostrophes, no control characters, single spaces, trimmed."""
    nfd = unicodedata.normalize("NFD", _CONTROL.sub(" ", text.translate(_APOSTROPHES)))
    nfd = _OLD_STYLE_OA.sub(r"\1\3\2", nfd)
    nfd = _OLD_STYLE_UY.sub(r"\1\3\2", nfd)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", nfd)).strip()


def _title_word(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def display_case(name: str) -> str:
    """Title-case a name typed all in upper or all in lower case; leave mixed case alone."""
    if name.isupper() or name.islower():
        return " ".join(_title_word(w) for w in name.split(" "))
    return name


def split_unit_type(raw_name: str) -> tuple[str | None, str]:
    """Split "UBND xã Mường So" into ("xã", "Mường So"); no prefix gives (None, name)."""
    name = normalise_text(raw_name)
    match = _TYPE_PREFIX.match(name)
    if match and match.end() < len(name):
        unit_type = UNIT_TYPES[match.group("type").lower()]
        return unit_type, display_case(name[match.end() :].strip())
    return None, display_case(name)


def name_key(name: str) -> str:
    """Key under which two spellings of one unit name compare equal (case, Unicode form, tone style)."""
    return normalise_text(name).casefold()


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(name: str) -> str:
    """District slug: "Phong Thổ" -> "phong-tho"."""
    ascii_text = strip_diacritics(unicodedata.normalize("NFC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# ---------------------------------------------------------------- canonical names across years
#
# Each district has a checked-in list, <data>/names/<district-slug>.csv (columns name, type, aliases),
# created from the district's earliest year on first run and then kept by the analyst. A year's
# names are matched to it exactly (case, Unicode form, tone style, aliases), then fuzzily among the
# names left on both sides; every fuzzy match and every unknown name is reported.

FUZZY_CUTOFF = 85  # rapidfuzz ratio on names without diacritics; "Mừng So" ~ "Mường So" scores 93
ALIAS_SEPARATOR = "; "


@dataclass
class NameList:
    path: Path
    entries: list[dict] = field(default_factory=list)  # {"name", "type", "aliases": [..]}

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
    messages: list[tuple[str, str]]  # (English, Vietnamese)


def names_path(year_folder: Path, slug: str) -> Path:
    """Names lists live beside the raw folder: <data>/raw/<district>/<year> -> <data>/names/<slug>.csv."""
    return Path(year_folder).parents[2] / "names" / f"{slug}.csv"


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


def match_names(units: dict[str, str | None], names: NameList) -> Matched:
    """Match a year's units (name -> type) to the list: exactly, then fuzzily among the leftovers."""
    index = names.keys()
    canonical, messages = {}, []
    for unit in units:
        entry = index.get(name_key(unit))
        if entry:
            canonical[unit] = entry["name"]
    taken = set(canonical.values())
    free = {e["name"]: _fuzzy_key(e["name"]) for e in names.entries if e["name"] not in taken}
    where = f"(list: {names.path.name})"
    for unit in sorted(u for u in units if u not in canonical):
        best = process.extractOne(_fuzzy_key(unit), free, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            canonical[unit] = unit
            messages.append(
                (
                    f"unit '{unit}' is not in the district's names list {where}: reported as a new unit; "
                    "add it to the list if it is one, or as an alias of the unit it is",
                    f"đơn vị '{unit}' không có trong danh sách tên của huyện ({names.path.name}): coi là đơn vị mới",
                )
            )
            continue
        _, score, name = best
        canonical[unit] = name
        del free[name]
        messages.append(
            (
                f"unit name '{unit}' read as '{name}' (similarity {score:.0f}%) {where}; add it as an "
                "alias of that unit to confirm, or as a unit of its own if it is not the same",
                f"tên đơn vị '{unit}' được hiểu là '{name}' (giống {score:.0f}%)",
            )
        )
    missing = sorted(e["name"] for e in names.entries if e["name"] not in set(canonical.values()))
    if missing:
        messages.append(
            (
                f"units of the names list not found in this year's sheets: {', '.join(missing)} {where}",
                f"các đơn vị trong danh sách tên không có trong bảng điểm năm nay: {', '.join(missing)}",
            )
        )
    types = {e["name"]: e["type"] for e in names.entries}
    return Matched(canonical, types, messages)
