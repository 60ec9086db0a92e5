"""Reading the kept compliance state of every open case, against the plain-SELECT floor.

The dashboards read each open case's stored obligation lines (casereview/reviews/kept.py)
instead of evaluating every case. This times, over every open case: reading the lines still
open as the dashboards do (`kept.current(..., open_only=True)` on a current state), reading
every line (`kept.current(...)`), the whole board dashboard (`dashboard.build`, which adds
the open cases' own query and the departures), and a full re-evaluation and store of every
case (`kept.store`, what `compliance-rebuild` and the nightly refresh cost). The floor, in
the same process and interleaved, is fetching the same cases' ids with one plain SELECT.
Median of five runs after one warm-up (which also fills the state if the data set has none).

Run it with `python -m bench.run --only compliance_kept`.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

NAME = "compliance_kept"
TITLE = "Reading the kept compliance of every open case"
GOAL = "dashboard within a small multiple of the floor (QUALITY.md: 3 × a trivial view)"
REPEATS = 5
WARMUPS = 1


def measure() -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    import bench
    from casereview.cases.models import Notification
    from casereview.reviews import dashboard, kept
    from casereview.reviews.compliance import open_cases
    from casereview.reviews.models import ObligationState

    today = timezone.localdate()
    cases = list(open_cases())
    ids = [c.pk for c in cases]

    def floor() -> list:
        return list(Notification.objects.filter(pk__in=ids).values_list("pk", flat=True))

    runs = {
        "read_open": lambda: kept.current(cases, today, open_only=True),
        "read_all": lambda: kept.current(cases, today),
        "dashboard": lambda: dashboard.build(Notification.objects.all(), today),
        "store_all": lambda: kept.store(cases, today),
    }
    for _ in range(WARMUPS):
        for fn in runs.values():
            fn()
        floor()
    # The store above leaves the state current: reads re-evaluate nothing.
    lines = ObligationState.objects.count()
    times: dict[str, list[float]] = {name: [] for name in runs}
    queries: dict[str, int] = {}
    floor_s: list[float] = []
    for _ in range(REPEATS):
        for name, fn in runs.items():
            gc.collect()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - started)
            queries[name] = len(captured)
        gc.collect()
        started = time.perf_counter()
        floor()
        floor_s.append(time.perf_counter() - started)
    base = bench.summary(floor_s)
    figures = {name: bench.summary(ts) for name, ts in times.items()}
    return {
        "vendor": connection.vendor,
        "today": today.isoformat(),
        "cases": len(cases),
        "stored_lines": lines,
        "floor": base,
        **{
            name: {**f, "queries": queries[name], "ratio": f["median_s"] / base["median_s"]}
            for name, f in figures.items()
        },
        "repeats": REPEATS,
        "warmups": WARMUPS,
    }


def run(datasets: list) -> list[dict]:
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: measuring on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        results.append(
            {
                "benchmark": NAME,
                "title": TITLE,
                "goal": GOAL,
                "verdict": "n/a",  # the page goals are the page benchmarks'
                "figure": f"{figures['read_open']['median_s'] * 1000:.1f} ms",
                "floor_figure": f"{figures['floor']['median_s'] * 1000:.1f} ms",
                "dataset": dataset.describe(),
                **figures,
                "ratio": figures["read_open"]["ratio"],
            }
        )
    return results


def table(results: list[dict]) -> list[str]:
    head = ("backend", "scale", "cases", "lines", "what", "queries", "median", "floor", "ratio")
    rows = [head]
    for r in results:
        for what in ("read_open", "read_all", "dashboard", "store_all"):
            f = r[what]
            rows.append(
                (
                    r["dataset"]["backend"],
                    r["dataset"]["scale"],
                    f"{r['cases']:,}",
                    f"{r['stored_lines']:,}",
                    what,
                    str(f["queries"]),
                    f"{f['median_s'] * 1000:.1f} ms",
                    f"{r['floor']['median_s'] * 1000:.1f} ms",
                    f"{f['ratio']:.1f} ×",
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
