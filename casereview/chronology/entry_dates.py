"""The date rules of an entry entered in the browser (docs/dates.md, docs/chronology.md).

An entry may record the family's history or an antenatal contact, so it may fall before the
child's birth and before the notification; it never falls in the future, and an approximate
period ends on or after the day it starts."""

from __future__ import annotations

from casereview.lib.date_rules import DateRule

ENTRY_DATES = {
    "occurred_from": DateRule("The date", pre_birth=True),
    "occurred_to": DateRule(
        "The last day of the period", pre_birth=True, after=("occurred_from", "its first day")
    ),
}
