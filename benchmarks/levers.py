"""What each speed lever of issue 13 gives, measured side by side in one process on the same report.

    .venv/bin/python benchmarks/levers.py [--runs 3] [REPORT_HTML ...]

Input: report HTML files a build made (default: Phong Thổ 2023 and Tỉnh Lam Sơn 2025 from outputs/,
build them first). Each lever is timed against the way before it, medians of --runs, interleaved so a
noisy machine hits both alike:

- PDF, charts inline (the HTML as published) against charts printed as SVG images (pipeline/render.py);
- PDF, font subsetting with HarfBuzz (Debian's libharfbuzz-subset0) against fontTools;
- PDF, a new font configuration and print stylesheet per report against one kept per process;
- PDF, the charts' share: the same page with each chart emptied;
- PDF through Debian's Chromium (a browser kept open, Playwright) on the same print HTML: the other
  engine, for the record (issue 13 asks for numbers before any proposal);
- the charts themselves: drawing one ranking chart with matplotlib, and the report's number of charts.

Prints a Markdown table; nothing is written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import weasyprint.pdf.fonts as weasyprint_fonts  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from pipeline.write import charts, render  # noqa: E402

DEFAULT = [
    ROOT / "outputs" / "phong-tho" / "2023" / "report.html",
    ROOT / "outputs" / "tinh-lam-son" / "2025" / "report.html",
]
SVG = re.compile(r"<svg\b([^>]*?)>.*?</svg>", re.S)


def inline_pdf(html: str) -> bytes:
    """The PDF as it was made before issue 13: inline charts, a font configuration per report."""
    fonts = FontConfiguration()
    stylesheet = CSS(string=render.font_css(), font_config=fonts, url_fetcher=render._fetcher())
    return HTML(string=html, url_fetcher=render._fetcher()).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def fresh_pdf(html: str) -> bytes:
    """Charts as SVG images, but a new font configuration and stylesheet for this report."""
    fonts = FontConfiguration()
    css = render.font_css() + render.PRINT_CSS
    stylesheet = CSS(string=css, font_config=fonts, url_fetcher=render._fetcher())
    document = HTML(string=render.print_html(html), url_fetcher=render._fetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)


def fonttools_pdf(html: str) -> bytes:
    """Our PDF with WeasyPrint's fontTools subsetting, as on a machine without libharfbuzz-subset0."""
    harfbuzz = weasyprint_fonts.harfbuzz_subset
    weasyprint_fonts.harfbuzz_subset = None
    try:
        return render.html_to_pdf(html)
    finally:
        weasyprint_fonts.harfbuzz_subset = harfbuzz


def no_charts_pdf(html: str) -> bytes:
    return render.html_to_pdf(SVG.sub(lambda m: f"<svg{m[1]}></svg>", html))


class Chromium:
    """Debian's Chromium kept open, printing pages the way Playwright's page.pdf does."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        executable = shutil.which("chromium") or shutil.which("chromium-browser")
        if executable is None:
            raise RuntimeError("no chromium")
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=executable)
        self._page = self._browser.new_page()

    def pdf(self, html: str) -> bytes:
        style = f"<style>{render.font_css()}{render.PRINT_CSS}</style>"
        self._page.set_content(render.print_html(html).replace("</head>", style + "</head>", 1))
        return self._page.pdf(format="A4", prefer_css_page_size=True)

    def close(self):
        self._browser.close()
        self._playwright.stop()


def one_chart() -> str:
    scores = {f"Đơn vị {i:02d}": 100 - i * 0.7 for i in range(40)}
    return charts.ranking_chart(scores, 100, highlight={"Đơn vị 39"}, mean=86.0)


def median_of(runs: int, cases: dict) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, call in cases.items():
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    try:
        chromium = Chromium()
    except Exception as exc:  # no browser here: the other levers are still measured
        print(f"Chromium not measured: {exc}")
        chromium = None
    rows = []
    for path in args.html:
        html = path.read_text(encoding="utf-8")
        render.html_to_pdf(html)  # warm: imports, fonts
        cases = {
            "before: inline charts, fonts per report": lambda h=html: inline_pdf(h),
            "charts as SVG images, fonts per report": lambda h=html: fresh_pdf(h),
            "charts as SVG images, fonts kept (ours)": lambda h=html: render.html_to_pdf(h),
            "ours with fontTools instead of HarfBuzz": lambda h=html: fonttools_pdf(h),
            "ours with every chart emptied": lambda h=html: no_charts_pdf(h),
        }
        if chromium is not None:
            chromium.pdf(html)
            cases["Chromium, same print HTML"] = lambda h=html: chromium.pdf(h)
        medians = median_of(args.runs, cases)
        count = len(SVG.findall(html))
        rows.append((path, count, medians))
        print(f"{path}: {count} charts", flush=True)
        for name, seconds in medians.items():
            print(f"  {name:45} {seconds:7.2f} s", flush=True)
    if chromium is not None:
        chromium.close()
    one_chart()
    chart = median_of(max(args.runs, 5), {"chart": one_chart})["chart"]
    print(f"\none 40-unit ranking chart drawn by matplotlib (SVG): {chart * 1000:.0f} ms (median)")
    print("\n| PDF of | " + " | ".join(rows[0][2]) + " |")
    print("| --- | " + " | ".join("---:" for _ in rows[0][2]) + " |")
    for path, count, medians in rows:
        name = "/".join(path.parts[-3:-1])
        print(f"| {name} ({count} charts) | " + " | ".join(f"{s:.2f}" for s in medians.values()) + " |")


if __name__ == "__main__":
    main()
