"""Corrections of a review's records, each with a reason and the earlier version kept
(cases/amendments.py): family contacts (corrected or withdrawn), appointments of experts
and authors (ended), partner boards (removed), agency reports' attachments (withdrawn), the
panel's meetings (corrected) and decisions (withdrawn).
The terms of reference are corrected by a new version (panel/services.py save_terms)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.cases.amendments import amend
from casereview.cases.models import Amendment, AmendmentKind
from casereview.documents.models import Document
from casereview.lib.date_rules import check_dates

from .dates import CONTACT_DATES, ENDED_DATES, MEETING_DATES, review_bounds
from .models import (
    AgencyReport,
    Appointment,
    ContactPurpose,
    ExpertAdvice,
    FamilyContact,
    PanelDecision,
    PanelMeeting,
    PartnerBoard,
)

CONTACT_FIELDS = ["person", "on", "method", "language", "interpreter", "purposes", "note"]


def _contact_label(contact: FamilyContact) -> str:
    return "A contact with the family"


def correct_contact(
    contact: FamilyContact, *, actor, context: RequestContext, values: dict, reason: str
) -> Amendment:
    """Correct a contact with the family; the duties of 19.5 read it as corrected."""
    review = contact.review
    person = values.get("person", contact.person)
    if person.notification_id != review.notification_id:
        raise ValidationError({"person": "Choose a family member of this review's case"})
    # The same date rules as recording the contact (docs/dates.md).
    check_dates({"on": values.get("on", contact.on)}, CONTACT_DATES, review_bounds(review))
    purposes = values.get("purposes", contact.purposes)
    if set(purposes) - set(ContactPurpose.values):
        raise ValidationError({"purposes": "Select only the purposes listed"})
    values = {**values, "purposes": [p for p in ContactPurpose.values if p in purposes]}
    return amend(
        contact,
        values,
        notification=review.notification,
        reason=reason,
        label=_contact_label(contact),
        action="family.contact.amended",
        read_action="section.family",
        actor=actor,
        context=context,
        fields=CONTACT_FIELDS,
    )


def withdraw_contact(
    contact: FamilyContact, *, actor, context: RequestContext, reason: str
) -> Amendment:
    """A contact recorded in error: kept, but no longer evidence that the family was told."""
    return amend(
        contact,
        {"withdrawn_at": timezone.now(), "withdrawn_reason": (reason or "").strip()},
        notification=contact.review.notification,
        reason=reason,
        label=_contact_label(contact),
        action="family.contact.withdrawn",
        kind=AmendmentKind.WITHDRAWN,
        read_action="section.family",
        actor=actor,
        context=context,
        fields=[*CONTACT_FIELDS, "withdrawn_at", "withdrawn_reason"],
    )


def end_appointment(
    appointment: Appointment, *, actor, context: RequestContext, ended_on: date, reason: str
) -> Amendment:
    """End an expert's or the overview author's appointment: their access to the review
    ends with it (reviews/grants.py reads only appointments not ended)."""
    if appointment.ended_on is not None:
        raise ValidationError("This appointment has already ended")
    check_dates(
        {"ended_on": ended_on, "appointed_on": appointment.appointed_on},
        ENDED_DATES,
        review_bounds(appointment.review),
    )
    return amend(
        appointment,
        {"ended_on": ended_on, "ended_reason": (reason or "").strip()},
        notification=appointment.review.notification,
        reason=reason,
        label=f"Appointment: {appointment.get_role_display().lower()}",
        action="review.appointment.ended",
        kind=AmendmentKind.ENDED,
        read_action="section.experts",
        actor=actor,
        context=context,
        fields=["user", "role", "kind", "appointed_on", "ended_on", "ended_reason"],
    )


def remove_partner(
    partner: PartnerBoard, *, actor, context: RequestContext, reason: str
) -> Amendment:
    """A partner board named in error, or no longer concerned: its readers lose the review."""
    return amend(
        partner,
        {"removed_at": timezone.now(), "removed_reason": (reason or "").strip()},
        notification=partner.review.notification,
        reason=reason,
        label="A partner board",
        action="review.partner.removed",
        kind=AmendmentKind.REMOVED,
        read_action="section.partners",
        actor=actor,
        context=context,
        fields=["board", "reason", "shared_sections", "removed_at", "removed_reason"],
    )


def withdraw_document(
    report: AgencyReport, document: Document, *, actor, context: RequestContext, reason: str
) -> Amendment:
    """An attachment uploaded in error: kept in storage, no longer listed or downloadable."""
    if document.withdrawn_at is not None:
        raise ValidationError("This document has already been withdrawn")
    return amend(
        document,
        {"withdrawn_at": timezone.now(), "withdrawn_reason": (reason or "").strip()},
        notification=report.review.notification,
        reason=reason,
        label=f"An attachment to the {report.agency.name} report",
        action="document.withdrawn",
        kind=AmendmentKind.WITHDRAWN,
        read_action="section.reports",
        actor=actor,
        context=context,
        fields=["original_name", "uploaded_at", "withdrawn_at", "withdrawn_reason"],
    )


def withdraw_decision(
    decision: PanelDecision, *, actor, context: RequestContext, reason: str
) -> Amendment:
    """A decision minuted in error (the wrong kind, the wrong meeting, never taken): kept with
    the reason, no longer the panel's decision, so the obligations it was evidence for are
    owed again; an expert's advice it recorded as considered waits to be considered again."""
    if decision.withdrawn_at is not None:
        raise ValidationError("This decision has already been withdrawn")
    considered = ExpertAdvice.objects.filter(considered_by=decision)
    return amend(
        decision,
        {"withdrawn_at": timezone.now(), "withdrawn_reason": (reason or "").strip()},
        notification=decision.review.notification,
        reason=reason,
        label=f"A panel decision: {decision.get_kind_display().lower()}",
        action="panel.decision.withdrawn",
        kind=AmendmentKind.WITHDRAWN,
        read_action="section.panel",
        actor=actor,
        context=context,
        fields=["kind", "text", "meeting", "withdrawn_at", "withdrawn_reason"],
        apply=lambda: considered.update(considered_by=None),
    )


def correct_meeting(
    meeting: PanelMeeting, *, actor, context: RequestContext, values: dict, reason: str
) -> Amendment:
    """Correct a panel meeting's date, attendance or minutes (its decisions stay with it);
    the same date rule as recording it."""
    review = meeting.review
    attendees = list(values.get("attendees", meeting.attendees.all()))
    if any(m.review_id != review.pk for m in attendees):
        raise ValidationError({"attendees": "Choose members of this review's panel"})
    check_dates(
        {"held_on": values.get("held_on", meeting.held_on)}, MEETING_DATES, review_bounds(review)
    )
    return amend(
        meeting,
        {k: v for k, v in values.items() if k in ("held_on", "minutes")},
        notification=review.notification,
        reason=reason,
        label=f"A panel meeting ({meeting.held_on:%-d %B %Y})",
        action="panel.meeting.amended",
        read_action="section.panel",
        actor=actor,
        context=context,
        fields=["held_on", "minutes"],
        extra=lambda: {"attendees": sorted(str(m.pk) for m in meeting.attendees.all())},
        apply=lambda: meeting.attendees.set(attendees),
    )
