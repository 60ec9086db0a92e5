"""What the agency report shows of its agency's chronology (registered with
reviews/reports/chronology_link.py in apps.py)."""

from __future__ import annotations

from django.urls import reverse

from casereview.reviews.reports.chronology_link import ChronologyLink

from .models import ChronologyStatus
from .services import chronology_for


def link_of(report) -> ChronologyLink:
    chronology = chronology_for(report.review, report.agency)
    return ChronologyLink(
        url=reverse(
            "chronology:agency",
            kwargs={"review_id": report.review_id, "chronology_id": chronology.pk},
        ),
        entries=chronology.entries.filter(withdrawn_at__isnull=True).count(),
        status=chronology.get_status_display(),
        submitted=chronology.status == ChronologyStatus.SUBMITTED,
    )
