"""Contacts per agency per month: one aggregate query, drawn on the server as a stacked bar
chart in SVG (no script), with the same numbers in a table beside it. The SVG and the table
are written here rather than in the template: a three-year chronology has hundreds of bars
and cells, and the template language costs more than the rest of the page."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LEFT = 40
RIGHT = 10
TOP = 10
HEIGHT = 200
BOTTOM = 40
MAX_LABELS = 12
# GOV.UK colours that stay apart for most kinds of colour blindness, in order of use.
COLOURS = (
    "#1d70b8",
    "#f47738",
    "#00703c",
    "#912b88",
    "#d4351c",
    "#28a197",
    "#6f72af",
    "#b58840",
    "#505a5f",
    "#0b0c0c",
)


class Bar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    agencies: list[tuple[str, str]]  # (name, colour)
    months: list[date]
    rows: list[tuple[date, list[int], int]]  # the table: month, count per agency, total
    totals: list[int]
    bars: list[Bar]
    ticks: list[Tick]
    y_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = TOP + HEIGHT + BOTTOM
    axis_y: float = TOP + HEIGHT
    left: int = LEFT


def _months(first: date, last: date) -> list[date]:
    months, on = [], first
    while on <= last:
        months.append(on)
        on = date(on.year + on.month // 12, on.month % 12 + 1, 1)
    return months


def counts(entries) -> list[tuple[str, date, int]]:
    """(agency name, first day of month, contacts) of the entries, in one query. Grouped by
    day in SQL and by month here: a month function would run once a row on SQLite."""
    by_month: dict[tuple[str, date], int] = defaultdict(int)
    # COUNT(*), not of a column: the index answers alone.
    rows = entries.order_by().values_list("agency__name", "occurred_from").annotate(n=Count("*"))
    for name, day, n in rows:
        by_month[(name, day.replace(day=1))] += n
    return [(name, month, n) for (name, month), n in by_month.items()]


def chart(rows: list[tuple[str, date, int]]) -> Chart | None:
    if not rows:
        return None
    names = sorted({name for name, _, _ in rows})
    colour = {name: COLOURS[n % len(COLOURS)] for n, name in enumerate(names)}
    by = {(name, month): n for name, month, n in rows}
    months = _months(min(m for _, m, _ in rows), max(m for _, m, _ in rows))
    table = []
    for month in months:
        per = [by.get((name, month), 0) for name in names]
        table.append((month, per, sum(per)))
    peak = max(total for _, _, total in table)
    step = (WIDTH - LEFT - RIGHT) / len(months)
    scale = HEIGHT / peak
    bars = []
    width = step * 0.8
    for i, (month, per, _) in enumerate(table):
        y = TOP + HEIGHT
        x = LEFT + i * step + step * 0.1
        label = f"{month:%B %Y}"
        for name, n in zip(names, per, strict=True):
            if not n:
                continue
            height = n * scale
            y -= height
            title = f"{label}: {name}, {n} contact{'s' if n != 1 else ''}"
            bars.append(Bar(x, y, width, height, colour[name], title))
    every = max(1, -(-len(months) // MAX_LABELS))
    ticks = [
        Tick(LEFT + (i + 0.5) * step, f"{month:%b %y}")
        for i, month in enumerate(months)
        if i % every == 0
    ]
    y_ticks = [(TOP + HEIGHT - v * scale, v) for v in sorted({0, peak // 2, peak})]
    return Chart(
        agencies=[(name, colour[name]) for name in names],
        months=months,
        rows=table,
        totals=[sum(by.get((name, m), 0) for m in months) for name in names],
        bars=bars,
        ticks=ticks,
        y_ticks=y_ticks,
    )


def svg(c: Chart) -> SafeString:
    """The chart's SVG markup (inside the page's <svg> element)."""
    parts = []
    for y, v in c.y_ticks:
        parts.append(
            f'<line x1="{c.left}" x2="{c.width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
            f'stroke-width="1"/><text x="{c.left - 4}" y="{y:.1f}" text-anchor="end" '
            f'font-size="12" fill="#0b0c0c">{v}</text>'
        )
    # A month's bars share their x and every bar its width: each is formatted once.
    xs: dict[float, str] = {}
    for b in c.bars:
        x = xs.get(b.x)
        if x is None:
            x = xs[b.x] = f'<rect x="{b.x:.1f}" width="{b.width:.1f}" y="'
        parts.append(
            f'{x}{b.y:.1f}" height="{b.height:.1f}" fill="{b.colour}"><title>'
            f"{html.escape(b.title)}</title></rect>"
        )
    for t in c.ticks:
        parts.append(
            f'<text x="{t.x:.1f}" y="{c.axis_y + 18:g}" text-anchor="middle" font-size="12" '
            f'fill="#0b0c0c">{escape(t.label)}</text>'
        )
    # Every text went through escape() (the titles through html.escape, which it wraps); the
    # rest are numbers and fixed markup.
    return mark_safe("".join(parts))  # noqa: S308


_TH = '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
_TD = '<td class="govuk-table__cell govuk-table__cell--numeric">'


def table_rows(c: Chart, count: int) -> SafeString:
    """The head and body rows of the chart's table (month, one column per agency, all)."""
    head = "".join(f"{_TH}{escape(name)}</th>" for name, _ in c.agencies)
    parts = [
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        f'<th scope="col" class="govuk-table__header">Month</th>{head}{_TH}All</th></tr></thead>'
        '<tbody class="govuk-table__body">'
    ]
    for month, per, total in c.rows:
        cells = "".join(f"{_TD}{n}</td>" for n in per)
        parts.append(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{month:%B %Y}</th>{cells}{_TD}{total}</td></tr>"
        )
    cells = "".join(f"{_TD}{n}</td>" for n in c.totals)
    parts.append(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">All months'
        f"</th>{cells}{_TD}{count}</td></tr></tbody>"
    )
    # Agency names went through escape(); the rest are numbers, months and fixed markup.
    return mark_safe("".join(parts))  # noqa: S308
