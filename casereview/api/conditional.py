"""ETags of what a read returns, and If-Match on updates (412 stale, 428 missing)."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpResponse

from .problems import ApiProblem


def etag_of(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def tagged(response: HttpResponse, data) -> str:
    etag = etag_of(data)
    response["ETag"] = etag
    return etag


def require_match(sent: str | None, current) -> None:
    """Refuse an update made without If-Match (428) or against another version (412)."""
    if not sent:
        raise ApiProblem(428, "Send If-Match with the ETag of the version you read")
    wanted = {v.strip() for v in sent.split(",")}
    if "*" not in wanted and etag_of(current) not in wanted:
        raise ApiProblem(412, "Someone changed the record since you read it: read it again")
