"""Benchmark: the time the Word documents, the units' documents and the annex add to a report.

    .venv/bin/python benchmarks/documents.py [--units 170]

For each sample report (data/raw) and one generated province-sized report (--units units, made by
benchmarks/run.py's generator): the report's HTML is rendered once from its analysis through the
notebook's own section functions, then timed, each a median of 3 runs in this one process:
the PDF (WeasyPrint, what the report already costs), report.docx, the units' documents (HTML and
Word, per unit) and the annex (xlsx and docx). Writes the "Word documents, units and annex" section of
docs/benchmarks.md (between its markers; `make benchmark` keeps it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import generate  # noqa: E402
from pipeline import config, documents, layout, report, store  # noqa: E402
from pipeline.render import html_to_pdf  # noqa: E402

START, END = "<!-- documents: benchmarks/documents.py -->", "<!-- /documents -->"
SECTIONS = ("title_block", "implementation", "overview", "fields", "assessment", "closing", "appendix")


def report_page(r: report.Report) -> str:
    """The report page as the build makes it (the notebook's section calls, in its order)."""
    body = "\n".join(getattr(report, name)(r).data for name in SECTIONS)
    css = (documents.TEMPLATES / "report.css").read_text(encoding="utf-8")
    return f'<html><head><style>{css}</style></head><body><main class="report">{body}</main></body></html>'


def median(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(dy, processed: Path, work: Path) -> dict:
    a = store.analysis_of(dy, processed, config.WEAKEST_N)
    page = report_page(report.Report.of(a))
    n = len(a.units)
    return {
        "report": f"{dy.district} {dy.year}",
        "units": n,
        "pdf": median(lambda: html_to_pdf(page), runs=1),
        "docx": median(lambda: documents.write_report_docx(page, "t", work / "report.docx", None)),
        "units_total": (u := median(lambda: documents.write_units(a, work / "units", None))),
        "per_unit": u / n,
        "annex": median(lambda: documents.write_annex(a, work / "annex.xlsx", work / "annex.docx", None)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=170, help="units of the generated province report")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        targets = [(dy, config.PROCESSED_DIR) for dy in layout.discover(config.RAW_DIR)]
        generate(tmp / "raw", districts=1, units=args.units, years=1, first_year=2023, prefix="Tỉnh Mẫu")
        targets += [(dy, tmp / "processed") for dy in layout.discover(tmp / "raw")]
        for dy, processed in targets:
            rows.append(measure(dy, processed, tmp))
            print(rows[-1], flush=True)
    write_section(args.doc, rows)


def table(rows: list[dict]) -> str:
    lines = [
        "| report | units | PDF (s) | report.docx (s) | units' documents (s) | per unit (s) | annex (s) | added / PDF |",  # noqa: E501
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        added = r["docx"] + r["units_total"] + r["annex"]
        lines.append(
            f"| {r['report']} | {r['units']} | {r['pdf']:.2f} | {r['docx']:.2f} | {r['units_total']:.2f} "
            f"| {r['per_unit']:.3f} | {r['annex']:.2f} | {added / r['pdf']:.2f} |"
        )
    return "\n".join(lines)


def write_section(path: Path, rows: list[dict]) -> None:
    section = f"""{START}
## Word documents, units and annex

Measured by `benchmarks/documents.py` on {time.strftime("%Y-%m-%d")} (one process, medians of 3 runs; the
PDF once), on the sample reports and one generated province-sized report. "added / PDF" is the time the
three new outputs add to a report, over the report's own PDF time.

{table(rows)}

Each chart of report.docx is drawn a second time, as a 300 dpi PNG (resvg); a unit's documents (HTML
and Word) have no chart and run no notebook.
{END}
"""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
