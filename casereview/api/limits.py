"""Per-token rate limiting in fixed windows, counted in the database (every process and
server shares the count; no cache to configure), and the largest request body."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ApiToken, RateWindow

WINDOW_SECONDS = 60


def requests_per_window() -> int:
    return getattr(settings, "API_RATE_LIMIT", 120)


def largest_body() -> int:
    return getattr(settings, "API_MAX_BODY_BYTES", 64 * 1024)


def largest_upload() -> int:
    """A multipart request carrying one document: the document limit and room for the
    multipart framing. A file over the document limit but within this is refused by the
    documents service's own size check (422 on `/file`)."""
    from casereview.documents.validation import max_bytes

    return max_bytes() + 64 * 1024


def window_start(now) -> object:
    return now.replace(second=0, microsecond=0)


def take(token: ApiToken) -> int | None:
    """Count one request; None if allowed, or the seconds to wait if over the limit."""
    now = timezone.now()
    start = window_start(now)
    with transaction.atomic():
        updated = RateWindow.objects.filter(token=token, starts_at=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateWindow.objects.create(token=token, starts_at=start, count=1)
            except IntegrityError:
                RateWindow.objects.filter(token=token, starts_at=start).update(count=F("count") + 1)
        count = RateWindow.objects.get(token=token, starts_at=start).count
        # Old windows go as new ones start.
        RateWindow.objects.filter(token=token, starts_at__lt=start - timedelta(hours=1)).delete()
    if count > requests_per_window():
        return max(1, int((start + timedelta(seconds=WINDOW_SECONDS) - now).total_seconds()))
    return None
