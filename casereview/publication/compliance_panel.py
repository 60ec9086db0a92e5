"""The panel's quality self-assessment on the review's compliance page (registered with
reviews/compliance_panels.py, which imports no higher app)."""

from __future__ import annotations

from casereview.accounts.permissions import can
from casereview.reviews.compliance_panels import Panel

from . import quality
from .quality_markers import SOURCE


def quality_panel(user, review) -> Panel | None:
    # The ratings sit in the publication section: only its readers see them.
    if not can(user, "section.publication", review):
        return None
    lines = quality.lines(review)
    return Panel(
        "publication/quality_table.html",
        {"review": review, "lines": lines, "source": SOURCE, "heading": "h2"},
    )
