"""The audit log in plain language: filters, pages, the CSV export (itself audited, safe in
a spreadsheet) and the chain check for auditors."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.export import safe_cell
from casereview.audit.models import AuditEvent, Outcome
from casereview.audit.services import record
from conftest import make_notification, verified_client

LOG = reverse("audit:log")
EXPORT = reverse("audit:export")


def last_event():
    return AuditEvent.objects.order_by("-id").first()


@pytest.fixture
def auditor(world):
    return verified_client(world.user("auditor"))


def test_lines_name_the_person_and_the_case_reference_not_the_child(world, notification, auditor):
    verified_client(world.user("panel_chair")).get(reverse("cases:detail", args=[notification.pk]))
    text = auditor.get(LOG).text
    chair = world.user("panel_chair").get_full_name()
    assert f"{chair} opened notification {notification.reference}" in text
    assert notification.child.family_name not in text


def test_it_filters_by_case_reference(world, notification, auditor):
    other = make_notification(world.board, world.user("board_manager"))
    text = auditor.get(LOG, {"reference": notification.reference.lower()}).text
    assert f"notified notification {notification.reference}" in text
    assert other.reference not in text


def test_it_filters_by_person_action_and_outcome(world, notification, auditor):
    verified_client(world.user("panel_member")).get(LOG)  # refused: on the security log
    verified_client(world.user("board_manager")).get(
        reverse("cases:detail", args=[notification.pk])
    )
    manager = world.user("board_manager").get_full_name()
    by_name = auditor.get(LOG, {"person": manager.split()[-1]}).context["lines"]
    assert by_name and all(line.who == manager for line in by_name)
    reads = auditor.get(LOG, {"action": "read"}).context["lines"]
    assert reads and {line.event.action for line in reads} == {"read"}
    refused = auditor.get(LOG, {"outcome": Outcome.DENIED}).context["lines"]
    assert all(line.event.outcome == Outcome.DENIED for line in refused)


def test_it_filters_by_dates_and_explains_bad_ones(world, notification, auditor):
    today = AuditEvent.objects.last().at.date()
    day = {"date_from_day": today.day, "date_from_month": today.month}
    inside = auditor.get(LOG, {**day, "date_from_year": today.year}).context["lines"]
    assert inside
    later = {**day, "date_from_year": today.year + 1}
    assert not auditor.get(LOG, later).context["lines"]
    backwards = auditor.get(
        LOG,
        {
            **later,
            "date_to_day": today.day,
            "date_to_month": today.month,
            "date_to_year": today.year,
        },
    )
    assert backwards.status_code == 200
    assert "after the date from" in str(backwards.context["form"].errors["date_to"])
    impossible = auditor.get(
        LOG, {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}
    )
    assert "must be a real date" in str(impossible.context["form"].errors["date_from"])
    assert "Error: " in impossible.text


def test_the_page_costs_the_same_queries_however_many_rows(world, notification, auditor):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert auditor.get(LOG).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(20):
        verified_client(world.user("board_manager")).get(
            reverse(
                "cases:detail",
                args=[make_notification(world.board, world.user("board_manager")).pk],
            )
        )
    assert queries() == few


def test_pages_keep_the_filters(world, notification, auditor):
    for _ in range(60):
        record("read", notification, actor=world.user("panel_chair"), context=SYSTEM)
    page = auditor.get(LOG, {"action": "read"})
    assert page.context["page"].paginator.num_pages == 2
    assert "action=read&amp;page=2" in page.text


def test_the_export_is_the_filtered_events_as_csv_and_is_audited(world, notification, auditor):
    response = auditor.get(EXPORT, {"reference": notification.reference})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["When", "Username", "What happened"]
    assert rows[1:] and all(row[6] == notification.reference for row in rows[1:])
    event = last_event()
    assert (event.action, event.detail["rows"], event.detail["filters"]) == (
        "audit.export",
        len(rows) - 1,
        ["reference"],
    )


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Plain text") == "Plain text"


def test_a_formula_in_a_username_is_neutralised_in_the_export(world, auditor):
    record(
        "list", AuditEvent, actor=None, board_id=world.board.pk, object_id="=1+1", context=SYSTEM
    )
    rows = list(csv.reader(io.StringIO(b"".join(auditor.get(EXPORT).streaming_content).decode())))
    assert any(row[5] == "'=1+1" for row in rows)


def test_a_member_without_the_audit_log_cannot_export(world):
    response = verified_client(world.user("panel_member")).get(EXPORT)
    assert response.status_code == 403
    assert (last_event().action, last_event().outcome) == ("deny", Outcome.DENIED)


def test_auditors_check_the_chain_from_the_page(world, auditor, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints.log"
    assert "Check the chain" in auditor.get(LOG).text
    response = auditor.post(reverse("audit:verify"), {"log": "board"}, follow=True)
    assert "The audit chain is intact" in response.text
    verification = AuditEvent.objects.filter(action="audit.verify").get()
    assert verification.outcome == Outcome.OK and verification.detail["intact"]


def test_a_board_manager_reads_the_log_but_cannot_check_the_chain(world):
    client = verified_client(world.user("board_manager"))
    assert "Check the chain" not in client.get(LOG).text
    assert client.post(reverse("audit:verify")).status_code == 403
    assert last_event().action == "deny"
