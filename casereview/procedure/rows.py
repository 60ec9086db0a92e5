"""A predicate's or check's rows read through a plain cursor, for the reads of a whole batch.

At national scale the ORM's conversion of every value of every row (each case id into a
UUID, each date and time parsed and made aware) cost more than the database's reading of
them. `fetch` runs the queryset's own SQL, so the query stays portable, and returns the
values as the driver gives them: a case id is the hex text of its UUID on SQLite (a UUID on
PostgreSQL), and on SQLite an aggregate of a date or a time is its ISO text. `CaseKeys`,
`to_date`, `to_localdate` and `to_uuid` turn the ones a check uses into what the ORM gives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone


def fetch(queryset: QuerySet) -> list[tuple]:
    """The rows of a `values_list` queryset, as the database driver returns them."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # e.g. `__in` an empty list of cases
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class CaseKeys(dict):
    """{a case id as the driver returns it: the case's own pk}, so that a raw row's case id
    becomes the same key every other predicate and check returns, with a dict look-up instead
    of a UUID parsed per row."""

    def __init__(self, cases: Any, using: str = "default"):
        cases = list(cases)
        if cases:
            field, connection = cases[0]._meta.pk, connections[using]
            super().__init__((field.get_db_prep_value(c.pk, connection), c.pk) for c in cases)


def to_date(value: Any) -> date | None:
    """A DateField's value as the driver returns it."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def to_localdate(value: Any, zone: tzinfo | None = None) -> date | None:
    """A DateTimeField's value as the driver returns it, as a date in `zone` (by default the
    current time zone: what `timezone.localdate` gives for the ORM's aware datetime). Over
    many rows, look the zone up once and pass it: the look-up costs more than the rest."""
    if value is None:
        return None
    # SQLite keeps a datetime as its UTC time in ISO text (USE_TZ, no database TIME_ZONE):
    # a column comes back parsed but naive, an aggregate of one as the text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone or timezone.get_current_timezone()).date()


def to_uuid(value: Any) -> UUID | None:
    """A UUIDField's value as the driver returns it (for the few a check puts in a link)."""
    if value is None or isinstance(value, UUID):
        return value
    return UUID(value)
