"""Personal API tokens: only a hash is kept; the prefix lets the owner tell them apart."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    # The first characters of the token, shown in the list (never enough to use it).
    prefix = models.CharField(max_length=16, unique=True)
    # SHA-256 of the whole token: tokens are long random strings, so a slow hash adds nothing.
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class RateWindow(models.Model):
    """Requests made with one token in one fixed window: kept in the database so that every
    web process counts against the same limit."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "starts_at"], name="one_window_per_token")
        ]
