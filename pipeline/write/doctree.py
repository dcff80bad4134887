"""The report's HTML read into a document tree: plain data (dicts, lists, strings) that a writer lays out.

The HTML is the one the templates in templates/cchc/ make, inside nbconvert's page: the small vocabulary
pipeline/word.py documents (headings, paragraphs by class, marked places, lists, tables, the letterhead
and signature tables, charts), plus what any notebook output can add (a Markdown cell's headings and
paragraphs, a text output's <pre>, an image). Everything else is a wrapper, read through.

The tree is JSON-safe. Text stays text: every string of the HTML reaches the tree as a string value,
never as markup of the writer's language (pipeline/typst_pdf.py hands it to Typst as data).

Blocks (each a dict with "k", its kind):
    {"k": "h", "level": 0-3, "c": inline}        h1 (the title, level 0), h2, h3, h4
    {"k": "p", "cls": [...], "c": inline}        a paragraph; "cls" its classes (placeholder, caption, ...)
    {"k": "ul" | "ol", "items": [inline, ...]}    a bulleted or a numbered list
    {"k": "table", "cls": [...], "cols": n, "head": [row], "body": [row]}
        row: {"group": bool, "cells": [{"c": inline, "num": bool, "span": n}]}
    {"k": "layout", "cls": "letterhead"|"signature", "cells": [{"cls": [...], "lines": [line]}]}
        line: {"cls": [...], "c": inline} | {"k": "rule", "cls": [...]} | {"k": "space"}
    {"k": "rule", "cls": [...]}                   a short centred line (div.rule)
    {"k": "line", "cls": [...], "c": inline}      a line of its own (div with text only: appendix head)
    {"k": "figure", "image": name, "caption": inline, "legend": inline}
    {"k": "image", "image": name}                 an image outside a figure (a notebook's plot)
    {"k": "pre", "text": str}                     a text output, its lines kept
    {"k": "group", "cls": [...], "c": [block]}    a section or div whose class means something in print
Inline: a list of spans {"s": str, "b": bool, "i": bool} (with "keep": true for a line never broken, the
title's span.nobreak-line; "href" for a link to a file beside the report) and breaks {"br": true}.
Images are kept beside the tree, by name: `Document.images` maps "chart-3.svg" or "image-0.png" to bytes.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)
# characters XML 1.0 cannot hold (python-docx would refuse them, Typst's PDF would carry them): dropped
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HEADING_LEVEL = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}
# containers whose class the print layout needs (kept together, on a new page); others are read through
GROUPS = {"appendix", "closing", "keep", "keep-table", "ranking", "gaps", "appendix-head", "unit"}
LOCAL_LINK = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")  # a link to a file beside the report (units/…)
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg"}

# SVG's mixed-case names, which an HTML serialiser writes in lower case (nbconvert's output does)
_SVG_NAMES = (
    "viewBox", "clipPath", "clipPathUnits", "patternUnits", "patternContentUnits", "preserveAspectRatio",
    "linearGradient", "radialGradient", "gradientUnits", "gradientTransform", "patternTransform",
    "textPath", "textLength", "lengthAdjust", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
)  # fmt: skip
_SVG_NAME_RE = re.compile(r"\b(" + "|".join(n.lower() for n in _SVG_NAMES) + r")\b")
_SVG_CASE = {n.lower(): n for n in _SVG_NAMES}


def text(value: str) -> str:
    """HTML whitespace collapsed as a browser does; non-breaking blanks (the places to fill by hand:
    "Số:        /BC-HĐTĐ") and figure spaces (aligned numbers) kept."""
    return NOT_XML.sub("", re.sub(r"[ \t\r\n\f\v]+", " ", value))


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def standalone_svg(svg: str) -> str:
    """Inline HTML SVG as a standalone SVG document: its namespace and its mixed-case names back."""
    svg = _SVG_NAME_RE.sub(lambda m: _SVG_CASE[m.group(1)], svg)
    if "xmlns=" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return svg


def report_fragment(page: str) -> str:
    """The report's body in the HTML page nbconvert made: what is inside <main class="report">."""
    start = page.index('<main class="report">') + len('<main class="report">')
    return page[start : page.rindex("</main>")]


def page_title(page: str) -> str:
    """The <title> of an HTML page, as text."""
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    return lxml_html.fromstring(found.group(1)).text_content().strip() if found and found.group(1).strip() else ""


@dataclass
class Document:
    blocks: list[dict]
    images: dict[str, bytes] = field(default_factory=dict)
    title: str = ""

    def to_json(self) -> dict:
        return {"title": self.title, "blocks": self.blocks}


def read(page: str) -> Document:
    """The tree of a report page (an nbconvert page with <main class="report">, or a bare fragment)."""
    fragment = report_fragment(page) if '<main class="report">' in page else page
    charts: list[str] = []

    def keep_chart(match: re.Match) -> str:
        charts.append(match.group(0))
        return f'<img data-chart="{len(charts) - 1}"/>'

    root = lxml_html.fragment_fromstring(SVG_RE.sub(keep_chart, fragment), create_parent="div")
    reader = _Reader(charts)
    blocks = reader.blocks(root)
    return Document(blocks, reader.images, page_title(page))


class _Reader:
    def __init__(self, charts: list[str]):
        self.charts = charts
        self.images: dict[str, bytes] = {}

    def blocks(self, el) -> list[dict]:
        out: list[dict] = []
        for child in el:
            if isinstance(child.tag, str):
                out.extend(self.block(child))
        return out

    def block(self, el) -> list[dict]:
        tag, cls = el.tag, classes(el)
        if tag in ("aside", "script", "style") or "no-print" in cls:
            return []  # the analyst's data notes: on screen only (report.css hides them in print)
        if tag in HEADING_LEVEL:
            return [{"k": "h", "level": HEADING_LEVEL[tag], "c": self.inline(el)}]
        if tag == "p":
            return [{"k": "p", "cls": sorted(cls), "c": self.inline(el)}]
        if tag in ("ul", "ol"):  # a bulleted list, or a numbered one
            return [{"k": tag, "items": [self.inline(li) for li in el.iter("li")]}]
        if tag == "table":
            return [self.layout(el)] if cls & {"letterhead", "signature"} else [self.table(el)]
        if tag == "figure":
            return [self.figure(el)]
        if tag == "img":
            image = self.image(el)
            return [{"k": "image", "image": image}] if image else []
        if tag == "pre":
            return [{"k": "pre", "text": NOT_XML.sub("", el.text_content()).rstrip("\n")}]
        if tag == "div" and "rule" in cls:
            return [{"k": "rule", "cls": sorted(cls)}]
        if tag == "div" and not any(isinstance(c.tag, str) and c.tag not in ("br", "span", "b", "i") for c in el):
            line = self.inline(el)
            return [{"k": "line", "cls": sorted(cls), "c": line}] if line else []
        inner = self.blocks(el)
        if tag in ("section", "div", "header") and cls & GROUPS and inner:
            return [{"k": "group", "cls": sorted(cls), "c": inner}]
        return inner

    def inline(self, el, bold: bool = False, italic: bool = False) -> list[dict]:
        """The text of `el`: spans with their weight and style, line breaks kept, blanks collapsed."""
        spans: list[dict] = []

        def add(value: str | None, b: bool, i: bool, keep: bool = False) -> None:
            value = text(value or "")
            if not value:
                return
            if not spans or "br" in spans[-1]:
                value = value.lstrip()
                if not value:
                    return
            last = spans[-1] if spans else {}
            if (
                not keep
                and "s" in last
                and not last.get("keep")
                and "href" not in last
                and (last["b"], last["i"]) == (b, i)
            ):
                last["s"] += value
            else:
                spans.append({"s": value, "b": b, "i": i, **({"keep": True} if keep else {})})

        def walk(node, b: bool, i: bool) -> None:
            add(node.text, b, i)
            for child in node:
                if isinstance(child.tag, str):
                    if child.tag == "br":
                        spans.append({"br": True})
                    elif "nobreak-line" in classes(child):  # a line of the title, never broken
                        add(child.text_content(), b, i, keep=True)
                    elif child.tag == "a" and LOCAL_LINK.fullmatch(child.get("href") or ""):
                        spans.append(
                            {"s": text(child.text_content()).strip(), "b": b, "i": i, "href": child.get("href")}
                        )
                    elif not (child.tag == "a" and "anchor-link" in classes(child)):  # Markdown's "¶"
                        cb = b or child.tag in ("b", "strong")
                        ci = i or child.tag in ("i", "em") or "placeholder" in classes(child)
                        walk(child, cb, ci)
                add(child.tail, b, i)

        walk(el, bold or el.tag in ("b", "strong"), italic or el.tag in ("i", "em"))
        while spans and "s" in spans[-1] and not spans[-1]["s"].rstrip():
            spans.pop()
        if spans and "s" in spans[-1]:
            spans[-1]["s"] = spans[-1]["s"].rstrip()
        return spans

    def layout(self, el) -> dict:
        """Letterhead or signature: cells side by side, each a stack of lines."""
        cells = []
        for td in el.iter("td"):
            lines: list[dict] = []
            for child in td:
                if not isinstance(child.tag, str):
                    continue
                cls = classes(child)
                if "rule" in cls:
                    lines.append({"k": "rule", "cls": sorted(cls)})
                elif "signature-space" in cls:
                    lines.append({"k": "space"})
                else:
                    lines.append({"cls": sorted(cls), "c": self.inline(child)})
            cells.append({"cls": sorted(classes(td)), "lines": lines})
        return {"k": "layout", "cls": "signature" if "signature" in classes(el) else "letterhead", "cells": cells}

    def table(self, el) -> dict:
        head_rows = [tr for tr in el.iter("tr") if tr.getparent().tag == "thead"]
        body_rows = [tr for tr in el.iter("tr") if tr.getparent().tag != "thead"]

        def row(tr, header: bool) -> dict:
            cells = []
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                cells.append(
                    {
                        "c": self.inline(cell, bold=header or cell.tag == "th"),
                        "num": "num" in classes(cell),
                        **({"nowrap": True} if "nowrap" in classes(cell) else {}),
                        "span": int(cell.get("colspan", 1) or 1),
                    }
                )
            return {"group": "group" in classes(tr), "cells": cells}

        head = [row(tr, True) for tr in head_rows]
        body = [row(tr, False) for tr in body_rows]
        if not head and body and all(c.tag == "th" for c in body_rows[0] if isinstance(c.tag, str)):
            head, body = body[:1], body[1:]  # a table without <thead> whose first row is all headers
        cols = max((sum(c["span"] for c in r["cells"]) for r in head + body), default=0)
        return {"k": "table", "cls": sorted(classes(el)), "cols": cols, "head": head, "body": body}

    def figure(self, el) -> dict:
        image = None
        for img in el.iter("img"):
            image = self.image(img)
            if image:
                break
        caption, legend = [], []
        figcaption = el.find("figcaption")
        if figcaption is not None:
            found = figcaption.find("span")
            if found is not None and "legend" in classes(found):
                figcaption.remove(found)
                found.tail = None
                legend = self.inline(found)
            caption = self.inline(figcaption)
        return {"k": "figure", "image": image, "caption": caption, "legend": legend}

    def image(self, img) -> str | None:
        """An image's name in Document.images: a chart's SVG (standalone), or a data: URL's bytes."""
        index = img.get("data-chart")
        if index is not None:
            name = f"chart-{index}.svg"
            self.images[name] = standalone_svg(self.charts[int(index)]).encode("utf-8")
            return name
        found = re.fullmatch(r"data:([a-z/+]+);base64,(.*)", img.get("src") or "", re.S)
        if not found or found.group(1) not in IMAGE_TYPES:
            return None  # never a file or a URL: the report loads nothing
        name = f"image-{len(self.images)}.{IMAGE_TYPES[found.group(1)]}"
        self.images[name] = base64.b64decode(found.group(2))
        return name
