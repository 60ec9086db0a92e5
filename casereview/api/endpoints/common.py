"""What every operation shares: its documented refusals, JSON answers with an ETag, and
lists recorded as one read of the list (as the web's list pages do)."""

from __future__ import annotations

import json

from django.http import HttpResponse

from casereview.audit.context import context_of
from casereview.audit.services import record

from ..conditional import tagged
from ..paging import PageParams, page_of
from ..problems import Problem

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
