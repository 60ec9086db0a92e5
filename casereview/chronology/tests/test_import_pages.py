"""The upload page, the status page and the template, as the people who use them."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casereview.audit.models import AuditEvent
from casereview.chronology.importing.service import make_import
from casereview.chronology.models import ChronologyEntry, ChronologyImport
from casereview.chronology.services import chronology_for
from conftest import review_of

from .helpers import csv_bytes, row, rows, upload


@pytest.fixture
def page(world):
    review = review_of(world, agencies=[world.police, world.health])
    chronology = chronology_for(review, world.police)
    return review, chronology


def url(name, review, chronology, **more):
    return reverse(
        f"chronology:{name}",
        kwargs={"review_id": review.pk, "chronology_id": chronology.pk, **more},
    )


def test_the_agency_author_uploads_and_sees_the_result(world, page, client_for):
    review, chronology = page
    client = client_for(world.user("agency_author"))
    assert "Download the template" in client.get(url("import", review, chronology)).text
    response = client.post(
        url("import", review, chronology), {"file": upload(csv_bytes(rows(4, "")))}
    )
    imported = ChronologyImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("import_status", review, chronology, import_id=imported.pk)
    status = client.get(response["Location"]).text
    assert "Chronology imported" in status and "4 entries added" in status
    assert 'http-equiv="refresh"' not in status
    assert ChronologyEntry.objects.filter(chronology=chronology).count() == 4
    assert AuditEvent.objects.filter(action="chronology.import.start").count() == 1


def test_a_file_with_a_bad_row_shows_the_table_of_problems(world, page, client_for):
    review, chronology = page
    client = client_for(world.user("agency_author"))
    data = csv_bytes([row(1, ""), row(2, "", Date="31/02/2019")])
    response = client.post(url("import", review, chronology), {"file": upload(data)}, follow=True)
    text = response.text
    assert "Nothing was imported" in text and 'id="import-errors"' in text
    assert "February 2019 has 28 days" in text
    assert "Upload the corrected file" in text
    assert ChronologyEntry.objects.count() == 0


def test_the_status_page_refreshes_while_the_import_runs(world, page, client_for):
    review, chronology = page
    running = make_import(chronology, "big.csv", actor=world.user("agency_author"))
    ChronologyImport.objects.filter(pk=running.pk).update(
        status="running", rows_read=500, rows_total=2000
    )
    client = client_for(world.user("agency_author"))
    text = client.get(url("import_status", review, chronology, import_id=running.pk)).text
    assert '<meta http-equiv="refresh" content="3">' in text
    assert 'role="status" aria-live="polite"' in text
    assert "Checked 500 rows of about 2000 (25%)" in text


def test_a_file_that_is_not_csv_or_xlsx_is_refused_on_the_form(world, page, client_for):
    review, chronology = page
    client = client_for(world.user("agency_author"))
    response = client.post(
        url("import", review, chronology), {"file": upload(b"Just a note\n", "note.txt")}
    )
    assert response.status_code == 200
    assert "The selected file must be a CSV or Excel spreadsheet" in response.text
    assert ChronologyImport.objects.count() == 0


def test_another_agencys_author_cannot_reach_the_police_chronology(world, page, client_for):
    review, chronology = page
    client = client_for(world.health_author)
    for name in ("import", "template"):
        assert client.get(url(name, review, chronology)).status_code == 404
    response = client.post(
        url("import", review, chronology), {"file": upload(csv_bytes(rows(1, "")))}
    )
    assert response.status_code == 404
    assert ChronologyImport.objects.count() == 0
    denial = AuditEvent.objects.filter(action="deny").order_by("-id").first()
    assert denial.outcome == "not_found"


def test_the_panel_reads_the_status_but_may_not_import(world, page, client_for):
    review, chronology = page
    client = client_for(world.user("panel_chair"))
    assert client.get(url("import", review, chronology)).status_code == 403
    started = make_import(chronology, "c.csv")
    assert (
        client.get(url("import_status", review, chronology, import_id=started.pk)).status_code
        == 200
    )


def test_the_template_has_the_columns_lists_and_an_example(world, page, client_for):
    review, chronology = page
    response = client_for(world.user("agency_author")).get(url("template", review, chronology))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Chronology"]
    assert [c.value for c in sheet[1]] == [
        "Date", "Agency", "Source record reference", "Practitioner role", "Event or contact",
        "Decision or action", "Child seen", "Agency analysis",
    ]  # fmt: skip
    lists = {v.formula1: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert lists == {"=Lists!$A$1:$A$3": "G2:G2001", "=Lists!$B$1:$B$1": "B2:B2001"}
    assert [c.value for c in workbook["Lists"]["A"]] == ["yes", "no", "unknown"]
    assert workbook["Lists"]["B1"].value == "Eastbrook Police"
    example = [c.value for c in workbook["Example"][2]]
    assert example[1] == "Eastbrook Police" and example[6] == "yes"


def _stalled(world, chronology, minutes: int):
    """An import whose task stopped `minutes` ago mid-way (its worker was killed)."""
    from datetime import timedelta

    from django.utils import timezone

    from casereview.audit.context import SYSTEM
    from casereview.chronology.importing.service import start_import

    started = start_import(
        chronology,
        upload(csv_bytes(rows(3, ""))),
        actor=world.user("agency_author"),
        context=SYSTEM,
    )
    ChronologyImport.objects.filter(pk=started.pk).update(
        status="running",
        rows_read=500,
        rows_total=2000,
        progress_at=timezone.now() - timedelta(minutes=minutes),
    )
    return started


def test_a_stalled_import_says_so_and_its_author_starts_it_again(world, page, client_for):
    review, chronology = page
    stalled = _stalled(world, chronology, minutes=31)
    client = client_for(world.user("agency_author"))
    status = url("import_status", review, chronology, import_id=stalled.pk)
    text = client.get(status).text
    assert "This import stopped without finishing" in text
    assert "Nothing from the file was saved" in text
    assert 'http-equiv="refresh"' not in text
    response = client.post(url("import_restart", review, chronology, import_id=stalled.pk))
    assert response.status_code == 302 and response["Location"] == status
    # The task runs at once in the tests: the file is read again from the kept document.
    assert "Chronology imported" in client.get(status).text
    assert ChronologyEntry.objects.filter(chronology=chronology).count() == 3
    assert AuditEvent.objects.filter(action="chronology.import.restart").count() == 1


def test_an_import_still_making_progress_is_not_started_twice(world, page, client_for):
    review, chronology = page
    running = _stalled(world, chronology, minutes=5)
    client = client_for(world.user("agency_author"))
    text = client.get(url("import_status", review, chronology, import_id=running.pk)).text
    assert "stopped without finishing" not in text and 'http-equiv="refresh"' in text
    response = client.post(
        url("import_restart", review, chronology, import_id=running.pk), follow=True
    )
    assert "This import is not stalled" in response.text
    running.refresh_from_db()
    assert running.status == "running" and running.rows_read == 500
    assert ChronologyEntry.objects.count() == 0
    assert not AuditEvent.objects.filter(action="chronology.import.restart").exists()


def test_the_panel_sees_a_stalled_import_but_only_the_agency_restarts_it(world, page, client_for):
    review, chronology = page
    stalled = _stalled(world, chronology, minutes=45)
    client = client_for(world.user("panel_member"))
    text = client.get(url("import_status", review, chronology, import_id=stalled.pk)).text
    assert "This import stopped without finishing" in text
    assert "Start the import again" not in text
    restart = url("import_restart", review, chronology, import_id=stalled.pk)
    assert client.post(restart).status_code in (403, 404)
    stalled.refresh_from_db()
    assert stalled.status == "running"
