"""The chronology import's rate against a raw bulk insert of the same rows (issue 11, item 8).

Generates N rows of an agency's chronology as a CSV file, then, in the same process and the
same database, alternately: imports it through `run_import` (two streaming passes: check
every row, then insert in batches in one transaction, skipping known references), and
inserts the same rows, already parsed, with one `bulk_create` in one transaction (the
floor). Goal: the import's rate is at least 50 % of the raw insert's. Median of three runs;
each run's rows are deleted afterwards (the import's audit event stays, as audit events do).

Run it with `python -m bench.run --only chronology_import`; BENCH_CHRONOLOGY_ROWS sets N.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

NAME = "chronology_import"
TITLE = "Chronology import against a raw bulk insert of the same rows"
GOAL = "import rate ≥ 50 % of the raw bulk insert's (QUALITY.md)"
TARGET = 0.5
REPEATS = 3
ROWS = int(os.environ.get("BENCH_CHRONOLOGY_ROWS", "10000"))
HEADERS = ("Date", "Source record reference", "Practitioner role", "Event or contact",
           "Decision or action", "Child seen", "Agency analysis")  # fmt: skip


def _write(path: Path, rows: int, run: int, born: date | None = None) -> None:
    """`rows` rows from 2018 on; none before `born` (the child's date of birth) says the
    child was seen, which the import refuses."""
    start = date(2018, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for n in range(rows):
            writer.writerow(
                (
                    f"{(day := start + timedelta(days=n % 2500)):%d/%m/%Y}",
                    f"BENCH-{run}-{n:07d}",
                    "Health visitor",
                    "Home visit; the child was seen and weighed",
                    "Next visit in four weeks" if n % 2 else "",
                    ("no" if born and day < born else "yes", "no", "unknown")[n % 3],
                    "",
                )
            )


def measure() -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    import bench
    from casereview.chronology.importing.columns import match_headers
    from casereview.chronology.importing.readers import csv_rows
    from casereview.chronology.importing.rows import RowChecker
    from casereview.chronology.importing.service import make_import, run_import
    from casereview.chronology.models import ChronologyEntry, ChronologyImport, EntrySource
    from casereview.chronology.services import agencies_of, chronology_for, period_under_review
    from casereview.reviews.dates import review_bounds
    from casereview.reviews.models import Review

    review = next(r for r in Review.objects.order_by("opened_at", "pk") if agencies_of(r).exists())
    chronology = chronology_for(review, agencies_of(review).first())
    imports, raws = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(REPEATS + 1):  # the first run warms up
            path = Path(scratch) / f"bench-{run}.csv"
            _write(path, ROWS, run, review_bounds(review).date_of_birth)
            rows = csv_rows(path)
            _, headers = next(rows)
            checker = RowChecker(
                chronology.agency.name,
                timezone.localdate(),
                period_under_review(review),
                match_headers(headers),
                review_bounds(review).date_of_birth,
            )
            parsed = [(number, checker.check(number, values)[0]) for number, values in rows]
            gc.collect()
            started = time.perf_counter()
            now = timezone.now()
            with transaction.atomic():
                ChronologyEntry.objects.bulk_create(
                    [
                        ChronologyEntry(
                            review_id=review.pk,
                            chronology_id=chronology.pk,
                            agency_id=chronology.agency_id,
                            source=EntrySource.IMPORT,
                            source_row=number,
                            entered_at=now,
                            **{**fields, "source_ref": f"RAW-{fields['source_ref']}"},
                        )
                        for number, fields in parsed
                    ],
                    batch_size=1000,
                )
            raw = time.perf_counter() - started
            del parsed
            gc.collect()
            started = time.perf_counter()
            result = run_import(make_import(chronology, path.name), path)
            took = time.perf_counter() - started
            if result.created_count != ROWS:
                raise RuntimeError(f"the import made {result.created_count} of {ROWS} entries")
            ChronologyEntry.objects.filter(
                chronology=chronology, source_ref__startswith="RAW-BENCH-"
            ).delete()
            ChronologyEntry.objects.filter(imported_by=result).delete()
            ChronologyImport.objects.filter(pk=result.pk).delete()
            if run:
                imports.append(took)
                raws.append(raw)
    importing, floor = bench.summary(imports), bench.summary(raws)
    rate, floor_rate = ROWS / importing["median_s"], ROWS / floor["median_s"]
    return {
        "vendor": connection.vendor,
        "rows": ROWS,
        "import": importing,
        "floor": floor,
        "rate": rate,
        "floor_rate": floor_rate,
        "share": rate / floor_rate,
        "repeats": REPEATS,
    }


def run(datasets: list) -> list[dict]:
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: importing {ROWS:,} rows on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        results.append(
            {
                "benchmark": NAME,
                "title": TITLE,
                "goal": GOAL,
                "verdict": "PASS" if figures["share"] >= TARGET else "FAIL",
                "figure": f"{figures['rate']:,.0f} rows/s",
                "floor_figure": f"{figures['floor_rate']:,.0f} rows/s",
                "dataset": dataset.describe(),
                **figures,
                "ratio": figures["share"],
            }
        )
    return results


def table(results: list[dict]) -> list[str]:
    head = (
        "backend",
        "scale",
        "rows",
        "import",
        "raw insert",
        "import rate",
        "floor rate",
        "share",
    )
    rows = [head]
    for r in results:
        rows.append(
            (
                r["dataset"]["backend"],
                r["dataset"]["scale"],
                f"{r['rows']:,}",
                f"{r['import']['median_s']:.2f} s",
                f"{r['floor']['median_s']:.2f} s",
                f"{r['rate']:,.0f}/s",
                f"{r['floor_rate']:,.0f}/s",
                f"{r['share']:.0%} ({r['verdict']})",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", type=Path, required=True, help="write the figures here")
    args = parser.parse_args()
    import bench

    bench.django_setup()
    args.measure.write_text(json.dumps(measure(), indent=2))


if __name__ == "__main__":
    main()
