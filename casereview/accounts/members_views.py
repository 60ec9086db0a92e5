"""Administrators manage who has which role on their boards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.lib.forms import submitted

from . import services
from .access import get_for, list_for
from .members_forms import MemberForm
from .models import Board, Membership
from .permissions import ACTIONS, boards_where

SCOPE = "members.manage"


def _admin_boards(request):
    boards = Board.objects.filter(pk__in=boards_where(request.user, ACTIONS[SCOPE]))
    if not boards:
        record(
            "deny",
            Membership,
            Outcome.DENIED,
            detail={"action": SCOPE},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied
    return boards


def member_list(request):
    _admin_boards(request)
    memberships = list_for(request, Membership, SCOPE).select_related("user", "board", "agency")
    enrolled = set(
        TOTPDevice.objects.filter(confirmed=True, user__in=memberships.values("user")).values_list(
            "user_id", flat=True
        )
    )
    record(
        "list",
        Membership,
        detail={"count": len(memberships)},
        actor=request.user,
        context=context_of(request),
    )
    return render(
        request, "accounts/members.html", {"memberships": memberships, "enrolled": enrolled}
    )


def member_add(request):
    boards = _admin_boards(request)
    form = MemberForm(request.POST or None, boards=boards)

    def save():
        d = form.cleaned_data
        return services.add_member(
            actor=request.user,
            context=context_of(request),
            board=d["board"],
            role=d["role"],
            agency=d["agency"],
            username=d["username"],
            details=form.details(),
            password=d["password"],
        )

    ok, membership = submitted(request, form, save)
    if ok:
        messages.success(
            request, f"{membership.user.username} is now {membership.get_role_display()}"
        )
        return redirect("members:list")
    return render(request, "accounts/member_form.html", {"form": form})


def _membership(request, pk):
    return get_for(
        request, Membership.objects.select_related("user", "board"), pk, SCOPE, scope=SCOPE
    )


@require_POST
def member_remove(request, membership_pk):
    membership = _membership(request, membership_pk)
    services.remove_membership(
        membership,
        actor=request.user,
        context=context_of(request),
        session_key=request.session.session_key,
    )
    messages.success(request, f"Role removed from {membership.user.username}")
    return redirect("members:list")


@require_POST
def member_disable(request, membership_pk):
    membership = _membership(request, membership_pk)
    user = membership.user
    admin_boards = boards_where(request.user, ACTIONS[SCOPE])
    if user.memberships.exclude(board_id__in=admin_boards).exists() or user == request.user:
        record(
            "deny",
            user,
            Outcome.DENIED,
            board_id=membership.board_id,
            detail={"action": "user.disable"},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied
    ended = services.disable_user(
        user, actor=request.user, context=context_of(request), board_id=membership.board_id
    )
    messages.success(request, f"{user.username} is disabled; {ended} session(s) ended")
    return redirect("members:list")
