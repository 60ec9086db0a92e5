"""Trends across national records: counts and rates by year, age band, outcome, theme and
region (issue 16 item 4). Everything is counted from two queries (the records, their lessons'
themes), whatever the number of records, and every table goes through suppression.grid.

A record counts in the year of its incident. Its themes are the practice issues and family
risks it was coded with and its lessons' themes, each theme counted once per record.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache

from casereview.learning import vocabulary as vocab

from . import regions, revision
from .models import NationalLesson, NationalRecord
from .suppression import Cell, Grid, cell, grid, rate

AGE_BANDS = (*vocab.codes(vocab.AGE_BAND), "not_known")
OUTCOMES = vocab.codes(vocab.INCIDENT_OUTCOME)
THEMES = tuple(t.code for t in vocab.THEMES)
Z = 1.96  # 95% intervals
_AXES = {"age": vocab.AGE_BAND, "outcome": vocab.INCIDENT_OUTCOME, "theme": None}


def label(axis: str, code: str) -> str:
    if axis == "region":
        return regions.LABELS.get(code, code)
    if code == "not_known":
        return "Not known"
    if axis == "year":
        return code
    return vocab.label(code, _AXES.get(axis))


@dataclass
class Table:
    """A suppressed table: rows (with their labels) by columns, with totals."""

    slug: str
    caption: str
    row_axis: str
    column_axis: str
    rows: list[str]
    columns: list[str]
    grid: Grid
    row_labels: list[str]
    column_labels: list[str]
    total_label: str = "Total"

    @property
    def body(self) -> list[tuple]:
        return list(zip(self.row_labels, self.grid.cells, self.grid.row_totals, strict=True))

    def csv_rows(self) -> list[list[str]]:
        out = [[self.caption], [self.row_axis, *self.column_labels, "Total"]]
        for name, cells, total in zip(
            self.row_labels, self.grid.cells, self.grid.row_totals, strict=True
        ):
            out.append([name, *map(str, cells), str(total)])
        out.append([self.total_label, *map(str, self.grid.column_totals), str(self.grid.total)])
        return out


@dataclass(frozen=True)
class Point:
    """A theme's prevalence in one year, with its Wilson interval (None when suppressed)."""

    year: int
    cell: Cell
    denominator: Cell
    share: float | None
    low: float | None
    high: float | None


def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of k successes in n."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


@dataclass
class Trends:
    years: list[int]
    tables: list[Table]
    prevalence: dict[str, list[Point]]  # theme → points by year (the leading themes)
    total: Cell

    def table(self, slug: str) -> Table:
        return next(t for t in self.tables if t.slug == slug)


def _load(records):
    rows = list(
        records.values_list(
            "id",
            "incident_month",
            "age_band",
            "outcome",
            "region",
            "practice_issues",
            "family_risks",
        )
    )
    lesson_themes: dict = defaultdict(set)
    ids = [r[0] for r in rows]
    if ids:
        lessons = NationalLesson.objects.filter(record__in=records).values_list(
            "record_id", "themes"
        )
        for record_id, themes in lessons:
            lesson_themes[record_id].update(themes or ())
    return rows, lesson_themes


def _table(slug, caption, row_axis, column_axis, rows, columns, counter, **extra) -> Table:
    counts = [[counter[(r, c)] for c in columns] for r in rows]
    return Table(
        slug,
        caption,
        row_axis,
        column_axis,
        [str(r) for r in rows],
        list(columns),
        grid(counts) if rows else Grid([], [], [cell(0)] * len(columns), cell(0)),
        [label(row_axis, str(r)) for r in rows],
        [label(column_axis, c) for c in columns],
        **extra,
    )


def build(records=None, leading: int = 6) -> Trends:
    records = NationalRecord.objects.all() if records is None else records
    rows, lesson_themes = _load(records)
    years = sorted({r[1].year for r in rows})
    by_outcome: Counter = Counter()
    by_age: Counter = Counter()
    by_region: Counter = Counter()
    by_theme: Counter = Counter()
    for pk, incident, age, outcome, region, issues, risks in rows:
        year = incident.year
        by_outcome[(year, outcome)] += 1
        by_age[(year, age if age in AGE_BANDS else "not_known")] += 1
        by_region[(region if region in regions.CODES else "not_known", year)] += 1
        for theme in set(issues or ()) | set(risks or ()) | lesson_themes.get(pk, set()):
            if theme in THEMES:
                by_theme[(theme, year)] += 1
    region_rows = [c for c in regions.CODES if any(by_region[(c, y)] for y in years)]
    theme_rows = [t for t in THEMES if any(by_theme[(t, y)] for y in years)]
    tables = [
        _table(
            "outcomes",
            "Reviews by year and outcome",
            "year",
            "outcome",
            years,
            OUTCOMES,
            by_outcome,
        ),
        _table(
            "age",
            "Reviews by year and the child's age band at the incident",
            "year",
            "age",
            years,
            AGE_BANDS,
            by_age,
        ),
        _table(
            "regions",
            "Reviews by region and year",
            "region",
            "year",
            region_rows,
            [str(y) for y in years],
            {(r, str(y)): by_region[(r, y)] for r in region_rows for y in years},
        ),
        _table(
            "themes",
            "Reviews with each theme by year (a review may have several themes)",
            "theme",
            "year",
            theme_rows,
            [str(y) for y in years],
            {(t, str(y)): by_theme[(t, y)] for t in theme_rows for y in years},
            total_label="Theme mentions (not reviews)",
        ),
    ]
    year_totals = tables[0].grid.row_totals
    top = sorted(theme_rows, key=lambda t: (-sum(by_theme[(t, y)] for y in years), t))[:leading]
    prevalence = {}
    themes_table = tables[3]
    for theme in top:
        cells = themes_table.grid.cells[themes_table.rows.index(theme)]
        points = []
        for year, c, denominator in zip(years, cells, year_totals, strict=True):
            share = rate(c, denominator)
            low, high = wilson(c.count, denominator.count) if share is not None else (None, None)
            points.append(Point(year, c, denominator, share, low, high))
        prevalence[theme] = points
    return Trends(years, tables, prevalence, tables[0].grid.total)


KEPT_SECONDS = 24 * 60 * 60


def current(leading: int = 6) -> Trends:
    """build() over the whole store, kept in the cache under the store's revision: worked
    out again only after a record is added or replaced (one small query otherwise)."""
    key = f"national-trends:{revision.current()}:{leading}"
    data = cache.get(key)
    if data is None:
        data = build(leading=leading)
        cache.set(key, data, KEPT_SECONDS)
    return data
