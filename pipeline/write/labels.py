"""The report's fixed labels, in Vietnamese: table headers, captions, legends, table notes, placeholders and the
letterhead's lines. The one home for them, as narrative.py is for sentences and the templates for markup:
"where is this text?" has one answer. sections.py puts them together with the data."""

from __future__ import annotations

from ..core.text import count, num

BLANK = "\u00a0" * 8  # a blank the council fills in by hand (non-breaking: kept in HTML and PDF)
COUNCIL_LINES = ("HỘI ĐỒNG THẨM ĐỊNH", "CHỈ SỐ CCHC")  # the default issuer, on two letterhead lines
NUMBER = "Số:"
UNIT_PLAN_NUMBER = f"Số:{BLANK}/KH-UBND"
INDEX_AXIS = "Chỉ số CCHC (%, tối đa 100)"
MEAN_ONLY_LEGEND = "Nét đứt: điểm trung bình."
RANKED_BY_INDEX = (
    "Các đơn vị được xếp hạng và so sánh theo Chỉ số (tổng điểm so với điểm tối đa áp dụng), không theo tổng điểm."
)
WEAK_FIELDS_PREFIX = "bị trừ nhiều điểm nhất ở lĩnh vực "  # narrative.weak_fields_phrase's, left out in a cell
LOST_HEADER = [
    "Mã",
    "Tiêu chí",
    "Tổng điểm bị trừ",
    "Số đơn vị",
    "Đơn vị bị trừ điểm (điểm bị trừ)",
    "Lý do thường gặp",
]
GAPS_HEADER = ("Đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Chênh lệch")


def year_part(year: int) -> str:
    return f"năm {year}"


def place_date(place: str, year: int) -> str:
    """The place and date line, left for the council to date: "Phong Thổ, ngày … tháng … năm 2024"."""
    return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"


def of_kinds(kinds: str) -> str:
    """A caption's scope: " của các xã, thị trấn"."""
    return f" của các {kinds}"


def legend(n: int, what: str, where: str = "nêu tên ở trên") -> str:
    return f"Cột gạch chéo: {count(n)} đơn vị có {what} thấp nhất ({where}); nét đứt: trung bình."


def ranking_legend(n: int) -> str:
    return legend(n, "Chỉ số CCHC", "nêu tên ở trên và tại mục III.2")


def field_legend(n: int, converted: bool) -> str:
    """A field chart's legend; `converted`: some unit's maximum is reduced, its score drawn on the field's scale."""
    return legend(n, "điểm lĩnh vực (quy đổi)" if converted else "điểm lĩnh vực")


def ranking_chart_caption(number: int, year: int, of: str) -> str:
    return f"Biểu đồ {number}: Xếp hạng Chỉ số CCHC năm {year}{of}"


def field_chart_caption(number: int, field: str) -> str:
    return f"Biểu đồ {number}: Xếp hạng chỉ số lĩnh vực {field}"


def field_placeholder(field: str) -> str:
    return f"[Hội đồng nhận xét về kết quả lĩnh vực {field}: đơn vị làm tốt, hạn chế và đơn vị cụ thể]"


def ranking_table_caption(number: int, year: int, of: str) -> str:
    return f"Bảng {number}: Kết quả xếp hạng Chỉ số CCHC năm {year}{of}"


def ranking_header(
    n: int, codes: list[str], uses_index: bool, has_self: bool, has_criteria: bool, prev: int | None
) -> list[str]:
    header = [f"Hạng (/{n})", "Đơn vị", *codes, "Tổng điểm"]
    header += ["Chỉ số (%)"] if uses_index else []
    header += ["Xếp loại"]
    header += ["Tự chấm"] if has_self else []
    header += ["Số TC đạt tối đa"] if has_criteria else []
    header += [f"Thứ hạng so với {prev} (bậc)", f"Điểm so với {prev}"] if prev else []
    return header


def ranking_note(
    fields: list[tuple[str, str, float]], uses_index: bool, has_criteria: bool, prev: int | None, in_blocks: bool
) -> str:
    """The ranking table's note: its field columns (code, name, maximum), then each other column's meaning."""
    codes = [code for code, _, _ in fields]
    named = "; ".join(f"{code}: {name} ({num(maximum)} điểm)" for code, name, maximum in fields)
    notes = [f"Cột {codes[0]}–{codes[-1]}: điểm các lĩnh vực ({named})" if len(codes) > 1 else named]
    if uses_index:
        notes.append("Chỉ số (%): tổng điểm so với điểm tối đa áp dụng của đơn vị; xếp hạng theo Chỉ số")
    notes.append("Xếp loại: theo Chỉ số (tổng điểm so với điểm tối đa)")
    if has_criteria:
        notes.append("Số TC đạt tối đa: số tiêu chí đạt điểm tối đa trên số tiêu chí áp dụng")
    if prev:
        unit = "điểm phần trăm của Chỉ số" if uses_index else "tổng điểm"
        where = " trong cùng khối" if in_blocks else ""
        notes.append(
            f"So với {prev}: thay đổi thứ hạng{where} và {unit} so với năm {prev}; “–”: không có kết quả năm {prev}"
        )
    return "Ghi chú: " + "; ".join(notes) + "."


def lost_table_caption(number: int, year: int) -> str:
    return f"Bảng {number}: Các tiêu chí bị trừ nhiều điểm nhất năm {year}"


def gaps_table_caption(number: int) -> str:
    return f"Bảng {number}: Các đơn vị có điểm tự chấm chênh lệch nhiều nhất so với kết quả thẩm định"


def units_named(kinds: str, departments: bool) -> str:
    """Whom Đánh giá chung speaks of: "UBND các xã, thị trấn", or "các sở, ban, ngành"."""
    return f"các {kinds}" if departments else f"UBND các {kinds}"


def appendix_header(uses_index: bool, has_criteria: bool) -> list[str]:
    header = ["Hạng", "Đơn vị", "Tổng điểm"] + (["Chỉ số (%)"] if uses_index else [])
    header += ["Số tiêu chí bị trừ điểm", "Tổng điểm bị trừ"] if has_criteria else ["Lĩnh vực bị trừ nhiều điểm nhất"]
    return [*header, "Kết quả và kế hoạch khắc phục của đơn vị"]


def plan_criterion(code: str, name: str, points: str) -> str:
    """A line of a unit's plan table: "Tiêu chí 1.2. Báo cáo (2/3 điểm)"."""
    return f"Tiêu chí {code}. {name} ({points} điểm)"


def plan_field(name: str, points: str) -> str:
    return f"Lĩnh vực {name} ({points} điểm)"
