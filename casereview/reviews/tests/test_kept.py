"""Compliance kept current (reviews/kept.py): the stored obligation lines of every open case
always equal a fresh evaluation, after any change made through the services and as the days
pass; every model the procedure reads marks its case stale; the refresh and rebuild
commands; the dashboards' queries do not grow with the number of cases."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.audit.context import SYSTEM
from casereview.cases import corrections
from casereview.cases import services as case_services
from casereview.cases.models import Notification, Person, PersonKind
from casereview.procedure import working_days
from casereview.procedure.engine import evaluate_many
from casereview.procedure.models import OneOffHoliday, RegimeVersion
from casereview.reviews import kept, lifecycle
from casereview.reviews.case_duties import record_notice
from casereview.reviews.compliance import open_cases
from casereview.reviews.family.services import record_contact
from casereview.reviews.models import (
    AppointmentRole,
    ExpertKind,
    KeptCase,
    ObligationState,
    Recipient,
    ReviewStatus,
)
from casereview.reviews.panel.services import add_meeting, add_member
from casereview.reviews.support.services import appoint
from conftest import decide_in_services, make_notification, verified_client

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def commit() -> list:
    """What a commit does with the callbacks registered since the last one: runs them. (The
    test's own transaction never commits.) Returns them."""
    callbacks = [func for _, func, _ in connection.run_on_commit]
    connection.run_on_commit = []
    for func in callbacks:
        func()
    return callbacks


def _stored() -> dict:
    """The stored lines, as `kept.comparable` gives an evaluation's, per case."""
    out: dict = {}
    for row in ObligationState.objects.order_by("case_id", "position").values_list(
        "case_id",
        "obligation",
        "status",
        "due",
        "paused_days",
        "evidence_on",
        "evidence_label",
        "evidence_url",
        "waiting_for",
    ):
        out.setdefault(row[0], []).append(tuple(row[1:]))
    return out


def assert_kept_equals_fresh(today: date) -> None:
    cases = list(open_cases())
    fresh = evaluate_many(cases, today)
    stored = _stored()
    assert set(stored) == {c.pk for c in cases}, "exactly the open cases are stored"
    assert not KeptCase.objects.filter(stale=True).exists()
    calendar = working_days.current()
    for case in cases:
        assert stored[case.pk] == kept.comparable(fresh[case.pk]), case.reference
        # The compliance page's lines (kept.full, from the cache while the case is current)
        # are a fresh evaluation's, read twice: once worked out or kept, once kept.
        for _ in range(2):
            assert kept.full(case, today, calendar) == fresh[case.pk], case.reference


# --- Every model the procedure reads marks its case stale ------------------------------

# Read by the engine but never changed for a case already running: a regime version is
# recorded once and kept as it stood (procedure/catalogue.py).
IMMUTABLE = {RegimeVersion}


def _tables_read_by_the_engine(cases) -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        evaluate_many(cases, date(2026, 4, 1))
    found: set[str] = set()
    for query in captured.captured_queries:
        found |= set(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    return found


def test_every_model_the_procedure_reads_is_watched(world):
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    reviewed = decide_in_services(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
        on=date(2026, 3, 10),
    )
    tables = _tables_read_by_the_engine(list(open_cases().filter(pk__in=[n.pk, reviewed.pk])))
    by_table = {m._meta.db_table: m for m in apps.get_models()}
    read = {by_table[t] for t in tables if t in by_table}
    assert read, "the engine reads the case data"
    unwatched = read - set(kept.WATCHED) - set(kept.EVERY_CASE) - IMMUTABLE
    assert not unwatched, f"add to kept.WATCHED (or EVERY_CASE): {sorted(map(str, unwatched))}"


def _instance_of(model, case: Notification):
    """An unsaved row of `model` belonging to `case` (enough for the signal)."""
    if model is Notification:
        return case
    names = {f.name for f in model._meta.fields}
    if "notification" in names:
        return model(notification=case)
    if "review" in names:
        return model(review=case.review)
    # Rows of a review's report (sign-offs, publications): an unsaved report of the review.
    report_model = model._meta.get_field("report").related_model
    return model(report=report_model(review=case.review))


@pytest.mark.parametrize("model", kept.WATCHED, ids=lambda m: m.__name__)
def test_a_write_to_a_watched_model_marks_its_case_stale(world, model):
    case = decide_in_services(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
        on=date(2026, 3, 10),
    )
    kept.refresh_cases([case.pk])
    assert KeptCase.objects.get(case_id=case.pk).stale is False
    instance = _instance_of(model, case)
    post_save.send(sender=model, instance=instance, created=True, raw=False, using="default")
    assert KeptCase.objects.get(case_id=case.pk).stale is True


def test_a_change_to_the_working_calendar_marks_every_case_stale(world):
    a = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    b = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    kept.rebuild(date(2026, 3, 4))
    OneOffHoliday.objects.create(
        date=date(2026, 3, 5), name="A one-off day", added_by=world.user("board_manager")
    )
    assert set(KeptCase.objects.filter(stale=True).values_list("case_id", flat=True)) == {
        a.pk,
        b.pk,
    }


def test_a_write_is_re_evaluated_when_its_transaction_commits(world):
    with time_machine.travel(START, tick=False):
        today = date(2026, 3, 3)
        commit()
        n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
        commit()
        assert_kept_equals_fresh(today)
        decide_in_services(n, world.user("board_chair"), on=today)
        flushes = [f for f in commit() if isinstance(f, kept._Flush)]
        assert len(flushes) == 1  # one re-evaluation per transaction, not per row
        assert_kept_equals_fresh(today)


def test_touch_marks_a_case_whose_write_sent_no_signal(world):
    """`bulk_create` and `QuerySet.update` send no signals: the services that use them on
    watched models (agency reports, appointments ended with a role) call touch()."""
    case = decide_in_services(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
        on=date(2026, 3, 10),
    )
    kept.refresh_cases([case.pk])
    kept.touch([case.pk])
    assert KeptCase.objects.get(case_id=case.pk).stale is True


def test_removing_a_role_ends_its_appointments_and_the_case_is_re_evaluated(world):
    """The appointments end through `QuerySet.update` (no signal): the grants call touch()."""
    from casereview.accounts.models import Membership
    from casereview.accounts.services import remove_membership

    with time_machine.travel(START + timedelta(days=20), tick=False):
        today = (START + timedelta(days=20)).date()
        case = decide_in_services(
            make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
            world.user("board_chair"),
            on=date(2026, 3, 10),
        )
        expert = world.user("independent_expert")
        appoint(
            case.review,
            actor=world.user("board_manager"),
            context=SYSTEM,
            user=expert,
            role=AppointmentRole.INDEPENDENT_EXPERT,
            kind=ExpertKind.RACE_CULTURE,
            appointed_on=date(2026, 3, 20),
        )
        commit()
        assert_kept_equals_fresh(today)
        remove_membership(
            Membership.objects.get(user=expert, role="independent_expert"),
            actor=world.user("administrator"),
            context=SYSTEM,
        )
        assert KeptCase.objects.get(case_id=case.pk).stale is True
        commit()
        assert_kept_equals_fresh(today)


# --- Random sequences of changes and days ----------------------------------------------

STEPS = (
    "notify",
    "decide_review",
    "decide_no_review",
    "task",
    "correct_task",
    "pause",
    "restart",
    "notice",
    "meeting",
    "member",
    "appoint",
    "contact",
    "move",
)


def _step(world, name: str, case: Notification | None, today: date, pick: int):
    manager, chair = world.user("board_manager"), world.user("board_chair")
    review = getattr(case, "review", None) if case is not None else None
    if name == "notify" or case is None:
        make_notification(world.board, manager, agencies=[world.police])
    elif name in ("decide_review", "decide_no_review"):
        outcome = "hold_review" if name == "decide_review" else "no_review"
        decide_in_services(case, chair, outcome=outcome, on=today)
    elif name == "task":
        task = case.tasks.filter(completed_at__isnull=True).order_by("pk").first()
        if task is not None:
            case_services.complete_task(
                task, actor=manager, context=SYSTEM, done_on=today, note="Done"
            )
    elif name == "correct_task":
        task = case.tasks.filter(completed_at__isnull=False).order_by("pk").first()
        if task is not None:
            corrections.correct_task(
                task,
                actor=manager,
                context=SYSTEM,
                done_on=today - timedelta(days=pick % 3),
                note="Corrected",
                reason="The date was recorded wrongly",
            )
    elif name == "pause":
        case_services.pause_clocks(
            case, actor=manager, context=SYSTEM, starts_on=today, reason="Criminal proceedings"
        )
    elif name == "restart":
        case_services.restart_clocks(case, actor=manager, context=SYSTEM, ends_on=today)
    elif name == "notice":
        recipients = list(Recipient.values)
        record_notice(
            case,
            actor=manager,
            context=SYSTEM,
            recipient=recipients[pick % len(recipients)],
            purpose="Serious incident notification",
            sent_on=today,
            method="Secure e-mail",
            copy="The text sent",
        )
    elif review is None:
        return
    elif name == "meeting":
        add_meeting(review, actor=manager, context=SYSTEM, held_on=today)
    elif name == "member":
        add_member(
            review,
            actor=manager,
            context=SYSTEM,
            name="Pat Member",
            role_title="Independent chair",
            joined_on=today,
            independent_chair=True,
        )
    elif name == "appoint":
        appoint(
            review,
            actor=manager,
            context=SYSTEM,
            user=world.user("independent_expert"),
            role=AppointmentRole.INDEPENDENT_EXPERT,
            kind=list(ExpertKind.values)[pick % 2],
            appointed_on=today,
        )
    elif name == "contact":
        person = Person.objects.filter(notification=case, kind=PersonKind.FAMILY).first()
        if person is None:
            person = Person.objects.create(
                board=case.board,
                notification=case,
                kind=PersonKind.FAMILY,
                given_names="Rhian",
                family_name="Testmother",
                relationship="mother",
                parental_responsibility=True,
                preferred_language="en",
            )
        record_contact(
            review,
            actor=manager,
            context=SYSTEM,
            person=person,
            on=today,
            method="letter",
            language="en",
            interpreter=False,
            purposes=["told_of_review"],
            note="",
        )
    elif name == "move":
        order = list(ReviewStatus.values)
        at = order.index(review.status)
        if at + 1 < len(order):
            lifecycle.move(review, to=order[at + 1], actor=manager, context=SYSTEM)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(STEPS), st.integers(0, 20), st.integers(0, 50)),
        min_size=1,
        max_size=10,
    )
)
def test_the_kept_state_always_equals_a_fresh_evaluation(world, steps):
    commit()
    # The examples share the database, and each starts its days again from START.
    kept.rebuild(START.date())
    mine: list = []
    moment = START
    for name, days, pick in steps:
        with time_machine.travel(moment, tick=False):
            today = moment.date()
            before = set(Notification.objects.values_list("pk", flat=True))
            case = (
                Notification.objects.select_related("review").get(pk=mine[pick % len(mine)])
                if mine
                else None
            )
            # A step the service refuses changes nothing, and leaves nothing to keep.
            with contextlib.suppress(ValidationError):
                _step(world, name, case, today, pick)
            mine += [
                pk for pk in Notification.objects.values_list("pk", flat=True) if pk not in before
            ]
            commit()
            assert_kept_equals_fresh(today)
        if days:
            # The days pass (crossing midnight deadlines); the nightly task runs.
            moment += timedelta(days=days)
            with time_machine.travel(moment, tick=False):
                call_command("compliance-refresh", verbosity=0)
                assert_kept_equals_fresh(moment.date())


# --- The commands ----------------------------------------------------------------------


def _due_line(world):
    """A case with an obligation due; returns (case, obligation id, due date)."""
    n = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    kept.rebuild(date(2026, 3, 3))
    row = (
        ObligationState.objects.filter(case_id=n.pk, status="due", due__isnull=False)
        .order_by("due")
        .first()
    )
    assert row is not None
    return n, row.obligation, row.due


def test_the_refresh_moves_due_to_overdue_after_midnight(world, capsys):
    n, obligation, due = _due_line(world)
    with time_machine.travel(datetime.combine(due, datetime.min.time(), UTC) + timedelta(hours=12)):
        call_command("compliance-refresh")
        assert ObligationState.objects.get(case_id=n.pk, obligation=obligation).status == "due"
    after = datetime.combine(due + timedelta(days=1), datetime.min.time(), UTC)
    with time_machine.travel(after + timedelta(minutes=5), tick=False):
        stored = ObligationState.objects.get(case_id=n.pk, obligation=obligation)
        assert stored.status == "due"  # as worked out yesterday
        call_command("compliance-refresh")
        assert "re-evaluated" in capsys.readouterr().out
        assert ObligationState.objects.get(case_id=n.pk, obligation=obligation).status == (
            "overdue"
        )
        assert_kept_equals_fresh(after.date())


def test_a_read_after_midnight_is_right_even_if_the_nightly_task_did_not_run(world):
    n, obligation, due = _due_line(world)
    later = due + timedelta(days=1)
    read = kept.current([open_cases().get(pk=n.pk)], later)
    assert next(r for r in read[n.pk] if r.obligation.id == obligation).status == "overdue"


def test_the_rebuild_command_restores_a_damaged_state(world, capsys):
    with time_machine.travel(START, tick=False):
        a = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
        decide_in_services(
            make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
            world.user("board_chair"),
            on=date(2026, 3, 3),
        )
        kept.rebuild()
        ObligationState.objects.filter(case_id=a.pk).update(status="met")
        ObligationState.objects.filter(case_id=a.pk).first().delete()
        call_command("compliance-rebuild")
        assert "2 open cases evaluated" in capsys.readouterr().out
        assert_kept_equals_fresh(START.date())


def test_a_closed_review_is_forgotten(world):
    case = decide_in_services(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
        on=date(2026, 3, 10),
    )
    kept.rebuild(date(2026, 3, 11))
    Review_ = type(case.review)
    Review_.objects.filter(pk=case.review.pk).update(status=ReviewStatus.CLOSED)
    call_command("compliance-refresh", today=date(2026, 3, 11))
    assert not ObligationState.objects.filter(case_id=case.pk).exists()
    assert not KeptCase.objects.filter(case_id=case.pk).exists()


# --- The dashboards read the stored lines ----------------------------------------------


def _queries(client, url: str) -> int:
    client.get(url)  # the first read after a write re-evaluates the touched cases
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["dashboard", "home"])
def test_queries_per_dashboard_do_not_grow_with_the_cases(world, url_name):
    manager, chair = world.user("board_manager"), world.user("board_chair")
    url = reverse(url_name)
    client = verified_client(chair)
    make_notification(world.board, manager, agencies=[world.police])
    decide_in_services(make_notification(world.board, manager), chair, on=date(2026, 3, 10))
    few = _queries(client, url)
    for _ in range(4):
        make_notification(world.board, manager, agencies=[world.police, world.health])
        decide_in_services(make_notification(world.board, manager), chair, on=date(2026, 3, 10))
    assert _queries(client, url) == few


def test_the_dashboard_reads_no_evaluation_on_a_fresh_state(world, monkeypatch):
    manager, chair = world.user("board_manager"), world.user("board_chair")
    decide_in_services(make_notification(world.board, manager), chair, on=date(2026, 3, 10))
    client = verified_client(chair)
    url = reverse("dashboard")
    assert client.get(url).status_code == 200

    def refuse(*args, **kwargs):
        raise AssertionError("the dashboard evaluated a case whose stored lines are current")

    monkeypatch.setattr(kept, "evaluate_many", refuse)
    assert client.get(url).status_code == 200


# --- Settled cases leave open_cases() ----------------------------------------------------


def test_a_case_decided_against_a_review_with_nothing_open_leaves_the_open_cases(world):
    """Once every line of a case without a review is met, the kept state marks it settled
    and open_cases() stops returning it (so the nightly task, reminders and the compliance
    command do not evaluate it for good); a change to its data brings it back."""
    manager = world.user("board_manager")
    n = make_notification(
        world.board,
        manager,
        agencies=[],
        outcome="serious_harm",
        date_of_death=None,
        received_at=None,
    )
    n = decide_in_services(n, world.user("board_chair"), outcome="no_review")
    kept.refresh()
    assert not KeptCase.objects.get(case_id=n.pk).settled
    assert n.pk in set(open_cases().values_list("pk", flat=True))

    task = n.tasks.get(kind="other_children")
    case_services.complete_task(
        task, actor=manager, context=SYSTEM, done_on=date.today(), note="None at risk"
    )
    commit()
    assert KeptCase.objects.get(case_id=n.pk).settled
    assert n.pk not in set(open_cases().values_list("pk", flat=True))
    # The nightly task keeps the row that keeps it out (no coming and going).
    for _ in range(2):
        kept.refresh()
        assert KeptCase.objects.filter(case_id=n.pk, settled=True).exists()
        assert n.pk not in set(open_cases().values_list("pk", flat=True))

    # A correction to its data makes it stale: it is open again until worked out anew.
    kept.touch([n.pk])
    assert n.pk in set(open_cases().values_list("pk", flat=True))


def test_a_read_that_clashes_with_another_store_answers_from_a_fresh_evaluation(world, monkeypatch):
    """Two processes may work out the same stale case at once (on PostgreSQL a deadlock or
    a clash on the unique line): the read then answers from a fresh evaluation instead of
    failing the page, and the case stays marked for the next read."""
    from django.db import DatabaseError

    n = make_notification(world.board, world.user("board_manager"), received_at=None)
    expected = evaluate_many([n])[n.pk]

    def clash(*args, **kwargs):
        raise DatabaseError("deadlock detected")

    monkeypatch.setattr(kept, "store", clash)
    lines = kept.current([n])[n.pk]
    assert kept.comparable(lines) == kept.comparable(expected)
    assert [r.obligation.id for r in kept.current([n], open_only=True)[n.pk]] == [
        r.obligation.id for r in expected if r.is_open
    ]
    assert not KeptCase.objects.filter(case_id=n.pk, stale=False).exists()


def test_the_compliance_page_reads_a_current_case_from_the_cache(world):
    with time_machine.travel(START, tick=False):
        today = START.date()
        case = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
        commit()
        calendar = working_days.current()
        first = kept.full(case, today, calendar)
        with CaptureQueriesContext(connection) as read:
            again = kept.full(case, today, calendar)
        assert again == first and len(read) == 1
        # A write marks the case stale in its own transaction: the next read is fresh, even
        # though the frozen clock gives the new working-out the same time.
        decide_in_services(case, world.user("board_chair"), on=today)
        assert kept.full(case, today, calendar) == evaluate_many([case], today)[case.pk]
        assert kept.full(case, today, calendar) != first
        commit()
        assert kept.full(case, today, calendar) == evaluate_many([case], today)[case.pk]


def test_a_read_of_some_statuses_keeps_each_cases_own_and_nothing_else(world):
    """`statuses_of` (the board dashboard: only the dated lines of a case with a review)
    reads, in one query, each case's lines of the statuses asked for it, stored or worked
    out fresh alike."""
    with time_machine.travel(START + timedelta(days=40), tick=False):
        today = (START + timedelta(days=40)).date()
        dated = make_notification(world.board, world.user("board_manager"))
        every = make_notification(world.board, world.user("board_manager"), received_at=None)
        commit()
        fresh = evaluate_many([dated, every], today)
        wanted = {dated.pk: ("due", "overdue"), every.pk: kept.OPEN_STATUSES}

        def statuses_of(case):
            return wanted[case.pk]

        kept.current([dated, every], today)  # stored and current
        with CaptureQueriesContext(connection) as read:
            lines = kept.current([dated, every], today, statuses_of=statuses_of)
        assert len(read) == 2
        # A stale case is worked out again, and filtered the same way.
        kept.touch([every.pk])
        again = kept.current([dated, every], today, statuses_of=statuses_of)
        for answer in (lines, again):
            for case in (dated, every):
                expected = [r for r in fresh[case.pk] if r.status in wanted[case.pk]]
                assert kept.comparable(answer[case.pk]) == kept.comparable(expected)
        # The filter left lines out, and kept some.
        assert any(r.status not in ("due", "overdue") for r in fresh[dated.pk])
        assert lines[dated.pk] and lines[every.pk]
