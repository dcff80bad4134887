"""Charts are set in the shipped faces, by file, whatever fonts the machine has (issue 22).

A machine with Debian's fonts-liberation (1.x, no Vietnamese letters) has a "Liberation Serif" of its
own; so do many with Times New Roman's metric clones. Here that clash is made on purpose, on any
machine: a font named "Liberation Serif" that is not ours is registered before the charts draw.
"""

import dataclasses
import warnings
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from pipeline.write import charts, fonts

NAMES = {"Mường So": 9.5, "Khổng Lào": 7.25, "Sì Lở Lầu": 6.5, "Tung Qua Lìn": 8.0}  # ư ổ ở ầ ì: not in 1.x


@pytest.fixture
def rival_liberation_serif():
    """A "Liberation Serif" that is not the shipped one (matplotlib's own DejaVu file, renamed), as a
    system font would be; it is listed first, so a lookup by that name would find it."""
    manager = font_manager.fontManager
    dejavu = font_manager.findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=False)
    rival = dataclasses.replace(font_manager.ttfFontProperty(font_manager.get_font(dejavu)), name="Liberation Serif")
    manager.ttflist.insert(0, rival)
    manager._findfont_cached.cache_clear()  # the lookup matplotlib cached before the rival was there
    yield Path(dejavu)
    manager.ttflist.remove(rival)
    manager._findfont_cached.cache_clear()


def test_the_chart_font_resolves_to_the_shipped_file_even_beside_another_liberation_serif(rival_liberation_serif):
    family = charts._font()
    found = Path(font_manager.findfont(FontProperties(family=family), fallback_to_default=False))
    assert found == fonts.REGULAR
    assert found != rival_liberation_serif


def test_a_chart_of_vietnamese_names_draws_without_a_warning(rival_liberation_serif):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        svg = charts.ranking_chart(NAMES, 10, highlight={"Sì Lở Lầu"}, mean=7.81)
    assert "Sì Lở Lầu" in charts.svg_texts(svg)
    assert f"font-family: '{fonts.PRINT_FAMILY}'" in svg  # the name the PDF embeds the shipped faces under
    assert "DejaVu" not in svg


def test_the_test_session_draws_with_an_empty_matplotlib_cache_of_its_own():
    import os

    import matplotlib

    cache = Path(matplotlib.get_cachedir())
    assert cache == Path(os.environ["MPLCONFIGDIR"])
    assert Path.home() not in cache.parents  # not the home folder's cache, which earlier runs filled
