"""A hand-made province of seven units in two blocks (phường; xã and đặc khu), shared by the tests of blocks,
standing and the report's wording at province level."""

from pipeline.model import measures
from pipeline.model.settings import Block, Settings
from tests.helpers.tables import fields_only

# Two fields of max 5, total max 10 (index = total x 10):
#   phường  An Bình 4,5+4,5 = 9   Bắc Sơn 4+4 = 8      Cát Lộc 3,5+3,5 = 7
#   xã      Đông Hải 4,5+4,5 = 9  Gia Lâm 4+3,5 = 7,5  Hạ Long (đặc khu) 3+3 = 6   Kim Sơn 2,5+2 = 4,5
# One ranking: An Bình 1, Đông Hải 1 (tie across the blocks), Bắc Sơn 3, Gia Lâm 4, Cát Lộc 5, Hạ Long 6, Kim Sơn 7.
# Blocks: phường An Bình 1, Bắc Sơn 2, Cát Lộc 3; xã + đặc khu Đông Hải 1, Gia Lâm 2, Hạ Long 3, Kim Sơn 4.
# Grades (90 / 80 / 70 / 50): An Bình, Đông Hải Xuất sắc; Bắc Sơn Tốt; Cát Lộc, Gia Lâm Khá; Hạ Long Trung bình;
# Kim Sơn Yếu.
TOTALS = {
    "An Bình": (4.5, 4.5),
    "Bắc Sơn": (4, 4),
    "Cát Lộc": (3.5, 3.5),
    "Đông Hải": (4.5, 4.5),
    "Gia Lâm": (4, 3.5),
    "Hạ Long": (3, 3),
    "Kim Sơn": (2.5, 2),
}
TYPES = {"An Bình": "phường", "Bắc Sơn": "phường", "Cát Lộc": "phường", "Hạ Long": "đặc khu"}  # others xã
BY_TYPE = Settings(
    file="Tỉnh Thử/report.toml",
    blocks=(Block("Khối phường", types=("phường",)), Block("Khối xã, đặc khu", types=("xã", "đặc khu"))),
)


def scores(totals=TOTALS, types=TYPES, year=2025):
    table = fields_only(totals, year)
    return table.assign(unit_type=table["unit"].map(lambda u: types.get(u, "xã")))


def units(totals=TOTALS, types=TYPES, year=2025):
    return measures.units_table(scores(totals, types, year))


def by_name(frame, column):
    return dict(zip(frame["name"], frame[column], strict=True))
