"""The geometry of a case's deadline timeline, drawn on the server as an SVG (no script): one
mark per dated obligation on a time axis, overdue ones as red squares, open ones as blue
circles, met ones as green rings, paused ones as grey triangles, today as a dashed line.
Marks that would overlap are stacked in lanes. The same dates go into the table beside it.

Plain functions of the engine's results: no queries. The SVG's marks and the table's rows
are written here (`svg`, `table_rows`) rather than in the template: a filter per attribute
of some thirty marks cost more than the rest of the compliance page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casereview.procedure.engine import Result

WIDTH = 640
MARGIN = 40  # half a month's label each side
TOP = 28  # room for "Today" above the marks
LANE = 18
RADIUS = 6
AXIS_GAP = 12
TICK_ROOM = 36
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_TICKS = 7

# status -> (shape, colour, what the legend calls it)
STYLES: dict[str, tuple[str, str, str]] = {
    "overdue": ("square", "#d4351c", "Overdue"),
    "due": ("circle", "#1d70b8", "Due"),
    "met": ("ring", "#00703c", "Met"),
    "paused": ("triangle", "#505a5f", "Paused"),
}


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    on: date
    status: str
    shape: str
    colour: str
    text: str
    obligation_id: str

    @property
    def label(self) -> str:
        return STYLES[self.status][2]

    @property
    def square(self) -> tuple[float, float, float]:
        """x, y and side of the square drawn for an overdue line."""
        return (self.x - RADIUS, self.y - RADIUS, 2 * RADIUS)

    @property
    def triangle(self) -> str:
        return (
            f"{self.x:.1f},{self.y - RADIUS:.1f} {self.x - RADIUS:.1f},{self.y + RADIUS:.1f} "
            f"{self.x + RADIUS:.1f},{self.y + RADIUS:.1f}"
        )


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    marks: list[Mark]
    ticks: list[Tick]
    today: date
    today_x: float
    axis_y: float
    first: date
    last: date

    @property
    def axis_from(self) -> int:
        return MARGIN

    @property
    def axis_to(self) -> int:
        return self.width - MARGIN

    @property
    def tick_end(self) -> float:
        return self.axis_y + 6

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 24

    @property
    def legend(self) -> list[tuple[str, str, str]]:
        """(shape, colour, label) of each kind of mark drawn, for the key beside the SVG."""
        drawn = {m.status for m in self.marks}
        return [style for status, style in STYLES.items() if status in drawn]

    @property
    def rows(self) -> list[Mark]:
        """The table alternative: every mark by date (then the regime's order)."""
        return sorted(self.marks, key=lambda m: m.on)

    @property
    def svg(self) -> SafeString:
        return svg(self)

    @property
    def table_rows(self) -> SafeString:
        return table_rows(self)

    @property
    def description(self) -> str:
        counts = {s: sum(1 for m in self.marks if m.status == s) for s in STYLES}
        parts = [f"{n} {STYLES[s][2].lower()}" for s, n in counts.items() if n]
        upcoming = [m for m in self.rows if m.status in ("due", "overdue")]
        nxt = (
            f" The next deadline is {upcoming[0].on:%-d %B %Y}: {upcoming[0].text}."
            if upcoming
            else ""
        )
        return (
            f"{len(self.marks)} deadline{'' if len(self.marks) == 1 else 's'} from "
            f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y} ({', '.join(parts)}); "
            f"today is {self.today:%-d %B %Y}.{nxt} The table below lists the same dates."
        )


def _months_between(first: date, last: date) -> list[date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _ticks(first: date, last: date, x_of) -> list[Tick]:
    months = [m for m in _months_between(first, last) if first <= m <= last]
    step = 1
    for step in (1, 2, 3, 4, 6, 12, 24, 60):
        if len(months[::step]) <= MAX_TICKS:
            break
    return [Tick(x_of(m), f"{MONTHS[m.month - 1]} {m.year}") for m in months[::step]]


def dated(results: Iterable[Result]) -> list[Result]:
    """The lines the timeline draws: applicable ones with a due date."""
    return [r for r in results if r.due is not None and r.status in STYLES]


def timeline(results: Iterable[Result], today: date) -> Timeline | None:
    """The timeline of `results`' deadlines, or None when none has a date."""
    lines = dated(results)
    if not lines:
        return None
    first = min([today, *(r.due for r in lines)])  # type: ignore[type-var]
    last = max([today, *(r.due for r in lines)])  # type: ignore[type-var]
    span = max((last - first).days, 1)
    usable = WIDTH - 2 * MARGIN

    def x_of(on: date) -> float:
        return round(MARGIN + usable * (on - first).days / span, 1)

    lanes: list[float] = []  # the x of the last mark in each lane
    marks = []
    for r in sorted(lines, key=lambda r: r.due):  # type: ignore[arg-type, return-value]
        x = x_of(r.due)  # type: ignore[arg-type]
        lane = next((i for i, end in enumerate(lanes) if x - end >= 2 * RADIUS + 3), None)
        if lane is None:
            lanes.append(x)
            lane = len(lanes) - 1
        else:
            lanes[lane] = x
        shape, colour, _ = STYLES[r.status]
        marks.append(
            Mark(
                x=x,
                y=TOP + LANE * lane + RADIUS,
                on=r.due,  # type: ignore[arg-type]
                status=r.status,
                shape=shape,
                colour=colour,
                text=r.obligation.text,
                obligation_id=r.obligation.id,
            )
        )
    axis_y = TOP + LANE * len(lanes) + AXIS_GAP
    return Timeline(
        width=WIDTH,
        height=int(axis_y + TICK_ROOM),
        marks=marks,
        ticks=_ticks(first, last, x_of),
        today=today,
        today_x=x_of(today),
        axis_y=axis_y,
        first=first,
        last=last,
    )


def _shape(m: Mark) -> str:
    if m.shape == "square":
        x, y, side = m.square
        return f'<rect x="{x:.1f}" y="{y:.1f}" width="{side}" height="{side}" fill="{m.colour}"/>'
    if m.shape == "ring":
        return (
            f'<circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="5" fill="#ffffff" stroke="{m.colour}" '
            'stroke-width="3"/>'
        )
    if m.shape == "triangle":
        return f'<polygon points="{m.triangle}" fill="{m.colour}"/>'
    return f'<circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="{RADIUS}" fill="{m.colour}"/>'


def svg(t: Timeline) -> SafeString:
    """The axis, its ticks, today's line and the marks (inside the page's <svg> element)."""
    axis = f"{t.axis_y:.1f}"
    parts = [
        f'<line x1="{t.axis_from}" x2="{t.axis_to}" y1="{axis}" y2="{axis}" stroke="#505a5f" '
        'stroke-width="2"/>'
    ]
    for tick in t.ticks:
        parts.append(
            f'<line x1="{tick.x:.1f}" x2="{tick.x:.1f}" y1="{axis}" y2="{t.tick_end:.1f}" '
            f'stroke="#505a5f" stroke-width="2"/><text x="{tick.x:.1f}" '
            f'y="{t.tick_label_y:.1f}" text-anchor="middle" font-size="14" fill="#0b0c0c">'
            f"{escape(tick.label)}</text>"
        )
    parts.append(
        f'<line x1="{t.today_x:.1f}" x2="{t.today_x:.1f}" y1="18" y2="{axis}" stroke="#0b0c0c" '
        f'stroke-width="2" stroke-dasharray="4 3"/><text x="{t.today_x:.1f}" y="14" '
        'text-anchor="middle" font-size="14" font-weight="bold" fill="#0b0c0c">Today</text>'
    )
    for m in t.marks:
        parts.append(
            f'<g class="app-timeline__mark" data-date="{m.on.isoformat()}" '
            f'data-status="{escape(m.status)}"><title>{m.on:%-d %B %Y}: {escape(m.text)} '
            f"({m.label})</title>{_shape(m)}</g>"
        )
    # Every text went through escape(); the rest are numbers, dates and fixed markup.
    return mark_safe("\n    ".join(parts))  # noqa: S308


def table_rows(t: Timeline) -> SafeString:
    """The rows of the table beside the SVG: every mark by date."""
    parts = [
        '<tr class="govuk-table__row">'
        '<td class="govuk-table__cell app-nowrap" data-label="Deadline">'
        f'<time datetime="{m.on.isoformat()}">{m.on:%-d %b %Y}</time></td>'
        '<td class="govuk-table__cell" data-label="What the procedure asks">'
        f'<a class="govuk-link" href="#obligation-{escape(m.obligation_id)}">{escape(m.text)}</a>'
        f'</td><td class="govuk-table__cell" data-label="Status">{m.label}</td></tr>'
        for m in t.rows
    ]
    # Every text went through escape(); the rest are dates and fixed markup.
    return mark_safe("\n".join(parts))  # noqa: S308
