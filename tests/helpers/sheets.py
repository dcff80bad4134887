"""Hand-made score sheets for tests: tiny, written cell by cell, so expected values are worked out by hand.

The criteria set of every detail sheet here:
    I   Chỉ đạo, điều hành (5)         1 Kế hoạch CCHC (2), 2 Báo cáo CCHC (3)
    II  Cải cách TTHC (5)              1 Công khai TTHC (5): a Niêm yết (2), b Cập nhật (3)
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADER_2_ROWS = [
    ["STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Kết quả chấm điểm", None, "Lý do trừ điểm"],
    [None, None, None, "Điểm tự đánh giá", "Điểm thẩm định", None],
]


def detail_rows(i1, i2, a, b, self_scores=None, reasons=None) -> list[list]:
    """Rows of one unit's table from its appraised leaf scores (I.1, I.2, II.1.a, II.1.b)."""
    self_scores = self_scores or (i1, i2, a, b)
    reasons = reasons or {}
    s1, s2, sa, sb = self_scores
    return [
        ["I", "CHỈ ĐẠO, ĐIỀU HÀNH", 5, s1 + s2, i1 + i2],
        ["1", "Kế hoạch CCHC", 2, s1, i1, reasons.get("1.1")],
        ["2", "Báo cáo CCHC", 3, s2, i2, reasons.get("1.2")],
        ["II", "CẢI CÁCH TTHC", 5, sa + sb, a + b],
        ["1", "Công khai TTHC", 5, sa + sb, a + b],
        ["a", "Niêm yết", 2, sa, a, reasons.get("2.1.1")],
        ["b", "Cập nhật", 3, sb, b, reasons.get("2.1.2")],
        [None, "Tổng cộng", 10, s1 + s2 + sa + sb, i1 + i2 + a + b],
    ]


def write_detail(
    path: Path,
    unit_title: str | None,
    rows: list[list],
    year: int = 2023,
    header: list[list] = HEADER_2_ROWS,
    sheet: str = "Sheet1",
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    add_detail_sheet(ws, unit_title, rows, year, header)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def add_detail_sheet(ws, unit_title, rows, year=2023, header=HEADER_2_ROWS) -> None:
    ws.append(["UBND HUYỆN THỬ NGHIỆM"])
    if unit_title:
        ws.append([unit_title])
    ws.append([f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM {year}"])
    ws.append([])
    for row in header + rows:
        ws.append(row)
    ws.append([])
    ws.append([None, "TM. HỘI ĐỒNG THẨM ĐỊNH"])


def write_summary(path: Path, header: list, rows: list[list], max_row: list | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["BẢNG TỔNG HỢP KẾT QUẢ CHỈ SỐ CCHC NĂM 2023"])
    ws.append([])
    ws.append(header)
    if max_row:
        ws.append(max_row)
    for row in rows:
        ws.append(row)
    ws.append([])
    ws.append([None, "Người lập biểu"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_small_district(raw: Path) -> None:
    """District "Thử Nghiệm" (detail sheets, 2022 and 2023) and "Tổng Hợp" (summary sheet, 2023).

    Thử Nghiệm 2023, appraised leaves (I.1, I.2, II.1.a, II.1.b) -> fields I, II -> total:
        xã An Bình        2, 2, 2, 2  -> 4, 4 -> 8   self-assessed 10 (all maxima)
        xã Bình Minh      1, 3, 2, 3  -> 4, 5 -> 9   self-assessed 10 (I.1 self 2)
        thị trấn Cát Lộc  2, 3, 1, 2  -> 5, 3 -> 8   self-assessed 8
    Thử Nghiệm 2022: An Bình 10, Cát Lộc 9, Bình Minh 7 (ranks 1, 2, 3).
    Tổng Hợp 2023: xã Đông 4,5 + 4 = 8,5; xã Tây 5 + 4,25 = 9,25; phường Nam 3 + 5 = 8.
    """
    d23 = raw / "Thử Nghiệm" / "2023"
    write_detail(
        d23 / "an_binh.xlsx",
        "UBND XÃ AN BÌNH",
        detail_rows(2, 2, 2, 2, self_scores=(2, 3, 2, 3), reasons={"1.2": "Báo cáo chậm", "2.1.2": "Thiếu cập nhật"}),
    )
    write_detail(
        d23 / "binh_minh.xlsx",
        "UBND xã Bình Minh",
        detail_rows(1, 3, 2, 3, self_scores=(2, 3, 2, 3), reasons={"1.1": "Thiếu kế hoạch"}),
    )
    write_detail(
        d23 / "cat_loc.xlsx",
        "UBND THỊ TRẤN CÁT LỘC",
        detail_rows(2, 3, 1, 2, reasons={"2.1.1": "Niêm yết thiếu", "2.1.2": "Thiếu cập nhật"}),
    )
    d22 = raw / "Thử Nghiệm" / "2022"
    write_detail(d22 / "an_binh.xlsx", "UBND XÃ AN BÌNH", detail_rows(2, 3, 2, 3), year=2022)
    write_detail(
        d22 / "binh_minh.xlsx",
        "UBND XÃ BÌNH MINH",
        detail_rows(0, 3, 2, 2, reasons={"1.1": "Không có kế hoạch"}),
        year=2022,
    )
    write_detail(
        d22 / "cat_loc.xlsx",
        "UBND THỊ TRẤN CÁT LỘC",
        detail_rows(2, 2, 2, 3, reasons={"1.2": "Báo cáo chậm"}),
        year=2022,
    )
    write_summary(
        raw / "Tổng Hợp" / "2023" / "tong_hop.xlsx",
        ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)", "Tổng điểm (10)", "Xếp hạng"],
        [[1, "Xã Đông", "4,5", 4, "8,5", 2], [2, "Xã Tây", 5, "4,25", "9,25", 1], [3, "Phường Nam", 3, 5, 8, 3]],
    )
