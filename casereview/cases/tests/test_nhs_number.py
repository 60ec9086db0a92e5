"""NHS numbers: the modulus-11 check digit (property tests)."""

from hypothesis import given
from hypothesis import strategies as st

from casereview.cases.nhs_number import check_digit, is_valid, normalise

NINE_DIGITS = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(NINE_DIGITS)
def test_a_number_is_valid_exactly_with_its_check_digit(first_nine):
    digit = check_digit(first_nine)
    for last in "0123456789":
        assert is_valid(first_nine + last) == (digit is not None and int(last) == digit)


@given(NINE_DIGITS, st.sampled_from([" ", "-", ""]))
def test_spaces_and_hyphens_do_not_change_the_number(first_nine, sep):
    typed = f"{first_nine[:3]}{sep}{first_nine[3:6]}{sep}{first_nine[6:]}"
    assert normalise(typed) == first_nine
