"""Append-only, hash-chained audit trail.

Database triggers (see migrations) refuse UPDATE and DELETE on AuditEvent; each event's
hash covers its fields and the previous event's hash, so an edit made behind the triggers'
back breaks the chain and `casereview audit verify` names the first broken event.
"""

import hashlib
import json

from django.db import models


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

    def payload(self) -> str:
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "actor_id": self.actor_id,
                "actor_label": self.actor_label,
                "board_id": self.board_id,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "outcome": self.outcome,
                "detail": self.detail,
                "ip_address": self.ip_address,
            },
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.payload()).encode()).hexdigest()


class AuditHead(models.Model):
    """The single row holding the chain's newest hash; locked while an event is appended."""

    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.PositiveBigIntegerField(default=0)
