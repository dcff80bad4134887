"""Ranking charts as PNG bytes: static images, so the HTML and the PDF show the same thing.

Figures are built with matplotlib's object API (no pyplot state), so a chart never leaks into
the notebook's automatic display and reports built one after another do not share figures.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

PALETTE = {"bar": "#4a6fa5", "weak": "#c0504d", "mean": "#333333", "grid": "#d9d9d9"}
FONT = "DejaVu Sans"  # ships with matplotlib and covers Vietnamese
DPI = 110
WIDTH_IN = 7.2
ROW_HEIGHT_IN = 0.26
ROW_HEIGHT_MANY_IN = 0.2  # above 30 units a part
UNITS_PER_CHART = 40  # a province has up to 170 units: one chart in parts, each fits an A4 page
LABEL_CHAR_IN = 0.068  # width of one 8.5 pt character of DejaVu Sans, generously
MAX_ROWS_LABELLED = 60  # above this many units, value labels on bars would overlap


def ranking_charts(
    scores: dict[str, float], maximum: float, highlight: set[str] = frozenset(), mean: float | None = None
) -> list[bytes]:
    """The ranking in parts of at most UNITS_PER_CHART units, best first, on one common axis."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [dict(ordered[i : i + UNITS_PER_CHART]) for i in range(0, len(ordered), UNITS_PER_CHART)] or [{}]
    return [ranking_chart(part, maximum, highlight, mean) for part in parts]


def ranking_chart(
    scores: dict[str, float], maximum: float, highlight: set[str] = frozenset(), mean: float | None = None
) -> bytes:
    """Horizontal bars, best at the top; highlighted units in the warning colour; dashed mean line.

    The caption ("Biểu đồ N: ...") is the report's, under the image, so the chart has no title.
    """
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [_literal(name) for name, _ in ordered][::-1]
    highlight = {_literal(h) for h in highlight}
    values = [value for _, value in ordered][::-1]
    row = ROW_HEIGHT_IN if len(names) <= 30 else ROW_HEIGHT_MANY_IN
    height = 0.9 + row * (len(names) + 1)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    _margins(fig, names, height)
    ax = fig.add_subplot()
    colours = [PALETTE["weak"] if n in highlight else PALETTE["bar"] for n in names]
    bars = ax.barh(range(len(names)), values, color=colours, height=0.7)
    ax.set_yticks(range(len(names)), labels=names, fontsize=8.5 if len(names) <= 30 else 7.5, fontfamily=FONT)
    ax.set_ylim(-0.6, len(names) + 0.3)  # headroom for the mean label above the top bar
    ax.set_xlim(0, maximum * 1.08)
    ax.set_xlabel("Điểm", fontsize=8.5, fontfamily=FONT)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if mean is not None:
        ax.axvline(mean, color=PALETTE["mean"], linestyle="--", linewidth=0.9)
        ax.annotate(
            f"Trung bình {mean:.2f}".replace(".", ","),
            (mean, len(names) - 0.35),
            fontsize=7.5,
            fontfamily=FONT,
            xytext=(3, 0),
            textcoords="offset points",
            va="bottom",
        )
    if len(names) <= MAX_ROWS_LABELLED:
        labels = [f"{v:g}".replace(".", ",") for v in values]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=7.5, fontfamily=FONT)
    return png(fig)


def _literal(label: str) -> str:
    """A label drawn as typed: matplotlib would read "$...$" as mathematics (and fail on a lone "$")."""
    return label.replace("$", r"\$")


def _margins(fig: Figure, names: list[str], height: float) -> None:
    """Margins from the longest unit name: as tight_layout would, without drawing the figure twice."""
    left = 0.2 + LABEL_CHAR_IN * max((len(n) for n in names), default=4)
    fig.subplots_adjust(left=left / WIDTH_IN, right=1 - 0.35 / WIDTH_IN, top=1 - 0.3 / height, bottom=0.5 / height)


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
