"""Case references: `<board prefix>-N<year>-<number>` for a notification, numbered per board
and year from a counter row locked by the creating transaction, so that two notifications
never get the same number. A review takes its notification's reference with `N` made `R`.

References are read by position from the right, so a board prefix that itself looks like
a reference part (`N-N2026`) cannot confuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.db import transaction

from casereview.accounts.models import Board

from .models import Notification, ReferenceCounter

NOTIFICATION = "N"
REVIEW = "R"
_KIND_YEAR = re.compile(r"([NR])([0-9]{4})")
_NUMBER = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Reference:
    prefix: str
    kind: str
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.prefix}-{self.kind}{self.year}-{self.number:04d}"


def parse(reference: str) -> Reference:
    """The parts of a reference; ValueError if it is not one."""
    parts = reference.rsplit("-", 2)
    if len(parts) != 3 or not parts[0]:
        raise ValueError("not a case reference")
    prefix, kind_year, number = parts
    kind = _KIND_YEAR.fullmatch(kind_year)
    if kind is None or not _NUMBER.fullmatch(number):
        raise ValueError("not a case reference")
    return Reference(prefix, kind[1], int(kind[2]), int(number))


def review_reference(notification_reference: str) -> str:
    """The reference of the review opened for a notification: the same, with R for N."""
    reference = parse(notification_reference)
    if reference.kind != NOTIFICATION:
        raise ValueError("not a notification reference")
    return str(replace(reference, kind=REVIEW))


def highest_number(references, year: int) -> int:
    """The highest notification number of `year` among `references` (0 if none)."""
    numbers = [0]
    for text in references:
        try:
            reference = parse(text)
        except ValueError:
            continue
        if reference.kind == NOTIFICATION and reference.year == year:
            numbers.append(reference.number)
    return max(numbers)


def next_notification_reference(board: Board, year: int) -> str:
    """The next notification reference of the board's year. Call it inside the transaction
    that saves the notification: the counter row stays locked until that commits (on SQLite
    the immediate transaction already holds the database's write lock)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take a reference inside the transaction that saves it")
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(board=board, year=year).first()
    if counter is None:
        # The board's first notification of the year through the counter: start after any
        # written without it (imports, the synthetic generator). A transaction that loses
        # the race to create the row waits for the winner and then uses its row.
        taken = Notification.objects.filter(board=board, reference__contains=f"-N{year}-")
        start = highest_number(taken.values_list("reference", flat=True), year)
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(board=board, year=year, last_number=start)], ignore_conflicts=True
        )
        counter = counters.get(board=board, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return str(Reference(board.reference_prefix, NOTIFICATION, year, counter.last_number))


def reset_counters(board: Board) -> None:
    """Set the board's counters to the highest notification number of each year among its
    references, after references were written without them (the generator's renumbering),
    so that the next notification follows the highest one."""
    references = list(Notification.objects.filter(board=board).values_list("reference", flat=True))
    years = set()
    for text in references:
        try:
            reference = parse(text)
        except ValueError:
            continue
        if reference.kind == NOTIFICATION:
            years.add(reference.year)
    with transaction.atomic():
        ReferenceCounter.objects.filter(board=board).delete()
        ReferenceCounter.objects.bulk_create(
            ReferenceCounter(board=board, year=year, last_number=highest_number(references, year))
            for year in sorted(years)
        )
