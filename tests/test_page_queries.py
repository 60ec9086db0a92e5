"""The benchmarked pages (bench/pages.py) keep their number of SQL queries when a review
has more agencies, reports and family, or a board more reviews: no query per row (N+1).
The dashboard's count against the number of reviews is also checked in
casereview/reviews/tests/test_compliance_page.py."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Agency, AgencyKind
from casereview.reviews.family.tests.helpers import person
from casereview.reviews.models import AgencyReport
from conftest import review_of, verified_client

KINDS = [AgencyKind.POLICE, AgencyKind.HEALTH_PROVIDER]


def _rich_review(world, agencies: int = 6, people: int = 6):
    """A review involving `agencies` agencies, each with a requested report, and `people`
    family members."""
    involved = [world.police, world.health] + [
        Agency.objects.get_or_create(
            board=world.board, name=f"Agency {i}", defaults={"kind": KINDS[i % 2]}
        )[0]
        for i in range(agencies - 2)
    ]
    review = review_of(world, agencies=involved)
    today = timezone.localdate()
    for agency in involved:
        AgencyReport.objects.get_or_create(
            review=review,
            agency=agency,
            defaults={"requested_on": today, "due_on": today + timedelta(30)},
        )
    for i in range(people):
        person(review, given_names=f"Person{i}", relationship="aunt" if i else "mother")
    return review


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_compliance_page_does_not_query_per_agency_report_or_person(world):
    client = verified_client(world.user("board_manager"))
    small = review_of(world)
    rich = _rich_review(world)
    # The first request warms per-process caches (the regime files, the session).
    _queries(client, reverse("reviews:compliance", args=[small.pk]))
    few = _queries(client, reverse("reviews:compliance", args=[small.pk]))
    many = _queries(client, reverse("reviews:compliance", args=[rich.pk]))
    assert many <= few, f"{few} queries for a small review, {many} for a rich one"


def test_the_dashboard_does_not_query_per_review_agency_or_person(world):
    client = verified_client(world.user("board_manager"))
    review_of(world)
    _queries(client, reverse("dashboard"))
    few = _queries(client, reverse("dashboard"))
    for _ in range(4):
        _rich_review(world, agencies=4, people=3)
    # The first view works out the new cases' kept state (the test's transaction never
    # commits, so the after-commit recompute does not run); the next reads it.
    _queries(client, reverse("dashboard"))
    many = _queries(client, reverse("dashboard"))
    assert many <= few, f"{few} queries for one review, {many} for five rich ones"


def test_the_trivial_view_of_the_page_benchmarks_reads_no_case_data(world):
    """bench/pages.py measures the pages against the account page: it must stay cheap."""
    client = verified_client(world.user("board_manager"))
    _rich_review(world)
    _queries(client, reverse("accounts:account"))
    assert _queries(client, reverse("accounts:account")) <= 10
