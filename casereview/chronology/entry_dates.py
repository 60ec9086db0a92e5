"""The date rules of an entry entered in the browser (docs/dates.md, docs/chronology.md).

An entry may record the family's history or an antenatal contact, so it may fall before the
child's birth and before the notification; it never falls in the future, and an approximate
period ends on or after the day it starts."""

from __future__ import annotations

from datetime import date

from casereview.lib.date_rules import DateRule

from .models import ChildSeen

ENTRY_DATES = {
    "occurred_from": DateRule("The date", pre_birth=True),
    "occurred_to": DateRule(
        "The last day of the period", pre_birth=True, after=("occurred_from", "its first day")
    ),
}

# An entry may fall before the birth, but the child was not seen then (an antenatal contact
# sees the mother): "child seen: yes" is refused for an entry wholly before the date of birth.
# The message names neither the date of birth nor the child (it is safe in any log).
SEEN_BEFORE_BIRTH = (
    "The child was not yet born on the entry's date, so cannot have been seen: "
    "choose no or not known"
)


def seen_before_birth(child_seen: str, last_day: date, born: date | None) -> bool:
    """Whether an entry says the child was seen on a date (or period) wholly before the
    child's birth; an unknown date of birth sets no bound."""
    return child_seen == ChildSeen.YES and born is not None and last_day < born
