"""The integrated chronology: merge and conflict detection of 100,000 entries (goal ≤ 2 s),
and the timeline page of a 5,000-entry review against the trivial authenticated view (goal
at most 3 times, with a constant number of queries).

Merge: `casereview.chronology.merge.merge` over 100,000 synthetic entries, made in the
measuring process with a fixed seed: 20 reviews of 5,000 entries, six agencies, three years,
a third of the events recorded by a second agency (some with a different account), as the
merge runs (per review). Floor: sorting the same entries by date, per review.

Page: inside one transaction rolled back at the end, 5,000 entries are bulk-inserted into
the open review of the data set with the most involved agencies and merged (`rebuild`, also
timed once); then the first and the middle page of `/reviews/<id>/chronology/` against the
account page, as a board manager of its board, interleaved. Median of REPEATS after one
warm-up.

Run it with `python -m bench.run --only chronology_merge`.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

NAME = "chronology_merge"
TITLE = "Integrated chronology: merge of 100,000 entries and the 5,000-entry timeline"
MERGE_GOAL_S = 2.0
PAGE_GOAL_RATIO = 3.0
GOAL = "merge ≤ 2 s; timeline pages ≤ 3 × the trivial view, constant queries"
ENTRIES = 100_000
PER_REVIEW = 5_000
REPEATS = 5
PAGE_REPEATS = 9
AGENCIES = ["Police", "Health visiting", "GP", "Children's services", "School", "Housing"]
EVENTS = [
    "Home visit to the family",
    "Strategy discussion held with partners",
    "Missed health visitor appointment",
    "School reported absence and bruising",
    "Domestic abuse call-out to the address",
    "Child protection conference",
    "Referral to early help",
    "Telephone call with the mother",
    "Medical examination at the hospital",
    "Housing inspection of the property",
]


class _Rollback(Exception):
    pass


def synthetic_facts(n: int, seed: int = 15) -> list[list]:
    """n entries as the merge takes them, grouped by review."""
    from casereview.chronology.merge import Fact

    rng = random.Random(seed)
    reviews = []
    start = date(2022, 1, 1)
    for r in range(n // PER_REVIEW):
        facts = []
        while len(facts) < PER_REVIEW:
            k = len(facts)
            on = start + timedelta(days=rng.randrange(3 * 365))
            event = f"{rng.choice(EVENTS)} {rng.choice(['', 'again', 'with interpreter'])}"
            seen = rng.choice(["yes", "no", "unknown"])
            agency = rng.choice(AGENCIES)
            precise = rng.random() < 0.9
            end = on if precise else on + timedelta(days=30)
            facts.append(
                Fact(
                    f"{r}-{k}",
                    agency,
                    on,
                    end,
                    clock(9) if rng.random() < 0.3 else None,
                    "day" if precise else "month",
                    f"R{k}",
                    event,
                    "",
                    seen,
                )
            )
            if precise and rng.random() < 0.33 and len(facts) < PER_REVIEW:
                other = rng.choice([a for a in AGENCIES if a != agency])
                twin_seen = rng.choice([seen, seen, "no" if seen == "yes" else "yes"])
                facts.append(
                    Fact(f"{r}-{k}b", other, on, on, None, "day", f"S{k}", event, "", twin_seen)
                )
        reviews.append(facts)
    return reviews


def _merge_figures() -> dict:
    import bench
    from casereview.chronology.merge import merge, order_key

    reviews = synthetic_facts(ENTRIES)
    merged = [merge(facts, 90) for facts in reviews]  # warm-up
    seconds, floor = [], []
    for _ in range(REPEATS):
        gc.collect()
        started = time.perf_counter()
        merged = [merge(facts, 90) for facts in reviews]
        seconds.append(time.perf_counter() - started)
        gc.collect()
        started = time.perf_counter()
        for facts in reviews:
            sorted(facts, key=order_key)
        floor.append(time.perf_counter() - started)
    return {
        "entries": sum(len(f) for f in reviews),
        "groups": sum(len(m.groups) for m in merged),
        "conflicts": sum(len(m.conflicts) for m in merged),
        "gaps": sum(len(m.gaps) for m in merged),
        "merge": bench.summary(seconds),
        "floor": bench.summary(floor),
    }


def _review_and_manager():
    from django.db.models import Count

    from casereview.accounts.models import Membership
    from casereview.reviews.models import Review, ReviewStatus

    managed = Membership.objects.filter(role="board_manager").values("board_id")
    review = (
        Review.objects.exclude(status=ReviewStatus.CLOSED)
        .filter(notification__board_id__in=managed)
        .annotate(n=Count("notification__involvements"))
        .order_by("-n", "pk")
        .first()
    )
    if review is None:
        raise AssertionError("the data set has no open review on a board with a manager")
    manager = (
        Membership.objects.filter(board_id=review.notification.board_id, role="board_manager")
        .select_related("user")
        .order_by("user_id")
        .first()
        .user
    )
    return review, manager


def _fill(review, user) -> int:
    from django.utils import timezone

    from casereview.accounts.models import Agency
    from casereview.chronology.models import ChronologyEntry
    from casereview.chronology.services import chronology_for

    agencies = list(Agency.objects.filter(board_id=review.notification.board_id)[:6])
    facts = synthetic_facts(PER_REVIEW, seed=5)[0]
    chronologies = {a.pk: chronology_for(review, a) for a in agencies}
    by_name = dict(zip(AGENCIES, agencies * 6, strict=False))
    now = timezone.now()
    rows = []
    for n, f in enumerate(facts):
        agency = by_name[f.agency]
        rows.append(
            ChronologyEntry(
                review=review,
                chronology=chronologies[agency.pk],
                agency=agency,
                occurred_from=f.occurred_from,
                occurred_to=f.occurred_to,
                occurred_time=f.occurred_time,
                precision=f.precision,
                source_ref=f"BENCH-{n}",
                event=f.event,
                child_seen=f.child_seen,
                source="import",
                entered_by=user,
                entered_at=now,
            )
        )
    ChronologyEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _page_figures() -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    import bench
    from bench.pages import _client_for
    from casereview.audit.context import SYSTEM
    from casereview.chronology.merge import rebuild
    from casereview.chronology.timeline import PAGE_SIZE

    figures: dict = {}
    try:
        with transaction.atomic():
            review, manager = _review_and_manager()
            entries = _fill(review, manager)
            started = time.perf_counter()
            merged = rebuild(review, actor=manager, context=SYSTEM)
            rebuild_s = time.perf_counter() - started
            client = _client_for(manager)
            timeline = reverse("chronology:integrated", args=[review.pk])
            middle = entries // PAGE_SIZE // 2
            pages = {
                "trivial": reverse("accounts:account"),
                "first": timeline,
                "middle": f"{timeline}?page={middle}",
            }

            def get(url):
                response = client.get(url, secure=True)
                if response.status_code != 200:
                    raise AssertionError(f"{url} answered {response.status_code}")

            for url in pages.values():
                get(url)
            seconds = {name: [] for name in pages}
            queries = {name: set() for name in pages}
            for _ in range(PAGE_REPEATS):
                for name, url in pages.items():
                    gc.collect()
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        get(url)
                        seconds[name].append(time.perf_counter() - started)
                    queries[name].add(len(captured))
            figures = {
                "vendor": connection.vendor,
                "entries": entries,
                "groups": len(merged.groups),
                "rebuild_s": rebuild_s,
                "pages": {
                    name: {**bench.summary(seconds[name]), "queries": sorted(queries[name])}
                    for name in pages
                },
            }
            raise _Rollback
    except _Rollback:
        pass
    return figures


def measure() -> dict:
    return {"merge": _merge_figures(), "page": _page_figures()}


def run(datasets: list) -> list[dict]:
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: measuring on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        m = figures["merge"]
        results.append(
            {
                "benchmark": "chronology merge",
                "title": f"merge and conflict detection of {m['entries']:,} entries",
                "goal": "≤ 2 s",
                "verdict": "PASS" if m["merge"]["median_s"] <= MERGE_GOAL_S else "FAIL",
                "figure": f"{m['merge']['median_s'] * 1000:.0f} ms",
                "floor_figure": f"{m['floor']['median_s'] * 1000:.0f} ms",
                "ratio": m["merge"]["median_s"] / m["floor"]["median_s"],
                "floor_view": "sorting the same entries by date",
                "details": m,
                "dataset": dataset.describe(),
            }
        )
        p = figures["page"]
        floor = p["pages"]["trivial"]
        for name in ("first", "middle"):
            page = p["pages"][name]
            ratio = page["median_s"] / floor["median_s"]
            constant = len(page["queries"]) == 1
            ok = ratio <= PAGE_GOAL_RATIO and constant
            results.append(
                {
                    "benchmark": f"page: integrated chronology ({name} page)",
                    "title": f"timeline of a {p['entries']:,}-entry review, {name} page",
                    "goal": "≤ 3 × trivial view",
                    "verdict": ("PASS" if ok else "FAIL") if dataset.scale == "national" else "n/a",
                    "figure": f"{page['median_s'] * 1000:.1f} ms",
                    "floor_figure": f"{floor['median_s'] * 1000:.1f} ms",
                    "ratio": ratio,
                    "queries": page["queries"],
                    "floor_view": "account page (/account/)",
                    "rebuild_s": p["rebuild_s"],
                    "dataset": dataset.describe(),
                }
            )
    return results


def table(results: list[dict]) -> list[str]:
    head = ("backend", "scale", "what", "median", "floor", "ratio", "queries", "goal", "verdict")
    rows = [head]
    for r in results:
        rows.append(
            (
                r["dataset"]["backend"],
                r["dataset"]["scale"],
                r["title"],
                r["figure"],
                r["floor_figure"],
                f"{r['ratio']:.1f} ×",
                ",".join(str(q) for q in r.get("queries", [])) or "-",
                r["goal"],
                r["verdict"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    rebuilds = [f"{r['rebuild_s']:.2f} s" for r in results if "rebuild_s" in r][:1]
    if rebuilds:
        lines.append(
            f"Floors: sorting the same entries (merge); the account page (pages). Storing the "
            f"5,000-entry review's merge (rebuild) took {rebuilds[0]}."
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
