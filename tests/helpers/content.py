"""What two builds say, compared: the content of every output, not its bytes.

`python -m tests.helpers.content OLD_OUT NEW_OUT` lists every output whose content differs between two
outputs folders (exit status 1), or says they say the same (0). Content is what a reader gets:
- HTML: the text, charts' labels and values included (SVG text), with whitespace collapsed; and what each
  chart draws: every shape's outline and fill, bars and highlights, axes and grid lines;
- PDF: the text of each page;
- Word: the text of each paragraph and table cell, in document order;
- xlsx: every cell's value, per sheet;
- summary.json: the data, less `generated_at`.
A refactoring or a speed change must leave all of it unchanged.
"""

import json
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree, html
from openpyxl import load_workbook
from pypdf import PdfReader

KINDS = (".html", ".pdf", ".docx", ".xlsx", ".json")
LOCAL = {"manifest.json"}
SPACE = re.compile(r"\s+")
FILL_STROKE = re.compile(r"\b(fill|stroke|stroke-width)\s*:\s*([^;]+)")
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(value: str) -> str:
    return SPACE.sub(" ", value).strip()


def content(path: Path):
    """The content of one output, as comparable data."""
    if path.suffix == ".html":
        root = html.fromstring(path.read_bytes())
        return {"text": _text(root.text_content()), "charts": [_drawn(svg) for svg in root.iter("svg")]}
    if path.suffix == ".pdf":
        return [_text(page.extract_text() or "") for page in PdfReader(path).pages]
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        return [_text("".join(p.itertext())) for p in root.iter(f"{WORD}p")]
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("generated_at", None)
    return data


def _drawn(svg) -> list[tuple[str, str, str]]:
    """What a chart draws, in order: each shape (path, use, rect, line, circle, polyline) with its geometry
    and its fill and stroke. A bar that moves, grows or changes colour (a highlighted unit) differs."""
    shapes = []
    for el in svg.iter("path", "use", "rect", "line", "circle", "polyline"):
        geometry = " ".join(
            _text(el.get(k)) for k in ("d", "href", "x", "y", "width", "height", "points") if el.get(k) is not None
        )
        paint = FILL_STROKE.findall(el.get("style") or "")
        shapes.append((el.tag, geometry, ";".join(f"{k}:{v.strip()}" for k, v in paint)))
    return shapes


def outputs(out: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(out)): p
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in KINDS and p.name not in LOCAL and "/." not in f"/{p.relative_to(out)}"
    }


def differences(old: Path, new: Path) -> list[str]:
    """Each output that is missing on one side or whose content differs, with a first difference."""
    a, b = outputs(old), outputs(new)
    found = [f"only in {old}: {name}" for name in sorted(a.keys() - b.keys())]
    found += [f"only in {new}: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        before, after = content(a[name]), content(b[name])
        if before != after:
            found.append(f"differs: {name}: {_first_difference(before, after)}")
    return found


def _first_difference(before, after) -> str:
    if isinstance(before, str) and isinstance(after, str):
        i = next(
            (i for i, (x, y) in enumerate(zip(before, after, strict=False)) if x != y), min(len(before), len(after))
        )
        return f"…{before[max(0, i - 60) : i + 60]!r} → …{after[max(0, i - 60) : i + 60]!r}"
    if isinstance(before, list) and isinstance(after, list):
        for i, (x, y) in enumerate(zip(before, after, strict=False)):
            if x != y:
                return f"item {i}: {_first_difference(x, y)}"
        return f"{len(before)} items → {len(after)}"
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(before.keys() | after.keys(), key=str):
            if before.get(key) != after.get(key):
                return f"[{key!r}]: {_first_difference(before.get(key), after.get(key))}"
    return f"{str(before)[:120]!r} → {str(after)[:120]!r}"


def main(argv: list[str]) -> int:
    old, new = Path(argv[0]), Path(argv[1])
    found = differences(old, new)
    for line in found:
        print(line)
    print(f"{len(outputs(old))} outputs compared: " + (f"{len(found)} differ" if found else "the same content"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
