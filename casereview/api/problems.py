"""Errors as RFC 9457 problem details (application/problem+json) for every 4xx."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "The record has changed",
    413: "Request too large",
    415: "Unsupported media type",
    422: "The request has errors",
    428: "If-Match is required",
    429: "Too many requests",
}


class FieldError(Schema):
    # A JSON pointer into the request (RFC 6901), e.g. "/child/date_of_birth" or "/query/limit".
    pointer: str
    detail: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


class ApiProblem(Exception):
    def __init__(
        self,
        status: int,
        detail: str = "",
        errors: list[dict] | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def slug(status: int) -> str:
    return TITLES.get(status, "error").lower().replace(" ", "-").replace("-is-", "-")


def problem(
    status: int, detail: str = "", errors: list[dict] | None = None, headers: dict | None = None
) -> HttpResponse:
    body = {
        "type": f"/api/docs#problem-{status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def pointer(parts) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def from_django(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"pointer": "/" + ("" if field == "__all__" else field), "detail": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"pointer": "/", "detail": message} for message in error.messages]


def from_pydantic(errors: list[dict[str, Any]]) -> list[dict]:
    found = []
    for e in errors:
        loc = list(e.get("loc", ()))
        # ninja puts the parameter source first ("body", "query", "path") and, for a body,
        # the parameter's name next: the pointer names the field inside the body.
        if len(loc) >= 2 and loc[0] == "body":
            loc = loc[2:]
        message = str(e.get("msg", "Invalid value")).removeprefix("Value error, ")
        found.append({"pointer": pointer(loc), "detail": message})
    return found


def install(api) -> None:
    """The API's exception handlers: each refusal or bad input becomes a problem."""

    @api.exception_handler(ApiProblem)
    def _problem(request, exc: ApiProblem):
        return problem(exc.status, exc.detail, exc.errors, exc.headers)

    @api.exception_handler(NinjaValidationError)
    def _invalid(request, exc: NinjaValidationError):
        return problem(422, "Correct the fields listed in errors", from_pydantic(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def _refused(request, exc: DjangoValidationError):
        return problem(422, "Correct the fields listed in errors", from_django(exc))

    @api.exception_handler(AuthenticationError)
    def _anonymous(request, exc):
        return anonymous()

    @api.exception_handler(Http404)
    def _missing(request, exc):
        return problem(404, "No such record, or not one you may see")

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return problem(403, str(exc) or "Your roles do not allow this")

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        status = exc.status_code if 400 <= exc.status_code < 500 else 400
        return problem(status, str(exc))


def anonymous():
    """401 for a call without a usable token, whatever else is wrong with it."""
    return problem(
        401,
        "Send a personal API token: Authorization: Bearer <token>",
        headers={"WWW-Authenticate": 'Bearer realm="casereview"'},
    )
