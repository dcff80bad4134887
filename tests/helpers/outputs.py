"""Reading a build's shared outputs as their readers get them: the text of every HTML, PDF, Word, xlsx and
JSON file, and the fonts a PDF embeds."""

import functools
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

SHARED = {".html", ".pdf", ".docx", ".xlsx", ".json"}  # what is sent, published or signed
LOCAL = {"manifest.json"}  # the build's own record, which names the files it wrote


def shared_outputs(out: Path) -> list[Path]:
    """Every file under `out` that leaves the machine (the executed notebooks and the manifest stay)."""
    return sorted(p for p in out.rglob("*") if p.is_file() and p.suffix in SHARED and p.name not in LOCAL)


# The parts of a Word document or workbook that carry what a build wrote (the rest, styles, theme and fonts,
# come from the shipped template as they are).
WRITTEN_PARTS = ("word/document.xml", "word/header", "word/footer", "docProps/", "xl/sharedStrings.xml",
                 "xl/worksheets/", "xl/workbook.xml", "word/_rels/", "xl/_rels/", "_rels/")  # fmt: skip


def text_of(path: Path) -> str:
    """Everything a reader of the file can see or extract: its text, the parts a build writes, its
    metadata. Read once a session per file as it is (the session's sample build is read by several tests)."""
    stat = path.stat()
    return _text_of(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _text_of(path: Path, mtime_ns: int, size: int) -> str:
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels")) and name.startswith(WRITTEN_PARTS)
            )
    return path.read_text(encoding="utf-8")


def embedded_fonts(pdf: Path) -> set[tuple[str, str]]:
    """(family, version) of every font program a PDF embeds, charts' drawings included; a font it names
    without embedding it is ("<not embedded> BaseFont", "")."""
    found = set()
    for page in PdfReader(pdf).pages:
        found |= _fonts_of(page.get("/Resources"), set())
    return found


def _fonts_of(resources, seen: set) -> set[tuple[str, str]]:
    found = set()
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        program = descriptor.get_object().get("/FontFile2") if descriptor is not None else None
        if program is None:
            found.add((f"<not embedded> {font.get('/BaseFont')}", ""))
            continue
        name = TTFont(io.BytesIO(program.get_object().get_data()))["name"]
        found.add((name.getDebugName(1), name.getDebugName(5)))
    for xobject in (resources.get("/XObject") or {}).values():  # charts drawn as form XObjects
        key = getattr(xobject, "idnum", None) or id(xobject)
        if key not in seen:
            seen.add(key)
            found |= _fonts_of(xobject.get_object().get("/Resources"), seen)
    return found


def walk_text(out: Path) -> Iterator[tuple[Path, str]]:
    for path in shared_outputs(out):
        yield path, text_of(path)
