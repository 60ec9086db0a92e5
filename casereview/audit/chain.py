"""The keyed hash chain of audit events.

Each event's hash is an HMAC-SHA256, under a key kept outside the database
(settings.AUDIT_HMAC_KEY), of the previous event's hash and the event's fields. Someone who
can write to the database but does not hold the key cannot recompute the chain after
editing or deleting an event, so `casereview audit verify` finds it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

GENESIS = "0" * 64
# The fields an event's hash covers, in the order of the model.
FIELDS = (
    "at",
    "actor_id",
    "actor_label",
    "board_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "detail",
    "ip_address",
)


def sign(message: str) -> str:
    key = settings.AUDIT_HMAC_KEY.encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def payload(event: Any) -> str:
    """The canonical text of an event's fields (an AuditEvent, or a migration's copy)."""
    values = {name: getattr(event, name) for name in FIELDS}
    values["at"] = values["at"].isoformat()
    return json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, event: Any) -> str:
    return sign(prev_hash + payload(event))
