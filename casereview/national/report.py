"""The overview report (issue 16, item 6; 19.6: at least every two years): the numbers of a
period of completed reviews beside the previous period of equal length. Every table's counts
go through suppress() (counts of 1 to 4 shown as "[c]", the mark of every national table);
everything is ordered explicitly, so the same records always give the same tables. The PDF
is report_pdf.py, the CSV report_csv.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from casereview.learning import vocabulary

from . import trends
from .models import NationalLesson, NationalRecord
from .suppression import MARK, suppress

LEADING_THEMES = 10
PREVALENCE = "theme_prevalence"  # the key of the table behind the prevalence chart
HIGHLIGHTED_LESSONS = 10
# The lesson's `highlighted` mark for each highlighted kind (19.3, 19.4).
HIGHLIGHTS = {
    "communities": ("19.3", "community", "communities"),
    "disability": ("19.4", "disability"),
}


@dataclass(frozen=True)
class Period:
    start: date  # first day of the first month
    end: date  # first day of the last month (inclusive)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        return Period(_add_months(self.start, -self.months), _add_months(self.start, -1))

    def label(self) -> str:
        return f"{self.start:%B %Y} to {self.end:%B %Y}"


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def parse_month(value: str) -> date:
    """'2024-04' → 1 April 2024; ValueError otherwise."""
    year, _, month = value.strip().partition("-")
    if len(year) != 4 or not year.isdigit() or not month.isdigit() or not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} is not a month like 2024-04")
    return date(int(year), int(month), 1)


def period(start: str, end: str) -> Period:
    p = Period(parse_month(start), parse_month(end))
    if p.end < p.start:
        raise ValueError("the period ends before it starts")
    return p


def dating_problem(p: Period, on: date, today: date) -> str:
    """Why a report dated `on` cannot cover `p`, or "": the report's date is not in the
    future, and the period has begun by then (its end may run past it: a biennium in
    progress counts what has been completed so far)."""
    if on > today:
        return "the report's date cannot be in the future"
    if p.start > on.replace(day=1):
        return f"the period starts after the report's date ({on.day} {on:%B %Y})"
    return ""


@dataclass
class Table:
    key: str  # the CSV file's name
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Lesson:
    text: str
    region: str
    month: date


@dataclass
class Overview:
    period: Period
    previous: Period
    reviews: int | None
    tables: list[Table]
    highlighted: dict[str, list[Lesson]]


def records_in(p: Period):
    """Reviews completed in the period (the record's completed month)."""
    return NationalRecord.objects.filter(
        completed_month__gte=p.start, completed_month__lte=p.end
    ).order_by("source_key")


def _count_table(key, title, axis, values: Iterable[str], order: Iterable[str]) -> Table:
    counts = Counter(values)
    known = list(order)
    rows = [
        [vocabulary.label(c, axis=axis) if axis else c, suppress(counts[c])]
        for c in known + sorted(set(counts) - set(known))
        if counts[c]
    ]
    return Table(key, title, ["", "Reviews"], rows)


def _axis(records, key, title, axis, attr: str | Callable, many=False) -> Table:
    get = attr if callable(attr) else (lambda r: getattr(r, attr))
    values = [v for r in records for v in (get(r) if many else [get(r)])]
    try:
        order = vocabulary.codes(axis)
    except KeyError:
        order = []
    return _count_table(key, title, axis, values, order)


def themes_of(records: list[NationalRecord]) -> Counter:
    """Reviews per theme: a theme of any of its lessons, practice issues or family risks."""
    by_record: dict = {r.pk: set(r.practice_issues) | set(r.family_risks) for r in records}
    lessons = NationalLesson.objects.filter(record__in=list(by_record)).values_list(
        "record_id", "themes"
    )
    for record_id, themes in lessons:
        by_record[record_id].update(themes)
    return Counter(code for codes in by_record.values() for code in codes)


def _change(now: int | None, before: int | None) -> str:
    if now is None or before is None:
        return ""
    return f"{now - before:+d}"


def _themes_table(now: Counter, before: Counter) -> Table:
    leading = sorted(now, key=lambda c: (-now[c], c))[:LEADING_THEMES]
    rows = []
    for code in leading:
        a, b = suppress(now[code]), suppress(before[code])
        rows.append([vocabulary.label(code), a, b, _change(a, b)])
    return Table(
        "leading_themes",
        "Leading themes and their change against the previous period",
        ["Theme", "Reviews", "Reviews, previous period", "Change"],
        rows,
        "A review counts once for a theme found in any of its lessons or recorded issues.",
    )


TIMELINESS = (
    ("decision_in_time", "Decision made within the regime's time"),
    ("completed_in_time", "Review completed within its timescale"),
    ("published_on_time", "Report published on time"),
)


def _timeliness_table(records) -> Table:
    rows = []
    for key, label in TIMELINESS:
        answers = [r.timeliness.get(key) for r in records if r.timeliness.get(key) is not None]
        yes = sum(1 for a in answers if a)
        no = len(answers) - yes
        # A share would reveal a small count of either side: suppressed with it.
        share = f"{100 * yes / len(answers):.0f}%" if yes >= 5 and no >= 5 else "suppressed"
        rows.append([label, suppress(yes), suppress(len(answers)), share])
    return Table(
        "timeliness",
        "Timeliness",
        ["", "In time", "Reviews with an answer", "Share in time"],
        rows,
        "From the procedure engine's results recorded with each review.",
    )


PREVALENCE_THEMES = 6


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _prevalence_table(p: Period) -> Table:
    """The leading themes' share of each year's reviews (year of the incident) over both
    periods, with the 95% Wilson interval: the data behind the prevalence chart. Counts go
    through the trends' grid suppression; a share is suppressed with its count."""
    both = NationalRecord.objects.filter(
        completed_month__gte=p.previous().start, completed_month__lte=p.end
    )
    data = trends.build(both, leading=PREVALENCE_THEMES)
    rows = [
        [
            vocabulary.label(theme),
            str(point.year),
            point.cell.value,
            point.denominator.value,
            _pct(point.share),
            _pct(point.low),
            _pct(point.high),
        ]
        for theme, points in data.prevalence.items()
        for point in points
    ]
    return Table(
        PREVALENCE,
        "Theme prevalence over time",
        ["Theme", "Year", "Reviews", "Of", "Share (%)", "95% interval from (%)", "to (%)"],
        rows,
        "Reviews completed in this period and the previous one, by the year of the incident; "
        "the share of the year's reviews with the theme and its 95% Wilson interval.",
    )


def highlighted_lessons(records, which: str) -> list[Lesson]:
    marks = HIGHLIGHTS[which]
    lessons = (
        NationalLesson.objects.filter(record__in=[r.pk for r in records], highlighted__in=marks)
        .select_related("record")
        .order_by("record__source_key", "position")[:HIGHLIGHTED_LESSONS]
    )
    return [Lesson(x.text, x.record.region, x.record.completed_month) for x in lessons]


def build(p: Period, progress: Callable[[int, int], None] = lambda done, total: None) -> Overview:
    steps = 6
    records = list(records_in(p))
    previous = list(records_in(p.previous()))
    progress(1, steps)
    tables = [
        Table(
            "reviews",
            "Reviews completed",
            ["Period", "Reviews"],
            [[p.label(), suppress(len(records))], [p.previous().label(), suppress(len(previous))]],
        ),
        _axis(records, "age_band", "Age of the child", vocabulary.AGE_BAND, "age_band"),
        _axis(records, "sex", "Sex of the child", vocabulary.SEX, "sex"),
        _axis(records, "ethnicity", "Ethnicity group", vocabulary.ETHNICITY, "ethnicity_group"),
        _axis(records, "disability", "Disability", vocabulary.DISABILITY, "disability"),
        _axis(records, "looked_after", "Looked after", vocabulary.LOOKED_AFTER, "looked_after"),
        _axis(records, "plan_status", "Plan at the time", vocabulary.PLAN_STATUS, "plan_status"),
    ]
    progress(2, steps)
    tables += [
        _axis(
            records, "outcome", "Outcome of the incident", vocabulary.INCIDENT_OUTCOME, "outcome"
        ),
        _axis(
            [r for r in records if r.death_category],
            "death_category",
            "Category of death",
            vocabulary.DEATH_CATEGORY,
            "death_category",
        ),
        _axis(
            records, "maltreatment", "Maltreatment", vocabulary.MALTREATMENT, "maltreatment", True
        ),
    ]
    progress(3, steps)
    tables.append(_themes_table(themes_of(records), themes_of(previous)))
    tables.append(_prevalence_table(p))
    progress(4, steps)
    tables.append(_timeliness_table(records))
    tables.append(
        _axis(
            records,
            "recommendation_types",
            "Recommendation types",
            vocabulary.RECOMMENDATION_TYPE,
            "recommendation_types",
            True,
        )
    )
    progress(5, steps)
    highlighted = {k: highlighted_lessons(records, k) for k in HIGHLIGHTS}
    progress(6, steps)
    return Overview(p, p.previous(), suppress(len(records)), tables, highlighted)


def shown(value) -> str:
    """How a cell reads: a suppressed count is MARK ("[c]"), as in every national table."""
    return MARK if value is None else str(value)


def as_data(overview: Overview) -> list[dict]:
    """The tables as JSON, kept on the run beside its PDF."""
    return [
        {"key": t.key, "title": t.title, "headers": t.headers, "rows": t.rows, "note": t.note}
        for t in overview.tables
    ]


def from_data(data: list[dict]) -> list[Table]:
    return [Table(**d) for d in data]
