"""A small province with a phường and a xã of the same name (Tân Phú), as mergers leave them: two years of
a summary table, two blocks. Hand-worked expectations in the tests that use it."""

from pathlib import Path

from tests.helpers.sheets import write_summary

HEADER = ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)"]
# 2024: phường Tân Phú 8, phường Bắc Sơn 9, xã Tân Phú 10, xã An Bình 6
# 2025: phường Tân Phú 10, phường Bắc Sơn 8, xã Tân Phú 6, xã An Bình 9
SCORES = {
    2024: [("Phường Tân Phú", 4, 4), ("Phường Bắc Sơn", 5, 4), ("Xã Tân Phú", 5, 5), ("Xã An Bình", 3, 3)],
    2025: [("Phường Tân Phú", 5, 5), ("Phường Bắc Sơn", 4, 4), ("Xã Tân Phú", 3, 3), ("Xã An Bình", 4, 5)],
}
GROUP = "Tỉnh Thử Nghiệm"
SETTINGS = """[body]
level = "province"
kind = "tỉnh"
name = "Thử Nghiệm"

[[block]]
name = "Khối phường"
types = ["phường"]

[[block]]
name = "Khối xã"
types = ["xã"]
"""


def write(raw: Path) -> Path:
    """The province's two years under raw/<GROUP>/<year>/, and its report.toml; the group's folder."""
    group = raw / GROUP
    for year, rows in SCORES.items():
        lines = [[i, name, a, b] for i, (name, a, b) in enumerate(rows, 1)]
        write_summary(group / str(year) / f"Chi so CCHC {year}.xlsx", HEADER, lines)
    (group / "report.toml").write_text(SETTINGS, encoding="utf-8")
    return group
