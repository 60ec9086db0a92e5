"""Item 12: working days in any year. Administrators add one-off bank holidays and confirm
years; the clocks follow; the compliance page says when a clock runs through a year whose
bank holidays nobody has confirmed."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.audit.models import AuditEvent
from casereview.procedure import clocks, working_days
from casereview.procedure.models import ConfirmedHolidayYear, OneOffHoliday
from conftest import date_fields, make_user, review_of, status_of, verified_client

PAGE = reverse("procedure:bank_holidays")
REMOVE = reverse("procedure:remove_bank_holiday")
CONFIRM = reverse("procedure:confirm_year")


def _due(review, obligation_id: str):
    from casereview.procedure.engine import evaluate

    return next(r.due for r in evaluate(review) if r.obligation.id == obligation_id)


def test_an_administrators_one_off_day_moves_a_working_day_deadline_and_removing_it_undoes_it(
    world,
):
    review = review_of(world)  # decided on Tuesday 10 March 2026
    # "Notify the inspectorate within 5 working days" of the decision: 11-17 March.
    assert _due(review, "inspectorate_notified") == date(2026, 3, 17)
    admin = verified_client(world.user("administrator"))
    response = admin.post(
        PAGE, {**date_fields("day", date(2026, 3, 12)), "name": "A fictional one-off holiday"}
    )
    assert response.status_code == 302
    holiday = OneOffHoliday.objects.get()
    assert holiday.added_by == world.user("administrator") and holiday.removed_at is None
    assert _due(review, "inspectorate_notified") == date(2026, 3, 18)
    assert AuditEvent.objects.filter(action="calendar.holiday_add", outcome="ok").count() == 1

    page = admin.get(PAGE).text
    assert "A fictional one-off holiday" in page and "12 March 2026" in page

    assert admin.post(REMOVE, {"holiday": holiday.pk}).status_code == 302
    holiday.refresh_from_db()
    assert holiday.removed_by == world.user("administrator") and holiday.removed_at is not None
    assert _due(review, "inspectorate_notified") == date(2026, 3, 17)
    assert AuditEvent.objects.filter(action="calendar.holiday_remove").count() == 1
    # The removed day stays on the page, struck through, with who removed it.
    assert "<s>A fictional one-off holiday</s>" in admin.get(PAGE).text
    # The same day may be added again once the wrong entry is removed.
    again = admin.post(PAGE, {**date_fields("day", date(2026, 3, 12)), "name": "Again"})
    assert again.status_code == 302


@pytest.mark.parametrize(
    ("day", "name", "message"),
    [
        (date(2026, 3, 14), "Saturday", "Choose a weekday"),
        (date(2026, 12, 25), "Christmas", "already a bank holiday"),
        (date(2026, 3, 12), "   ", "Enter the name of the bank holiday"),
    ],
)
def test_the_form_refuses_what_is_not_a_new_weekday_holiday(world, day, name, message):
    admin = verified_client(world.user("administrator"))
    response = admin.post(PAGE, {**date_fields("day", day), "name": name})
    assert response.status_code == 200
    assert message in response.text
    assert not OneOffHoliday.objects.exists()


def test_a_day_added_twice_is_refused(world):
    admin = verified_client(world.user("administrator"))
    body = {**date_fields("day", date(2026, 3, 12)), "name": "Once"}
    admin.post(PAGE, body)
    response = admin.post(PAGE, body)
    assert "already been added" in response.text
    assert OneOffHoliday.objects.count() == 1


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_administrators_reach_the_calendar_and_the_procedure_page(world, role):
    client = verified_client(world.user(role))
    holiday = OneOffHoliday.objects.create(
        date=date(2026, 3, 12), name="x", added_by=world.user("administrator")
    )
    for url in (PAGE, reverse("procedure:regimes")):
        assert client.get(url).status_code == 403, url
    body = {**date_fields("day", date(2026, 3, 13)), "name": "y"}
    assert client.post(PAGE, body).status_code == 403
    assert client.post(REMOVE, {"holiday": holiday.pk}).status_code == 403
    assert client.post(CONFIRM, {"year": 2028}).status_code == 403
    assert OneOffHoliday.objects.filter(removed_at__isnull=True).count() == 1
    assert not ConfirmedHolidayYear.objects.exists()
    denials = AuditEvent.objects.filter(action="deny", outcome="denied")
    assert denials.count() == 5


def test_users_without_roles_and_anonymous_users_are_refused(world):
    from django.test import Client

    assert verified_client(world.no_roles).get(PAGE).status_code == 403
    response = Client().get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_the_administrator_sees_the_pages_in_the_navigation(world):
    admin_home = verified_client(world.user("administrator")).get(reverse("home")).text
    assert reverse("procedure:regimes") in admin_home
    manager_home = verified_client(world.user("board_manager")).get(reverse("home")).text
    assert reverse("procedure:regimes") not in manager_home


@pytest.fixture
def govuk_list_ends_in_2025(monkeypatch):
    """As if GOV.UK's shipped list stopped at 2025: 2026 has no authoritative list."""
    calendar = clocks.WorkingCalendar(clocks.england_and_wales_holidays(), unlisted_after=2025)
    monkeypatch.setattr(working_days, "england_and_wales", lambda: calendar)
    monkeypatch.setattr(working_days, "covered_years", lambda: range(2012, 2026))
    working_days._calendar.cache_clear()
    yield
    working_days._calendar.cache_clear()


def test_the_compliance_page_warns_of_a_clock_in_a_year_nobody_has_confirmed(
    world, govuk_list_ends_in_2025
):
    review = review_of(world)
    url = reverse("reviews:compliance", args=[review.pk])
    manager = verified_client(world.user("board_manager"))
    text = manager.get(url).text
    assert 'id="unlisted-years"' in text
    assert "working days in 2026" in text
    assert "has not been published or checked yet" in text
    row = text.split('id="obligation-inspectorate_notified"')[1].split("</tr>")[0]
    assert "Bank holidays for 2026 not yet confirmed" in row
    # A calendar-month clock does not depend on bank holidays: no note on its line.
    assert status_of(review, "review_completed") in ("due", "waiting", "overdue")
    completed = text.split('id="obligation-review_completed"')[1].split("</tr>")[0]
    assert "not yet confirmed" not in completed

    admin = verified_client(world.user("administrator"))
    assert admin.post(CONFIRM, {"year": 2026}).status_code == 302
    confirmed = ConfirmedHolidayYear.objects.get()
    assert confirmed.year == 2026 and confirmed.confirmed_by == world.user("administrator")
    assert AuditEvent.objects.filter(action="calendar.year_confirm").count() == 1
    assert 'id="unlisted-years"' not in manager.get(url).text


def test_the_compliance_page_has_no_warning_within_govuks_list(world):
    review = review_of(world)
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:compliance", args=[review.pk]))
        .text
    )
    assert 'id="unlisted-years"' not in text


def test_a_year_govuk_lists_or_too_far_ahead_cannot_be_confirmed(world):
    admin = verified_client(world.user("administrator"))
    listed = clocks.covered_years()[-1]
    response = admin.post(CONFIRM, {"year": listed})
    assert "already covers every year" in response.text
    response = admin.post(CONFIRM, {"year": 2099})
    assert "at most two years ahead" in response.text
    assert not ConfirmedHolidayYear.objects.exists()


def test_an_administrator_of_another_board_manages_the_same_calendar(world):
    """The calendar is the system's, not a board's: any board's administrator holds it."""
    from casereview.accounts.models import Membership

    other_admin = make_user("westmoor_admin")
    Membership.objects.create(user=other_admin, board=world.other_board, role=Role.ADMINISTRATOR)
    client = verified_client(other_admin)
    assert client.get(PAGE).status_code == 200
    assert client.get(reverse("procedure:regimes")).status_code == 200
