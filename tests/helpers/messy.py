"""A corpus of messy score sheets: the same unit (An Bình, tests/helpers/sheets.py) written with one quirk each.

Every variant must clean to the same tidy table as the clean twin, read with a names list holding An Bình;
`QUIRKS` maps a quirk's name to (writer, the warnings it should raise). Run this file to write the whole
corpus to a folder:
    python -m tests.helpers.messy /tmp/corpus
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import xlwt
from openpyxl import Workbook

from tests.helpers.sheets import HEADER_2_ROWS, add_detail_sheet, detail_rows, write_detail

AN_BINH = dict(
    i1=2, i2=2, a=2, b=2, self_scores=(2, 3, 2, 3), reasons={"1.2": "Báo cáo chậm", "2.1.2": "Thiếu cập nhật"}
)
TITLE = "UBND XÃ AN BÌNH"


def rows() -> list[list]:
    return detail_rows(**AN_BINH)


def _text_numbers(grid: list[list], decimal: str = ",") -> list[list]:
    return [[f"{v:g}".replace(".", decimal) if isinstance(v, int | float) else v for v in row] for row in grid]


def _table(header=HEADER_2_ROWS, grid=None, title=TITLE) -> list[list]:
    """The whole sheet as rows: title lines, header, table, notes; as sheets.add_detail_sheet writes it."""
    lines = [["UBND HUYỆN THỬ NGHIỆM"]] + ([[title]] if title else [])
    lines += [["BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2023"], []]
    return lines + header + (grid if grid is not None else rows()) + [[], [None, "TM. HỘI ĐỒNG THẨM ĐỊNH"]]


def _xlsx(folder: Path, lines: list[list], name: str = "an_binh.xlsx", sheet: str = "Sheet1") -> None:
    wb = Workbook()
    wb.active.title = sheet
    for line in lines:
        wb.active.append(line)
    wb.save(folder / name)


# ---------------------------------------------------------------- the quirks


def clean_twin(folder: Path) -> None:
    write_detail(folder / "an_binh.xlsx", TITLE, rows())


def one_row_header_other_wordings(folder: Path) -> None:
    header = [["TT", "Nội dung", "Điểm chuẩn", "Tự chấm", "Kết quả thẩm định", "Ghi chú"]]
    write_detail(folder / "an_binh.xlsx", TITLE, rows(), header=header)


def header_case_spacing_and_no_diacritics(folder: Path) -> None:
    header = [["stt", "LĨNH VỰC,  TIÊU CHÍ", "diem toi da", "Điểm  tự đánh giá", "ĐIỂM THẨM ĐỊNH", "Lý do trừ điểm"]]
    write_detail(folder / "an_binh.xlsx", TITLE, rows(), header=header)


def header_far_below_many_title_lines(folder: Path) -> None:
    _xlsx(folder, [[f"Dòng tiêu đề {i}"] for i in range(12)] + _table())


def table_shifted_one_column_right(folder: Path) -> None:
    _xlsx(folder, [[None, *line] for line in _table()])


def evidence_column_in_the_middle(folder: Path) -> None:
    header = [["STT", "Tiêu chí", "Điểm tối đa", "Tài liệu kiểm chứng", "Tự chấm", "Điểm thẩm định", "Ghi chú"]]
    grid = [row[:3] + ["Có"] + row[3:] for row in rows()]
    write_detail(folder / "an_binh.xlsx", TITLE, grid, header=header)


def dotted_codes(folder: Path) -> None:
    codes = ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", None]
    write_detail(folder / "an_binh.xlsx", TITLE, [[c, *r[1:]] for c, r in zip(codes, rows(), strict=True)])


def dotted_codes_with_lettered_subcriteria(folder: Path) -> None:
    codes = ["1.", "1.1", "1.2", "2.", "2.1", "a)", "b)", None]
    write_detail(folder / "an_binh.xlsx", TITLE, [[c, *r[1:]] for c, r in zip(codes, rows(), strict=True)])


def numbers_as_text_with_decimal_comma(folder: Path) -> None:
    write_detail(folder / "an_binh.xlsx", TITLE, _text_numbers(rows(), ","))


def numbers_as_text_with_decimal_dot(folder: Path) -> None:
    write_detail(folder / "an_binh.xlsx", TITLE, _text_numbers(rows(), "."))


def appraised_written_as_score_over_maximum(folder: Path) -> None:
    grid = [r[:4] + [f"{r[4]:g}/{r[2]:g}"] + r[5:] if r[0] else r for r in rows()]
    write_detail(folder / "an_binh.xlsx", TITLE, grid)


def blank_rows_inside_the_table(folder: Path) -> None:
    grid = [line for row in rows() for line in (row, [])]
    write_detail(folder / "an_binh.xlsx", TITLE, grid)


def notes_with_numbers_after_the_total(folder: Path) -> None:
    grid = rows() + [[], ["1", "Ghi chú: điểm thưởng không tính", 5, 5, 5], ["Người lập biểu"]]
    write_detail(folder / "an_binh.xlsx", TITLE, grid)


def nfd_unicode_everywhere(folder: Path) -> None:
    nfd = [[unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in line] for line in _table()]
    _xlsx(folder, nfd)


def tcvn3_legacy_text(folder: Path) -> None:
    reasons = {"1.2": "B¸o c¸o chËm", "2.1.2": "ThiÕu cËp nhËt"}
    write_detail(folder / "an_binh.xlsx", "UBND X· AN B×NH", detail_rows(**{**AN_BINH, "reasons": reasons}))


def vni_legacy_text(folder: Path) -> None:
    reasons = {"1.2": "Baùo caùo chaäm", "2.1.2": "Thieáu caäp nhaät"}
    write_detail(folder / "an_binh.xlsx", TITLE, detail_rows(**{**AN_BINH, "reasons": reasons}))


def title_with_full_council_name(folder: Path) -> None:
    write_detail(folder / "an_binh.xlsx", "Ủy ban nhân dân xã An Bình", rows())


def title_in_lower_case(folder: Path) -> None:
    write_detail(folder / "an_binh.xlsx", "ubnd xã an bình", rows())


def unit_named_by_its_tab(folder: Path) -> None:
    wb = Workbook()
    add_detail_sheet(wb.active, None, rows())
    wb.active.title = "Xã An Bình"
    wb.create_sheet("Hướng dẫn").append(["Nhập điểm vào cột E"])
    wb.save(folder / "bang_diem.xlsx")


def unit_named_by_its_file(folder: Path) -> None:
    write_detail(folder / "Xã An Bình.xlsx", None, rows())


# ---------------------------------------------------------------- unit names as clerks write them


def _titled(title: str) -> Callable[[Path], None]:
    def writer(folder: Path) -> None:
        write_detail(folder / "an_binh.xlsx", title, rows())

    return writer


def title_sentence_ending_with_the_unit(folder: Path) -> None:
    lines = [
        ["UBND HUYỆN THỬ NGHIỆM"],
        ["BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC CỦA UBND XÃ AN BÌNH NĂM 2023"],
        [],
    ]
    _xlsx(folder, lines + HEADER_2_ROWS + rows())


def title_label_and_name_in_two_cells(folder: Path) -> None:
    _xlsx(
        folder, [["UBND HUYỆN THỬ NGHIỆM"], ["Đơn vị:", None, None, None, None, "Xã An Bình"]] + _table(title=None)[1:]
    )


def _named_file(stem: str) -> Callable[[Path], None]:
    def writer(folder: Path) -> None:
        write_detail(folder / f"{stem}.xlsx", None, rows())

    return writer


def _named_tab(tab: str) -> Callable[[Path], None]:
    def writer(folder: Path) -> None:
        wb = Workbook()
        add_detail_sheet(wb.active, None, rows())
        wb.active.title = tab
        wb.create_sheet("Hướng dẫn").append(["Nhập điểm vào cột E"])
        wb.save(folder / "Bang diem CCHC 2023.xlsx")

    return writer


def title_on_a_tab_of_a_workbook(folder: Path) -> None:
    wb = Workbook()
    add_detail_sheet(wb.active, "Đơn vị: Xã An Bình", rows())
    wb.active.title = "02. Xa An Binh"  # the title line wins over the tab's name
    wb.create_sheet("Hướng dẫn").append(["Nhập điểm vào cột E"])
    wb.save(folder / "Bang diem CCHC 2023.xlsx")


def subtotal_that_disagrees_with_its_items(folder: Path) -> None:
    grid = rows()
    grid[0][4] = 4.5  # field I appraised subtotal; its items sum to 4
    write_detail(folder / "an_binh.xlsx", TITLE, grid)


def total_row_that_disagrees(folder: Path) -> None:
    grid = rows()
    grid[-1][4] = 9  # items sum to 8
    write_detail(folder / "an_binh.xlsx", TITLE, grid)


def csv_semicolons_bom_decimal_commas(folder: Path) -> None:
    with (folder / "an_binh.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(_table(grid=_text_numbers(rows(), ",")))


def csv_commas_without_bom(folder: Path) -> None:
    with (folder / "an_binh.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(_table())


def ods_workbook(folder: Path) -> None:
    lines = _table()
    width = max(len(line) for line in lines)
    padded = [line + [None] * (width - len(line)) for line in lines]
    pd.DataFrame(padded).to_excel(folder / "an_binh.ods", engine="odf", header=False, index=False)


def xls_workbook(folder: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Bảng điểm")
    for r, line in enumerate(_table()):
        for c, value in enumerate(line):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(folder / "an_binh.xls"))


# quirk -> (writer, substrings of the warnings it must raise; none for the others)
QUIRKS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "clean twin": (clean_twin, []),
    "one-row header, other wordings": (one_row_header_other_wordings, []),
    "header case, spacing, no diacritics": (header_case_spacing_and_no_diacritics, []),
    "header far below title lines": (header_far_below_many_title_lines, []),
    "table shifted one column right": (table_shifted_one_column_right, []),
    "evidence column in the middle": (evidence_column_in_the_middle, []),
    "dotted codes": (dotted_codes, []),
    "dotted codes, lettered sub-criteria": (dotted_codes_with_lettered_subcriteria, []),
    "numbers as text, decimal comma": (numbers_as_text_with_decimal_comma, ["typed as text"]),
    "numbers as text, decimal dot": (numbers_as_text_with_decimal_dot, ["typed as text"]),
    "appraised written as score/maximum": (appraised_written_as_score_over_maximum, ["typed as text"]),
    "blank rows inside the table": (blank_rows_inside_the_table, []),
    "notes with numbers after the total": (notes_with_numbers_after_the_total, []),
    "NFD Unicode everywhere": (nfd_unicode_everywhere, []),
    "TCVN3 legacy text": (tcvn3_legacy_text, ["TCVN3"]),
    "VNI legacy text": (vni_legacy_text, ["VNI"]),
    "title with the council's full name": (title_with_full_council_name, []),
    "title in lower case": (title_in_lower_case, []),
    "unit named by its tab": (unit_named_by_its_tab, ["tab or file name", "without a table of scores"]),
    "unit named by its file": (unit_named_by_its_file, ["tab or file name"]),
    # title lines (issue 10, item 1)
    "title 'Đơn vị: Xã …'": (_titled("Đơn vị: Xã An Bình"), []),
    "title 'Tên đơn vị: UBND xã …'": (_titled("Tên đơn vị: UBND xã An Bình"), []),
    "title 'ĐƠN VỊ: UBND XÃ …'": (_titled("ĐƠN VỊ: UBND XÃ AN BÌNH"), []),
    "title 'Cơ quan: …'": (_titled("Cơ quan: Xã An Bình"), []),
    "title 'Xã …' alone": (_titled("Xã An Bình"), []),
    "title 'X. …'": (_titled("X. An Bình"), []),
    "title with the parent body": (_titled("UBND xã An Bình, huyện Thử Nghiệm"), []),
    "title sentence ending with the unit": (title_sentence_ending_with_the_unit, []),
    "title label and name in two cells": (title_label_and_name_in_two_cells, []),
    "title on a tab of a workbook": (title_on_a_tab_of_a_workbook, ["without a table of scores"]),
    # file names (item 2): ASCII names find the list's spelling, and say so
    "file '01_Xa_<ascii>'": (_named_file("01_Xa_An Binh"), ["tab or file name", "write 'An Binh'"]),
    "file 'NN. Xã …'": (_named_file("05. Xã An Bình"), ["tab or file name"]),
    "file 'Xa … - 2023'": (_named_file("Xa An Binh - 2023"), ["tab or file name", "write 'An Binh'"]),
    "file 'xa-…_2023_tham-dinh'": (_named_file("xa-an-binh_2023_tham-dinh"), ["tab or file name", "write 'An Binh'"]),
    "file '… (1)'": (_named_file("An Bình (1)"), ["tab or file name"]),
    "file 'X.…'": (_named_file("X.An Binh"), ["tab or file name", "write 'An Binh'"]),
    "file 'UBND xã … - CCHC final'": (_named_file("UBND xã An Bình - CCHC final"), ["tab or file name"]),
    # tab names (item 2), one tab per unit
    "tab 'X.…'": (_named_tab("X.An Bình"), ["tab or file name", "without a table of scores"]),
    "tab 'NN. Xã …'": (_named_tab("02. Xã An Bình"), ["tab or file name", "without a table of scores"]),
    "tab '<ascii> (2)'": (
        _named_tab("An Binh (2)"),
        ["tab or file name", "without a table of scores", "write 'An Binh'"],
    ),
    "subtotal that disagrees with its items": (subtotal_that_disagrees_with_its_items, ["subtotal appraised"]),
    "total row that disagrees": (total_row_that_disagrees, ["stated total 9"]),
    "csv, semicolons, BOM, decimal commas": (csv_semicolons_bom_decimal_commas, ["typed as text"]),
    "csv, commas, no BOM": (csv_commas_without_bom, ["typed as text"]),
    ".ods workbook": (ods_workbook, []),
    ".xls workbook": (xls_workbook, []),
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for quirk, (writer, _) in QUIRKS.items():
        folder = out / re.sub(r"[^\w.-]+", "_", quirk).strip("_")
        folder.mkdir(parents=True, exist_ok=True)
        writer(folder)
    print(f"wrote {len(QUIRKS)} variants under {out}")
