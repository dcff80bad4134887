"""Reading a report's PDF for tests: its text against its HTML's, and where words stand on a page."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html
from pypdf import PdfReader

LIST_MARKER = "•"  # Typst's bullet, the list's presentation as the HTML's list-style is


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_text(page: str) -> str:
    """The report's text as its HTML has it (charts' words included, in their order), without blanks:
    what the PDF must carry, in the same order. The analyst's data notes are on screen only."""
    main = lxml_html.fromstring(page).find(".//main")
    hidden = ".//aside | .//style | .//*[local-name()='style'] | .//*[local-name()='metadata']"
    for element in main.xpath(hidden + " | .//a[contains(@class, 'anchor-link')]"):
        element.drop_tree()
    return _squeeze("".join(main.itertext()))


def table_headers(page: str) -> list[str]:
    return [_squeeze("".join(h.itertext())) for h in lxml_html.fromstring(page).iter("thead")]


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def pdf_text(path: Path, headers: list[str]) -> str:
    """The PDF's text without blanks, as read by pypdf: each page's number (top centre from page 2, checked
    here), a table header repeated at the top of a page and the list markers left out."""
    parts = []
    for number, text in enumerate(pdf_pages(path), start=1):
        text = text.strip()
        if number > 1:
            first, _, text = text.partition("\n")
            assert first.strip() == str(number), f"page {number} starts with {first!r}, not its number"
        text = _squeeze(text).replace(LIST_MARKER, "")
        repeated = next((h for h in headers if h and text.startswith(h) and number > 1), "")
        parts.append(text[len(repeated) :])
    return "".join(parts)


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {at}: html …{a[max(0, at - 60) : at + 60]}… pdf …{b[max(0, at - 60) : at + 60]}…"


def word_positions(path: Path, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text on a page, in points from the bottom left corner."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5]))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def position_of(words: list[tuple[str, float, float]], text: str) -> tuple[float, float]:
    for found, x, y in words:
        if text in found:
            return x, y
    raise AssertionError(f"{text!r} is not on the page: {[w for w, _, _ in words][:40]}")
