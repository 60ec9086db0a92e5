"""The national pages as every role: national analysts (of any board) reach the analysis
pages and nothing of a case; the board's manager reaches the board's child death pages, and
no one reaches another board's. A new URL of the namespace fails here until classified."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from casereview.accounts.models import Membership, Role
from casereview.audit.models import AuditEvent
from casereview.national.models import (
    ChildDeathFinding,
    IssueOccurrence,
    NationalLesson,
    OverviewReportRun,
    RecurringIssue,
)
from conftest import make_user, review_of, verified_client

from .search_helpers import make_record

ANALYSIS = {
    "national:report",
    "national:report_run",
    "national:report_pdf",
    "national:report_table",
    "national:issues",
    "national:issues_propose",
    "national:issue",
    "national:record_lessons",
    "national:search",
    "national:theme_across",
}
BOARD = {"national:child_deaths", "national:child_death_correct", "national:child_death_withdraw"}
POST_ONLY = {"national:issues_propose"}


def _names() -> list[str]:
    from django.urls import get_resolver

    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", "") == "national"
    )
    found, todo = [], list(resolver.url_patterns)
    while todo:
        entry = todo.pop()
        if hasattr(entry, "url_patterns"):
            todo += entry.url_patterns
        elif entry.name:
            found.append(f"national:{entry.name}")
    return sorted(found)


def test_every_national_url_is_classified():
    # Every URL of analysis_urls.py is here (urls_records.py's are another matrix's).
    from casereview.national import analysis_urls

    mine = {f"national:{p.name}" for p in analysis_urls.urlpatterns}
    assert mine == ANALYSIS | BOARD
    assert mine <= set(_names())


def _finding(board, user) -> ChildDeathFinding:
    return ChildDeathFinding.objects.create(
        source_key=f"{board.slug}/CDOP-1",
        board=board,
        board_name=board.name,
        region="not_known",
        death_month=date(2025, 3, 1),
        age_band="under_1",
        sex="male",
        ethnicity_group="W1",
        category_of_death="sudden_unexplained",
        modifiable="no",
        recorded_at=datetime(2025, 4, 1, tzinfo=UTC),
        recorded_by=user,
    )


@pytest.fixture
def objects(world):
    record = make_record([("Agencies did not share information.", ["information_sharing"])])
    lesson = NationalLesson.objects.get(record=record)
    issue = RecurringIssue.objects.create(
        key="information_sharing:x",
        themes=["information_sharing"],
        title="Information sharing",
        members_digest="d",
        review_count=3,
        proposed_at=datetime(2025, 4, 1, tzinfo=UTC),
    )
    IssueOccurrence.objects.create(
        issue=issue, record=record, lesson=lesson, quote="Agencies", start=0, end=8
    )
    run = OverviewReportRun.objects.create(
        period_from=date(2024, 4, 1),
        period_to=date(2026, 3, 1),
        status="done",
        pdf=b"%PDF-1.7",
        tables=[
            {"key": "age_band", "title": "Age", "headers": ["", "Reviews"], "rows": [], "note": ""}
        ],
        requested_by=world.user("national_analyst"),
        requested_at=datetime(2026, 4, 1, tzinfo=UTC),
    )
    return {
        "record": record,
        "issue": issue,
        "run": run,
        "ours": _finding(world.board, world.user("board_manager")),
        "theirs": _finding(world.other_board, world.outsider),
    }


def _kwargs(name: str, objects, board) -> dict:
    finding = objects["ours"] if board.slug == "eastbrook" else objects["theirs"]
    return {
        "national:report_run": {"pk": objects["run"].pk},
        "national:report_pdf": {"pk": objects["run"].pk},
        "national:report_table": {"pk": objects["run"].pk, "table": "age_band"},
        "national:issue": {"pk": objects["issue"].pk},
        "national:record_lessons": {"pk": objects["record"].pk},
        "national:child_deaths": {"board_pk": board.pk},
        "national:child_death_correct": {"board_pk": board.pk, "pk": finding.pk},
        "national:child_death_withdraw": {"board_pk": board.pk, "pk": finding.pk},
    }.get(name, {})


@pytest.mark.parametrize("name", sorted(ANALYSIS))
@pytest.mark.parametrize("role", Role.values)
def test_only_national_analysts_reach_the_analysis_pages(world, objects, name, role):
    url = reverse(name, kwargs=_kwargs(name, objects, world.board))
    client = verified_client(world.user(role))
    status = client.post(url).status_code if name in POST_ONLY else client.get(url).status_code
    if role == Role.NATIONAL_ANALYST:
        assert status < 400, f"{name}: {status}"
    else:
        assert status in (403, 404), f"{role} {name}: {status}"
        assert AuditEvent.objects.filter(action="deny").exists()


@pytest.mark.parametrize("name", sorted(ANALYSIS))
def test_a_national_analyst_of_another_board_reaches_them_too(world, objects, name):
    analyst = make_user("analyst_elsewhere")
    Membership.objects.create(user=analyst, board=world.other_board, role=Role.NATIONAL_ANALYST)
    url = reverse(name, kwargs=_kwargs(name, objects, world.board))
    client = verified_client(analyst)
    status = client.post(url).status_code if name in POST_ONLY else client.get(url).status_code
    assert status < 400


@pytest.mark.parametrize("name", sorted(BOARD))
@pytest.mark.parametrize("role", Role.values)
def test_the_child_death_pages_are_the_board_managers_of_that_board_only(
    world, objects, name, role
):
    client = verified_client(world.user(role))
    own = client.get(reverse(name, kwargs=_kwargs(name, objects, world.board))).status_code
    other = reverse(name, kwargs=_kwargs(name, objects, world.other_board))
    assert [client.get(other).status_code, client.post(other).status_code] == [404, 404]
    if role == Role.BOARD_MANAGER:
        assert own == 200
    else:
        assert own in (403, 404), f"{role} {name}: {own}"


def test_the_national_analyst_reaches_no_case_of_their_own_board(world):
    review = review_of(world)
    client = verified_client(world.user("national_analyst"))
    assert client.get(reverse("cases:detail", args=[review.notification_id])).status_code == 404
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 404


@pytest.mark.parametrize("name", sorted(ANALYSIS | BOARD))
def test_anonymous_users_are_sent_to_sign_in(world, objects, name):
    from django.test import Client

    response = Client().get(reverse(name, kwargs=_kwargs(name, objects, world.board)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_refusal_and_a_read_are_in_the_audit_trail(world, objects):
    verified_client(world.user("board_chair")).get(reverse("national:search"))
    denial = AuditEvent.objects.filter(action="deny").latest("id")
    assert denial.object_type == "national.store" and denial.board_id is None
    verified_client(world.user("national_analyst")).get(reverse("national:search"))
    read = AuditEvent.objects.filter(action="read").latest("id")
    assert read.object_type == "national.store"
