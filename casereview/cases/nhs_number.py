"""NHS numbers: ten digits, the last a modulus-11 check digit (NHS Data Dictionary)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

INVALID = "Enter a valid NHS number: 10 digits, like 943 476 5919"


def normalise(text: str) -> str:
    """The digits of an NHS number as typed with spaces or hyphens."""
    return "".join(ch for ch in text if ch not in " -")


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when none is possible (remainder 10)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    return None if digit == 10 else digit


def is_valid(number: str) -> bool:
    return (
        len(number) == 10
        and number.isascii()
        and number.isdigit()
        and check_digit(number[:9]) == int(number[9])
    )


def validate_nhs_number(value: str) -> None:
    if value and not is_valid(value):
        raise ValidationError(INVALID, code="nhs_number")


def cleaned(text: str) -> str:
    """The digits of a typed NHS number, or ValidationError (empty stays empty)."""
    number = normalise(text)
    validate_nhs_number(number)
    return number
