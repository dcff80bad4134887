"""Generator of realistic raw score sheets: the sample data that ships in data/raw, and scaled sets.

Everything is derived from a seed, so `python -m pipeline sample` regenerates the same files.
The sheets carry the everyday mess of real ones (README, "Adding a district's data"): title lines, merged
two-row headers, several header wordings, I/II or 1/1.1 codes, a/b sub-criteria, text numbers with
a decimal comma, type prefixes in any case, NFD text, both tone-mark styles, blank rows, notes and
signature blocks under the table.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ..core.config import SETTINGS_FILE
from ..core.files import atomic_write_text
from ..core.text import capitalise, strip_diacritics
from ..model.units import ABBREVIATION_OF
from ..read.legacy import encode_tcvn3

# (field name, [(criterion name, max, [(sub-criterion name, max), ...]), ...])
CRITERIA: list[tuple[str, list[tuple[str, float, list[tuple[str, float]]]]]] = [
    (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        [
            ("Kế hoạch cải cách hành chính năm", 3, []),
            ("Báo cáo cải cách hành chính định kỳ", 2, []),
            ("Kiểm tra công tác cải cách hành chính", 2, []),
            ("Công tác tuyên truyền cải cách hành chính", 2, []),
            ("Sáng kiến, đổi mới trong thực hiện cải cách hành chính", 2, []),
            ("Thực hiện nhiệm vụ được UBND huyện giao", 2, []),
            ("Chấp hành kỷ luật, kỷ cương hành chính", 2, []),
        ],
    ),
    (
        "Cải cách thể chế",
        [
            ("Rà soát, kiểm tra văn bản quy phạm pháp luật", 5, []),
            ("Theo dõi thi hành pháp luật", 5, []),
        ],
    ),
    (
        "Cải cách thủ tục hành chính",
        [
            ("Rà soát, đánh giá thủ tục hành chính", 3, []),
            ("Công khai thủ tục hành chính", 3, []),
            ("Thực hiện cơ chế một cửa, một cửa liên thông", 4, []),
            ("Kết quả giải quyết hồ sơ thủ tục hành chính", 4, []),
            ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 3, []),
            ("Tiếp nhận, xử lý phản ánh, kiến nghị", 2, []),
        ],
    ),
    (
        "Cải cách tổ chức bộ máy",
        [
            ("Thực hiện quy chế làm việc", 2, []),
            ("Phân công nhiệm vụ cán bộ, công chức", 2, []),
            ("Thực hiện quy định về phân cấp quản lý", 2, []),
            ("Tổ chức phiên họp thường kỳ", 2, []),
        ],
    ),
    (
        "Cải cách chế độ công vụ",
        [
            ("Bố trí cán bộ, công chức theo vị trí việc làm", 2, []),
            ("Sử dụng người hoạt động không chuyên trách", 1, []),
            ("Đánh giá, xếp loại cán bộ, công chức", 2, []),
            ("Đào tạo, bồi dưỡng cán bộ, công chức", 2, []),
            ("Chấp hành kỷ luật, kỷ cương của cán bộ, công chức", 2, []),
            ("Thực hiện chế độ, chính sách", 1, []),
            ("Kết quả thực hiện nhiệm vụ của cán bộ, công chức", 2, []),
        ],
    ),
    (
        "Cải cách tài chính công",
        [
            (
                "Lập, chấp hành dự toán và quyết toán ngân sách",
                3,
                [
                    ("Lập và giao dự toán đúng thời hạn", 1.5),
                    ("Quyết toán ngân sách đúng quy định", 1.5),
                ],
            ),
            ("Quy chế chi tiêu nội bộ và quản lý tài sản công", 2, []),
            ("Thực hiện các chỉ tiêu phát triển kinh tế - xã hội được giao", 3, []),
            ("Giải ngân vốn đầu tư công", 2, []),
            ("Thực hiện kiến nghị sau thanh tra, kiểm tra, kiểm toán", 2, []),
        ],
    ),
    (
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        [
            ("Kế hoạch ứng dụng công nghệ thông tin", 4, []),
            ("Tỷ lệ văn bản điện tử có ký số", 5, []),
            ("Dịch vụ công trực tuyến một phần, toàn trình", 6, []),
            ("Thanh toán trực tuyến", 4, []),
            ("Áp dụng Hệ thống quản lý chất lượng ISO 9001", 5, []),
        ],
    ),
]

# The usual reason for each scored leaf of a field (criteria, or their sub-criteria), in sheet order.
REASONS = [
    [
        "Hoàn thành 6/7 nhiệm vụ trong kế hoạch",
        "Báo cáo quý III gửi chậm so với quy định",
        "Chưa ban hành kế hoạch kiểm tra CCHC",
        "Thiếu tài liệu kiểm chứng về tuyên truyền",
        "Không có sáng kiến được công nhận",
        "Chưa hoàn thành nhiệm vụ UBND huyện giao đúng hạn",
        "Có cán bộ, công chức bị xử lý kỷ luật",
    ],
    ["Thiếu báo cáo kết quả rà soát văn bản", "Kế hoạch theo dõi thi hành pháp luật ban hành chậm"],
    [
        "Thiếu đính kèm báo cáo kết quả thực hiện",
        "Niêm yết TTHC tại Bộ phận Một cửa chưa đầy đủ",
        "Tỷ lệ hồ sơ tiếp nhận trên hệ thống một cửa điện tử còn thấp",
        "Còn hồ sơ trễ hạn trên hệ thống một cửa điện tử",
        "Tỷ lệ số hóa hồ sơ dưới 50%",
        "Chưa trả lời phản ánh, kiến nghị đúng hạn",
    ],
    [
        "Chưa ban hành quy chế làm việc sửa đổi",
        "Phân công nhiệm vụ chưa cụ thể",
        "Chưa thực hiện đúng quy định phân cấp",
        "Thiếu biên bản phiên họp thường kỳ",
    ],
    [
        "Bố trí công chức chưa đúng vị trí việc làm",
        "Chưa rà soát người hoạt động không chuyên trách",
        "Đánh giá, xếp loại chậm so với quy định",
        "Chưa cử công chức đi bồi dưỡng theo kế hoạch",
        "Có cán bộ vi phạm kỷ luật",
        "Chậm thực hiện chế độ, chính sách",
        "Có công chức không hoàn thành nhiệm vụ",
    ],
    [
        "Giao dự toán chậm so với quy định",
        "Quyết toán ngân sách chưa đúng quy định",
        "Chưa cập nhật quy chế chi tiêu nội bộ",
        "Chưa hoàn thành chỉ tiêu thu ngân sách",
        "Tỷ lệ giải ngân vốn đầu tư thấp",
        "Chưa thực hiện đầy đủ kiến nghị sau kiểm toán",
    ],
    [
        "Kế hoạch ứng dụng CNTT ban hành chậm",
        "Tỷ lệ văn bản ký số còn thấp",
        "Tỷ lệ hồ sơ trực tuyến toàn trình chưa đạt",
        "Tỷ lệ thanh toán trực tuyến thấp",
        "Công bố lại ISO không đúng thời gian quy định",
    ],
]

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdefgh"


@dataclass(frozen=True)
class District:
    name: str
    province: str
    units: tuple[tuple[str, str], ...]  # (type, name)
    layout: str  # "files": one detail file per unit; "tabs": one workbook, a tab per unit; "summary"


SAMPLE_DISTRICTS = (
    District(
        "Phong Thổ",
        "Lai Châu",
        (
            ("thị trấn", "Phong Thổ"),
            ("xã", "Mường So"),
            ("xã", "Khổng Lào"),
            ("xã", "Hoang Thèn"),
            ("xã", "Bản Lang"),
            ("xã", "Ma Li Pho"),
            ("xã", "Nậm Xe"),
            ("xã", "Sì Lở Lầu"),
            ("xã", "Dào San"),
            ("xã", "Tung Qua Lìn"),
            ("xã", "Mù Sang"),
            ("xã", "Vàng Ma Chải"),
            ("xã", "Mồ Sì San"),
            ("xã", "Pa Vây Sử"),
            ("xã", "Sin Suối Hồ"),
            ("xã", "Lản Nhì Thàng"),
            ("xã", "Huổi Luông"),
        ),
        "files",
    ),
    District(
        "Phú Tân",
        "An Giang",
        (
            ("thị trấn", "Phú Mỹ"),
            ("thị trấn", "Chợ Vàm"),
            ("xã", "Phú Long"),
            ("xã", "Phú Thạnh"),
            ("xã", "Phú Hưng"),
            ("xã", "Hiệp Xương"),
            ("xã", "Tân Hòa"),
            ("xã", "Tân Trung"),
            ("xã", "Phú Xuân"),
            ("xã", "Long Hòa"),
        ),
        "tabs",
    ),
    District(
        "Nậm Nhùn",
        "Lai Châu",
        (
            ("thị trấn", "Nậm Nhùn"),
            ("xã", "Mường Mô"),
            ("xã", "Nậm Hàng"),
            ("xã", "Lê Lợi"),
            ("xã", "Pú Đao"),
            ("xã", "Nậm Pì"),
            ("xã", "Nậm Manh"),
            ("xã", "Nậm Chà"),
            ("xã", "Hua Bum"),
            ("xã", "Trung Chải"),
            ("xã", "Nậm Ban"),
        ),
        "summary",
    ),
)
SAMPLE_YEARS = (2022, 2023)
# One district has three comparable years, for the units' histories (model/history.py)
MORE_YEARS = {"Phong Thổ": (2021,)}

# Typos between years, those of the council's own report, in the first year: the names list created on the first run
# must take the later year's spelling, keep these as aliases, and match them.
MISSPELLINGS = {("Phong Thổ", 2022): {"Mường So": "Mừng So", "Sin Suối Hồ": "Sim Suối Hồ", "Sì Lở Lầu": "Sỉ Lở Lầu"}}
# Sheets with no title line naming the unit: the file name ("03_Xa_Khong Lao.xlsx") names it.
NO_UNIT_TITLE = {("Phong Thổ", 2023, "Khổng Lào"), ("Phong Thổ", 2022, "Pa Vây Sử")}
# Criteria that do not apply to a unit (không áp dụng): a town with no public investment to disburse.
NOT_APPLICABLE = {("Phú Tân", "Chợ Vàm"): {(5, 3)}}
# Sheets typed with the legacy TCVN3 (.VnTime) fonts.
LEGACY_TCVN3 = {("Phong Thổ", 2022, "Hoang Thèn")}


@dataclass
class LeafScore:
    max: float
    self_score: float | None
    score: float | None  # None: not applicable to the unit
    reason: str

    @property
    def applicable(self) -> bool:
        return self.score is not None


# ---------------------------------------------------------------- scores


def _unit_strength(district: str, unit: str, year: int, seed: int) -> float:
    """A unit's quality, drifting a little from year to year so ranks change."""
    base = random.Random(f"{seed}|{district}|{unit}").uniform(0.72, 0.98)
    drift = random.Random(f"{seed}|{district}|{unit}|{year}").uniform(-0.08, 0.08)
    return min(0.99, max(0.45, base + drift))


def _leaf_score(rng: random.Random, maximum: float, strength: float, reason: str) -> LeafScore:
    if rng.random() > (1 - strength) * 1.5:
        return LeafScore(maximum, maximum, maximum, "")
    fraction = rng.choice([0.1, 0.25, 0.5, 0.5, 1.0]) if rng.random() < 0.7 else rng.uniform(0.05, 0.6)
    lost = min(maximum, round(maximum * fraction, 2))
    score = round(maximum - lost, 2)
    self_score = round(min(maximum, score + lost * rng.choice([0, 0.5, 1, 1])), 2)
    return LeafScore(maximum, self_score, score, reason)


def unit_scores(district: str, unit: str, year: int, seed: int = 0) -> dict[tuple[int, ...], LeafScore]:
    """Leaf scores keyed by position: (field, criterion) or (field, criterion, sub), 0-based."""
    rng = random.Random(f"{seed}|{district}|{unit}|{year}|scores")
    strength = _unit_strength(district, unit, year, seed)
    scores: dict[tuple[int, ...], LeafScore] = {}
    for f, (_, criteria) in enumerate(CRITERIA):
        leaves = [
            ((f, c, i), m)
            for c, (_, cmax, subs) in enumerate(criteria)
            for i, m in (enumerate(s[1] for s in subs) if subs else [(None, cmax)])
        ]
        for position, (key, maximum) in enumerate(leaves):
            key = key if key[2] is not None else key[:2]
            scores[key] = _leaf_score(rng, maximum, strength, REASONS[f][position])
            if key in NOT_APPLICABLE.get((district, unit), ()):
                scores[key] = LeafScore(maximum, None, None, "Không áp dụng: đơn vị không có dự án đầu tư công")
    return scores


def _sum(scores: dict[tuple[int, ...], LeafScore], prefix: tuple[int, ...], attr: str) -> float:
    """Sum over the applicable leaves under `prefix`."""
    return round(sum(getattr(v, attr) for k, v in scores.items() if k[: len(prefix)] == prefix and v.applicable), 2)


# ---------------------------------------------------------------- sheet writing


def _num(value: float | None, as_text: bool) -> float | str:
    """A score as a number, or as text with a decimal comma the way some clerks type it."""
    if value is None:
        return "Không áp dụng"
    if not as_text:
        return value
    return f"{value:g}".replace(".", ",")


def _bold_row(ws: Worksheet, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)


def _title_lines(ws: Worksheet, district: District, unit_line: str | None, year: int) -> int:
    ws.append([f"UBND HUYỆN {district.name.upper()}", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sentence = f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}"
    if unit_line and unit_line.startswith("CỦA "):  # the title sentence ends with the unit
        sentence = f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH {unit_line} NĂM {year}"
    elif unit_line:
        ws.append([unit_line, None, None, "Độc lập - Tự do - Hạnh phúc"])
    ws.append([])
    ws.append([sentence])
    ws.append([])
    return ws.max_row


def _detail_header(ws: Worksheet, two_rows: bool) -> None:
    if two_rows:
        ws.append(
            [
                "STT",
                "Lĩnh vực, tiêu chí, tiêu chí thành phần",
                "Điểm tối đa",
                "Kết quả chấm điểm",
                None,
                "Lý do trừ điểm",
                "Tài liệu kiểm chứng",
            ]
        )
        ws.append([None, None, None, "Điểm tự đánh giá", "Điểm thẩm định", None, None])
        top = ws.max_row - 1
        for col in ("A", "B", "C", "F", "G"):
            ws.merge_cells(f"{col}{top}:{col}{top + 1}")
        ws.merge_cells(f"D{top}:E{top}")
        _bold_row(ws, top)
        _bold_row(ws, top + 1)
    else:
        ws.append(["TT", "Nội dung", "Điểm chuẩn", "Tự chấm", "Kết quả thẩm định", "Ghi chú"])
        _bold_row(ws, ws.max_row)


def _detail_rows(ws: Worksheet, scores: dict, roman: bool, as_text: bool, with_evidence: bool) -> None:
    total_max = total_self = total_score = 0.0
    for f, (fname, criteria) in enumerate(CRITERIA):
        fmax = sum(c[1] for c in criteria)
        fcode = ROMAN[f] if roman else str(f + 1)
        ws.append(
            [
                fcode,
                fname.upper(),
                fmax,
                _num(_sum(scores, (f,), "self_score"), as_text),
                _num(_sum(scores, (f,), "score"), as_text),
            ]
        )
        _bold_row(ws, ws.max_row)
        total_max += fmax
        total_self += _sum(scores, (f,), "self_score")
        total_score += _sum(scores, (f,), "score")
        for c, (cname, cmax, subs) in enumerate(criteria):
            ccode = str(c + 1) if roman else f"{f + 1}.{c + 1}"
            if subs:
                ws.append(
                    [
                        ccode,
                        cname,
                        cmax,
                        _num(_sum(scores, (f, c), "self_score"), as_text),
                        _num(_sum(scores, (f, c), "score"), as_text),
                    ]
                )
                for s, (sname, _) in enumerate(subs):
                    leaf = scores[(f, c, s)]
                    scode = LETTERS[s] if roman else f"{f + 1}.{c + 1}.{s + 1}"
                    _leaf_row(ws, scode, sname, leaf, as_text, with_evidence)
            else:
                _leaf_row(ws, ccode, cname, scores[(f, c)], as_text, with_evidence)
    ws.append([None, "TỔNG CỘNG", total_max, _num(round(total_self, 2), as_text), _num(round(total_score, 2), as_text)])
    _bold_row(ws, ws.max_row)


def _leaf_row(ws: Worksheet, code: str, name: str, leaf: LeafScore, as_text: bool, evidence: bool) -> None:
    row = [code, name, leaf.max, _num(leaf.self_score, as_text), _num(leaf.score, as_text), leaf.reason or None]
    if evidence:
        row.append("Có" if not leaf.reason else None)
    ws.append(row)


def _signature_block(ws: Worksheet) -> None:
    ws.append([])
    ws.append([None, "Ghi chú: điểm thẩm định là kết quả chính thức của Hội đồng thẩm định."])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, "TM. HỘI ĐỒNG THẨM ĐỊNH"])
    ws.append([None, None, None, None, "KT. CHỦ TỊCH"])


def _style_columns(ws: Worksheet) -> None:
    for col, width in zip("ABCDEFG", (6, 60, 11, 14, 14, 40, 18), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")


def _unit_line(district: District, unit_type: str, name: str, variant: int) -> str:
    """How the unit is named in its title lines; the variants are all seen in real sheets. Phong Thổ's
    sheets come from scoring software that labels the unit ("Đơn vị: Xã Mường So")."""
    if district.layout == "files":
        forms = [
            f"Đơn vị: {capitalise(unit_type)} {name}",
            f"Đơn vị: {capitalise(unit_type)} {name}",
            f"ĐƠN VỊ: UBND {unit_type.upper()} {name.upper()}",
            f"Tên đơn vị: UBND {unit_type} {name}",
            unicodedata.normalize("NFD", f"Đơn vị: {capitalise(unit_type)} {name}"),
            f"CỦA UBND {unit_type.upper()} {name.upper()}",
        ]
    else:
        forms = [
            f"UBND {unit_type.upper()} {name.upper()}",
            f"ỦY BAN NHÂN DÂN {unit_type.upper()} {name.upper()}",
            f"UBND {unit_type} {name}, huyện {district.name}",
            unicodedata.normalize("NFD", f"UBND {unit_type.upper()} {name.upper()}"),
            f"{capitalise(unit_type)} {name}",
        ]
    return forms[variant % len(forms)]


def _write_detail_sheet(
    ws: Worksheet,
    district: District,
    unit: tuple[str, str],
    year: int,
    scores: dict,
    variant: int,
    title_has_unit: bool,
) -> None:
    unit_type, name = unit
    roman = district.layout == "files"
    written_name = MISSPELLINGS.get((district.name, year), {}).get(name, name)
    unit_line = _unit_line(district, unit_type, written_name, variant) if title_has_unit else None
    _title_lines(ws, district, unit_line, year)
    if variant % 5 == 2:
        ws.append([])  # stray blank row above the header
    _detail_header(ws, two_rows=roman)
    _detail_rows(ws, scores, roman=roman, as_text=variant % 3 == 1, with_evidence=roman)
    _signature_block(ws)
    _style_columns(ws)
    if (district.name, year, name) in LEGACY_TCVN3:
        _to_tcvn3(ws)


def _to_tcvn3(ws: Worksheet) -> None:
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = encode_tcvn3(cell.value)


def _old_tone_style(name: str) -> str:
    """Write "Hòa" as "Hoà", the other tone-mark style found in older files."""
    return name.replace("òa", "oà").replace("óa", "oá").replace("ủy", "uỷ").replace("úy", "uý")


def write_detail_files(district: District, year: int, folder: Path, seed: int) -> None:
    for i, unit in enumerate(district.units):
        wb = Workbook()
        ws = wb.active
        ws.title = "Bảng điểm"
        scores = unit_scores(district.name, unit[1], year, seed)
        titled = (district.name, year, unit[1]) not in NO_UNIT_TITLE
        _write_detail_sheet(ws, district, unit, year, scores, variant=i + year, title_has_unit=titled)
        wb.save(folder / f"{i + 1:02d}_{_FILE_PREFIX[unit[0]]}_{strip_diacritics(unit[1])}.xlsx")


_FILE_PREFIX = {"xã": "Xa", "thị trấn": "TT", "phường": "Phuong", "đặc khu": "DK"}


def _tab_name(unit: tuple[str, str], i: int, year: int) -> str:
    """Tabs as clerks name them: the name, with its type, abbreviated, numbered, without diacritics."""
    unit_type, name = unit
    if year % 2 == 0:
        return strip_diacritics(name) if i % 3 == 0 else _old_tone_style(name)
    abbreviation = ABBREVIATION_OF[unit_type]
    forms = [name, f"{capitalise(unit_type)} {name}", f"{i + 1:02d}. {name}", f"{abbreviation}{name}"]
    return forms[i % len(forms)][:31]


def write_detail_tabs(district: District, year: int, folder: Path, seed: int) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for i, unit in enumerate(district.units):
        ws = wb.create_sheet(_tab_name(unit, i, year))
        scores = unit_scores(district.name, unit[1], year, seed)
        _write_detail_sheet(ws, district, unit, year, scores, variant=i + year, title_has_unit=i % 2 == 0)
    wb.save(folder / f"Bang diem CCHC {district.name} {year}.xlsx")


def write_summary_sheet(district: District, year: int, folder: Path, seed: int) -> None:
    """District summary: one row per unit, one column per field; maxima in the header or in a row."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Tổng hợp {year}"
    short = SHORT_FIELD_NAMES
    maxima = [sum(c[1] for c in criteria) for _, criteria in CRITERIA]
    max_in_header = year % 2 == 0
    ws.append([f"UBND HUYỆN {district.name.upper()}"])
    ws.append(["HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC"])
    ws.append([f"BẢNG TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC XÃ, THỊ TRẤN NĂM {year}"])
    ws.append([])
    if max_in_header:
        ws.append(
            ["STT", "Tên đơn vị"]
            + [f"{s} ({m:g})" for s, m in zip(short, maxima, strict=True)]
            + [f"Tổng điểm ({sum(maxima):g})", "Xếp hạng"]
        )
    else:
        ws.append(["STT", "Đơn vị"] + short + ["Tổng cộng", "Xếp hạng"])
        ws.append([None, "Điểm tối đa"] + maxima + [sum(maxima), None])
    _bold_row(ws, ws.max_row)
    rows = []
    for unit_type, name in district.units:
        scores = unit_scores(district.name, name, year, seed)
        fields = [_sum(scores, (f,), "score") for f in range(len(CRITERIA))]
        rows.append((_summary_label(unit_type, name, len(rows), year), fields))
    totals = [round(sum(f), 2) for _, f in rows]
    for i, (label, fields) in enumerate(rows):
        rank = 1 + sum(t > totals[i] for t in totals)
        as_text = not max_in_header
        ws.append([i + 1, label] + [_num(v, as_text) for v in fields] + [_num(totals[i], as_text), rank])
    _signature_block(ws)
    wb.save(folder / f"Tong hop chi so CCHC {year}.xlsx")


def _summary_label(unit_type: str, name: str, i: int, year: int) -> str:
    if unit_type == "thị trấn":
        return f"TT. {name}" if year % 2 else f"Thị trấn {name}"
    return f"UBND xã {name}" if year % 2 and i % 2 else f"{unit_type} {name}"


# The fields as summary tables head them, shortly.
SHORT_FIELD_NAMES = [
    "Chỉ đạo, điều hành",
    "Cải cách thể chế",
    "Cải cách TTHC",
    "Tổ chức bộ máy",
    "Chế độ công vụ",
    "Tài chính công",
    "Chính quyền điện tử, chính quyền số",
]

# A sample group's settings: only the mark of sample data (model/settings.py, `sample`).
SAMPLE_SETTINGS_TOML = """\
# Settings of this group's reports: README, "Levels, blocks and settings".
sample = true  # sample data under real place names: every report carries the mark "DỮ LIỆU MẪU"
"""

WRITERS = {"files": write_detail_files, "tabs": write_detail_tabs, "summary": write_summary_sheet}


def generate(raw_dir: Path, districts=SAMPLE_DISTRICTS, years=SAMPLE_YEARS, seed: int = 2024) -> list[Path]:
    """Write every district-year's sheets under raw_dir/<district>/<year>/; returns the folders."""
    folders = []
    for district in districts:
        for year in sorted({*years, *MORE_YEARS.get(district.name, ())} if years == SAMPLE_YEARS else years):
            folder = raw_dir / district.name / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                old.unlink()
            WRITERS[district.layout](district, year, folder, seed)
            folders.append(folder)
        atomic_write_text(raw_dir / district.name / SETTINGS_FILE, SAMPLE_SETTINGS_TOML)
    return folders
