"""The British date reader: each written form, refusals, and properties (a formatted date
reads back as itself; day and month are never swapped)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.chronology.dates import DateProblem, read_date

TODAY = date(2026, 11, 29)
PAST = st.dates(min_value=date(1950, 1, 1), max_value=TODAY)


@pytest.mark.parametrize(
    ("written", "first", "last", "at", "precision"),
    [
        ("12/03/2019", date(2019, 3, 12), date(2019, 3, 12), None, "day"),
        ("1/2/19", date(2019, 2, 1), date(2019, 2, 1), None, "day"),
        ("01.02.2019", date(2019, 2, 1), date(2019, 2, 1), None, "day"),
        ("12 March 2019", date(2019, 3, 12), date(2019, 3, 12), None, "day"),
        ("12th Sept 2019", date(2019, 9, 12), date(2019, 9, 12), None, "day"),
        ("12/03/2019 14:30", date(2019, 3, 12), date(2019, 3, 12), time(14, 30), "datetime"),
        ("12 March 2019 at 2.30pm", date(2019, 3, 12), date(2019, 3, 12), time(14, 30), "datetime"),
        ("2019-03-12", date(2019, 3, 12), date(2019, 3, 12), None, "day"),
        ("March 2019", date(2019, 3, 1), date(2019, 3, 31), None, "month"),
        ("02/2020", date(2020, 2, 1), date(2020, 2, 29), None, "month"),
        ("approx. spring 2019", date(2019, 3, 1), date(2019, 5, 31), None, "approximate"),
        ("winter 2019", date(2019, 12, 1), date(2020, 2, 29), None, "approximate"),
        ("circa March 2019", date(2019, 3, 1), date(2019, 3, 31), None, "approximate"),
        ("about 12/03/2019", date(2019, 3, 12), date(2019, 3, 12), None, "approximate"),
        ("late 2018", date(2018, 9, 1), date(2018, 12, 31), None, "approximate"),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), None, "approximate"),
    ],
)
def test_each_written_form(written, first, last, at, precision):
    read = read_date(written, TODAY)
    assert (read.first, read.last, read.time, read.precision) == (first, last, at, precision)
    assert read.as_written == written


def test_excel_date_cells():
    assert read_date(datetime(2019, 3, 12), TODAY).precision == "day"
    timed = read_date(datetime(2019, 3, 12, 9, 5), TODAY)
    assert (timed.time, timed.precision) == (time(9, 5), "datetime")
    assert read_date(date(2019, 3, 12), TODAY).first == date(2019, 3, 12)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("31/02/2019", "impossible"),
        ("29/02/2019", "impossible"),
        ("03/15/2019", "impossible"),  # a US date: never read month first
        ("12/03/2019 25:00", "impossible"),
        ("12/03/2027", "future"),
        ("November 2026", None),  # this month: allowed
        ("December 2026", "future"),
        ("January 2027", "future"),
        ("soon", "unparseable"),
        ("", "unparseable"),
        ("Smarch 2019", "unparseable"),
        ("43500", "unparseable"),
    ],
)
def test_refusals(written, kind):
    if kind is None:
        read_date(written, TODAY)
        return
    with pytest.raises(DateProblem) as problem:
        read_date(written, TODAY)
    assert problem.value.kind == kind


def test_a_number_cell_is_not_taken_for_a_date():
    with pytest.raises(DateProblem, match="format the cell as a date"):
        read_date(43500, TODAY)


FORMATS = ("%d/%m/%Y", "%-d/%-m/%Y", "%d/%m/%y", "%d %B %Y", "%-d %b %Y", "%d.%m.%Y", "%Y-%m-%d")


@given(PAST, st.sampled_from(FORMATS))
def test_a_formatted_date_reads_back_as_itself(day, form):
    if form == "%d/%m/%y" and day.year < 2000 and day.year + 100 <= TODAY.year:
        day = day.replace(year=day.year + 100)  # two-digit years: this century first
    read = read_date(day.strftime(form), TODAY)
    assert (read.first, read.last) == (day, day)


@given(PAST)
def test_day_and_month_are_never_swapped(day):
    written = f"{day.month:02d}/{day.day:02d}/{day.year}"  # the US order
    if day.day == day.month:
        assert read_date(written, TODAY).first == day
        return
    try:
        read = read_date(written, TODAY)
    except DateProblem as problem:
        assert (day.day > 12 and problem.kind == "impossible") or problem.kind == "future"
        return
    assert (read.first.day, read.first.month) == (day.month, day.day)


@given(st.dates(min_value=date(TODAY.year, TODAY.month, TODAY.day + 1), max_value=date(2100, 1, 1)))
def test_future_days_are_refused(day):
    with pytest.raises(DateProblem) as problem:
        read_date(f"{day:%d/%m/%Y}", TODAY)
    assert problem.value.kind == "future"
