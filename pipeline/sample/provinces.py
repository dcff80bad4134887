"""Sample data of provinces (issue 9), summary tables laid out as provinces publish them.

- "Tỉnh Lam Sơn" (a made-up province): 2025 and 2026, 130 units after the July 2025 reorganisation
  (40 phường, 88 xã, 2 đặc khu) ranked in two blocks set by its `report.toml`; 2024, its 215 communes
  before the reorganisation (xã, phường, thị trấn; 20 of them gave their name to a 2025 unit: 110 of
  the 130 have no counterpart), so the 2025 report meets the reorganisation. Its names list maps each
  2024 unit to the unit it merged into.
- "Tỉnh Lai Châu": 2023 and 2024, the province's ranking of its 8 districts as published: appraised
  part (65) + survey part (35), total, index in %, rank, grade, and the average row.

One summary table per group-year (no per-unit files), so `make reports` stays fast. Scores come from
districts.unit_scores (seeded): `python -m pipeline sample` rewrites the same files.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from ..core.config import SETTINGS_FILE
from ..core.files import atomic_write_text
from ..core.text import num
from ..model import grades, measures
from . import districts

LAM_SON = "Tỉnh Lam Sơn"
LAI_CHAU = "Tỉnh Lai Châu"
LAM_SON_SLUG = "tinh-lam-son"

# Field columns of the commune tables: districts.CRITERIA's fields, named shortly, with their maxima.
_SHORT = districts.SHORT_FIELD_NAMES
_MAXIMA = [sum(c[1] for c in criteria) for _, criteria in districts.CRITERIA]

_FIRST = [
    "Tân",
    "Hòa",
    "Phú",
    "An",
    "Bình",
    "Long",
    "Thạnh",
    "Hưng",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Vĩnh",
    "Quang",
    "Minh",
    "Thái",
    "Hải",
    "Sơn",
    "Lạc",
    "Hợp",
]
_SECOND = [
    "Phong",
    "Lợi",
    "Thịnh",
    "Xuân",
    "Định",
    "Tiến",
    "Lộc",
    "Mỹ",
    "Khánh",
    "Hiệp",
    "Thuận",
    "Phước",
    "Trung",
    "Kiều",
    "Lâm",
    "Yên",
    "Hà",
    "Thành",
    "Điền",
    "Cường",
]

SETTINGS_TOML = """\
# Settings of this group's reports: README, "Levels, blocks and settings".
sample = true  # sample data under real place names: every report carries the mark "DỮ LIỆU MẪU"
[body]
level = "province"
kind = "tỉnh"
name = "Lam Sơn"

[letterhead]
issued_by = "council"  # the appraisal council issues and signs; "department": the Sở Nội vụ
parent = "UBND TỈNH LAM SƠN"

[report]
weakest = 3

[grades]   # lower bound of each grade, index in %
xuat_sac = 90
tot = 80
kha = 70
trung_binh = 50

[[block]]
name = "Khối phường"
types = ["phường"]

[[block]]
name = "Khối {kinds}"  # the kinds it holds that year: "Khối xã, thị trấn" (2024), "Khối xã, đặc khu"
types = ["xã", "đặc khu", "thị trấn"]  # thị trấn: the 2024 units, before the reorganisation
"""

LAI_CHAU_DISTRICTS = (
    ("Thành phố", "Lai Châu"),
    ("Huyện", "Tam Đường"),
    ("Huyện", "Phong Thổ"),
    ("Huyện", "Sìn Hồ"),
    ("Huyện", "Mường Tè"),
    ("Huyện", "Than Uyên"),
    ("Huyện", "Tân Uyên"),
    ("Huyện", "Nậm Nhùn"),
)


# ---------------------------------------------------------------- units


def lam_son_units(seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(type, name) of the 130 units from 2025, and (type, name, merged into) of the 215 units of 2024: one or two
    merged into each (every second one two), and the first 20 kept the name of one more."""
    rng = random.Random(f"{seed}|{LAM_SON}|names")
    names = [f"{a} {b}" for a in _FIRST for b in _SECOND]
    rng.shuffle(names)
    new_types = ["phường"] * 40 + ["xã"] * 88 + ["đặc khu"] * 2
    new = list(zip(new_types, names[:130], strict=True))
    fresh = iter(names[130:])
    old = []
    for i, (new_type, new_name) in enumerate(new):
        olds = [new_name] if i < 20 else []  # the merged unit took the name of one of its communes
        olds += [next(fresh) for _ in range(1 + i % 2)]
        for j, name in enumerate(olds):
            old_type = {"phường": "phường" if j == 0 else "thị trấn", "đặc khu": "xã"}.get(new_type, "xã")
            old.append((old_type, name, new_name))
    return new, old


def _fields(group: str, name: str, year: int, seed: int) -> list[float]:
    scores = districts.unit_scores(group, name, year, seed)
    return [
        round(sum(v.score for k, v in scores.items() if k[0] == f and v.applicable), 2)
        for f in range(len(districts.CRITERIA))
    ]


def _ranks(totals: list[float]) -> list[int]:
    return list(measures.competition_rank(pd.Series(totals, dtype=float)))


def _label(unit_type: str, name: str) -> str:
    return f"{unit_type[:1].upper()}{unit_type[1:]} {name}"


# ---------------------------------------------------------------- Lam Sơn


def write_lam_son_year(folder: Path, year: int, seed: int) -> None:
    """One table; from 2025 in two blocks with a heading row each and ranks within the block."""
    new, old = lam_son_units(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = f"Chỉ số CCHC {year}"
    ws.append(["UBND TỈNH LAM SƠN"])
    ws.append(["SỞ NỘI VỤ"])
    kinds = "XÃ, PHƯỜNG, ĐẶC KHU" if year >= 2025 else "XÃ, PHƯỜNG, THỊ TRẤN"
    ws.append([f"KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} CỦA CÁC {kinds}"])
    ws.append([])
    fields = [f"{s} ({m:g})" for s, m in zip(_SHORT, _MAXIMA, strict=True)]
    tail = ["Tổng điểm (100)", "Chỉ số CCHC (%)"]
    if year >= 2025:
        ws.append(["STT", "Xã, phường, đặc khu", *fields, *tail, "Xếp hạng trong khối", "Xếp loại"])
        blocks = [
            ("I", "KHỐI PHƯỜNG", [u for u in new if u[0] == "phường"]),
            ("II", "KHỐI XÃ, ĐẶC KHU", [u for u in new if u[0] != "phường"]),
        ]
        for code, heading, units in blocks:
            ws.append([code, heading])
            _unit_rows(ws, units, year, seed, ranked=True)
    else:
        ws.append(["STT", "Xã, phường, thị trấn", *fields, *tail, "Xếp loại"])
        _unit_rows(ws, [(t, n) for t, n, _ in old], year, seed, ranked=False)
    districts._signature_block(ws)
    wb.save(folder / f"Chi so CCHC cap xa {year}.xlsx")


def _unit_rows(ws, units: list[tuple[str, str]], year: int, seed: int, ranked: bool) -> None:
    rows = [(label_type, name, _fields(LAM_SON, name, year, seed)) for label_type, name in units]
    totals = [round(sum(f), 2) for *_, f in rows]
    ranks = _ranks(totals)
    for i, ((unit_type, name, fields), total, rank) in enumerate(zip(rows, totals, ranks, strict=True), 1):
        index = round(total / sum(_MAXIMA) * 100, 2)
        cells = [i, _label(unit_type, name), *fields, total, f"{num(index)}%"]
        ws.append(cells + ([rank] if ranked else []) + [grades.grade_of(index)])


def write_lam_son_names(names_path: Path, seed: int) -> None:
    """The names list: the 2025 units, then the 2024 units with the unit each merged into."""
    new, old = lam_son_units(seed)
    taken = {name for _, name in new}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "type", "aliases", "merged_into"])
    writer.writerows([name, unit_type, "", ""] for unit_type, name in new)
    writer.writerows([name, unit_type, "", into] for unit_type, name, into in old if name not in taken)
    atomic_write_text(names_path, buffer.getvalue())


# ---------------------------------------------------------------- Lai Châu's districts


def write_lai_chau_year(folder: Path, year: int, seed: int) -> None:
    """The province's ranking of its districts as published: appraised (65) + survey (35), index, grade."""
    rng = random.Random(f"{seed}|{LAI_CHAU}|{year}")
    rows = []
    for unit_type, name in LAI_CHAU_DISTRICTS:
        strength = districts._unit_strength(LAI_CHAU, name, year, seed)
        appraised = round(65 * min(0.99, strength + rng.uniform(-0.03, 0.03)), 2)
        survey = round(35 * min(0.99, 0.8 + rng.uniform(0, 0.15)), 2)
        rows.append((_label(unit_type.lower(), name), appraised, survey, round(appraised + survey, 2)))
    ranks = _ranks([r[3] for r in rows])
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.append(["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"])
    ws.append(["HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC"])
    ws.append([f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} CỦA CÁC HUYỆN, THÀNH PHỐ"])
    ws.append([])
    ws.append(
        [
            "STT",
            "HUYỆN, THỊ XÃ, THÀNH PHỐ",
            "Điểm thẩm định (65)",
            "Điểm điều tra xã hội học (35)",
            "Tổng điểm (100)",
            "Chỉ số CCHC - PAR INDEX",
            "Xếp hạng",
            "Xếp loại",
        ]
    )
    order = sorted(range(len(rows)), key=lambda i: (ranks[i], rows[i][0]))
    for position, i in enumerate(order, 1):
        label, appraised, survey, total = rows[i]
        ws.append([position, label, num(appraised), num(survey), num(total), f"{num(total)}%", ranks[i]])
        ws.cell(ws.max_row, 8, grades.grade_of(total).upper())
    n = len(rows)
    means = [sum(r[k] for r in rows) / n for k in (1, 2, 3)]
    ws.append([None, "Giá trị trung bình", *(num(m) for m in means), f"{num(means[2])}%"])
    districts._signature_block(ws)
    wb.save(folder / f"Ket qua Chi so CCHC cac huyen {year}.xlsx")


# ---------------------------------------------------------------- all of it


def generate(raw_dir: Path, seed: int = 2024) -> list[Path]:
    """Write the provinces' group-years under raw_dir (and Lam Sơn's names list beside it); the folders."""
    raw_dir = Path(raw_dir)
    jobs = [(LAM_SON, year, write_lam_son_year) for year in (2024, 2025, 2026)]
    jobs += [(LAI_CHAU, year, write_lai_chau_year) for year in (2023, 2024)]
    folders = []
    for group, year, writer in jobs:
        folder = raw_dir / group / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        writer(folder, year, seed)
        folders.append(folder)
    atomic_write_text(raw_dir / LAM_SON / SETTINGS_FILE, SETTINGS_TOML)
    atomic_write_text(raw_dir / LAI_CHAU / SETTINGS_FILE, districts.SAMPLE_SETTINGS_TOML)
    write_lam_son_names(raw_dir.parent / "names" / f"{LAM_SON_SLUG}.csv", seed)
    return folders
