"""The report's PDF: its HTML read into a document tree (pipeline/doctree.py), laid out by Typst.

One Typst template, templates/cchc/report.typ, lays out every report. The tree reaches it as JSON in
`sys.inputs.doc`: every word of the report is a string value there, set as text, never spliced into
Typst source, so a reason typed as `#read("/etc/passwd")`, `$x$` or `]#include "…"[` prints as typed.
The compile root is a fresh temporary folder holding only the template and the report's images (the
charts' SVG, a notebook's plots): nothing else on the machine can be read by the document.

Fonts: the shipped Liberation Serif faces only (templates/cchc/fonts, pipeline/fonts.py), with the
system's fonts and Typst's own embedded fonts left out, so every machine makes the same PDF. The same
tree gives the same bytes but for the creation date, which SOURCE_DATE_EPOCH fixes.

The PDF declares PDF/A-2b (ISO 19005-2, level B): an archival PDF that any conforming reader shows the
same in years to come (every font embedded, device-independent colour, XMP metadata, no external
content). Title, author (the issuing body) and language (vi) are in its metadata.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from functools import cache
from pathlib import Path

from . import doctree
from .fonts import FONTS

TEMPLATE = Path(__file__).parent / "templates" / "cchc" / "report.typ"
PDF_STANDARD = "a-2b"
_lock = threading.Lock()  # one compile at a time in a process: the compiler's sys.inputs are its state


@cache
def fonts():
    """The shipped faces, loaded once per process (typst-py's Fonts: reusing it makes compiles warm)."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])


@cache
def compiler():
    """One Typst compiler per process: its caches make a second report's layout a fraction of the first's."""
    import typst

    return typst.Compiler(font_paths=fonts(), ignore_system_fonts=True)


def load() -> None:
    """Load Typst and the shipped fonts, and lay out a one-line document once (a build warms a worker)."""
    to_pdf(doctree.Document([{"k": "p", "cls": [], "c": [{"s": "Chỉ số CCHC", "b": False, "i": False}]}]))


def timestamp() -> int:
    """The PDF's creation date: SOURCE_DATE_EPOCH where set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else int(time.time())


def metadata(document: doctree.Document) -> tuple[str, list[str]]:
    """The PDF's title and author, from the report itself: its title block and its letterhead's issuer."""
    title, subtitle, author = "", "", []
    for block in _walk(document.blocks):
        if block["k"] == "h" and block["level"] == 0 and not title:
            title = _plain(block["c"])
        elif block["k"] == "p" and "subtitle" in block["cls"] and not subtitle:
            subtitle = _plain(block["c"])
        elif block["k"] == "layout" and block["cls"] == "letterhead" and not author and block["cells"]:
            lines = block["cells"][0]["lines"]
            issuer = [_plain(ln["c"]) for ln in lines if {"council", "issuer-name"} & set(ln.get("cls", ()))]
            parent = [_plain(ln["c"]) for ln in lines if "parent" in ln.get("cls", ())]
            author = [", ".join([" ".join(issuer), *parent]).strip(", ")] if issuer or parent else []
    heading = f"{title} {subtitle}".strip() if title else ""
    return heading or document.title or "Báo cáo", author


def to_pdf(document: doctree.Document, standard: str | None = PDF_STANDARD) -> bytes:
    """The PDF of a document tree, by the report template."""
    title, author = metadata(document)
    tree = {"title": title, "author": author, "blocks": document.blocks}
    with _lock, tempfile.TemporaryDirectory(prefix="cchc-typst-") as folder:
        root = Path(folder)
        main = root / TEMPLATE.name
        main.write_bytes(TEMPLATE.read_bytes())
        for name, data in document.images.items():
            (root / name).write_bytes(data)
        return compiler().compile(
            input=str(main),
            root=str(root),
            sys_inputs={"doc": json.dumps(tree, ensure_ascii=False)},
            pdf_standards=[standard] if standard else [],
            timestamp=timestamp(),
        )


def html_to_pdf(html: str) -> bytes:
    """The report HTML (an nbconvert page, or a fragment) as a PDF, by Typst."""
    return to_pdf(doctree.read(html))


def _plain(spans: list[dict]) -> str:
    return "".join(s.get("s", " ") for s in spans).strip()


def _walk(blocks: list[dict]):
    for block in blocks:
        yield block
        if block["k"] == "group":
            yield from _walk(block["c"])
