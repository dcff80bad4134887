"""The PDF stage alone: Typst (ours), Typst versions against each other, and WeasyPrint (the old engine),
side by side in one run (issue 24).

For each report HTML given (default: the province sample's, Tỉnh Lam Sơn 2025 and 2026, as the last
`python -m pipeline build` wrote them), prints the seconds of:
- Typst in a new process: `import typst`, the shipped fonts loaded and the first compile, as a build's
  worker pays it for its first report (python -c, timed inside, interpreter start excluded);
- Typst warm on a report it has not seen: the same process, having compiled another report first, as the
  build pays it from the second report on (the worker keeps the compiler, its fonts and caches);
- Typst warm on the same report again (median of 5): Typst's memoisation, what an unchanged rebuild pays;
- WeasyPrint on the same HTML in the shipped faces (`--weasyprint`; the old engine, from the dev extra).

`--versions 0.14.9,0.15.2` times each Typst release the same way, one after another per report, each
installed once from PyPI into benchmarks/work/typst-<version> (Typst 0.15 has an open regression report
on heavy documents, typst/typst#8611: this is how the pin is checked).

    .venv/bin/python benchmarks/pdf.py [--versions V,V] [--weasyprint] [report.html ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
DEFAULT = [ROOT / "outputs" / "tinh-lam-son" / str(year) / "report.html" for year in (2025, 2026)]

TYPST = """
import io, json, sys, time
start = time.perf_counter()
import typst
from pipeline.write import typst_pdf
if typst.__version__ < "0.15":  # no fixed timestamp before 0.15: the same work otherwise
    made = typst_pdf.compiler
    class Older:
        def compile(self, **options):
            options.pop("timestamp", None)
            return made().compile(**options)
    typst_pdf.compiler = Older
page = open(sys.argv[1], encoding="utf-8").read()
other = open(sys.argv[2], encoding="utf-8").read()
pdf = typst_pdf.html_to_pdf(page)
new = time.perf_counter() - start
typst_pdf.html_to_pdf(other)
t = time.perf_counter(); typst_pdf.html_to_pdf(page); unseen = time.perf_counter() - t
warm = []
for _ in range(5):
    t = time.perf_counter(); typst_pdf.html_to_pdf(page); warm.append(time.perf_counter() - t)
from pypdf import PdfReader
print(json.dumps({"version": typst.__version__, "new": new, "unseen": unseen, "warm": warm,
                  "pages": len(PdfReader(io.BytesIO(pdf)).pages)}))
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


def run(code: str, *args: Path, path: Path | None = None) -> dict:
    env = dict(os.environ)
    if path is not None:  # another Typst release, ahead of the venv's
        env["PYTHONPATH"] = os.pathsep.join([str(path), str(ROOT)])
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True, env=env
    )
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def release(version: str) -> Path:
    """Typst-py `version`, installed once into benchmarks/work (from PyPI, the wheel alone)."""
    target = WORK / f"typst-{version}"
    if not (target / "typst").is_dir():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                str(target),
                f"typst=={version}",
            ],
            check=True,
        )
    return target


def units(page: Path) -> int:
    summary = page.with_name("summary.json")
    return json.loads(summary.read_text(encoding="utf-8"))["n_units"] if summary.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--versions", default="", help="Typst releases to time against each other: 0.14.9,0.15.2")
    parser.add_argument("--weasyprint", action="store_true", help="time WeasyPrint too (the dev extra)")
    args = parser.parse_args()
    pages = args.pages
    engines = [(v, release(v)) for v in filter(None, args.versions.split(","))] or [(None, None)]
    print("The PDF stage of each report, seconds (one run, side by side)")
    print("| report | units | Typst | pages | new process | warm, unseen report | warm, same report (median of 5) |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for i, page in enumerate(pages):
        other = pages[(i + 1) % len(pages)]
        name = f"{page.parent.parent.name} {page.parent.name}"
        for _, path in engines:
            ours = run(TYPST, page, other, path=path)
            print(
                f"| {name} | {units(page)} | {ours['version']} | {ours['pages']} | {ours['new']:.2f} "
                f"| {ours['unseen']:.2f} | {statistics.median(ours['warm']):.2f} |"
            )
        if args.weasyprint:
            theirs = run(WEASY, page)
            print(
                f"| {name} | {units(page)} | WeasyPrint | {theirs['pages']} | {theirs['new']:.2f} | | {statistics.median(theirs['warm']):.2f} |"
            )


if __name__ == "__main__":
    main()
