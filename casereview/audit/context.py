"""Where an audit event comes from: the client of one web request, or the system (commands,
the generator). Services take one of these with the acting user, never an HttpRequest, so
that views, commands, the generator and tests call them the same way."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from casereview.lib.client_address import client_ip

USER_AGENT_LENGTH = 200


@dataclass(eq=False)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""
    # Events recorded under this context: the read middleware records a read only for a
    # request that recorded nothing else (one event per request).
    recorded: int = 0


# For commands and the generator: no address; its count is never read.
SYSTEM = RequestContext()


def context_of(request: HttpRequest) -> RequestContext:
    """The request's context, made once and kept on the request so that every event the
    request records counts towards the same total."""
    context = getattr(request, "audit_context", None)
    if context is None:
        context = RequestContext(
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
        )
        request.audit_context = context
    return context


def recorded_during(request: HttpRequest) -> int:
    context = getattr(request, "audit_context", None)
    return context.recorded if context is not None else 0
