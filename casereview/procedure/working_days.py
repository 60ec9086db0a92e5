"""The working calendar in force: England and Wales bank holidays (clocks.england_and_wales)
plus the one-off days administrators have added and the years they have confirmed.

`current()` costs two small queries whatever the number of cases, and returns the same
calendar object while nothing changes (the engine caches deadlines per calendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record

from .clocks import WorkingCalendar, covered_years, england_and_wales, rule_holidays
from .models import ConfirmedHolidayYear, OneOffHoliday


def current() -> WorkingCalendar:
    days = tuple(
        OneOffHoliday.objects.filter(removed_at__isnull=True)
        .order_by("date")
        .values_list("date", flat=True)
    )
    years = tuple(ConfirmedHolidayYear.objects.order_by("year").values_list("year", flat=True))
    return _calendar(days, years)


@lru_cache(maxsize=16)
def _calendar(days: tuple[date, ...], years: tuple[int, ...]) -> WorkingCalendar:
    return england_and_wales().with_extra(days, years)


def unlisted_years(results: Iterable, calendar: WorkingCalendar, today: date) -> dict[str, list]:
    """For each result whose working-day clock runs through a year with no authoritative list
    of bank holidays: those years, by obligation id. A clock held by a pause is read up to
    today at least (it will run on past it)."""
    found: dict[str, list[int]] = {}
    for result in results:
        clock = result.deadline
        if clock is None or not clock.working or clock.start is None:
            continue
        end = clock.due if clock.due is not None else max(today, clock.start)
        if years := calendar.unlisted_years(clock.start, end):
            found[result.obligation.id] = years
    return found


def years_listed_by_govuk() -> range:
    return covered_years()


def rule_holidays_for(year: int) -> list[tuple[date, str]]:
    """What the rules give for a year (shown to the administrator who confirms it)."""
    return sorted(rule_holidays([year]).items())


def add_one_off(*, day: date, name: str, actor, context: RequestContext) -> OneOffHoliday:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the name of the bank holiday"})
    if day.weekday() >= 5:
        raise ValidationError({"day": "Choose a weekday: weekends are never working days"})
    if day in england_and_wales().holidays:
        raise ValidationError({"day": "That day is already a bank holiday"})
    with transaction.atomic():
        if OneOffHoliday.objects.filter(date=day, removed_at__isnull=True).exists():
            raise ValidationError({"day": "That day has already been added"})
        holiday = OneOffHoliday.objects.create(date=day, name=name, added_by=actor)
        record(
            "calendar.holiday_add",
            holiday,
            detail={"date": day.isoformat()},
            actor=actor,
            context=context,
        )
    return holiday


def remove_one_off(holiday: OneOffHoliday, *, actor, context: RequestContext) -> None:
    with transaction.atomic():
        holiday = OneOffHoliday.objects.select_for_update().get(pk=holiday.pk)
        if holiday.removed_at is not None:
            return
        holiday.removed_by = actor
        holiday.removed_at = timezone.now()
        holiday.save(update_fields=["removed_by", "removed_at"])
        record(
            "calendar.holiday_remove",
            holiday,
            detail={"date": holiday.date.isoformat()},
            actor=actor,
            context=context,
        )


def confirm_year(*, year: int, actor, context: RequestContext) -> ConfirmedHolidayYear:
    last = covered_years()[-1]
    if year <= last:
        raise ValidationError({"year": f"GOV.UK's list already covers every year to {last}"})
    if year > timezone.localdate().year + 2:
        raise ValidationError(
            {"year": "Confirm a year once its bank holidays are announced, at most two years ahead"}
        )
    with transaction.atomic():
        confirmed, created = ConfirmedHolidayYear.objects.get_or_create(
            year=year, defaults={"confirmed_by": actor}
        )
        if created:
            record(
                "calendar.year_confirm",
                confirmed,
                detail={"year": year},
                actor=actor,
                context=context,
            )
    return confirmed
