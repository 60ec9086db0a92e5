"""The agency reports page: the list, and the board manager asking agencies for reports."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.reviews.models import (
    AgencyReport,
    RequestedReport,
    TermsOfReference,
    TermsStatus,
)
from conftest import review_of, verified_client


def due(days=30) -> date:
    return timezone.localdate() + timedelta(days=days)


def request_data(agency, on: date) -> dict:
    return {
        "agency": agency.pk,
        "due_on_day": on.day,
        "due_on_month": on.month,
        "due_on_year": on.year,
    }


def test_the_board_manager_requests_a_report_from_an_agency(world):
    review = review_of(world, agencies=[world.police, world.health])
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.latest("id").id
    response = client.post(
        reverse("reviews:report_request", args=[review.pk]), request_data(world.police, due())
    )
    assert response.status_code == 302
    report = AgencyReport.objects.get()
    assert (report.agency, report.due_on, report.status) == (world.police, due(), "requested")
    assert report.requested_on == timezone.localdate()
    events = AuditEvent.objects.filter(id__gt=last)
    assert [e.action for e in events] == ["report.request"]
    page = client.get(reverse("reviews:reports", args=[review.pk])).text
    assert "Eastbrook Police" in page and "Requested" in page


def test_an_agency_is_asked_once_only(world):
    review = review_of(world, agencies=[world.police, world.health])
    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:report_request", args=[review.pk])
    client.post(url, request_data(world.police, due()))
    response = client.post(url, request_data(world.police, due(40)))
    assert response.status_code == 200
    assert "govuk-error-message" in response.text and "Select a valid choice" in response.text
    assert AgencyReport.objects.count() == 1


def test_bad_input_gives_field_errors_and_saves_nothing(world):
    review = review_of(world, agencies=[world.police, world.health])
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:report_request", args=[review.pk]),
        {"agency": "", "due_on_day": "31", "due_on_month": "2", "due_on_year": "2026"},
    )
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text
    assert "Select agency" in text and "Due date must be a real date" in text
    past = client.post(
        reverse("reviews:report_request", args=[review.pk]),
        request_data(world.police, timezone.localdate() - timedelta(days=1)),
    )
    assert "Due date must be today or in the future" in past.text
    assert not AgencyReport.objects.exists()


def test_an_agency_of_another_board_cannot_be_chosen(world):
    review = review_of(world, agencies=[world.police, world.health])
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:report_request", args=[review.pk]),
        request_data(world.other_police, due()),
    )
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not AgencyReport.objects.exists()


def test_the_reports_the_terms_ask_for_are_requested_in_one_go(world):
    review = review_of(world, agencies=[world.police, world.health])
    terms = TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 3, 1),
        family_involvement="Parents invited",
        status=TermsStatus.AGREED,
        agreed_on=date(2026, 4, 1),
        created_by=world.user("board_manager"),
        created_at=timezone.now(),
    )
    for agency in (world.police, world.health):
        RequestedReport.objects.create(terms=terms, agency=agency, due_on=due(60))
    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:reports", args=[review.pk])).text
    assert "Request the reports the terms ask for" in page
    last = AuditEvent.objects.latest("id").id
    client.post(reverse("reviews:report_request_from_terms", args=[review.pk]))
    assert sorted(AgencyReport.objects.values_list("agency__name", "due_on")) == [
        ("Eastbrook Health", due(60)),
        ("Eastbrook Police", due(60)),
    ]
    assert AuditEvent.objects.filter(id__gt=last).count() == 1
    page = client.get(reverse("reviews:reports", args=[review.pk])).text
    assert "Request the reports the terms ask for" not in page


def test_without_agreed_terms_the_button_explains_why_nothing_happened(world):
    review = review_of(world, agencies=[world.police, world.health])
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:report_request_from_terms", args=[review.pk]), follow=True
    )
    assert "Agree the terms of reference first" in response.text
    assert not AgencyReport.objects.exists()


def test_an_agency_author_sees_only_their_own_agencys_report(world):
    review = review_of(world, agencies=[world.police, world.health])
    for agency in (world.police, world.health):
        AgencyReport.objects.create(
            review=review, agency=agency, requested_on=date(2026, 4, 1), due_on=due()
        )
    page = verified_client(world.user("agency_author")).get(
        reverse("reviews:reports", args=[review.pk])
    )
    assert page.status_code == 200
    assert "Eastbrook Police" in page.text and "Eastbrook Health" not in page.text
    assert "Ask an agency for a report" not in page.text
    both = verified_client(world.user("panel_member")).get(
        reverse("reviews:reports", args=[review.pk])
    )
    assert "Eastbrook Police" in both.text and "Eastbrook Health" in both.text


def test_only_the_board_manager_and_panel_chair_request_reports(world):
    review = review_of(world, agencies=[world.police, world.health])
    for role in ("panel_member", "agency_author", "board_chair", "auditor"):
        response = verified_client(world.user(role)).post(
            reverse("reviews:report_request", args=[review.pk]),
            request_data(world.police, due()),
        )
        assert response.status_code == 403, role
    assert not AgencyReport.objects.exists()


def test_another_board_does_not_see_the_reports(world):
    review = review_of(world, agencies=[world.police, world.health])
    response = verified_client(world.outsider).get(reverse("reviews:reports", args=[review.pk]))
    assert response.status_code == 404
