"""The child's involvement asks the right question (Rotherham 19.5: "where appropriate,
children are involved according to their age and development").

- A child who died cannot be asked: the question is how the child's lived experience and
  voice are represented (what the records show the child said or did, the views of people
  who knew the child).
- A living child under ASKED_FROM_AGE (or whose date of birth is not known, such as an
  unborn child) is heard through an appropriate adult or advocate.
- An older child is offered the chance to contribute, and may decline.

The age is the child's age on the date the decision is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casereview.cases.models import Outcome

from ..models import ChildQuestion

# Below this age a child is heard through an appropriate adult or advocate rather than
# asked directly (a choice of the service, documented in docs/review-workflow.md).
ASKED_FROM_AGE = 8


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def question_for(outcome: str, born: date | None, on: date) -> str:
    if outcome == Outcome.DEATH:
        return ChildQuestion.REPRESENTED
    if born is None or age_on(born, on) < ASKED_FROM_AGE:
        return ChildQuestion.THROUGH_ADVOCATE
    return ChildQuestion.OFFERED


def question_of(notification, on: date) -> str:
    child = notification.child
    return question_for(notification.outcome, child.date_of_birth if child else None, on)


@dataclass(frozen=True)
class Wording:
    """The form's words for one question; `{name}` is the child's first name."""

    legend: str
    hint: str
    how: str
    how_hint: str
    reason_not: str = ""
    reason_hint: str = ""
    summary_yes: str = "Yes"
    summary_no: str = "No"


WORDING: dict[str, Wording] = {
    ChildQuestion.REPRESENTED: Wording(
        legend="How are {name}'s lived experience and voice represented in the review?",
        hint="{name} died and cannot be asked. Record how the review hears what life was "
        "like for {name}: what the records show {name} said, did or showed, and the views "
        "of people who knew {name} well, such as family, teachers or a childminder.",
        how="How {name}'s lived experience and voice are represented",
        how_hint="For example: the overview author reads the school's and the health "
        "visitor's records of what {name} said; the nursery key worker is interviewed.",
    ),
    ChildQuestion.THROUGH_ADVOCATE: Wording(
        legend="Is {name} heard through an appropriate adult or advocate?",
        hint=f"{{name}} is under {ASKED_FROM_AGE}, or the date of birth is not known: a "
        "young child is heard through someone who knows them and speaks for them, such as "
        "an advocate, a foster carer or the children's guardian.",
        how="Who speaks for {name}, and how",
        how_hint="Needed if {name} is heard through someone",
        reason_not="Why {name} is not heard through an advocate",
        reason_hint="Needed if not; for example, why it would not be in {name}'s interests",
    ),
    ChildQuestion.OFFERED: Wording(
        legend="Has {name} been offered the chance to contribute to the review?",
        hint="According to {name}'s age and understanding. {name} may choose not to take part.",
        how="How {name} was offered the chance, and how {name} contributed, if they chose to",
        how_hint="Needed if {name} was offered the chance",
        reason_not="Why {name} was not offered the chance",
        reason_hint="Needed if not; for example, advice from the child's social worker",
    ),
}


def wording(question: str, name: str) -> Wording:
    """The question's words with the child's first name (or "the child")."""
    w = WORDING[question]

    def fill(text: str) -> str:
        text = text.replace("{name}", name or "the child")
        return re.sub(r"(^|\. )the child", r"\1The child", text)

    return Wording(*(fill(getattr(w, f)) for f in w.__dataclass_fields__))


def first_name(notification) -> str:
    child = notification.child
    return child.given_names.split()[0] if child and child.given_names.strip() else ""
