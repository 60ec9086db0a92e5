"""Issue 9 item 8: the 19.1 step records which other children were considered, the
assessment of each, and any referral or strategy discussion with its date."""

from datetime import date

from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.cases.models import ChildConsidered, Person, TaskKind
from casereview.procedure.engine import evaluate
from conftest import date_fields, verified_client

ON = date(2026, 3, 3)


def _task(notification):
    return notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)


def _url(notification):
    return reverse("cases:task", args=[notification.pk, _task(notification).pk])


def _sibling(world, notification, given="Ben"):
    return Person.objects.create(
        board=world.board,
        notification=notification,
        kind="other_child",
        given_names=given,
        family_name="Testchild",
        relationship="sibling",
    )


def _consider(client, notification, person, **fields):
    data = {
        "step": "child",
        "child-person": str(person.pk) if person else "new",
        "child-assessment": "not_at_risk",
        "child-note": "Seen at school with the designated safeguarding lead.",
        "child-action": "none",
        **fields,
    }
    return client.post(_url(notification), data)


def _complete(client, notification):
    return client.post(
        _url(notification), {**date_fields("done_on", ON), "note": "Siblings identified."}
    )


def _result(notification):
    return next(r for r in evaluate(notification) if r.obligation.id == "other_children_at_risk")


def test_the_step_cannot_be_recorded_until_every_other_child_is_considered(world, notification):
    ben = _sibling(world, notification)
    client = verified_client(world.user("board_manager"))
    response = _complete(client, notification)
    assert response.status_code == 200
    assert "Ben Testchild has not been considered" in response.text
    assert not _task(notification).is_done
    assert _consider(client, notification, ben).status_code == 302
    assert _complete(client, notification).status_code == 302
    result = _result(notification)
    assert result.status == "met"
    assert result.evidence.label == "1 other child considered, 0 referred or discussed"
    assert result.evidence.on == ON


def test_no_other_children_is_an_answer(world, notification):
    _complete(verified_client(world.user("board_manager")), notification)
    result = _result(notification)
    assert result.status == "met"
    assert result.evidence.label == "Considered: no other children identified"


def test_a_child_at_risk_needs_a_referral_or_strategy_discussion_with_its_date(world, notification):
    ben = _sibling(world, notification)
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").first().pk
    _consider(client, notification, ben, **{"child-assessment": "at_risk"})
    assert list(AuditEvent.objects.filter(pk__gt=last).values_list("action", flat=True)) == [
        "task.child_considered"
    ]
    response = _complete(client, notification)
    assert "record a referral or strategy discussion" in response.text
    # A referral without its date is refused, field by field.
    response = _consider(
        client, notification, ben, **{"child-assessment": "at_risk", "child-action": "referral"}
    )
    assert "Enter the date of the referral" in str(
        response.context["children_form"].errors["action_on"]
    )
    response = _consider(
        client,
        notification,
        ben,
        **{
            "child-assessment": "at_risk",
            "child-action": "strategy",
            **date_fields("child-action_on", date(2026, 3, 4)),
            "child-reason": "The strategy discussion was held.",
        },
    )
    assert response.status_code == 302
    assert ChildConsidered.objects.get().action == "strategy"  # corrected, not duplicated
    assert _complete(client, notification).status_code == 302
    result = _result(notification)
    assert result.status == "met" and result.evidence.on == date(2026, 3, 4)
    assert result.evidence.label == "1 other child considered, 1 referred or discussed"


def test_a_risk_not_known_needs_a_referral_too(world, notification):
    ben = _sibling(world, notification)
    client = verified_client(world.user("board_manager"))
    _consider(client, notification, ben, **{"child-assessment": "not_known"})
    assert not ChildConsidered.objects.get().is_settled
    _consider(
        client,
        notification,
        ben,
        **{
            "child-assessment": "not_known",
            "child-action": "referral",
            **date_fields("child-action_on", ON),
            "child-reason": "Referred to children's social care.",
        },
    )
    assert ChildConsidered.objects.get().is_settled


def test_a_child_not_in_the_register_is_added_to_it(world, notification):
    client = verified_client(world.user("board_manager"))
    response = _consider(client, notification, None)
    errors = response.context["children_form"].errors
    assert set(errors) == {"given_names", "family_name", "relationship"}
    response = _consider(
        client,
        notification,
        None,
        **{
            "child-given_names": "Cara",
            "child-family_name": "Testcousin",
            "child-relationship": "household",
        },
    )
    assert response.status_code == 302
    cara = notification.people.get(given_names="Cara")
    assert (cara.kind, cara.relationship) == ("other_child", "household")
    assert ChildConsidered.objects.get().person == cara


def test_a_child_added_later_reopens_the_obligation_and_the_case_page_shows_it(world, notification):
    client = verified_client(world.user("board_manager"))
    ben = _sibling(world, notification)
    _consider(client, notification, ben)
    _complete(client, notification)
    assert _result(notification).status == "met"
    _sibling(world, notification, given="Dot")
    assert _result(notification).status != "met"
    page = client.get(reverse("cases:detail", args=[notification.pk])).text
    assert "Other children considered (Rotherham 19.1)" in page
    assert "Ben Testchild" in page and "Not at risk of harm" in page
    # The step stays reachable to record Dot.
    assert _url(notification) in page


def test_a_sibling_entered_as_family_is_an_other_child(world, notification):
    Person.objects.create(
        board=world.board,
        notification=notification,
        kind="family",
        given_names="Eve",
        family_name="Testchild",
        relationship="half_sibling",
    )
    page = verified_client(world.user("board_manager")).get(_url(notification)).text
    assert "Eve Testchild" in page
    response = _complete(verified_client(world.user("board_manager")), notification)
    assert "Eve Testchild has not been considered" in response.text


def test_only_the_board_manager_records_the_children(world, notification):
    ben = _sibling(world, notification)
    for role in ("panel_chair", "agency_author"):
        response = _consider(verified_client(world.user(role)), notification, ben)
        assert response.status_code in (403, 404)
    assert not ChildConsidered.objects.exists()


def test_changing_an_assessment_needs_a_reason_and_keeps_the_earlier_one(world, notification):
    """Issue 19.1 follow-up: a child's assessment is corrected through the amendments
    mechanism, so the earlier assessment is kept with who, when and why."""
    ben = _sibling(world, notification)
    client = verified_client(world.user("board_manager"))
    assert _consider(client, notification, ben).status_code == 302
    first = ChildConsidered.objects.get()
    changed = {
        "child-assessment": "at_risk",
        "child-note": "A later visit raised concerns.",
        "child-action": "referral",
        **date_fields("child-action_on", date(2026, 3, 5)),
    }
    # Without a reason: refused on the reason field, nothing changed.
    response = _consider(client, notification, ben, **changed)
    assert response.status_code == 200
    assert "enter the reason for changing the assessment" in str(
        response.context["children_form"].errors["reason"]
    )
    assert ChildConsidered.objects.get().assessment == "not_at_risk"
    # The same answers again change nothing, reason or not.
    response = _consider(client, notification, ben, **{"child-reason": "Checked again."})
    assert response.status_code == 200 and "Nothing was changed" in response.text
    last = AuditEvent.objects.order_by("-id").first().pk
    response = _consider(
        client, notification, ben, **changed, **{"child-reason": "Concerns after a visit."}
    )
    assert response.status_code == 302
    row = ChildConsidered.objects.get()
    assert row.pk == first.pk and (row.assessment, row.action) == ("at_risk", "referral")
    events = AuditEvent.objects.filter(pk__gt=last)
    assert list(events.values_list("action", flat=True)) == ["child_considered.amended"]
    assert "Concerns" not in str(events.get().detail)  # no free text in the audit trail
    amendment = notification.amendments.get(record_id=str(row.pk))
    assert amendment.before["assessment"] == "not_at_risk"
    assert amendment.before["note"] == "Seen at school with the designated safeguarding lead."
    assert amendment.after["assessment"] == "at_risk"
    assert amendment.reason == "Concerns after a visit."
    assert amendment.amended_by == world.user("board_manager")
    # The step's page links to the earlier assessment; the history shows it in words.
    page = client.get(_url(notification)).text
    history = reverse("cases:history", args=[notification.pk]) + f"?record={row.pk}"
    assert history in page
    page = client.get(history).text
    assert "Another child considered for risk of harm" in page
    assert "Concerns after a visit." in page
    assert "Not at risk of harm" in page and "Is the child at risk of harm" in page
    assert "Ben" not in page  # the record is named by what it is, not by the child's name
    # The obligation reads the current state.
    assert row.is_settled and row.action_on == date(2026, 3, 5)
