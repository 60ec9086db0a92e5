"""The review's incident coding for the national record (issue 16 item 1; learning/coding.py):
read by whoever reads the learning section, recorded or replaced by `learning.write`, as on
the web's coding page and through the same service."""

from __future__ import annotations

from uuid import UUID

from ninja import Header, Router

from casereview.accounts.access import require
from casereview.audit.context import context_of
from casereview.audit.services import mark_read
from casereview.reviews.lookup import review_for

from .. import updates
from ..representations import coding_data
from ..schemas import IncidentCodingIn, IncidentCodingOut
from .common import READ_ERRORS, WRITE_ERRORS, respond

router = Router(tags=["learning"])

READ = "section.learning"
WRITE = "learning.write"

IfMatch = Header[
    str | None,
    {
        "alias": "If-Match",
        "description": "The ETag of the coding read (required once a coding is recorded)",
        "max_length": 2000,
    },
]


def _answer(request, review, status: int = 200):
    current = updates.coded(review)
    if current is not None:
        mark_read(request, current)
    return respond(request, coding_data(review, current), status)


@router.get(
    "/reviews/{pk}/coding",
    response={200: IncidentCodingOut, **READ_ERRORS},
    url_name="coding_detail",
    summary="The review's incident coding: death category, harm and maltreatment types, "
    "each code with its label",
)
def coding_detail(request, pk: UUID):
    return _answer(request, review_for(request, pk, READ))


@router.put(
    "/reviews/{pk}/coding",
    response={200: IncidentCodingOut, **WRITE_ERRORS},
    url_name="coding_record",
    summary="Record or replace the review's incident coding (If-Match once one is recorded; "
    "a reason after the board's sign-off)",
)
def coding_record(request, pk: UUID, data: IncidentCodingIn, if_match: IfMatch = None):
    review = review_for(request, pk, READ)
    require(request, WRITE, review)
    updates.record_coding(
        review,
        actor=request.user,
        context=context_of(request),
        if_match=if_match,
        death_category=data.death_category,
        harm_types=data.harm_types,
        maltreatment=data.maltreatment,
        reason=data.reason,
    )
    return _answer(request, review)
