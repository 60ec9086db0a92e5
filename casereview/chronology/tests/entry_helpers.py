"""Shared by the agency chronology tests: an entry made through the service, the entry
form's body as the page posts it, and the pages' URLs."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.chronology.entries import EntryFacts, add_entry
from casereview.chronology.services import chronology_for


def entry_of(review, agency, actor, *, on=date(2025, 6, 3), ref="", event="Home visit"):
    chronology = chronology_for(review, agency)
    facts = EntryFacts(
        occurred_from=on, occurred_to=on, precision="day", source_ref=ref, event=event
    )
    return add_entry(chronology, actor=actor, context=SYSTEM, facts=facts)


def entry_body(on=date(2025, 6, 3), **overrides) -> dict:
    body = {
        "precision": "day",
        "occurred_from_day": str(on.day),
        "occurred_from_month": str(on.month),
        "occurred_from_year": str(on.year),
        "occurred_to_day": "",
        "occurred_to_month": "",
        "occurred_to_year": "",
        "occurred_time": "",
        "date_as_written": "",
        "source_ref": "CN-1001",
        "practitioner_role": "Health visitor",
        "event": "Home visit; mother and baby seen",
        "decision": "Next visit in four weeks",
        "child_seen": "yes",
        "analysis": "",
    }
    body.update(overrides)
    return body


def page(name: str, chronology, entry=None) -> str:
    kwargs = {"review_id": chronology.review_id, "chronology_id": chronology.pk}
    if entry is not None:
        kwargs["entry_id"] = entry.pk
    return reverse(f"chronology:{name}", kwargs=kwargs)
