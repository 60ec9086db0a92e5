"""State changes for the review's support pages: independent experts and the overview
author, professionals, outbound notifications, parallel processes and partner boards.
Each writes its rows and exactly one audit event in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casereview.accounts import mail
from casereview.accounts.models import Board, Membership, Role, User
from casereview.accounts.permissions import ALWAYS_SHARED, SHAREABLE_SECTIONS
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.lib.date_rules import check_dates

from .. import case_duties
from ..dates import (
    ADVICE_DATES,
    APPOINTMENT_DATES,
    CONSIDERED_DATES,
    NO_EXPERT_DATES,
    PROCESS_DATES,
    PROFESSIONAL_DATES,
    review_bounds,
)
from ..models import (
    Appointment,
    AppointmentRole,
    ExpertAdvice,
    ExpertKind,
    ExpertNotAppointed,
    PanelDecision,
    PanelDecisionKind,
    PanelMeeting,
    ParallelProcess,
    PartnerBoard,
    Professional,
    Review,
)

# The membership a user needs in the review's board to be appointed in each role.
APPOINTABLE = {
    AppointmentRole.INDEPENDENT_EXPERT: Role.INDEPENDENT_EXPERT,
    AppointmentRole.INDEPENDENT_AUTHOR: Role.INDEPENDENT_AUTHOR,
}


def appointable_users(review: Review, role: str):
    """Users of the review's board who hold the membership the role needs."""
    return User.objects.filter(
        memberships__board_id=review.board_id, memberships__role=APPOINTABLE[role]
    ).order_by("last_name", "first_name", "username")


def appoint(
    review: Review,
    *,
    actor,
    context: RequestContext,
    user,
    role: str,
    kind: str = "",
    appointed_on: date,
) -> Appointment:
    """Appoint an independent expert (with their kind) or the overview author: the user
    reaches this review alone, through a per-case grant."""
    if not Membership.objects.filter(
        user=user, board_id=review.board_id, role=APPOINTABLE[role]
    ).exists():
        raise ValidationError({"user": "Choose a person who holds that role in this board"})
    if role == AppointmentRole.INDEPENDENT_EXPERT and not kind:
        raise ValidationError({"kind": "Select what the expert advises on"})
    if role == AppointmentRole.INDEPENDENT_AUTHOR:
        kind = ""
    if review.appointments.filter(user=user, role=role, kind=kind, ended_on__isnull=True).exists():
        raise ValidationError({"user": "This person already holds this appointment"})
    check_dates({"appointed_on": appointed_on}, APPOINTMENT_DATES, review_bounds(review))
    with transaction.atomic():
        appointment = Appointment.objects.create(
            review=review, user=user, role=role, kind=kind, appointed_on=appointed_on
        )
        record(
            "review.appoint",
            appointment,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "role": role, "kind": kind},
        )
        if role == AppointmentRole.INDEPENDENT_EXPERT:
            mail.tell(
                "advice_due",
                board_id=review.board_id,
                obj=appointment,
                reference=review.reference,
                link=reverse("reviews:experts", args=[review.pk]),
                user=user,
                role=APPOINTABLE[role],
                extra={"expert_kind": ExpertKind(kind).label.lower()},
            )
    return appointment


def record_no_expert(
    review: Review,
    *,
    actor,
    context: RequestContext,
    kind: str,
    reasons: str,
    decided_on: date,
) -> ExpertNotAppointed:
    """The panel appoints no independent expert of `kind`, and says why (19.3, 19.4 "normal
    practice"): that explains the departure and meets the obligation. Recording it again
    replaces the reasons; appointing an expert later is evidence in its own right."""
    check_dates({"decided_on": decided_on}, NO_EXPERT_DATES, review_bounds(review))
    if review.appointments.filter(
        role=AppointmentRole.INDEPENDENT_EXPERT, kind=kind, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {"kind": "An expert on this is appointed already: there is nothing to explain"}
        )
    with transaction.atomic():
        row, created = ExpertNotAppointed.objects.update_or_create(
            review=review,
            kind=kind,
            defaults={
                "reasons": reasons,
                "decided_on": decided_on,
                "recorded_by": actor,
                "recorded_at": timezone.now(),
            },
        )
        record(
            "review.expert_not_appointed",
            row,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "kind": kind, "replaced": not created},
        )
    return row


def add_advice(
    review: Review, *, actor, context: RequestContext, about: str, advice: str, given_on: date
) -> ExpertAdvice:
    """The appointed expert's structured advice to the panel."""
    appointment = (
        review.appointments.filter(
            user=actor, role=AppointmentRole.INDEPENDENT_EXPERT, ended_on__isnull=True
        )
        .order_by("appointed_on")
        .first()
    )
    if appointment is None:
        raise ValidationError("Only an expert appointed to this review can give advice")
    check_dates(
        {"given_on": given_on, "appointed_on": appointment.appointed_on},
        ADVICE_DATES,
        review_bounds(review),
    )
    with transaction.atomic():
        item = ExpertAdvice.objects.create(
            review=review, appointment=appointment, about=about, advice=advice, given_on=given_on
        )
        record(
            "expert.advise",
            item,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "appointment": str(appointment.pk)},
        )
    return item


def record_advice_considered(
    item: ExpertAdvice, *, actor, context: RequestContext, held_on: date, text: str
) -> PanelDecision:
    """The panel considered the expert's advice: a decision minuted at a new meeting."""
    check_dates({"held_on": held_on}, CONSIDERED_DATES, review_bounds(item.review))
    with transaction.atomic():
        item = ExpertAdvice.objects.select_for_update().get(pk=item.pk)
        if item.considered_by_id is not None:
            raise ValidationError("The panel has already recorded that it considered this advice")
        meeting = PanelMeeting.objects.create(review=item.review, held_on=held_on)
        decision = PanelDecision.objects.create(
            meeting=meeting, review=item.review, kind=PanelDecisionKind.EXPERT_ADVICE, text=text
        )
        item.considered_by = decision
        item.save(update_fields=["considered_by"])
        record(
            "expert.advice_considered",
            item,
            actor=actor,
            context=context,
            board_id=item.review.board_id,
            detail={"decision": str(decision.pk), "meeting": str(meeting.pk)},
        )
    return decision


PROFESSIONAL_FIELDS = (
    "agency",
    "role",
    "name",
    "support_offered_on",
    "support_taken_up",
    "debriefed_on",
    "feedback_on",
)


def save_professional(
    review: Review, professional: Professional | None, *, actor, context: RequestContext, **fields
) -> Professional:
    """Add or change a row of the staff involved, their support and debriefing (19.6)."""
    created = professional is None
    if fields["agency"].board_id != review.board_id:
        raise ValidationError({"agency": "Choose an agency of this board"})
    if fields["support_taken_up"] and not fields["support_offered_on"]:
        raise ValidationError(
            {"support_offered_on": "Enter the date support was offered, if it was taken up"}
        )
    check_dates(fields, PROFESSIONAL_DATES, review_bounds(review))
    with transaction.atomic():
        if created:
            professional = Professional(review=review)
        changed = [f for f in PROFESSIONAL_FIELDS if getattr(professional, f, None) != fields[f]]
        for name in PROFESSIONAL_FIELDS:
            setattr(professional, name, fields[name])
        professional.save()
        record(
            "professional.create" if created else "professional.update",
            professional,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "fields": sorted(changed)},
        )
    return professional


def record_outbound(review: Review, *, actor, context: RequestContext, **fields):
    """A statutory notification sent about the case: recorded on the notification, so that
    the review's page and the notification's page show the same rows."""
    return case_duties.record_notice(review.notification, actor=actor, context=context, **fields)


PROCESS_FIELDS = ("kind", "started_on", "concluded_on", "status_note", "holds_publication")


def save_process(
    review: Review, process: ParallelProcess | None, *, actor, context: RequestContext, **fields
) -> ParallelProcess:
    """Add or change a parallel process; an open one that holds publication blocks the move
    to "published" (lifecycle.blockers)."""
    created = process is None
    check_dates(fields, PROCESS_DATES, review_bounds(review))
    with transaction.atomic():
        if created:
            process = ParallelProcess(review=review)
        changed = [f for f in PROCESS_FIELDS if getattr(process, f, None) != fields[f]]
        for name in PROCESS_FIELDS:
            setattr(process, name, fields[name])
        process.save()
        record(
            "parallel.create" if created else "parallel.update",
            process,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "kind": process.kind, "fields": sorted(changed)},
        )
    return process


def add_partner(
    review: Review, *, actor, context: RequestContext, board: Board, reason: str
) -> PartnerBoard:
    """A cross-boundary review: the partner board's board-wide readers read this review."""
    if board.pk == review.board_id:
        raise ValidationError({"board": "The lead board cannot be its own partner"})
    if review.partners.filter(board=board).exists():
        raise ValidationError({"board": "This board is already a partner in the review"})
    with transaction.atomic():
        partner = PartnerBoard.objects.create(review=review, board=board, reason=reason)
        record(
            "review.partner_add",
            review,
            actor=actor,
            context=context,
            detail={"partner_board": board.pk},
        )
    return partner


def share_sections(
    review: Review,
    holder: Appointment | PartnerBoard,
    *,
    actor,
    context: RequestContext,
    sections,
) -> list[str]:
    """What an expert's appointment, or a partner board, reads of the review: the sections
    named (the stage is always shared)."""
    chosen = ALWAYS_SHARED | set(sections)
    holder.shared_sections = [a for a in SHAREABLE_SECTIONS if a in chosen]
    holder_key = "appointment" if isinstance(holder, Appointment) else "partner_board"
    with transaction.atomic():
        holder.save(update_fields=["shared_sections"])
        record(
            "review.sections_shared",
            review,
            actor=actor,
            context=context,
            detail={holder_key: str(holder.pk), "sections": holder.shared_sections},
        )
    return holder.shared_sections
