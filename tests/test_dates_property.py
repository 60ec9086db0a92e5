"""Property (issue 9 item 4): whatever dates callers pass to the services, no saved record of
a case has a date after today (except dates still to come, such as a report's due date) or
before the child's birth (except the dates that may fall in pregnancy: a key date, the start
of the period under review, another person's date of birth), and none that must follow the
notification comes before it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from casereview.audit.context import SYSTEM
from casereview.cases import services as cases
from casereview.cases.models import (
    ClockPause,
    Decision,
    KeyDate,
    Notification,
    Person,
    PersonKind,
    Task,
    TaskKind,
)
from casereview.reviews.family import services as family
from casereview.reviews.family.child import question_of
from casereview.reviews.models import (
    ChildInvolvement,
    FamilyContact,
    OutboundNotification,
    PanelMeeting,
    ParallelProcess,
    Professional,
    RequestedReport,
    TermsOfReference,
)
from casereview.reviews.panel import services as panel
from casereview.reviews.support import services as support
from conftest import child_fields, notification_fields

TODAY = date.today()
# Dates near the ones they are checked against, so that many cases get far (a review with
# its records) and many dates fall just either side of a bound.
births = st.dates(min_value=date(2019, 1, 1), max_value=TODAY + timedelta(days=20))
offsets = st.integers(min_value=-60, max_value=900)

# (model, date field, may precede the birth, may be in the future, must follow the notification)
DATED = [
    (Notification, "incident_date", False, False, False),
    (Notification, "date_of_death", False, False, False),
    (KeyDate, "date", True, False, False),
    (Person, "date_of_birth", True, False, False),
    (Task, "done_on", False, False, True),
    (Decision, "decided_on", False, False, True),
    (ClockPause, "starts_on", False, False, True),
    (ClockPause, "ends_on", False, False, True),
    (PanelMeeting, "held_on", False, False, True),
    (TermsOfReference, "period_start", True, False, False),
    (TermsOfReference, "period_end", False, False, False),
    (TermsOfReference, "agreed_on", False, False, True),
    (RequestedReport, "due_on", False, True, True),
    (ChildInvolvement, "recorded_on", False, False, True),
    (FamilyContact, "on", False, False, True),
    (Professional, "support_offered_on", False, False, True),
    (Professional, "debriefed_on", False, False, True),
    (Professional, "feedback_on", False, False, True),
    (OutboundNotification, "sent_on", False, False, True),
    (ParallelProcess, "started_on", False, False, False),
    (ParallelProcess, "concluded_on", False, False, False),
]


def _case_filter(model) -> str:
    if model is Notification:
        return "pk"
    if model is RequestedReport:
        return "terms__review__notification"
    if hasattr(model, "review"):
        return "review__notification"
    return "notification"


def broken_dates(notification: Notification) -> tuple[int, list[str]]:
    """How many dates the case's rows hold, and those that break the rules."""
    notification = Notification.objects.get(pk=notification.pk)
    child = notification.child
    born = child.date_of_birth if child else None
    notified = timezone.localdate(notification.received_at)
    today = timezone.localdate()
    saved, broken = 0, []
    for model, field, pre_birth, future, after_notification in DATED:
        values = model.objects.filter(
            **{_case_filter(model): notification.pk, f"{field}__isnull": False}
        ).values_list(field, flat=True)
        for value in values:
            saved += 1
            if (
                (not future and value > today)
                or (not pre_birth and born is not None and value < born)
                or (after_notification and value < notified)
            ):
                broken.append(f"{notification.reference} {model.__name__}.{field} = {value}")
    return saved, broken


def _try(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except ValidationError:
        return None


def _write_a_case(world, d: list[date], received: date):
    manager, chair = world.user("board_manager"), world.user("board_chair")
    with time_machine.travel(datetime.combine(received, time(9, 0)), tick=False):
        notification = _try(
            cases.create_notification,
            board=world.board,
            actor=manager,
            context=SYSTEM,
            fields=notification_fields(incident_date=d[1], date_of_death=d[2]),
            child=child_fields(date_of_birth=d[0]),
            agencies=[world.police],
            key_dates=[(d[3], "Antenatal booking")],
        )
    if notification is None:
        event("notification refused")
        return None
    task = notification.tasks.get(kind=TaskKind.OTHER_CHILDREN)
    _try(cases.complete_task, task, actor=manager, context=SYSTEM, done_on=d[4], note="")
    if _try(
        cases.pause_clocks,
        notification,
        actor=manager,
        context=SYSTEM,
        starts_on=d[5],
        reason="Trial",
    ):
        _try(cases.restart_clocks, notification, actor=manager, context=SYSTEM, ends_on=d[6])
    parent = Person(
        board=world.board,
        notification=notification,
        kind=PersonKind.FAMILY,
        given_names="Sam",
        family_name="Testparent",
        relationship="mother",
        parental_responsibility=True,
        date_of_birth=d[7],
    )
    if _try(cases.save_person, parent, actor=manager, context=SYSTEM, created=True) is None:
        parent.date_of_birth = None
        cases.save_person(parent, actor=manager, context=SYSTEM, created=True)
    cases.record_panel_recommendation(
        notification, actor=chair, context=SYSTEM, recommendation="review_required", reasons="r"
    )
    decided = _try(
        cases.record_decision,
        notification,
        actor=chair,
        context=SYSTEM,
        outcome="hold_review",
        reasons="r",
        dissent="",
        decided_on=d[8],
    )
    event("decided" if decided else "notified, not decided")
    if decided is None:
        return notification
    review = Notification.objects.get(pk=notification.pk).review
    _try(panel.add_meeting, review, actor=manager, context=SYSTEM, held_on=d[9])
    terms = _try(
        panel.save_terms,
        review,
        actor=manager,
        context=SYSTEM,
        fields={"period_start": d[10], "period_end": d[11], "family_involvement": "Invited"},
        reports=[(world.police, d[12])],
    )
    if terms is not None:
        _try(panel.agree_terms, terms, actor=manager, context=SYSTEM, agreed_on=d[13])
    _try(
        family.record_child_involvement,
        review,
        actor=manager,
        context=SYSTEM,
        involved=False,
        how="",
        reason_not="Too young",
        recorded_on=d[14],
        question=question_of(review.notification, d[14]),
    )
    _try(
        family.record_contact,
        review,
        actor=manager,
        context=SYSTEM,
        person=parent,
        on=d[15],
        method="letter",
        language="en",
        interpreter=False,
        purposes=[],
        note="",
    )
    _try(
        support.save_professional,
        review,
        None,
        actor=manager,
        context=SYSTEM,
        agency=world.police,
        role="Social worker",
        name="",
        support_offered_on=d[16],
        support_taken_up=True,
        debriefed_on=d[17],
        feedback_on=d[18],
    )
    _try(
        support.record_outbound,
        review,
        actor=manager,
        context=SYSTEM,
        recipient="inspectorate",
        purpose="Told",
        sent_on=d[19],
        method="Letter",
        copy="Text",
    )
    _try(
        support.save_process,
        review,
        None,
        actor=manager,
        context=SYSTEM,
        kind="inquest",
        started_on=d[20],
        concluded_on=d[21],
        status_note="",
        holds_publication=False,
    )
    return notification


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    born=births,
    incident_after=offsets,
    received_after=st.integers(min_value=-3, max_value=60),
    after=st.lists(st.integers(min_value=-20, max_value=400), min_size=22, max_size=22),
)
def test_no_saved_date_breaks_the_rules(world, born, incident_after, received_after, after):
    incident = born + timedelta(days=incident_after)
    received = min(incident + timedelta(days=received_after), TODAY)
    d = [received + timedelta(days=n) for n in after]
    d[0], d[1], d[2] = born, incident, incident + timedelta(days=after[2] % 5)
    d[3], d[7], d[10] = born - timedelta(days=after[3]), born - timedelta(days=9000), born
    with transaction.atomic():
        notification = _write_a_case(world, d, received)
        if notification is not None:
            saved, broken = broken_dates(notification)
            assert broken == []
            event(f"{min(saved // 5 * 5, 20)}+ dates saved")
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_keeps_the_date_rules():
    from casereview.demo import generator

    generator.generate_demo()
    broken = [
        problem
        for notification in Notification.objects.all()
        for problem in broken_dates(notification)[1]
    ]
    assert broken == []
