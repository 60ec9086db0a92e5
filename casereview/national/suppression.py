"""Small-cell suppression: a count under 5 is never shown or exported (issue 16)."""

from __future__ import annotations

THRESHOLD = 5


def suppress(count: int) -> int | None:
    """The count as it may be shown, or None for a suppressed cell (shown as "<5")."""
    return count if count >= THRESHOLD else None
