"""`casereview send-reminders`: one e-mail a day per person about what they must do soon."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.core.management import CommandError, ManagementUtility, call_command
from django.test import override_settings
from django.utils import timezone

from casereview.accounts.models import Membership, Role
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import TaskKind
from casereview.cases.services import (
    complete_task,
    record_decision,
    record_panel_recommendation,
)
from casereview.procedure.engine import Result
from casereview.procedure.regime import Obligation
from casereview.procedure.registry import AWAITING
from casereview.reviews import reminders
from casereview.reviews.compliance import open_cases
from casereview.reviews.models import ReminderSent
from conftest import DEPARTURE_REASONS, decide_in_services, make_notification

LONDON = ZoneInfo("Europe/London")
NOTIFIED = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # a Monday
# Decision and panel recommendation are due a month after notification, on 2 April 2026:
# three working days after Monday 30 March.
MONDAY = date(2026, 3, 30)
CHILD = {"given_names": "Zebedee", "family_name": "Quillfeather"}


@pytest.fixture
def people(world):
    for user in [*world.users.values(), world.health_author, world.outsider, world.no_roles]:
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    return world


def notify(world, board=None, **kwargs):
    board = board or world.board
    actor = world.user("board_manager") if board == world.board else world.outsider
    with time_machine.travel(NOTIFIED, tick=False):
        return make_notification(board, actor, child=CHILD, **kwargs)


def send(*args) -> str:
    out = StringIO()
    call_command("send-reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def mail_to(outbox, user) -> list[EmailMessage]:
    return [m for m in outbox if m.to == [user.email]]


def words(message: EmailMessage) -> str:
    """The body with its lines joined again (obligation texts are wrapped)."""
    return " ".join(message.body.split())


def test_each_role_is_reminded_of_its_own_obligations(people, mailoutbox):
    n = notify(people, agencies=[people.police])
    summary = send("--today", MONDAY.isoformat())
    [chair] = mail_to(mailoutbox, people.user("board_chair"))
    assert "The board chair decides whether a Serious Case Review" in words(chair)  # decision_made
    assert "panel considers the case" not in words(chair)
    [panel] = mail_to(mailoutbox, people.user("panel_chair"))
    assert "The panel considers the case against the criteria" in words(panel)
    assert "The board chair decides" not in words(panel)
    [manager] = mail_to(mailoutbox, people.user("board_manager"))
    assert "Consider at once whether other children are at risk" in words(manager)
    assert "OVERDUE, was due 2 March 2026. Rotherham 19.1" in words(manager)
    assert n.reference in manager.body and f"See /notifications/{n.pk}/" in manager.body
    assert {tuple(m.to) for m in mailoutbox} == {
        (people.user(role).email,) for role in ("board_chair", "panel_chair", "board_manager")
    }
    assert chair.subject == "Serious case reviews: 2 obligations need attention"
    assert summary.strip() == (
        f"Sent {ReminderSent.objects.count()} reminders to 3 people; 0 already sent today"
    )


def test_nothing_goes_out_while_deadlines_are_far_off(people, mailoutbox):
    notify(people)
    with time_machine.travel(NOTIFIED, tick=False):
        complete_task(
            notify(people).tasks.get(kind=TaskKind.OTHER_CHILDREN),
            actor=people.user("board_manager"),
            context=SYSTEM,
            done_on=NOTIFIED.date(),
            note="",
        )
    send("--today", "2026-03-03", "--within", "5")
    assert not mail_to(mailoutbox, people.user("board_chair"))  # due 2 April
    send("--today", "2026-03-26", "--within", "5")  # 2 April is 5 working days after 26 March
    assert mail_to(mailoutbox, people.user("board_chair"))


@override_settings(REMINDER_WITHIN_WORKING_DAYS=2)
def test_the_window_comes_from_the_setting(people, mailoutbox):
    notify(people)
    send("--today", MONDAY.isoformat())  # 2 April is 3 working days away
    assert not mail_to(mailoutbox, people.user("board_chair"))
    send("--today", "2026-03-31")
    assert mail_to(mailoutbox, people.user("board_chair"))


def test_a_second_run_the_same_day_sends_nothing(people, mailoutbox):
    notify(people)
    send("--today", MONDAY.isoformat())
    sent = len(mailoutbox)
    rows = ReminderSent.objects.count()
    summary = send("--today", MONDAY.isoformat())
    assert len(mailoutbox) == sent and ReminderSent.objects.count() == rows
    assert summary.strip() == f"Sent 0 reminders to 0 people; {rows} already sent today"


def test_the_next_day_it_reminds_again_of_what_is_still_open(people, mailoutbox):
    n = notify(people)
    with time_machine.travel(datetime(2026, 3, 30, 7, tzinfo=LONDON), tick=False):
        send()
    assert mail_to(mailoutbox, people.user("panel_chair"))
    with time_machine.travel(NOTIFIED, tick=False):
        record_panel_recommendation(
            n,
            actor=people.user("panel_chair"),
            context=SYSTEM,
            recommendation="review_required",
            reasons="r",
        )
    mailoutbox.clear()
    with time_machine.travel(datetime(2026, 3, 31, 7, tzinfo=LONDON), tick=False):
        send()
    assert not mail_to(mailoutbox, people.user("panel_chair"))  # its obligation is met
    assert mail_to(mailoutbox, people.user("board_chair"))
    assert set(ReminderSent.objects.values_list("sent_on", flat=True)) == {
        date(2026, 3, 30),
        date(2026, 3, 31),
    }


def test_met_obligations_are_not_reminded(people, mailoutbox):
    n = notify(people)
    with time_machine.travel(NOTIFIED, tick=False):
        complete_task(
            n.tasks.get(kind=TaskKind.OTHER_CHILDREN),
            actor=people.user("board_manager"),
            context=SYSTEM,
            done_on=NOTIFIED.date(),
            note="",
        )
    send("--today", MONDAY.isoformat())
    sent = ReminderSent.objects.filter(case_id=n.pk)
    assert not sent.filter(obligation="other_children_at_risk").exists()
    assert sent.filter(obligation="decision_made").exists()
    for message in mailoutbox:
        assert "other children are at risk" not in words(message)


def test_obligations_the_product_cannot_record_yet_are_not_reminded(people, mailoutbox):
    n = notify(people)
    with time_machine.travel(NOTIFIED, tick=False):
        record_panel_recommendation(
            n,
            actor=people.user("panel_chair"),
            context=SYSTEM,
            recommendation="review_required",
            reasons="r",
        )
        record_decision(
            n,
            actor=people.user("board_chair"),
            context=SYSTEM,
            outcome="hold_review",
            reasons="r",
            dissent="",
            decided_on=NOTIFIED.date(),
        )
    # Lessons are due with completion; learning records them (casereview/learning), so they
    # are reminded. What publication and national learning will record is not.
    send("--today", "2026-06-30")
    reminded = set(ReminderSent.objects.values_list("obligation", flat=True))
    assert "lessons_identified" in reminded
    assert not reminded & set(AWAITING), sorted(reminded)
    assert ReminderSent.objects.filter(obligation="pct_informs_sha").exists()
    mailoutbox.clear()
    ReminderSent.objects.all().delete()
    send("--today", "2026-06-30")  # the review is due complete on 2 July
    n.refresh_from_db()
    [manager] = mail_to(mailoutbox, people.user("board_manager"))
    assert "Complete the review" in words(manager)
    assert f"See /reviews/{n.review.pk}/compliance/" in manager.body
    assert f"(review {n.review.reference})" in manager.body


def test_cases_decided_against_a_review_that_owe_nothing_are_not_reminded(people, mailoutbox):
    n = notify(people, agencies=[], outcome="serious_harm", date_of_death=None)
    with time_machine.travel(NOTIFIED, tick=False):
        record_panel_recommendation(
            n,
            actor=people.user("panel_chair"),
            context=SYSTEM,
            recommendation="review_required",
            reasons="r",
        )
        record_decision(
            n,
            actor=people.user("board_chair"),
            context=SYSTEM,
            outcome="no_review",
            reasons=DEPARTURE_REASONS,
            dissent="",
            decided_on=NOTIFIED.date(),
            confirm_departure=True,
        )
        complete_task(
            n.tasks.get(kind="other_children"),
            actor=people.user("board_manager"),
            context=SYSTEM,
            done_on=NOTIFIED.date(),
            note="",
        )
    send("--today", MONDAY.isoformat())
    assert mailoutbox == []


def test_a_case_decided_against_a_review_is_reminded_of_what_it_still_owes(people, mailoutbox):
    # A child died, abuse suspected: 19.1 says a review must be held, whatever was decided.
    n = notify(people, agencies=[])
    with time_machine.travel(NOTIFIED, tick=False):
        decide_in_services(n, people.user("board_chair"), outcome="no_review", on=NOTIFIED.date())
    send("--today", MONDAY.isoformat())
    assert mailoutbox


def test_no_name_or_case_detail_reaches_any_email(people, mailoutbox):
    n = notify(people, agencies=[people.police, people.health])
    send("--today", MONDAY.isoformat())
    assert mailoutbox
    for message in mailoutbox:
        text = message.subject + message.body
        for secret in (
            "Zebedee",
            "Quillfeather",
            "Dana Test",  # the referrer
            n.circumstances,
            "1 Example Street",
            "Test",  # the recipients' own names are not needed either
        ):
            assert secret not in text


def test_a_dry_run_sends_and_records_nothing(people, mailoutbox):
    notify(people)
    events = AuditEvent.objects.count()
    summary = send("--today", MONDAY.isoformat(), "--dry-run")
    assert summary.startswith("Would send ") and "to 3 people" in summary
    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_each_run_records_one_audit_event_per_recipient(people, mailoutbox):
    n = notify(people)
    send("--today", MONDAY.isoformat())
    events = AuditEvent.objects.filter(action="reminder.send")
    assert events.count() == len(mailoutbox) == 3
    chair = events.get(object_id=str(people.user("board_chair").pk))
    assert chair.actor_id is None and chair.object_type == "accounts.user"
    assert chair.board_id == people.board.pk
    assert chair.detail["case_ids"] == [str(n.pk)]
    assert chair.detail["obligations"] == 2
    send("--today", MONDAY.isoformat())
    assert events.count() == 3  # nothing sent, nothing recorded


def test_people_without_the_role_or_outside_the_board_hear_nothing(people, mailoutbox):
    notify(people)
    notify(people, board=people.other_board)
    send("--today", MONDAY.isoformat())
    reached = {m.to[0] for m in mailoutbox}
    for role in ("panel_member", "auditor", "agency_author", "administrator", "national_analyst"):
        assert people.user(role).email not in reached
    # Westmoor's only member is its board manager: reminded of Westmoor's case only.
    [outsider] = mail_to(mailoutbox, people.outsider)
    assert "WSCB-" in outsider.body and "SCR-" not in outsider.body.replace("WSCB-", "")


def test_inactive_users_are_not_reminded(people, mailoutbox):
    chair = people.user("board_chair")
    chair.is_active = False
    chair.save(update_fields=["is_active"])
    notify(people)
    send("--today", MONDAY.isoformat())
    assert not mail_to(mailoutbox, chair)


def duty(responsible: str) -> Obligation:
    return Obligation(
        id=f"{responsible}_duty",
        stage="agency_reports",
        text="Send the agency report",
        citation="WT2006 8.x",
        applies="always",
        satisfied_by="x",
        anchor="notified",
        due="1 month",
        severity="statutory",
        responsible=responsible,
    )


def test_agency_authors_hear_only_of_cases_involving_their_agency(people):
    police_case = notify(people, agencies=[people.police])
    health_case = notify(people, agencies=[people.health])
    # Seeing every case as a panel member does not make the police author responsible for
    # the health report.
    Membership.objects.create(
        user=people.user("agency_author"), board=people.board, role=Role.PANEL_MEMBER
    )
    cases = {c.pk: c for c in open_cases().prefetch_related("involvements")}
    items = [
        reminders.Item(cases[case.pk], Result(duty("agency_author"), "overdue", None, None))
        for case in (police_case, health_case)
    ]
    found = {
        user.username: [i.case.pk for i in its]
        for user, its in reminders.recipients_for(items).values()
    }
    assert found == {"agency_author": [police_case.pk], "health_author": [health_case.pk]}


def test_roles_that_may_not_see_the_case_are_not_reminded_of_it(people):
    notify(people)
    [case] = open_cases()
    items = [reminders.Item(case, Result(duty("independent_author"), "overdue", None, None))]
    assert reminders.recipients_for(items) == {}


def test_claiming_twice_the_same_day_is_refused_by_the_database(people):
    n = notify(people)
    [case] = open_cases()
    result = next(
        r
        for r in reminders.evaluate_many([case], MONDAY)[n.pk]
        if r.obligation.id == "decision_made"
    )
    item = reminders.Item(case, result)
    chair = people.user("board_chair")
    assert reminders.claim(chair, [item], MONDAY) == [item]
    assert reminders.claim(chair, [item], MONDAY) == []
    assert reminders.claim(chair, [item], MONDAY + timedelta(days=1)) == [item]


def test_a_failed_email_is_retried_on_the_next_run(people, mailoutbox, monkeypatch):
    notify(people)

    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError, match="3 reminder e-mails failed"):
            send("--today", MONDAY.isoformat())
    assert ReminderSent.objects.count() == 0
    assert AuditEvent.objects.filter(action="reminder.send", outcome="failed").count() == 3
    send("--today", MONDAY.isoformat())
    assert len(mailoutbox) == 3


def test_the_command_runs_by_its_hyphenated_name(people, mailoutbox, capsys):
    notify(people)
    with time_machine.travel(datetime(2026, 3, 30, 7, tzinfo=LONDON), tick=False):
        ManagementUtility(["casereview", "send-reminders", "--dry-run"]).execute()
        assert timezone.localdate() == MONDAY
    assert capsys.readouterr().out.startswith("Would send ")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["casereview", "send-reminders", "--within", "-1"]).execute()
    assert exit_.value.code != 0
