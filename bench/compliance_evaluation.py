"""Compliance evaluation of every open review at national scale: goal within 10 times a plain
SELECT of the same case ids (QUALITY.md).

Loads every open case (a notification not yet decided, or one whose review is not closed)
and times `casereview.procedure.engine.evaluate_many` over all of them: the median of
five runs after one warm-up, counting SQL queries. The floor, measured in the same
process and interleaved with those runs, is fetching the same rows' ids with one plain
SELECT. PASS/FAIL is on the ratio of the medians (QUALITY.md states the goal as one; it
was an absolute 1 s before 2026-11-29); the absolute time is printed as context.

A second floor, "raw rows", is printed beside it: the evaluation's own statements, as its
warm-up ran them, read through a plain cursor. It says how much of the time is the database
reading what the evaluation needs and how much is the ORM and the engine's Python; at
national scale the raw rows alone are about six times the first floor (2026-11-29,
bench/RESULTS.md), which leaves the checks' and the engine's Python about four times that
floor within the stated goal.

Run it with `python -m bench.run --only compliance_evaluation`; `--measure OUT` is the
subprocess side, which expects the data set's environment (see bench.measure).
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections import Counter
from pathlib import Path

NAME = "compliance_evaluation"
TITLE = "Compliance evaluation of every open review"
GOAL = "≤ 10 × a plain SELECT of the same ids, at national scale"
GOAL_RATIO = 10.0
REPEATS = 5
WARMUPS = 1


def open_cases():
    """Every open case (undecided, or with a review that is not closed), as a queryset: the
    product's own definition when it has one (`casereview.reviews.compliance.open_cases`,
    which the compliance command and the dashboard use), otherwise the same filter here."""
    try:
        from casereview.reviews.compliance import open_cases as product_open_cases
    except ImportError:
        product_open_cases = None
    if product_open_cases is not None:
        return product_open_cases(), "casereview.reviews.compliance.open_cases()"

    from django.db.models import Q

    from casereview.cases.models import Notification, NotificationStatus
    from casereview.reviews.models import ReviewStatus

    undecided = ~Q(status=NotificationStatus.DECIDED)
    review_open = Q(review__status__in=[s for s in ReviewStatus.values if s != ReviewStatus.CLOSED])
    query = Notification.objects.select_related("board").filter(undecided | review_open)
    return query, "bench filter"


def measure() -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    import bench
    from casereview.cases.models import Notification
    from casereview.procedure.engine import evaluate_many

    today = timezone.localdate()
    started = time.perf_counter()
    selected, source = open_cases()
    cases = list(selected)
    load_s = time.perf_counter() - started
    ids = [c.pk for c in cases]
    # An open case that is decided has a review that is not closed.
    with_review = sum(1 for c in cases if c.status == "decided")

    def evaluate() -> dict:
        return evaluate_many(cases, today)

    def floor() -> list:
        return list(Notification.objects.filter(pk__in=ids).values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as warm:
        results = evaluate()
    statements = [q["sql"] for q in warm.captured_queries]

    def raw_rows() -> int:
        """The second floor: the evaluation's own statements, as the warm-up ran them, read
        through a plain cursor (no ORM, no Python beyond fetching the rows)."""
        read = 0
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                read += len(cursor.fetchall())
        return read

    for _ in range(WARMUPS):
        floor()
        rows_read = raw_rows()
    if len(results) != len(cases):
        raise AssertionError(f"evaluate_many answered {len(results)} of {len(cases)} cases")
    statuses = Counter(r.status for rs in results.values() for r in rs)

    evaluate_s, floor_s, raw_s, queries = [], [], [], []
    for _ in range(REPEATS):
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            evaluate()
            evaluate_s.append(time.perf_counter() - started)
        queries.append(len(captured))
        gc.collect()
        started = time.perf_counter()
        rows = floor()
        floor_s.append(time.perf_counter() - started)
        if len(rows) != len(ids):
            raise AssertionError(f"the floor query found {len(rows)} of {len(ids)} rows")
        gc.collect()
        started = time.perf_counter()
        raw_rows()
        raw_s.append(time.perf_counter() - started)
    if len(set(queries)) != 1:
        raise AssertionError(f"the number of queries changed between runs: {queries}")

    evaluation, base, raw = (
        bench.summary(evaluate_s),
        bench.summary(floor_s),
        bench.summary(raw_s),
    )
    n = len(cases)
    return {
        "vendor": connection.vendor,
        "today": today.isoformat(),
        "open_cases": source,
        "cases": n,
        "cases_with_open_review": with_review,
        "cases_undecided": n - with_review,
        "regimes": dict(Counter(f"{c.regime} {c.regime_version}" for c in cases)),
        "obligations": sum(statuses.values()),
        "statuses": dict(statuses),
        "load_s": load_s,
        "evaluate": evaluation,
        "floor": base,
        "ratio": evaluation["median_s"] / base["median_s"],
        "raw_floor": raw,
        "raw_rows": rows_read,
        "ratio_raw": evaluation["median_s"] / raw["median_s"],
        "queries": queries[0],
        "queries_per_1000_cases": queries[0] * 1000 / n if n else 0.0,
        "repeats": REPEATS,
        "warmups": WARMUPS,
    }


def run(datasets: list) -> list[dict]:
    """Measure against each data set (bench.Dataset); one result per data set."""
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: measuring on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        median = figures["evaluate"]["median_s"]
        if dataset.scale == "national":
            verdict = "PASS" if figures["ratio"] <= GOAL_RATIO else "FAIL"
        else:
            verdict = "n/a"  # the goal is stated at national scale
        results.append(
            {
                "benchmark": NAME,
                "title": TITLE,
                "goal": GOAL,
                "verdict": verdict,
                "figure": f"{median:.3f} s",
                "floor_figure": f"{figures['floor']['median_s'] * 1000:.1f} ms",
                "dataset": dataset.describe(),
                **figures,
            }
        )
    return results


def table(results: list[dict]) -> list[str]:
    """The detail table of this benchmark's results, as lines."""
    head = (
        "backend",
        "scale",
        "cases",
        "obligations",
        "queries",
        "q/1000 cases",
        "median",
        "min–max",
        "floor",
        "ratio",
        "raw rows",
        "× raw",
        "goal",
        "verdict",
    )
    rows = [head]
    for r in results:
        e, f = r["evaluate"], r["floor"]
        rows.append(
            (
                r["dataset"]["backend"],
                r["dataset"]["scale"],
                f"{r['cases']:,}",
                f"{r['obligations']:,}",
                str(r["queries"]),
                f"{r['queries_per_1000_cases']:.1f}",
                f"{e['median_s']:.3f} s",
                f"{e['min_s']:.3f}–{e['max_s']:.3f} s",
                f"{f['median_s'] * 1000:.1f} ms",
                f"{r['ratio']:.1f} ×",
                # Results written before the second floor existed have no raw figures.
                f"{r['raw_floor']['median_s'] * 1000:.0f} ms" if "raw_floor" in r else "–",
                f"{r['ratio_raw']:.1f} ×" if "ratio_raw" in r else "–",
                f"≤ {GOAL_RATIO:.0f} ×",
                r["verdict"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for r in results:
        regimes = ", ".join(f"{k}: {v:,}" for k, v in sorted(r["regimes"].items()))
        lines.append(
            f"{r['dataset']['backend']}: median of {r['repeats']} after {r['warmups']} warm-up; "
            f"cases from {r.get('open_cases', '?')}, loaded in {r['load_s']:.3f} s (not counted); "
            f"regimes {regimes}"
        )
        if "raw_rows" in r:
            lines.append(
                f"{r['dataset']['backend']}: second floor (raw rows): the evaluation's own "
                f"{r['queries']} statements read through a plain cursor, {r['raw_rows']:,} rows, "
                f"{r['raw_floor']['median_s'] / r['floor']['median_s']:.1f} × the first floor "
                "by themselves"
            )
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
