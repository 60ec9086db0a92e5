"""Statutory clocks: durations, working days and deadlines that pauses can extend.

Pure Python, no Django. Conventions (DOMAIN.md §3-4):

- "within N working days of X" is the N-th working day strictly after X; working days exclude
  Saturdays, Sundays and England and Wales bank holidays.
- Which bank holidays (docs/procedure.md, "Working days"): for the years of the list that
  GOV.UK publishes, shipped offline in `govuk-bank-holidays`, that list and nothing else; for
  every other year, the holidays computed by their rules (and, for past years, the one-off
  days on record) by the `holidays` package. One-off days an administrator adds are added on
  top (`WorkingCalendar.with_extra`). A year after GOV.UK's list that no administrator has
  confirmed is "unlisted": a clock that runs through it says so.
- "within one month of X" is the same day of the month, clamped to the month's last day
  (31 Jan + 1 month = 28 Feb, or 29 in a leap year).
- "immediately" is a zero-day clock: due on the anchor date itself.
- A pause (e.g. for criminal proceedings) stops the clock from its start (inclusive) to its end
  (exclusive). Only the part of a pause after the anchor date counts: the clock was not running
  before then.
"""

from __future__ import annotations

import calendar as _calendar
import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

_ONE_DAY = timedelta(days=1)


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


_UNIT_WORDS = {
    Unit.DAYS: ("day", "days"),
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.WEEKS: ("week", "weeks"),
    Unit.MONTHS: ("month", "months"),
    Unit.YEARS: ("year", "years"),
}
_DURATION_RE = re.compile(
    r"(?P<amount>[0-9]+)\s+(?:(?P<working>working)\s+)?(?P<unit>day|week|month|year)s?",
    re.IGNORECASE | re.ASCII,
)


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"a duration cannot be negative: {self.amount} {self.unit}")
        object.__setattr__(self, "unit", Unit(self.unit))

    @classmethod
    def parse(cls, text: str) -> Duration:
        """'5 working days', '1 month', '14 days', '2 years', 'immediately' (= 0 days)."""
        words = " ".join(text.split())
        if words.lower() == "immediately":
            return cls(0, Unit.DAYS)
        match = _DURATION_RE.fullmatch(words)
        if match is None or (match["working"] and match["unit"].lower() != "day"):
            raise ValueError(f"bad duration '{text}': expected e.g. '5 working days', '1 month'")
        unit = Unit.WORKING_DAYS if match["working"] else Unit(match["unit"].lower() + "s")
        return cls(int(match["amount"]), unit)

    def __str__(self) -> str:
        singular, plural = _UNIT_WORDS[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"


def _weekdays_upto(ordinal: int) -> int:
    """Mondays to Fridays among ordinals 1..ordinal (ordinal 1, 1 Jan 0001, was a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _add_weekdays(start: date, n: int) -> date:
    """The n-th Monday-to-Friday strictly after start (n > 0)."""
    if start.weekday() >= 5:  # the weekdays after a weekend day are those after its Friday
        start -= timedelta(days=start.weekday() - 4)
    weeks, rest = divmod(n, 5)
    end = start + timedelta(weeks=weeks)
    if rest:
        end += timedelta(days=rest + 2 if end.weekday() + rest >= 5 else rest)
    return end


class WorkingCalendar:
    """Monday to Friday, except the given holidays.

    `unlisted_after`: the last year whose holidays come from an authoritative list (None:
    every year's do); later years are unlisted unless in `confirmed_years`."""

    def __init__(
        self,
        holidays: Iterable[date],
        *,
        unlisted_after: int | None = None,
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self.holidays: frozenset[date] = frozenset(holidays)
        self.unlisted_after = unlisted_after
        self.confirmed_years: frozenset[int] = frozenset(confirmed_years)
        # Ordinals of the holidays that fall on weekdays: the only ones that change a count.
        self._weekday_holidays = sorted(d.toordinal() for d in self.holidays if d.weekday() < 5)

    def __repr__(self) -> str:
        return f"<WorkingCalendar with {len(self.holidays)} holidays>"

    def with_extra(
        self, days: Iterable[date], confirmed_years: Iterable[int] = ()
    ) -> WorkingCalendar:
        """This calendar with more holidays (one-off days) and more confirmed years."""
        return WorkingCalendar(
            self.holidays | frozenset(days),
            unlisted_after=self.unlisted_after,
            confirmed_years=self.confirmed_years | frozenset(confirmed_years),
        )

    def unlisted_years(self, start: date, end: date) -> list[int]:
        """The years from start's to end's with no authoritative list of holidays."""
        if self.unlisted_after is None:
            return []
        first = max(start.year, self.unlisted_after + 1)
        return [y for y in range(first, end.year + 1) if y not in self.confirmed_years]

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def _holidays_between(self, start: date, end: date) -> int:
        """Weekday holidays h with start < h <= end."""
        ordinals = self._weekday_holidays
        return bisect_right(ordinals, end.toordinal()) - bisect_right(ordinals, start.toordinal())

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after start; start itself (whatever it is) if n == 0."""
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days ({n})")
        end = start
        while n:
            # Step over n weekdays; the holidays stepped over must be made up, until none are.
            later = _add_weekdays(end, n)
            n = self._holidays_between(end, later)
            end = later
        return end

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 if end <= start)."""
        if end <= start:
            return 0
        weekdays = _weekdays_upto(end.toordinal()) - _weekdays_upto(start.toordinal())
        return weekdays - self._holidays_between(start, end)


@functools.cache
def _shipped_england_and_wales_holidays() -> tuple[date, ...]:
    # use_cached_holidays=True reads the JSON bundled with the package and never downloads
    # (without it, the constructor fetches https://www.gov.uk/bank-holidays.json).
    from govuk_bank_holidays.bank_holidays import BankHolidays

    holidays = BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    )
    return tuple(sorted(holiday["date"] for holiday in holidays))


# The years computed by rule on either side of GOV.UK's list (a clock beyond them would be
# decades away; it still counts weekends).
RULE_YEARS = range(1970, 2101)


def rule_holidays(years: Iterable[int]) -> dict[date, str]:
    """England and Wales holidays computed by the `holidays` package: the rules (Easter,
    the first and last Mondays of May, the last Monday of August, Christmas, with substitute
    days) and the one-off days it has on record for past years."""
    import holidays

    found = holidays.country_holidays("GB", subdiv="ENG", years=list(years))
    return dict(found.items())


def covered_years() -> range:
    """The years that GOV.UK's shipped list covers."""
    holidays = _shipped_england_and_wales_holidays()
    return range(holidays[0].year, holidays[-1].year + 1)


@functools.cache
def england_and_wales_holidays() -> tuple[date, ...]:
    """GOV.UK's shipped list for its years; the rules (`holidays` package) for the others."""
    listed = covered_years()
    computed = rule_holidays(y for y in RULE_YEARS if y not in listed)
    return tuple(sorted({*_shipped_england_and_wales_holidays(), *computed}))


@functools.cache
def england_and_wales() -> WorkingCalendar:
    """England and Wales bank holidays (no network): GOV.UK's list, then the rules. Years
    after GOV.UK's list are unlisted (see `WorkingCalendar.unlisted_years`)."""
    return WorkingCalendar(england_and_wales_holidays(), unlisted_after=covered_years()[-1])


def add_months(d: date, n: int) -> date:
    """Calendar months, clamped to the month's end: 31 Jan + 1 = 28 (or 29) Feb."""
    if n < 0:
        raise ValueError(f"cannot add a negative number of months ({n})")
    years, month0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + years, month0 + 1
    return date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


def add(start: date, duration: Duration, calendar: WorkingCalendar | None = None) -> date:
    """start + duration; working days use the calendar (default: England and Wales)."""
    match duration.unit:
        case Unit.DAYS:
            return start + timedelta(days=duration.amount)
        case Unit.WEEKS:
            return start + timedelta(weeks=duration.amount)
        case Unit.MONTHS:
            return add_months(start, duration.amount)
        case Unit.YEARS:
            return add_months(start, 12 * duration.amount)
        case Unit.WORKING_DAYS:
            return (calendar or england_and_wales()).add_working_days(start, duration.amount)


@dataclass(frozen=True)
class Pause:
    """The clock stops from start (inclusive) to end (exclusive); end None = still paused."""

    start: date
    end: date | None
    reason: str

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"pause '{self.reason}' ends ({self.end}) before it starts")


@dataclass(frozen=True)
class _Span:
    start: date
    end: date | None
    reasons: tuple[str, ...]


def _merge(pauses: Iterable[Pause], after: date) -> list[_Span]:
    """Pauses clipped to days after `after`, overlapping or touching ones merged, in order."""
    spans: list[_Span] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        start = max(pause.start, after + _ONE_DAY)
        if pause.end is not None and pause.end <= start:
            continue  # empty, or over before the clock started
        last = spans[-1] if spans else None
        if last is not None and (last.end is None or start <= last.end):
            end = None if last.end is None or pause.end is None else max(last.end, pause.end)
            reasons = last.reasons
            if pause.reason not in reasons:
                reasons += (pause.reason,)
            spans[-1] = _Span(last.start, end, reasons)
        else:
            spans.append(_Span(start, pause.end, (pause.reason,)))
    return spans


@dataclass(frozen=True)
class Deadline:
    """A due date, explained: `paused_days` are calendar days for calendar clocks and working
    days for working-day clocks; `reasons` are those of the pauses that moved or stopped it."""

    due: date | None
    paused: bool
    paused_days: int
    reasons: tuple[str, ...]
    # The day the clock started, and whether it counts working days (only those depend on
    # the list of bank holidays). Not part of what the deadline is (equality).
    start: date | None = field(default=None, compare=False)
    working: bool = field(default=False, compare=False)


def deadline(
    anchor: date,
    duration: Duration,
    pauses: Sequence[Pause] = (),
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """The deadline `duration` after `anchor`, extended by every pause that starts on or
    before the running deadline (in start order, overlaps counted once). A pause still open
    that started by then stops the clock: due None, paused True."""
    working = duration.unit is Unit.WORKING_DAYS
    if working and calendar is None:
        calendar = england_and_wales()
    due = add(anchor, duration, calendar)
    paused_days = 0
    reasons: list[str] = []
    for span in _merge(pauses, after=anchor):
        if span.start > due:
            break
        if span.end is None:
            reasons += [r for r in span.reasons if r not in reasons]
            return Deadline(None, True, paused_days, tuple(reasons), anchor, working)
        if calendar is not None and working:
            days = calendar.working_days_between(span.start - _ONE_DAY, span.end - _ONE_DAY)
            due = calendar.add_working_days(due, days)
        else:
            days = (span.end - span.start).days
            due += timedelta(days=days)
        if days:
            paused_days += days
            reasons += [r for r in span.reasons if r not in reasons]
    return Deadline(due, False, paused_days, tuple(reasons), anchor, working)


def due_date(
    anchor: date,
    duration: Duration,
    pauses: Sequence[Pause] = (),
    calendar: WorkingCalendar | None = None,
) -> date | None:
    """The deadline's date, or None while a pause holds the clock (see `deadline`)."""
    return deadline(anchor, duration, pauses, calendar).due
