"""A corpus of bad input, one district folder per case, each with the outcome the README documents.

    python -m tests.helpers.bad_inputs DIR      # writes the corpus to DIR/<district>/<year>/

outcome: "error" (the district-year is not built; the message names the file and, where there is
one, the row), "warning" (built, the warning is in the report), "ok" (built, nothing to say), or
"skipped" (the folder is not a district-year: logged, nothing built).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook, load_workbook

from pipeline.read.legacy import encode_tcvn3, encode_vni
from tests.helpers.sheets import HEADER_2_ROWS, add_detail_sheet, detail_rows, write_detail

YEAR = 2023
TITLE = "UBND XÃ AN BÌNH"


@dataclass(frozen=True)
class Case:
    district: str
    outcome: str  # error, warning, ok, skipped
    message: str  # a piece of the message the user sees
    file: str = ""  # the file the message names
    row: int | None = None  # the row it names


def rows(**kw) -> list[list]:
    return detail_rows(**({"i1": 2, "i2": 2, "a": 2, "b": 2} | kw))


def folder(raw: Path, case: Case) -> Path:
    path = raw / case.district / str(YEAR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _workbook_bytes(grid=None, title=TITLE) -> bytes:
    wb = Workbook()
    add_detail_sheet(wb.active, title, grid or rows())
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _with_cached_values(xlsx: Path, values: dict[str, float]) -> None:
    """Store results for formula cells, as Excel does when it saves (openpyxl writes none)."""
    with zipfile.ZipFile(xlsx) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        # an empty <v/>, or <v></v> when openpyxl writes through lxml
        xml = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*(?:/>|></v>)', rf"\g<1><v>{value}</v>", xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


# Row numbers: tests/helpers/sheets.add_detail_sheet writes 3 title lines, a blank line and a two-row header,
# so the table starts at row 7: field I (7), 1.1 (8), 1.2 (9), field II (10), 2.1 (11), a (12), b (13).
CASES: list[Case] = [
    Case("Lỗi 01 tệp rỗng", "error", "the file is empty (0 bytes)", "an_binh.xlsx"),
    Case("Lỗi 02 tệp cắt cụt", "error", "cannot be read as a spreadsheet", "an_binh.xlsx"),
    Case("Lỗi 03 tệp hỏng", "error", "cannot be read as a spreadsheet", "an_binh.xlsx"),
    Case("Lỗi 04 csv là excel", "warning", "really an Excel workbook", "an_binh.csv"),
    Case("Lỗi 05 có mật khẩu", "error", "password-protected", "an_binh.xlsx"),
    Case("Lỗi 06 không có tiêu đề cột", "error", "no recognisable header", "an_binh.xlsx"),
    Case("Lỗi 07 thiếu cột điểm tối đa", "error", "has no maximum column", "an_binh.xlsx"),
    Case("Lỗi 08 thiếu cột điểm thẩm định", "error", "has no appraised-score column", "an_binh.xlsx"),
    Case("Lỗi 09 điểm không phải số", "error", "a score must be a number", "an_binh.xlsx", 9),
    Case("Lỗi 10 điểm âm", "error", "must not be negative", "an_binh.xlsx", 9),
    Case("Lỗi 11 điểm vượt tối đa", "error", "score above its maximum", "an_binh.xlsx", 8),
    Case("Lỗi 12 trùng đơn vị", "error", "the same unit appears twice", "an_binh_2.xlsx", 7),
    Case("Lỗi 13 điểm tối đa khác nhau", "error", "same criteria set", "binh_minh.xlsx", 8),
    Case("Lỗi 14 thư mục năm sai", "skipped", "a year folder is named by the year alone"),
    Case("Lỗi 15 không có bảng điểm", "skipped", "no score sheet"),
    Case("Lỗi 16 bảng mã TCVN3", "warning", "legacy TCVN3", "an_binh.xlsx"),
    Case("Lỗi 17 bảng mã VNI", "warning", "legacy VNI", "an_binh.xlsx"),
    Case("Lỗi 18 tệp 50 MB", "error", "the limit is 20 MB", "an_binh.csv"),
    Case("Lỗi 19 sổ 500 trang", "warning", "without a table of scores were ignored (499 sheets", "an_binh.xlsx"),
    Case("Lỗi 20 công thức có kết quả", "ok", ""),
    Case("Lỗi 21 công thức chưa tính", "error", "formula with no saved result", "an_binh.xlsx", 8),
    Case("Lỗi 22 trang ẩn", "warning", "hidden sheets were ignored", "an_binh.xlsx"),
    Case("Lỗi 23 dòng ẩn", "ok", ""),
    Case("Lỗi 24 ngày tháng thay cho số", "error", "a score must be a number", "an_binh.xlsx", 9),
    Case("Lỗi 25 chỉ có tiêu đề", "error", "no scores found", "an_binh.xlsx"),
    Case("Lỗi 26 điểm kèm chữ", "error", "a score must be a number", "an_binh.xlsx", 12),
    Case("Lỗi 27 mã sai vị trí", "error", "code out of place", "an_binh.xlsx", 7),
    Case("Lỗi 28 csv không phải UTF-8", "error", "must be UTF-8", "an_binh.csv"),
]


def write_case(raw: Path, case: Case) -> None:
    number = int(case.district.split()[1])
    WRITERS[number](raw, case)


def _empty(raw, case):
    (folder(raw, case) / "an_binh.xlsx").write_bytes(b"")


def _truncated(raw, case):
    (folder(raw, case) / "an_binh.xlsx").write_bytes(_workbook_bytes()[:700])


def _random(raw, case):
    (folder(raw, case) / "an_binh.xlsx").write_bytes(bytes(range(256)) * 40)


def _csv_is_excel(raw, case):
    (folder(raw, case) / "an_binh.csv").write_bytes(_workbook_bytes())


def _password(raw, case):
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(_workbook_bytes())).encrypt("mật khẩu", encrypted)
    (folder(raw, case) / "an_binh.xlsx").write_bytes(encrypted.getvalue())


def _no_header(raw, case):
    header = [["Số", "Việc", "A", "B", "C", "D"]]
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, rows(), header=header)


def _missing_max(raw, case):
    header = [["STT", "Tiêu chí", "Điểm tự đánh giá", "Điểm thẩm định", "Lý do trừ điểm"]]
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, [r[:2] + r[3:] for r in rows()], header=header)


def _missing_appraised(raw, case):
    header = [["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Lý do trừ điểm"]]
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, [r[:4] + r[5:] for r in rows()], header=header)


def _cell(raw, case, row_index, value, column=4):
    grid = rows()
    grid[row_index][column] = value
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, grid)


def _duplicated(raw, case):
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, rows())
    write_detail(folder(raw, case) / "an_binh_2.xlsx", "UBND xã An Bình", rows())


def _maxima(raw, case):
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, rows())
    write_detail(folder(raw, case) / "cat_loc.xlsx", "UBND XÃ CÁT LỘC", rows())
    odd = rows()
    odd[1][2] = 2.5
    write_detail(folder(raw, case) / "binh_minh.xlsx", "UBND XÃ BÌNH MINH", odd)


def _year_not_a_year(raw, case):
    write_detail(raw / case.district / f"{YEAR} (bản cũ)" / "an_binh.xlsx", TITLE, rows())


def _no_sheets(raw, case):
    (folder(raw, case) / "ghi_chu.docx").write_bytes(b"not a sheet")


def _legacy(raw, case, encode):
    grid = [[encode(v) if isinstance(v, str) else v for v in r] for r in rows(reasons={"1.2": "Báo cáo chậm"})]
    header = [[encode(v) if isinstance(v, str) else v for v in r] for r in HEADER_2_ROWS]
    write_detail(folder(raw, case) / "an_binh.xlsx", encode(TITLE), grid, header=header)


def _big(raw, case):
    line = "1;Tiêu chí;2;2;2;ghi chú " + "x" * 200 + "\n"
    with (folder(raw, case) / "an_binh.csv").open("w", encoding="utf-8") as handle:
        handle.write("STT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá;Điểm thẩm định;Ghi chú\n")
        handle.write(line * (50 * 2**20 // len(line.encode()) + 1))


def _500_tabs(raw, case):
    wb = Workbook()
    add_detail_sheet(wb.active, TITLE, rows())
    for i in range(499):
        wb.create_sheet(f"Ghi chú {i + 1}").append([f"Hướng dẫn số {i + 1}"])
    wb.save(folder(raw, case) / "an_binh.xlsx")


def _formulas(raw, case, cached: bool):
    grid = rows()
    grid[0][4] = "=E8+E9"  # field I = 1.1 + 1.2
    grid[1][4] = "=1+1"  # 1.1 appraised
    path = folder(raw, case) / "an_binh.xlsx"
    write_detail(path, TITLE, grid)
    if cached:
        _with_cached_values(path, {"E7": 4, "E8": 2})


def _hidden_sheet(raw, case):
    wb = Workbook()
    add_detail_sheet(wb.active, TITLE, rows())
    old = wb.create_sheet("Bản cũ")
    add_detail_sheet(old, TITLE, rows(i1=0))  # last year's copy: would be a duplicate if read
    old.sheet_state = "hidden"
    wb.save(folder(raw, case) / "an_binh.xlsx")


def _hidden_row(raw, case):
    path = folder(raw, case) / "an_binh.xlsx"
    write_detail(path, TITLE, rows())
    wb = load_workbook(path)
    wb.active.row_dimensions[9].hidden = True  # criterion 1.2: hidden rows are read like the others
    wb.save(path)


def _header_only(raw, case):
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, [[None, "Tổng cộng", 10, 0, 0]])


def _code_out_of_place(raw, case):
    grid = rows()
    grid[0][0] = "1"  # with roman fields elsewhere, "1" is a criterion: here before any field
    write_detail(folder(raw, case) / "an_binh.xlsx", TITLE, grid)


def _csv_not_utf8(raw, case):
    (folder(raw, case) / "an_binh.csv").write_bytes("STT;Điểm tối đa;Điểm thẩm định\n".encode("utf-16"))


WRITERS = {
    1: _empty,
    2: _truncated,
    3: _random,
    4: _csv_is_excel,
    5: _password,
    6: _no_header,
    7: _missing_max,
    8: _missing_appraised,
    9: lambda r, c: _cell(r, c, 2, "hai"),
    10: lambda r, c: _cell(r, c, 2, -1),
    11: lambda r, c: _cell(r, c, 1, 3),
    12: _duplicated,
    13: _maxima,
    14: _year_not_a_year,
    15: _no_sheets,
    16: lambda r, c: _legacy(r, c, encode_tcvn3),
    17: lambda r, c: _legacy(r, c, encode_vni),
    18: _big,
    19: _500_tabs,
    20: lambda r, c: _formulas(r, c, cached=True),
    21: lambda r, c: _formulas(r, c, cached=False),
    22: _hidden_sheet,
    23: _hidden_row,
    24: lambda r, c: _cell(r, c, 2, dt.datetime(2023, 3, 2)),
    25: _header_only,
    26: lambda r, c: _cell(r, c, 5, "2 điểm"),
    27: _code_out_of_place,
    28: _csv_not_utf8,
}


def write_all(raw: Path) -> None:
    for case in CASES:
        write_case(raw, case)


if __name__ == "__main__":
    write_all(Path(sys.argv[1]))
    print(f"wrote {len(CASES)} cases under {sys.argv[1]}")
