"""Shared by the agency report tests: a report, the report form's body as the page posts it,
and the report's URLs."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from casereview.reviews.models import AgencyReport
from conftest import chronology_entry

TODAY = timezone.localdate()


def report_of(review, agency, *, with_chronology=True, **fields) -> AgencyReport:
    """A report requested today; its agency's chronology has an entry unless told not to."""
    if with_chronology:
        chronology_entry(review, agency)
    return AgencyReport.objects.create(
        review=review,
        agency=agency,
        requested_on=TODAY,
        due_on=TODAY + timedelta(days=30),
        **fields,
    )


def form_data(report, **overrides) -> dict:
    data = {
        "lock_version": report.lock_version,
        "author_role": "Named safeguarding lead",
        "author_independence": "Not involved with the family; line managed elsewhere",
        "records_secured_on_day": "2",
        "records_secured_on_month": "3",
        "records_secured_on_year": "2026",
        "context": "Two vacancies in the team",
        "methodology": "Read the case file; interviewed four officers",
        "analysis": "The referral of May 2025 was not followed up",
        "lessons": "Follow up referrals",
        "recommendations": "Audit referral follow-up",
        "action_plan": "Audit by the DCI by June 2026",
        "senior_sign_off_name": "",
        "senior_sign_off_role": "",
        "signed_off_on_day": "",
        "signed_off_on_month": "",
        "signed_off_on_year": "",
    }
    data.update(overrides)
    return data


SIGNED = {
    "senior_sign_off_name": "Pat Senior",
    "senior_sign_off_role": "Chief Superintendent",
    "signed_off_on_day": str(TODAY.day),
    "signed_off_on_month": str(TODAY.month),
    "signed_off_on_year": str(TODAY.year),
}


def url(name, report, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"pk": report.review_id, "item_pk": report.pk})
