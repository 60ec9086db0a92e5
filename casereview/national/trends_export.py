"""The national trends as one CSV: every trends table and the theme prevalence, each cell
already through small-cell suppression (suppression.grid, as on the page): a suppressed
count or share shows [c]. The trends page's download and the API's export send this."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from casereview.lib.tables import safe_cell

from . import trends
from .suppression import MARK

NAME = "national-trends"


def rows(data: trends.Trends) -> list[list]:
    found: list[list] = [["Cells of 1 to 4 reviews, and cells that would reveal them, show [c]."]]
    for table in data.tables:
        found.append([])
        found.extend(table.csv_rows())
    found.append([])
    found.append(["Theme prevalence", "Year", "Reviews", "Of", "Share", "Low 95%", "High 95%"])
    for theme, points in data.prevalence.items():
        for p in points:
            shown = p.share is not None
            found.append(
                [
                    trends.label("theme", theme),
                    p.year,
                    str(p.cell),
                    str(p.denominator),
                    f"{p.share:.3f}" if shown else MARK,
                    f"{p.low:.3f}" if shown else MARK,
                    f"{p.high:.3f}" if shown else MARK,
                ]
            )
    return found


def download(data: trends.Trends) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{NAME}.csv"'
    csv.writer(response).writerows([safe_cell(v) for v in row] for row in rows(data))
    return response
