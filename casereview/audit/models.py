"""Append-only, hash-chained audit trail.

Database triggers (casereview.audit.triggers) refuse UPDATE and DELETE on AuditEvent; each
event's hash is keyed (casereview.audit.chain) and covers its fields and the previous
event's hash, so an edit made behind the triggers' back breaks the chain and
`casereview audit verify` names the first broken event.
"""

from django.db import models

from . import chain


class Outcome(models.TextChoices):
    OK = "ok", "Allowed"
    DENIED = "denied", "Denied (no permission)"
    NOT_FOUND = "not_found", "Denied (not visible)"
    FAILED = "failed", "Failed"


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=150, blank=True)
    board_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.OK)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.outcome}"

    def compute_hash(self) -> str:
        return chain.event_hash(self.prev_hash, self)


class AuditHead(models.Model):
    """The single row holding the chain's newest hash; locked while an event is appended."""

    last_hash = models.CharField(max_length=64, default=chain.GENESIS)
    count = models.PositiveBigIntegerField(default=0)
