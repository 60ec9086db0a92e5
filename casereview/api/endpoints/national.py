"""National records (19.6): boards with their own instance submit the anonymised record of a
signed-off review (idempotent by board and reference); national analysts list them."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from casereview.accounts.access import require
from casereview.accounts.models import Board
from casereview.accounts.permissions import ACTIONS, boards_where, can_at_all
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.national import records, trends, trends_export
from casereview.national.models import NationalLesson, NationalRecord, Submission

from ..national_schemas import NationalRecordIn, NationalRecordOut
from ..paging import Page, PageParams
from ..problems import ApiProblem
from ..schemas import choice
from .common import READ_ERRORS, WRITE_ERRORS, file_tagged, listed, respond

router = Router(tags=["national"])
MONTHS = ("incident_month", "notified_month", "decided_month", "completed_month", "published_month")


def _ym(value) -> str | None:
    return value.strftime("%Y-%m") if value else None


def record_data(r: NationalRecord) -> dict:
    return {
        "id": str(r.pk),
        **{
            name: getattr(r, name)
            for name in (
                "source_key",
                "board_code",
                "board_name",
                "region",
                "regime",
                "vocabulary_version",
                "age_band",
                "sex",
                "ethnicity_group",
                "disability",
                "looked_after",
                "plan_status",
                "outcome",
                "death_category",
                "harm_types",
                "family_risks",
                "maltreatment",
                "practice_issues",
                "recommendation_types",
                "timeliness",
                "submitted_via",
            )
        },
        **{name: _ym(getattr(r, name)) for name in MONTHS},
        "lessons": [
            {
                "position": lesson.position,
                "text": lesson.text,
                "category": lesson.category,
                "themes": lesson.themes,
                "highlighted": lesson.highlighted,
            }
            for lesson in r.lessons.all()
        ],
    }


def _refuse(request, action: str):
    record(
        "deny",
        NationalRecord,
        Outcome.DENIED,
        detail={"action": action},
        actor=request.user,
        context=context_of(request),
    )
    raise ApiProblem(403, "Your roles do not allow this")


class TrendsParams(Schema):
    format: choice(("csv",)) = Field(
        "csv", description="csv: the trends tables and theme prevalence, small cells suppressed"
    )


@router.get(
    "/national/trends",
    response={**READ_ERRORS},
    url_name="national_trends",
    summary="The national trends as CSV, small cells suppressed (national analysts)",
    openapi_extra={
        "responses": {200: {"description": "The CSV", "content": {"text/csv": {"schema": {}}}}}
    },
)
def national_trends(request, out: Query[TrendsParams]):
    if not can_at_all(request.user, "national.read"):
        _refuse(request, "national.read")
    data = trends.current()
    record(
        "list",
        NationalRecord,
        detail={"count": data.total.count, "export": out.format, "api": True, "trends": True},
        actor=request.user,
        context=context_of(request),
    )
    return file_tagged(trends_export.download(data))


class NationalFilter(Schema):
    board: str | None = None
    region: str | None = None


@router.get(
    "/national/records",
    response={200: Page[NationalRecordOut], **READ_ERRORS},
    url_name="national_record_list",
    summary="The national records (national analysts)",
)
def national_record_list(request, page: Query[PageParams], where: Query[NationalFilter]):
    if not can_at_all(request.user, "national.read"):
        _refuse(request, "national.read")
    rows = NationalRecord.objects.prefetch_related(
        Prefetch("lessons", queryset=NationalLesson.objects.order_by("position"))
    )
    if where.board:
        rows = rows.filter(board_code=where.board)
    if where.region:
        rows = rows.filter(region=where.region)
    return listed(request, NationalRecord, rows.order_by("-submitted_at", "id"), page, record_data)


def _errors(data: NationalRecordIn) -> list[dict]:
    found = [
        {"pointer": f"/{name}", "detail": message}
        for name, message in records.month_problems(
            {name: getattr(data, name) for name in MONTHS}, today=timezone.localdate()
        ).items()
    ]
    found += [
        {"pointer": f"/{name}", "detail": message}
        for name, message in records.outcome_problems(
            data.outcome, data.death_category, data.harm_types
        ).items()
    ]
    return found


@router.post(
    "/national/records",
    response={200: NationalRecordOut, 201: NationalRecordOut, **WRITE_ERRORS},
    url_name="national_record_submit",
    summary="Submit a board's national record of a signed-off review (idempotent)",
)
def national_record_submit(request, data: NationalRecordIn):
    if not boards_where(request.user, ACTIONS["national.submit"]):
        _refuse(request, "national.submit")
    board = Board.objects.filter(slug=data.board).first()
    if board is None or board.pk not in boards_where(request.user, ACTIONS["national.submit"]):
        raise ApiProblem(
            422,
            errors=[{"pointer": "/board", "detail": "Name a board whose manager you are"}],
        )
    require(request, "national.submit", board)
    if errors := _errors(data):
        raise ApiProblem(422, errors=errors)
    fields = data.dict()
    lessons = [
        records.Lesson(**{**lesson, "themes": tuple(lesson["themes"])})
        for lesson in fields.pop("lessons")
    ]
    fields.pop("board")
    for name in (
        "harm_types",
        "family_risks",
        "maltreatment",
        "practice_issues",
        "recommendation_types",
    ):
        fields[name] = sorted(set(fields[name]))
    reference = fields.pop("reference")
    payload = records.RecordData(
        source_key=records.source_key(board.slug, reference),
        board_code=board.slug,
        board_name=board.name,
        lessons=lessons,
        **fields,
    )
    saved, outcome = records.store(
        payload, via=Submission.API, actor=request.user, context=context_of(request)
    )
    return respond(request, record_data(saved), 201 if outcome == records.CREATED else 200)
