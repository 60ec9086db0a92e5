"""The national store's revision (models.StoreRevision): raised by every write, read by
whatever keeps a result worked out from the whole store (trends.current)."""

from __future__ import annotations

from django.db.models import F

from .models import StoreRevision


def bump() -> None:
    """Call inside the transaction that writes records or their lessons."""
    if StoreRevision.objects.filter(pk=1).update(revision=F("revision") + 1) == 0:
        # The row is made by the migration; a database emptied by hand has lost it.
        StoreRevision.objects.get_or_create(pk=1)
        StoreRevision.objects.filter(pk=1).update(revision=F("revision") + 1)


def current() -> int:
    return StoreRevision.objects.filter(pk=1).values_list("revision", flat=True).first() or 0
