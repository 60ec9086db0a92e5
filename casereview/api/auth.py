"""Bearer-token authentication: the token's user goes through the same permission layer as
on the web pages; a read token cannot write; every token is rate limited."""

from __future__ import annotations

from ninja.security import HttpBearer

from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record

from . import limits, tokens
from .models import Scope
from .problems import ApiProblem
from .strict import refuse_unknown_query

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token (account → API tokens), as `Bearer crv_…`"

    def authenticate(self, request, token: str):
        found = tokens.authenticate(token)
        if found is None:
            # A token was sent but is unknown, expired or revoked: a security event (no board).
            record(
                "api_token.refused",
                "api.apitoken",
                Outcome.DENIED,
                actor=None,
                context=context_of(request),
            )
            return None
        request.user = found.user
        request.api_token = found
        wait = limits.take(found)
        if wait is not None:
            raise ApiProblem(
                429,
                f"At most {limits.requests_per_window()} requests a minute for each token",
                headers={"Retry-After": str(wait)},
            )
        if request.method not in SAFE_METHODS and found.scope != Scope.WRITE:
            record(
                "deny",
                "api.apitoken",
                Outcome.DENIED,
                object_id=found.pk,
                detail={"action": "api.write", "scope": found.scope},
                actor=found.user,
                context=context_of(request),
            )
            raise ApiProblem(403, "This token may only read: issue a token with write scope")
        # Here, once the caller is known, so that a call without a token is told that first.
        refuse_unknown_query(request)
        return found
