"""The home page and the error pages (no technical detail, no personal data)."""

import logging
import secrets
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone

from casereview.accounts.permissions import ACTIONS, grants_of
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.reviews import dashboard


def home(request):
    user = request.user
    roles = {g.role for g in grants_of(user)}
    context = {"memberships": user.memberships.select_related("board", "agency")}
    if roles & ACTIONS["case.view"]:
        context["dashboard"] = dashboard.build(
            Notification.objects.visible_to(user), timezone.localdate()
        )
        record(
            "list",
            Notification,
            detail={"page": "dashboard"},
            actor=request.user,
            context=context_of(request),
        )
    return render(request, "home.html", context)


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # A random code the user can quote, logged beside the error (already logged in full by
    # django.request) so that support can find it; it says nothing about the request.
    code = secrets.token_hex(4).upper()
    logging.getLogger("casereview.errors").error("Server error, reference %s", code)
    # No request context: a failing context processor must not hide the error page.
    # Django calls this handler inside its `except` block, so the exception is at hand:
    # an unreachable database (stopped, restarting, out of connections) is a 503, with
    # no detail; Django opens a new connection on the next request.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return HttpResponse(
            get_template("errors/503.html").render({}), status=503, headers={"Retry-After": "30"}
        )
    return HttpResponseServerError(get_template("errors/500.html").render({"code": code}))
