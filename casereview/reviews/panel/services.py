"""The panel, its meetings and decisions, the terms of reference and the review's stages.

Every write checks its input, writes its rows and exactly one audit event in one
transaction."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casereview.accounts.models import Agency, Membership
from casereview.accounts.permissions import can, reaches_every_row
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.amendments import keep, snapshot
from casereview.cases.checks import child_is_bme, child_or_parent_disabled
from casereview.cases.models import AmendmentKind
from casereview.lib.date_rules import check_dates, date_problems
from casereview.procedure import citations

from .. import lifecycle
from ..dates import (
    AGREED_DATES,
    MEETING_DATES,
    MEMBER_DATES,
    REPORT_DUE,
    TERMS_DATES,
    review_bounds,
)
from ..models import (
    PanelDecision,
    PanelMeeting,
    PanelMember,
    RequestedReport,
    Review,
    ReviewStatus,
    TermsOfReference,
    TermsStatus,
)

# The questions Rotherham 19.3 and 19.4 ask of a review, pre-filled into the terms of
# reference when the people register shows the clause applies, each citing the clause of
# the review's own regime.
RACE_QUESTIONS = (
    "Were assessments and services sensitive to the child's and family's race, culture, "
    "language and religion, and did they disadvantage them?",
    "How were race, racism and racial harassment addressed, with the advice of an "
    "independent expert?",
    "Who will link in with black and minority ethnic, voluntary, community and faith "
    "organisations?",
    "How will information be shared with the family in their preferred language and in a "
    "culturally competent manner?",
)
DISABILITY_QUESTIONS = (
    "Were assessments and services appropriate to the disabled child or parent and their "
    "family, and did they disadvantage them?",
    "What are the lessons about working with disabled children and parents?",
)


# --- The panel -----------------------------------------------------------------------------


def add_member(
    review: Review,
    *,
    actor,
    context: RequestContext,
    name: str,
    role_title: str,
    joined_on: date,
    agency: Agency | None = None,
    independent_chair: bool = False,
    user=None,
) -> PanelMember:
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose an agency of this board"})
    if user is not None and not Membership.objects.filter(user=user, board=review.board).exists():
        raise ValidationError({"user": "Choose a user of this board"})
    check_dates({"joined_on": joined_on}, MEMBER_DATES, review_bounds(review))
    with transaction.atomic():
        member = PanelMember.objects.create(
            review=review,
            name=name,
            role_title=role_title,
            joined_on=joined_on,
            agency=agency,
            independent_chair=independent_chair,
            user=user,
        )
        record(
            "panel.member_add",
            member,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "independent_chair": independent_chair},
        )
    return member


def add_meeting(
    review: Review,
    *,
    actor,
    context: RequestContext,
    held_on: date,
    attendees=(),
    minutes: str = "",
) -> PanelMeeting:
    attendees = list(attendees)
    if any(m.review_id != review.pk for m in attendees):
        raise ValidationError({"attendees": "Choose members of this review's panel"})
    check_dates({"held_on": held_on}, MEETING_DATES, review_bounds(review))
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(review=review, held_on=held_on, minutes=minutes)
        meeting.attendees.set(attendees)
        record(
            "panel.meeting_add",
            meeting,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "attendees": len(attendees)},
        )
    return meeting


def record_decision(meeting: PanelMeeting, *, actor, context: RequestContext, kind: str, text: str):
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the decision, as minuted"})
    with transaction.atomic():
        decision = PanelDecision.objects.create(
            meeting=meeting, review=meeting.review, kind=kind, text=text
        )
        record(
            "panel.decision",
            decision,
            actor=actor,
            context=context,
            board_id=meeting.review.board_id,
            detail={"review": str(meeting.review_id), "kind": kind},
        )
    return decision


# --- Terms of reference ----------------------------------------------------------------------


def _diversity(review: Review) -> tuple[bool, bool]:
    """Whether the people register brings in 19.3 (a black or minority ethnic child) and
    19.4 (a disabled child or parent, someone with parental responsibility)."""
    case = review.notification
    return case.pk in child_is_bme([case]), case.pk in child_or_parent_disabled([case])


def diversity_grounds(review: Review) -> list[str]:
    """What the people register shows that brings in 19.3 or 19.4, with the clause of the
    review's regime."""
    race, disability = _diversity(review)
    cite = citations.for_case(review)
    grounds = []
    if race:
        grounds.append(f"a black or minority ethnic child ({cite['race']})")
    if disability:
        grounds.append(f"a disabled child or parent ({cite['disability']})")
    return grounds


def diversity_questions_for(review: Review) -> list[str]:
    """The 19.3 and 19.4 questions that the people register says the review must answer."""
    race, disability = _diversity(review)
    cite = citations.for_case(review)
    questions: list[str] = []
    if race:
        questions += [f"{q} ({cite['race']})" for q in RACE_QUESTIONS]
    if disability:
        questions += [f"{q} ({cite['disability']})" for q in DISABILITY_QUESTIONS]
    return questions


def latest_terms(review: Review) -> TermsOfReference | None:
    return review.terms.order_by("-version").first()


def terms_initial(review: Review) -> tuple[dict, dict]:
    """The new version's form, pre-filled from the latest version (or, for the first, from
    the case), with the diversity questions the people register calls for. Returns the
    initial values and {agency id: due date} of the reports asked for."""
    latest = latest_terms(review)
    reports: dict = {}
    if latest is not None:
        initial = {
            name: getattr(latest, name)
            for name in (
                "period_start",
                "period_end",
                "family_involvement",
                "parallel_processes",
                "diversity_questions",
                "specific_questions",
            )
        }
        reports = {r.agency_id: r.due_on for r in latest.requested_reports.all()}
    else:
        case = review.notification
        child = case.child
        initial = {
            "period_start": getattr(child, "date_of_birth", None),
            "period_end": case.incident_date,
            "parallel_processes": "\n".join(
                f"{p.get_kind_display()}{f': {p.status_note}' if p.status_note else ''}"
                for p in review.parallel.all()
            ),
        }
    existing = initial.get("diversity_questions", "")
    missing = [q for q in diversity_questions_for(review) if q not in existing]
    if missing:
        initial["diversity_questions"] = "\n".join(filter(None, [existing.strip(), *missing]))
    return initial, reports


def save_terms(
    review: Review,
    *,
    actor,
    context: RequestContext,
    fields: dict,
    reports: list[tuple[Agency, date]],
    reason: str = "",
) -> TermsOfReference:
    """Save the terms of reference: the draft version is changed in place; when the latest
    version is agreed (or there is none) a new draft version is made. An agreed version is
    never edited: correcting it makes a new version, with a reason, kept in the case's
    history beside the agreed version (cases/amendments.py)."""
    if any(agency.board_id != review.board_id for agency, _ in reports):
        raise ValidationError("Choose agencies of this board")
    if len({agency.pk for agency, _ in reports}) != len(reports):
        raise ValidationError("Ask each agency for one report")
    check_terms_dates(review, fields, reports)
    with transaction.atomic():
        Review.objects.select_for_update().filter(pk=review.pk).first()
        latest = latest_terms(review)
        if latest is not None and latest.status == TermsStatus.DRAFT:
            terms = latest
            for name, value in fields.items():
                setattr(terms, name, value)
            terms.full_clean(exclude=["review", "created_by"])
            terms.save()
            terms.requested_reports.all().delete()
            action = "terms.edit"
        else:
            if latest is not None and not reason.strip():
                raise ValidationError({"reason": CORRECTION_REASON_REQUIRED})
            version = (review.terms.aggregate(v=Max("version"))["v"] or 0) + 1
            terms = TermsOfReference(
                review=review,
                version=version,
                status=TermsStatus.DRAFT,
                created_by=actor,
                created_at=timezone.now(),
                **fields,
            )
            terms.full_clean(exclude=["review", "created_by"])
            terms.save()
            action = "terms.draft"
        RequestedReport.objects.bulk_create(
            RequestedReport(terms=terms, agency=agency, due_on=due) for agency, due in reports
        )
        if action == "terms.draft" and latest is not None:
            keep(
                terms,
                notification=review.notification,
                before=terms_snapshot(latest),
                after=terms_snapshot(terms),
                kind=AmendmentKind.NEW_VERSION,
                reason=reason,
                label="The terms of reference",
                action="terms.amended",
                read_action="section.terms",
                actor=actor,
                context=context,
            )
        record(
            action,
            terms,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"review": str(review.pk), "version": terms.version, "reports": len(reports)},
        )
    return terms


CORRECTION_REASON_REQUIRED = "Enter why the agreed terms of reference are being corrected"
TERMS_FIELDS = [
    "version",
    "period_start",
    "period_end",
    "family_involvement",
    "parallel_processes",
    "diversity_questions",
    "specific_questions",
]


def terms_snapshot(terms: TermsOfReference) -> dict:
    return {
        **snapshot(terms, TERMS_FIELDS),
        "requested_reports": [
            f"{r.agency_id}: {r.due_on.isoformat()}"
            for r in terms.requested_reports.order_by("agency_id")
        ],
    }


def check_terms_dates(review: Review, fields: dict, reports: list[tuple[Agency, date]]) -> None:
    """A draft keeps the same date rules as agreed terms: the period ends after it starts
    and not after today, and no report falls due before the notification."""
    bounds = review_bounds(review)
    problems = date_problems(fields, TERMS_DATES, bounds)
    for agency, due in reports:
        name = f"due_{agency.pk}"
        rule = replace(REPORT_DUE, label=f"{agency.name}: report due by")
        problems |= date_problems({name: due}, {name: rule}, bounds)
    if problems:
        raise ValidationError(problems)


def agree_terms(
    terms: TermsOfReference, *, actor, context: RequestContext, agreed_on: date
) -> TermsOfReference:
    """The panel agrees this version; from now on it is never edited."""
    check_dates({"agreed_on": agreed_on}, AGREED_DATES, review_bounds(terms.review))
    with transaction.atomic():
        locked = TermsOfReference.objects.select_for_update().get(pk=terms.pk)
        if locked.status == TermsStatus.AGREED:
            raise ValidationError(f"Version {locked.version} is already agreed")
        if locked.review.terms.filter(version__gt=locked.version).exists():
            raise ValidationError(f"Version {locked.version} is not the latest version")
        locked.status = TermsStatus.AGREED
        locked.agreed_on = agreed_on
        locked.save(update_fields=["status", "agreed_on"])
        record(
            "terms.agree",
            locked,
            actor=actor,
            context=context,
            board_id=locked.review.board_id,
            detail={"review": str(locked.review_id), "version": locked.version},
        )
    terms.status, terms.agreed_on = locked.status, locked.agreed_on
    return terms


# --- Stages --------------------------------------------------------------------------------


ORDER = list(ReviewStatus.values)


@dataclass
class StageMove:
    to: str
    label: str
    role_action: str
    blockers: list[str] = field(default_factory=list)
    permitted: bool = False
    forward: bool = True

    @property
    def allowed(self) -> bool:
        return self.permitted and not self.blockers


def stage_moves(review: Review, user) -> list[StageMove]:
    """The moves from the review's stage, each with why it is blocked and whether `user`
    may make it. Why a move waits names other agencies' reports and actions: it is for
    those who read every agency's rows, not for an agency's own author (need-to-know)."""
    told = reaches_every_row(user, "section.stage", review)
    return [
        StageMove(
            to=str(m.to),
            label=m.label,
            role_action=m.role_action,
            blockers=lifecycle.blockers(review, m.to, by_hand=True) if told else [],
            permitted=can(user, m.role_action, review),
            forward=ORDER.index(m.to) > ORDER.index(review.status),
        )
        for m in lifecycle.MOVES[review.status]
    ]


def move_action(review: Review, to: str) -> str:
    """The action a user needs to make the move (review.manage for a move not allowed)."""
    return next(
        (m.role_action for m in lifecycle.MOVES[review.status] if m.to == to), "review.manage"
    )
