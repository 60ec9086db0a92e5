"""The tracker's charts, drawn on the server as SVG (no script) with a table of the same
numbers beside each: actions by status at the end of each recent month, overdue actions by
agency, and the time from a recommendation to its verified change. They read `facts()`, a
few columns of each action in one query, not the actions as models: the tracker charts every
action a board's filters keep (and lists a page of them from the same columns)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import ActionStatus, ProgressUpdate
from .rag import is_overdue

STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "#b1b4b6",
    ActionStatus.IN_PROGRESS: "#1d70b8",
    ActionStatus.COMPLETED: "#f47738",
    ActionStatus.VERIFIED: "#00703c",
}
WIDTH, BAR, GAP, LABEL = 560, 22, 8, 150
TIME_BUCKETS = (
    (0, 90, "Under 3 months"),
    (90, 180, "3 to 6 months"),
    (180, 365, "6 to 12 months"),
    (365, None, "A year or more"),
)


class Fact(NamedTuple):
    """What the charts, and the tracker's table, read of one action."""

    pk: int
    created_at: datetime
    verified_on: date | None
    status: str
    target_date: date
    agency: str
    made_on: date  # the recommendation's
    review_id: int
    review: str  # its reference
    description: str
    owner: str
    rag: str


def facts(actions: QuerySet) -> list[Fact]:
    """The columns the charts and the tracker's table read of `actions`, in their order, in
    one query."""
    return [
        Fact(*row)
        for row in actions.values_list(
            "pk",
            "created_at",
            "verified_on",
            "status",
            "target_date",
            "owner_agency__name",
            "recommendation__made_on",
            "review_id",
            "review__reference",
            "description",
            "owner",
            "rag",
        )
    ]


@dataclass(frozen=True)
class Segment:
    series: str
    value: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    segments: tuple[Segment, ...]
    total: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    height: int
    label_width: int = LABEL
    width: int = WIDTH

    @property
    def empty(self) -> bool:
        return not any(b.total for b in self.bars)

    @property
    def svg(self) -> SafeString:
        return svg(self)

    @property
    def table_body(self) -> SafeString:
        return table_body(self)


def _chart(id_: str, title: str, rows, series, colours) -> Chart:
    top = max([sum(v for _, v in values) for _, values in rows] + [1])
    scale = (WIDTH - LABEL - 40) / top
    bars = []
    for i, (label, values) in enumerate(rows):
        x, segments = float(LABEL), []
        for name, value in values:
            w = value * scale
            segments.append(
                Segment(name, value, round(x, 1), round(w, 1), colours.get(name, "#1d70b8"))
            )
            x += w
        bars.append(Bar(label, i * (BAR + GAP), tuple(segments), sum(v for _, v in values)))
    return Chart(id_, title, tuple(series), tuple(bars), max(len(rows), 1) * (BAR + GAP))


def _month_ends(today: date, months: int) -> list[date]:
    ends, d = [], today
    for _ in range(months):
        ends.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    return list(reversed(ends))


def status_over_time(
    actions: list[Fact], today: date, board_id: int, months: int = 6, review_id=None
) -> Chart:
    updates: dict = {}
    scope = {"review_id": review_id} if review_id else {"review__board_id": board_id}
    for action_id, on, status in (
        ProgressUpdate.objects.filter(withdrawn_at__isnull=True, **scope)
        .order_by("on", "written_at")
        .values_list("action_id", "on", "status")
    ):
        updates.setdefault(action_id, []).append((on, status))
    labels = dict(ActionStatus.choices)
    rows = []
    for end in _month_ends(today, months):
        counts: Counter = Counter()
        for a in actions:
            if a.created_at.date() > end:
                continue
            if a.verified_on and a.verified_on <= end:
                counts[ActionStatus.VERIFIED] += 1
                continue
            status = ActionStatus.NOT_STARTED
            for on, s in updates.get(a.pk, ()):
                if on <= end:
                    status = s
            counts[status] += 1
        rows.append((f"{end:%b %Y}", [(labels[s], counts[s]) for s in ActionStatus.values]))
    colours = {labels[s]: c for s, c in STATUS_COLOURS.items()}
    return _chart(
        "by-status",
        "Actions by status at the end of each month",
        rows,
        [labels[s] for s in ActionStatus.values],
        colours,
    )


def overdue_by_agency(actions: list[Fact], today: date) -> Chart:
    counts = Counter(a.agency for a in actions if is_overdue(a.status, a.target_date, today))
    rows = [(name, [("Overdue", n)]) for name, n in sorted(counts.items())]
    return _chart("overdue", "Overdue actions by agency", rows, ["Overdue"], {"Overdue": "#d4351c"})


def time_to_change(actions: list[Fact]) -> Chart:
    counts: Counter = Counter()
    for a in actions:
        if not a.verified_on:
            continue
        days = (a.verified_on - a.made_on).days
        for low, high, label in TIME_BUCKETS:
            if days >= low and (high is None or days < high):
                counts[label] += 1
    rows = [(label, [("Verified changes", counts[label])]) for _, _, label in TIME_BUCKETS]
    return _chart(
        "time-to-change",
        "Time from recommendation to verified change",
        rows,
        ["Verified changes"],
        {"Verified changes": "#00703c"},
    )


def charts(actions: list[Fact], today: date, board_id: int, review_id=None) -> list[Chart]:
    """The three charts of `actions` (`facts()`): a board's (the tracker) or one review's
    (its actions page, `review_id`)."""
    return [
        status_over_time(actions, today, board_id, review_id=review_id),
        overdue_by_agency(actions, today),
        time_to_change(actions),
    ]


# The bars and the table's body are written here rather than in the template (a loop and
# filters per segment cost more than the rest of the tracker); every label goes through
# escape(), the rest are numbers and fixed markup.


def svg(c: Chart) -> SafeString:
    """Each bar's label and segments (inside learning/_chart.html's <svg> element)."""
    parts = []
    for bar in c.bars:
        segments = "".join(
            f'<rect x="{s.x}" y="{bar.y}" width="{s.width}" height="{BAR}" fill="{s.colour}">'
            f"<title>{escape(s.series)}: {s.value}</title></rect>"
            for s in bar.segments
            if s.value
        )
        parts.append(
            f'<text x="{c.label_width - 8}" y="{bar.y + 16}" text-anchor="end" font-size="14" '
            f'fill="#0b0c0c">{escape(bar.label)}</text>\n{segments}'
        )
    return mark_safe("\n".join(parts))  # noqa: S308


def table_body(c: Chart) -> SafeString:
    """The rows of the table of the chart's numbers: a bar each, a cell per series."""
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    return mark_safe(  # noqa: S308
        "".join(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{escape(bar.label)}</th>"
            + "".join(f"{cell}{s.value}</td>" for s in bar.segments)
            + "</tr>"
            for bar in c.bars
        )
    )
