"""A corpus of chronology files shaped like those agencies send, generated here: CSV in
UTF-8 with and without a byte-order mark and in Windows-1252, XLSX with Excel date cells or
text dates, reordered and extra columns, trailing blank rows, and rows with each kind of
mistake. Names and events are synthetic."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from casereview.chronology.services import chronology_for
from casereview.reviews.models import TermsOfReference

TITLES = (
    "Date",
    "Agency",
    "Source record reference",
    "Practitioner role",
    "Event or contact",
    "Decision or action",
    "Child seen",
    "Agency analysis",
)
PERIOD = (date(2024, 1, 1), date(2025, 12, 31))
# The test child's date of birth (conftest): a row before it does not say the child was seen.
BORN = date(2024, 5, 17)
SEEN = ("yes", "no", "unknown", "Yes", "")
ROLES = ("Health visitor", "Police constable", "Social worker", "GP", "School nurse")
EVENTS = (
    "Home visit; the baby was weighed",
    "Call from a neighbour about crying at night",
    "Strategy discussion with children's social care",
    "Missed appointment at the clinic; letter sent",
    "Café visit noted by the école liaison officer",  # non-ASCII, in Windows-1252
)


def row(n: int, agency: str, day: date | None = None, **overrides) -> dict:
    day = day or PERIOD[0] + timedelta(days=n % 700)
    values = {
        "Date": f"{day:%d/%m/%Y}",
        "Agency": agency,
        "Source record reference": f"REF-{n:06d}",
        "Practitioner role": ROLES[n % len(ROLES)],
        "Event or contact": EVENTS[n % len(EVENTS)],
        "Decision or action": "No further action" if n % 3 else "",
        "Child seen": SEEN[n % 5] if day >= BORN or n % 5 not in (0, 3) else "no",
        "Agency analysis": "",
    }
    values.update(overrides)
    return values


def rows(count: int, agency: str, start: int = 1) -> list[dict]:
    return [row(n, agency) for n in range(start, start + count)]


def value_of(values: dict, header: str):
    """The value for a column however the file spells its heading ("  EVENT or CONTACT ")."""
    wanted = "".join(header.split()).casefold()
    for key, value in values.items():
        if "".join(key.split()).casefold() == wanted:
            return value
    return ""


def csv_bytes(
    data: list[dict],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    headers: tuple[str, ...] = TITLES,
    trailing_blank: int = 0,
    delimiter: str = ",",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for values in data:
        writer.writerow([value_of(values, h) for h in headers])
    for _ in range(trailing_blank):
        writer.writerow([""] * len(headers))
    body = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + body


def xlsx_bytes(
    data: list[dict],
    *,
    headers: tuple[str, ...] = TITLES,
    excel_dates: bool = True,
    trailing_blank: int = 0,
) -> bytes:
    """Dates as Excel date cells (datetime values) when `excel_dates`, else as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for values in data:
        cells = []
        for h in headers:
            value = value_of(values, h)
            if h == "Date" and excel_dates and isinstance(value, str):
                with contextlib.suppress(ValueError):
                    value = datetime.strptime(value, "%d/%m/%Y")
            cells.append(value)
        sheet.append(cells)
    for _ in range(trailing_blank):
        sheet.append([None] * len(headers))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "chronology.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def agree_terms(review, actor, period: tuple[date, date] = PERIOD) -> TermsOfReference:
    return TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=period[0],
        period_end=period[1],
        family_involvement="The family is invited to contribute",
        status="agreed",
        agreed_on=date(2026, 3, 20),
        created_by=actor,
        created_at=timezone.now(),
    )


def police_chronology(world, review):
    return chronology_for(review, world.police)
