"""Changes to accounts and memberships: each writes its rows and one audit event together."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.models import Outcome
from casereview.audit.services import record

from .models import Membership, User
from .signals import membership_removed


def add_member(
    *, actor, context: RequestContext, board, role, agency, username, details: dict, password: str
):
    """Give `username` a role in `board`, making the account first if it is new."""
    with transaction.atomic():
        user = User.objects.filter(username__iexact=username).first()
        created = user is None
        if created:
            user = User(username=username, **details)
            # The model's own validation: the username validator (letters, digits, @.+-_).
            user.full_clean(exclude=["password"])
            if not password:
                raise ValidationError({"password": "Set a first password for a new account"})
            validate_password(password, user)
            user.set_password(password)
            user.save()
        if Membership.objects.filter(user=user, board=board, role=role).exists():
            raise ValidationError({"role": "This person already has this role on this board"})
        membership = Membership(user=user, board=board, role=role, agency=agency)
        membership.full_clean()
        membership.save()
        record(
            "membership.create",
            membership,
            actor=actor,
            context=context,
            detail={"role": role, "new_account": created, "user": user.pk},
        )
    return membership


def remove_membership(
    membership: Membership, *, actor, context: RequestContext, session_key: str | None = None
) -> None:
    """Remove a role: what it allowed (appointments to the board's reviews) ends with it,
    and so do the person's sessions, so that nothing they opened under it stays open
    (except `session_key`, the acting session, when the actor removes a role of their own)."""
    with transaction.atomic():
        ended = sum(
            count for _, count in membership_removed.send(sender=Membership, membership=membership)
        )
        # Removing a role of one's own keeps the session this request runs in.
        keep = session_key if actor == membership.user else None
        sessions = end_sessions(membership.user, keep=keep)
        detail = {
            "role": membership.role,
            "user": membership.user_id,
            "appointments_ended": ended,
            "sessions_ended": sessions,
        }
        record("membership.delete", membership, actor=actor, context=context, detail=detail)
        membership.delete()


def end_sessions(user, *, keep: str | None = None) -> int:
    """Delete every live session of `user` but `keep`; returns how many there were."""
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep)
    for session in live.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def disable_user(user, *, actor, context: RequestContext, board_id: int | None = None) -> int:
    """Disable the account and end all its sessions at once."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = end_sessions(user)
        record(
            "user.disable",
            user,
            actor=actor,
            context=context,
            board_id=board_id,
            detail={"sessions_ended": ended},
        )
    return ended


def record_sign_in_refusal(username: str, *, context: RequestContext, locked_out: bool) -> None:
    """A refused sign-in is one audit event of no board (the security log): which account,
    if the username is one, and why. Never the password, nor a username that matches no
    account (it may be a password typed into the wrong box)."""
    try:
        user = User._default_manager.get_by_natural_key(username)
    except User.DoesNotExist:
        user = None
    if locked_out:
        action = "sign_in.locked_out"
    elif user is None:
        action = "sign_in.unknown_user"
    else:
        action = "sign_in.password"
    record(action, user or User, Outcome.DENIED, actor=user, context=context)
