from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record

from . import services, two_factor
from .forms import CodeForm, SignInForm
from .middleware import mark_session_seen
from .permissions import grants_of

FAILED = "The username or password is not right"
LOCKED = "Too many failed attempts to sign in with this username. Wait 15 minutes, then try again."


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@login_not_required
def sign_in(request):
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            services.record_sign_in_refusal(username, locked_out=True, context=context_of(request))
            form.add_error(None, LOCKED)
            status = 429
        elif user is None:
            services.record_sign_in_refusal(username, locked_out=False, context=context_of(request))
            form.add_error(None, FAILED)
            status = 401
        else:
            login(request, user)  # a new session id; the session clock starts (apps.py)
            record("sign_in.password", user, actor=user, context=context_of(request))
            request.session["next"] = _next_url(request)
            return redirect("accounts:two_factor")
    return render(
        request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)}, status=status
    )


def locked_out(request, original_response=None, credentials=None):
    """Axes' lockout hook: the sign-in view already answered with the lockout message."""
    if original_response is not None:
        return original_response
    form = SignInForm()
    form.add_error(None, LOCKED)
    return render(request, "accounts/sign_in.html", {"form": form}, status=429)


@login_not_required
def two_factor_step(request):
    """Second step: verify a code, or enrol an authenticator app first."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_verified():
        return redirect("home")
    user = request.user
    if two_factor.confirmed_totp(user) is None:
        return enrol(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is None:
            record(
                "sign_in.second_factor",
                user,
                Outcome.DENIED,
                actor=user,
                context=context_of(request),
            )
            form.add_error("code", "The security code is not right, or has expired")
        else:
            otp_login(request, device)
            request.session.cycle_key()
            record("sign_in.second_factor", user, actor=user, context=context_of(request))
            return redirect(request.session.pop("next", None) or "home")
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form, "demo_code": two_factor.demo_code(user)},
    )


def enrol(request):
    user = request.user
    device = two_factor.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm(device, form.cleaned_data["code"]):
            otp_login(request, device)
            request.session.cycle_key()
            codes = two_factor.new_backup_codes(user)
            record("two_factor.enrol", user, actor=user, context=context_of(request))
            return render(request, "accounts/backup_codes.html", {"codes": codes})
        form.add_error("code", "The security code is not right. Check the time on your phone")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "key": two_factor.manual_key(device),
        },
    )


@login_not_required
@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        record("sign_out", request.user, actor=request.user, context=context_of(request))
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:login")


def account(request):
    codes = None
    if request.method == "POST" and request.POST.get("action") == "backup_codes":
        codes = two_factor.new_backup_codes(request.user)
        record(
            "two_factor.backup_codes", request.user, actor=request.user, context=context_of(request)
        )
        return render(request, "accounts/backup_codes.html", {"codes": codes})
    memberships = request.user.memberships.select_related("board", "agency")
    return render(
        request,
        "accounts/account.html",
        {"memberships": memberships, "grants": grants_of(request.user)},
    )


@require_POST
def stay_signed_in(request):
    """The idle-timeout warning's "Stay signed in" button: starts the idle clock again. It
    reads no case data, so it records no audit event."""
    mark_session_seen(request)
    return JsonResponse({"idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds())})
