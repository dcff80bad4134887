"""The report's font, chosen the same way on every machine: Liberation Serif 2 (Times New Roman metrics,
full Vietnamese coverage, SIL Open Font License, from Debian's fonts-liberation2), shipped in
templates/cchc/fonts. The PDF embeds it under a family name of our own, so that a system's Liberation
Serif 1.x (no Vietnamese) is never picked instead; the HTML names Times New Roman first for screens.
"""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).parent / "templates" / "cchc" / "fonts"
PRINT_FAMILY = "Liberation Serif CCHC"
FACES = {  # (weight, style) -> file
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
REGULAR = FONTS / FACES[("normal", "normal")]
# What a chart's SVG text asks for: the embedded face in the PDF, Times New Roman or Liberation on screen.
SVG_STACK = f"'{PRINT_FAMILY}', 'Times New Roman', 'Liberation Serif', Tinos, serif"
