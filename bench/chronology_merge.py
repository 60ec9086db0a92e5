"""The integrated chronology: merge and conflict detection of 100,000 entries (goal ≤ 2 s),
and the timeline page of a 5,000-entry review against the trivial authenticated view (goal
at most 3 times, with a constant number of queries).

Merge: `casereview.chronology.merge.merge` over 100,000 synthetic entries, made in the
measuring process with a fixed seed: 20 reviews of 5,000 entries, six agencies, three years,
a third of the events recorded by a second agency (some with a different account), as the
merge runs (per review). Floor: sorting the same entries by date, per review.

Page: inside one transaction rolled back at the end, 5,000 entries are bulk-inserted into
the open review of the data set with the most involved agencies and merged (`rebuild`, also
timed once); then pages of `/reviews/<id>/chronology/` against the account page,
interleaved, median of PAGE_REPEATS after one warm-up each:
- the first and the middle page as a board manager of its board (the panel's view, read
  from the merge's kept summary);
- the first and the middle page as an agency author of an involved agency before the
  chronology is shared (their own agency's rows only: the kept summary does not apply);
- the first and the middle page of a filtered view as the board manager (one agency and a
  period of eighteen months: worked out from the entries, not the summary).

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
# The filtered view measured: the agency with most entries, and this period.
FILTER_PERIOD = (date(2023, 1, 1), date(2024, 6, 30))
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


def _author_of(review):
    """An agency author of an agency the review involves (the first by id)."""
    from casereview.accounts.models import Membership
    from casereview.cases.models import NotificationAgency

    involved = NotificationAgency.objects.filter(notification_id=review.notification_id)
    membership = (
        Membership.objects.filter(
            board_id=review.notification.board_id,
            role="agency_author",
            agency_id__in=involved.values("agency_id"),
        )
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    if membership is None:
        raise AssertionError("the review's board has no author of an involved agency")
    return membership.user, membership.agency_id


def _middle(count: int) -> int:
    """The middle page of `count` entries."""
    from casereview.chronology.timeline import PAGE_SIZE

    return max(1, -(-count // PAGE_SIZE) // 2)


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
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    import bench
    from bench.pages import _client_for
    from casereview.audit.context import SYSTEM
    from casereview.chronology.merge import rebuild
    from casereview.chronology.models import ChronologyEntry
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
            author, own = _author_of(review)
            clients = {"manager": client, "author": _client_for(author)}
            timeline = reverse("chronology:integrated", args=[review.pk])
            middle = entries // PAGE_SIZE // 2
            live = ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True)
            # Before sharing, the author reads their agency's entries only.
            authors = live.filter(agency_id=own).count()
            busiest = (
                live.values("agency_id")
                .annotate(n=Count("pk"))
                .order_by("-n", "agency_id")
                .values_list("agency_id", flat=True)
                .first()
            )
            start, end = FILTER_PERIOD
            narrowed = live.filter(
                agency_id=busiest, occurred_to__gte=start, occurred_from__lte=end
            ).count()
            query = (
                f"agency={busiest}&period_from_day={start.day}&period_from_month={start.month}"
                f"&period_from_year={start.year}&period_to_day={end.day}"
                f"&period_to_month={end.month}&period_to_year={end.year}"
            )
            # name -> (who asks, address, the count the page must say)
            pages = {
                "trivial": ("manager", reverse("accounts:account"), None),
                "first": ("manager", timeline, None),
                "middle": ("manager", f"{timeline}?page={middle}", None),
                "author first": ("author", timeline, authors),
                "author middle": ("author", f"{timeline}?page={_middle(authors)}", authors),
                "filtered first": ("manager", f"{timeline}?{query}", narrowed),
                "filtered middle": (
                    "manager",
                    f"{timeline}?{query}&page={_middle(narrowed)}",
                    narrowed,
                ),
            }

            def get(who, url, count=None):
                response = clients[who].get(url, secure=True)
                if response.status_code != 200:
                    raise AssertionError(f"{url} answered {response.status_code}")
                # The page reads the rows it claims to (the author's own, the filter's).
                if count is not None and f'"govuk-body">{count} entr' not in response.text:
                    raise AssertionError(f"{url} as {who} does not show {count} entries")

            for page in pages.values():
                get(*page)
            seconds = {name: [] for name in pages}
            queries = {name: set() for name in pages}
            for _ in range(PAGE_REPEATS):
                for name, (who, url, _count) in pages.items():
                    gc.collect()
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        get(who, url)
                        seconds[name].append(time.perf_counter() - started)
                    queries[name].add(len(captured))
            figures = {
                "vendor": connection.vendor,
                "entries": entries,
                "author_entries": authors,
                "filtered_entries": narrowed,
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


# The measured pages: name -> (the benchmark's label, what the table says it is).
_PAGES = {
    "first": ("first page", "first page"),
    "middle": ("middle page", "middle page"),
    "author first": (
        "agency author before sharing, first page",
        "agency author before sharing ({author_entries:,} own), first page",
    ),
    "author middle": (
        "agency author before sharing, middle page",
        "agency author before sharing ({author_entries:,} own), middle page",
    ),
    "filtered first": (
        "filtered by agency and period, first page",
        "filtered by agency and period ({filtered_entries:,}), first page",
    ),
    "filtered middle": (
        "filtered by agency and period, middle page",
        "filtered by agency and period ({filtered_entries:,}), middle page",
    ),
}


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
        for name, (label, what) in _PAGES.items():
            page = p["pages"][name]
            what = what.format(**p)
            ratio = page["median_s"] / floor["median_s"]
            constant = len(page["queries"]) == 1
            ok = ratio <= PAGE_GOAL_RATIO and constant
            results.append(
                {
                    "benchmark": f"page: integrated chronology ({label})",
                    "title": f"timeline of a {p['entries']:,}-entry review, {what}",
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
