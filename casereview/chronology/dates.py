"""British dates as agencies write them in a chronology, read into a range with its precision.

`read_date(value, today)` gives a `ReadDate` (first day, last day, time, precision) or raises
`DateProblem` with the reason to show for the row. Numeric dates are always day first
(dd/mm/yyyy, d/m/yy): "03/04/2019" is 3 April, and "04/15/2019" is refused as impossible,
never read as a US date. Excel date cells arrive as date or datetime values.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from .models import DatePrecision

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    }
} | {"sept": 9}
# Meteorological seasons, as people in England use them: winter runs into the next year.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
# Parts of a year: "early 2019" is January to April, "mid" May to August, "late" the rest.
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
APPROXIMATE = re.compile(
    r"^(?:approx(?:imately)?\.?|circa|c\.|ca\.|about|around|roughly|est(?:imated)?\.?)\s*",
    re.IGNORECASE,
)
TIME = re.compile(
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>am|pm)?)$",
    re.IGNORECASE,
)
NUMERIC = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{2}|\d{4})$")
ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ].*)?$")
WORDS = re.compile(
    r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<y>\d{4})$",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(r"^(?P<month>[a-z]+)\.?,?\s+(?P<y>\d{4})$", re.IGNORECASE)
NUMERIC_MONTH = re.compile(r"^(?P<m>\d{1,2})[/.\-](?P<y>\d{4})$")
SEASON_YEAR = re.compile(r"^(?P<season>[a-z]+)\s+(?P<y>\d{4})$", re.IGNORECASE)
YEAR = re.compile(r"^(?P<y>\d{4})$")

EXPECTED = (
    "a date such as 12/03/2019, 12 March 2019, March 2019 or approx. spring 2019 (day before month)"
)


class DateProblem(ValueError):
    """Why a date cannot be used: `kind` is unparseable, impossible or future."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class ReadDate:
    first: date
    last: date
    time: time | None
    precision: str
    as_written: str


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        # A two-digit year is this century unless that would be in the future.
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _day(year: int, month: int, day: int, written: str) -> date:
    if not 1 <= month <= 12:
        raise DateProblem(
            "impossible",
            f"'{written}' is not a real date: there is no month {month} "
            "(dates are written day first, then month)",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(
            "impossible",
            f"'{written}' is not a real date: {calendar.month_name[month]} {year} "
            f"has {calendar.monthrange(year, month)[1]} days",
        ) from None


def _month_range(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    last_year = year + 1 if last_month < first_month else year
    end = calendar.monthrange(last_year, last_month)[1]
    return date(year, first_month, 1), date(last_year, last_month, end)


def _time(match: re.Match, written: str) -> time:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise DateProblem("impossible", f"'{written}' has an impossible time")
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateProblem("impossible", f"'{written}' has an impossible time")
    return time(hour, minute, second)


def _month(name: str, written: str) -> int:
    number = MONTHS.get(name.lower())
    if number is None:
        raise DateProblem("unparseable", f"'{written}' is not {EXPECTED}")
    return number


def _parse_text(text: str, today: date) -> ReadDate:
    written = " ".join(text.split())
    body = written
    approximate = APPROXIMATE.match(body)
    if approximate:
        body = body[approximate.end() :].strip()
    found_time = None
    if not approximate:
        iso = ISO.match(body)
        if iso:
            day = _day(int(iso["y"]), int(iso["m"]), int(iso["d"]), written)
            rest = body[10:].lstrip("T ").strip()
            found_time = None
            if rest:
                timed = TIME.match(" " + rest)
                if not timed:
                    raise DateProblem("unparseable", f"'{written}' is not {EXPECTED}")
                found_time = _time(timed, written)
            precision = DatePrecision.DATETIME if found_time else DatePrecision.DAY
            return ReadDate(day, day, found_time, precision, written)
        timed = TIME.search(body)
        if timed and timed.start() > 0:
            found_time = _time(timed, written)
            body = body[: timed.start()].strip().rstrip(",").strip()
    for pattern in (NUMERIC, WORDS):
        m = pattern.match(body)
        if m:
            month = int(m["m"]) if pattern is NUMERIC else _month(m["month"], written)
            day = _day(_year(m["y"], today), month, int(m["d"]), written)
            if approximate:
                return ReadDate(day, day, None, DatePrecision.APPROXIMATE, written)
            precision = DatePrecision.DATETIME if found_time else DatePrecision.DAY
            return ReadDate(day, day, found_time, precision, written)
    if found_time is not None:
        raise DateProblem("unparseable", f"'{written}' has a time but not a full date")
    m = MONTH_YEAR.match(body)
    if m and m["month"].lower() in MONTHS:
        number = MONTHS[m["month"].lower()]
        first, last = _month_range(int(m["y"]), number, number)
        precision = DatePrecision.APPROXIMATE if approximate else DatePrecision.MONTH
        return ReadDate(first, last, None, precision, written)
    m = NUMERIC_MONTH.match(body)
    if m:
        number = int(m["m"])
        if not 1 <= number <= 12:
            raise DateProblem("impossible", f"'{written}' is not a real month")
        first, last = _month_range(int(m["y"]), number, number)
        precision = DatePrecision.APPROXIMATE if approximate else DatePrecision.MONTH
        return ReadDate(first, last, None, precision, written)
    m = SEASON_YEAR.match(body)
    if m:
        word = m["season"].lower()
        span = SEASONS.get(word) or PARTS.get(word)
        if span is None:
            raise DateProblem("unparseable", f"'{written}' is not {EXPECTED}")
        first, last = _month_range(int(m["y"]), *span)
        return ReadDate(first, last, None, DatePrecision.APPROXIMATE, written)
    m = YEAR.match(body)
    if m:
        first, last = _month_range(int(m["y"]), 1, 12)
        return ReadDate(first, last, None, DatePrecision.APPROXIMATE, written)
    raise DateProblem("unparseable", f"'{written}' is not {EXPECTED}")


def read_date(value, today: date) -> ReadDate:
    """The date of one cell: a date or datetime (an Excel date cell) or British text."""
    if isinstance(value, datetime):
        day, moment = value.date(), value.time().replace(microsecond=0)
        written = value.strftime("%d/%m/%Y %H:%M") if moment != time(0) else f"{day:%d/%m/%Y}"
        read = (
            ReadDate(day, day, moment, DatePrecision.DATETIME, written)
            if moment != time(0)
            else ReadDate(day, day, None, DatePrecision.DAY, written)
        )
    elif isinstance(value, date):
        read = ReadDate(value, value, None, DatePrecision.DAY, f"{value:%d/%m/%Y}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        raise DateProblem(
            "unparseable", f"'{value}' is a number, not {EXPECTED} (format the cell as a date)"
        )
    else:
        text = str(value or "").strip()
        if not text:
            raise DateProblem("unparseable", "Enter the date (the date column is empty)")
        read = _parse_text(text, today)
    if read.first > today:
        raise DateProblem("future", f"'{read.as_written}' is in the future")
    return read
