"""The trends page, its charts and CSV: counts by year, age band, outcome, theme and region,
every small cell suppressed; national analysts only."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.national import trends
from casereview.national.suppression import MARK

from .helpers import make_record, make_records

URLS = ("national:trends", "national:trends_csv")


@pytest.fixture
def records(db):
    # 2024: 12 deaths under 1 with neglect, 3 serious harm aged 11-15 (small), in London;
    # 2025: 8 deaths aged 1-5 in the North West, 2 of them with domestic abuse (small).
    make_records(
        12,
        incident_month=date(2024, 3, 1),
        practice_issues=["information_sharing"],
        family_risks=["neglect"],
    )
    make_records(3, incident_month=date(2024, 7, 1), outcome="serious_harm", age_band="age_11_15")
    make_records(6, incident_month=date(2025, 2, 1), age_band="age_1_5", region="north_west")
    make_records(
        2,
        incident_month=date(2025, 2, 1),
        age_band="age_1_5",
        region="north_west",
        family_risks=["domestic_abuse"],
    )


def test_counts_and_primary_and_secondary_suppression(records):
    t = trends.build()
    assert t.years == [2024, 2025]
    outcomes = t.table("outcomes")
    # 2024 [12 deaths, 3 serious harm]: the 3 is hidden, and the 12 since the year's total
    # (15) would give it; then the deaths column (total 20) would give the 12, so 2025's 8
    # is hidden, and 2025's row (total 8, all deaths) would give that, so one of its zeros
    # is hidden too. Totals stay shown: the other tables show the same year totals.
    assert [list(map(str, r)) for r in outcomes.grid.cells] == [
        [MARK, MARK, "0"],
        [MARK, MARK, "0"],
    ]
    assert [str(c) for c in outcomes.grid.row_totals] == ["15", "8"]
    assert [str(c) for c in outcomes.grid.column_totals] == ["20", MARK, "0"]
    # The same year totals in every table.
    for slug in ("age",):
        assert [str(c) for c in t.table(slug).grid.row_totals] == ["15", "8"]
    age = t.table("age")
    assert MARK in map(str, age.grid.cells[0])
    themes = t.table("themes")
    row = themes.grid.cells[themes.rows.index("domestic_abuse")]
    assert str(row[1]) == MARK
    neglect = t.prevalence["neglect"]
    assert neglect[0].share == pytest.approx(12 / 15) and neglect[0].low < 0.8 < neglect[0].high
    # No neglect in 2025: 0 of 8.
    assert neglect[1].share == 0 and neglect[1].high < 0.5


def test_no_count_of_1_to_4_appears_on_the_page_or_in_the_csv(records, world, client_for):
    client = client_for(world.user(Role.NATIONAL_ANALYST))
    page = client.get(reverse("national:trends"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Theme prevalence" in html and MARK in html
    # Every table cell: a mark, 0, or 5 and over.
    for value in re.findall(r'govuk-table__cell--numeric">([^<]*)<', html):
        assert value in (MARK, "0") or not value.isdigit() or int(value) >= 5, value
    exported = client.get(reverse("national:trends_csv"))
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    numbers = [v for row in rows for v in row if v.isdigit()]
    assert numbers and all(int(v) == 0 or int(v) >= 5 or len(v) == 4 for v in numbers)
    assert MARK in {v for row in rows for v in row}


def test_the_charts_draw_no_suppressed_value(records):
    from casereview.national import charts

    t = trends.build()
    age = t.table("age")
    svg = charts.bars("Age profile", age.column_labels, age.grid.column_totals, "d")
    # One bar per shown non-zero total; a hidden total is a [c] label, never a bar.
    drawn = [c for c in age.grid.column_totals if not c.suppressed and c.count]
    assert svg.count("<rect") == len(drawn) >= 1
    assert "[c]" in svg


def test_the_page_costs_the_same_queries_for_more_records(db, world, client_for):
    client = client_for(world.user(Role.NATIONAL_ANALYST))
    make_records(3, family_risks=["neglect"], lessons=[("Text", ["recording"])])
    client.get(reverse("national:trends"))
    # Worked out each time (a new revision empties nothing, so the cache is emptied here).
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("national:trends"))
    make_records(30, incident_month=date(2023, 1, 1), lessons=[("Text", ["recording"])])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("national:trends"))
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as kept:
        client.get(reverse("national:trends"))
    assert len(kept) == len(many) - 2, "kept: the records and lessons are not read again"


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.NATIONAL_ANALYST])
def test_only_national_analysts_read_the_trends(world, client_for, role):
    make_record()
    client = client_for(world.user(role))
    for name in URLS:
        assert client.get(reverse(name)).status_code == 403, (role, name)


def test_the_trends_are_kept_until_the_store_is_written(db, world):
    from casereview.audit.context import SYSTEM
    from casereview.national import records as store

    make_records(6, family_risks=["neglect"])
    first = trends.current()
    assert first.total.count == 6
    with CaptureQueriesContext(connection) as again:
        assert trends.current().total == first.total
    assert len(again) == 1, "kept: only the store's revision is read"
    data = store.RecordData(
        **{
            "source_key": "eastbrook/K1",
            "board_code": "eastbrook",
            "board_name": "Eastbrook SCB",
            "region": "london",
            "regime": "wt2018",
            "incident_month": date(2024, 5, 1),
            "notified_month": date(2024, 5, 1),
            "decided_month": None,
            "completed_month": None,
            "published_month": None,
            "age_band": "under_1",
            "sex": "female",
            "ethnicity_group": "W1",
            "disability": "no",
            "looked_after": "no",
            "plan_status": "none",
            "outcome": "death",
        }
    )
    store.store(data, via="api", actor=None, context=SYSTEM)
    assert trends.current().total.count == 7, "a record stored through the store is counted"
    assert trends.build().total.count == 7


@pytest.mark.parametrize(
    ("counts", "ticks"),
    [
        ([7, 3], ["0", "2", "4", "6", "8"]),
        ([1], ["0", "1", "2", "3", "4"]),
        ([], ["0", "1", "2", "3", "4"]),  # every value hidden: whole numbers all the same
        ([12, 40], ["0", "10", "20", "30", "40"]),
    ],
)
def test_a_count_axis_is_labelled_in_whole_steps_at_their_heights(counts, ticks):
    from casereview.national import charts
    from casereview.national.suppression import Cell

    cells = [Cell(n, suppressed=False) for n in counts] or [Cell(2, suppressed=True)]
    svg = charts.bars("Ages", [str(i) for i in range(len(cells))], cells, "d")
    axis = re.findall(rf'<text x="{charts.LEFT - 6}" y="[\d.]+" [^>]*>([^<]+)</text>', svg)
    assert axis == ticks
