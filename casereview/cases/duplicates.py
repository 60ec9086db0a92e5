"""A second notification for a child already on the board's register: the same name and
date of birth, or the same NHS number. Flagged before saving, never silently merged."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

from casereview.accounts.models import Board

from .models import Notification, Person, PersonKind

MESSAGE = (
    "A notification for a child with these details may already exist. Check, then confirm "
    "that this is a different incident, or go to the existing notification"
)


@dataclass(frozen=True)
class Match:
    notification: Notification
    on: str  # "nhs_number" | "name_and_date_of_birth": what matched, never the values


class PossibleDuplicate(ValidationError):
    """Raised instead of saving; carries the matches (the view decides what to show)."""

    def __init__(self, matches: list[Match]):
        super().__init__({"different_incident": MESSAGE})
        self.matches = matches


def possible_duplicates(board: Board, child: dict) -> list[Match]:
    """Children already on `board`'s register who look like this one."""
    by_nhs = Q(nhs_number=child["nhs_number"]) if child.get("nhs_number") else Q(pk__in=[])
    by_name = (
        Q(
            given_names__iexact=child["given_names"].strip(),
            family_name__iexact=child["family_name"].strip(),
            date_of_birth=child["date_of_birth"],
        )
        if child.get("date_of_birth")
        else Q(pk__in=[])
    )
    rows = (
        Person.objects.filter(board=board, kind=PersonKind.CHILD)
        .filter(by_nhs | by_name)
        .select_related("notification")
        .order_by("notification__received_at")
    )
    matches: dict = {}
    for person in rows:
        on = (
            "nhs_number"
            if child.get("nhs_number") and person.nhs_number == child["nhs_number"]
            else "name_and_date_of_birth"
        )
        matches.setdefault(person.notification_id, Match(person.notification, on))
    return list(matches.values())
