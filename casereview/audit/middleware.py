from .context import context_of, recorded_during
from .services import record


class AuditReadMiddleware:
    """Records one read for a request that reached case data and recorded nothing else,
    so each request that touches case data leaves exactly one event."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        obj = getattr(request, "_audit_read", None)
        if obj is not None and not recorded_during(request):
            outcome = "ok" if response.status_code < 400 else "failed"
            record("read", obj, outcome, actor=request.user, context=context_of(request))
        return response
