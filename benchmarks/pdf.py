"""The PDF stage alone, Typst (ours) against WeasyPrint (the old engine), side by side in one run (issue 24).

For each report HTML given (default: the province sample's, Tỉnh Lam Sơn 2024 and 2025, as the last
`python -m pipeline build` wrote them), prints the seconds of:
- Typst in a new process: `import typst`, the shipped fonts loaded and the first compile, as a build's
  worker pays it for its first report (python -c, timed inside, interpreter start excluded);
- Typst warm: the same process's next compiles of that report (median of 5), as the build pays it from
  the second report on (the worker keeps the compiler and its caches);
- WeasyPrint on the same HTML in the shipped faces (the old engine, from the dev extra), once in a new
  process and once warm.

    .venv/bin/python benchmarks/pdf.py [report.html ...]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "outputs" / "tinh-lam-son" / str(year) / "report.html" for year in (2024, 2025)]

TYPST = """
import io, json, sys, time
start = time.perf_counter()
from pipeline.write import typst_pdf
page = open(sys.argv[1], encoding="utf-8").read()
pdf = typst_pdf.html_to_pdf(page)
new = time.perf_counter() - start
warm = []
for _ in range(5):
    t = time.perf_counter(); typst_pdf.html_to_pdf(page); warm.append(time.perf_counter() - t)
from pypdf import PdfReader
print(json.dumps({"new": new, "warm": warm, "pages": len(PdfReader(io.BytesIO(pdf)).pages)}))
"""

WEASY = """
import io, json, sys, time
start = time.perf_counter()
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from pipeline.write.fonts import FACES, FONTS
faces = "".join(f'@font-face {{ font-family: "P"; font-weight: {w}; font-style: {s}; src: url("{(FONTS / n).as_uri()}"); }}'
                for (w, s), n in FACES.items())
page = open(sys.argv[1], encoding="utf-8").read()
fonts = FontConfiguration()
css = CSS(string=faces + 'body, table, svg text { font-family: "P", serif; }', font_config=fonts)
def pdf():
    return HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts)
out = pdf()
new = time.perf_counter() - start
t = time.perf_counter(); pdf(); warm = [time.perf_counter() - t]
from pypdf import PdfReader
print(json.dumps({"new": new, "warm": warm, "pages": len(PdfReader(io.BytesIO(out)).pages)}))
"""


def run(code: str, page: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", code, str(page)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def units(page: Path) -> int:
    summary = page.with_name("summary.json")
    return json.loads(summary.read_text(encoding="utf-8"))["n_units"] if summary.exists() else 0


def main(pages: list[Path]) -> None:
    import typst

    print(f"Typst (typst-py {typst.__version__}) against WeasyPrint, the PDF stage of each report, seconds")
    print(
        "| report | units | Typst pages | Typst, new process | Typst, warm (median of 5) | WeasyPrint, new process | WeasyPrint, warm |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for page in pages:
        ours, theirs = run(TYPST, page), run(WEASY, page)
        name = f"{page.parent.parent.name} {page.parent.name}"
        print(
            f"| {name} | {units(page)} | {ours['pages']} | {ours['new']:.2f} | {statistics.median(ours['warm']):.2f} "
            f"| {theirs['new']:.2f} ({theirs['pages']} pages) | {statistics.median(theirs['warm']):.2f} |"
        )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT)
