"""Synthetic data for demonstrations, tests and benchmarks (`casereview seed`).

Three scales:

- ``demo``: the Eastbrook board (40 notifications, about 15 reviews) and the Westmoor board
  (10 notifications), with the documented demo logins. Written through the real services
  (`create_notification`, `save_person`, `complete_task`, `record_panel_recommendation`,
  `record_decision`), so every row has its audit event and every rule is applied.
- ``board``: one board (Eastbrook, with the demo logins) with 40 reviews out of about 120
  notifications, also through the services.

At these two scales the reviews are then run (`run_reviews`) through the review services
(`lifecycle.move`, the panel, terms of reference, agency report, family and support
services) to a spread of stages that fits how long ago each was decided (`REVIEW_PROFILE`):
one or two just decided, some in scoping, several in agency reports or overview drafting,
and older ones signed off, monitored or closed. Each has the workflow data its stage
implies, with some obligations genuinely overdue. With a full profile (15 or more
reviews) the board also has the demonstration's cases: a Polish-speaking mother first
written to in English without an interpreter (the 19.3 warning), a review held at board
sign-off by criminal proceedings with its clocks paused, terms of reference still in draft
after a month, a late notification to the Government Office and a professional not yet
offered support.
- ``national``: 150 boards, 600 agencies, 3,000 users, 20,000 notifications and 3,000
  reviews, written with ``bulk_create`` in batches (see `generate_national`).

Everything is deterministic for a given ``seed`` (one `random.Random`), apart from
primary keys, TOTP keys and the audit events' own timestamps. Names, places, postcodes
(``ZZ99``), telephone numbers (Ofcom drama ranges) and e-mail domains (``.example``) are
fictional: see `names` and `places`.

Because the services stamp `timezone.now()`, the generator afterwards moves the business
timestamps (received, completed, recorded, opened; a review's status changes, terms of
reference drafted, reports requested, submitted and decided) back to plausible dates with
queryset ``.update()``. Audit events are append-only and are never touched: they keep the time the
data was loaded.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.utils import timezone

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, User
from casereview.audit.models import AuditEvent
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    PanelRecommendation,
    Person,
    Task,
    TaskKind,
)
from casereview.cases.screening import screen
from casereview.cases.vocab import PersonKind
from casereview.procedure import catalogue
from casereview.reviews.models import (
    AgencyReport,
    FamilyContact,
    PanelMeeting,
    Review,
    ReviewStatus,
    StatusChange,
)

from .boards import (
    DEMO_BOARD,
    DEMO_PASSWORD,
    DEMO_USERS,
    SECOND_BOARD_USERS,
    BoardContext,
    UserMaker,
    create_boards,
)
from .case_plans import CaseFactory, CasePlan, references
from .notifications import TASK_NOTES_RECORDS, renumber, write_via_services
from .review_workflow import run_reviews

SCALES = ("demo", "board", "national")

# The scale QUALITY.md names.
NATIONAL_BOARDS = 150
NATIONAL_AGENCIES_PER_BOARD = 4
NATIONAL_USERS_PER_BOARD = 20
NATIONAL_NOTIFICATIONS = 20_000
NATIONAL_REVIEWS = 3_000
NATIONAL_AGENCY_KINDS = (
    AgencyKind.POLICE,
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH_PROVIDER,
    AgencyKind.PRIMARY_CARE_TRUST,
)

Progress = Callable[[str, int, int], None]


def _no_progress(label: str, done: int, total: int) -> None:
    return None


def already_loaded() -> bool:
    """Seeded data is recognised by the demo board, which every scale creates."""
    return Board.objects.filter(slug=DEMO_BOARD).exists()


@dataclass
class SeedResult:
    scale: str
    counts: dict[str, int]
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)


def _spread(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


# --------------------------------------------------------------------------------------
# Running the reviews (demo and board scales)
# --------------------------------------------------------------------------------------


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
        for i, ctx in enumerate(contexts):
            if i == 0:
                users.add_listed(ctx, DEMO_USERS)
            elif i == 1:
                users.add_listed(ctx, SECOND_BOARD_USERS)
            users.add_generated(ctx, users_per_board)
        users.save()
        factory = CaseFactory(rng, now)
        total = sum(n for n, _ in boards)
        done = 0
        boards_written = []
        for ctx, (n, reviews) in zip(contexts, boards, strict=True):
            plans = factory.board_plans(ctx, n, reviews, undecided_share=0.2, showcase=True)
            written = []
            for plan in plans:
                written.append(write_via_services(plan, rng))
                done += 1
                progress("notifications", done, total)
            renumber(
                ctx, list(zip(written, references(plans, ctx.board.reference_prefix), strict=True))
            )
            boards_written.append((ctx, plans, written))
        # The reviews draw on a random stream of their own, so that the cases stay the same
        # whatever the workflow does with its draws.
        review_rng = random.Random(f"reviews-{seed}")
        total = sum(bool(p.review_stage) for _, plans, _ in boards_written for p in plans)
        done = 0
        for ctx, plans, written in boards_written:
            for _ in run_reviews(ctx, plans, written, review_rng):
                done += 1
                progress("reviews", done, total)
    return contexts


def generate_demo(
    *,
    seed: int = 1,
    notifications: tuple[int, int] = (40, 10),
    reviews: tuple[int, int] = (15, 3),
    progress: Progress = _no_progress,
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
    progress: Progress = _no_progress,
) -> SeedResult:
    """One board, Eastbrook, with the demo logins and 40 reviews."""
    _generate_with_services(
        seed=seed,
        boards=[(notifications, reviews)],
        users_per_board=20,
        progress=progress,
    )
    return SeedResult("board", counts(), demo_logins(boards=1))


# --------------------------------------------------------------------------------------
# National scale: bulk loading
# --------------------------------------------------------------------------------------


def generate_national(
    *,
    seed: int = 1,
    boards: int = NATIONAL_BOARDS,
    agencies_per_board: int = NATIONAL_AGENCIES_PER_BOARD,
    users_per_board: int = NATIONAL_USERS_PER_BOARD,
    notifications_per_board: int | None = None,
    reviews_per_board: int | None = None,
    batch_size: int = 2000,
    progress: Progress = _no_progress,
) -> SeedResult:
    """The national data set, written with bulk_create in batches of about `batch_size`
    notifications (memory stays bounded).

    Rows are written directly rather than through the services: audit events are not
    needed for bulk synthetic loading (nobody did these things), and the per-object
    services with their audit chain would take far too long for 20,000 notifications.
    The same plans as at the smaller scales keep the rows consistent: one child per
    notification, a task per involved agency, a recommendation before every decision and
    a review with its first status change for every decision to hold one.
    """
    rng = random.Random(seed)
    now = timezone.now()
    kinds = list(NATIONAL_AGENCY_KINDS)[:agencies_per_board]
    if agencies_per_board > len(kinds):
        kinds += [k for k in AgencyKind.values if k not in kinds][: agencies_per_board - len(kinds)]
    with transaction.atomic():
        contexts = create_boards(rng, boards, agency_kinds=kinds, extra_agencies=False)
        users = UserMaker(rng, make_password(DEMO_PASSWORD))
        for i, ctx in enumerate(contexts):
            if i == 0:
                users.add_listed(ctx, DEMO_USERS)
            elif i == 1:
                users.add_listed(ctx, SECOND_BOARD_USERS)
            users.add_generated(ctx, users_per_board, analyst=i % 25 == 0)
        progress("users", 0, len(users.users))
        users.save()
        progress("users", len(users.users), len(users.users))

    factory = CaseFactory(rng, now)
    sizes = []
    for i in range(boards):
        n = (
            notifications_per_board
            if notifications_per_board is not None
            else _spread(NATIONAL_NOTIFICATIONS, boards, i)
        )
        r = (
            reviews_per_board
            if reviews_per_board is not None
            else _spread(NATIONAL_REVIEWS, boards, i)
        )
        sizes.append((n, r))
    total = sum(n for n, _ in sizes)
    done = 0
    progress("notifications", 0, total)
    buffer: list[tuple[CasePlan, str]] = []
    for ctx, (n, r) in zip(contexts, sizes, strict=True):
        plans = factory.board_plans(ctx, n, r, undecided_share=0.06)
        buffer.extend(zip(plans, references(plans, ctx.board.reference_prefix), strict=True))
        if len(buffer) >= batch_size:
            _bulk_write(buffer, rng)
            done += len(buffer)
            progress("notifications", done, total)
            buffer = []
    if buffer:
        _bulk_write(buffer, rng)
        done += len(buffer)
        progress("notifications", done, total)
    return SeedResult("national", counts(), demo_logins(boards=min(boards, 2)))


def _bulk_write(batch: list[tuple[CasePlan, str]], rng: random.Random) -> None:
    notifications, people, involvements, key_dates, tasks = [], [], [], [], []
    recommendations, decisions, decision_plans = [], [], []
    for plan, reference in batch:
        ctx = plan.ctx
        board = ctx.board
        status = NotificationStatus.NOTIFIED
        if plan.decision:
            status = NotificationStatus.DECIDED
        elif plan.recommendation:
            status = NotificationStatus.RECOMMENDED
        regime = catalogue.start(board.default_regime)
        n = Notification(
            board=board,
            reference=reference,
            status=status,
            received_at=plan.received_at,
            created_by=plan.creator,
            regime=regime.id,
            regime_version=regime.version,
            **plan.fields,
        )
        notifications.append(n)
        people.append(Person(board=board, notification=n, kind=PersonKind.CHILD, **plan.child))
        people.extend(Person(board=board, notification=n, **p) for p in plan.family)
        key_dates.extend(KeyDate(notification=n, date=d, description=t) for d, t in plan.key_dates)
        done = plan.other_children_done
        tasks.append(
            Task(
                board=board,
                notification=n,
                kind=TaskKind.OTHER_CHILDREN,
                due_at=plan.received_at,
                completed_at=done,
                completed_by=ctx.manager if done else None,
                done_on=timezone.localdate(done) if done else None,
                note=plan.other_children_note if done else "",
            )
        )
        for agency in plan.agencies:
            involvements.append(NotificationAgency(notification=n, agency=agency))
            secured = plan.records_done[id(agency)]
            tasks.append(
                Task(
                    board=board,
                    notification=n,
                    kind=TaskKind.RECORDS_SECURED,
                    agency=agency,
                    due_at=plan.received_at,
                    completed_at=secured,
                    completed_by=ctx.authors.get(id(agency), ctx.manager) if secured else None,
                    done_on=timezone.localdate(secured) if secured else None,
                    note=rng.choice(TASK_NOTES_RECORDS) if secured else "",
                )
            )
        if plan.recommendation:
            recommendation, reasons, recorded = plan.recommendation
            criteria = screen(
                outcome=n.outcome,
                abuse_neglect=n.abuse_neglect,
                considerations=n.considerations,
            ).recommendation
            recommendations.append(
                PanelRecommendation(
                    notification=n,
                    board=board,
                    criteria_result=criteria,
                    recommendation=recommendation,
                    reasons=reasons,
                    recorded_by=ctx.panel_chair,
                    recorded_at=recorded,
                )
            )
        if plan.decision:
            outcome, reasons, dissent, decided_on, recorded = plan.decision
            decisions.append(
                Decision(
                    notification=n,
                    board=board,
                    outcome=outcome,
                    reasons=reasons,
                    dissent=dissent,
                    decided_on=decided_on,
                    decided_by=ctx.chair,
                    recorded_at=recorded,
                )
            )
            decision_plans.append(plan)
    with transaction.atomic():
        Notification.objects.bulk_create(notifications, batch_size=500)
        Person.objects.bulk_create(people, batch_size=500)
        NotificationAgency.objects.bulk_create(involvements, batch_size=1000)
        KeyDate.objects.bulk_create(key_dates, batch_size=1000)
        Task.objects.bulk_create(tasks, batch_size=500)
        PanelRecommendation.objects.bulk_create(recommendations, batch_size=500)
        Decision.objects.bulk_create(decisions, batch_size=500)
        reviews, changes = [], []
        for decision, plan in zip(decisions, decision_plans, strict=True):
            if decision.outcome != DecisionOutcome.HOLD_REVIEW:
                continue
            n = decision.notification
            review = Review(
                board=n.board,
                notification=n,
                decision=decision,
                reference=n.reference.replace("-N", "-R", 1),
                regime=n.regime,
                regime_version=n.regime_version,
                opened_at=decision.recorded_at,
            )
            reviews.append(review)
            changes.append(
                StatusChange(
                    review=review,
                    to_status=ReviewStatus.DECIDED,
                    reason="The board chair decided to hold a serious case review",
                    changed_by=plan.ctx.chair,
                    changed_at=decision.recorded_at,
                )
            )
        Review.objects.bulk_create(reviews, batch_size=500)
        StatusChange.objects.bulk_create(changes, batch_size=1000)
    # With DEBUG on, Django keeps the last 9,000 statements: bulk inserts are large.
    reset_queries()


# --------------------------------------------------------------------------------------
# Entry point and summary
# --------------------------------------------------------------------------------------


def seed(scale: str, *, seed: int = 1, progress: Progress = _no_progress) -> SeedResult:
    if scale == "demo":
        return generate_demo(seed=seed, progress=progress)
    if scale == "board":
        return generate_board(seed=seed, progress=progress)
    if scale == "national":
        return generate_national(seed=seed, progress=progress)
    raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")


def counts() -> dict[str, int]:
    decisions = Counter(Decision.objects.values_list("outcome", flat=True))
    stages = Counter(Review.objects.values_list("status", flat=True))
    tasks = Task.objects.count()
    return {
        "boards": Board.objects.count(),
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "notifications": Notification.objects.count(),
        "people": Person.objects.count(),
        "tasks": tasks,
        "tasks done": Task.objects.filter(completed_at__isnull=False).count(),
        "panel recommendations": PanelRecommendation.objects.count(),
        "decisions": sum(decisions.values()),
        "decisions: hold a review": decisions[DecisionOutcome.HOLD_REVIEW],
        "decisions: other learning": decisions[DecisionOutcome.OTHER_LEARNING],
        "decisions: no review": decisions[DecisionOutcome.NO_REVIEW],
        "reviews": Review.objects.count(),
        **{
            f"reviews: {label.lower()}": stages[value]
            for value, label in ReviewStatus.choices
            if stages[value]
        },
        "panel meetings": PanelMeeting.objects.count(),
        "agency reports": AgencyReport.objects.count(),
        "family contacts": FamilyContact.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def demo_logins(boards: int = 2) -> list[tuple[str, str, str, str]]:
    """(username, name, role, board) of the documented demo accounts."""
    listed = DEMO_USERS + (SECOND_BOARD_USERS if boards > 1 else ())
    wanted = [u[0] for u in listed]
    rows = defaultdict(list)
    for m in Membership.objects.filter(user__username__in=wanted).select_related(
        "user", "board", "agency"
    ):
        role = m.get_role_display()
        if m.agency_id:
            role = f"{role} ({m.agency.name})"
        rows[m.user.username].append((m.user.get_full_name(), role, m.board.name))
    return [(username, *rows[username][0]) for username in wanted if rows.get(username)]
