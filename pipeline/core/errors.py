"""Problems found in raw data, the one catalogue of their messages, and the project's exceptions.

A problem always says where (file, sheet, row, column), what (the value) and why (the rule), so an
analyst can open the sheet and fix it without reading code. Every rule has an id and two texts in
`RULES`: English for the command line and summary.json, Vietnamese for the report and the notebook.
Code branches on ids, never on message text. Kept light: no imports beyond the standard library.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .numbers import half_up

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A message in both languages: str.format templates over the problem's parameters.

    A parameter named in `terms` is a key of TERMS, written in each language's words. An automatic
    fix (`fix=True`) is reported once per kind, counting "cells" or "sheets" where it was made.
    """

    en: str
    vi: str
    terms: tuple[str, ...] = ()
    fix: bool = False
    counts: str = "cells"


# Words that appear inside messages, per language.
TERMS = {
    "max": ("maximum", "điểm tối đa"),
    "score": ("appraised score", "điểm thẩm định"),
    "self_score": ("self-assessed score", "điểm tự chấm"),
    # why a unit name is plumbing (unit_names.plumbing)
    "underscore": ("it has an underscore", "có dấu gạch dưới"),
    "file extension": ("it has a file extension", "có đuôi tệp"),
    "year": ("it has a year", "có số năm"),
    "digits": ("it has digits and no unit type", "có chữ số mà không có loại đơn vị"),
    "type word alone": ("it is a unit type alone", "chỉ có loại đơn vị"),
}

_HEADER_HINT_EN = (
    "a detail sheet needs columns like 'Điểm tối đa' and 'Điểm thẩm định', a summary sheet a column 'Đơn vị' "
    "and one per field"
)
_HEADER_HINT_VI = (
    "bảng điểm chi tiết cần các cột như 'Điểm tối đa' và 'Điểm thẩm định', bảng tổng hợp cần cột 'Đơn vị' và "
    "mỗi lĩnh vực một cột"
)

RULES: dict[str, Rule] = {
    # files
    "file-unopenable": Rule("the file cannot be opened ({reason})", "không mở được tệp ({reason})"),
    "file-empty": Rule("the file is empty (0 bytes)", "tệp rỗng (0 byte)"),
    "file-too-big": Rule(
        "the file is {size_mb} MB; score sheets are far smaller (the limit is {limit_mb} MB): is it the right file?",
        "tệp nặng {size_mb} MB, trong khi bảng điểm nhỏ hơn nhiều (giới hạn {limit_mb} MB): có đúng tệp không?",
    ),
    "file-damaged": Rule(
        "the file cannot be read as a spreadsheet: it may be damaged or truncated ({detail})",
        "không đọc được tệp như một bảng tính: tệp có thể bị hỏng hoặc bị cắt ({detail})",
    ),
    "file-password": Rule(
        "the workbook is password-protected: save a copy without a password",
        "tệp Excel có đặt mật khẩu: hãy lưu một bản không có mật khẩu",
    ),
    "file-no-data": Rule("the file has no cell with data", "tệp không có ô nào có dữ liệu"),
    "csv-not-utf8": Rule(
        "a .csv file must be UTF-8; byte {byte} is not (save it as 'CSV UTF-8')",
        "tệp .csv phải ở dạng UTF-8; byte thứ {byte} không đúng (hãy lưu dạng 'CSV UTF-8')",
    ),
    "csv-is-workbook": Rule(
        "this .csv file is really an Excel workbook; it was read as one",
        "tệp .csv này thực ra là tệp Excel; đã được đọc như tệp Excel",
    ),
    "formula-no-result": Rule(
        "the cell holds a formula with no saved result: open the file in Excel or LibreOffice and save it, so its "
        "results are stored",
        "ô chứa công thức chưa có kết quả được lưu: hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại",
    ),
    # cells
    "score-boolean": Rule("a score must be a number, not TRUE/FALSE", "điểm phải là số, không phải TRUE/FALSE"),
    "score-not-finite": Rule("a score must be a finite number", "điểm phải là một số hữu hạn"),
    "score-not-number": Rule(
        "a score must be a number (decimal comma or dot)", "điểm phải là số (dấu thập phân là dấu phẩy hoặc chấm)"
    ),
    # header and layout
    "header-missing": Rule(
        "no recognisable header in the first {rows} rows: " + _HEADER_HINT_EN,
        "không tìm thấy dòng tiêu đề của bảng trong {rows} dòng đầu: " + _HEADER_HINT_VI,
    ),
    "header-no-max": Rule(
        "the header in row {header_row} has no maximum column: add 'Điểm tối đa' (or 'Điểm chuẩn')",
        "dòng tiêu đề ở dòng {header_row} thiếu cột điểm tối đa: thêm cột 'Điểm tối đa' (hoặc 'Điểm chuẩn')",
    ),
    "header-no-score": Rule(
        "the header in row {header_row} has no appraised-score column: add 'Điểm thẩm định' (or 'Kết quả thẩm định')",
        "dòng tiêu đề ở dòng {header_row} thiếu cột điểm thẩm định: thêm cột 'Điểm thẩm định' "
        "(hoặc 'Kết quả thẩm định')",
    ),
    "code-out-of-place": Rule(
        "code out of place: a criterion must sit under a field, a sub-criterion under a criterion",
        "mã sai vị trí: tiêu chí phải nằm dưới một lĩnh vực, tiêu chí thành phần dưới một tiêu chí",
    ),
    "field-no-max": Rule(
        "no maximum for this field: write it in the header, e.g. 'Cải cách thể chế (10)', or in a row "
        "'Điểm tối đa' under the header",
        "lĩnh vực không có điểm tối đa: ghi vào tiêu đề, ví dụ 'Cải cách thể chế (10)', hoặc vào dòng "
        "'Điểm tối đa' ngay dưới tiêu đề",
    ),
    "layouts-mixed": Rule(
        "both detail and summary sheets found; the detail sheets are used and the summary ignored: {files}",
        "có cả bảng điểm chi tiết và bảng tổng hợp; dùng bảng chi tiết, bỏ qua {files}",
    ),
    "no-score-rows": Rule(
        "no scores found: the table has a header but no rows of scores",
        "không có điểm: bảng có dòng tiêu đề nhưng không có dòng điểm nào",
    ),
    "no-score-sheet": Rule(
        "no scores found: no sheet in this folder has a table of scores",
        "không có điểm: không trang tính nào trong thư mục có bảng điểm",
    ),
    # unit names
    "unit-unnamed": Rule(
        "no title line, tab or file name names the unit: write a title line such as 'Đơn vị: Xã Mường So' or "
        "'UBND xã Mường So' above the table",
        "không có dòng tiêu đề, tên trang tính hay tên tệp nào ghi tên đơn vị: hãy ghi dòng tiêu đề như "
        "'Đơn vị: Xã Mường So' hoặc 'UBND xã Mường So' phía trên bảng",
    ),
    "unit-name-plumbing": Rule(
        "unit name '{unit}' is not a unit's name ({why}); it is not published: write the unit's name in a title "
        "line ('Đơn vị: Xã Mường So'), or add '{unit}' as an alias of the unit in the names list ({list})",
        "tên đơn vị '{unit}' không phải tên của một đơn vị ({why}); không đưa vào báo cáo: hãy ghi tên đơn vị "
        "ở dòng tiêu đề ('Đơn vị: Xã Mường So'), hoặc thêm '{unit}' làm tên khác của đơn vị trong danh sách tên "
        "({list})",
        terms=("why",),
    ),
    "units-named-by-file": Rule(
        "no title line names the unit; the tab or file name was used: {names}",
        "không có dòng tiêu đề ghi tên đơn vị; đã lấy tên trang tính hoặc tên tệp: {names}",
    ),
    # the table's logic
    "unit-twice": Rule(
        "the same unit appears twice (first at {first_file}, sheet '{first_sheet}', row {first_row})",
        "một đơn vị xuất hiện hai lần (lần đầu ở {first_file}, trang tính '{first_sheet}', dòng {first_row})",
    ),
    "unit-code-twice": Rule(
        "the same unit and code appear twice ({unit}, {code})",
        "cùng một đơn vị và mã xuất hiện hai lần ({unit}, {code})",
    ),
    "maxima-differ": Rule(
        "maximum of '{code} {name}' for {unit} is {max}, other units have {usual}: all units must be scored on the "
        "same criteria set",
        "điểm tối đa của '{code} {name}' ở {unit} là {max}, các đơn vị khác là {usual}: mọi đơn vị phải được chấm "
        "theo cùng một bộ tiêu chí",
    ),
    "score-above-max": Rule("score above its maximum", "điểm thẩm định vượt quá điểm tối đa"),
    "self-above-max": Rule("self-assessed score above its maximum", "điểm tự chấm vượt quá điểm tối đa"),
    "score-missing": Rule("appraised score missing", "thiếu điểm thẩm định"),
    "value-empty": Rule("{what} must not be empty", "{what} không được để trống", terms=("what",)),
    "value-negative": Rule("{what} must not be negative", "{what} không được là số âm", terms=("what",)),
    "value-invalid": Rule("{what} {check}", "{what} không hợp lệ ({check})", terms=("what",)),
    "table-invalid": Rule("score table: column '{column}' {check}", "bảng điểm: cột '{column}' {check}"),
    "subtotal-differs": Rule(
        "subtotal {what} {stated} of '{code} {name}' differs from the sum of its items {total}; the sum is used",
        "{what} cộng ghi {stated} của '{code} {name}' khác tổng các mục con {total}; dùng tổng các mục con",
        terms=("what",),
    ),
    "total-differs": Rule(
        "stated total {stated} of {unit} differs from the sum of its fields {computed}; the sum is used",
        "tổng điểm ghi {stated} của {unit} khác tổng các lĩnh vực {computed}; dùng tổng các lĩnh vực",
    ),
    "rank-differs": Rule(
        "the sheet ranks {unit} {rank}, its total ranks it {ours}; the total's rank is used",
        "bảng ghi {unit} xếp thứ {rank}, theo tổng điểm là thứ {ours}; dùng thứ hạng theo tổng điểm",
    ),
    # names across years
    "name-new": Rule(
        "unit '{unit}' is not in the district's names list (list: {list}): reported as a new unit; add it to the "
        "list if it is one, or as an alias of the unit it is",
        "đơn vị '{unit}' không có trong danh sách tên của huyện ({list}): coi là đơn vị mới",
    ),
    "name-fuzzy": Rule(
        "unit name '{unit}' read as '{name}' (similarity {score}%) (list: {list}); add it as an alias of that unit "
        "to confirm, or as a unit of its own if it is not the same",
        "tên đơn vị '{unit}' được hiểu là '{name}' (giống {score}%)",
    ),
    "name-spelling": Rule(
        "the sheets write '{unit}' for '{name}' of the names list ({list}); the list's spelling is shown",
        "bảng điểm ghi '{unit}', danh sách tên ghi '{name}'; báo cáo dùng tên trong danh sách",
    ),
    "names-missing": Rule(
        "units of the names list not found in this year's sheets: {units} (list: {list})",
        "các đơn vị trong danh sách tên không có trong bảng điểm năm nay: {units}",
    ),
    # the report
    "previous-year-errors": Rule(
        "the {year} sheets have data errors: ranks are not compared with {year}",
        "bảng điểm năm {year} có lỗi dữ liệu: không so sánh thứ hạng với năm {year}",
    ),
    "earlier-year-errors": Rule(
        "the {year} sheets have data errors: the units' histories leave {year} out",
        "bảng điểm năm {year} có lỗi dữ liệu: quá trình các năm của đơn vị không gồm năm {year}",
    ),
    # published tables: values the sheet states, cross-checked (issue 9)
    "index-differs": Rule(
        "stated index {stated}% of {unit} differs from its total / maximum {computed}%; the computed index is used",
        "chỉ số ghi {stated}% của {unit} khác tổng điểm / điểm tối đa {computed}%; dùng chỉ số tính được",
    ),
    "average-differs": Rule(
        "stated average {stated} differs from the average over the units {computed}; the computed average is used",
        "giá trị trung bình ghi {stated} khác trung bình các đơn vị {computed}; dùng giá trị tính được",
    ),
    "grade-differs": Rule(
        "the sheet grades {unit} '{stated}', its index {index}% grades it '{grade}' ({thresholds}); the index's grade "
        "is used",
        "bảng ghi {unit} xếp loại '{stated}', theo chỉ số {index}% là '{grade}' ({thresholds}); dùng xếp loại theo "
        "chỉ số",
    ),
    "grade-unknown": Rule(
        "'{stated}' is not a grade (Xuất sắc, Tốt, Khá, Trung bình, Yếu); the index's grade is used",
        "'{stated}' không phải là một mức xếp loại (Xuất sắc, Tốt, Khá, Trung bình, Yếu); dùng xếp loại theo chỉ số",
    ),
    # summary tables as provinces publish them (issue 25: every shape read, or a named error)
    "sheet-unreadable": Rule(
        "this sheet could not be read ({detail}): its layout is one the reader does not know; please send the "
        "file to the maintainers",
        "không đọc được trang tính này ({detail}): bố cục bảng chưa được hỗ trợ; vui lòng gửi tệp cho người phát triển",
    ),
    "group-unreadable": Rule(
        "the sheets of this group-year could not be checked ({detail}): please send them to the maintainers",
        "không kiểm tra được bảng điểm của nhóm và năm này ({detail}): vui lòng gửi các tệp cho người phát triển",
    ),
    "no-score-column": Rule(
        "the table has a unit column but no score column: add a column such as 'Tổng điểm' or 'Điểm đánh giá'",
        "bảng có cột đơn vị nhưng không có cột điểm: thêm cột như 'Tổng điểm' hoặc 'Điểm đánh giá'",
    ),
    "values-are-ranks": Rule(
        "this column holds 1, 2, 3 … in order: ranks, not scores; head it 'Xếp hạng' (or 'Vị thứ')",
        "cột này ghi 1, 2, 3 … theo thứ tự: là thứ hạng, không phải điểm; hãy đặt tiêu đề 'Xếp hạng' (hoặc 'Vị thứ')",
    ),
    "max-zero": Rule(
        "a maximum must be more than 0: nothing can be scored out of it",
        "điểm tối đa phải lớn hơn 0: không thể chấm điểm trên thang điểm này",
    ),
    "reduced-max-invalid": Rule(
        "the unit's reduced maximum must be more than 0 and at most the maximum",
        "điểm tối đa sau khi trừ phần không đánh giá phải lớn hơn 0 và không vượt điểm tối đa",
    ),
    "score-column-empty": Rule(
        "the score column has no value in any unit's row", "cột điểm không có giá trị ở dòng nào của các đơn vị"
    ),
    "total-no-max": Rule(
        "the column prints no maximum and has values above 100, so it is not an index out of 100: write the "
        "maximum in the header ('Tổng điểm (200)') or set it in report.toml ([maxima] total = …)",
        "cột không ghi điểm tối đa và có giá trị trên 100 nên không phải chỉ số trên thang 100: ghi điểm tối đa "
        "vào tiêu đề ('Tổng điểm (200)') hoặc đặt trong report.toml ([maxima] total = …)",
    ),
    "max-assumed-100": Rule(
        "the table prints no maximum and no value is above 100: it is read as an index out of 100, the decree's "
        "scale (set [maxima] total in report.toml if it is out of another maximum)",
        "bảng không ghi điểm tối đa và không có giá trị nào trên 100: được đọc là chỉ số trên thang điểm 100 "
        "theo quy định (đặt [maxima] total trong report.toml nếu thang điểm khác)",
    ),
    "components-no-max": Rule(
        "the components {columns} print no maximum: the total '{total}' is read alone and they are only checked "
        "against it (set their maxima in report.toml, [maxima], to report them as fields)",
        "các cột thành phần {columns} không ghi điểm tối đa: chỉ đọc tổng '{total}' và dùng các cột này để "
        "kiểm tra tổng (đặt điểm tối đa của chúng trong report.toml, mục [maxima], để báo cáo theo từng lĩnh vực)",
    ),
    "parts-differ": Rule(
        "the components of {unit} add up to {parts}, its total is {total}; the total is used",
        "các cột thành phần của {unit} cộng lại là {parts}, tổng điểm ghi {total}; dùng tổng điểm",
    ),
    "column-empty": Rule(
        "the column has no value in any unit's row: it is left out",
        "cột không có giá trị ở dòng nào của các đơn vị: bỏ qua cột này",
    ),
    "column-not-scores": Rule(
        "the column holds text, not scores: it is left out", "cột ghi chữ, không phải điểm: bỏ qua cột này"
    ),
    "columns-ignored": Rule(
        "the columns {columns} after the total '{total}' do not add up to it: they are left out",
        "các cột {columns} sau cột tổng '{total}' không cộng lại bằng tổng: bỏ qua các cột này",
    ),
    # the settings file of a group, <raw>/<group>/report.toml (pipeline/settings.py)
    "settings-unreadable": Rule(
        "the settings file is not valid TOML: {detail}",
        "tệp cấu hình không đúng cú pháp TOML: {detail}",
    ),
    "settings-unknown-key": Rule(
        "unknown key '{key}' (known here: {known})",
        "khóa '{key}' không hợp lệ (các khóa dùng được: {known})",
    ),
    "settings-bad-value": Rule(
        "key '{key}' must be {expected}",
        "khóa '{key}' phải là {expected}",
    ),
    "settings-threshold-order": Rule(
        "key '{key}': grade thresholds must go down from 'xuat_sac' to 'trung_binh', each between 0 and 100 "
        "(found {found})",
        "khóa '{key}': ngưỡng xếp loại phải giảm dần từ 'xuat_sac' đến 'trung_binh', mỗi ngưỡng từ 0 đến 100 "
        "(đang là {found})",
    ),
    "settings-block-unknown-unit": Rule(
        "key '{key}': block '{block}' names unit '{unit}', which is not in this year's sheets",
        "khóa '{key}': khối '{block}' ghi đơn vị '{unit}', không có trong bảng điểm năm nay",
    ),
    "settings-unit-two-blocks": Rule(
        "key '{key}': unit '{unit}' is in two blocks, '{first}' and '{second}'",
        "khóa '{key}': đơn vị '{unit}' thuộc hai khối, '{first}' và '{second}'",
    ),
    "settings-unit-no-block": Rule(
        "key '{key}': unit '{unit}' is in no block; add it to one",
        "khóa '{key}': đơn vị '{unit}' không thuộc khối nào; hãy thêm vào một khối",
    ),
    # automatic fixes, reported once per kind
    "fix-text-numbers": Rule(
        "scores typed as text were read as numbers", "điểm nhập dạng chữ đã được đọc thành số", fix=True
    ),
    "fix-legacy-tcvn3": Rule(
        "text in the legacy TCVN3 (ABC) encoding was converted to Unicode",
        "chữ gõ bằng bảng mã cũ TCVN3 (ABC) đã được chuyển sang Unicode",
        fix=True,
    ),
    "fix-legacy-vni": Rule(
        "text in the legacy VNI encoding was converted to Unicode",
        "chữ gõ bằng bảng mã cũ VNI đã được chuyển sang Unicode",
        fix=True,
    ),
    "fix-sheet-ignored": Rule(
        "sheets without a table of scores were ignored",
        "đã bỏ qua các trang tính không có bảng điểm",
        fix=True,
        counts="sheets",
    ),
    "fix-hidden-sheet": Rule("hidden sheets were ignored", "đã bỏ qua các trang tính bị ẩn", fix=True, counts="sheets"),
}

_SHOWN_PLACES = 5
_PLACE_WORDS = {
    "en": ("{}", "sheet '{}'", "row {}", "column '{}'"),
    "vi": ("tệp {}", "trang tính '{}'", "dòng {}", "cột '{}'"),
}


def message(rule: str, params: dict, lang: str = "en") -> str:
    """The rule's text in one language ("en" or "vi"), its parameters filled in."""
    spec = RULES[rule]
    words = {name: TERMS[params[name]][lang == "vi"] for name in spec.terms if params.get(name) in TERMS}
    return (spec.vi if lang == "vi" else spec.en).format(**{**params, **words})


def _number(value: object, lang: str) -> object:
    """Numbers in messages: 3.0 -> "3" in English, 10.85 -> "10,85" in Vietnamese."""
    if isinstance(value, float):
        return f"{half_up(value, 2):g}".replace(".", ",") if lang == "vi" else f"{value:g}"
    return value


@dataclass(frozen=True)
class Problem:
    severity: str
    rule: str  # an id of RULES
    file: str = ""
    sheet: str = ""
    row: int | None = None  # 1-based, as Excel shows it
    column: str = ""
    value: object = None
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The rule with its parameters, without the place."""
        if RULES[self.rule].fix:
            return _fix_text(self, lang)
        return message(self.rule, {k: _number(v, lang) for k, v in self.params.items()}, lang)

    def where(self, lang: str = "en") -> str:
        """ "a.xlsx, sheet 'S', row 8, column 'Điểm thẩm định'" (in Vietnamese: "tệp a.xlsx, trang tính …")."""
        if not self.file:
            return ""
        words = _PLACE_WORDS[lang]
        values = (self.file, self.sheet, self.row, self.column)
        return ", ".join(word.format(v) for word, v in zip(words, values, strict=True) if v not in ("", None))

    def where_vi(self) -> str:
        return self.where("vi")

    def text_vi(self) -> str:
        """The problem in Vietnamese, with its place."""
        where, value = self.where_vi(), "" if self.value is None else f" (giá trị: {self.value!r})"
        return f"{where}: {self.text('vi')}{value}" if where else f"{self.text('vi')}{value}"

    def __str__(self) -> str:
        value = "" if self.value is None else f" (value: {self.value!r})"
        where = self.where()
        return f"{where}: {self.text()}{value}" if where else f"{self.text()}{value}"

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("severity", "rule", "file", "sheet", "row", "column", "value", "params")}


@dataclass
class ProblemLog:
    """Collects problems while reading; errors stop a district-year, warnings travel to the report.

    Automatic fixes are counted per kind and place (`fixed`) and reported once per kind, as warnings.
    """

    problems: list[Problem] = field(default_factory=list)
    fixes: dict[str, Counter] = field(default_factory=dict)  # fix rule -> place -> how many

    def error(self, rule: str, **where) -> None:
        self._add(ERROR, rule, where)

    def warn(self, rule: str, **where) -> None:
        self._add(WARNING, rule, where)

    def fixed(self, rule: str, place: str, n: int = 1) -> None:
        """Something corrected or skipped automatically, `n` times at `place` ("file [sheet]")."""
        if n:
            self.fixes.setdefault(rule, Counter())[place] += n

    def _add(self, severity: str, rule: str, where: dict) -> None:
        if rule not in RULES:
            raise KeyError(f"unknown rule id {rule!r}: add it to pipeline/errors.py RULES")
        place = {k: where.pop(k) for k in ("file", "sheet", "row", "column", "value") if k in where}
        if hasattr(place.get("value"), "item"):  # numpy scalars print as np.float64(3.0)
            place["value"] = place["value"].item()
        self.problems.append(Problem(severity, rule, params=where, **place))

    def has_error_at(self, file: str, sheet: str, row: int) -> bool:
        return any((p.file, p.sheet, p.row) == (file, sheet, row) for p in self.errors)

    def found(self) -> list[Problem]:
        """Every problem: the errors, then the warnings."""
        return self.errors + self.warnings

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """One warning per kind of automatic fix naming where it was made, then the other warnings."""
        fixes = [fix_summary(rule, places) for rule, places in sorted(self.fixes.items())]
        return fixes + [p for p in self.problems if p.severity == WARNING]


def fix_summary(rule: str, places: Counter) -> Problem:
    """One warning for a kind of automatic fix: how many cells or sheets, and which sheets."""
    names = sorted(places)
    return Problem(WARNING, rule, params={"count": sum(places.values()), "places": names})


def _fix_text(problem: Problem, lang: str) -> str:
    spec, places, n = RULES[problem.rule], problem.params["places"], problem.params["count"]
    shown = ", ".join(places[:_SHOWN_PLACES])
    more = len(places) - _SHOWN_PLACES
    if lang == "vi":
        shown += f" và {more} trang khác" if more > 0 else ""
        cells = f"{n} ô trong " if spec.counts == "cells" else ""
        return f"{spec.vi} ({cells}{len(places)} trang tính: {shown})"
    shown += f" and {more} more" if more > 0 else ""
    cells = f"{_plural(n, 'cell')} in " if spec.counts == "cells" else ""
    return f"{spec.en} ({cells}{_plural(len(places), 'sheet')}: {shown})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def problem_from_dict(data: dict) -> Problem:
    return Problem(**data)


# ---------------------------------------------------------------- exceptions


class NotebookMessage:
    """Mixin: in a notebook (IPython, so JupyterLab and papermill) the error shows as its message,
    in Vietnamese with the English beside it, instead of a traceback through the package."""

    def message_lines(self) -> list[str]:
        return str(self).splitlines()

    def _render_traceback_(self) -> list[str]:  # IPython's hook: these lines replace the traceback
        return self.message_lines()


class PipelineError(NotebookMessage, Exception):
    """The root of the project's own exceptions: each says what the user needs, in its message."""


FIX_AND_RUN_AGAIN = "Sửa bảng điểm rồi chạy lại — fix the sheets, then Run All again (`make validate` lists them all)."


class DataError(PipelineError):
    """Raw data that cannot become a report; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], context: str = ""):
        self.problems = problems
        self.context = context
        lines = [f"{len(problems)} data error(s){' in ' + context if context else ''}:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))

    def __reduce__(self):  # crosses process boundaries (worker -> parent) intact
        return (DataError, (self.problems, self.context))

    def message_lines(self) -> list[str]:
        lines = [f"Bảng điểm có {len(self.problems)} lỗi, chưa lập được báo cáo — {str(self).splitlines()[0]}"]
        lines += [f"  - {p.text_vi()} — {p}" for p in self.problems]
        lines.append(FIX_AND_RUN_AGAIN)
        return lines


class ParameterError(PipelineError, ValueError):
    """A notebook parameter that cannot be used as given, such as a year that is not a number."""


class ReportNotFound(PipelineError, LookupError):
    """No data for the district or year asked for; the message lists those that exist and the closest."""

    def __init__(self, message: str, choices: list[str], closest: str | None = None):
        self.choices, self.closest = choices, closest
        super().__init__(message)
