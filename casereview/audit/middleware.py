from .services import record


class AuditReadMiddleware:
    """Records one read for a request that reached case data and recorded nothing else,
    so each request that touches case data leaves exactly one event."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        obj = getattr(request, "_audit_read", None)
        if obj is not None and not getattr(request, "_audit_recorded", 0):
            record(request, "read", obj, "ok" if response.status_code < 400 else "failed")
        return response
