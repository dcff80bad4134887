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
WEAK_FIELDS_PREFIX = "có tỷ lệ điểm đạt thấp nhất ở lĩnh vực "  # narrative.weak_fields_phrase's, left out in a cell
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
    header += (
        ["Số tiêu chí bị trừ điểm", "Tổng điểm bị trừ"] if has_criteria else ["Lĩnh vực có tỷ lệ điểm đạt thấp nhất"]
    )
    return header


def plan_criterion(code: str, name: str, points: str) -> str:
    """A line of a unit's plan table: "Tiêu chí 1.2. Báo cáo (2/3 điểm)"."""
    return f"Tiêu chí {code}. {name} ({points} điểm)"


def plan_field(name: str, points: str) -> str:
    return f"Lĩnh vực {name} ({points} điểm)"


PLAN_LOST_HEADER = ("Điểm bị trừ", "Lũy kế")
HISTORY_LEAD = "Kết quả Chỉ số cải cách hành chính của đơn vị qua các năm:"


def history_header(uses_index: bool, in_blocks: bool) -> list[str]:
    """A unit letter's table of its years."""
    return [
        "Năm",
        "Tổng điểm",
        *(["Chỉ số (%)"] if uses_index else []),
        "Xếp hạng trong khối" if in_blocks else "Xếp hạng",
        "Xếp loại",
    ]


def history_caption(first: int, last: int) -> str:
    return f"Kết quả Chỉ số CCHC của đơn vị, {first}–{last}"


# ---------------------------------------------------------------- the province's report (write/province.py)

SAMPLE_MARK = "DỮ LIỆU MẪU: báo cáo được lập từ số liệu mẫu, không phải kết quả thẩm định; không dùng để ban hành."
PROVINCE_PARTS = {
    "implementation": "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
    "fields": "III. KẾT QUẢ THEO LĨNH VỰC",
    "assessment": "IV. ĐÁNH GIÁ CHUNG",
    "proposals": "V. ĐỀ XUẤT, KIẾN NGHỊ",
}
OVERALL_HEADING = "Kết quả chung toàn {kind} và theo khối"
WHOLE = "Toàn {kind}"
GRADE_LEGEND = "Số đơn vị theo xếp loại (từ trái sang phải: loại cao đến loại thấp)."
FIELD_CHART_LEGEND = "Mỗi cột: tỷ lệ điểm trung bình của khối so với điểm tối đa của lĩnh vực"
PREVIOUS_MARK = "Vạch đen: năm {year}"
TRANSITIONS_CORNER = "Năm {prev} \\ Năm {year}"
MOVERS_HEADER = (
    "Khối",
    "Đơn vị",
    "Hạng {prev}",
    "Hạng {year}",
    "Thay đổi (bậc)",
    "Điểm {prev}",
    "Điểm {year}",
    "Thay đổi điểm",
)
RISERS, FALLERS = "Tăng hạng nhiều nhất", "Giảm hạng nhiều nhất"
REORG_HEADER = ("STT", "Đơn vị mới", "Các đơn vị trước sắp xếp (điểm năm {prev})")
NO_SCORE = "không có số liệu"


def block_table_header(kind: str, grades: list[str], prev: int | None) -> list[str]:
    """Bảng 1: one row per block and the whole province."""
    head = ["Khối", "Số đơn vị", "Điểm bình quân", "Cao nhất", "Thấp nhất", "Khoảng cách", *grades]
    return head + ([f"Bình quân so với {prev}"] if prev else [])


def block_table_caption(number: int, year: int) -> str:
    return f"Bảng {number}: Kết quả Chỉ số CCHC năm {year} theo khối"


def block_table_note(bounds: tuple[float, ...], grades: list[str], prev: int | None) -> str:
    """The grades' bands, and how a change reads: "Xuất sắc: từ 90% …; (+2): so với năm 2025"."""
    rules = [f"{g} từ {num(b)}%" for g, b in zip(grades, bounds, strict=False)]
    if len(grades) > len(bounds):
        rules.append(f"{grades[-1]} dưới {num(bounds[-1])}%")
    text = f"Ghi chú: Xếp loại theo Chỉ số CCHC: {'; '.join(rules)}"
    if prev:
        text += f"; trong ngoặc: tăng (+), giảm (-) số đơn vị so với năm {prev}"
    return text + "."


def grade_chart_caption(number: int, year: int, prev: int | None) -> str:
    years = f"năm {prev} và năm {year}" if prev else f"năm {year}"
    return f"Biểu đồ {number}: Số đơn vị theo xếp loại và theo khối, {years}"


def block_chart_caption(number: int, year: int, block: str) -> str:
    return f"Biểu đồ {number}: Xếp hạng Chỉ số CCHC năm {year}, {block}"


def block_chart_legend(n: int) -> str:
    return legend(n, "Chỉ số CCHC", "nêu tên ở trên và tại mục IV.2") + " Trục điểm bắt đầu từ mức điểm thấp nhất."


YEARS_HEADING = "Kết quả qua các năm"


def changes_heading(prev: int) -> str:
    return f"Biến động so với năm {prev} trong từng khối"


def transitions_caption(number: int, prev: int, year: int) -> str:
    return f"Bảng {number}: Chuyển đổi xếp loại từ năm {prev} sang năm {year} trong từng khối (số đơn vị)"


def transitions_note(prev: int) -> str:
    return (
        f"Ghi chú: mỗi dòng là xếp loại năm {prev}, mỗi cột là xếp loại năm nay; chỉ tính đơn vị có kết quả cả hai "
        "năm trong cùng khối."
    )


def movers_caption(number: int, n: int) -> str:
    return f"Bảng {number}: {count(n)} đơn vị tăng hạng và {count(n)} đơn vị giảm hạng nhiều nhất trong từng khối"


def fields_table_header(kind: str, prev: int | None) -> list[str]:
    """Bảng: every field by block (a group row per field); the columns' meaning in fields_table_note."""
    head = ["Khối", "Bình quân", "Tỷ lệ (%)", "Đạt tối đa", "Dưới 70%"]
    head += [f"So với {prev}"] if prev else []
    return [*head, "Đơn vị có điểm thấp nhất"]


def fields_table_caption(number: int, year: int) -> str:
    return f"Bảng {number}: Kết quả các lĩnh vực năm {year} theo khối"


def field_group_row(code: str, name: str, maximum: float) -> str:
    return f"{code}. {name} (tối đa {num(maximum)} điểm)"


def field_by_block_chart_caption(number: int, year: int, prev: int | None) -> str:
    against = f", so với năm {prev}" if prev else ""
    return f"Biểu đồ {number}: Tỷ lệ điểm các lĩnh vực so với điểm tối đa theo khối, năm {year}{against}"


def fields_placeholder() -> str:
    return (
        "[Hội đồng nhận xét về kết quả từng lĩnh vực: lĩnh vực làm tốt, lĩnh vực còn hạn chế, đơn vị cụ thể trong "
        "từng khối]"
    )


def province_appendix_title(number: str, block: str) -> str:
    return f"PHỤ LỤC {number}"


def province_appendix_subtitle(year: int, block: str) -> str:
    return f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}, {block.upper()}"


def reorg_appendix_subtitle(year: int) -> str:
    return f"DANH SÁCH ĐƠN VỊ HÀNH CHÍNH CẤP XÃ SAU SẮP XẾP NĂM {year} VÀ CÁC ĐƠN VỊ TRƯỚC SẮP XẾP"


def province_appendix_header(codes: list[str], n: int, prev: int | None) -> list[str]:
    head = ["STT", "Đơn vị", *codes, "Tổng điểm", "Chỉ số (%)", "Xếp loại", f"Hạng trong khối (/{n})"]
    return head + ([f"Hạng {prev}", "Thay đổi (bậc)"] if prev else [])


def province_appendix_note(fields: list[tuple[str, str, float]], prev: int | None) -> str:
    named = "; ".join(f"{code}: {name} ({num(maximum)} điểm)" for code, name, maximum in fields)
    text = f"Ghi chú: Cột {fields[0][0]}–{fields[-1][0]}: điểm các lĩnh vực ({named})"
    if prev:
        text += f"; Hạng {prev}: thứ hạng trong khối năm {prev}, “–”: không có kết quả năm {prev} trong khối"
    return text + "."


def proposals_placeholder(units: str, kind: str) -> str:
    return (
        f"[Hội đồng nêu đề xuất, kiến nghị: đối với UBND các {units} (đơn vị xếp loại Khá trở xuống xây dựng kế hoạch "
        f"khắc phục, thời hạn); đối với các sở, ban, ngành {kind} (lĩnh vực phụ trách); đối với UBND {kind} (khen "
        "thưởng đơn vị dẫn đầu từng khối, chấn chỉnh đơn vị thấp nhất)]"
    )


def implementation_placeholder(year: int) -> str:
    return (
        "[Hội đồng nêu căn cứ triển khai (quyết định ban hành bộ chỉ số, văn bản hướng dẫn tự chấm điểm năm "
        f"{year}), thời gian đánh giá, việc chấm điểm trên phần mềm và quá trình thẩm định 02 lần]"
    )


def reorg_placeholder(year: int) -> str:
    return (
        "[Hội đồng nêu thời gian đánh giá các đơn vị mới và cách tính kết quả của các đơn vị trước sắp xếp trong "
        f"năm {year}]"
    )


def fields_table_note(prev: int | None) -> str:
    text = (
        "Ghi chú: Tỷ lệ (%): điểm bình quân so với điểm tối đa của lĩnh vực; Đạt tối đa: số đơn vị đạt điểm tối đa"
        " trên số đơn vị; Dưới 70%: số đơn vị đạt dưới 70% điểm tối đa của lĩnh vực"
    )
    if prev:
        text += f"; So với {prev}: thay đổi điểm bình quân của các đơn vị có kết quả năm {prev} trong cùng khối"
    return text + "."
