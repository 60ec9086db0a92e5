"""`casereview import-chronology`: exit statuses, the summary on stdout, every error and
the progress bar on stderr, the system as the actor."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casereview.audit.models import AuditEvent
from casereview.chronology.models import ChronologyEntry, ChronologyImport
from conftest import review_of

from .helpers import csv_bytes, row, rows, xlsx_bytes


@pytest.fixture
def review(world):
    return review_of(world)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-chronology", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_with_a_progress_bar_and_a_summary(world, review, tmp_path):
    path = tmp_path / "police.xlsx"
    path.write_bytes(xlsx_bytes(rows(1200, "")))
    status, out, err = run("--review", review.reference, "--agency", "eastbrook police", path)
    assert status == 0
    assert out.startswith("1200 entries imported into Eastbrook Police's chronology")
    assert "Checking [" in err and "Saving   [##############################] 100%" in err
    assert ChronologyEntry.objects.filter(review=review).count() == 1200
    imported = ChronologyImport.objects.get()
    assert imported.started_by is None
    assert set(ChronologyEntry.objects.values_list("entered_by", flat=True)) == {None}
    event = AuditEvent.objects.get(action="chronology.import")
    assert event.actor_id is None and event.detail["created"] == 1200


def test_running_it_again_skips_and_says_so(review, tmp_path):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes(rows(3, "")))
    run("--review", review.reference, "--agency", "Eastbrook Police", path)
    status, out, _ = run("--review", review.reference, "--agency", "Eastbrook Police", path)
    assert status == 0
    assert "0 entries imported" in out and "3 skipped" in out
    assert "skipped row 2: REF-000001 is already there" in out


def test_bad_rows_exit_1_with_every_error_on_stderr_and_nothing_imported(review, tmp_path):
    path = tmp_path / "police.csv"
    data = [row(1, ""), row(2, "", Date="31/02/2019"), row(3, "", **{"Child seen": "maybe"})]
    path.write_bytes(csv_bytes(data, encoding="cp1252"))
    status, out, err = run("--review", review.reference, "--agency", "Eastbrook Police", path)
    assert status == 1
    assert out == ""
    assert "row 3, column Date: '31/02/2019' is not a real date" in err
    assert "row 4, column Child seen: 'maybe' must be yes, no or unknown" in err
    assert ChronologyEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--review", "SCR-NOPE", "--agency", "Eastbrook Police"), "No review has the reference"),
        (("--agency", "Eastbrook Health"), "is not an agency of review"),
    ],
)
def test_an_unknown_review_or_agency_exits_2(review, tmp_path, args, message):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes(rows(1, "")))
    if args[0] == "--agency":
        args = ("--review", review.reference, *args)
    status, _, err = run(*args, path)
    assert status == 2
    assert message in err


def test_a_file_the_documents_checks_refuse_exits_2(review, tmp_path):
    path = tmp_path / "police.csv"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    status, _, err = run("--review", review.reference, "--agency", "Eastbrook Police", path)
    assert status == 2
    assert "damaged" in err
    assert ChronologyImport.objects.count() == 0
