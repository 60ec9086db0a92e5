"""Full-text search over 5,000 published summaries: p95 of a query against the floor of
reading the same number of rows by their keys (issue 16, item 8; QUALITY.md: p95 ≤ 50 ms).

Writes N synthetic summaries (BENCH_SEARCH_SUMMARIES, 5,000) as search entries (the FTS5
table on SQLite, the GIN-indexed tsvector on PostgreSQL, as in production), then runs a
fixed list of queries (one to three words, some with a theme, year or age-band filter)
REPEATS times each through `casereview.national.search.search`, and the floor: fetching the
50 first entries by primary key. The entries are deleted afterwards.

Run it with `python -m bench.run --only search`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import time
import uuid
from pathlib import Path

NAME = "search"
TITLE = "Full-text search over published summaries: p95 of a query"
GOAL = "p95 ≤ 50 ms (QUALITY.md)"
TARGET_S = 0.050
REPEATS = 20
SUMMARIES = int(os.environ.get("BENCH_SEARCH_SUMMARIES", "5000"))
WORDS = [
    "agencies",
    "did",
    "not",
    "share",
    "information",
    "about",
    "the",
    "father",
    "violence",
    "school",
    "health",
    "visitor",
    "police",
    "social",
    "care",
    "assessment",
    "thresholds",
    "referral",
    "neglect",
    "baby",
    "cries",
    "mother",
    "drug",
    "alcohol",
    "mental",
    "health",
    "supervision",
    "workload",
    "recording",
    "voice",
    "child",
    "seen",
    "alone",
    "disability",
    "culture",
    "language",
    "interpreter",
    "faith",
    "community",
    "transitions",
    "adult",
    "services",
    "curiosity",
    "challenge",
    "disguised",
    "compliance",
    "home",
    "conditions",
    "housing",
    "poverty",
    "isolation",
    "plan",
    "review",
    "conference",
    "strategy",
    "discussion",
    "GP",
    "hospital",
    "emergency",
    "department",
    "midwife",
    "pre-birth",
    "bruising",
    "injury",
]
QUERIES = (
    ("information sharing", {}),
    ("father", {}),
    ("neglect home conditions", {}),
    ("voice child", {"age_band": "age_11_15"}),
    ("supervision workload", {"year": 2024}),
    ("interpreter", {"theme": "culture_ethnicity_faith_language"}),
    ("bruising baby", {"age_band": "under_1"}),
    ("mental health mother", {}),
    ("curiosity", {"theme": "professional_curiosity_challenge", "year": 2025}),
    ("zebra", {}),
)


def _summaries(n: int):
    from casereview.learning import vocabulary
    from casereview.national.models import SearchEntry, SearchKind

    rng = random.Random(16)
    themes = vocabulary.theme_codes()
    bands = vocabulary.codes(vocabulary.AGE_BAND)
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 180))) + "."
        yield SearchEntry(
            kind=SearchKind.SUMMARY,
            source_id=uuid.UUID(int=10**12 + i),
            title=f"Bench summary {i}",
            text=text,
            themes=sorted(rng.sample(themes, 3)),
            year=rng.choice((2022, 2023, 2024, 2025)),
            age_band=rng.choice(bands),
        )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure() -> dict:
    from django.db import connection, transaction

    from casereview.national.models import SearchEntry
    from casereview.national.search import Filters, search

    with transaction.atomic():
        SearchEntry.objects.bulk_create(_summaries(SUMMARIES), batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE national_searchentry")
    try:
        first = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True)[:50])
        times, floors, hits = [], [], 0
        for run in range(REPEATS + 1):  # the first run warms up
            for text, filters in QUERIES:
                gc.collect()
                started = time.perf_counter()
                found = search(text, Filters(**filters))
                took = time.perf_counter() - started
                started = time.perf_counter()
                list(SearchEntry.objects.filter(pk__in=first))
                floor = time.perf_counter() - started
                if run:
                    times.append(took)
                    floors.append(floor)
                    hits += len(found)
    finally:
        SearchEntry.objects.filter(title__startswith="Bench summary ").delete()
    p95, floor_p95 = _p95(times), _p95(floors)
    return {
        "vendor": connection.vendor,
        "summaries": SUMMARIES,
        "queries": len(times),
        "p95_s": p95,
        "median_s": sorted(times)[len(times) // 2],
        "floor_p95_s": floor_p95,
        "hits": hits,
    }


def run(datasets: list) -> list[dict]:
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: {SUMMARIES:,} summaries on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        results.append(
            {
                "benchmark": NAME,
                "title": TITLE,
                "goal": GOAL,
                "verdict": "PASS" if figures["p95_s"] <= TARGET_S else "FAIL",
                "figure": f"p95 {figures['p95_s'] * 1000:.1f} ms",
                "floor_figure": f"p95 {figures['floor_p95_s'] * 1000:.1f} ms",
                "dataset": dataset.describe(),
                **figures,
                "ratio": figures["p95_s"] / figures["floor_p95_s"],
            }
        )
    return results


def table(results: list[dict]) -> list[str]:
    head = ("backend", "scale", "summaries", "queries", "median", "p95", "floor p95", "verdict")
    rows = [head]
    for r in results:
        rows.append(
            (
                r["dataset"]["backend"],
                r["dataset"]["scale"],
                f"{r['summaries']:,}",
                str(r["queries"]),
                f"{r['median_s'] * 1000:.1f} ms",
                f"{r['p95_s'] * 1000:.1f} ms",
                f"{r['floor_p95_s'] * 1000:.1f} ms",
                r["verdict"],
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
