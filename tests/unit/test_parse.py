import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.read.parse import code_kind, parse_score, roman_to_int


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        (10.5, 10.5),
        (7, 7.0),
        ("10,85", 10.85),
        ("10.85", 10.85),
        (" 7 ", 7.0),
        ("89,769", 89.769),  # three decimals, not thousands: a score never exceeds its maximum
        ("10,85/12", 10.85),
        ("0", 0.0),
        ("\u00a09,5\u00a0", 9.5),
    ],
)
def test_scores_are_read_however_they_were_typed(cell, value):
    assert parse_score(cell) == pytest.approx(value)


@pytest.mark.parametrize("cell", [None, "", "  ", "-"])
def test_empty_cells_are_no_score(cell):
    assert parse_score(cell) is None


@pytest.mark.parametrize("cell", ["abc", "1.234,5", "12 điểm x", True, float("nan")])
def test_text_that_is_not_a_number_is_rejected_with_the_rule(cell):
    with pytest.raises(ValueError, match="number"):
        parse_score(cell)


@given(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False))
def test_decimal_comma_and_dot_read_the_same(value):
    text = f"{value:f}"
    assert parse_score(text.replace(".", ",")) == parse_score(text) == pytest.approx(float(value))


@given(st.integers(min_value=1, max_value=39))
def test_roman_field_numbers_round_trip(n):
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text, rest = "", n
    for value, numeral in numerals:
        while rest >= value:
            text, rest = text + numeral, rest - value
    assert code_kind(text) == ("roman", n)
    assert roman_to_int(text) == n


@given(st.lists(st.integers(min_value=1, max_value=99), min_size=1, max_size=3))
def test_dotted_codes_give_their_depth(parts):
    code = ".".join(map(str, parts))
    assert code_kind(code) == ("dotted", len(parts))
    assert code_kind(code + ".") == ("dotted", len(parts))


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("a", ("letter", 1)),
        ("b)", ("letter", 1)),
        ("c.", ("letter", 1)),
        ("i", ("letter", 1)),  # lower-case i is the ninth sub-criterion, not field I
        (3, ("dotted", 1)),
        ("Tổng cộng", None),
        ("", None),
        (None, None),
        ("IIII", None),
    ],
)
def test_code_kinds(cell, kind):
    assert code_kind(cell) == kind
