"""Issuing, revoking and checking personal API tokens. A token is shown once, when issued;
only its SHA-256 digest and a short prefix are kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record

from .models import ApiToken, Scope

TOKEN_START = "crv_"  # noqa: S105 (a marker that makes leaked tokens easy to scan for)
PREFIX_LENGTH = 12
LONGEST_LIFE_DAYS = 366


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(*, user, actor, context: RequestContext, name: str, scope: str, days: int):
    """A new token for `user`: (the stored token, the secret to show once)."""
    if scope not in Scope.values:
        raise ValidationError({"scope": "Choose read or write"})
    if not 1 <= days <= LONGEST_LIFE_DAYS:
        raise ValidationError({"days": f"Enter a number of days from 1 to {LONGEST_LIFE_DAYS}"})
    secret = TOKEN_START + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=secret[:PREFIX_LENGTH],
            digest=digest_of(secret),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
        record("api_token.issue", token, actor=actor, context=context, detail={"scope": scope})
    return token, secret


def revoke(token: ApiToken, *, actor, context: RequestContext) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("api_token.revoke", token, actor=actor, context=context)
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret, its use noted; None for any other string."""
    if not secret.startswith(TOKEN_START) or len(secret) > 100:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
