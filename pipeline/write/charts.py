"""Ranking charts as SVG text: vector in the HTML and in the PDF, their words kept as text.

Figures are built with matplotlib's object API (no pyplot state), so a chart never leaks into
the notebook's automatic display and reports built one after another do not share figures.
Text is written as SVG text (`svg.fonttype: none`) in the report's own font, Liberation Serif
(Times New Roman metrics, shipped in templates/cchc/fonts); numbers as the text writes them.
Highlighted bars are dark and hatched, the others light: told apart in grey-scale print too.
"""

from __future__ import annotations

import dataclasses
import io
import re
import time
from functools import cache, wraps

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..core.text import dec, num
from .fonts import FACES, FONTS, PRINT_FAMILY, SVG_STACK

FONT = PRINT_FAMILY  # the shipped faces, by file: see _font
PALETTE = {"bar": "#a9bcd6", "weak": "#7a1f1d", "edge": "#3d5a80", "mean": "#222222", "grid": "#d9d9d9"}
HATCH = "////"
WIDTH_IN = 6.2  # the text width of an A4 page with 30 mm and 15-20 mm margins, so 1 pt is 1 pt
ROW_HEIGHT_IN = 0.12
ROW_HEIGHT_MANY_IN = 0.13  # above 30 units a part
UNITS_PER_CHART = 40  # a province has up to 170 units: one chart in parts, each fits an A4 page
LABEL_CHAR_IN = 0.058  # width of one 9 pt character of Liberation Serif, generously
MAX_ROWS_LABELLED = 60  # above this many units, value labels on bars would overlap
FONT_SIZE = 9
LABEL_SIZE = 8.5


_drawing = [0.0]  # seconds spent in ranking_chart by this process since the last take


def take_drawing_seconds() -> float:
    """Seconds this process spent drawing charts since the last call (a build's stage split)."""
    seconds, _drawing[0] = _drawing[0], 0.0
    return round(seconds, 3)


def _timed(draw):
    @wraps(draw)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return draw(*args, **kwargs)
        finally:
            _drawing[0] += time.perf_counter() - started

    return timed


@cache
def _font() -> str:
    """The chart font's family name, registered with matplotlib for the shipped files only.

    matplotlib resolves a family name against every font it knows, the machine's included: asked for
    "Liberation Serif", it may pick a system Liberation Serif 1.x, which has no Vietnamese letters (and
    then warns of missing glyphs, and measures labels wrongly). So the shipped faces are registered
    under a family name no installed font has, fonts.PRINT_FAMILY, and the charts ask for that one.
    """
    manager = font_manager.fontManager
    for name in FACES.values():
        entry = font_manager.ttfFontProperty(ft2font.FT2Font(str(FONTS / name)))
        manager.ttflist.append(dataclasses.replace(entry, name=FONT))
    return FONT


def ranking_charts(
    scores: dict[str, float],
    maximum: float,
    highlight: set[str] = frozenset(),
    mean: float | None = None,
    labels: dict[str, str] | None = None,
    axis: str | None = None,
) -> list[str]:
    """The ranking in parts of at most UNITS_PER_CHART units, best first, on one common axis.

    `labels` are the value labels as the text writes them (unit -> "8,26"); two decimals by default.
    """
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [dict(ordered[i : i + UNITS_PER_CHART]) for i in range(0, len(ordered), UNITS_PER_CHART)] or [{}]
    return [ranking_chart(part, maximum, highlight, mean, labels, axis) for part in parts]


@_timed
def ranking_chart(
    scores: dict[str, float],
    maximum: float,
    highlight: set[str] = frozenset(),
    mean: float | None = None,
    labels: dict[str, str] | None = None,
    axis: str | None = None,
) -> str:
    """Horizontal bars, best at the top; highlighted units dark and hatched; a dashed mean line that
    passes behind the value labels; the axis ends at the maximum, which is marked.

    The caption ("Biểu đồ N: ...") and the legend line are the report's, under the chart.
    """
    font = _font()
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [name for name, _ in ordered][::-1]
    values = [value for _, value in ordered][::-1]
    shown = [_literal(n) for n in names]
    row = ROW_HEIGHT_IN if len(names) <= 30 else ROW_HEIGHT_MANY_IN
    height = 0.62 + row * (len(names) + 1)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cchc", "font.family": font}):
        fig = Figure(figsize=(WIDTH_IN, height))
        _margins(fig, shown, height)
        ax = fig.add_subplot()
        weak = [n in highlight for n in names]
        bars = ax.barh(
            range(len(names)),
            values,
            color=[PALETTE["weak"] if w else PALETTE["bar"] for w in weak],
            edgecolor=PALETTE["edge"],
            linewidth=0.5,
            height=0.72,
        )
        for bar, w in zip(bars, weak, strict=True):
            if w:
                bar.set_hatch(HATCH)
                bar.set_edgecolor("#ffffff")
        ax.set_yticks(range(len(names)), labels=shown, fontsize=FONT_SIZE if len(names) <= 30 else 8)
        ax.set_ylim(-0.6, len(names) + 0.4)  # headroom for the mean label above the top bar
        ax.set_xlim(0, maximum)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ticks = [t for t in ax.get_xticks() if 0 <= t < maximum - maximum * 0.06] + [maximum]
        ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v)))
        ax.set_xlabel(axis or f"Điểm (tối đa {num(maximum)})", fontsize=FONT_SIZE)
        ax.tick_params(axis="x", labelsize=LABEL_SIZE)
        ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if mean is not None:
            ax.axvline(mean, color=PALETTE["mean"], linestyle="--", linewidth=0.9, zorder=2)
            left = mean > maximum * 0.7  # near the end of the axis: the label goes left of the line
            ax.annotate(
                f"Trung bình {dec(mean)}",
                (mean, len(names) - 0.45),
                fontsize=LABEL_SIZE,
                xytext=(-3 if left else 3, 0),
                textcoords="offset points",
                va="bottom",
                ha="right" if left else "left",
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                zorder=4,
            )
        if len(names) <= MAX_ROWS_LABELLED:
            texts = [_literal((labels or {}).get(n, dec(v))) for n, v in zip(names, values, strict=True)]
            for label in ax.bar_label(bars, labels=texts, padding=2, fontsize=LABEL_SIZE):
                label.set_bbox({"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"})
                label.set_zorder(4)
                label.set_clip_on(False)
        return svg(fig)


def _literal(label: str) -> str:
    """A label drawn as typed: matplotlib would read "$...$" as mathematics (and fail on a lone "$")."""
    return label.replace("$", r"\$")


def _margins(fig: Figure, names: list[str], height: float) -> None:
    """Margins from the longest unit name: as tight_layout would, without drawing the figure twice;
    on the right, room for the value label of a bar at full marks."""
    left = 0.15 + LABEL_CHAR_IN * max((len(n) for n in names), default=4)
    fig.subplots_adjust(left=left / WIDTH_IN, right=1 - 0.45 / WIDTH_IN, top=1 - 0.16 / height, bottom=0.42 / height)


_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_SIZE = re.compile(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')


def svg(fig: Figure) -> str:
    """The figure as an <svg> element to place in HTML: no XML prolog, no doctype, no date; its size in
    points, so a 9 pt label is 9 pt on the page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = _METADATA.sub("", text[text.index("<svg") :])
    text = _XMLNS.sub("", text).replace("xlink:href=", "href=")  # inline SVG in HTML needs no namespaces
    text = text.replace(f"'{FONT}'", SVG_STACK)  # the embedded face in the PDF
    return _SIZE.sub(r'<svg\1 width="\2pt" height="\3pt" role="img"', text, count=1)


def svg_texts(svg_text: str) -> list[str]:
    """The words of an SVG chart, in order (for tests and checks): value labels, ticks, names."""
    import html

    return [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg_text)]
