"""Hand-made tidy tables, and reading a folder of sheets into one, for the unit tests."""

from pathlib import Path

import pandas as pd

from pipeline.core.errors import ProblemLog
from pipeline.read import clean, ingest, layout
from pipeline.read.names import NameList
from pipeline.read.schema import COLUMNS

KEY = ["unit", "code", "level", "field", "max", "self_score", "score", "reason"]


def tidy_of(folder: Path, names: NameList | None = None) -> tuple[pd.DataFrame, ProblemLog]:
    problems = ProblemLog()
    dy = layout.DistrictYear("Thử Nghiệm", 2023, folder)
    return clean.tidy(dy, ingest.read_folder(folder, problems, dy.district), problems, names), problems


def an_binh_expected() -> pd.DataFrame:
    rows = [  # unit, code, level, field, max, self, appraised, reason
        ("An Bình", "1", 1, "1", 5.0, 5.0, 4.0, None),
        ("An Bình", "1.1", 2, "1", 2.0, 2.0, 2.0, None),
        ("An Bình", "1.2", 2, "1", 3.0, 3.0, 2.0, "Báo cáo chậm"),
        ("An Bình", "2", 1, "2", 5.0, 5.0, 4.0, None),
        ("An Bình", "2.1", 2, "2", 5.0, 5.0, 4.0, None),
        ("An Bình", "2.1.1", 3, "2", 2.0, 2.0, 2.0, None),
        ("An Bình", "2.1.2", 3, "2", 3.0, 3.0, 2.0, "Thiếu cập nhật"),
    ]
    return pd.DataFrame(rows, columns=KEY)


AN_BINH = dict(
    i1=2, i2=2, a=2, b=2, self_scores=(2, 3, 2, 3), reasons={"1.2": "Báo cáo chậm", "2.1.2": "Thiếu cập nhật"}
)


def _as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns with None for missing, so a typed table compares with a hand-written one."""
    frame = frame[KEY].reset_index(drop=True)
    return frame.astype(object).where(frame.notna().values, None)


def assert_tidy_equal(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(_as_objects(actual), _as_objects(expected), check_dtype=False)


def scores_table(rows, year=2023):
    """rows: (unit, code, max, score, self_score, reason); the rest is derived as the reader does."""
    records = []
    codes = {(unit, code) for unit, code, *_ in rows}
    for unit, code, maximum, score, self_score, reason in rows:
        records.append(
            {
                "district": "Thử Nghiệm",
                "year": year,
                "unit": unit,
                "unit_type": "xã",
                "code": code,
                "level": code.count(".") + 1,
                "field": code.split(".")[0],
                "name": f"Tiêu chí {code}",
                "max": maximum,
                "max_applicable": maximum,
                "applicable": True,
                "leaf": not any(u == unit and c.startswith(code + ".") for u, c in codes),
                "self_score": self_score,
                "score": score,
                "reason": reason,
                "file": "f.xlsx",
                "sheet": "S",
                "row": 1,
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def fields_only(totals: dict[str, tuple[float, float]], year=2023):
    """Two fields of max 5 each; totals: unit -> (field 1, field 2)."""
    rows = []
    for unit, (f1, f2) in totals.items():
        rows += [(unit, "1", 5.0, f1, None, None), (unit, "2", 5.0, f2, None, None)]
    return scores_table(rows, year)


# An Bình: I = 2 + 2 = 4, II = 2.1 (a 2 + b 2) = 4, total 8, self 10
# Bình Minh: I = 1 + 3 = 4, II = 2 + 3 = 5, total 9, self 10
# Cát Lộc: I = 2 + 3 = 5, II = 1 + 2 = 3, total 8, self 8
DETAIL = scores_table(
    [
        ("An Bình", "1", 5, 4, 5, None),
        ("An Bình", "1.1", 2, 2, 2, None),
        ("An Bình", "1.2", 3, 2, 3, "Báo cáo chậm"),
        ("An Bình", "2", 5, 4, 5, None),
        ("An Bình", "2.1", 5, 4, 5, None),
        ("An Bình", "2.1.1", 2, 2, 2, None),
        ("An Bình", "2.1.2", 3, 2, 3, "Thiếu cập nhật"),
        ("Bình Minh", "1", 5, 4, 5, None),
        ("Bình Minh", "1.1", 2, 1, 2, "Thiếu kế hoạch"),
        ("Bình Minh", "1.2", 3, 3, 3, None),
        ("Bình Minh", "2", 5, 5, 5, None),
        ("Bình Minh", "2.1", 5, 5, 5, None),
        ("Bình Minh", "2.1.1", 2, 2, 2, None),
        ("Bình Minh", "2.1.2", 3, 3, 3, None),
        ("Cát Lộc", "1", 5, 5, 5, None),
        ("Cát Lộc", "1.1", 2, 2, 2, None),
        ("Cát Lộc", "1.2", 3, 3, 3, None),
        ("Cát Lộc", "2", 5, 3, 3, None),
        ("Cát Lộc", "2.1", 5, 3, 3, None),
        ("Cát Lộc", "2.1.1", 2, 1, 1, "Niêm yết thiếu"),
        ("Cát Lộc", "2.1.2", 3, 2, 2, "Thiếu cập nhật"),
    ]
)


def with_not_applicable() -> pd.DataFrame:
    """Two fields of 5 points: 1.1 (5); 2.1 (3) and 2.2 (2). Criterion 2.2 does not apply to An Bình.

    An Bình: 4.5 + 3 = 7.5 of 8 -> index 93.75%; field 2: 3 of an applicable 3 (full marks).
    Bình Minh: 4.5 + (2.7 + 1.5) = 8.7 of 10 -> 87%.   Cát Lộc: 5 + (2 + 1.5) = 8.5 of 10 -> 85%.
    On points: Bình Minh 1, Cát Lộc 2, An Bình 3. On the index: An Bình 1, Bình Minh 2, Cát Lộc 3.
    """
    rows = []
    for unit, c11, c21, c22 in (("An Bình", 4.5, 3, None), ("Bình Minh", 4.5, 2.7, 1.5), ("Cát Lộc", 5, 2, 1.5)):
        f2 = c21 + (c22 or 0)
        rows += [(unit, "1", 5, c11, c11, None), (unit, "1.1", 5, c11, c11, None)]
        rows += [(unit, "2", 5, f2, f2, None), (unit, "2.1", 3, c21, c21, None), (unit, "2.2", 2, c22, c22, None)]
    table = scores_table(rows)
    na = (table["unit"] == "An Bình") & (table["code"] == "2.2")
    table.loc[na, ["applicable", "max_applicable"]] = [False, 0.0]
    table.loc[(table["unit"] == "An Bình") & (table["code"] == "2"), "max_applicable"] = 3.0
    return table
