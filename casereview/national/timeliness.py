"""Timeliness across boards (issue 16 item 5): for each board and year, the share of decisions
made within the regime's time, of reviews completed within their timescale and of reports
published on time, from the procedure engine's results kept on each record (`timeliness`,
records.timeliness_of). A record counts in the year its case was notified; a measure the
engine could not answer (not applicable, not yet due) is left out of that measure.

A board's share is suppressed when the reviews it counts, or those in time, are 1 to 4
(suppression.rate). The national median is the median of the boards' shown shares; the
national share counts every record.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from .models import NationalRecord
from .suppression import cell, rate

MEASURES = (
    ("decision_in_time", "Decisions made within the regime's time"),
    ("completed_in_time", "Reviews completed within their timescale"),
    ("published_on_time", "Reports published on time"),
)


@dataclass(frozen=True)
class Share:
    in_time: int
    counted: int
    share: float | None  # None: suppressed, or nothing counted

    @property
    def shown(self) -> str:
        return (
            "[c]"
            if self.share is None and self.counted
            else ("" if self.share is None else f"{self.share:.0%}")
        )


def _share(in_time: int, counted: int) -> Share:
    return Share(in_time, counted, rate(cell(in_time), cell(counted)))


@dataclass
class Row:
    """One year of one measure: each board's share, the median and the national share."""

    year: int
    measure: str
    boards: dict[str, Share]  # board code → share
    median: float | None
    national: Share


def build(records=None) -> tuple[list[Row], dict[str, str]]:
    """The rows by year and measure, and the boards' names by code (one query)."""
    records = NationalRecord.objects.all() if records is None else records
    counts: dict = defaultdict(lambda: [0, 0])
    names: dict[str, str] = {}
    for code, name, notified, timeliness in records.values_list(
        "board_code", "board_name", "notified_month", "timeliness"
    ):
        names[code] = name
        for measure, _ in MEASURES:
            value = (timeliness or {}).get(measure)
            if value is None:
                continue
            counts[(notified.year, measure, code)][1] += 1
            counts[(notified.year, measure, code)][0] += bool(value)
    years = sorted({year for year, _, _ in counts})
    rows = []
    for year in years:
        for measure, _ in MEASURES:
            boards = {
                code: _share(*counts[(year, measure, code)])
                for code in sorted(names)
                if (year, measure, code) in counts
            }
            if not boards:
                continue
            shown = [s.share for s in boards.values() if s.share is not None]
            national = _share(
                sum(s.in_time for s in boards.values()), sum(s.counted for s in boards.values())
            )
            rows.append(
                Row(year, measure, boards, statistics.median(shown) if shown else None, national)
            )
    return rows, names
