"""The heaviest pages against a trivial authenticated view: goal within 3 times (QUALITY.md).

Signs in as a board manager (password and second factor, as after a real sign-in) with
Django's test client in a fresh process against the benchmark data set, and times whole
requests through the full middleware stack: the board dashboard (`/dashboard/`), the
compliance page of the open review with the most applicable obligations
(`/reviews/<id>/compliance/`) and the board's action tracker (`/boards/<id>/actions/`); the
national trends page (`/national/trends/`) as the data set's national analyst. (The
integrated chronology of a 5,000-entry review is bench/chronology_merge.py.) The floor,
measured in the same process and interleaved with
those requests, is the account page (`/account/`): authenticated, through the same
middleware, one small query of the user's memberships and no case data. Each page: one
warm-up, then the median of REPEATS requests, counting SQL queries.

Every request runs inside one transaction that is rolled back at the end, so the audit
events and sessions the pages write do not accumulate in the reused data set.

Run it with `python -m bench.run --only pages`; `--measure OUT` is the subprocess side.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

NAME = "pages"
TITLE = "Pages against a trivial authenticated view"
GOAL = "≤ 3 × the trivial view at national scale"
GOAL_RATIO = 3.0
REPEATS = 15
WARMUPS = 1
TRIVIAL = "account page (/account/)"


class _Rollback(Exception):
    pass


def _heaviest_review():
    """The open review with the most applicable obligations, and a board manager of its
    board (ties: the first review found)."""
    from django.utils import timezone

    from casereview.accounts.models import Membership
    from casereview.procedure.engine import evaluate_many
    from casereview.reviews.models import Review, ReviewStatus

    managed = set(
        Membership.objects.filter(role="board_manager").values_list("board_id", flat=True)
    )
    reviews = list(
        Review.objects.exclude(status=ReviewStatus.CLOSED)
        .filter(notification__board_id__in=managed)
        .select_related("notification", "notification__board")
    )
    if not reviews:
        raise AssertionError("the data set has no open review on a board with a manager")
    results = evaluate_many([r.notification for r in reviews], timezone.localdate())
    applicable = {
        r.pk: sum(1 for o in results.get(r.notification_id, []) if o.status != "not_applicable")
        for r in reviews
    }
    review = max(reviews, key=lambda r: applicable[r.pk])
    manager = (
        Membership.objects.filter(board_id=review.notification.board_id, role="board_manager")
        .select_related("user")
        .order_by("user_id")
        .first()
        .user
    )
    return review, applicable[review.pk], manager


def _analyst():
    """A national analyst of the data set (the trends page is theirs), or None."""
    from casereview.accounts.models import Membership

    membership = Membership.objects.filter(role="national_analyst").select_related("user").first()
    return membership.user if membership else None


def _client_for(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure() -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    import bench

    figures: dict = {}
    try:
        with transaction.atomic():
            review, obligations, manager = _heaviest_review()
            client = _client_for(manager)
            board_id = review.notification.board_id
            pages = {
                "trivial": (client, reverse("accounts:account")),
                "dashboard": (client, reverse("dashboard")),
                "compliance": (client, reverse("reviews:compliance", args=[review.pk])),
                "tracker": (client, reverse("learning:tracker", args=[board_id])),
            }
            analyst = _analyst()
            if analyst is not None:
                pages["trends"] = (_client_for(analyst), reverse("national:trends"))

            def get(client, url: str) -> None:
                response = client.get(url, secure=True)
                if response.status_code != 200:
                    raise AssertionError(f"{url} answered {response.status_code}")

            for _ in range(WARMUPS):
                for page_client, url in pages.values():
                    get(page_client, url)
            seconds: dict[str, list[float]] = {name: [] for name in pages}
            queries: dict[str, set[int]] = {name: set() for name in pages}
            for _ in range(REPEATS):
                for name, (page_client, url) in pages.items():
                    gc.collect()
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        get(page_client, url)
                        seconds[name].append(time.perf_counter() - started)
                    queries[name].add(len(captured))
            figures = {
                "vendor": connection.vendor,
                "review_obligations": obligations,
                "review_regime": (
                    f"{review.notification.regime} {review.notification.regime_version}"
                ),
                "pages": {
                    name: {
                        "url_name": name,
                        **bench.summary(seconds[name]),
                        "queries": max(queries[name]),
                        "queries_varied": len(queries[name]) > 1,
                    }
                    for name in pages
                },
                "repeats": REPEATS,
                "warmups": WARMUPS,
            }
            raise _Rollback
    except _Rollback:
        pass
    return figures


def run(datasets: list) -> list[dict]:
    """One result per heavy page and data set, each against the trivial view of its run."""
    import bench

    results = []
    for dataset in datasets:
        bench.log(f"{NAME}: measuring on {dataset.backend} ({dataset.scale}) ...")
        figures = bench.measure(__name__, dataset)
        floor = figures["pages"]["trivial"]
        for name, title in (
            ("dashboard", "board dashboard"),
            ("compliance", f"review compliance page ({figures['review_obligations']} obligations)"),
            ("tracker", "board action tracker"),
            ("trends", "national trends (a national analyst)"),
        ):
            if name not in figures["pages"]:
                continue
            page = figures["pages"][name]
            ratio = page["median_s"] / floor["median_s"]
            if dataset.scale == "national":
                verdict = "PASS" if ratio <= GOAL_RATIO else "FAIL"
            else:
                verdict = "n/a"  # the goal is stated at national scale
            results.append(
                {
                    "benchmark": f"page: {name}",
                    "title": title,
                    "goal": "≤ 3 × trivial view",
                    "verdict": verdict,
                    "figure": f"{page['median_s'] * 1000:.1f} ms",
                    "floor_figure": f"{floor['median_s'] * 1000:.1f} ms",
                    "ratio": ratio,
                    "queries": page["queries"],
                    "floor_queries": floor["queries"],
                    "page": page,
                    "floor": floor,
                    "floor_view": TRIVIAL,
                    "regime": figures["review_regime"],
                    "repeats": figures["repeats"],
                    "dataset": dataset.describe(),
                }
            )
    return results


def table(results: list[dict]) -> list[str]:
    head = (
        "backend",
        "scale",
        "page",
        "queries",
        "median",
        "min–max",
        "floor",
        "floor q.",
        "ratio",
        "goal",
        "verdict",
    )
    rows = [head]
    for r in results:
        p = r["page"]
        rows.append(
            (
                r["dataset"]["backend"],
                r["dataset"]["scale"],
                r["title"],
                str(r["queries"]),
                r["figure"],
                f"{p['min_s'] * 1000:.1f}–{p['max_s'] * 1000:.1f} ms",
                r["floor_figure"],
                str(r["floor_queries"]),
                f"{r['ratio']:.1f} ×",
                "≤ 3 ×",
                r["verdict"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if results:
        r = results[0]
        lines.append(
            f"Floor: the {r['floor_view']}, signed in as the same board manager. Median of "
            f"{r['repeats']} requests after 1 warm-up, through Django's test client and the "
            "full middleware stack, in one transaction rolled back at the end."
        )
    varied = [r["title"] for r in results if r["page"]["queries_varied"]]
    if varied:
        lines.append(f"The number of queries changed between requests of: {', '.join(varied)}")
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
