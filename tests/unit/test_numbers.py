"""Numbers as the council rounds them (core/numbers.py): exact decimals, halves away from zero, as Excel's
ROUND; a change is the difference of the figures as printed."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core import numbers, text
from pipeline.model import analysis, measures
from tests.helpers.tables import fields_only


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (92.415, "92,42"),  # round(92.415, 2) is 92.42 by luck of the binary value; 92.125 is not:
        (92.125, "92,13"),  # round(92.125, 2) == 92.12 (half to even)
        (87.515, "87,52"),
        (2.675, "2,68"),  # the float 2.675 is 2.67499999…: round() gives 2.67
        (0.005, "0,01"),
        (-0.125, "-0,13"),  # half away from zero, as Excel's ROUND(-0,125; 2)
        (-92.415, "-92,42"),
        (99.0, "99,00"),
        (0.0, "0,00"),
    ],
)
def test_two_decimals_round_halves_away_from_zero(value, written):
    assert text.dec(value) == written
    assert numbers.half_up(value) == float(written.replace(",", "."))


def test_the_other_formats_round_the_same_way():
    assert text.num(92.125) == "92,13" and text.num(9.995) == "10"
    assert text.pct(87.515) == "87,52%"
    assert text.mean_of(13.585, 15) == "13,59/15"
    assert text.signed(-0.125) == "-0,13" and text.signed(0.004) == "0,00" and text.signed(0.005) == "+0,01"
    assert text.aligned(2.675).startswith("2,68")


def test_a_mean_is_exact_where_the_float_sum_falls_below_the_half():
    # The sample's Khối phường 2026: 40 totals summing to 3 696,60, mean 92,415 exactly. Here 20 units of
    # 92,42 and 20 of 92,41 (sum 3 696,60). The float mean is 92,41499999999999, so round() says 92,41.
    totals = [92.42] * 20 + [92.41] * 20
    assert sum(totals) / len(totals) < 92.415  # the binary trap this guards against
    assert round(sum(totals) / len(totals), 2) == 92.41
    assert numbers.mean(totals) == 92.42
    assert text.dec(numbers.mean(totals)) == "92,42"


def test_an_index_on_a_half_rounds_up():
    # 30,06 of 80 is 37,575% exactly; in binary 37,574999…, which round() makes 37,57
    assert round(30.06 / 80 * 100, 2) == 37.57
    assert numbers.ratio(30.06, 80) == 37.58
    assert round(30.05 / 40 * 100, 2) == 75.12  # 75,125 exactly: half to even
    assert numbers.ratio(30.05, 40) == 75.13


def test_a_change_is_the_difference_of_the_printed_figures():
    # 92,415 prints 92,42 and 92,074 prints 92,07: the change printed is 0,35, not 0,34 (92,415 − 92,074 = 0,341).
    assert numbers.difference(92.415, 92.074) == 0.35
    assert numbers.difference(90.0, 90.004) == 0.0 and numbers.is_zero(numbers.difference(90.0, 90.004))
    assert numbers.difference(1.0, None) != numbers.difference(1.0, None)  # NaN: nothing to compare


def test_missing_values_pass_through():
    assert numbers.half_up(None) is None
    assert numbers.half_up(float("nan")) != numbers.half_up(float("nan"))
    assert numbers.mean([None, float("nan")]) != numbers.mean([])  # both NaN
    assert numbers.mean([1.0, None, 2.0]) == 1.5


def _half_up_thousandths(k: int) -> Decimal:
    """k thousandths rounded to hundredths, half away from zero, in integer arithmetic."""
    q, r = divmod(abs(k), 10)
    q += r >= 5
    return Decimal(q if k >= 0 else -q) / 100


@given(st.integers(min_value=-(10**7), max_value=10**7))
def test_any_three_decimal_figure_rounds_as_integer_arithmetic_says(k):
    typed = float(f"{k / 1000:.3f}")  # what a sheet holds when 92,415 is typed
    assert Decimal(repr(numbers.half_up(typed))) == _half_up_thousandths(k)


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60))
def test_a_mean_of_two_decimal_scores_is_the_exact_mean_rounded_half_up(cents):
    scores = [c / 100 for c in cents]
    expected = (Decimal(sum(cents)) / len(cents) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(repr(numbers.mean(scores))) == expected


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_the_printed_change_is_what_a_reader_subtracts(a, b):
    this, last = a / 1000, b / 1000
    printed = Decimal(text.dec(this).replace(".", "").replace(",", "."))
    printed_last = Decimal(text.dec(last).replace(".", "").replace(",", "."))
    assert Decimal(text.dec(abs(numbers.difference(this, last))).replace(".", "").replace(",", ".")) == abs(
        printed - printed_last
    )


def test_the_analysis_rounds_its_means_and_changes_so():
    # Two fields of max 5: 20 units at 4,62 + 4,62 = 9,24 and 20 at 4,62 + 4,61 = 9,23: the exact mean is
    # 9,235 (float: 9,23499…), printed 9,24. Last year every unit had 9,2 and 9,1 alternately: 9,15.
    now = {f"Đơn vị {i:02d}": (4.62, 4.62 if i < 20 else 4.61) for i in range(40)}
    before = {f"Đơn vị {i:02d}": (4.6, 4.6 if i % 2 else 4.5) for i in range(40)}
    a = analysis.analyse(fields_only(now, 2024), fields_only(before, 2023))
    assert a.mean == 9.24 and a.prev_mean == 9.15
    assert measures.mean(a.units["total"]) == 9.24
    field_2 = a.fields.set_index("code").loc["2"]
    # field 2: 20 x 4,62 + 20 x 4,61 = 184,6 / 40 = 4,615 -> 4,62; last year 20 x 4,6 + 20 x 4,5 -> 4,55
    assert field_2["mean"] == 4.62 and field_2["prev_mean"] == 4.55 and field_2["mean_change"] == 0.07
    first = a.units.set_index("name").loc["Đơn vị 00"]
    assert first["value_change"] == numbers.difference(9.24, 9.1) == 0.14
