"""The national scale: 150 boards, 600 agencies, 3,000 users, 20,000 notifications and
3,000 reviews, bulk-loaded in batches from the same case plans as the smaller scales."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.utils import timezone

from casereview.accounts.models import AgencyKind
from casereview.cases.models import (
    OTHER_CHILD_RELATIONSHIPS,
    ChildConsidered,
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
from casereview.cases.references import review_reference
from casereview.cases.screening import Facts, screen
from casereview.cases.vocab import PersonKind
from casereview.chronology.models import AgencyChronology
from casereview.procedure import catalogue
from casereview.reviews.models import Review, ReviewStatus, StatusChange

from . import chronologies, national_learning, national_records
from .boards import DEMO_PASSWORD, UserMaker, create_boards
from .case_plans import CaseFactory, CasePlan, references
from .notifications import TASK_NOTES_RECORDS, sibling_considered
from .summary import Progress, SeedResult, counts, demo_logins, no_progress

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
# Chronology entries of a review (issue 11: about 1,000,000 in all, a few reviews of 5,000
# or more): most reviews have a few hundred, one in a hundred several thousand.
ENTRIES_PER_REVIEW = (100, 420)
ENTRIES_OF_A_LARGE_REVIEW = (5_000, 9_000)
LARGE_REVIEW_SHARE = 0.01
# One board in this many has a national analyst.
ANALYST_EVERY = 25


def generate_national(
    *,
    seed: int = 1,
    boards: int = NATIONAL_BOARDS,
    agencies_per_board: int = NATIONAL_AGENCIES_PER_BOARD,
    users_per_board: int = NATIONAL_USERS_PER_BOARD,
    notifications_per_board: int | None = None,
    reviews_per_board: int | None = None,
    batch_size: int = 2000,
    progress: Progress = no_progress,
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
    with transaction.atomic():
        contexts = create_boards(
            rng, boards, agency_kinds=_agency_kinds(agencies_per_board), extra_agencies=False
        )
        users = UserMaker(rng, make_password(DEMO_PASSWORD))
        users.add_boards(contexts, users_per_board, analysts_every=ANALYST_EVERY)
        progress("users", 0, len(users.users))
        users.save()
        progress("users", len(users.users), len(users.users))

    factory = CaseFactory(rng, now)
    sizes = _board_sizes(boards, notifications_per_board, reviews_per_board)
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
    # The national store: a record for each review, drawn to DOMAIN.md §6's figures.
    board_rows = [ctx.board for ctx in contexts]
    national_records.assign_regions(board_rows)
    progress("national records", 0, sum(r for _, r in sizes))
    written = national_records.write(
        random.Random(f"national-{seed}"), board_rows, sum(r for _, r in sizes)
    )
    progress("national records", written, written)
    return SeedResult("national", counts(), demo_logins(boards=min(boards, 2)))


def _agency_kinds(agencies_per_board: int) -> list[str]:
    """The usual four kinds first, then the others in their order."""
    kinds = list(NATIONAL_AGENCY_KINDS)[:agencies_per_board]
    if agencies_per_board > len(kinds):
        kinds += [k for k in AgencyKind.values if k not in kinds][: agencies_per_board - len(kinds)]
    return kinds


def _spread(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


def _board_sizes(
    boards: int, notifications_per_board: int | None, reviews_per_board: int | None
) -> list[tuple[int, int]]:
    """(notifications, reviews) of each board: as given, or the national totals shared out."""
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
    return sizes


@dataclass
class _Rows:
    """The unsaved rows of one batch, in the order they are inserted."""

    notifications: list[Notification] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    involvements: list[NotificationAgency] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    considered: list[ChildConsidered] = field(default_factory=list)
    recommendations: list[PanelRecommendation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    decision_plans: list[CasePlan] = field(default_factory=list)


def _bulk_write(batch: list[tuple[CasePlan, str]], rng: random.Random) -> None:
    rows = _Rows()
    for plan, reference in batch:
        _add_case(rows, plan, reference, rng)
    with transaction.atomic():
        Notification.objects.bulk_create(rows.notifications, batch_size=500)
        Person.objects.bulk_create(rows.people, batch_size=500)
        NotificationAgency.objects.bulk_create(rows.involvements, batch_size=1000)
        KeyDate.objects.bulk_create(rows.key_dates, batch_size=1000)
        Task.objects.bulk_create(rows.tasks, batch_size=500)
        ChildConsidered.objects.bulk_create(rows.considered, batch_size=500)
        PanelRecommendation.objects.bulk_create(rows.recommendations, batch_size=500)
        Decision.objects.bulk_create(rows.decisions, batch_size=500)
        reviews, changes, plans = _reviews(rows)
        Review.objects.bulk_create(reviews, batch_size=500)
        StatusChange.objects.bulk_create(changes, batch_size=1000)
        _chronologies(rows, reviews)
        national_learning.write(
            national_learning.learning_rows(zip(reviews, plans, strict=True), rng)
        )
    # With DEBUG on, Django keeps the last 9,000 statements: bulk inserts are large.
    reset_queries()


def _chronologies(rows: _Rows, reviews: list[Review]) -> int:
    """Each review's agency chronologies, written in batches of 5,000 entries; each review
    draws from its own random stream (its reference), so the rest of the data set is as
    it was without them."""
    agencies: dict[int, list] = {}
    for involvement in rows.involvements:
        agencies.setdefault(id(involvement.notification), []).append(involvement.agency)
    plans = {
        id(d.notification): plan
        for d, plan in zip(rows.decisions, rows.decision_plans, strict=True)
    }
    made = [
        (review, [AgencyChronology(review=review, agency=a) for a in involved])
        for review in reviews
        for involved in [sorted(agencies.get(id(review.notification), []), key=lambda a: a.name)]
    ]
    AgencyChronology.objects.bulk_create([c for _, kept in made for c in kept], batch_size=1000)

    def entries():
        for review, kept in made:
            rng = random.Random(review.reference)
            large = rng.random() < LARGE_REVIEW_SHARE
            count = rng.randint(*(ENTRIES_OF_A_LARGE_REVIEW if large else ENTRIES_PER_REVIEW))
            end = review.notification.incident_date or review.opened_at.date()
            period = (end - timedelta(days=2 * 365), end)
            manager = plans[id(review.notification)].ctx.manager
            yield from chronologies.entries_for(rng, kept, period, count, manager, review.opened_at)

    return chronologies.write(entries())


def _add_case(rows: _Rows, plan: CasePlan, reference: str, rng: random.Random) -> None:
    """One notification with its people, key dates, agencies, tasks, recommendation and
    decision."""
    board = plan.ctx.board
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
    rows.notifications.append(n)
    rows.people.append(Person(board=board, notification=n, kind=PersonKind.CHILD, **plan.child))
    family = [Person(board=board, notification=n, **p) for p in plan.family]
    rows.people.extend(family)
    if plan.other_children_done:
        rows.considered.extend(
            sibling_considered(board, n, p, plan.ctx.manager, plan.other_children_done)
            for p in family
            if p.kind == PersonKind.OTHER_CHILD or p.relationship in OTHER_CHILD_RELATIONSHIPS
        )
    rows.key_dates.extend(KeyDate(notification=n, date=d, description=t) for d, t in plan.key_dates)
    _add_tasks(rows, plan, n, rng)
    if plan.recommendation:
        rows.recommendations.append(_recommendation(plan, n))
    if plan.decision:
        rows.decisions.append(_decision(plan, n))
        rows.decision_plans.append(plan)


def _add_tasks(rows: _Rows, plan: CasePlan, n: Notification, rng: random.Random) -> None:
    """The 'other children' task, and each involved agency with its 'records secured' task."""
    ctx, board = plan.ctx, plan.ctx.board
    done = plan.other_children_done
    rows.tasks.append(
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
        rows.involvements.append(NotificationAgency(notification=n, agency=agency))
        secured = plan.records_done[id(agency)]
        rows.tasks.append(
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


def _recommendation(plan: CasePlan, n: Notification) -> PanelRecommendation:
    recommendation, reasons, recorded = plan.recommendation
    criteria = screen(
        catalogue.current(n.regime),
        Facts(n.outcome, n.abuse_neglect, frozenset(k for k, v in n.considerations.items() if v)),
    ).outcome_id
    return PanelRecommendation(
        notification=n,
        board=plan.ctx.board,
        criteria_result=criteria,
        recommendation=recommendation,
        reasons=reasons,
        recorded_by=plan.ctx.panel_chair,
        recorded_at=recorded,
    )


def _decision(plan: CasePlan, n: Notification) -> Decision:
    outcome, reasons, dissent, decided_on, recorded = plan.decision
    return Decision(
        notification=n,
        board=plan.ctx.board,
        outcome=outcome,
        reasons=reasons,
        dissent=dissent,
        decided_on=decided_on,
        decided_by=plan.ctx.chair,
        recorded_at=recorded,
    )


def _reviews(rows: _Rows) -> tuple[list[Review], list[StatusChange], list[CasePlan]]:
    """A review with its first status change for every saved decision to hold one (and
    each review's plan)."""
    reviews, changes, plans = [], [], []
    for decision, plan in zip(rows.decisions, rows.decision_plans, strict=True):
        if decision.outcome != DecisionOutcome.HOLD_REVIEW:
            continue
        n = decision.notification
        review = Review(
            board=n.board,
            notification=n,
            decision=decision,
            reference=review_reference(n.reference),
            regime=n.regime,
            regime_version=n.regime_version,
            opened_at=decision.recorded_at,
        )
        reviews.append(review)
        plans.append(plan)
        changes.append(
            StatusChange(
                review=review,
                to_status=ReviewStatus.DECIDED,
                reason="The board chair decided to hold a serious case review",
                changed_by=plan.ctx.chair,
                changed_at=decision.recorded_at,
            )
        )
    return reviews, changes, plans
