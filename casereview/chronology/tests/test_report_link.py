"""The agency report links to its agency's chronology instead of the free-text box: the link
and the entry count, submitting needs an entry, and a summary written before stays readable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casereview.accounts.roles import Role
from casereview.chronology.services import chronology_for
from casereview.reviews.models import AgencyReport, ReportStatus
from casereview.reviews.reports.chronology_link import NO_ENTRY
from conftest import chronology_entry, review_of

TODAY = timezone.localdate()


@pytest.fixture
def report(world):
    review = review_of(world, agencies=[world.police])
    return AgencyReport.objects.create(
        review=review, agency=world.police, requested_on=TODAY, due_on=TODAY + timedelta(days=9)
    )


def report_url(report, name="report"):
    return reverse(f"reviews:{name}", kwargs={"pk": report.review_id, "item_pk": report.pk})


def complete(report) -> dict:
    text = "Synthetic"
    return {
        "lock_version": report.lock_version,
        "author_role": text,
        "author_independence": text,
        **{f"records_secured_on_{p}": v for p, v in (("day", 2), ("month", 3), ("year", 2026))},
        **{k: text for k in ("context", "methodology", "analysis", "lessons", "recommendations")},
        "action_plan": text,
        "senior_sign_off_name": text,
        "senior_sign_off_role": text,
        "signed_off_on_day": TODAY.day,
        "signed_off_on_month": TODAY.month,
        "signed_off_on_year": TODAY.year,
    }


def test_the_report_links_to_its_agencys_chronology_with_its_count(world, report, client_for):
    chronology_entry(report.review, world.police)
    chronology_entry(report.review, world.police, event="Second")
    page = client_for(world.user(Role.AGENCY_AUTHOR)).get(report_url(report)).text
    chronology = chronology_for(report.review, world.police)
    link = reverse(
        "chronology:agency",
        kwargs={"review_id": report.review_id, "chronology_id": chronology.pk},
    )
    assert f'href="{link}"' in page and "2 entries, being prepared" in page
    assert 'name="chronology_summary"' not in page


def test_submitting_the_report_needs_an_entry_in_the_chronology(world, report, client_for):
    author = client_for(world.user(Role.AGENCY_AUTHOR))
    response = author.post(report_url(report, "report_submit"), complete(report))
    assert response.status_code == 200 and escape(NO_ENTRY) in response.text
    report.refresh_from_db()
    assert report.status != ReportStatus.SUBMITTED
    chronology_entry(report.review, world.police)
    report.refresh_from_db()
    response = author.post(report_url(report, "report_submit"), complete(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_summary_written_before_stays_readable_and_counts(world, report, client_for):
    AgencyReport.objects.filter(pk=report.pk).update(chronology_summary="Six contacts in 2025")
    author = client_for(world.user(Role.AGENCY_AUTHOR))
    page = author.get(report_url(report)).text
    assert "Summary written before the chronology" in page and "Six contacts in 2025" in page
    report.refresh_from_db()
    assert author.post(report_url(report, "report_submit"), complete(report)).status_code == 302
    report.refresh_from_db()
    assert report.chronology_summary == "Six contacts in 2025"  # saving never wipes it
