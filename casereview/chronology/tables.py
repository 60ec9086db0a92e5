"""A review's agency chronologies as a table (the list page's download and the API's
export), with the counts of live entries each row shows."""

from __future__ import annotations

from django.db.models import Count, Q

from casereview.lib.tables import Table


def counted(chronologies):
    """The chronologies with `live_count` and `context_count` (withdrawn entries left out)."""
    live = Q(entries__withdrawn_at__isnull=True)
    return chronologies.annotate(
        live_count=Count("entries", filter=live),
        context_count=Count("entries", filter=live & Q(entries__is_context=True)),
    )


AGENCY_CHRONOLOGIES = Table(
    ("Agency", "Entries", "Of which context", "Status", "Submitted"),
    lambda c: (
        c.agency.name,
        c.live_count,
        c.context_count,
        c.get_status_display(),
        c.submitted_at,
    ),
)
