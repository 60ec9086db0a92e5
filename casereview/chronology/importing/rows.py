"""One row of a chronology file checked: the entry's fields, or every reason it cannot be
used, each with the row number as the spreadsheet shows it and the column's title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..dates import DateProblem, read_date
from ..entry_dates import SEEN_BEFORE_BIRTH, seen_before_birth
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
    if type(value) is str:
        return value.strip()
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
    # The child's date of birth, when known: a row before it may not say the child was seen.
    born: date | None = None

    def __post_init__(self):
        # Per-row work is the import's cost: resolve the columns and the agency's name once.
        self._texts = [(k, self.positions.get(k)) for k in BY_KEY if k not in ("date", "agency")]
        self._date = self.positions.get("date")
        self._agency = self.positions.get("agency")
        self._agency_key = " ".join(self.agency_name.split()).casefold()

    def check(self, number: int, values: list) -> tuple[dict | None, list[dict]]:
        width = len(values)
        fields = {
            key: text_of(values[at]) if at is not None and at < width else ""
            for key, at in self._texts
        }
        errors: list[dict] = []

        def refuse(key: str, reason: str) -> None:
            errors.append({"row": number, "column": BY_KEY[key].title, "reason": reason})

        read = None
        at = self._date
        try:
            read = read_date(values[at] if at is not None and at < width else None, self.today)
        except DateProblem as problem:
            refuse("date", problem.message)
        at = self._agency
        agency = text_of(values[at]) if at is not None and at < width else ""
        if agency and " ".join(agency.split()).casefold() != self._agency_key:
            refuse(
                "agency",
                f"'{agency}' is not this chronology's agency ({self.agency_name}): "
                "each agency imports its own entries",
            )
        if not fields["event"]:
            refuse("event", "Enter the event or contact (the column is empty)")
        written = fields["child_seen"]
        seen = CHILD_SEEN.get(written) or CHILD_SEEN.get("".join(written.split()).casefold())
        if seen is None:
            refuse("child_seen", f"'{written}' must be yes, no or unknown")
        fields["child_seen"] = seen
        if read is not None and seen_before_birth(seen, read.last, self.born):
            refuse("child_seen", SEEN_BEFORE_BIRTH)
        for key, limit in LIMITS.items():
            if len(fields[key]) > limit:
                refuse(key, f"Must be {limit} characters or fewer")
        if read is not None and len(read.as_written) > 100:
            refuse("date", "Must be 100 characters or fewer")
        if errors:
            return None, errors
        period = self.period
        fields.update(
            occurred_from=read.first,
            occurred_to=read.last,
            occurred_time=read.time,
            precision=read.precision,
            date_as_written=read.as_written,
            is_context=period is not None and (read.last < period[0] or read.first > period[1]),
        )
        return fields, []
