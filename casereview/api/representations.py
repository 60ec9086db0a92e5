"""What the API answers for each record, as plain JSON data (the ETag is the hash of it).
Each function takes a record the request already reached through the permission layer."""

from __future__ import annotations

from django.db.models import Prefetch

from casereview.cases.models import Notification, Person, PersonKind
from casereview.cases.screening import screen_notification
from casereview.reviews.models import AgencyReport, Review

from .problems import ApiProblem


def notifications():
    """The notifications with what their representation reads (to pass to get_for/list_for)."""
    return Notification.objects.select_related("board").prefetch_related(
        "involvements", Prefetch("people", queryset=Person.objects.filter(kind=PersonKind.CHILD))
    )


def notification_data(n: Notification) -> dict:
    child = n.child
    return {
        "id": str(n.pk),
        "reference": n.reference,
        "board": n.board.slug,
        "status": n.status,
        "received_at": n.received_at.isoformat(),
        "incident_date": n.incident_date.isoformat(),
        "outcome": n.outcome,
        "date_of_death": n.date_of_death.isoformat() if n.date_of_death else None,
        "abuse_neglect": n.abuse_neglect,
        "circumstances": n.circumstances,
        "agencies": sorted(i.agency_id for i in n.involvements.all()),
        "child": (
            {
                "given_names": child.given_names,
                "family_name": child.family_name,
                "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else None,
            }
            if child
            else None
        ),
        "regime": n.regime,
        "regime_version": n.regime_version,
    }


def screening_data(n: Notification) -> dict:
    rec = getattr(n, "panel_recommendation", None)
    return {
        **screen_notification(n).as_data(),
        "recommendation": (
            {
                "recommendation": rec.recommendation,
                "reasons": rec.reasons,
                "recorded_at": rec.recorded_at.isoformat(),
            }
            if rec
            else None
        ),
    }


def decision_data(n: Notification) -> dict:
    d = getattr(n, "decision", None)
    if d is None:
        raise ApiProblem(404, "No decision has been recorded")
    review = getattr(d, "review", None)
    return {
        "outcome": d.outcome,
        "reasons": d.reasons,
        "dissent": d.dissent,
        "departs_from": d.departs_from,
        "decided_on": d.decided_on.isoformat(),
        "recorded_at": d.recorded_at.isoformat(),
        "review": str(review.pk) if review else None,
    }


def review_data(r: Review) -> dict:
    return {
        "id": str(r.pk),
        "reference": r.reference,
        "board": r.board.slug,
        "status": r.status,
        "regime": r.regime,
        "regime_version": r.regime_version,
        "opened_at": r.opened_at.isoformat(),
        "notification": str(r.notification_id),
    }


def report_data(r: AgencyReport) -> dict:
    return {
        "id": str(r.pk),
        "review": str(r.review_id),
        "agency": {"id": r.agency_id, "name": r.agency.name},
        "status": r.status,
        "requested_on": r.requested_on.isoformat(),
        "due_on": r.due_on.isoformat(),
        "submitted_on": r.submitted_on.isoformat() if r.submitted_on else None,
        "decided_on": r.decided_on.isoformat() if r.decided_on else None,
        "signed_off_on": r.signed_off_on.isoformat() if r.signed_off_on else None,
        "lock_version": r.lock_version,
    }
