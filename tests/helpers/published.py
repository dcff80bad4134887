"""A summary table laid out as a province publishes it, written by hand in every format the reader takes.

Lai Châu's ranking of its districts, appraised part (max 60) + survey part (max 30) = 90:

    unit                 appraised  survey  total   index = total / 90 x 100   rank  grade (default bands)
    Thành phố Lai Châu   55,20      27,30   82,50   91,67%                     1     Xuất sắc (>= 90)
    Huyện Tam Đường      52,10      26,00   78,10   86,78%                     2     Tốt (80 - 90)
    Huyện Phong Thổ      50,00      25,50   75,50   83,89%                     3     Tốt
    Huyện Sìn Hồ         49,40      26,10   75,50   83,89%                     3     Tốt (tie: 1, 2, 3, 3, 5)
    Huyện Nậm Nhùn       44,00      19,00   63,00   70,00%                     5     Khá (70 - 80)
    Huyện Mường Tè       40,00      18,50   58,50   65,00%                     6     Trung bình (50 - 70)

Grade counts: 1 Xuất sắc, 3 Tốt, 1 Khá, 1 Trung bình, 0 Yếu.
The published average row: appraised 290,70 / 6 = 48,45; survey 142,40 / 6 = 23,73 (23,7333);
total 433,10 / 6 = 72,18 (72,1833); index 72,1833 / 90 x 100 = 80,20%.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import xlwt
from openpyxl import Workbook

HEADER = [
    "STT",
    "HUYỆN, THỊ XÃ, THÀNH PHỐ",
    "Điểm thẩm định (60)",
    "Điểm điều tra xã hội học (30)",
    "Tổng điểm (90)",
    "Chỉ số CCHC - PAR INDEX",
    "Xếp hạng",
    "Xếp loại",
]
UNITS = [
    (1, "Thành phố Lai Châu", "55,20", "27,30", "82,50", "91,67%", 1, "Xuất sắc"),
    (2, "Huyện Tam Đường", "52,10", "26,00", "78,10", "86,78%", 2, "Tốt"),
    (3, "Huyện Phong Thổ", "50,00", "25,50", "75,50", "83,89%", 3, "Tốt"),
    (4, "Huyện Sìn Hồ", "49,40", "26,10", "75,50", "83,89%", 3, "Tốt"),
    (5, "Huyện Nậm Nhùn", "44,00", "19,00", "63,00", "70,00%", 5, "Khá"),
    (6, "Huyện Mường Tè", "40,00", "18,50", "58,50", "65,00%", 6, "Trung bình"),
]
AVERAGE = [None, "Giá trị trung bình", "48,45", "23,73", "72,18", "80,20%", None, None]

# Expected, by hand (module docstring).
TOTALS = {
    "Lai Châu": 82.5,
    "Tam Đường": 78.1,
    "Phong Thổ": 75.5,
    "Sìn Hồ": 75.5,
    "Nậm Nhùn": 63.0,
    "Mường Tè": 58.5,
}
RANKS = {"Lai Châu": 1, "Tam Đường": 2, "Phong Thổ": 3, "Sìn Hồ": 3, "Nậm Nhùn": 5, "Mường Tè": 6}
GRADE_COUNTS = {"Xuất sắc": 1, "Tốt": 3, "Khá": 1, "Trung bình": 1, "Yếu": 0}


def lines(header=HEADER, units=UNITS, average=AVERAGE) -> list[list]:
    """The sheet as the province's office types it: title lines, the table, the average, a signature."""
    return [
        ["UBND TỈNH LAI CHÂU"],
        ["KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC HUYỆN, THÀNH PHỐ"],
        [],
        list(header),
        *[list(u) for u in units],
        list(average),
        [],
        [None, "TM. HỘI ĐỒNG THẨM ĐỊNH"],
    ]


def write(folder: Path, fmt: str, grid: list[list] | None = None, name: str = "ket_qua_2023") -> Path:
    """The table as .xlsx, .xls, .ods or .csv (semicolons, UTF-8 with BOM)."""
    grid = lines() if grid is None else grid
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.{fmt}"
    if fmt == "xlsx":
        wb = Workbook()
        for line in grid:
            wb.active.append(line)
        wb.save(path)
    elif fmt == "xls":
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Tổng hợp")
        for r, line in enumerate(grid):
            for c, value in enumerate(line):
                if value is not None:
                    sheet.write(r, c, value)
        book.save(str(path))
    elif fmt == "ods":
        width = max(len(line) for line in grid)
        padded = [line + [None] * (width - len(line)) for line in grid]
        pd.DataFrame(padded).to_excel(path, engine="odf", header=False, index=False)
    elif fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(grid)
    else:
        raise ValueError(fmt)
    return path


# A province's 21 departments as it publishes them (the shape of issue 25): "TT", "Tên đơn vị", "Điểm đánh giá"
# with three decimals and a decimal comma, "Vị thứ", "Xếp loại"; no maximum printed (the index is out of 100).
# Grades by the default bands (Xuất sắc >= 90, Tốt >= 80, Khá >= 70, Trung bình >= 50):
#     ranks 1-5 Xuất sắc (97,685 … 90,681), 6-15 Tốt (89,990 … 80,000), 16-19 Khá (79,990 … 71,200),
#     20-21 Trung bình (68,905, 55,540): 5 + 10 + 4 + 2 = 21.
# Ban Dân tộc tỉnh 90,684 and Sở Tài chính 90,681 are both 90,68 at two decimals: ranked 4 and 5 on three.
# Sở Y tế and Sở Công Thương tie at 85,250: both 10th, then 12.
DEPARTMENTS = [
    (1, "Văn phòng UBND tỉnh", "97,685", 1, "Xuất sắc"),
    (2, "Thanh tra tỉnh", "95,120", 2, "Xuất sắc"),
    (3, "Sở Tư pháp", "92,415", 3, "Xuất sắc"),
    (4, "Ban Dân tộc tỉnh", "90,684", 4, "Xuất sắc"),
    (5, "Sở Tài chính", "90,681", 5, "Xuất sắc"),
    (6, "Sở Nội vụ", "89,990", 6, "Tốt"),
    (7, "Sở Lao động - Thương binh và Xã hội", "88,300", 7, "Tốt"),
    (8, "Sở Giao thông Vận tải", "87,125", 8, "Tốt"),
    (9, "Sở Xây dựng", "86,002", 9, "Tốt"),
    (10, "Sở Y tế", "85,250", 10, "Tốt"),
    (11, "Sở Công Thương", "85,250", 10, "Tốt"),
    (12, "Ban Quản lý Khu Kinh tế, công nghiệp tỉnh", "84,709", 12, "Tốt"),
    (13, "Sở Ngoại vụ", "83,333", 13, "Tốt"),
    (14, "Sở Giáo dục và Đào tạo", "81,870", 14, "Tốt"),
    (15, "Sở Khoa học và Công nghệ", "80,000", 15, "Tốt"),
    (16, "Sở Kế hoạch và Đầu tư", "79,990", 16, "Khá"),
    (17, "Sở Tài nguyên và Môi trường", "77,450", 17, "Khá"),
    (18, "Sở Nông nghiệp và Phát triển nông thôn", "74,015", 18, "Khá"),
    (19, "Sở Văn hóa, Thể thao và Du lịch", "71,200", 19, "Khá"),
    (20, "Sở Thông tin và Truyền thông", "68,905", 20, "Trung bình"),
    (21, "Sở Du lịch", "55,540", 21, "Trung bình"),
]
DEPARTMENT_GRADES = {"Xuất sắc": 5, "Tốt": 10, "Khá": 4, "Trung bình": 2, "Yếu": 0}
DEPARTMENT_HEADER = ["TT", "Tên đơn vị", "Điểm đánh giá", "Vị thứ", "Xếp loại"]


def department_lines(header=DEPARTMENT_HEADER, units=DEPARTMENTS, second_header_row: list | None = None) -> list[list]:
    """The departments' table under the province's title lines, a second header line when given."""
    return [
        ["UBND TỈNH LAM SƠN"],
        ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH"],
        [],
        list(header),
        *([list(second_header_row)] if second_header_row else []),
        *[list(u) for u in units],
        [],
        [None, "KT. CHỦ TỊCH"],
    ]
