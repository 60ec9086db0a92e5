"""What every operation shares: its documented refusals, JSON answers with an ETag, and
lists recorded as one read of the list (as the web's list pages do), or exported as CSV or
XLSX through the list's own table (the one its web page downloads)."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpResponse
from ninja import Schema
from pydantic import Field

from casereview.audit.context import context_of
from casereview.audit.services import record

from ..conditional import tagged
from ..paging import PageParams, page_of
from ..problems import Problem
from ..schemas import choice

READ_ERRORS = {code: Problem for code in (400, 401, 403, 404, 413, 422, 429)}
WRITE_ERRORS = {code: Problem for code in (400, 401, 403, 404, 412, 413, 422, 428, 429)}


def respond(request, data, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(data), status=status, content_type="application/json")
    tagged(response, data)
    return response


def listed(request, model, rows, page: PageParams, serialise) -> HttpResponse:
    data = page_of(rows, page, serialise)
    record(
        "list",
        model,
        detail={"count": data["count"], "api": True},
        actor=request.user,
        context=context_of(request),
    )
    return respond(request, data)


class ExportParams(Schema):
    format: choice(("json", "csv", "xlsx")) = Field(
        "json",
        description="json: a page of the list; csv or xlsx: the whole list (every row the "
        "filters keep; limit and offset do not apply) as a spreadsheet",
    )


def wanted(params: ExportParams) -> str | None:
    return None if params.format == "json" else params.format


def file_tagged(response) -> HttpResponse:
    """A file's answer with an ETag (the hash of its bytes), read into memory if streamed."""
    if response.streaming:
        response = HttpResponse(b"".join(response.streaming_content), headers=response.items())
    response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    return response


def exported(request, model, rows, kind: str, table, name: str, review=None) -> HttpResponse:
    """The whole list as `kind` through the list's table, recorded as the web's download
    is: the list's `list` event with the format (and the review, for a review's list)."""
    rows = list(rows)
    detail = {"count": len(rows), "export": kind, "api": True}
    if review is not None:
        detail["review"] = str(review.pk)
    record(
        "list",
        model,
        board_id=review.board_id if review is not None else None,
        detail=detail,
        actor=request.user,
        context=context_of(request),
    )
    name = f"{review.reference}-{name}" if review is not None else name
    return file_tagged(table.download(kind, name, rows))
