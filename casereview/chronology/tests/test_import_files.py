"""The corpus of real-world-shaped files: each gives the right entries, or the right errors
with nothing committed."""

from __future__ import annotations

from datetime import date, time

import pytest

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.chronology.importing.service import run_import, start_import
from casereview.chronology.models import ChronologyEntry, ImportStatus
from conftest import review_of

from .helpers import (
    TITLES,
    agree_terms,
    csv_bytes,
    police_chronology,
    row,
    rows,
    upload,
    xlsx_bytes,
)


@pytest.fixture
def setup(world):
    review = review_of(world)
    agree_terms(review, world.user("board_manager"))
    return world, review, police_chronology(world, review)


def imported(setup, data: bytes, name: str = "chronology.csv"):
    world, _, chronology = setup
    author = world.user("agency_author")
    started = start_import(chronology, upload(data, name), actor=author, context=SYSTEM)
    return run_import(started)


def entries(setup):
    return list(ChronologyEntry.objects.filter(chronology=setup[2]).order_by("source_row"))


GOOD = [
    pytest.param(lambda a: csv_bytes(rows(5, a)), "c.csv", id="utf-8"),
    pytest.param(lambda a: csv_bytes(rows(5, a), bom=True), "c.csv", id="utf-8-bom"),
    pytest.param(lambda a: csv_bytes(rows(5, a), encoding="cp1252"), "c.csv", id="windows-1252"),
    pytest.param(lambda a: csv_bytes(rows(5, a), delimiter=";"), "c.csv", id="semicolons"),
    pytest.param(lambda a: xlsx_bytes(rows(5, a)), "c.xlsx", id="xlsx-excel-dates"),
    pytest.param(lambda a: xlsx_bytes(rows(5, a), excel_dates=False), "c.xlsx", id="xlsx-text"),
    pytest.param(
        lambda a: csv_bytes(rows(5, a), headers=("  EVENT or CONTACT ", "Notes", *TITLES[:4])),
        "c.csv",
        id="reordered-extra-columns-header-case",
    ),
    pytest.param(lambda a: csv_bytes(rows(5, a), trailing_blank=40), "c.csv", id="csv-blanks"),
    pytest.param(lambda a: xlsx_bytes(rows(5, a), trailing_blank=40), "c.xlsx", id="xlsx-blanks"),
]


@pytest.mark.parametrize(("make", "name"), GOOD)
def test_a_good_file_gives_its_rows(setup, make, name):
    result = imported(setup, make(setup[0].police.name), name)
    assert result.status == ImportStatus.DONE, result.errors
    assert result.created_count == 5
    got = entries(setup)
    assert [e.source_row for e in got] == [2, 3, 4, 5, 6]
    assert [e.occurred_from for e in got] == [date(2024, 1, 2 + i) for i in range(5)]
    assert got[3].event == "Café visit noted by the école liaison officer"
    assert {e.imported_by_id for e in got} == {result.pk}
    assert got[0].entered_by == setup[0].user("agency_author")


def test_text_dates_of_every_british_form(setup):
    agency = setup[0].police.name
    written = ["1/2/19", "12 March 2019", "March 2019", "approx. spring 2019", "3/4/2019 14:30"]
    data = [row(i, agency, Date=d) for i, d in enumerate(written, start=1)]
    result = imported(setup, csv_bytes(data))
    assert result.status == ImportStatus.DONE, result.errors
    got = entries(setup)
    assert [(e.occurred_from, e.occurred_to, e.precision) for e in got] == [
        (date(2019, 2, 1), date(2019, 2, 1), "day"),
        (date(2019, 3, 12), date(2019, 3, 12), "day"),
        (date(2019, 3, 1), date(2019, 3, 31), "month"),
        (date(2019, 3, 1), date(2019, 5, 31), "approximate"),
        (date(2019, 4, 3), date(2019, 4, 3), "datetime"),
    ]
    assert got[4].occurred_time == time(14, 30)
    assert got[3].date_as_written == "approx. spring 2019"


BAD = [
    ({"Date": "sometime"}, "Date", "is not a date such as"),
    ({"Date": "31/02/2019"}, "Date", "February 2019 has 28 days"),
    ({"Date": "03/15/2019"}, "Date", "there is no month 15"),
    ({"Date": "12/03/2099"}, "Date", "is in the future"),
    ({"Agency": "Westmoor Police"}, "Agency", "is not this chronology's agency"),
    ({"Event or contact": "  "}, "Event or contact", "Enter the event or contact"),
    ({"Child seen": "maybe"}, "Child seen", "must be yes, no or unknown"),
    # Rows 100+ fall in April 2024, before the test child's birth (17 May 2024).
    ({"Child seen": "yes"}, "Child seen", "was not yet born on the entry's date"),
]


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_every_bad_row_is_reported_and_nothing_is_committed(setup, file_type):
    agency = setup[0].police.name
    data = rows(3, agency)
    for i, (change, _, _) in enumerate(BAD):
        data.append(row(100 + i, agency, **change))
    data.append(row(200, agency))
    make = xlsx_bytes if file_type == "xlsx" else csv_bytes
    result = imported(
        setup,
        make(data, **({"excel_dates": False} if file_type == "xlsx" else {})),
        f"c.{file_type}",
    )
    assert result.status == ImportStatus.REFUSED
    assert [(e["row"], e["column"]) for e in result.errors] == [
        (5 + i, column) for i, (_, column, _) in enumerate(BAD)
    ]
    for error, (_, _, reason) in zip(result.errors, BAD, strict=True):
        assert reason in error["reason"]
    assert ChronologyEntry.objects.count() == 0
    assert result.created_count == 0


def test_a_row_with_two_problems_reports_both(setup):
    data = [row(1, "", Date="31/02/2019", **{"Child seen": "perhaps"})]
    result = imported(setup, csv_bytes(data))
    assert [e["column"] for e in result.errors] == ["Date", "Child seen"]


def test_blank_agency_and_agency_in_other_case_and_spacing_are_the_chronology_s(setup):
    data = [row(1, ""), row(2, "  eastbrook   POLICE ")]
    assert imported(setup, csv_bytes(data)).status == ImportStatus.DONE


def test_a_missing_required_column_is_refused_on_row_1(setup):
    data = csv_bytes(rows(2, ""), headers=("Date", "Agency", "Notes"))
    result = imported(setup, data)
    assert result.status == ImportStatus.REFUSED
    assert result.errors[0]["row"] == 1
    assert "Event or contact" in result.errors[0]["reason"]


def test_reimport_skips_what_is_already_there_and_says_so(setup):
    agency = setup[0].police.name
    first = imported(setup, csv_bytes(rows(4, agency)))
    assert first.created_count == 4
    again = imported(setup, csv_bytes(rows(6, agency)))
    assert again.status == ImportStatus.DONE
    assert (again.created_count, again.skipped_count) == (2, 4)
    assert [s["row"] for s in again.skipped] == [2, 3, 4, 5]
    assert again.skipped[0]["source_ref"] == "REF-000001"
    assert ChronologyEntry.objects.filter(chronology=setup[2]).count() == 6


def test_entries_outside_the_period_are_kept_as_context(setup):
    agency = setup[0].police.name
    data = [
        row(1, agency, Date="14/06/2023"),  # antenatal: before the period
        row(2, agency, Date="approx. winter 2023"),  # Dec 2023 to Feb 2024: overlaps
        row(3, agency, Date="10/10/2024"),
        row(4, agency, Date="March 2026"),  # after the period
    ]
    result = imported(setup, csv_bytes(data))
    assert result.context_count == 2
    assert [e.is_context for e in entries(setup)] == [True, False, False, True]


def test_one_audit_event_for_the_import_not_one_per_row(setup):
    result = imported(setup, csv_bytes(rows(30, "")))
    events = AuditEvent.objects.filter(action="chronology.import", object_id=str(result.pk))
    assert events.count() == 1
    assert events.get().detail["created"] == 30
    assert AuditEvent.objects.filter(action="chronology.import.start").count() == 1


def test_a_refused_import_is_audited_too(setup):
    result = imported(setup, csv_bytes([row(1, "", Date="nope")]))
    event = AuditEvent.objects.get(action="chronology.import", object_id=str(result.pk))
    assert event.detail["status"] == "refused"
    assert event.detail["errors"] == 1


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_documents_checks(setup):
    from django.core.exceptions import ValidationError

    world, _, chronology = setup
    with pytest.raises(ValidationError):
        start_import(
            chronology,
            upload(b"%PDF-1.4 nothing\n%%EOF", "c.pdf"),
            actor=world.user("agency_author"),
            context=SYSTEM,
        )
