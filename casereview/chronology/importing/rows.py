"""One row of a chronology file checked: the entry's fields, or every reason it cannot be
used, each with the row number as the spreadsheet shows it and the column's title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..dates import DateProblem, read_date
from ..models import ChildSeen
from .columns import BY_KEY

CHILD_SEEN = {
    "yes": ChildSeen.YES,
    "y": ChildSeen.YES,
    "no": ChildSeen.NO,
    "n": ChildSeen.NO,
    "unknown": ChildSeen.UNKNOWN,
    "notknown": ChildSeen.UNKNOWN,
    "": ChildSeen.UNKNOWN,
}
LIMITS = {"source_ref": 100, "practitioner_role": 150}


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


@dataclass
class RowChecker:
    agency_name: str
    today: date
    period: tuple[date, date] | None
    positions: dict[str, int]

    def _cell(self, values: list, key: str):
        position = self.positions.get(key)
        if position is None or position >= len(values):
            return None
        return values[position]

    def check(self, number: int, values: list) -> tuple[dict | None, list[dict]]:
        errors: list[dict] = []

        def refuse(key: str, reason: str) -> None:
            errors.append({"row": number, "column": BY_KEY[key].title, "reason": reason})

        fields = {key: text_of(self._cell(values, key)) for key in BY_KEY if key != "date"}
        read = None
        try:
            read = read_date(self._cell(values, "date"), self.today)
        except DateProblem as problem:
            refuse("date", problem.message)
        agency = fields.pop("agency")
        if agency and not same_name(agency, self.agency_name):
            refuse(
                "agency",
                f"'{agency}' is not this chronology's agency ({self.agency_name}): "
                "each agency imports its own entries",
            )
        if not fields["event"]:
            refuse("event", "Enter the event or contact (the column is empty)")
        seen = CHILD_SEEN.get(re.sub(r"\s", "", fields["child_seen"].casefold()))
        if seen is None:
            refuse("child_seen", f"'{fields['child_seen']}' must be yes, no or unknown")
        fields["child_seen"] = seen
        for key, limit in LIMITS.items():
            if len(fields[key]) > limit:
                refuse(key, f"Must be {limit} characters or fewer")
        if read is not None and len(read.as_written) > 100:
            refuse("date", "Must be 100 characters or fewer")
        if errors:
            return None, errors
        fields.update(
            occurred_from=read.first,
            occurred_to=read.last,
            occurred_time=read.time,
            precision=read.precision,
            date_as_written=read.as_written,
            is_context=self.period is not None
            and (read.last < self.period[0] or read.first > self.period[1]),
        )
        return fields, []
