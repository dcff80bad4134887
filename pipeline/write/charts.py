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

from ..core.text import collation_key, count, dec, num
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
    ordered = sorted(scores.items(), key=_best_first)
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
    ordered = sorted(scores.items(), key=_best_first)
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


def _best_first(item: tuple[str, float]) -> tuple:
    """Best first; ties in Vietnamese alphabetical order of the name, as the tables list them."""
    name, value = item
    return -round(value, 6), collation_key(_bare(name))


def _bare(label: str) -> str:
    """A chart label without its kind's abbreviation ("P. Tân Định" -> "Tân Định"), for the order of ties."""
    head, _, rest = label.partition(". ")
    return rest if rest and len(head) <= 3 and head.isupper() else label


def axis_start(lowest: float, maximum: float, step: float | None = None) -> float:
    """Where a ranking's axis starts: a round number below the lowest score (the scores' own range, not 0):
    75,69 of 100 -> 70; 4,5 of 10 -> 4."""
    step = step or (5.0 if maximum >= 50 else 1.0 if maximum >= 5 else 0.5)
    start = (lowest // step) * step
    return max(0.0, start - step if lowest - start < step * 0.2 else start)


PANEL_ROWS = 46  # a block's ranking of more units is drawn in side-by-side panels, on one page
PANEL_ROW_IN = 0.118


@_timed
def block_ranking_chart(
    scores: dict[str, float],
    maximum: float,
    highlight: set[str] = frozenset(),
    mean: float | None = None,
    labels: dict[str, str] | None = None,
    axis: str | None = None,
) -> str:
    """A block's whole ranking in one chart that fits a page: up to PANEL_ROWS units in one column of
    bars, more in two or three panels side by side (best first, down the first panel, then the next), on
    one common axis that starts where the scores start (`axis_start`). Value labels as the text writes
    them; the weakest dark and hatched; the mean dashed."""
    font = _font()
    ordered = sorted(scores.items(), key=_best_first)
    n_panels = max(1, -(-len(ordered) // PANEL_ROWS))
    per_panel = -(-len(ordered) // n_panels) if ordered else 1
    panels = [ordered[i : i + per_panel] for i in range(0, len(ordered), per_panel)] or [[]]
    start = axis_start(min(scores.values(), default=0.0), maximum)
    size = FONT_SIZE if n_panels == 1 else 7.5
    label_size = LABEL_SIZE if n_panels == 1 else 6.5
    height = 0.75 + PANEL_ROW_IN * (per_panel + 1) * (1.1 if n_panels == 1 else 1.0)
    longest = max((len(_literal(n)) for n in scores), default=4)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cchc", "font.family": font}):
        fig = Figure(figsize=(WIDTH_IN, height))
        name_in = 0.1 + LABEL_CHAR_IN * longest * size / FONT_SIZE
        panel_in = (WIDTH_IN - 0.1) / n_panels
        for p, panel in enumerate(panels):
            left = (p * panel_in + name_in) / WIDTH_IN
            width = (panel_in - name_in - 0.36) / WIDTH_IN
            ax = fig.add_axes((left, 0.5 / height, width, 1 - 0.5 / height - 0.2 / height))
            names = [n for n, _ in panel][::-1]
            values = [v for _, v in panel][::-1]
            weak = [n in highlight for n in names]
            bars = ax.barh(
                range(len(names)),
                [v - start for v in values],
                left=start,
                color=[PALETTE["weak"] if w else PALETTE["bar"] for w in weak],
                edgecolor=PALETTE["edge"],
                linewidth=0.4,
                height=0.72,
            )
            for bar, w in zip(bars, weak, strict=True):
                if w:
                    bar.set_hatch(HATCH)
                    bar.set_edgecolor("#ffffff")
            ax.set_yticks(range(len(names)), labels=[_literal(n) for n in names], fontsize=size)
            ax.set_ylim(-0.6, per_panel - 0.4 + (0.9 if mean is not None else 0))
            ax.set_xlim(start, maximum)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if n_panels > 1 else 6, steps=[1, 2, 2.5, 5, 10]))
            ticks = [t for t in ax.get_xticks() if start <= t < maximum - (maximum - start) * 0.08] + [maximum]
            ax.set_xticks(ticks)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v)))
            ax.tick_params(axis="x", labelsize=label_size)
            ax.tick_params(axis="y", length=0, pad=2)
            ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.5)
            ax.set_axisbelow(True)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if mean is not None:
                ax.axvline(mean, color=PALETTE["mean"], linestyle="--", linewidth=0.8, zorder=2)
            texts = [_literal((labels or {}).get(n, dec(v))) for n, v in zip(names, values, strict=True)]
            for label in ax.bar_label(bars, labels=texts, padding=1.5, fontsize=label_size):
                label.set_clip_on(False)
        if mean is not None:
            fig.text(0.5, 1 - 0.16 / height, f"Trung bình {dec(mean)}", ha="center", va="center", fontsize=LABEL_SIZE)
        fig.text(0.5, 0.12 / height, axis or f"Điểm (tối đa {num(maximum)})", ha="center", fontsize=FONT_SIZE)
        return svg(fig)


GRADE_FILLS = ("#3d5a80", "#7d9bc1", "#c9d6e8", "#eeeeee", "#ffffff")  # best (dark) to worst, grey-scale too
GRADE_HATCHES = ("", "", "", "..", "xx")


@_timed
def grade_chart(rows: list[tuple[str, dict[str, int]]], grades: tuple[str, ...]) -> str:
    """Stacked horizontal bars, one per row (a block, or a block in a year): its units by grade, best
    first from the left, each segment labelled with its count; a legend of the grades present."""
    font = _font()
    present = [g for g in grades if any(counts.get(g, 0) for _, counts in rows)]
    height = 0.9 + 0.34 * len(rows)
    longest = max((len(label) for label, _ in rows), default=4)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cchc", "font.family": font}):
        fig = Figure(figsize=(WIDTH_IN, height))
        left = (0.2 + LABEL_CHAR_IN * longest) / WIDTH_IN
        ax = fig.add_axes((left, 0.62 / height, 0.97 - left, 1 - 0.62 / height - 0.1 / height))
        ys = list(range(len(rows)))[::-1]
        total = max((sum(c.values()) for _, c in rows), default=1)
        for g in present:
            i = grades.index(g)
            done = [sum(c.get(x, 0) for x in present[: present.index(g)]) for _, c in rows]
            widths = [c.get(g, 0) for _, c in rows]
            bars = ax.barh(ys, widths, left=done, height=0.62, color=GRADE_FILLS[i], hatch=GRADE_HATCHES[i],
                           edgecolor="#3d5a80", linewidth=0.5, label=g)  # fmt: skip
            dark = i <= 1
            for bar, w in zip(bars, widths, strict=True):
                if w and w >= total * 0.025:
                    centre = (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2)
                    ink = "white" if dark else "black"
                    ax.text(*centre, count(w), ha="center", va="center", fontsize=LABEL_SIZE, color=ink)
        ax.set_yticks(ys, labels=[_literal(label) for label, _ in rows], fontsize=FONT_SIZE)
        ax.set_xlim(0, total)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.tick_params(axis="x", labelsize=LABEL_SIZE)
        ax.set_xlabel("Số đơn vị", fontsize=FONT_SIZE)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.legend(loc="lower center", ncols=len(present), fontsize=LABEL_SIZE, frameon=False,
                   bbox_to_anchor=(0.5 + left / 2, 0.0))  # fmt: skip
        return svg(fig)


@_timed
def field_chart(
    fields: list[str],
    series: list[tuple[str, list[float]]],
    previous: list[list[float]] | None = None,
    previous_label: str = "",
) -> str:
    """The share of the maximum (%) of each field, one bar per series (a block) in each field's group, on
    an axis that starts where the shares start; last year's share of each bar as a short black mark
    (`previous`, same shape as the series' values), its legend `previous_label`."""
    font = _font()
    k = len(series)
    values = [v for _, vs in series for v in vs] + [v for vs in previous or [] for v in vs if v == v]
    start = axis_start(min(values, default=0.0), 100.0)
    fills = ("#3d5a80", "#a9bcd6", "#dfe6f0")
    height = 0.9 + (0.2 * k + 0.16) * len(fields)
    longest = max((len(f) for f in fields), default=4)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cchc", "font.family": font}):
        fig = Figure(figsize=(WIDTH_IN, height))
        left = min(0.45, (0.2 + LABEL_CHAR_IN * min(longest, 28)) / WIDTH_IN)
        ax = fig.add_axes((left, 0.62 / height, 0.93 - left, 1 - 0.62 / height - 0.08 / height))
        bar = 0.8 / k
        for j, (name, vs) in enumerate(series):
            ys = [len(fields) - 1 - i + 0.4 - bar * (j + 0.5) for i in range(len(fields))]
            bars = ax.barh(ys, [v - start for v in vs], left=start, height=bar * 0.92, color=fills[j % 3],
                           edgecolor="#3d5a80", linewidth=0.5, label=name)  # fmt: skip
            for b, v in zip(bars, vs, strict=True):
                ax.text(v + 0.3, b.get_y() + b.get_height() / 2, dec(v), va="center", fontsize=7.5)
            if previous:
                marks = [(p, y) for p, y in zip(previous[j], ys, strict=True) if p == p]
                ax.scatter([p for p, _ in marks], [y for _, y in marks], marker="|", s=60, color="black",
                           linewidths=1.4, zorder=3, label=previous_label if j == 0 else None)  # fmt: skip
        wrapped = [_wrap(f, 28) for f in fields]
        ax.set_yticks([len(fields) - 1 - i for i in range(len(fields))], labels=wrapped, fontsize=8)
        ax.set_xlim(start, 100)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v)))
        ax.tick_params(axis="x", labelsize=LABEL_SIZE)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("Tỷ lệ điểm trung bình so với điểm tối đa của lĩnh vực (%)", fontsize=FONT_SIZE)
        ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.5)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.legend(loc="lower center", ncols=k + (1 if previous else 0), fontsize=LABEL_SIZE, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))  # fmt: skip
        return svg(fig)


def _wrap(text: str, width: int) -> str:
    """A long field name on two lines at a space."""
    if len(text) <= width:
        return _literal(text)
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    return _literal(text[:cut]) + "\n" + _literal(text[cut:].strip())


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


_DRAWN: dict[str, tuple] = {}  # a history chart's SVG -> what drew it (png_of)


@_timed
@cache
def history_chart(points: tuple[tuple[int, float, str], ...], maximum: float, axis: str | None = None) -> str:
    """A unit's results over the years (its letter): `points` (year, value, rank "3/40"), the value as a line
    with each year's figure above its point and the rank below; the axis starts where the values start."""
    with _history_rc():  # svg.fonttype and svg.hashsalt are read when the figure is saved
        text = svg(_history_figure(points, maximum, axis))
    _DRAWN[text.strip()] = (points, maximum, axis)  # as found in a page: from <svg to </svg>
    return text


def png_of(svg_text: str, dpi: float) -> bytes | None:
    """The PNG of a chart this process drew with history_chart, at `dpi`, drawn by matplotlib's Agg from the
    same figure (about 45 ms at 300 dpi for a unit's chart, where resvg takes 60-70 ms from the SVG:
    docs/benchmarks.md); None for any other SVG."""
    drawn = _DRAWN.get(svg_text.strip())
    if drawn is None:
        return None
    buffer = io.BytesIO()
    with _history_rc():
        _history_figure(*drawn).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _history_rc():
    return matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cchc", "font.family": _font()})


def _history_figure(points: tuple[tuple[int, float, str], ...], maximum: float, axis: str | None) -> Figure:
    """The figure of history_chart, made within _history_rc."""
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    height = 2.1
    fig = Figure(figsize=(WIDTH_IN * 0.7, height))
    ax = fig.add_axes((0.12, 0.2, 0.84, 0.72))
    ax.plot(years, values, color=PALETTE["edge"], marker="o", markersize=4, linewidth=1.2)
    low = axis_start(min(values), maximum)
    span = maximum - low
    ax.set_ylim(low - span * 0.12, maximum + span * 0.12)  # room for the labels above and below the points
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_xticks(years, labels=[str(y) for y in years], fontsize=LABEL_SIZE)
    ax.tick_params(axis="y", labelsize=LABEL_SIZE)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v)))
    for year, value, rank in points:
        ax.annotate(dec(value), (year, value), textcoords="offset points", xytext=(0, 5), ha="center",
                    fontsize=LABEL_SIZE)  # fmt: skip
        ax.annotate(f"hạng {rank}", (year, value), textcoords="offset points", xytext=(0, -11), ha="center",
                    fontsize=LABEL_SIZE - 1, color="#444444")  # fmt: skip
    ax.set_ylabel(axis or "Điểm", fontsize=FONT_SIZE)
    ax.grid(axis="y", color=PALETTE["grid"], linewidth=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
