"""Real published tables, transcribed cell by cell as published (tests/fixtures/real/*.csv, copied from
the team's ../shared/real/, where each has a .md with its source and what it states), turned into sheets.

Each table is written as an .xlsx with the cells of its CSV as published (text, decimal commas, "%"), under
a title line, the way an office pastes a portal's table into a workbook; `SOURCES` gives its source line.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"

SOURCES = {
    "vinh-phuc-2019-departments": (
        "Cổng TTĐT tỉnh Vĩnh Phúc, 'Công bố xếp hạng Chỉ số cải cách hành chính năm 2019', 28/04/2020 "
        "(Quyết định số 1007/QĐ-UBND ngày 24/4/2020), group 2: sở, ban, ngành, rows 1-17 of 20 "
        "https://vinhphuc.gov.vn/ct/cms/thongbao/Lists/ThongBao/View_detail.aspx?ItemID=2386"
    ),
    "vinh-phuc-2019-central-agencies": (
        "same page as vinh-phuc-2019-departments, group 1: cơ quan Trung ương đóng trên địa bàn tỉnh, 5 rows as "
        "printed (the province counts 6)"
    ),
    "lai-chau-2021-tthc-quality-departments": (
        "Lai Châu public-service portal, 'BÁO CÁO ĐÁNH GIÁ CHẤT LƯỢNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM 2021 TỈNH "
        "LAI CHÂU', section I. Cấp tỉnh (15 departments; not the CCHC index) "
        "https://dichvucong.laichau.gov.vn/tttl/12/UBNDTP/hoso/2021/12/"
        "KET%20QUA%20TIEP%20NHAN%20HO%20SO%20VA%20TRA%20KET%20QUA%20THANG%20CHUAN_1640859431.html"
    ),
    "huong-thuy-2016-communes-grades": (
        "Cổng TTĐT xã Phú Sơn (TX Hương Thủy), 'Xã Phú Sơn dẫn đầu về cải cách hành chính trong năm 2016' "
        "https://phuson.thuathienhue.gov.vn/?gd=4&cn=121&tc=1304 (a statement turned into a list: grades only)"
    ),
    "thua-thien-hue-2020-egov-districts-readiness": (
        "Cổng TTĐT huyện Nam Đông, 'Quyết định về việc công nhận Kết quả đánh giá, xếp hạng mức độ chính quyền "
        "điện tử cấp tỉnh, cấp huyện năm 2020', part 1 (9 of 9 districts; not the CCHC index) "
        "https://namdong.thuathienhue.gov.vn/?gd=27&cn=1132&tc=27310"
    ),
    "thua-thien-hue-2020-egov-districts-results-partial": (
        "same page as thua-thien-hue-2020-egov-districts-readiness, part 2 (rows 1-3 of 9)"
    ),
    "par-index-2023-regions": "PAR Index 2023 of the Ministry of Home Affairs: the six regions' averages, with a tie",
}

TITLE = "KẾT QUẢ XẾP HẠNG (bảng sao từ cổng thông tin điện tử)"


def rows(name: str) -> list[list[str]]:
    """The table's cells as published, empty cells as None."""
    with (FIXTURES / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [[value if value != "" else None for value in row] for row in csv.reader(handle)]


def write(folder: Path, name: str, title: bool = True) -> Path:
    """The table as an .xlsx in `folder`: its cells as published, under a title line and a blank row when
    `title`, so that its header is Excel's row 3 (else row 1)."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([TITLE])
        sheet.append([])
    for row in rows(name):
        sheet.append(row)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.xlsx"
    workbook.save(path)
    return path
