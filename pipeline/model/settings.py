"""A group's optional settings file, <raw>/<group>/report.toml: what cannot be read from the sheets.

Every key is optional; a group without the file gets the defaults. Keys (README, "Levels, blocks and
settings"):

    [body]        level   "province" | "district": the scoring body's level
                  kind    the body's own type word: "tỉnh", "thành phố", "huyện", "thị xã", "quận"
                  name    the body's name without its type: "Hải Phòng"
                  units   "communes" | "districts" | "departments": what the body ranks
    [letterhead]  issued_by "council" | "department": who issues and signs the report, the appraisal
                          council (Hội đồng thẩm định, the default) or the Home Affairs office (Sở Nội vụ of a
                          province, Phòng Nội vụ of a district); the issuer's line, the symbol, the
                          signature and Nơi nhận follow from it (body.py, narrative.py)
                  parent  the parent body's line: "UBND THÀNH PHỐ HẢI PHÒNG"
                  issuer  the issuer's line where it is not the usual one: "SỞ NỘI VỤ"
                  symbol  the document symbol where it is not the usual one: "Số:      /BC-SNV"
    [report]      weakest how many weakest units are named (per block), a whole number >= 1
                  rank_across_blocks  true | false: with blocks, also rank every unit across the blocks
                          (a "Hạng chung" column in the annex, `rank` in summary.json); off by default,
                          the block's rank being the one published
    [grades]      xuat_sac, tot, kha, trung_binh: lower bound of each grade, index in %, going down
    [maxima]      total   the maximum of a summary table's total when the table prints none: 100
                  "<a column's header>" = its maximum, for components printed without one:
                          "Điểm đánh giá trực tiếp" = 65 (the header as published; case and diacritics
                          do not matter)
    [[block]]     name    the block's name: "Khối phường"
                  types   unit types ranked in it: ["xã", "đặc khu"]       (one of types / units)
                  units   unit names ranked in it: ["An Bình", "Tân Phú"]

The file is checked as a whole: every problem (unknown key, value of the wrong kind, thresholds out of
order) is a located error naming the file and the key, and an error stops that group only. Whether the
blocks' units exist, and each unit is in exactly one block, is checked against a year's units
(blocks.assign_blocks).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DataError, ProblemLog
from ..core.text import header_key, normalise_text
from .grades import DEFAULT_THRESHOLDS, THRESHOLD_KEYS, Thresholds

LEVELS = ("province", "district")
UNIT_KINDS = ("communes", "districts", "departments")
BODY_KINDS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận")
ISSUERS = ("council", "department")  # [letterhead] issued_by: the appraisal council, or the Home Affairs office

# section -> key -> what it must be (shown in messages)
_TEXT = "a text in quotes"
KEYS: dict[str, dict[str, str]] = {
    "body": {
        "level": " or ".join(f'"{v}"' for v in LEVELS),
        "kind": ", ".join(f'"{v}"' for v in BODY_KINDS),
        "name": _TEXT,
        "units": ", ".join(f'"{v}"' for v in UNIT_KINDS),
    },
    "letterhead": {
        "issued_by": " or ".join(f'"{v}"' for v in ISSUERS),
        "parent": _TEXT,
        "issuer": _TEXT,
        "symbol": _TEXT,
    },
    "report": {"weakest": "a whole number, 1 or more", "rank_across_blocks": "true or false"},
    "grades": {key: "a number from 0 to 100" for key in THRESHOLD_KEYS},
    "block": {"name": _TEXT, "types": "a list of texts", "units": "a list of texts"},
    "maxima": {"total": "a number above 0"},  # and any column's header (header.header_key)
}
_MAXIMUM = "a number above 0"


@dataclass(frozen=True)
class Block:
    """One ranking block: the units of some types, or the units named."""

    name: str
    types: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """A group's settings; None where the file does not say (the caller infers or defaults)."""

    file: str = ""  # how messages name the file: "<group>/report.toml"
    level: str | None = None
    kind: str | None = None
    name: str | None = None
    units: str | None = None
    issued_by: str | None = None  # "council" or "department" (ISSUERS); None: from `issuer`, else the council
    parent: str | None = None
    issuer: str | None = None
    symbol: str | None = None
    weakest: int | None = None
    rank_across_blocks: bool = False  # with blocks, a ranking of every unit across them too
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    maxima: dict[str, float] = field(default_factory=dict)  # "total" or a header key -> maximum


class SettingsError(DataError):
    """A settings file with errors; carries every problem found (errors.DataError)."""


def read(path: Path) -> Settings:
    """The settings in `path` (defaults when there is no file); raises SettingsError listing every problem."""
    problems = ProblemLog()
    settings = load(path, problems)
    if problems.errors:
        raise SettingsError(problems.errors, context=str(path))
    return settings


def load(path: Path, problems: ProblemLog) -> Settings:
    """The settings in `path`, every problem added to `problems`; defaults where a key is bad or missing."""
    path = Path(path)
    file = f"{path.parent.name}/{path.name}"
    if not path.is_file():
        return Settings(file=file)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.error("settings-unreadable", file=file, detail=str(exc))
        return Settings(file=file)
    return _Checker(file, problems).settings(data)


class _Checker:
    """Reads the parsed TOML into Settings, reporting every bad key with the file and the key."""

    def __init__(self, file: str, problems: ProblemLog):
        self.file, self.problems = file, problems

    def bad(self, key: str, expected: str, value: object = None) -> None:
        self.problems.error("settings-bad-value", file=self.file, value=value, key=key, expected=expected)

    def unknown(self, key: str, known: list[str]) -> None:
        self.problems.error("settings-unknown-key", file=self.file, key=key, known=", ".join(known))

    def settings(self, data: dict) -> Settings:
        for section in data:
            if section not in KEYS:
                self.unknown(section, list(KEYS))
        values: dict = {}
        for section in ("body", "letterhead", "report", "grades"):
            table = data.get(section, {})
            if not isinstance(table, dict):
                self.bad(section, f"a table [{section}]")
                continue
            values[section] = self.section(section, table)
        body = values.get("body", {})
        for key, allowed in (("level", LEVELS), ("units", UNIT_KINDS), ("kind", BODY_KINDS)):
            if body.get(key) is None:
                continue
            body[key] = body[key].lower()  # "Tỉnh", "Province"
            if body[key] not in allowed:
                self.bad(f"body.{key}", KEYS["body"][key], body.pop(key))
        letterhead = values.get("letterhead", {})
        if letterhead.get("issued_by") is not None:
            letterhead["issued_by"] = letterhead["issued_by"].lower()
            if letterhead["issued_by"] not in ISSUERS:
                self.bad("letterhead.issued_by", KEYS["letterhead"]["issued_by"], letterhead.pop("issued_by"))
        report = values.get("report", {})
        return Settings(
            file=self.file,
            **body,
            **letterhead,
            weakest=report.get("weakest"),
            rank_across_blocks=report.get("rank_across_blocks", False),
            thresholds=self.thresholds(values.get("grades", {})),
            blocks=self.blocks(data.get("block", [])),
            maxima=self.maxima(data.get("maxima", {})),
        )

    def maxima(self, table: object) -> dict[str, float]:
        """[maxima]: "total", or a column's header as published, each a number above 0."""
        if not isinstance(table, dict):
            self.bad("maxima", "a table [maxima]")
            return {}
        out = {}
        for key, value in table.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                self.bad(f"maxima.{key}", _MAXIMUM, value)
                continue
            out["total" if key == "total" else header_key(key)] = float(value)
        return out

    def section(self, section: str, table: dict) -> dict:
        """The known keys of one table with values of the right kind."""
        out = {}
        for key, value in table.items():
            name = f"{section}.{key}"
            if key not in KEYS[section]:
                self.unknown(name, list(KEYS[section]))
            elif name == "report.rank_across_blocks":
                if not isinstance(value, bool):
                    self.bad(name, KEYS[section][key], value)
                else:
                    out[key] = value
            elif section == "report":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    self.bad(name, KEYS[section][key], value)
                else:
                    out[key] = value
            elif section == "grades":
                if isinstance(value, bool) or not isinstance(value, int | float):
                    self.bad(name, KEYS[section][key], value)
                else:
                    out[key] = float(value)
            elif not isinstance(value, str) or not value.strip():
                self.bad(name, KEYS[section][key], value)
            else:
                out[key] = normalise_text(value) if key != "symbol" else value.strip()
        return out

    def thresholds(self, given: dict[str, float]) -> Thresholds:
        merged = {key: given.get(key, getattr(DEFAULT_THRESHOLDS, key)) for key in THRESHOLD_KEYS}
        bounds = [merged[key] for key in THRESHOLD_KEYS]
        in_range = all(0 <= b <= 100 for b in bounds)
        descending = all(a > b for a, b in zip(bounds, bounds[1:], strict=False))
        if not (in_range and descending):
            found = ", ".join(f"{key} = {merged[key]:g}" for key in THRESHOLD_KEYS)
            self.problems.error("settings-threshold-order", file=self.file, key="grades", found=found)
            return DEFAULT_THRESHOLDS
        return Thresholds(**merged)

    def blocks(self, tables: object) -> tuple[Block, ...]:
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            self.bad("block", "a list of [[block]] tables")
            return ()
        blocks = []
        for i, table in enumerate(tables, 1):
            where = f"block[{i}]"
            for key in table:
                if key not in KEYS["block"]:
                    self.unknown(f"{where}.{key}", list(KEYS["block"]))
            name = table.get("name")
            if not isinstance(name, str) or not name.strip():
                self.bad(f"{where}.name", _TEXT, name)
                continue
            lists = {key: table[key] for key in ("types", "units") if key in table}
            if len(lists) != 1:
                self.bad(f"{where}", "a block with either 'types' or 'units', not both nor neither")
                continue
            [(key, items)] = lists.items()
            if not isinstance(items, list) or not items or not all(isinstance(v, str) and v.strip() for v in items):
                self.bad(f"{where}.{key}", "a list of texts, not empty", items)
                continue
            words = tuple(normalise_text(v) for v in items)
            if key == "types":
                words = tuple(w.lower() for w in words)
            blocks.append(Block(normalise_text(name), **{key: words}))
        return tuple(blocks)
