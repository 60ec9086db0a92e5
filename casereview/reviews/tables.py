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
# Metadata and status only, as the API's list: the reports' text stays on their pages.
AGENCY_REPORTS = Table(
    ("Agency", "Status", "Requested", "Due", "Signed off", "Submitted", "Decided"),
    lambda r: (
        r.agency.name,
        r.get_status_display(),
        r.requested_on,
        r.due_on,
        r.signed_off_on,
        r.submitted_on,
        r.decided_on,
    ),
)
