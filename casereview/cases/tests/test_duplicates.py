"""A second notification for a child already on the board's register is flagged before
saving (issue 9 item 6): same name and date of birth, or same NHS number."""

from casereview.audit.models import AuditEvent
from casereview.cases.models import Notification
from conftest import make_notification

from .helpers import URL, valid_post


def existing(world, **child):
    """A notification for Ada Testchild, born 17 May 2024 (the notify form's child)."""
    return make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], child=child
    )


def test_same_name_and_birth_date_is_flagged_audited_and_not_saved(world, client_for):
    first = existing(world)
    client = client_for(world.user("board_manager"))
    response = client.post(URL, valid_post(world, given_names="ADA ", family_name="testchild"))
    assert response.status_code == 200
    assert 'id="possible-duplicate"' in response.text
    assert f"Go to notification {first.reference}" in response.text
    assert "this is a different incident" in response.text
    assert Notification.objects.count() == 1
    flag = AuditEvent.objects.get(action="notification.duplicate_flag")
    assert flag.object_id == str(first.pk)
    assert flag.detail == {"matched_on": "name_and_date_of_birth"}
    assert "Ada" not in str(flag.detail)


def test_confirming_a_different_incident_saves_it(world, client_for):
    existing(world)
    client = client_for(world.user("board_manager"))
    response = client.post(URL, valid_post(world, different_incident="on"))
    assert response.status_code == 302
    assert Notification.objects.count() == 2
    created = AuditEvent.objects.filter(action="notification.create").last()
    assert created.detail == {"different_incident_confirmed": True}


def test_same_nhs_number_is_flagged_even_with_another_name(world, client_for):
    existing(world, nhs_number="9434765919", given_names="Adele")
    response = client_for(world.user("board_manager")).post(
        URL, valid_post(world, given_names="Zoe", nhs_number="943 476 5919")
    )
    assert 'id="possible-duplicate"' in response.text
    assert AuditEvent.objects.get(action="notification.duplicate_flag").detail == {
        "matched_on": "nhs_number"
    }


def test_a_case_the_user_may_not_see_is_not_revealed(world, client_for):
    first = existing(world)  # involves the police only
    client = client_for(world.health_author)
    response = client.post(URL, valid_post(world, agencies=[world.health.pk]))
    assert 'id="possible-duplicate"' in response.text
    assert first.reference not in response.text
    assert "Ask the board's business manager" in response.text
    assert Notification.objects.count() == 1


def test_another_board_and_another_child_are_not_duplicates(world, client_for):
    make_notification(world.other_board, world.outsider)
    existing(world, date_of_birth=valid_date())
    response = client_for(world.user("board_manager")).post(URL, valid_post(world))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="notification.duplicate_flag").exists()


def valid_date():
    from datetime import date

    return date(2024, 5, 18)
