from django.urls import reverse

from casereview.cases.models import Decision, NotificationStatus, PanelRecommendation
from conftest import decide, recommend, verified_client


def test_the_screening_page_shows_the_criteria_result_with_its_clause(world, notification):
    page = verified_client(world.user("panel_chair")).get(
        reverse("cases:screening", args=[notification.pk])
    )
    assert "A serious case review is required" in page.text
    assert "Rotherham 19.1" in page.text


def test_the_panel_records_its_recommendation_beside_the_criteria(world, notification):
    assert recommend(world, notification).status_code == 302
    rec = PanelRecommendation.objects.get(notification=notification)
    assert rec.criteria_result == "review_required"
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.RECOMMENDED


def test_a_decision_needs_reasons_and_saves_nothing_without(world, notification):
    recommend(world, notification)
    response = decide(verified_client(world.user("board_chair")), notification, reasons="  ")
    assert response.status_code == 200
    assert "Enter the reasons for the decision" in response.text
    assert not Decision.objects.exists()


def test_the_chair_cannot_decide_before_the_panel_recommends(world, notification):
    response = decide(verified_client(world.user("board_chair")), notification)
    assert response.status_code == 200
    assert "The panel must record its recommendation" in response.text
    assert not Decision.objects.exists()


def test_a_second_decision_is_refused(world, notification):
    recommend(world, notification)
    client = verified_client(world.user("board_chair"))
    decide(client, notification)
    response = decide(client, notification, outcome="no_review")
    assert "already been recorded" in response.text
    assert Decision.objects.get().outcome == "hold_review"


def test_only_the_board_chair_decides(world, notification):
    recommend(world, notification)
    for role in ("board_manager", "panel_chair", "panel_member", "auditor"):
        assert decide(verified_client(world.user(role)), notification).status_code == 403
    assert not Decision.objects.exists()


def test_read_only_members_cannot_recommend(world, notification):
    response = recommend(world, notification, verified_client(world.user("auditor")))
    assert response.status_code == 403
    assert not PanelRecommendation.objects.exists()


def test_the_other_children_step_is_recorded(world, notification, client_for):
    task = notification.tasks.get(kind="other_children")
    response = client_for(world.user("board_manager")).post(
        reverse("cases:task", args=[notification.pk, task.pk]),
        {"done_on_day": "2", "done_on_month": "3", "done_on_year": "2026", "note": "Sibling seen"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.is_done and task.note == "Sibling seen"


def test_an_agency_author_secures_only_their_own_agencys_records(world, client_for):
    from conftest import make_notification

    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    client = client_for(world.user("agency_author"))  # police
    police = n.tasks.get(agency=world.police)
    health = n.tasks.get(agency=world.health)
    data = {"done_on_day": "2", "done_on_month": "3", "done_on_year": "2026", "note": "Secured"}
    assert client.post(reverse("cases:task", args=[n.pk, health.pk]), data).status_code == 404
    assert client.post(reverse("cases:task", args=[n.pk, police.pk]), data).status_code == 302
    other = n.tasks.get(kind="other_children")
    assert client.post(reverse("cases:task", args=[n.pk, other.pk]), data).status_code == 404


def test_a_family_member_is_added_with_language_and_responsibility(world, notification, client_for):
    response = client_for(world.user("board_manager")).post(
        reverse("cases:person_add", args=[notification.pk]),
        {
            "kind": "family",
            "given_names": "Maria",
            "family_name": "Testparent",
            "relationship": "mother",
            "sex": "female",
            "ethnicity": "W5",
            "parental_responsibility": "on",
            "preferred_language": "pl",
            "interpreter_needed": "on",
            "disability": "no",
        },
    )
    assert response.status_code == 302
    person = notification.people.get(family_name="Testparent")
    assert person.parental_responsibility and person.preferred_language == "pl"
    assert person.is_minority_ethnic


def test_the_childs_entry_is_edited_with_school_and_plan(world, notification, client_for):
    child = notification.child
    url = reverse("cases:person_edit", args=[notification.pk, child.pk])
    client = client_for(world.user("board_manager"))
    assert 'name="school"' in client.get(url).text
    response = client.post(
        url,
        {
            "given_names": child.given_names,
            "family_name": child.family_name,
            "sex": "female",
            "ethnicity": "M1",
            "preferred_language": "en",
            "disability": "no",
            "school": "Eastbrook Primary School",
            "plan": "cin",
            "looked_after": "on",
            "reason": "School and plan confirmed by the local authority",
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.school == "Eastbrook Primary School" and child.plan == "cin"
    assert child.looked_after and child.kind == "child"
