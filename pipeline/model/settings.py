"""A group's optional settings file, <raw>/<group>/report.toml: what cannot be read from the sheets.

Every key is optional; a group without the file gets the defaults. Keys (README, "Levels, blocks and
settings"):

    sample        (before any table) true: the data are sample data, and every report says so
                  ("DỮ LIỆU MẪU"). `python -m pipeline sample` writes it; a real group never has it
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
    [grades]      xuat_sac, tot, kha, trung_binh: each grade's lower bound, index in %, going down:
                          tot = 80, or with a floor per field: xuat_sac = { from = 90, floor = 80 }
                          ("from 90%, and no field below 80% of its maximum")
    [grades.2024]           the same keys, for one year only
    [grades."Khối phường"]  the same keys, for one block (a [[block]] name) in every year
    [grades.2024."Khối phường"]  for one block in one year; each level replaces the grades it names
    [maxima]      total   the maximum of a summary table's total when the table prints none: 100
                  "<a column's header>" = its maximum, for components printed without one:
                          "Điểm đánh giá trực tiếp" = 65 (the header as published; case and diacritics
                          do not matter)
    [[block]]     name    the block's name: "Khối phường"; "{kinds}" in it stands for the kinds of
                          unit the block holds that year (a `types` block only): "Khối {kinds}" is
                          "Khối xã, thị trấn" in 2024 and "Khối xã, đặc khu" in 2025
                  types   unit types ranked in it: ["xã", "đặc khu"]       (one of types / units)
                  units   unit names ranked in it: ["An Bình", "Tân Phú"]

The file is checked as a whole: every problem (unknown key, value of the wrong kind, thresholds out of
order) is a located error naming the file and the key, and an error stops that group only. Whether the
blocks' units exist, and each unit is in exactly one block, is checked against a year's units
(blocks.assign_blocks).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DataError, ProblemLog
from ..core.text import header_key, normalise_text
from .grades import DEFAULT_RULES, DEFAULT_THRESHOLDS, THRESHOLD_KEYS, GradeRule, GradeRules, Thresholds

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
    "grades": {key: "a number from 0 to 100, or a table such as { from = 90, floor = 80 }" for key in THRESHOLD_KEYS},
    "block": {"name": _TEXT, "types": "a list of texts", "units": "a list of texts"},
    "maxima": {"total": "a number above 0"},  # and any column's header (header.header_key)
}
_MAXIMUM = "a number above 0"
SAMPLE_KEY = "sample"  # a top-level key: sample data (the reports carry a mark)
KINDS_FIELD = "{kinds}"  # in a block's name: the kinds of unit it holds that year (blocks.shown_name)


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
    sample: bool = False  # sample data: the reports carry a visible mark
    thresholds: Thresholds = DEFAULT_THRESHOLDS  # [grades] alone: every block and year but those set apart
    grade_rules: GradeRules = DEFAULT_RULES  # by year and block: grades.rules_for(settings, year, block)
    rank_across_blocks: bool = False  # with blocks, a ranking of every unit across them too
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
            if section not in KEYS and section != SAMPLE_KEY:
                self.unknown(section, [*KEYS, SAMPLE_KEY])
        values: dict = {}
        for section in ("body", "letterhead", "report"):
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
        sample = self.sample(data.get("sample", False))
        blocks = self.blocks(data.get("block", []))
        rules = _GradesChecker(self, [b.name for b in blocks]).rules(data.get("grades", {}))
        return Settings(
            file=self.file,
            **body,
            **letterhead,
            weakest=report.get("weakest"),
            rank_across_blocks=report.get("rank_across_blocks", False),
            sample=sample,
            thresholds=rules.default,
            grade_rules=rules,
            blocks=blocks,
            maxima=self.maxima(data.get("maxima", {})),
        )

    def sample(self, value: object) -> bool:
        if not isinstance(value, bool):
            self.bad(SAMPLE_KEY, "true or false", value)
            return False
        return value

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
            elif not isinstance(value, str) or not value.strip():
                self.bad(name, KEYS[section][key], value)
            else:
                out[key] = normalise_text(value) if key != "symbol" else value.strip()
        return out

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
            if "{" in name.replace(KINDS_FIELD, "") or "}" in name.replace(KINDS_FIELD, ""):
                self.bad(f"{where}.name", f'a text whose only field is "{KINDS_FIELD}"', name)
                continue
            if KINDS_FIELD in name and key != "types":
                self.bad(f"{where}.name", f'a name without "{KINDS_FIELD}" (a block of named units)', name)
                continue
            if not isinstance(items, list) or not items or not all(isinstance(v, str) and v.strip() for v in items):
                self.bad(f"{where}.{key}", "a list of texts, not empty", items)
                continue
            words = tuple(normalise_text(v) for v in items)
            if key == "types":
                words = tuple(w.lower() for w in words)
            blocks.append(Block(normalise_text(name), **{key: words}))
        return tuple(blocks)


def _number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float)


_YEAR = re.compile(r"^\d{4}$")
_RULE = "a number from 0 to 100, or a table such as { from = 90, floor = 80 }"
_PERCENT = "a number from 0 to 100"


class _GradesChecker:
    """[grades] and its year and block tables (settings.py's docstring), every problem reported with the
    file and the key; a bad level is left out, so the grades fall back to the level above."""

    def __init__(self, checker: _Checker, blocks: list[str]):
        self.checker, self.blocks = checker, blocks

    def rules(self, table: object) -> GradeRules:
        if not isinstance(table, dict):
            self.checker.bad("grades", "a table [grades]")
            return GradeRules()
        levels: dict[tuple[int | None, str | None], dict[str, GradeRule]] = {}
        levels[(None, None)] = self.level(table, "grades", None, allow_years=True, allow_blocks=True, levels=levels)
        rules = GradeRules({k: v for k, v in levels.items() if v})
        return rules if self.in_order(rules) else GradeRules()

    def level(self, table: dict, where: str, year: int | None, allow_years: bool, allow_blocks: bool, levels: dict):
        """One level's grades; its year and block tables go into `levels`."""
        out: dict[str, GradeRule] = {}
        for key, value in table.items():
            name = f"{where}.{_quoted(key)}"
            if key in THRESHOLD_KEYS:
                rule = self.rule(name, value)
                if rule is not None:
                    out[key] = rule
            elif allow_years and _YEAR.match(str(key)) and isinstance(value, dict):
                found = int(key)
                levels[(found, None)] = self.level(value, name, found, False, True, levels)
            elif allow_blocks and normalise_text(str(key)) in self.blocks and isinstance(value, dict):
                block = normalise_text(str(key))
                levels[(year, block)] = self.level(value, name, year, False, False, levels)
            else:
                known = list(THRESHOLD_KEYS)
                known += ["a year such as 2024"] if allow_years else []
                known += [f'a block\'s name ("{b}")' for b in self.blocks] if allow_blocks else []
                if allow_blocks and not self.blocks:
                    known.append("a block's name, once [[block]] tables name blocks")
                self.checker.unknown(name, known)
        return out

    def rule(self, name: str, value: object) -> GradeRule | None:
        """tot = 80, or xuat_sac = { from = 90, floor = 80 }."""
        if _number(value):
            if not 0 <= value <= 100:
                self.checker.bad(name, _RULE, value)
                return None
            return float(value), None
        if not isinstance(value, dict):
            self.checker.bad(name, _RULE, value)
            return None
        for key in value:
            if key not in ("from", "floor"):
                self.checker.unknown(f"{name}.{key}", ["from", "floor"])
        bound, floor = value.get("from"), value.get("floor")
        ok = True
        for key, number in (("from", bound), ("floor", floor)):
            if (key == "from" or number is not None) and not (_number(number) and 0 <= number <= 100):
                self.checker.bad(f"{name}.{key}", _PERCENT, number)
                ok = False
        return (float(bound), None if floor is None else float(floor)) if ok else None

    def in_order(self, rules: GradeRules) -> bool:
        """Every block-year the settings make is graded by bounds going down."""
        good = True
        for year in [None, *rules.years()]:
            for block in [None, *self.blocks]:
                found = rules.rules(year, block)
                bounds = found.bounds()
                if all(a > b for a, b in zip(bounds, bounds[1:], strict=False)):
                    continue
                where = "grades" + (f".{year}" if year else "") + (f".{_quoted(block)}" if block else "")
                listed = ", ".join(f"{key} = {b:g}" for key, b in zip(THRESHOLD_KEYS, bounds, strict=True))
                self.checker.problems.error("settings-threshold-order", file=self.checker.file, key=where, found=listed)
                good = False
        return good


def _quoted(key: object) -> str:
    """A TOML key as written in a table's name: bare when it can be, else in quotes."""
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else f'"{text}"'
