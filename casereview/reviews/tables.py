"""The reviews list and a review's agency reports as tables (the list pages' downloads and
the API's exports)."""

from __future__ import annotations

from casereview.lib.tables import Table

REVIEWS = Table(
    ("Reference", "Board", "Status", "Opened", "Notification", "Procedure"),
    lambda r: (
        r.reference,
        r.board.name,
        r.get_status_display(),
        r.opened_at,
        r.notification.reference,
        f"{r.regime} {r.regime_version}",
    ),
)
