"""The notifications list as a table (the list page's download and the API's export)."""

from __future__ import annotations

from casereview.lib.tables import Table

NOTIFICATIONS = Table(
    ("Reference", "Board", "Received", "Status", "Child", "Incident date", "Outcome"),
    lambda n: (
        n.reference,
        n.board.name,
        n.received_at,
        n.get_status_display(),
        f"{n.child.given_names} {n.child.family_name}" if n.child else "",
        n.incident_date,
        n.get_outcome_display(),
    ),
)
