"""The child's own date rules: a child is under 18 on the incident date, and an unborn
child (a pre-birth incident) has an expected date of birth instead of a date of birth.

Small functions returning messages, so that the board-wide date-rule helper can route
them (no event before birth except pre-birth records; none in the future)."""

from __future__ import annotations

from datetime import date

ADULT_AGE = 18


def eighteenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:  # born on 29 February: 18 on 1 March
        return date(date_of_birth.year + ADULT_AGE, 3, 1)


def under_18_problem(date_of_birth: date | None, incident: date | None) -> str | None:
    """The child must be under 18 on the incident date (Children Act 1989 s.105)."""
    if date_of_birth and incident and incident >= eighteenth_birthday(date_of_birth):
        return (
            "The child was 18 or over on the date of the incident: the procedure is for "
            "children under 18. Check the date of birth and the date of the incident"
        )
    return None


def unborn_problems(
    *, unborn: bool, date_of_birth: date | None, expected: date | None, incident: date | None
) -> dict[str, str]:
    """An unborn child has no date of birth and an expected date of birth after the
    incident (the incident was before birth); a born child has no expected date."""
    problems: dict[str, str] = {}
    if not unborn:
        if expected:
            problems["expected_date_of_birth"] = (
                "Leave the expected date of birth empty unless the child was not yet born"
            )
        return problems
    if date_of_birth:
        problems["date_of_birth"] = (
            "You ticked that the child was not yet born: leave the date of birth empty, or "
            "untick it"
        )
    if not expected:
        problems["expected_date_of_birth"] = "Enter the expected date of birth"
    elif incident and expected <= incident:
        problems["expected_date_of_birth"] = (
            "The expected date of birth must be after the date of the incident, which "
            "happened before the child was born"
        )
    return problems
