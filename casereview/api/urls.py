"""/api/v1/ (the operations), /api/openapi.json, /api/docs and the account's token pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from . import views
from .api import api
from .endpoints.evidence import UPLOADS
from .limits import largest_body, largest_upload
from .problems import PROBLEM_TYPE, anonymous, problem


def api_view(view, takes_file: bool = False):
    """An operation's view: open to the token's holder (no session, so no sign-in redirect
    nor CSRF cookie) and refusing a body larger than the limit before it is read. A path
    that takes a file (`takes_file`) allows a multipart POST as large as a document."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return problem(400, "Content-Length must be a number")
        largest = largest_body()
        multipart = request.content_type == "multipart/form-data"
        if takes_file and multipart and request.method == "POST":
            largest = largest_upload()
        if int(length) > largest:
            # Refused before the body is read; a call without a token is told that first.
            if not request.META.get("HTTP_AUTHORIZATION", "").startswith("Bearer "):
                return anonymous()
            return problem(413, f"Send at most {largest} bytes")
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response["Content-Type"] != PROBLEM_TYPE:
            return problem(
                405,
                "This path does not take that method",
                headers={"Allow": response.get("Allow", "")},
            )
        return response

    return login_not_required(csrf_exempt(wrapped))


def _not_found(request, rest=""):
    return problem(404, "No such address in this API: see /api/docs")


def _wrapped(patterns):
    found = []
    # Operations of one path share its URL pattern (the first one Django finds answers).
    file_routes = {str(p.pattern) for p in patterns if getattr(p, "name", None) in UPLOADS}
    for p in patterns:
        if getattr(p, "name", None) == "api-root":
            # ninja's root page (its docs, which we serve at /api/docs): a problem instead.
            continue
        if isinstance(p, URLResolver):
            found.append(
                URLResolver(
                    p.pattern, _wrapped(p.url_patterns), p.default_kwargs, p.app_name, p.namespace
                )
            )
        else:
            view = api_view(p.callback, takes_file=str(p.pattern) in file_routes)
            found.append(URLPattern(p.pattern, view, p.default_args, p.name))
    return found


operations, operations_app, operations_namespace = api.urls

token_urls = (
    [
        path("", views.token_list, name="list"),
        path("new/", views.token_create, name="new"),
    ],
    "api_tokens",
)

urlpatterns = [
    path(
        "api/v1/",
        include(
            (
                # Any other address under /api/v1/ is a 404 problem, not an HTML page.
                [*_wrapped(operations), re_path(r"^(?P<rest>.*)$", api_view(_not_found))],
                operations_app,
            ),
            namespace=operations_namespace,
        ),
    ),
    path("api/openapi.json", views.openapi, name="api_openapi"),
    path("api/docs", views.docs, name="api_docs"),
    path("account/api-tokens/", include(token_urls)),
    path(
        "people/<uuid:person_pk>/subject-access/",
        views.subject_access,
        name="subject_access",
    ),
]
