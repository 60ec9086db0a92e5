"""The lists as CSV or XLSX through the API (`?format=`): the whole list through the same
permission check and the same table as the web page's download, formula-safe, recorded as
the list's `list` event with the format; the national trends as a suppressed CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from casereview.audit.models import AuditEvent
from casereview.cases.tables import NOTIFICATIONS
from casereview.chronology.exports import HEADERS as CHRONOLOGY_HEADERS
from casereview.learning.downloads import ACTIONS, LESSONS
from casereview.national.suppression import MARK
from casereview.national.tests.helpers import make_records
from casereview.reviews.tables import AGENCY_REPORTS, REVIEWS
from conftest import chronology_entry, make_notification, review_of, verified_client

from .helpers import api_for


def _csv(response, api: bool = True) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert not api or response["ETag"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def _xlsx(response) -> list[list]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_notifications_export_every_row_formula_safe_and_audited(world):
    hostile = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        child={"given_names": '=HYPERLINK("http://x.invalid")', "family_name": "Csvchild"},
    )
    make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    manager = api_for(world.user("board_manager"), scope="read")
    rows = _csv(manager.get("/notifications", format="csv", limit=1))
    assert rows[0] == list(NOTIFICATIONS.headers)
    assert len(rows) == 3  # limit and offset do not apply to an export
    child_cells = {r[0]: r[4] for r in rows[1:]}
    assert child_cells[hostile.reference] == '\'=HYPERLINK("http://x.invalid") Csvchild'
    sheet = _xlsx(manager.get("/notifications", format="xlsx"))
    assert sheet[0] == list(NOTIFICATIONS.headers) and len(sheet) == 3
    assert '\'=HYPERLINK("http://x.invalid") Csvchild' in [r[4] for r in sheet]
    events = AuditEvent.objects.filter(action="list", object_type="cases.notification")
    assert [e.detail.get("export") for e in events.order_by("id")] == ["csv", "xlsx"]
    assert all(e.detail["api"] and e.detail["count"] == 2 for e in events)
    # The web page's download is the same table.
    web = verified_client(world.user("board_manager")).get("/notifications/?format=csv")
    assert _csv(web, api=False)[0] == rows[0]
    bad = manager.get("/notifications", format="pdf")
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/query/format"
    # A mistyped parameter is refused, not ignored (it would answer the JSON page).
    typo = manager.get("/notifications", fromat="csv")
    assert typo.status_code == 422 and typo.json()["errors"][0]["pointer"] == "/query/fromat"


def test_review_lists_export_only_what_the_caller_may_read(world):
    review = review_of(world, agencies=[world.police, world.health])
    from casereview.learning.tests.helpers import acted_review

    acted_review(world, review)  # an action of the police
    manager = api_for(world.user("board_manager"))
    assert _csv(manager.get("/reviews", format="csv"))[0] == list(REVIEWS.headers)
    base = f"/reviews/{review.pk}"
    assert _csv(manager.get(f"{base}/agency-reports", format="csv"))[0] == list(
        AGENCY_REPORTS.headers
    )
    lessons = _csv(manager.get(f"{base}/lessons", format="csv"))
    assert lessons[0] == list(LESSONS.headers) and len(lessons) == 2
    assert len(_csv(manager.get(f"{base}/recommendations", format="csv"))) == 2
    actions = _xlsx(manager.get(f"{base}/actions", format="xlsx"))
    assert actions[0] == list(ACTIONS.headers) and len(actions) == 2
    event = AuditEvent.objects.filter(action="list", object_type="learning.action").latest("id")
    assert event.detail == {"count": 1, "export": "xlsx", "api": True, "review": str(review.pk)}
    assert event.board_id == world.board.pk
    chronologies = _csv(manager.get(f"{base}/chronologies", format="csv"))
    assert chronologies[0][0] == "Agency" and len(chronologies) == 3  # police and health
    # The health author: their agency's only (no police action; their own chronology).
    health = api_for(world.health_author)
    assert len(_csv(health.get(f"{base}/actions", format="csv"))) == 1
    assert len(_csv(health.get(f"{base}/chronologies", format="csv"))) == 2


def test_the_chronology_exports_as_the_timeline_page_downloads_it(world):
    review = review_of(world, given_names="Kit", family_name="Maskchild")
    chronology_entry(review, world.police, event="Kit Maskchild seen at home")
    manager = api_for(world.user("board_manager"))
    path = f"/reviews/{review.pk}/chronology/entries"
    rows = _csv(manager.get(path, format="csv"))
    assert rows[0] == list(CHRONOLOGY_HEADERS)
    assert rows[1][5] == "Kit Maskchild seen at home"
    sheet = _xlsx(manager.get(path, format="xlsx"))
    assert sheet[1][5] == "Kit Maskchild seen at home"
    formats = AuditEvent.objects.filter(action="integrated_chronology.export").order_by("id")
    assert [e.detail["format"] for e in formats] == ["csv", "xlsx"]
    # Beyond the board the family is not named, as in the page's download.
    author = api_for(world.user("agency_author"))
    assert _csv(author.get(path, format="csv"))[1][5] == "the child seen at home"


def test_the_national_trends_csv_is_suppressed_and_for_national_analysts_only(world):
    make_records(12, incident_month=date(2024, 3, 1))
    make_records(3, incident_month=date(2024, 7, 1), outcome="serious_harm")
    analyst = api_for(world.user("national_analyst"), scope="read")
    response = analyst.get("/national/trends")
    rows = _csv(response)
    assert MARK in {cell for row in rows for cell in row}
    assert "3" not in {cell for row in rows[1:] for cell in row[1:]}  # the small cell
    web = verified_client(world.user("national_analyst")).get("/national/trends/export/")
    assert web.content == response.content  # one CSV, for the page and the API
    event = AuditEvent.objects.filter(action="list", object_type="national.nationalrecord")
    assert event.get().detail["export"] == "csv"
    refused = api_for(world.user("board_manager")).get("/national/trends")
    assert refused.status_code == 403
