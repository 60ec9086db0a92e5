"""The national pages through real forms, views, services and the database."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casereview.national.models import (
    ChildDeathFinding,
    FindingStatus,
    IssueStatus,
    OverviewReportRun,
    RecurringIssue,
)
from casereview.national.search import search

from .search_helpers import make_publication, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(world, client_for):
    return client_for(world.user("national_analyst"))


@pytest.fixture
def manager(world, client_for):
    return client_for(world.user("board_manager"))


def test_the_report_page_builds_the_report_in_the_background(analyst):
    for n in range(6):
        make_record([f"Lesson {n}"], completed_month=date(2025, 3, 1))
    response = analyst.post(
        reverse("national:report"),
        {"from_month": "4", "from_year": "2024", "to_month": "3", "to_year": "2026"},
    )
    run = OverviewReportRun.objects.get()
    assert response.url == reverse("national:report_run", args=[run.pk])
    assert run.status == "done" and bytes(run.pdf).startswith(b"%PDF")
    page = analyst.get(response.url).text
    assert "Reviews completed" in page and "[c]" in page
    # The charts beside their tables, drawn from the run's stored tables.
    assert 'id="chart-age_band"' in page and 'id="chart-outcome"' in page
    assert page.index('id="chart-outcome"') < page.index('id="table-outcome"')
    pdf = analyst.get(reverse("national:report_pdf", args=[run.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    csv = analyst.get(reverse("national:report_table", args=[run.pk, "age_band"]))
    assert csv.content.decode().splitlines() == [",Reviews", "Under 1,6"]
    assert (
        analyst.get(reverse("national:report_table", args=[run.pk, "nothing"])).status_code == 404
    )


def test_a_period_that_ends_before_it_starts_is_refused(analyst):
    response = analyst.post(
        reverse("national:report"),
        {"from_month": "4", "from_year": "2026", "to_month": "3", "to_year": "2024"},
    )
    assert response.status_code == 200
    assert "The end of the period must be on or after its start" in response.text
    assert not OverviewReportRun.objects.exists()


@time_machine.travel("2026-11-29 12:00", tick=False)
def test_a_period_that_starts_after_this_month_is_refused(analyst):
    response = analyst.post(
        reverse("national:report"),
        {"from_month": "12", "from_year": "2026", "to_month": "3", "to_year": "2027"},
    )
    assert "The start of the period must be this month or earlier" in response.text
    assert not OverviewReportRun.objects.exists()


def test_recurring_issues_are_proposed_shown_and_approved(analyst):
    for who in ("police", "school", "health visitor"):
        make_record(
            [(f"The {who} did not share information about the father.", ["information_sharing"])]
        )
    analyst.post(reverse("national:issues_propose"))
    issue = RecurringIssue.objects.get()
    listing = analyst.get(reverse("national:issues")).text
    assert issue.title in listing
    page = analyst.get(reverse("national:issue", args=[issue.pk])).text
    assert "The school did not share information about the father." in page
    assert reverse("national:record_lessons", args=[issue.occurrences.first().record_id]) in page
    stale = analyst.post(
        reverse("national:issue", args=[issue.pk]),
        {"decision": "approved", "note": "", "lock_version": issue.lock_version - 1},
    )
    assert "The group changed since you opened this page" in stale.text
    analyst.post(
        reverse("national:issue", args=[issue.pk]),
        {"decision": "approved", "note": "Seen across regions", "lock_version": issue.lock_version},
    )
    assert RecurringIssue.objects.get().status == IssueStatus.APPROVED


def test_search_finds_published_material_only(world, analyst):
    make_record([("Professional curiosity was missing.", ["professional_curiosity_challenge"])])
    make_publication(world, "The panel found professional curiosity lacking at the school.")
    make_publication(world, "Professional curiosity, withdrawn summary.", withdrawn=True)
    page = analyst.get(reverse("national:search"), {"q": "professional curiosity"}).text
    assert "2 results" in page
    assert "withdrawn summary" not in page
    # Draft report text is never searchable.
    assert search("zanzibar") == []
    by_theme = analyst.get(
        reverse("national:search"),
        {
            "q": "curiosity",
            "theme": "professional_curiosity_challenge",
            "year": timezone.now().year,
        },
    ).text
    assert "Published summary" in by_theme


def test_withdrawing_a_publication_takes_it_out_of_the_index(world):
    publication = make_publication(world, "Thresholds were misunderstood by the GP.")
    assert len(search("thresholds")) == 1
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_reason = "Error"
    publication.save()
    assert search("thresholds") == []


FINDING = {
    "death_month_month": "3",
    "death_month_year": "2025",
    "age_band": "under_1",
    "sex": "male",
    "ethnicity_group": "W1",
    "category_of_death": "sudden_unexplained",
    "modifiable": "yes",
    "modifiable_factors": ["parental_substance_misuse"],
}


def test_the_board_manager_records_corrects_and_withdraws_findings(world, manager):
    url = reverse("national:child_deaths", args=[world.board.pk])
    assert manager.post(url, FINDING).status_code == 302
    finding = ChildDeathFinding.objects.get()
    assert finding.death_month == date(2025, 3, 1)
    assert finding.themes == ["parental_substance_misuse"]
    assert finding.board == world.board
    correct = reverse("national:child_death_correct", args=[world.board.pk, finding.pk])
    response = manager.post(
        correct, {**FINDING, "age_band": "age_1_5", "reason": "Age mistyped", "lock_version": 0}
    )
    assert response.status_code == 302
    old, new = (
        ChildDeathFinding.objects.get(pk=finding.pk),
        ChildDeathFinding.objects.get(status=FindingStatus.CURRENT),
    )
    assert old.status == FindingStatus.CORRECTED and old.replaced_by == new and old.reason
    assert new.age_band == "age_1_5"
    # The old one cannot be changed again.
    assert manager.get(correct).status_code == 404
    withdraw = reverse("national:child_death_withdraw", args=[world.board.pk, new.pk])
    assert (
        manager.post(withdraw, {"reason": "Not a death in our area", "lock_version": 0}).status_code
        == 302
    )
    assert ChildDeathFinding.objects.filter(status=FindingStatus.CURRENT).count() == 0
    assert ChildDeathFinding.objects.count() == 2


def test_a_finding_of_a_future_month_or_without_factors_is_refused(world, manager):
    url = reverse("national:child_deaths", args=[world.board.pk])
    future = timezone.localdate().year + 1
    page = manager.post(
        url, {**FINDING, "death_month_year": str(future), "modifiable_factors": []}
    ).text
    assert "The month of death must be today or in the past" in page
    assert "Tick at least one modifiable factor" in page
    assert not ChildDeathFinding.objects.exists()


def test_a_theme_followed_across_both_sources(world, manager, analyst):
    url = reverse("national:child_deaths", args=[world.board.pk])
    for _ in range(5):
        manager.post(url, FINDING)
    for _ in range(6):
        make_record(
            [("Drug use by the mother was not explored.", ["parental_substance_misuse"])],
            incident_month=date(2025, 2, 1),
        )
    make_record([("Drugs.", ["parental_substance_misuse"])], incident_month=date(2024, 2, 1))
    page = analyst.get(
        reverse("national:theme_across"), {"theme": "parental_substance_misuse"}
    ).text
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(\d{4})</th>(.*?)</tr>', page)
    cells = {year: re.findall(r">([^<]+)</td>", rest) for year, rest in rows}
    # One review in 2024 is hidden; no finding that year is shown as 0 (it reveals no child).
    assert cells == {"2024": ["[c]", "0"], "2025": ["6", "5"]}


def test_an_issue_shows_a_published_summary_quote_with_its_public_link(world, analyst):
    for who in ("police", "school"):
        make_record(
            [(f"The {who} did not share information about the father.", ["information_sharing"])]
        )
    publication = make_publication(
        world, "In short. The health visitor did not share information about the father."
    )
    analyst.post(reverse("national:issues_propose"))
    issue = RecurringIssue.objects.get()
    page = analyst.get(reverse("national:issue", args=[issue.pk])).text
    assert "<q>The health visitor did not share information about the father.</q>" in page
    link = reverse("publication:public_download", args=[world.board.slug, publication.pk])
    assert link in page and "Published summary: A review" in page
    # The unpublished draft of the report is never shown.
    assert "zanzibar" not in page
