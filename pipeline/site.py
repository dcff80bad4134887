"""outputs/index.html: the page an analyst shares, linking every built report. Self-contained."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from .files import atomic_write_text
from .text import num

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
</style>
</head>
<body>
<h1>Báo cáo Chỉ số cải cách hành chính theo huyện và năm</h1>
<p>{count} báo cáo. <label>Lọc: <input id="filter" type="search" placeholder="tên huyện, năm, đơn vị…" /></label></p>
<table id="reports">
<thead><tr><th>Năm</th><th>Huyện</th><th class="num">Số đơn vị</th><th class="num">Điểm trung bình</th>
<th>Đơn vị thấp nhất</th><th>Báo cáo</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<script>
document.getElementById("filter").addEventListener("input", function (event) {{
  var words = event.target.value.toLowerCase().normalize("NFC").split(/\\s+/).filter(Boolean);
  document.querySelectorAll("#reports tbody tr").forEach(function (row) {{
    var text = row.textContent.toLowerCase().normalize("NFC");
    row.hidden = !words.every(function (w) {{ return text.indexOf(w) >= 0; }});
  }});
}});
</script>
</body>
</html>
"""


def _row(summary: dict, folder: Path, out_dir: Path) -> str:
    rel = folder.relative_to(out_dir).as_posix()
    links = [
        f'<a href="{html.escape(rel)}/{name}">{label}</a>'
        for label, name in (
            ("HTML", "report.html"),
            ("PDF", "report.pdf"),
            ("Word", "report.docx"),
            ("Excel", "scores.xlsx"),
            ("Phụ lục", "annex.xlsx"),
            ("Phụ lục (Word)", "annex.docx"),
        )
        if (folder / name).exists()
    ]
    links += [_units(summary.get("unit_documents") or {}, folder, rel)]
    weakest = summary["weakest_units"][0] if summary.get("weakest_units") else None
    weakest_text = f"{weakest['name']} ({num(weakest['total'])})" if weakest else ""
    return (
        f"<tr><td>{summary['year']}</td><td>{html.escape(summary['district'])}</td>"
        f'<td class="num">{summary["n_units"]}</td><td class="num">{num(summary["mean_total"])}</td>'
        f"<td>{html.escape(weakest_text)}</td><td>{' · '.join(x for x in links if x)}</td></tr>"
    )


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


def write_index(out_dir: Path) -> Path:
    """(Re)write out_dir/index.html from every report's summary.json found there."""
    out_dir = Path(out_dir)
    entries = []
    for path in sorted(out_dir.glob("*/*/summary.json")):
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            log.warning("index: skipping unreadable %s (%s)", path, exc)
            continue
        entries.append((-int(summary["year"]), summary["district"], _row(summary, path.parent, out_dir)))
    rows = "\n".join(row for *_, row in sorted(entries))
    target = out_dir / "index.html"
    atomic_write_text(target, _PAGE.format(count=len(entries), rows=rows))
    return target
