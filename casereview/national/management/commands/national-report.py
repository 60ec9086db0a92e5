"""`casereview national-report --from 2024-04 --to 2026-03 --out report.pdf [--csv DIR]`: the
overview report of the reviews completed in the period (docs/national.md, Overview report)."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casereview.national.report import build, dating_problem, period
from casereview.national.report_csv import table_csv
from casereview.national.report_pdf import render


def _bar(done: int, total: int, stream) -> None:
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    stream.flush()


class Command(BaseCommand):
    help = "Build the national overview report of a period as a PDF (and its tables as CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="first month, 2024-04")
        parser.add_argument("--to", dest="end", required=True, help="last month, 2026-03")
        parser.add_argument("--out", required=True, type=Path, help="the PDF to write")
        parser.add_argument("--csv", type=Path, help="a folder for the tables as CSV")
        parser.add_argument("--date", help="the report's date (YYYY-MM-DD; default today)")

    def handle(self, *args, start, end, out, csv=None, date=None, **options):
        today = timezone.localdate()
        try:
            p = period(start, end)
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            on = datetime.date.fromisoformat(date) if date else today
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date like 2026-05-01") from None
        if problem := dating_problem(p, on, today):
            raise CommandError(problem)
        stream = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr
        overview = build(p, lambda done, total: _bar(done, total + 1, stream))
        out.write_bytes(render(overview, on))
        _bar(1, 1, stream)
        stream.write("\n")
        if csv:
            csv.mkdir(parents=True, exist_ok=True)
            for table in overview.tables:
                (csv / f"{table.key}.csv").write_text(table_csv(table), encoding="utf-8")
        self.stdout.write(f"Wrote {out} ({overview.period.label()}).")
