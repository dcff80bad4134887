"""The report's sections, as HTML blocks the notebook displays: one call per section.

Every text from the data (unit, criterion and reason texts) is escaped here, so what a clerk
typed into a sheet is shown as text, never interpreted as markup.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from . import analyse, charts, ingest, narrative, params, store
from .errors import DataError
from .names import slugify
from .narrative import num, score_of

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Report:
    analysis: analyse.Analysis
    labels: dict[str, str]  # unit name -> "xã Mường So"
    previous_year: int

    @property
    def district(self) -> str:
        return self.analysis.district

    @property
    def year(self) -> int:
        return self.analysis.year


def load(district: str, year: int, raw_dir: str | Path, processed_dir: str | Path, weakest_n: int = 3) -> Report:
    """Load (preparing from raw sheets if needed) one district-year and its previous year, and analyse."""
    year, raw_dir, processed_dir = params.resolve(district, year, raw_dir, processed_dir)
    current = _load_or_prepare(district, year, Path(raw_dir), Path(processed_dir))
    if current is None:
        raise params.not_found(district, year, raw_dir)
    warnings, warnings_vi = list(current.warnings), list(current.warnings_vi)
    try:
        previous = _load_or_prepare(district, year - 1, Path(raw_dir), Path(processed_dir))
    except DataError:  # last year's sheets have errors: report this year without the comparison
        previous = None
        warnings.append(f"the {year - 1} sheets have data errors: ranks are not compared with {year - 1}")
        warnings_vi.append(f"bảng điểm năm {year - 1} có lỗi dữ liệu: không so sánh thứ hạng với năm {year - 1}")
    analysis = analyse.analyse(
        current.scores, previous.scores if previous else None, weakest_n, warnings=warnings, warnings_vi=warnings_vi
    )
    units = analysis.units
    labels = {n: narrative.unit_label(n, t) for n, t in zip(units["name"], units["unit_type"], strict=True)}
    return Report(analysis, labels, year - 1)


def _load_or_prepare(district: str, year: int, raw_dir: Path, processed_dir: Path) -> store.Processed | None:
    """The district-year's table, current with its sheets (store.prepare reads them again only if they
    changed); a stored table alone when the raw sheets are not here."""
    dy = ingest.find(raw_dir, district, year)
    if dy is not None:
        return store.prepare(dy, processed_dir)
    return store.load(processed_dir, slugify(district), year)


# ---------------------------------------------------------------- HTML helpers


def _e(text: object) -> str:
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{_e(text)}</p>' if cls else f"<p>{_e(text)}</p>"


def _table(header: list[str], rows: list[list[object]], numeric: set[int], cls: str = "") -> str:
    """A table with numbers right-aligned; a row whose cells after the second are empty is a group line."""
    head = "".join(f'<th class="{"num" if i in numeric else ""}">{_e(h)}</th>' for i, h in enumerate(header))
    body = "".join(_row(row, numeric) for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _row(row: list[object], numeric: set[int]) -> str:
    if len(row) > 2 and not any(str(v) for v in row[2:]):
        return f'<tr class="group"><td class="num">{_e(row[0])}</td><td colspan="{len(row) - 1}">{_e(row[1])}</td></tr>'
    cells = "".join(f'<td class="{"num" if i in numeric else ""}">{_e(v)}</td>' for i, v in enumerate(row))
    return f"<tr>{cells}</tr>"


def _figure(png: bytes, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}"/>'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def _figures(parts: list[bytes], caption: str) -> str:
    """One chart, in parts when there are many units: "Biểu đồ 3 (phần 2/5): ..."."""
    if len(parts) == 1:
        return _figure(parts[0], caption)
    number, text = caption.split(":", 1)
    return "".join(_figure(png, f"{number} (phần {i}/{len(parts)}):{text}") for i, png in enumerate(parts, 1))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _section(title: str, body: str, cls: str = "") -> HTML:
    return HTML(f'<section class="{cls}"><h2>{_e(title)}</h2>{body}</section>')


def _unit_kinds(r: Report) -> str:
    present = set(r.analysis.units["unit_type"].dropna())
    kinds = [k for k in ("xã", "phường", "thị trấn", "đặc khu") if k in present]
    return ", ".join(kinds) if kinds else "xã, thị trấn"


def title(r: Report) -> str:
    return (
        f"Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm {r.year} của UBND các "
        f"{_unit_kinds(r)} trên địa bàn huyện {r.district}"
    )


# ---------------------------------------------------------------- sections


def title_block(r: Report) -> HTML:
    return HTML(
        '<header class="title-block">'
        '<table class="letterhead"><tr>'
        "<td><strong>HỘI ĐỒNG THẨM ĐỊNH<br/>CHỈ SỐ CẢI CÁCH HÀNH CHÍNH</strong><br/>"
        "Số: &nbsp;&nbsp;&nbsp;/BC-HĐTĐ</td>"
        "<td><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br/><u>Độc lập - Tự do - Hạnh phúc</u><br/>"
        f"<em>{_e(r.district)}, ngày &nbsp;&nbsp; tháng &nbsp;&nbsp; năm {r.year + 1}</em></td>"
        "</tr></table>"
        f'<h1>BÁO CÁO TÓM TẮT</h1><p class="subtitle">{_e(title(r))}</p>'
        "</header>"
    )


def overview(r: Report) -> HTML:
    a = r.analysis
    units = a.units
    body = _p(narrative.overview_paragraph(units, r.year, r.labels))
    weak = set(a.weakest["name"])
    body += _figures(
        charts.ranking_charts(
            dict(zip(units["name"], units["total"], strict=True)),
            float(units["max"].max()),
            weak,
            float(units["total"].mean()),
        ),
        "Biểu đồ 1: Xếp hạng Chỉ số cải cách hành chính các đơn vị",
    )
    body += "<h3>Bảng xếp hạng</h3>" + ranking_table(r)
    return _section("I. KẾT QUẢ CHUNG", body)


def ranking_table(r: Report) -> str:
    a = r.analysis
    codes = list(a.field_scores.columns)
    header = ["Hạng", "Đơn vị"] + [ROMAN[int(c) - 1] for c in codes] + ["Tổng", "%"]
    if a.has_criteria:
        header.append("TC tối đa")
    if a.has_previous:
        header.append(f"So với {r.previous_year}")
    rows = []
    n = len(a.units)
    for u in a.units.itertuples():
        row = [f"{u.rank}/{n}", r.labels[u.name]] + [num(a.field_scores.at[u.name, c]) for c in codes]
        row += [num(u.total), num(u.index_pct)]
        if a.has_criteria:
            row.append(f"{u.criteria_full}/{u.n_criteria}")
        if a.has_previous:
            row.append(_change_cell(u.prev_rank, u.rank_change))
        rows.append(row)
    legend = "; ".join(f"{ROMAN[int(f.code) - 1]}: {f.name} ({num(f.max)})" for f in a.fields.itertuples())
    legend += "; %: tổng điểm so với điểm tối đa"
    if a.has_criteria:
        legend += "; TC tối đa: số tiêu chí đạt điểm tối đa"
    if a.has_previous:
        legend += f"; thứ hạng so với năm {r.previous_year} (chưa có: đơn vị không có trong dữ liệu năm đó)"
    numeric = set(range(2, len(header))) | {0}
    return _table(header, rows, numeric, "ranking") + _p(f"Ghi chú: {legend}.", "note")


def _change_cell(prev_rank: object, change: object) -> str:
    """ "tăng 3 bậc", "giảm 2 bậc", "giữ nguyên", or "chưa có" for a unit new this year."""
    if pd.isna(prev_rank):
        return "chưa có"
    change = int(change)
    return f"tăng {change} bậc" if change > 0 else f"giảm {-change} bậc" if change < 0 else "giữ nguyên"


def fields(r: Report) -> HTML:
    a = r.analysis
    weak = set(a.weakest["name"])
    parts = []
    for i, f in enumerate(a.fields.itertuples(), start=1):
        scores = a.field_scores[f.code]
        text = narrative.field_paragraph(pd.Series(f._asdict()), r.year, r.labels, scores, a.has_criteria)
        chart = charts.ranking_charts(scores.dropna().to_dict(), f.max, weak, f.mean)
        keep = ' class="field"' if len(chart) == 1 else ""  # a chart in parts cannot fit one page
        parts.append(
            f"<div{keep}><h3>{i}. Lĩnh vực {_e(f.name)}</h3>{_p(text)}"
            + _figures(chart, f"Biểu đồ {i + 1}: Xếp hạng chỉ số lĩnh vực {f.name}")
            + "</div>"
        )
    return _section("II. KẾT QUẢ THEO TỪNG LĨNH VỰC", "".join(parts))


NO_CRITERIA = (
    "Dữ liệu năm nay chỉ có điểm theo lĩnh vực (bảng tổng hợp của huyện), không có điểm chi tiết "
    "từng tiêu chí, nên báo cáo không phân tích được tiêu chí bị trừ điểm."
)


def weakest(r: Report) -> HTML:
    a = r.analysis
    n = len(a.units)
    body = _p(f"Các đơn vị có tổng điểm thấp nhất ({len(a.weakest)} đơn vị, kể cả đơn vị đồng hạng):")
    body += (
        "<ul>"
        + "".join(
            f"<li>{_e(narrative.weakest_sentence(pd.Series(w._asdict()), r.labels[w.name], n))}</li>"
            for w in a.weakest.itertuples()
        )
        + "</ul>"
    )
    if not a.has_criteria:
        body += _p(NO_CRITERIA, "note")
    else:
        body += "<h3>Tiêu chí bị trừ nhiều điểm nhất trên toàn huyện</h3>"
        rows = [
            [
                c.code,
                c.name,
                num(c.points_lost),
                f"{c.units_affected}/{n}",
                _some(c.units, r.labels),
                "; ".join(c.reasons[:3]),
            ]
            for c in a.top_lost.head(10).itertuples()
        ]
        body += _table(
            ["Mã", "Tiêu chí", "Tổng điểm bị trừ", "Số đơn vị", "Đơn vị bị trừ điểm", "Lý do thường gặp"],
            rows,
            {0, 2, 3},
            "lost",
        )
    gaps = a.gaps[a.gaps["gap"] > 0].head(5)
    if len(gaps):
        body += "<h3>Đơn vị tự chấm cao hơn nhiều so với kết quả thẩm định</h3>"
        rows = [[r.labels[g.name], num(g.self_total), num(g.total), num(g.gap)] for g in gaps.itertuples()]
        body += _table(["Đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Chênh lệch"], rows, {1, 2, 3}, "gaps")
    return _section("III. ĐƠN VỊ CÓ KẾT QUẢ THẤP VÀ NGUYÊN NHÂN", body)


def _some(units: list[str], labels: dict[str, str], shown: int = 6) -> str:
    """ "Đào San, Bản Lang, Mù Sang và 4 đơn vị khác": names, capped for a province."""
    names = [labels[u].split(" ", 1)[-1] if labels[u].startswith("xã ") else labels[u] for u in units[:shown]]
    return ", ".join(names) + (f" và {len(units) - shown} đơn vị khác" if len(units) > shown else "")


def _lost_rows(r: Report, unit: str, lost: pd.DataFrame) -> list[list[object]]:
    """The unit's lost criteria under a line per field: "1. Chỉ đạo...: 10,85/15 điểm, 02 tiêu chí bị trừ điểm"."""
    a = r.analysis
    fields = a.fields.set_index("code")
    rows = []
    for code, group in lost.groupby("field", sort=False):
        score = a.field_scores.at[unit, code]
        rows.append(
            [
                code,
                f"{fields.at[code, 'name']}: {score_of(score, fields.at[code, 'max'])} điểm, "
                f"{narrative.count(len(group))} tiêu chí bị trừ điểm",
                "",
                "",
                "",
                "",
            ]
        )
        rows += [
            [c.code, c.name, num(c.max), num(c.score), num(c.points_lost), c.reason or ""] for c in group.itertuples()
        ]
    return rows


def appendix(r: Report) -> HTML:
    a = r.analysis
    if not a.has_criteria:
        previous_year = r.previous_year if a.has_previous else None
        headlines = [
            narrative.unit_headline(pd.Series(u._asdict()), r.labels[u.name], len(a.units), previous_year, False)
            for u in a.units.itertuples()
        ]
        items = "".join(f"<li>{_e(h)}</li>" for h in headlines)
        return _section("PHỤ LỤC: KẾT QUẢ CỦA TỪNG ĐƠN VỊ", f"<ul>{items}</ul>" + _p(NO_CRITERIA, "note"), "appendix")
    parts = []
    n = len(a.units)
    previous_year = r.previous_year if a.has_previous else None
    for u in a.units.itertuples():
        lost = a.lost[a.lost["unit"] == u.name]
        head = narrative.unit_headline(pd.Series(u._asdict()), r.labels[u.name], n, previous_year, True)
        title = f"<h3>{_e(_capital(r.labels[u.name]))}</h3>{_p(head, 'lead')}"
        if lost.empty:
            parts.append(f'<div class="unit keep">{title}{_p("Không bị trừ điểm ở tiêu chí nào.")}</div>')
            continue
        rows = _lost_rows(r, u.name, lost)
        keep = " keep" if len(rows) <= 14 else ""
        parts.append(
            f'<div class="unit{keep}">{title}'
            + _p(
                f"Có {narrative.count(len(lost))} tiêu chí bị trừ điểm, tổng cộng "
                f"{num(lost['points_lost'].sum())} điểm:",
                "lead",
            )
            + _table(
                ["Mã", "Tiêu chí", "Tối đa", "Đạt", "Bị trừ", "Lý do trừ điểm"], rows, {0, 2, 3, 4}, "appendix-table"
            )
            + "</div>"
        )
    return _section("PHỤ LỤC: TIÊU CHÍ BỊ TRỪ ĐIỂM CỦA TỪNG ĐƠN VỊ", "".join(parts), "appendix")


def data_quality(r: Report) -> HTML:
    warnings = r.analysis.warnings_vi
    if not warnings:
        return _section("GHI CHÚ VỀ DỮ LIỆU", _p("Dữ liệu đầu vào không có điểm nào cần lưu ý."), "quality")
    items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
    return _section(
        "GHI CHÚ VỀ DỮ LIỆU",
        _p(f"{len(warnings)} điểm đã được tự động xử lý khi đọc bảng điểm:") + f"<ul>{items}</ul>",
        "quality",
    )
