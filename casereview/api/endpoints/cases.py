"""Notifications (list, read, create, correct), their screening and the chair's decision."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Header, Query, Router, Schema

from casereview.accounts.access import get_for, list_for
from casereview.accounts.models import Board
from casereview.accounts.permissions import ACTIONS, AGENCY_SCOPED, grants_of
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.cases import services
from casereview.cases.duplicates import PossibleDuplicate
from casereview.cases.models import (
    Notification,
    NotificationStatus,
    Person,
    PersonKind,
)
from casereview.cases.tables import NOTIFICATIONS

from .. import updates
from ..paging import Page, PageParams
from ..problems import ApiProblem, Problem
from ..representations import (
    decision_data,
    notification_data,
    notifications,
    screening_data,
)
from ..schemas import (
    Day,
    DecisionIn,
    DecisionOut,
    NotificationCorrection,
    NotificationIn,
    NotificationOut,
    RecommendationIn,
    ScreeningOut,
    choice,
)
from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    ExportParams,
    exported,
    listed,
    respond,
    wanted,
)

router = Router(tags=["notifications"])

# Read by conditional.require_match; declared so that the schema (and clients) show it.
IfMatch = Header[
    str | None,
    {"alias": "If-Match", "description": "The ETag of the version read", "max_length": 2000},
]


class NotificationFilter(Schema):
    status: choice(NotificationStatus.values) | None = None
    board: str | None = None
    received_from: Day | None = None
    received_to: Day | None = None


def _notification(request, pk, action="case.view") -> Notification:
    return get_for(request, notifications(), pk, action)


@router.get(
    "/notifications",
    response={200: Page[NotificationOut], **READ_ERRORS},
    url_name="notification_list",
    summary="The notifications you may see",
)
def notification_list(
    request,
    page: Query[PageParams],
    where: Query[NotificationFilter],
    out: Query[ExportParams],
):
    rows = list_for(request, notifications())
    if where.status:
        rows = rows.filter(status=where.status)
    if where.board:
        rows = rows.filter(board__slug=where.board)
    if where.received_from:
        rows = rows.filter(received_at__date__gte=where.received_from)
    if where.received_to:
        rows = rows.filter(received_at__date__lte=where.received_to)
    rows = rows.order_by("-received_at", "id")
    if kind := wanted(out):
        return exported(request, Notification, rows, kind, NOTIFICATIONS, "notifications")
    return listed(request, Notification, rows, page, notification_data)


@router.get(
    "/notifications/{pk}",
    response={200: NotificationOut, **READ_ERRORS},
    url_name="notification_detail",
)
def notification_detail(request, pk: UUID):
    return respond(request, notification_data(_notification(request, pk)))


def _boards_to_notify(request):
    roles = ACTIONS["notification.create"]
    return {g.board_id for g in grants_of(request.user) if g.role in roles}


@router.post(
    "/notifications",
    response={201: NotificationOut, 409: Problem, **WRITE_ERRORS},
    url_name="notification_create",
    summary="Notify a serious incident",
)
def notification_create(request, data: NotificationIn):
    allowed = _boards_to_notify(request)
    if not allowed:
        record(
            "deny",
            Notification,
            Outcome.DENIED,
            detail={"action": "notification.create"},
            actor=request.user,
            context=context_of(request),
        )
        raise ApiProblem(403, "Your roles do not allow notifying")
    board = Board.objects.filter(pk=data.board, pk__in=allowed).first()
    if board is None:
        raise ApiProblem(
            422, errors=[{"pointer": "/board", "detail": "Choose a board where you may notify"}]
        )
    wanted = set(data.agencies)
    agencies = list(board.agencies.filter(pk__in=wanted))
    if len(agencies) != len(wanted):
        raise ApiProblem(
            422, errors=[{"pointer": "/agencies", "detail": "Choose agencies of this board"}]
        )
    own = [
        g.agency_id
        for g in grants_of(request.user)
        if g.board_id == board.pk and g.role in AGENCY_SCOPED
    ]
    agencies += [a for a in board.agencies.filter(pk__in=own) if a.pk not in wanted]
    referrer_agency = None
    if data.referrer_agency is not None:
        referrer_agency = board.agencies.filter(pk=data.referrer_agency).first()
        if referrer_agency is None:
            raise ApiProblem(
                422,
                errors=[
                    {"pointer": "/referrer_agency", "detail": "Choose an agency of this board"}
                ],
            )
    fields = data.dict(exclude={"board", "child", "agencies", "different_incident"})
    fields["referrer_agency"] = referrer_agency
    child = data.child.dict()
    try:
        Person(board=board, kind=PersonKind.CHILD, **child).full_clean(
            exclude=["notification", "board"]
        )
    except ValidationError as error:
        raise ValidationError({f"child/{k}": v for k, v in error.message_dict.items()}) from error
    try:
        notification = services.create_notification(
            board=board,
            actor=request.user,
            context=context_of(request),
            fields=fields,
            child=child,
            agencies=agencies,
            different_incident=data.different_incident,
        )
    except PossibleDuplicate as flagged:
        raise ApiProblem(
            409,
            "A child with the same name and date of birth is already on the register. If "
            "this is a different incident, send different_incident: true",
            errors=[{"pointer": "/different_incident", "detail": m} for m in flagged.messages],
        ) from flagged
    data_out = notification_data(_notification(request, notification.pk))
    response = respond(request, data_out, status=201)
    response["Location"] = f"/api/v1/notifications/{notification.pk}"
    return response


@router.patch(
    "/notifications/{pk}",
    response={200: NotificationOut, **WRITE_ERRORS},
    url_name="notification_correct",
    summary="Correct the notification's facts, with a reason (kept as an amendment)",
)
def notification_correct(request, pk: UUID, data: NotificationCorrection, if_match: IfMatch = None):
    n = _notification(request, pk, "notification.edit")
    fields = data.dict(exclude={"reason"}, exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None or k == "date_of_death"}
    if not fields:
        raise ApiProblem(422, errors=[{"pointer": "/", "detail": "Send at least one field"}])
    updates.correct_notification(
        n,
        actor=request.user,
        context=context_of(request),
        if_match=if_match,
        fields=fields,
        reason=data.reason,
    )
    return respond(request, notification_data(_notification(request, pk)))


@router.get(
    "/notifications/{pk}/screening",
    response={200: ScreeningOut, **READ_ERRORS},
    url_name="screening_detail",
    summary="What the criteria say, and the panel's recommendation",
)
def screening_detail(request, pk: UUID):
    return respond(request, screening_data(_notification(request, pk)))


@router.put(
    "/notifications/{pk}/screening/recommendation",
    response={200: ScreeningOut, **WRITE_ERRORS},
    url_name="screening_recommend",
    summary="Record or change the panel's recommendation (If-Match once one is recorded)",
)
def screening_recommend(request, pk: UUID, data: RecommendationIn, if_match: IfMatch = None):
    n = _notification(request, pk, "screening.recommend")
    updates.recommend(
        n,
        actor=request.user,
        context=context_of(request),
        if_match=if_match,
        recommendation=data.recommendation,
        reasons=data.reasons,
    )
    return respond(request, screening_data(_notification(request, pk)))


@router.get(
    "/notifications/{pk}/decision",
    response={200: DecisionOut, **READ_ERRORS},
    url_name="decision_detail",
)
def decision_detail(request, pk: UUID):
    return respond(request, decision_data(_notification(request, pk)))


@router.post(
    "/notifications/{pk}/decision",
    response={201: DecisionOut, **WRITE_ERRORS},
    url_name="decision_record",
    summary="The chair's decision; a decision to review opens the review",
)
def decision_record(request, pk: UUID, data: DecisionIn):
    n = _notification(request, pk, "decision.record")
    services.record_decision(
        n,
        actor=request.user,
        context=context_of(request),
        outcome=data.outcome,
        reasons=data.reasons,
        dissent=data.dissent,
        decided_on=data.decided_on,
        confirm_departure=data.confirm_departure,
    )
    return respond(request, decision_data(_notification(request, pk)), status=201)
