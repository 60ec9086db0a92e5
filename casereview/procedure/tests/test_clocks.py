"""Statutory clocks: durations, working days across real England and Wales bank holidays,
calendar months, and deadlines extended by pauses.

Expected dates in the fixed cases were worked out by hand from the bank holidays shipped with
govuk-bank-holidays 0.19 (england-and-wales), and the reasoning is given next to each."""

from __future__ import annotations

import calendar as std_calendar
import socket
from datetime import date, timedelta

import pytest
import requests
from govuk_bank_holidays.bank_holidays import BankHolidays
from hypothesis import given
from hypothesis import strategies as st

from casereview.procedure import clocks
from casereview.procedure.clocks import (
    Deadline,
    Duration,
    Pause,
    Unit,
    WorkingCalendar,
    add,
    add_months,
    covered_years,
    deadline,
    due_date,
    england_and_wales,
)

ONE_DAY = timedelta(days=1)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
COUNTS = st.integers(min_value=0, max_value=60)


# --- naive references: one day at a time, nothing clever ----------------------------------


def shipped_holidays() -> frozenset[date]:
    """Read the package's bundled JSON directly, not through clocks.py."""
    events = BankHolidays.load_backup_data()["england-and-wales"]["events"]
    return frozenset(date.fromisoformat(event["date"]) for event in events)


SHIPPED = shipped_holidays()
SHIPPED_YEARS = {d.year for d in SHIPPED}


def rule_based(years) -> frozenset[date]:
    """The `holidays` package read directly, for the years GOV.UK's list does not cover."""
    import holidays

    found = holidays.country_holidays("GB", subdiv="ENG", years=[y for y in years])
    return frozenset(d for d in found if d.year not in SHIPPED_YEARS)


# GOV.UK's list where it speaks, the rules elsewhere.
ENGLAND_AND_WALES = SHIPPED | rule_based(range(1995, 2036))


def naive_is_working(d: date, holidays: frozenset[date]) -> bool:
    return d.isoweekday() <= 5 and d not in holidays


def naive_add_working_days(start: date, n: int, holidays: frozenset[date]) -> date:
    d = start
    while n > 0:
        d += ONE_DAY
        if naive_is_working(d, holidays):
            n -= 1
    return d


def naive_working_days_between(start: date, end: date, holidays: frozenset[date]) -> int:
    count, d = 0, start
    while d < end:
        d += ONE_DAY
        count += naive_is_working(d, holidays)
    return count


def naive_add_months(d: date, n: int) -> date:
    year, month = d.year, d.month
    for _ in range(n):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = d.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


@st.composite
def start_and_holidays(draw: st.DrawFn) -> tuple[date, frozenset[date]]:
    """A start date and a random set of holidays around it (weekends included, on purpose)."""
    start = draw(DAYS)
    offsets = draw(st.sets(st.integers(min_value=-10, max_value=130), max_size=40))
    return start, frozenset(start + timedelta(days=k) for k in offsets)


# --- working days: properties --------------------------------------------------------------


@given(start_and_holidays(), COUNTS)
def test_add_working_days_matches_a_day_by_day_count_with_random_holidays(case, n):
    start, holidays = case
    assert WorkingCalendar(holidays).add_working_days(start, n) == naive_add_working_days(
        start, n, holidays
    )


@given(DAYS, COUNTS)
def test_add_working_days_matches_a_day_by_day_count_with_england_and_wales(start, n):
    assert england_and_wales().add_working_days(start, n) == naive_add_working_days(
        start, n, ENGLAND_AND_WALES
    )


@given(start_and_holidays(), st.integers(min_value=-10, max_value=120))
def test_working_days_between_matches_a_day_by_day_count_with_random_holidays(case, span):
    start, holidays = case
    end = start + timedelta(days=span)
    assert WorkingCalendar(holidays).working_days_between(start, end) == naive_working_days_between(
        start, end, holidays
    )


@given(DAYS, st.integers(min_value=-10, max_value=120))
def test_working_days_between_matches_a_day_by_day_count_with_england_and_wales(start, span):
    end = start + timedelta(days=span)
    assert england_and_wales().working_days_between(start, end) == naive_working_days_between(
        start, end, ENGLAND_AND_WALES
    )


@given(start_and_holidays(), COUNTS)
def test_counting_the_working_days_to_n_working_days_later_gives_n(case, n):
    start, holidays = case
    for calendar in (WorkingCalendar(holidays), england_and_wales()):
        later = calendar.add_working_days(start, n)
        assert calendar.working_days_between(start, later) == n
        if n > 0:
            assert calendar.is_working_day(later)


def test_adding_zero_working_days_returns_the_start_even_on_a_weekend_or_holiday():
    calendar = england_and_wales()
    assert calendar.add_working_days(date(2026, 12, 26), 0) == date(2026, 12, 26)  # Saturday
    assert calendar.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)  # Christmas


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        england_and_wales().add_working_days(date(2026, 1, 5), -1)


def test_working_days_between_is_zero_when_the_end_is_not_after_the_start():
    calendar = england_and_wales()
    assert calendar.working_days_between(date(2026, 3, 4), date(2026, 3, 4)) == 0
    assert calendar.working_days_between(date(2026, 3, 4), date(2026, 3, 2)) == 0


# --- working days: fixed cases across real England and Wales bank holidays ------------------


@pytest.mark.parametrize(
    ("d", "working"),
    [
        (date(2026, 12, 25), False),  # Fri, Christmas Day
        (date(2026, 12, 26), False),  # Sat, Boxing Day falls on a weekend...
        (date(2026, 12, 28), False),  # ...so Mon 28 Dec is the substitute
        (date(2026, 12, 29), True),
        (date(2026, 4, 3), False),  # Good Friday 2026
        (date(2026, 4, 6), False),  # Easter Monday 2026
        (date(2025, 4, 18), False),  # Good Friday 2025
        (date(2025, 4, 21), False),  # Easter Monday 2025
        (date(2022, 5, 30), True),  # last Mon of May 2022 was NOT a holiday (moved to 2 June)
        (date(2022, 6, 2), False),  # Spring bank holiday, moved for the platinum jubilee
        (date(2022, 6, 3), False),  # Platinum Jubilee bank holiday
        (date(2022, 9, 19), False),  # State funeral of Queen Elizabeth II
        (date(2026, 5, 4), False),  # Early May bank holiday 2026
        (date(2025, 5, 5), False),  # Early May bank holiday 2025
        (date(2026, 3, 7), False),  # an ordinary Saturday
        (date(2026, 3, 9), True),  # an ordinary Monday
    ],
)
def test_england_and_wales_working_days(d, working):
    assert england_and_wales().is_working_day(d) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Christmas 2026: from Wed 23 Dec, 1 = Thu 24; Fri 25, Sat, Sun, Mon 28 (substitute
        # Boxing Day) are off; 2 = Tue 29, 3 = Wed 30, 4 = Thu 31; Fri 1 Jan 2027 (New Year),
        # Sat, Sun off; 5 = Mon 4 Jan 2027.
        (date(2026, 12, 23), 4, date(2026, 12, 31)),
        (date(2026, 12, 23), 5, date(2027, 1, 4)),
        # From Thu 24 Dec 2026 the next working day is Tue 29 Dec.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Easter 2026: from Wed 1 Apr, 1 = Thu 2; Good Friday 3, weekend, Easter Monday 6 off;
        # 2 = Tue 7, 3 = Wed 8, 4 = Thu 9, 5 = Fri 10 Apr.
        (date(2026, 4, 1), 5, date(2026, 4, 10)),
        # Rapid review, 15 working days from Thu 2 Apr 2026: three plain weeks would end on
        # Thu 23 Apr; the two Easter holidays push it two working days on, to Mon 27 Apr.
        (date(2026, 4, 2), 15, date(2026, 4, 27)),
        # Easter 2025: from Thu 17 Apr, Good Friday 18, weekend, Easter Monday 21 off: Tue 22.
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        # ...and 5 working days: Tue 22, Wed 23, Thu 24, Fri 25, Mon 28 Apr 2025.
        (date(2025, 4, 17), 5, date(2025, 4, 28)),
        # Early May 2025: from Wed 30 Apr, Thu 1 May, Fri 2, (Mon 5 off), Tue 6, Wed 7, Thu 8.
        (date(2025, 4, 30), 5, date(2025, 5, 8)),
        # Early May 2026: from Fri 1 May, weekend and Mon 4 May off: Tue 5 May.
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # Platinum jubilee 2022: from Fri 27 May, Mon 30, Tue 31, Wed 1 Jun; Thu 2 and Fri 3
        # off; Mon 6, Tue 7 Jun.
        (date(2022, 5, 27), 5, date(2022, 6, 7)),
        # State funeral 2022: from Fri 16 Sep, weekend and Mon 19 Sep off: Tue 20 Sep.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # Starting on a holiday: from Good Friday 2026, weekend and Easter Monday off: Tue 7.
        (date(2026, 4, 3), 1, date(2026, 4, 7)),
    ],
)
def test_add_working_days_across_england_and_wales_bank_holidays(start, n, expected):
    assert england_and_wales().add_working_days(start, n) == expected
    assert add(start, Duration(n, Unit.WORKING_DAYS)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Thu 24, Tue 29, Wed 30, Thu 31 Dec 2026, Mon 4 Jan 2027.
        (date(2026, 12, 23), date(2027, 1, 4), 5),
        # Fri 27 May to Fri 10 Jun 2022: ten weekdays, less 2 and 3 June.
        (date(2022, 5, 27), date(2022, 6, 10), 8),
        # Mon 12 to Fri 23 Sep 2022: nine weekdays after the Monday, less the funeral on 19th.
        (date(2022, 9, 12), date(2022, 9, 23), 8),
        # Thu 2 Apr to Fri 10 Apr 2026: Fri 3 and Mon 6 are off, so Tue 7 to Fri 10.
        (date(2026, 4, 2), date(2026, 4, 10), 4),
    ],
)
def test_working_days_between_across_england_and_wales_bank_holidays(start, end, expected):
    assert england_and_wales().working_days_between(start, end) == expected


# --- the shipped bank-holiday data ---------------------------------------------------------


def test_england_and_wales_uses_the_shipped_data_and_never_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setattr(requests.Session, "request", refuse)
    caches = (
        clocks._shipped_england_and_wales_holidays,
        clocks.england_and_wales_holidays,
        clocks.england_and_wales,
    )
    for cached in caches:
        cached.cache_clear()
    try:
        calendar = england_and_wales()
        years = covered_years()
    finally:
        for cached in caches:
            cached.cache_clear()
    assert {d for d in calendar.holidays if d.year in years} == SHIPPED
    assert years.start <= 2024 and years.stop > 2027
    for year in years:  # every covered year is complete: at least the usual eight
        assert sum(d.year == year for d in calendar.holidays) >= 8, year


def test_england_and_wales_is_built_once():
    assert england_and_wales() is england_and_wales()


def test_covered_years_are_those_of_the_shipped_data():
    years = covered_years()
    assert min(SHIPPED).year == years.start and max(SHIPPED).year == years[-1]


# --- calendar months -----------------------------------------------------------------------


@given(DAYS, st.integers(min_value=0, max_value=40))
def test_add_months_matches_stepping_month_by_month_and_clamping(d, n):
    assert add_months(d, n) == naive_add_months(d, n)


@given(DAYS, st.integers(min_value=0, max_value=40))
def test_add_months_keeps_the_day_when_the_target_month_has_it_and_never_goes_past_it(d, n):
    later = add_months(d, n)
    assert (later.year * 12 + later.month) - (d.year * 12 + d.month) == n
    assert later.day <= d.day
    if d.day <= std_calendar.monthrange(later.year, later.month)[1]:
        assert later.day == d.day
    else:
        assert later.day == std_calendar.monthrange(later.year, later.month)[1]


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 5, 12), 0, date(2026, 5, 12)),
    ],
)
def test_add_months_clamps_to_the_end_of_shorter_months(d, n, expected):
    assert add_months(d, n) == expected


def test_adding_months_one_at_a_time_can_differ_from_adding_them_at_once():
    # Why callers must always count from the anchor: 31 Jan + 1 + 1 = 28 Mar, + 2 = 31 Mar.
    assert add_months(add_months(date(2026, 1, 31), 1), 1) == date(2026, 3, 28)
    assert add_months(date(2026, 1, 31), 2) == date(2026, 3, 31)


def test_a_negative_number_of_months_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_months(date(2026, 1, 31), -1)


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        ("0 days", date(2026, 1, 30)),
        ("immediately", date(2026, 1, 30)),
        ("14 days", date(2026, 2, 13)),
        ("2 weeks", date(2026, 2, 13)),
        ("1 month", date(2026, 2, 28)),
        ("6 months", date(2026, 7, 30)),
        ("2 years", date(2028, 1, 30)),
        ("5 working days", date(2026, 2, 6)),  # Fri 30 Jan 2026 -> Fri 6 Feb
    ],
)
def test_add_dispatches_on_the_unit(duration, expected):
    assert add(date(2026, 1, 30), Duration.parse(duration)) == expected


def test_add_uses_the_given_calendar_for_working_days():
    # Mon 2 Mar 2026 declared a holiday: 1 working day from Fri 27 Feb is then Tue 3 Mar.
    calendar = WorkingCalendar([date(2026, 3, 2)])
    assert add(date(2026, 2, 27), Duration(1, Unit.WORKING_DAYS), calendar) == date(2026, 3, 3)


# --- durations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("5 working days", 5, Unit.WORKING_DAYS),
        ("1 working day", 1, Unit.WORKING_DAYS),
        ("15 working days", 15, Unit.WORKING_DAYS),
        ("1 month", 1, Unit.MONTHS),
        ("6 months", 6, Unit.MONTHS),
        ("14 days", 14, Unit.DAYS),
        ("1 day", 1, Unit.DAYS),
        ("2 weeks", 2, Unit.WEEKS),
        ("1 week", 1, Unit.WEEKS),
        ("2 years", 2, Unit.YEARS),
        ("1 year", 1, Unit.YEARS),
        ("0 days", 0, Unit.DAYS),
        ("immediately", 0, Unit.DAYS),
        ("Immediately ", 0, Unit.DAYS),
        ("  5   Working\tDays ", 5, Unit.WORKING_DAYS),
        ("1 MONTH", 1, Unit.MONTHS),
        ("12 Months", 12, Unit.MONTHS),
    ],
)
def test_duration_parse_accepts(text, amount, unit):
    assert Duration.parse(text) == Duration(amount, unit)


@pytest.mark.parametrize(
    "text",
    [
        "72 hours",
        "1 hour",
        "-5 days",
        "-1 working days",
        "+5 days",
        "1.5 months",
        "five days",
        "one month",
        "5",
        "days",
        "",
        "   ",
        "5 working",
        "5 working weeks",
        "5 calendar days",
        "5 fortnights",
        "5 working days later",
        "within 5 working days",
        "soon",
        "5days",
        "٥ days",  # non-ASCII digits
    ],
)
def test_duration_parse_rejects_and_names_the_text(text):
    with pytest.raises(ValueError) as error:
        Duration.parse(text)
    assert str(error.value) == (f"bad duration '{text}': expected e.g. '5 working days', '1 month'")


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration(5, Unit.WORKING_DAYS), "5 working days"),
        (Duration(1, Unit.WORKING_DAYS), "1 working day"),
        (Duration(1, Unit.MONTHS), "1 month"),
        (Duration(6, Unit.MONTHS), "6 months"),
        (Duration(0, Unit.DAYS), "0 days"),
        (Duration(1, Unit.DAYS), "1 day"),
        (Duration(2, Unit.YEARS), "2 years"),
        (Duration(1, Unit.WEEKS), "1 week"),
    ],
)
def test_duration_reads_as_english(duration, text):
    assert str(duration) == text


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(list(Unit)))
def test_a_duration_parses_back_from_its_text(amount, unit):
    duration = Duration(amount, unit)
    assert Duration.parse(str(duration)) == duration


def test_a_negative_duration_cannot_be_made():
    with pytest.raises(ValueError, match="negative"):
        Duration(-1, Unit.DAYS)


# --- pauses --------------------------------------------------------------------------------

ANCHOR = date(2026, 3, 12)  # Thu; one month later is Sun 12 Apr 2026
ONE_MONTH = Duration(1, Unit.MONTHS)
CRIMINAL = Pause(date(2026, 3, 16), date(2026, 4, 6), "criminal proceedings")  # 21 days


def test_without_pauses_the_deadline_is_the_duration_after_the_anchor():
    assert deadline(ANCHOR, ONE_MONTH) == Deadline(date(2026, 4, 12), False, 0, ())
    assert due_date(ANCHOR, ONE_MONTH) == date(2026, 4, 12)


def test_a_21_day_pause_for_criminal_proceedings_moves_a_one_month_clock_by_21_days():
    assert deadline(ANCHOR, ONE_MONTH, [CRIMINAL]) == Deadline(
        date(2026, 5, 3), False, 21, ("criminal proceedings",)
    )


def test_a_pause_after_the_deadline_does_not_move_it():
    late = Pause(date(2026, 4, 13), date(2026, 5, 13), "coroner's inquest")
    assert deadline(ANCHOR, ONE_MONTH, [late]) == Deadline(date(2026, 4, 12), False, 0, ())


def test_a_pause_starting_on_the_due_day_moves_it():
    on_the_day = Pause(date(2026, 4, 12), date(2026, 4, 15), "coroner's inquest")
    assert due_date(ANCHOR, ONE_MONTH, [on_the_day]) == date(2026, 4, 15)


def test_a_pause_after_the_original_deadline_counts_when_an_earlier_pause_moved_it():
    # CRIMINAL moves 12 Apr to 3 May; a 7-day pause from 20 Apr then moves it to 10 May.
    later = Pause(date(2026, 4, 20), date(2026, 4, 27), "coroner's inquest")
    assert deadline(ANCHOR, ONE_MONTH, [later, CRIMINAL]) == Deadline(
        date(2026, 5, 10), False, 28, ("criminal proceedings", "coroner's inquest")
    )


def test_overlapping_pauses_count_once():
    # 16 Mar - 6 Apr and 30 Mar - 13 Apr together cover 16 Mar - 13 Apr: 28 days, not 35.
    inquest = Pause(date(2026, 3, 30), date(2026, 4, 13), "coroner's inquest")
    assert deadline(ANCHOR, ONE_MONTH, [inquest, CRIMINAL]) == Deadline(
        date(2026, 5, 10), False, 28, ("criminal proceedings", "coroner's inquest")
    )
    assert due_date(ANCHOR, ONE_MONTH, [CRIMINAL, CRIMINAL]) == date(2026, 5, 3)
    inside = Pause(date(2026, 3, 20), date(2026, 3, 25), "disciplinary")
    assert due_date(ANCHOR, ONE_MONTH, [CRIMINAL, inside]) == date(2026, 5, 3)


def test_an_open_pause_stops_the_clock():
    open_ = Pause(date(2026, 3, 16), None, "criminal proceedings")
    assert deadline(ANCHOR, ONE_MONTH, [open_]) == Deadline(
        None, True, 0, ("criminal proceedings",)
    )
    assert due_date(ANCHOR, ONE_MONTH, [open_]) is None


def test_an_open_pause_that_starts_after_the_deadline_does_not_stop_it():
    open_ = Pause(date(2026, 4, 20), None, "criminal proceedings")
    assert deadline(ANCHOR, ONE_MONTH, [open_]) == Deadline(date(2026, 4, 12), False, 0, ())


def test_an_open_pause_reached_only_through_an_earlier_pause_stops_the_clock():
    open_ = Pause(date(2026, 4, 20), None, "coroner's inquest")
    assert deadline(ANCHOR, ONE_MONTH, [CRIMINAL, open_]) == Deadline(
        None, True, 21, ("criminal proceedings", "coroner's inquest")
    )


def test_an_open_pause_overlapping_a_closed_one_stops_the_clock():
    open_ = Pause(date(2026, 4, 1), None, "coroner's inquest")
    assert deadline(ANCHOR, ONE_MONTH, [CRIMINAL, open_]).due is None


def test_only_the_part_of_a_pause_after_the_anchor_counts():
    # Proceedings began 1 Mar, before the anchor (12 Mar), and ended 19 Mar (exclusive):
    # the clock stood still from 13 to 18 Mar, 6 days, so 12 Apr becomes 18 Apr.
    earlier = Pause(date(2026, 3, 1), date(2026, 3, 19), "criminal proceedings")
    assert deadline(ANCHOR, ONE_MONTH, [earlier]) == Deadline(
        date(2026, 4, 18), False, 6, ("criminal proceedings",)
    )
    over = Pause(date(2026, 2, 1), date(2026, 3, 13), "criminal proceedings")
    assert deadline(ANCHOR, ONE_MONTH, [over]) == Deadline(date(2026, 4, 12), False, 0, ())


def test_a_pause_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Pause(date(2026, 3, 16), date(2026, 3, 15), "criminal proceedings")


def test_a_working_day_clock_pause_spanning_easter_counts_only_its_working_days():
    # 15 working days from Wed 1 Apr 2026 (Good Friday 3 and Easter Monday 6 off): Fri 24 Apr.
    # A pause Thu 2 Apr - Thu 9 Apr (exclusive) is 7 calendar days but only 3 working days
    # (Thu 2, Tue 7, Wed 8), so the deadline moves 3 working days: Mon 27, Tue 28, Wed 29 Apr.
    rapid_review = Duration(15, Unit.WORKING_DAYS)
    assert due_date(date(2026, 4, 1), rapid_review) == date(2026, 4, 24)
    pause = Pause(date(2026, 4, 2), date(2026, 4, 9), "police request")
    assert deadline(date(2026, 4, 1), rapid_review, [pause]) == Deadline(
        date(2026, 4, 29), False, 3, ("police request",)
    )


def test_a_working_day_pause_over_only_holidays_and_a_weekend_does_not_move_the_deadline():
    # Fri 3 Apr - Tue 7 Apr 2026 (exclusive): Good Friday, weekend, Easter Monday.
    pause = Pause(date(2026, 4, 3), date(2026, 4, 7), "police request")
    assert deadline(date(2026, 4, 1), Duration(15, Unit.WORKING_DAYS), [pause]) == Deadline(
        date(2026, 4, 24), False, 0, ()
    )


def test_a_working_day_pause_over_christmas_2026():
    # 5 working days from Mon 21 Dec 2026: Tue 22, Wed 23, Thu 24, Tue 29, Wed 30.
    # Pause Wed 23 Dec - Mon 4 Jan 2027 (exclusive): working days Wed 23, Thu 24, Tue 29,
    # Wed 30, Thu 31 = 5; from Wed 30 Dec five more: Thu 31, Mon 4, Tue 5, Wed 6, Thu 7 Jan.
    clock = Duration(5, Unit.WORKING_DAYS)
    assert due_date(date(2026, 12, 21), clock) == date(2026, 12, 30)
    pause = Pause(date(2026, 12, 23), date(2027, 1, 4), "family liaison")
    assert deadline(date(2026, 12, 21), clock, [pause]) == Deadline(
        date(2027, 1, 7), False, 5, ("family liaison",)
    )


def test_pauses_do_not_affect_an_immediate_clock():
    open_ = Pause(ANCHOR, None, "criminal proceedings")
    assert deadline(ANCHOR, Duration.parse("immediately"), [open_]) == Deadline(
        ANCHOR, False, 0, ()
    )


# --- pauses: against a day-by-day simulation -----------------------------------------------


def simulate(anchor, n, pauses, is_counted):
    """Walk forward from the anchor, counting days that are not paused, until n are counted."""
    if n == 0:
        return anchor
    d = anchor
    for _ in range(2000):
        d += ONE_DAY
        if any(p.start <= d and (p.end is None or d < p.end) for p in pauses):
            continue
        if is_counted(d):
            n -= 1
            if n == 0:
                return d
    return None  # still paused


@st.composite
def pauses_around(draw: st.DrawFn, anchor: date) -> list[Pause]:
    pauses = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        start = anchor + timedelta(days=draw(st.integers(min_value=-20, max_value=90)))
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40)))
        end = None if length is None else start + timedelta(days=length)
        pauses.append(Pause(start, end, draw(st.sampled_from(["criminal", "coroner", "dhr"]))))
    return pauses


@given(st.data(), DAYS, COUNTS, st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS]))
def test_due_date_matches_counting_the_unpaused_days_one_by_one(data, anchor, n, unit):
    pauses = data.draw(pauses_around(anchor))
    calendar = england_and_wales()
    counted = calendar.is_working_day if unit is Unit.WORKING_DAYS else (lambda d: True)
    assert due_date(anchor, Duration(n, unit), pauses) == simulate(anchor, n, pauses, counted)


@given(st.data(), DAYS, st.integers(min_value=0, max_value=24))
def test_pauses_never_bring_a_month_clock_forward(data, anchor, n):
    pauses = data.draw(pauses_around(anchor))
    result = deadline(anchor, Duration(n, Unit.MONTHS), pauses)
    plain = add_months(anchor, n)
    if result.paused:
        assert result.due is None
    else:
        assert result.due == plain + timedelta(days=result.paused_days)
        assert bool(result.reasons) == (result.paused_days > 0)


# --- years beyond GOV.UK's list ----------------------------------------------------------


def test_holidays_beyond_the_shipped_list_are_computed_by_their_rules():
    calendar = england_and_wales()
    assert max(covered_years()) < 2031
    # 2031: Good Friday 11 April, Easter Monday 14 April, the May and August Mondays.
    for holiday in (date(2031, 4, 11), date(2031, 4, 14), date(2031, 5, 5), date(2031, 8, 25)):
        assert not calendar.is_working_day(holiday), holiday
    assert calendar.add_working_days(date(2031, 4, 10), 1) == date(2031, 4, 15)
    # Christmas 2032 falls on a Saturday: the substitute days are Monday and Tuesday.
    assert calendar.add_working_days(date(2032, 12, 24), 1) == date(2032, 12, 29)


def test_govuk_list_wins_for_its_years_and_past_one_off_days_are_known():
    calendar = england_and_wales()
    years = covered_years()
    assert {d for d in calendar.holidays if d.year in years} == SHIPPED
    assert date(2022, 9, 19) in calendar.holidays  # the Queen's funeral, from GOV.UK's list
    assert date(2011, 4, 29) in calendar.holidays  # a royal wedding before the list begins


def test_a_year_after_the_list_is_unlisted_until_confirmed():
    calendar = england_and_wales()
    last = covered_years()[-1]
    start, end = date(last, 12, 20), date(last + 2, 1, 10)
    assert calendar.unlisted_years(start, end) == [last + 1, last + 2]
    assert calendar.unlisted_years(date(2020, 1, 1), date(last, 12, 31)) == []
    confirmed = calendar.with_extra([], confirmed_years=[last + 1])
    assert confirmed.unlisted_years(start, end) == [last + 2]
    assert WorkingCalendar([]).unlisted_years(start, end) == []


def test_a_one_off_day_added_to_the_calendar_moves_a_working_day_deadline():
    base = england_and_wales()
    anchor = date(2031, 6, 2)  # a Monday
    assert deadline(anchor, Duration(5, Unit.WORKING_DAYS), calendar=base).due == date(2031, 6, 9)
    extra = base.with_extra([date(2031, 6, 4)])
    assert deadline(anchor, Duration(5, Unit.WORKING_DAYS), calendar=extra).due == date(2031, 6, 10)
    assert base.with_extra([]).holidays == base.holidays


def test_a_deadline_knows_when_its_clock_started_and_whether_it_counts_working_days():
    clock = deadline(date(2026, 3, 10), Duration(5, Unit.WORKING_DAYS))
    assert clock.start == date(2026, 3, 10) and clock.working
    assert not deadline(date(2026, 3, 10), Duration(1, Unit.MONTHS)).working
