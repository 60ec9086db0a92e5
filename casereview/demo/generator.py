"""Synthetic data for demonstrations, tests and benchmarks (`casereview seed`): the entry
points. What is generated is in the modules named for it: boards and their users
(`boards`), people and households (`people`, `households`), the notifications
(`scenarios`, `case_plans`, `notifications`), the review workflow (`review_*`) and the
national bulk load (`national`).

Three scales:

- ``demo``: the Eastbrook board (40 notifications, about 15 reviews) and the Westmoor board
  (10 notifications), with the documented demo logins. Written through the real services
  (`create_notification`, `save_person`, `complete_task`, `record_panel_recommendation`,
  `record_decision`), so every row has its audit event and every rule is applied.
- ``board``: one board (Eastbrook, with the demo logins) with 40 reviews out of about 120
  notifications, also through the services.

At these two scales the reviews are then run (`review_workflow`) through the review services
(`lifecycle.move`, the panel, terms of reference, agency report, family and support
services) to a spread of stages that fits how long ago each was decided (`review_profile`):
one or two just decided, some in scoping, several in agency reports or overview drafting,
and older ones signed off, monitored or closed. Each has the workflow data its stage
implies, with some obligations genuinely overdue. With a full profile (15 or more
reviews) the board also has the demonstration's cases: a Polish-speaking mother first
written to in English without an interpreter (the 19.3 warning), a review held at board
sign-off by criminal proceedings with its clocks paused, terms of reference still in draft
after a month, a late notification to the inspectorate and a professional not yet
offered support. On the demo board one decision of "no review" is made again, with a
reason, as another learning process (`corrections`): its first version is in the case's
history; and (`showcase`) the chair decides against a required review, confirmed and with
substantive reasons, and one notification is about an unborn child.
- ``national``: 150 boards, 600 agencies, 3,000 users, 20,000 notifications and 3,000
  reviews, written with ``bulk_create`` in batches (see `national`).

Everything is deterministic for a given ``seed`` (one `random.Random` for the cases and
another for the reviews), apart from primary keys, TOTP keys and the audit events' own
timestamps. Names, places, postcodes (``ZZ99``), telephone numbers (Ofcom drama ranges)
and e-mail domains (``.example``) are fictional: see `names` and `places`.

Because the services stamp `timezone.now()`, the generator afterwards moves the business
timestamps (received, completed, recorded, opened; a review's status changes, terms of
reference drafted, reports requested, submitted and decided) back to plausible dates with
queryset ``.update()``. Audit events are append-only and are never touched: they keep the
time the data was loaded.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from casereview.accounts import mail
from casereview.accounts.models import AgencyKind, Board
from casereview.cases.models import Notification

from . import national_records
from .boards import DEMO_BOARD, DEMO_PASSWORD, BoardContext, UserMaker, create_boards
from .case_plans import CaseFactory, CasePlan, references
from .corrections import correct_a_decision
from .national import generate_national
from .notifications import renumber, write_via_services
from .review_workflow import run_reviews
from .showcase import add_showcase_cases
from .summary import Progress, SeedResult, counts, demo_logins, no_progress

SCALES = ("demo", "board", "national")


def seed(scale: str, *, seed: int = 1, progress: Progress = no_progress) -> SeedResult:
    # The generated events run through the services; they are nobody's work to be told of.
    with mail.silenced():
        return _seed(scale, seed=seed, progress=progress)


def _seed(scale: str, *, seed: int, progress: Progress) -> SeedResult:
    if scale == "demo":
        return generate_demo(seed=seed, progress=progress)
    if scale == "board":
        return generate_board(seed=seed, progress=progress)
    if scale == "national":
        return generate_national(seed=seed, progress=progress)
    raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")


def already_loaded() -> bool:
    """Seeded data is recognised by the demo board, which every scale creates."""
    return Board.objects.filter(slug=DEMO_BOARD).exists()


def generate_demo(
    *,
    seed: int = 1,
    notifications: tuple[int, int] = (40, 10),
    reviews: tuple[int, int] = (15, 3),
    progress: Progress = no_progress,
) -> SeedResult:
    """Eastbrook (40 notifications, 15 reviews) and Westmoor (10 notifications)."""
    _generate_with_services(
        seed=seed,
        boards=list(zip(notifications, reviews, strict=True)),
        users_per_board=0,
        progress=progress,
    )
    return SeedResult("demo", counts(), demo_logins())


def generate_board(
    *,
    seed: int = 1,
    notifications: int = 120,
    reviews: int = 40,
    progress: Progress = no_progress,
) -> SeedResult:
    """One board, Eastbrook, with the demo logins and 40 reviews."""
    _generate_with_services(
        seed=seed,
        boards=[(notifications, reviews)],
        users_per_board=20,
        progress=progress,
    )
    return SeedResult("board", counts(), demo_logins(boards=1))


BoardCases = tuple[BoardContext, list[CasePlan], list[Notification]]


def _generate_with_services(
    *,
    seed: int,
    boards: list[tuple[int, int]],
    users_per_board: int,
    progress: Progress,
) -> list[BoardContext]:
    """`boards` holds (notifications, reviews) for each board, demo boards first."""
    rng = random.Random(seed)
    now = timezone.now()
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        contexts = create_boards(
            rng, len(boards), agency_kinds=AgencyKind.values, extra_agencies=True
        )
        users = UserMaker(rng, password_hash)
        users.add_boards(contexts, users_per_board)
        users.save()
        written = _write_notifications(
            contexts, boards, CaseFactory(rng, now), rng, progress, seed=seed
        )
        # The reviews draw on a random stream of their own, so that the cases stay the same
        # whatever the workflow does with its draws.
        _run_reviews(written, random.Random(f"reviews-{seed}"), progress)
        # The national store: each board's region, and the demo board's signed-off reviews.
        national_records.assign_regions([ctx.board for ctx in contexts])
        national_records.signed_off_records(contexts[0].board)
    return contexts


def _write_notifications(
    contexts: list[BoardContext],
    boards: list[tuple[int, int]],
    factory: CaseFactory,
    rng: random.Random,
    progress: Progress,
    *,
    seed: int = 1,
) -> list[BoardCases]:
    """Each board's cases, planned and written through the services in order of receipt."""
    total = sum(n for n, _ in boards)
    done = 0
    written_boards = []
    for ctx, (n, reviews) in zip(contexts, boards, strict=True):
        plans = factory.board_plans(ctx, n, reviews, undecided_share=0.2, showcase=True)
        if not written_boards and n >= 10:
            # The demo board's story has a decision against a required review and an
            # unborn child.
            plans = add_showcase_cases(ctx, plans, seed=seed, now=factory.now)
        written = []
        for plan in plans:
            written.append(write_via_services(plan, rng))
            done += 1
            progress("notifications", done, total)
        renumber(
            ctx, list(zip(written, references(plans, ctx.board.reference_prefix), strict=True))
        )
        if not written_boards:
            # The demo board's story has one decision made again, with a reason.
            correct_a_decision(ctx, plans, written)
        written_boards.append((ctx, plans, written))
    return written_boards


def _run_reviews(written_boards: list[BoardCases], rng: random.Random, progress: Progress) -> None:
    total = sum(bool(p.review_stage) for _, plans, _ in written_boards for p in plans)
    done = 0
    for ctx, plans, written in written_boards:
        for _ in run_reviews(ctx, plans, written, rng):
            done += 1
            progress("reviews", done, total)
