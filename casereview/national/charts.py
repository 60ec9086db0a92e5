"""Server-rendered SVG charts of the trends (no script, no inline style: CSP). Each chart has
a table alternative on the page; suppressed values are not drawn (the chart says so)."""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .report import PREVALENCE
from .report import Table as ReportTable
from .suppression import Cell
from .trends import Trends, label

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 180, 20, 40
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f")


def _svg(title: str, body: list[str], desc: str) -> SafeString:
    key = slugify(title)
    # Every text in `body` went through escape(); the rest are numbers and fixed markup.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-{key}-t chart-{key}-d" class="app-chart">'
        f'<title id="chart-{key}-t">{escape(title)}</title>'
        f'<desc id="chart-{key}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def count_axis_top(highest: int) -> int:
    """The top of a count axis: four equal whole steps that reach the highest bar, so every
    tick is a whole number at its true height (a top of 7 labelled 0 2 4 5 7 put "5" at
    5.25, and a top of 1 read 0 0 0 1 1)."""
    return 4 * max(1, math.ceil(highest / 4))


def _axes(top_value: float, percent: bool) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#0b0c0c"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#0b0c0c"/>',
    ]
    for i in range(5):
        value = top_value * i / 4
        y = HEIGHT - BOTTOM - plot_h * i / 4
        text = f"{value:.0%}" if percent else f"{value:.0f}"
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{text}</text>'
        )
    return out


def _y(value: float, top_value: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - (plot_h * value / top_value if top_value else 0)


def bars(title: str, labels: list[str], cells: list[Cell], desc: str) -> SafeString:
    """A bar chart of counts; a suppressed bar is drawn as nothing, labelled [c]."""
    top_value = count_axis_top(max([c.count for c in cells if not c.suppressed] or [0]))
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(len(cells), 1)
    body = _axes(top_value, percent=False)
    for i, (name, c) in enumerate(zip(labels, cells, strict=True)):
        x = LEFT + i * step + step * 0.15
        if c.suppressed:
            body.append(
                f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM - 4}" font-size="11" '
                'text-anchor="middle">[c]</text>'
            )
        elif c.count:
            y = _y(c.count, top_value)
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                f'height="{HEIGHT - BOTTOM - y:.1f}" fill="{COLOURS[0]}"/>'
            )
        body.append(
            f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    return _svg(title, body, desc)


Series = dict[str, list[tuple[float, float, float] | None]]  # name → (share, low, high) by year


def prevalence(trends: Trends) -> SafeString:
    """Each leading theme's share of the year's reviews, with its 95% Wilson interval."""
    series: Series = {
        label("theme", theme): [
            None if p.share is None else (p.share, p.low, p.high) for p in points
        ]
        for theme, points in trends.prevalence.items()
    }
    return _prevalence([str(y) for y in trends.years], series)


def _prevalence(years: list[str], series: Series) -> SafeString:
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(len(years), 1)
    highs = [p[2] for points in series.values() for p in points if p and p[2]]
    top_value = min(1.0, max(highs or [1.0]) * 1.1) or 1.0
    body = _axes(top_value, percent=True)
    for i, year in enumerate(years):
        body.append(
            f'<text x="{LEFT + step * (i + 0.5):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
            f'text-anchor="middle">{escape(year)}</text>'
        )
    for n, (name, points) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        offset = (n - len(series) / 2) * 4
        previous = None
        for i, p in enumerate(points):
            if p is None:
                previous = None
                continue
            share, low, high = p
            x = LEFT + step * (i + 0.5) + offset
            y = _y(share, top_value)
            body.append(
                f'<line x1="{x:.1f}" y1="{_y(low, top_value):.1f}" x2="{x:.1f}" '
                f'y2="{_y(high, top_value):.1f}" stroke="{colour}" stroke-width="1"/>'
            )
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            if previous:
                body.append(
                    f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{x:.1f}" '
                    f'y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>'
                )
            previous = (x, y)
        body.append(
            f'<rect x="{WIDTH - RIGHT + 10}" y="{TOP + n * 18}" width="10" height="10" '
            f'fill="{colour}"/><text x="{WIDTH - RIGHT + 26}" y="{TOP + n * 18 + 9}" '
            f'font-size="11">{escape(name)}</text>'
        )
    return _svg(
        "Theme prevalence",
        body,
        "The share of each year's reviews with each leading theme, with 95% intervals; "
        "suppressed years are not drawn. The table below gives the same figures.",
    )


def _report_bars(title: str, table: ReportTable, desc: str) -> SafeString:
    # A report table's count is an int, or None when suppressed: never drawn as a value.
    cells = [Cell(row[1] or 0, row[1] is None) for row in table.rows]
    return bars(title, [str(row[0]) for row in table.rows], cells, desc)


def _report_prevalence(table: ReportTable) -> SafeString:
    years = sorted({row[1] for row in table.rows})
    series: Series = {}
    for name, year, _count, _of, share, low, high in table.rows:
        points = series.setdefault(name, [None] * len(years))
        if share is not None:
            points[years.index(year)] = (share / 100, low / 100, high / 100)
    return _prevalence(years, series)


def overview(tables: list[ReportTable]) -> dict[str, SafeString]:
    """The overview report's charts (page and PDF), drawn from its stored tables, keyed by
    the table each stands beside (that table is its alternative)."""
    by_key = {t.key: t for t in tables}
    charts: dict[str, SafeString] = {}
    if (t := by_key.get(PREVALENCE)) and t.rows:
        charts[PREVALENCE] = _report_prevalence(t)
    if (t := by_key.get("age_band")) and t.rows:
        charts["age_band"] = _report_bars(
            "Age profile", t, "Reviews by the child's age band; [c] marks a suppressed count."
        )
    if (t := by_key.get("outcome")) and t.rows:
        charts["outcome"] = _report_bars(
            "Outcomes", t, "Reviews by the outcome of the incident; [c] marks a suppressed count."
        )
    return charts
