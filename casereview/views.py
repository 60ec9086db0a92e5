"""The home page and the error pages (no technical detail, no personal data)."""

import logging
import secrets
import sys

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone

from casereview.accounts.permissions import BOARD_READERS, grants_of
from casereview.accounts.roles import Role
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.reviews import dashboard, dashboard_rows, my_work

# Sections that show no case data: the home records no read of case data for them alone.
NO_CASE_DATA = {Role.NATIONAL_ANALYST, Role.ADMINISTRATOR, Role.AUDITOR}


def home(request):
    """Each person's own work first, for each role they hold (`reviews/my_work.py`)."""
    user = request.user
    sections = my_work.build(user, timezone.localdate())
    if any(s.role not in NO_CASE_DATA for s in sections):
        record(
            "list",
            Notification,
            detail={"page": "home"},
            actor=request.user,
            context=context_of(request),
        )
    return render(
        request,
        "home.html",
        {
            "sections": sections,
            "may_see_dashboard": _may_see_dashboard(user),
            "memberships": user.memberships.select_related("board", "agency"),
        },
    )


def _may_see_dashboard(user) -> bool:
    """Board-wide readers: agency authors and appointed experts work from their own lists."""
    return any(g.role in BOARD_READERS and g.case_id is None for g in grants_of(user))


def dashboard_page(request):
    """The board dashboard: open reviews, what is overdue and what falls due soon."""
    user = request.user
    if not _may_see_dashboard(user):
        record(
            "deny",
            Notification,
            Outcome.DENIED,
            detail={"page": "dashboard"},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied
    board = dashboard.build(Notification.objects.visible_to(user), timezone.localdate())
    record(
        "list",
        Notification,
        detail={"page": "dashboard"},
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request,
        "dashboard.html",
        {"dashboard": board, "case_rows": dashboard_rows.case_rows(board.cases)},
    )


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
