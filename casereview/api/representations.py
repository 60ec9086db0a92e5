"""What the API answers for each record, as plain JSON data (the ETag is the hash of it).
Each function takes a record the request already reached through the permission layer."""

from __future__ import annotations

from django.db.models import Prefetch

from casereview.cases.models import Notification, Person, PersonKind
from casereview.cases.screening import screen_notification
from casereview.learning import coding as incident
from casereview.learning import vocabulary
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


def _when(value):
    return value.isoformat() if value else None


def _agency(agency) -> dict:
    return {"id": agency.pk, "name": agency.name}


def agency_chronology_data(c) -> dict:
    return {
        "id": str(c.pk),
        "review": str(c.review_id),
        "agency": _agency(c.agency),
        "status": c.status,
        "submitted_at": _when(c.submitted_at),
    }


def entry_data(e) -> dict:
    return {
        "id": str(e.pk),
        "review": str(e.review_id),
        "chronology": str(e.chronology_id),
        "agency": _agency(e.agency),
        "occurred_from": e.occurred_from.isoformat(),
        "occurred_to": e.occurred_to.isoformat(),
        "occurred_time": _when(e.occurred_time),
        "precision": e.precision,
        "date_as_written": e.date_as_written,
        "source_ref": e.source_ref,
        "practitioner_role": e.practitioner_role,
        "event": e.event,
        "decision": e.decision,
        "child_seen": e.child_seen,
        "analysis": e.analysis,
        "is_context": e.is_context,
        "significance": e.significance,
        "source": e.source,
        "entered_at": e.entered_at.isoformat(),
        "withdrawn_at": _when(e.withdrawn_at),
        "withdrawn_reason": e.withdrawn_reason,
        "lock_version": e.lock_version,
    }


def lesson_data(lesson) -> dict:
    return {
        "id": str(lesson.pk),
        "review": str(lesson.review_id),
        "text": lesson.text,
        "category": lesson.category,
        "themes": sorted(t.code for t in lesson.tags.all()),
        "recorded_at": lesson.recorded_at.isoformat(),
        "agreed_at": _when(lesson.agreed_at),
        "withdrawn_at": _when(lesson.withdrawn_at),
        "withdrawn_reason": lesson.withdrawn_reason,
        "lock_version": lesson.lock_version,
    }


def recommendation_data(r) -> dict:
    response = getattr(r, "response", None)
    return {
        "id": str(r.pk),
        "review": str(r.review_id),
        "number": r.number,
        "text": r.text,
        "level": r.level,
        "kind": r.kind,
        "agency": _agency(r.agency) if r.agency else None,
        "lessons": sorted(str(lesson.pk) for lesson in r.lessons.all()),
        "types": list(r.types),
        "made_on": r.made_on.isoformat(),
        "response": response.kind if response else None,
        "withdrawn_at": _when(r.withdrawn_at),
        "withdrawn_reason": r.withdrawn_reason,
    }


def action_data(a) -> dict:
    return {
        "id": str(a.pk),
        "review": str(a.review_id),
        "recommendation": str(a.recommendation_id),
        "owner_agency": _agency(a.owner_agency),
        "owner": a.owner,
        "description": a.description,
        "expected_change": a.expected_change,
        "measure": a.measure,
        "evidence_required": a.evidence_required,
        "target_date": a.target_date.isoformat(),
        "status": a.status,
        "rag": a.rag,
        "completed_on": _when(a.completed_on),
        "verified_on": _when(a.verified_on),
        "withdrawn_at": _when(a.withdrawn_at),
        "progress": [
            {
                "id": str(u.pk),
                "on": u.on.isoformat(),
                "status": u.status,
                "text": u.text,
                "written_at": u.written_at.isoformat(),
                # Entered in error: kept, as the action's page shows it, and not counted.
                "withdrawn_at": _when(u.withdrawn_at),
                "withdrawn_reason": u.withdrawn_reason,
            }
            for u in a.updates.all()
        ],
        "lock_version": a.lock_version,
    }


def term_data(term) -> dict:
    return {
        "axis": term.axis,
        "code": term.code,
        "label": term.label,
        "since": term.since,
        "retired": term.retired,
    }


def theme_tag_data(tag, lesson_text: str) -> dict:
    person = ""
    if tag.assigned_by is not None:
        person = tag.assigned_by.get_full_name() or tag.assigned_by.get_username()
    return {
        "code": tag.code,
        "label": vocabulary.label(tag.code),
        "evidence": lesson_text[tag.span_start : tag.span_end],
        # A person's name, or "tagger" (with the tagger's name and version) for a suggestion.
        "assigned_by": person if tag.assigned_via == "person" else f"tagger ({tag.assigned_via})",
        "confidence": float(tag.confidence),
        "confirmed": tag.confirmed,
        "rejected": tag.rejected,
    }


def _code(term) -> dict:
    return {"code": term.code, "label": term.label}


def coding_data(review: Review, coding) -> dict:
    """The review's incident coding (None: not recorded yet, lock_version 0), each code with
    its label in the vocabulary."""
    terms = incident.terms_of(coding)
    death = terms["death_category"]
    by = coding.recorded_by if coding is not None else None
    return {
        "review": str(review.pk),
        "outcome": review.notification.outcome,
        "vocabulary_version": vocabulary.VERSION,
        "death_category": _code(death) if death else None,
        "harm_types": [_code(t) for t in terms["harm_types"]],
        "maltreatment": [_code(t) for t in terms["maltreatment"]],
        "recorded_by": (by.get_full_name() or by.get_username()) if by else None,
        "recorded_at": _when(coding.recorded_at) if coding is not None else None,
        "signed_off": incident.signed_off(review),
        "lock_version": coding.lock_version if coding is not None else 0,
    }
