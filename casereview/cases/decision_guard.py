"""Guarding a decision against a "review required" screening (issue 9 item 6).

Such a decision needs the chair's explicit confirmation and substantive reasons: at least
MIN_CHARACTERS characters and MIN_WORDS words in the chair's own words, not the criteria's
text or a bare formula ("not required", "n/a") repeated. The clause departed from is kept
on the decision (Decision.departs_from) so that the departure stays visible."""

from __future__ import annotations

import re

from .models import DecisionOutcome
from .screening import ScreeningResult

MIN_CHARACTERS = 150
MIN_WORDS = 20
CONFIRM = (
    "Confirm that the decision departs from {clause}, which requires a review, or decide to "
    "hold a review"
)


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def departs_from(screening: ScreeningResult, outcome: str) -> str:
    """The clause(s) a decision departs from: those requiring a review, when the decision is
    not to hold one; empty otherwise."""
    if not screening.requires_review or outcome == DecisionOutcome.HOLD_REVIEW:
        return ""
    return "; ".join(screening.required_citations)


def problems(
    screening: ScreeningResult, *, outcome: str, reasons: str, confirmed: bool
) -> dict[str, str]:
    """What stops a departure being recorded, as {form field: message}."""
    clause = departs_from(screening, outcome)
    if not clause:
        return {}
    found: dict[str, str] = {}
    if not confirmed:
        found["confirm_departure"] = CONFIRM.format(clause=clause)
    words = _normal(reasons)
    copied = {_normal(r.text) for r in screening.reasons} | {_normal(screening.label)}
    if words in copied or (len(words.split()) >= 5 and any(words in c for c in copied)):
        found["reasons"] = (
            "Give the chair's own reasons for departing from the criteria, not their text"
        )
    elif len(reasons.strip()) < MIN_CHARACTERS or len(words.split()) < MIN_WORDS:
        found["reasons"] = (
            f"Give substantive reasons for not holding a review although {clause} requires "
            f"one: at least {MIN_WORDS} words and {MIN_CHARACTERS} characters saying why, "
            "for example what learning process will be used instead and why it is enough"
        )
    return found
