"""Session limits, the two-factor gate and no-store caching for every page."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

SESSION_STARTED = "casereview_started"
SESSION_SEEN = "casereview_seen"
# Paths a signed-in but not yet verified user may reach.
TWO_FACTOR_OPEN = ("/sign-in/", "/sign-out/", "/static/", "/accessibility/", "/published/")


def _stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SessionLimitsMiddleware:
    """Ends a session after 30 minutes idle or 12 hours in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            started = _stamp(request.session.get(SESSION_STARTED))
            seen = _stamp(request.session.get(SESSION_SEEN))
            if (
                started is None
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
                or (seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT)
            ):
                logout(request)
                messages.info(request, "You were signed out to protect the data. Sign in again.")
                return redirect(settings.LOGIN_URL)
            # Write the session at most once a minute, not on every request.
            if seen is None or (now - seen).total_seconds() > 60:
                request.session[SESSION_SEEN] = now.isoformat()
        return self.get_response(request)


def mark_session_seen(request) -> None:
    """The user is here: the idle clock starts again (the "Stay signed in" button)."""
    request.session[SESSION_SEEN] = timezone.now().isoformat()


def mark_session_started(request) -> None:
    now = timezone.now().isoformat()
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now


class RequireTwoFactorMiddleware:
    """A signed-in user who has not passed the second factor can only finish signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(TWO_FACTOR_OPEN)
        ):
            return redirect(reverse("accounts:two_factor"))
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages may carry case data: no browser or proxy keeps a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True, no_cache=True)
        return response
