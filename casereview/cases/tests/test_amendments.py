"""Corrections with a reason (issue 9 item 5): the notification's facts, the people
register, first steps and the chair's decision, through their real pages. Each keeps the
earlier version, who, when and why, and writes an audit event naming fields only."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.cases.models import Amendment, Decision, Person
from casereview.procedure.engine import evaluate
from conftest import date_fields, decide, recommend, with_review


def _correction_body(n, **overrides) -> dict:
    body = {
        "referrer_name": n.referrer_name,
        "referrer_role": n.referrer_role,
        "referrer_contact": n.referrer_contact,
        **date_fields("incident_date", n.incident_date),
        "outcome": n.outcome,
        "abuse_neglect": n.abuse_neglect,
        "circumstances": n.circumstances,
        "agencies": [ia.agency_id for ia in n.involvements.all()],
        "reason": "The referrer gave the wrong date",
    }
    if n.date_of_death:
        body.update(date_fields("date_of_death", n.date_of_death))
    if n.outcome == "death":
        body["death_in_custody"] = "yes" if n.death_in_custody else "no"
    body.update(overrides)
    return body


def _result(case, obligation_id: str):
    return next(r for r in evaluate(case) if r.obligation.id == obligation_id)


def test_the_notification_is_corrected_with_a_reason_and_the_earlier_facts_kept(
    world, notification, client_for
):
    client = client_for(world.user("board_manager"))
    url = reverse("cases:correct", args=[notification.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="reason"' in page.text
    assert 'name="given_names"' not in page.text  # the child is corrected in the register
    response = client.post(
        url,
        _correction_body(
            notification,
            **date_fields("incident_date", date(2026, 2, 27)),
            agencies=[world.police.pk, world.health.pk],
        ),
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.incident_date == date(2026, 2, 27)
    amendment = Amendment.objects.get()
    assert amendment.before["incident_date"] == "2026-03-01"
    assert amendment.after["incident_date"] == "2026-02-27"
    assert amendment.before["agencies"] == [world.police.pk]
    assert set(amendment.changed) == {"incident_date", "agencies"}
    assert amendment.amended_by == world.user("board_manager")
    # The agency added is asked to secure its records at once (19.1).
    assert notification.tasks.filter(agency=world.health).exists()
    event = AuditEvent.objects.filter(action="notification.amended").get()
    assert event.detail["fields"] == ["incident_date", "agencies"]
    assert "2026" not in str(event.detail)  # field names, never values
    history = client.get(reverse("cases:history", args=[notification.pk])).text
    assert "The referrer gave the wrong date" in history
    assert "2026-03-01" in history and "2026-02-27" in history
    assert "Eastbrook Police" in history and "Eastbrook Health" in history  # names, not ids


def test_key_dates_are_corrected_and_the_earlier_ones_kept(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    url = reverse("cases:correct", args=[notification.pk])
    client.post(url, _correction_body(notification, key_dates="14/02/2026 Seen by GP"))
    assert 'value="14/02/2026 Seen by GP"' not in client.get(url).text  # a textarea
    assert "14/02/2026 Seen by GP" in client.get(url).text
    response = client.post(
        url,
        _correction_body(
            notification, key_dates="15/02/2026 Seen by GP", reason="The visit was on the 15th"
        ),
    )
    assert response.status_code == 302
    assert [k.date for k in notification.key_dates.all()] == [date(2026, 2, 15)]
    latest = Amendment.objects.order_by("amended_at", "id").last()
    assert latest.before["key_dates"] == ["2026-02-14 Seen by GP"]
    assert latest.changed == ["key_dates"]


def test_a_correction_needs_a_reason_and_a_change(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    url = reverse("cases:correct", args=[notification.pk])
    response = client.post(url, _correction_body(notification, reason=""))
    assert "Enter the reason for the correction" in response.text
    response = client.post(url, _correction_body(notification))
    assert "Nothing was changed" in response.text
    assert not Amendment.objects.exists()


def test_the_correction_keeps_the_notify_forms_validation(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    response = client.post(
        reverse("cases:correct", args=[notification.pk]),
        _correction_body(notification, **date_fields("incident_date", date(2023, 1, 1))),
    )
    message = "Date of the incident must be on or after the child&#x27;s date of birth"
    assert message in response.text
    assert not Amendment.objects.exists()


def test_only_those_who_record_a_notification_correct_it(world, notification, client_for):
    for role in ("board_chair", "panel_chair", "auditor", "agency_author"):
        response = client_for(world.user(role)).post(
            reverse("cases:correct", args=[notification.pk]),
            _correction_body(notification, **date_fields("incident_date", date(2026, 2, 27))),
        )
        assert response.status_code == 403, role
    assert not Amendment.objects.exists()


def test_a_person_is_corrected_and_the_earlier_entry_kept(world, notification, client_for):
    child = notification.child
    client = client_for(world.user("board_manager"))
    response = client.post(
        reverse("cases:person_edit", args=[notification.pk, child.pk]),
        {
            "given_names": child.given_names,
            "family_name": child.family_name,
            "sex": "female",
            "ethnicity": "B2",
            "preferred_language": "en",
            "plan": "none",
            "disability": "no",
            **date_fields("date_of_birth", date(2024, 6, 17)),
            "reason": "The date of birth was mistyped",
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.date_of_birth == date(2024, 6, 17)
    amendment = Amendment.objects.get(record_id=str(child.pk))
    assert amendment.before["date_of_birth"] == "2024-05-17"
    assert amendment.before["ethnicity"] == "W1"
    assert AuditEvent.objects.filter(action="person.amended").exists()


def test_a_person_entered_in_error_is_removed_but_kept(world, notification, client_for):
    cousin = Person.objects.create(
        board=world.board,
        notification=notification,
        kind="family",
        given_names="Wrong",
        family_name="Entry",
        relationship="father",
        parental_responsibility=True,
        disability="yes",
        disability_description="Synthetic",
    )
    from casereview.cases.checks import child_or_parent_disabled

    assert notification.pk in child_or_parent_disabled([notification])
    client = client_for(world.user("board_manager"))
    url = reverse("cases:person_remove", args=[notification.pk, cousin.pk])
    assert "Enter the reason" in client.post(url, {"reason": ""}).text
    assert client.post(url, {"reason": "Entered on the wrong case"}).status_code == 302
    assert not notification.people.filter(pk=cousin.pk).exists()
    kept = Person.all_objects.get(pk=cousin.pk)
    assert kept.removed_at and kept.removed_reason == "Entered on the wrong case"
    page = client.get(reverse("cases:detail", args=[notification.pk])).text
    assert "Wrong Entry" not in page
    # The procedure no longer counts the parent's disability.
    assert notification.pk not in child_or_parent_disabled([notification])
    assert Amendment.objects.get().kind == "removed"
    assert AuditEvent.objects.filter(action="person.removed").exists()


def test_the_child_cannot_be_removed(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    url = reverse("cases:person_remove", args=[notification.pk, notification.child.pk])
    assert "The child cannot be removed" in client.get(url).text
    client.post(url, {"reason": "Try"})
    assert notification.child is not None and not Amendment.objects.exists()


def test_a_first_step_is_corrected_and_the_evidence_moves(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    task = notification.tasks.get(kind="other_children")
    client.post(
        reverse("cases:task", args=[notification.pk, task.pk]),
        {**date_fields("done_on", date(2026, 3, 3)), "note": "Siblings considered"},
    )
    assert _result(notification, "other_children_at_risk").evidence.on == date(2026, 3, 3)
    response = client.post(
        reverse("cases:task_correct", args=[notification.pk, task.pk]),
        {
            **date_fields("done_on", date(2026, 3, 2)),
            "note": "Siblings considered",
            "reason": "Done the day before",
        },
    )
    assert response.status_code == 302
    assert _result(notification, "other_children_at_risk").evidence.on == date(2026, 3, 2)
    assert Amendment.objects.get().before["done_on"] == "2026-03-03"


def _redecide(client, n, **overrides):
    data = {
        "outcome": "hold_review",
        "reasons": "The criteria in 19.1 are met.",
        "dissent": "",
        **date_fields("decided_on", date(2026, 3, 14)),
        "reason": "The decision date was recorded wrongly",
    }
    data.update(overrides)
    return client.post(reverse("cases:decision_again", args=[n.pk]), data)


def test_the_chair_decides_again_and_the_deadlines_follow(world, notification, client_for):
    n = with_review(notification, world.user("board_chair"))
    before = _result(n, "panel_appointed").deadline.due
    client = client_for(world.user("board_chair"))
    assert "Decide again" in client.get(reverse("cases:detail", args=[n.pk])).text
    assert _redecide(client, n).status_code == 302
    decision = Decision.objects.get()
    assert decision.decided_on == date(2026, 3, 14)
    after = _result(n, "panel_appointed").deadline.due
    assert (after - before).days == 4
    amendment = Amendment.objects.get()
    assert amendment.kind == "redecided"
    assert amendment.before["decided_on"] == "2026-03-10"
    assert AuditEvent.objects.filter(action="decision.redecided").exists()


def test_a_decision_to_hold_a_review_stands_while_the_review_is_open(
    world, notification, client_for
):
    n = with_review(notification, world.user("board_chair"))
    client = client_for(world.user("board_chair"))
    response = _redecide(client, n, outcome="no_review")
    assert "A review is open for this case" in response.text
    assert Decision.objects.get().outcome == "hold_review"
    assert not Amendment.objects.exists()


def test_deciding_again_to_hold_a_review_opens_it(world, notification, client_for):
    recommend(world, notification)
    chair = client_for(world.user("board_chair"))
    decide(chair, notification, outcome="no_review")
    assert _redecide(chair, notification).status_code == 302
    notification.refresh_from_db()
    assert notification.review is not None


def test_a_correction_that_changes_the_screening_flags_the_decision(
    world, notification, client_for
):
    n = with_review(notification, world.user("board_chair"))
    client = client_for(world.user("board_manager"))
    detail = reverse("cases:detail", args=[n.pk])
    assert "should be looked at again" not in client.get(detail).text
    client.post(
        reverse("cases:correct", args=[n.pk]),
        _correction_body(n, abuse_neglect="not", reason="Abuse was ruled out"),
    )
    assert "should be looked at again" in client.get(detail).text
    # Deciding again (even to the same outcome) answers the flag.
    _redecide(client_for(world.user("board_chair")), n, reason="Looked at again")
    assert "should be looked at again" not in client.get(detail).text


def test_the_history_shows_only_what_the_reader_may_see(world, notification, client_for):
    client = client_for(world.user("board_manager"))
    client.post(
        reverse("cases:correct", args=[notification.pk]),
        _correction_body(notification, circumstances="Corrected account"),
    )
    url = reverse("cases:history", args=[notification.pk])
    assert "Corrected account" in client_for(world.user("auditor")).get(url).text
    assert client_for(world.user("board_manager")).get(url).status_code == 200


def test_names_corrected_or_removed_are_still_masked_in_mail(world, notification, client_for):
    from casereview.cases.name_masking import without_names

    child = notification.child
    client = client_for(world.user("board_manager"))
    client.post(
        reverse("cases:person_edit", args=[notification.pk, child.pk]),
        {
            "given_names": "Adah",
            "family_name": child.family_name,
            "sex": "female",
            "ethnicity": "W1",
            "preferred_language": "en",
            "plan": "none",
            "disability": "no",
            **date_fields("date_of_birth", child.date_of_birth),
            "reason": "The name was misspelt",
        },
    )
    assert Person.objects.get(pk=child.pk).given_names == "Adah"
    assert without_names("Ada and Adah", notification) == "[name] and [name]"


def test_a_correction_reads_in_plain_words_in_the_audit_log(world, notification, client_for):
    from casereview.audit.lines import describe

    n = with_review(notification, world.user("board_chair"))
    _redecide(client_for(world.user("board_chair")), n)
    event = AuditEvent.objects.get(action="decision.redecided")
    assert f"made the chair's decision again on notification {n.reference}" in (
        describe([event])[0].text
    )
    assert set(event.detail) == {"amendment", "kind", "fields"}
