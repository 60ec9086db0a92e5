"""A list page as a download: CSV or XLSX of the rows the page shows, safe to open in a
spreadsheet. A cell that a spreadsheet would run as a formula (it starts with =, +, -, @,
a tab or a carriage return) is written with a leading apostrophe, as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Rows of a list page: the whole list is the download's.
PAGE_SIZE = 50


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class Table:
    """One list's columns: its headers and how a row of the list becomes cells. The web's
    list download and the API's export of the same list share one Table."""

    headers: tuple[str, ...]
    row: Callable[[Any], Sequence]

    def download(self, kind: str, name: str, objects: Iterable) -> HttpResponse:
        return download(kind, name, self.headers, (self.row(o) for o in objects))


def page_of(request, rows):
    """The page of an ordered list that `?page=` asks for (the first when it is missing or
    not a page, the last when past the end), as Django's Paginator gives it."""
    from django.core.paginator import Paginator

    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def wanted_format(request) -> str | None:
    """`?format=csv` or `?format=xlsx` on a list page; None for the page itself."""
    chosen = request.GET.get("format", "")
    return chosen if chosen in FORMATS else None


def download(
    kind: str, name: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    safe_rows = ([safe_cell(v) for v in row] for row in rows)
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(headers))
        for row in safe_rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"  # a string, whatever it starts with
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(safe_rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
