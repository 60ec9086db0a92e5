"""Compliance kept current: each open case's obligation lines are stored (ObligationState)
so that the board dashboard and the role homes read them instead of evaluating every case
on each view.

How the stored lines stay equal to a fresh `engine.evaluate`:

- Every model the procedure's predicates, checks, anchors and pause sources read is in
  `WATCHED` (a test runs the engine, finds the tables it reads and fails when one is
  missing). A save or delete of any of them marks its case stale **in the same
  transaction** (`KeptCase.stale`); a write to one of `EVERY_CASE` (the working calendar,
  agencies) marks every case stale. Writes that bypass signals (`QuerySet.update`,
  `bulk_create`) call `touch(case_ids)` themselves.
- When that transaction commits, the cases it touched are re-evaluated and their lines
  replaced (Django has no hook just before a commit; a crash between the commit and the
  re-evaluation leaves the case marked stale, never wrong).
- `current(cases, today)`, what the pages read, first re-evaluates any case that is stale,
  has no lines yet, was worked out on another day or under another regime version: the
  answer always equals a fresh evaluation, and costs a constant number of queries.
- The passage of time (a deadline moves from due to overdue at midnight; a predicate may
  read today's date) is handled by `casereview compliance-refresh`, run nightly by a timer
  just after midnight (docs/production.md); `casereview compliance-rebuild` rebuilds all.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.cases import models as case_models
from casereview.cases.models import Notification
from casereview.procedure import catalogue, registry, working_days
from casereview.procedure.clocks import Deadline, WorkingCalendar
from casereview.procedure.engine import BATCH, Result, evaluate_many
from casereview.procedure.models import ConfirmedHolidayYear, OneOffHoliday
from casereview.procedure.registry import Evidence, ids_expression

from . import models as review_models
from .compliance import open_cases, still_owing
from .models import KeptCase, ObligationState

logger = logging.getLogger(__name__)

OPEN_STATUSES = ("due", "overdue", "paused", "waiting")

# The case data the procedure reads: a write to one of these changes its case's lines.
WATCHED: tuple[type[models.Model], ...] = (
    case_models.Notification,
    case_models.Person,
    case_models.ChildConsidered,
    case_models.ClockPause,
    case_models.Decision,
    case_models.NotificationAgency,
    case_models.PanelRecommendation,
    case_models.Task,
    review_models.Review,
    review_models.AgencyReport,
    review_models.Appointment,
    review_models.ChildInvolvement,
    review_models.ExpertNotAppointed,
    review_models.FamilyContact,
    review_models.FamilyInvolvement,
    review_models.FamilyNotContacted,
    review_models.OutboundNotification,
    review_models.PanelDecision,
    review_models.PanelMeeting,
    review_models.PanelMember,
    review_models.Professional,
    review_models.ReviewPlan,
    review_models.StatusChange,
    review_models.TermsOfReference,
)
# Data every case's lines may depend on: a write to one makes every case stale.
EVERY_CASE: tuple[type[models.Model], ...] = (Agency, OneOffHoliday, ConfirmedHolidayYear)


def case_of(instance: models.Model) -> Any:
    """The id of the case (notification) a row of a watched model belongs to."""
    try:
        for name in ("case_id", "notification_id"):
            if hasattr(instance, name):
                return getattr(instance, name)
        return instance.review.notification_id  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


# --- Marking stale (in the writing transaction) ----------------------------------------


class _Flush:
    """The cases touched in the current transaction of one connection, re-evaluated once
    when it commits (one callback per transaction, however many rows were written)."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.ids: set = set()
        self.every = False

    def __call__(self) -> None:
        ids, every = self.ids, self.every
        self.ids, self.every = set(), False
        if getattr(self.connection, "_kept_flush", None) is self:
            del self.connection._kept_flush
        if every:
            refresh_stale()
        # Stale ones too: a savepoint rolled back may have dropped an earlier callback.
        refresh_cases(
            ids | set(KeptCase.objects.filter(stale=True).values_list("case_id", flat=True))
        )


def _flush_for(connection) -> _Flush:
    """This transaction's pending flush, registered with on_commit if it is not yet (a
    rollback discards the callback; a new one is then registered)."""
    flush = getattr(connection, "_kept_flush", None)
    if flush is None or not any(func is flush for _, func, _ in connection.run_on_commit):
        earlier = flush
        flush = _Flush(connection)
        if earlier is not None:  # its callback was rolled back: keep its cases (harmless)
            flush.ids, flush.every = set(earlier.ids), earlier.every
        connection._kept_flush = flush
        # robust: a failure is logged, not raised after the data committed; the cases stay
        # marked stale and the next read or the nightly refresh re-evaluates them.
        transaction.on_commit(flush, robust=True)
    return flush


def _quietly(fn, *args) -> None:
    """Run a re-evaluation after the data is committed: a failure is logged, not raised
    (the case stays stale or missing, and is re-evaluated when next read)."""
    try:
        fn(*args)
    except Exception:
        logger.exception("compliance kept current: re-evaluation failed; cases left stale")


def touch(case_ids: Iterable[Any]) -> None:
    """Mark these cases stale now (in the writing transaction), and re-evaluate them once
    it commits."""
    ids = {pk for pk in case_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _quietly(refresh_cases, ids)
        return
    flush = _flush_for(connection)
    new = ids - flush.ids
    if new:
        KeptCase.objects.filter(case_id__in=new).update(stale=True)
        flush.ids |= new


def touch_every_case() -> None:
    connection = transaction.get_connection()
    KeptCase.objects.update(stale=True)
    if not connection.in_atomic_block:
        _quietly(refresh_stale)
        return
    _flush_for(connection).every = True


def _on_case_data(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: nothing to keep yet
        return
    touch([case_of(instance)])


def _on_every_case(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    touch_every_case()


def watch(*models_read: type[models.Model]) -> None:
    """For a higher app whose rows the procedure's checks read (learning): add its models
    to WATCHED and mark their case stale on each write (rows with a `review` or a case)."""
    global WATCHED
    new = tuple(m for m in models_read if m not in WATCHED)
    WATCHED = WATCHED + new
    _connect(new)


def touch_m2m(sender, instance, action: str, **kwargs) -> None:
    """m2m_changed: a link added or removed between two rows of the same review."""
    if action.startswith("post_"):
        touch([case_of(instance)])


def connect() -> None:
    _connect(WATCHED)
    for model in EVERY_CASE:
        uid = f"kept-{model._meta.label}"
        post_save.connect(_on_every_case, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_every_case, sender=model, dispatch_uid=f"{uid}-delete")


def _connect(watched) -> None:
    for model in watched:
        uid = f"kept-{model._meta.label}"
        post_save.connect(_on_case_data, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_case_data, sender=model, dispatch_uid=f"{uid}-delete")


# --- Re-evaluating -----------------------------------------------------------------------


def store(
    cases: list[Notification], today: date, calendar: WorkingCalendar | None = None
) -> dict[Any, list[Result]]:
    """Evaluate these open cases and replace their stored lines; returns what was stored."""
    calendar = calendar or working_days.current()
    now = timezone.now()
    stored: dict[Any, list[Result]] = {}
    for start in range(0, len(cases), BATCH):
        chunk = cases[start : start + BATCH]
        results = evaluate_many(chunk, today, calendar)
        ids = ids_expression([c.pk for c in chunk])
        rows = [
            _row(case, position, result, now)
            for case in chunk
            for position, result in enumerate(results[case.pk])
        ]
        kept = [
            KeptCase(
                case_id=c.pk,
                board_id=c.board_id,
                regime=c.regime,
                regime_version=c.regime_version,
                computed_on=today,
                computed_at=now,
                stamp=uuid.uuid4(),
                stale=False,
                settled=not still_owing(c, results[c.pk]),
            )
            for c in chunk
        ]
        with transaction.atomic():
            ObligationState.objects.filter(case_id__in=ids).delete()
            ObligationState.objects.bulk_create(
                rows,
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["case", "obligation"],
                update_fields=[f for f in _ROW_FIELDS if f not in ("case", "obligation")],
            )
            KeptCase.objects.bulk_create(
                kept,
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["case"],
                update_fields=[
                    "board",
                    "regime",
                    "regime_version",
                    "computed_on",
                    "computed_at",
                    "stamp",
                    "stale",
                    "settled",
                ],
            )
        stored.update(results)
    pending = getattr(transaction.get_connection(), "_kept_flush", None)
    if pending is not None:  # worked out now: a later write in this transaction marks again
        pending.ids -= {c.pk for c in cases}
    return stored


_ROW_FIELDS = (
    "case",
    "board",
    "obligation",
    "position",
    "status",
    "due",
    "paused_days",
    "evidence_on",
    "evidence_label",
    "evidence_url",
    "waiting_for",
    "regime",
    "regime_version",
    "computed_at",
)


def _row(case: Notification, position: int, r: Result, now) -> ObligationState:
    return ObligationState(
        case_id=case.pk,
        board_id=case.board_id,
        obligation=r.obligation.id,
        position=position,
        status=r.status,
        due=r.due,
        paused_days=r.deadline.paused_days if r.deadline else 0,
        evidence_on=r.evidence.on if r.evidence else None,
        evidence_label=r.evidence.label if r.evidence else "",
        evidence_url=r.evidence.url if r.evidence else "",
        waiting_for=r.waiting_for,
        regime=case.regime,
        regime_version=case.regime_version,
        computed_at=now,
    )


def forget(case_ids: Iterable[Any]) -> None:
    """Drop the lines of cases no longer open (a closed review)."""
    ids = ids_expression(list(case_ids))
    ObligationState.objects.filter(case_id__in=ids).delete()
    KeptCase.objects.filter(case_id__in=ids).delete()


def refresh_cases(case_ids: Iterable[Any], today: date | None = None) -> int:
    """Re-evaluate these cases if open (forget them if not); the number re-evaluated."""
    ids = list(set(case_ids))
    if not ids:
        return 0
    today = today or timezone.localdate()
    opened = list(open_cases(Notification.objects.filter(pk__in=ids_expression(ids))))
    # Settled cases are out of open_cases() but keep the row that keeps them out.
    still = {c.pk for c in opened} | set(
        KeptCase.objects.filter(
            case_id__in=ids_expression(ids), settled=True, stale=False
        ).values_list("case_id", flat=True)
    )
    gone = [pk for pk in ids if pk not in still]
    if gone:
        forget(gone)
    store(opened, today)
    return len(opened)


def refresh_stale(today: date | None = None) -> int:
    """Re-evaluate every stale case."""
    stale = KeptCase.objects.filter(stale=True).values_list("case_id", flat=True)
    return refresh_cases(list(stale), today)


def refresh(today: date | None = None) -> dict[str, int]:
    """The nightly task: re-evaluate every open case not worked out today (or stale, or
    never), and forget the cases no longer open."""
    today = today or timezone.localdate()
    cases = list(open_cases())
    fresh = set(
        KeptCase.objects.filter(computed_on=today, stale=False).values_list(
            "case_id", "regime_version"
        )
    )
    due = [c for c in cases if (c.pk, c.regime_version) not in fresh]
    still = {c.pk for c in cases}
    # A settled case is out of open_cases() but keeps its row: the row is what keeps it out.
    gone = [
        pk
        for pk in KeptCase.objects.filter(settled=False).values_list("case_id", flat=True)
        if pk not in still
    ]
    forget(gone)
    orphans = ObligationState.objects.exclude(case_id__in=KeptCase.objects.values("case_id"))
    orphans.delete()
    store(due, today)
    return {"open": len(cases), "evaluated": len(due), "forgotten": len(gone)}


def rebuild(today: date | None = None) -> dict[str, int]:
    """Throw every stored line away and evaluate every open case again."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ObligationState.objects.all().delete()
        KeptCase.objects.all().delete()
        cases = list(open_cases())
        store(cases, today)
    return {"open": len(cases), "evaluated": len(cases), "forgotten": 0}


# --- Reading -----------------------------------------------------------------------------


def current(
    cases: Iterable[Notification],
    today: date | None = None,
    *,
    open_only: bool = False,
    statuses_of: Callable[[Notification], tuple[str, ...]] | None = None,
) -> dict[Any, list[Result]]:
    """Each case's lines as `engine.evaluate_many` would give them today, read from the
    stored state (re-evaluating first any case stale, missing, or worked out on another day
    or under another regime version). `open_only`: only the lines still open (due,
    overdue, paused, not started), which is all the dashboards need; `statuses_of(case)`:
    only the lines of these statuses of each case (the board dashboard reads only the due
    and overdue lines of a case with a review), in the same one query."""
    today = today or timezone.localdate()
    cases = list(cases)
    if not cases:
        return {}
    ids = ids_expression([c.pk for c in cases])
    # Stale and day compared here, not in SQL: with them in the WHERE clause SQLite walks the
    # index of every current case of the country rather than look the ids up by key.
    fresh = {
        (pk, version)
        for pk, version, stale, on in KeptCase.objects.filter(case_id__in=ids).values_list(
            "case_id", "regime_version", "stale", "computed_on"
        )
        if not stale and on == today
    }
    behind = [c for c in cases if (c.pk, c.regime_version) not in fresh]
    answered: dict[Any, list[Result]] = {}
    if behind:
        try:
            with transaction.atomic():
                store(behind, today)
        except DatabaseError:
            # Another process was storing the same cases at the same moment (on PostgreSQL
            # a deadlock or a clash on the unique line): answer this read from a fresh
            # evaluation and leave the marks for the next read or the nightly refresh.
            logger.warning("compliance kept current: storing clashed; read evaluated fresh")
            answered = evaluate_many(behind, today)
    if open_only:
        statuses_of = _open
    if statuses_of is None:
        rows = ObligationState.objects.filter(case_id__in=ids)
    else:
        groups: dict[tuple[str, ...], list] = defaultdict(list)
        for c in cases:
            groups[statuses_of(c)].append(c.pk)
        wanted = Q(pk__in=[])
        for statuses, pks in groups.items():
            wanted |= Q(case_id__in=ids_expression(pks), status__in=statuses)
        rows = ObligationState.objects.filter(wanted)
    out: dict[Any, list[Result]] = {c.pk: [] for c in cases}
    for row in rows.order_by("case_id", "position").values_list(*_READ):
        if row[0] not in answered:
            out[row[0]].append(_result(row))
    for case in cases:
        if case.pk in answered:
            wanted_here = statuses_of(case) if statuses_of else None
            out[case.pk] = [
                r for r in answered[case.pk] if wanted_here is None or r.status in wanted_here
            ]
    return out


def _open(case: Notification) -> tuple[str, ...]:
    return OPEN_STATUSES


_READ = (
    "case_id",
    "regime",
    "regime_version",
    "obligation",
    "status",
    "due",
    "paused_days",
    "evidence_on",
    "evidence_label",
    "evidence_url",
    "waiting_for",
)


@functools.cache
def _obligations(regime: str, version: str) -> dict[str, Any]:
    return {o.id: o for o in catalogue.version_of(regime, version).obligations}


def _result(row: tuple) -> Result:
    _, regime, version, ob_id, status, due, paused_days, ev_on, ev_label, ev_url, waiting = row
    obligation = _obligations(regime, version)[ob_id]
    clock = (
        Deadline(due, status == "paused", paused_days, ())
        if due is not None or status == "paused"
        else None
    )
    evidence = Evidence(ev_on, ev_label, ev_url) if status == "met" else None
    return Result(
        obligation,
        status,
        clock,
        evidence,
        waiting_for=waiting,
        awaiting_feature=registry.AWAITING.get(obligation.satisfied_by, ""),
    )


def comparable(results: Iterable[Result]) -> list[tuple]:
    """What the stored lines keep of an evaluation, to compare the two."""
    return [
        (
            r.obligation.id,
            r.status,
            r.due,
            r.deadline.paused_days if r.deadline else 0,
            r.evidence.on if r.evidence else None,
            r.evidence.label if r.evidence else "",
            r.evidence.url if r.evidence else "",
            r.waiting_for,
        )
        for r in results
    ]


FULL_KEPT_SECONDS = 24 * 60 * 60


def full(case: Notification, today: date, calendar: WorkingCalendar) -> list[Result]:
    """Every line of one case as a fresh `engine.evaluate` gives it, with all the compliance
    page shows of each (the stored lines keep only what the dashboards read). Kept in the
    cache under the stamp of the case's last working-out: while the case is current (not
    stale, worked out today under its regime version) nothing it reads has changed since,
    so one small query answers; otherwise it is evaluated fresh."""
    stamp = (
        KeptCase.objects.filter(
            case_id=case.pk,
            stale=False,
            computed_on=today,
            regime_version=case.regime_version,
        )
        .values_list("stamp", flat=True)
        .first()
    )
    if stamp is None:
        return evaluate_many([case], today, calendar)[case.pk]
    # The version names the shape of what is kept: an entry pickled by an earlier release
    # is never read back into a changed class.
    key = f"compliance-full:2:{case.pk}:{stamp}"
    results = cache.get(key)
    if results is None:
        results = evaluate_many([case], today, calendar)[case.pk]
        cache.set(key, results, FULL_KEPT_SECONDS)
    return results
