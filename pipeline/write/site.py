"""outputs/index.html: the page an analyst shares, linking every built report. Self-contained."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from ..core.files import atomic_write_text
from ..core.text import capitalise, count, dec, signed
from ..model.units import unit_label

log = logging.getLogger(__name__)

_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>Báo cáo Chỉ số cải cách hành chính</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; padding: 0 1.5em; max-width: 1100px;
       color: #1a1a1a; }}
h1 {{ font-size: 1.4em; }}
input {{ font-size: 1em; padding: 4px 8px; width: 22em; margin-bottom: 1em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; }}
th {{ background: #eef1f6; }}
td.num {{ text-align: right; }}
small.mark {{ color: #8a4b00; }}
</style>
</head>
<body>
<h1>Báo cáo Chỉ số cải cách hành chính theo đơn vị chấm điểm và năm</h1>
<p>{count} báo cáo. <label>Lọc:
<input id="filter" type="search" placeholder="tên huyện, tỉnh, năm, đơn vị…" /></label></p>
<table id="reports">
<thead><tr><th>Năm</th><th>Đơn vị chấm điểm</th><th class="num">Số đơn vị</th>
<th class="num">Trung bình (so với năm trước)</th><th>Cao nhất</th><th>Thấp nhất</th><th>Báo cáo</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p id="nothing" hidden>Không tìm thấy báo cáo nào có “<span id="query"></span>” (nothing found).</p>
<script>
// Search every unit's name too (data-units), ignoring case, diacritics and so both tone-mark styles
// ("Hoà" and "Hòa"): both sides are folded to plain lower-case letters and digits.
function fold(text) {{
  return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/đ/g, "d")
    .replace(/[^a-z0-9]+/g, " ");
}}
var rows = Array.prototype.map.call(document.querySelectorAll("#reports tbody tr"), function (row) {{
  return {{ row: row, text: " " + fold(row.textContent + " " + row.getAttribute("data-units")) + " " }};
}});
document.getElementById("filter").addEventListener("input", function (event) {{
  var words = fold(event.target.value).split(" ").filter(Boolean);
  var shown = 0;
  rows.forEach(function (r) {{
    r.row.hidden = !words.every(function (w) {{ return r.text.indexOf(w) >= 0; }});
    shown += r.row.hidden ? 0 : 1;
  }});
  document.getElementById("query").textContent = event.target.value.trim();
  document.getElementById("nothing").hidden = shown > 0;
}});
</script>
</body>
</html>
"""


def body_name(summary: dict) -> str:
    """The scoring body as the index names it: "Tỉnh Lam Sơn", "Huyện Phong Thổ" (summary.json `body`);
    the folder name for a summary written before it had one."""
    body = summary.get("body")
    if not body:
        return summary["district"]
    return capitalise(f"{body['kind']} {body['name']}")


def _row(summary: dict, folder: Path, out_dir: Path, files: tuple[tuple[str, str], ...]) -> str:
    rel = folder.relative_to(out_dir).as_posix()
    links = [f'<a href="{html.escape(rel)}/{name}">{label}</a>' for label, name in files if (folder / name).exists()]
    links += [_units(summary.get("unit_documents") or {}, folder, rel)]
    units = summary.get("units", [])
    names = " · ".join(u["name"] for u in units)
    return (
        f'<tr data-units="{html.escape(names)}"><td>{summary["year"]}</td>'
        f"<td>{html.escape(body_name(summary))}{_marks(summary)}</td>"
        f'<td class="num">{summary["n_units"]}</td><td class="num">{html.escape(_mean(summary))}</td>'
        f"<td>{html.escape(_best(summary, units))}</td><td>{html.escape(_lowest(summary, units))}</td>"
        f"<td>{' · '.join(x for x in links if x)}</td></tr>"
    )


_TIED_SHOWN = 3


def _value(summary: dict, value: float) -> str:
    """A compared value as the report writes it: the index with "%" where a maximum is reduced."""
    return f"{dec(value)}%" if summary.get("compared_on") == "index" else dec(value)


def _mean(summary: dict) -> str:
    """ "89,74 (+0,36)": the average the report states (index % where a maximum is reduced), two decimals."""
    text = _value(summary, summary.get("mean", summary["mean_total"]))
    change = summary.get("mean_change")
    return text if change is None else f"{text} ({signed(change)})"


def _shown(summary: dict, unit: dict) -> str:
    return f"{unit_label(unit['name'], unit.get('type'))} ({_value(summary, unit.get('value', unit['total']))})"


def _best(summary: dict, units: list[dict]) -> str:
    """The unit ranked first (in each block, where the ranking is by block); when more than three tie there,
    how many (the filter still finds each)."""
    best = [u for u in units if u.get("rank", u.get("block_rank")) == 1]
    if len(best) > _TIED_SHOWN:
        return f"{count(len(best))} đơn vị cùng đạt {_value(summary, best[0].get('value', best[0]['total']))}"
    return "; ".join(_shown(summary, u) for u in best)


def _lowest(summary: dict, units: list[dict]) -> str:
    weakest = summary["weakest_units"][0]["name"] if summary.get("weakest_units") else None
    return "; ".join(_shown(summary, u) for u in units if u["name"] == weakest)


def _marks(summary: dict) -> str:
    """Small marks for what the analyst should know before sharing: field totals only, data notes."""
    marks = [] if summary.get("has_criteria", True) else ["chỉ có điểm lĩnh vực"]
    if summary.get("warnings"):
        marks.append(f"{count(len(summary['warnings']))} ghi chú dữ liệu")
    return "".join(f'<br/><small class="mark">{html.escape(m)}</small>' for m in marks)


def _units(documents: dict[str, str], folder: Path, rel: str) -> str:
    """Each unit's own document, by name (so the filter finds a unit), folded under a count."""
    links = [
        f'<a href="{html.escape(rel)}/{html.escape(stem)}.html">{html.escape(name)}</a>'
        f' (<a href="{html.escape(rel)}/{html.escape(stem)}.docx">Word</a>)'
        for name, stem in documents.items()
        if (folder / f"{stem}.html").exists()
    ]
    if not links:
        return ""
    return f"<details><summary>Đơn vị ({len(links)})</summary>{'; '.join(links)}</details>"


def write_index(out_dir: Path, links: tuple[tuple[str, str], ...]) -> Path:
    """(Re)write out_dir/index.html from every report's summary.json found there, each with `links` to the
    files it has: (label, file), in order, as the build's output registry gives them (build/outputs.py)."""
    out_dir = Path(out_dir)
    entries = []
    for path in sorted(out_dir.glob("*/*/summary.json")):
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            log.warning("index: skipping unreadable %s (%s)", path, exc)
            continue
        entries.append((-int(summary["year"]), summary["district"], _row(summary, path.parent, out_dir, links)))
    rows = "\n".join(row for *_, row in sorted(entries))
    target = out_dir / "index.html"
    atomic_write_text(target, _PAGE.format(count=len(entries), rows=rows))
    return target
