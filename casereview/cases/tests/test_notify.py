import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.cases.models import Notification, Person, Task, TaskKind

from .helpers import URL, valid_post


def test_it_records_a_notification_with_its_child_and_first_steps(world, client_for):
    client = client_for(world.user("board_manager"))
    response = client.post(URL, valid_post(world))
    notification = Notification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[notification.pk])
    child = notification.child
    assert child.full_name == "Ada Testchild" and child.ethnicity == "B2" and child.plan == "cpp"
    assert notification.consider_interagency_concerns and not notification.consider_sexual_abuse
    assert [k.description for k in notification.key_dates.all()] == [
        "Seen by health visitor",
        "Missed appointment",
    ]
    tasks = Task.objects.filter(notification=notification)
    assert tasks.filter(kind=TaskKind.OTHER_CHILDREN).count() == 1
    assert set(tasks.filter(kind=TaskKind.RECORDS_SECURED).values_list("agency", flat=True)) == {
        world.police.pk,
        world.health.pk,
    }
    assert all(t.due_at == notification.received_at for t in tasks)


def test_it_refuses_a_death_before_birth_and_saves_nothing(world, client_for):
    client = client_for(world.user("board_manager"))
    data = valid_post(
        world, date_of_death_year="2023", date_of_death_month="1", date_of_death_day="1"
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "Date of death must be on or after the child&#x27;s date of birth" in response.text
    assert 'href="#id_date_of_death_day"' in response.text
    assert Notification.objects.count() == 0 and Person.objects.count() == 0


def test_it_refuses_an_unknown_ethnicity_code(world, client_for):
    client = client_for(world.user("board_manager"))
    response = client.post(URL, valid_post(world, ethnicity="ZZ"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert Notification.objects.count() == 0


def test_it_asks_for_the_date_of_death_when_the_child_died(world, client_for):
    client = client_for(world.user("board_manager"))
    data = valid_post(world, date_of_death_day="", date_of_death_month="", date_of_death_year="")
    response = client.post(URL, data)
    assert "Enter the date of death" in response.text
    assert Notification.objects.count() == 0


def test_it_refuses_dates_in_the_future_and_bad_key_dates(world, client_for):
    client = client_for(world.user("board_manager"))
    data = valid_post(world, incident_date_year="2099", key_dates="31/02/2026 Impossible")
    response = client.post(URL, data)
    assert "Date of the incident must be today or in the past" in response.text
    assert "Line 1: start with a real date written as DD/MM/YYYY" in response.text
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    "line",
    [
        "99999999999999999999/1/2026 Too big a day",
        "1/99999999999999999999/2026 Too big a month",
        "1/1/99999999999999999999 Too big a year",
        "001/1/2026 Three digits",
    ],
)
def test_a_key_date_with_numbers_too_large_is_refused_by_its_line(world, client_for, line):
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, key_dates=f"14/02/2026 Seen\n{line}")
    )
    assert response.status_code == 200
    assert "Line 2: start with a real date written as DD/MM/YYYY" in response.text
    assert Notification.objects.count() == 0


def test_it_refuses_an_agency_of_another_board(world, client_for):
    client = client_for(world.user("board_manager"))
    response = client.post(URL, valid_post(world, agencies=[world.other_police.pk]))
    assert response.status_code == 200
    assert Notification.objects.count() == 0


def test_an_agency_authors_referral_involves_their_own_agency(world, client_for):
    client = client_for(world.user("agency_author"))
    response = client.post(URL, valid_post(world, agencies=[world.health.pk]))
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.involves_agency(world.police.pk)
    assert client.get(response["Location"]).status_code == 200


def test_a_panel_member_cannot_notify(world, client_for):
    response = client_for(world.user("panel_member")).get(URL)
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="deny", outcome="denied").count() == 1


def test_saving_writes_exactly_one_audit_event(world, client_for):
    client = client_for(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.post(URL, valid_post(world))
    events = AuditEvent.objects.filter(pk__gt=last)
    assert [e.action for e in events] == ["notification.create"]
