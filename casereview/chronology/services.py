"""Shared entry points of the chronology app: which agencies a review's chronology has, and
each agency's chronology (made when first needed)."""

from __future__ import annotations

from django.db.models import Q

from casereview.accounts.models import Agency
from casereview.reviews.models import RequestedReport, Review, TermsOfReference

from .models import AgencyChronology, IntegratedChronology


def agencies_of(review: Review):
    """The agencies that may hold a chronology for this review: those involved with the child
    on the notification, those asked for a report, and any that already hold one."""
    return (
        Agency.objects.filter(
            Q(involvements__notification_id=review.notification_id)
            | Q(pk__in=RequestedReport.objects.filter(terms__review=review).values("agency_id"))
            | Q(pk__in=AgencyChronology.objects.filter(review=review).values("agency_id"))
        )
        .distinct()
        .order_by("name")
    )


def chronology_for(review: Review, agency: Agency) -> AgencyChronology:
    chronology, _ = AgencyChronology.objects.get_or_create(review=review, agency=agency)
    return chronology


def integrated(review: Review) -> IntegratedChronology:
    kept, _ = IntegratedChronology.objects.get_or_create(review=review)
    return kept


def period_under_review(review: Review) -> tuple | None:
    """The agreed terms' period (first day, last day), or None before terms are agreed."""
    terms = (
        TermsOfReference.objects.filter(review=review, status="agreed")
        .order_by("-version")
        .only("period_start", "period_end")
        .first()
    )
    return (terms.period_start, terms.period_end) if terms else None
