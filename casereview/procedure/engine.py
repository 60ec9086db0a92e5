"""Evaluates what each case still owes under the regime it runs under.

`evaluate_many(cases)` takes notifications (each possibly with a review) and returns, per
case, every obligation of its regime as met, due, overdue, paused, waiting (its clock has
not started), undecided (whether it applies turns on a fact recorded as not known) or not
applicable, with the citation, the deadline and the evidence. The cost
is one query per named predicate, check and anchor used, per regime version and batch of
cases, whatever the number of cases (on SQLite, two more for each long list of ids the batch
is read by: `registry.batch_ids_expression`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple
from uuid import UUID

from django.utils import timezone

from . import catalogue, registry, working_days
from .clocks import Deadline, Duration, WorkingCalendar, deadline
from .regime import STAGE_LABELS, STAGES, Obligation, Regime, predicate_names, predicate_terms
from .registry import Batch, Evidence

BATCH = 20000
ORDER = {
    "overdue": 0,
    "due": 1,
    "paused": 2,
    "waiting": 3,
    "undecided": 4,
    "met": 5,
    "not_applicable": 6,
}
LABELS = {
    "overdue": "Overdue",
    "due": "Due",
    "paused": "Paused",
    "waiting": "Not started",
    "undecided": "Cannot be decided yet",
    "met": "Met",
    "not_applicable": "Not applicable",
}


class Result(NamedTuple):
    """One obligation of one case (a tuple: a national evaluation makes hundreds of
    thousands)."""

    obligation: Obligation
    status: str
    deadline: Deadline | None
    evidence: Evidence | None
    waiting_for: str = ""
    awaiting_feature: str = ""

    @property
    def due(self) -> date | None:
        return self.deadline.due if self.deadline else None

    @property
    def late(self) -> bool:
        return bool(self.evidence and self.evidence.on and self.due and self.evidence.on > self.due)

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in ("due", "overdue", "paused", "waiting")

    @property
    def applies_description(self) -> str:
        return " or ".join(
            " and ".join(registry.PREDICATES[n].description for n in term)
            for term in predicate_terms(self.obligation.applies)
        )

    def where(self, case: Any) -> str:
        """The page where this obligation is satisfied, if the product has one yet."""
        named = registry.CHECKS[self.obligation.satisfied_by]
        return named.where(case) if named.where else ""


def evaluate(
    case: Any, today: date | None = None, calendar: WorkingCalendar | None = None
) -> list[Result]:
    """One case: a notification, or a review (evaluated through its notification)."""
    case = getattr(case, "notification", case)
    return evaluate_many([case], today, calendar)[case.pk]


def evaluate_many(
    cases: Iterable[Any], today: date | None = None, calendar: WorkingCalendar | None = None
) -> dict[Any, list[Result]]:
    """Cases of every regime are evaluated together: each named predicate, check and anchor
    runs once per batch of cases. Working days follow `calendar` (default: the one in force,
    with the administrators' one-off days)."""
    today = today or timezone.localdate()
    calendar = calendar or working_days.current()
    cases = list(cases)
    results: dict[Any, list[Result]] = {}
    with _without_cycle_collection():
        for start in range(0, len(cases), BATCH):
            batch = Batch(cases[start : start + BATCH])
            # The checks that count working days read the calendar of this evaluation, not a
            # second copy of it from the database.
            batch.memo("calendar", lambda: calendar)
            _evaluate_batch(batch, today, calendar, results)
    return results


@contextmanager
def _without_cycle_collection():
    """An evaluation makes hundreds of thousands of tuples that live as long as its answer:
    the cyclic collector, run every few thousand new objects, scanned them and every case
    again and again and found nothing to free (a fifth of the time at national scale).
    Reference counting still frees what is dropped meanwhile; the collector is left as the
    caller had it, and collects any cycle the queries left at its next run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the engine needs of one obligation, worked out once per batch."""

    obligation: Obligation
    # Alternatives, each of predicates that must all hold (regime.predicate_terms).
    predicates: tuple[tuple[str, ...], ...]
    duration: Duration
    awaiting: str
    waiting_for: str
    anchor_obligation: str | None
    not_applicable: Result
    # The line of every case whose clock has not started (it is the same for all).
    waiting: Result


@lru_cache(maxsize=65536)
def _plain_deadline(start: date, duration: Duration, calendar: WorkingCalendar) -> Deadline:
    return deadline(start, duration, calendar=calendar)


_PLANS: dict[tuple[str, str, str], tuple[tuple[_Plan, ...], tuple[str, ...]]] = {}


def _plans(regime: Regime) -> tuple[tuple[_Plan, ...], tuple[str, ...]]:
    key = (regime.id, regime.version, regime.digest)
    if key not in _PLANS:
        _PLANS[key] = _make_plans(regime)
    return _PLANS[key]


def _make_plans(regime: Regime) -> tuple[tuple[_Plan, ...], tuple[str, ...]]:
    texts = {o.id: o.text for o in regime.obligations}

    def plan(o: Obligation) -> _Plan:
        awaiting = registry.AWAITING.get(o.satisfied_by, "")
        waiting_for = (
            f"“{texts[o.anchor_obligation]}”"
            if o.anchor_obligation
            else registry.ANCHORS[o.anchor].description
        )
        return _Plan(
            o,
            tuple(tuple(term) for term in predicate_terms(o.applies)),
            regime.duration(o),
            awaiting,
            waiting_for,
            o.anchor_obligation,
            Result(o, "not_applicable", None, None),
            Result(o, "waiting", None, None, waiting_for=waiting_for, awaiting_feature=awaiting),
        )

    plans = tuple(plan(o) for o in _anchor_order(regime.obligations))
    return plans, tuple(o.id for o in regime.obligations)


def _evaluate_batch(
    cases: Batch, today: date, calendar: WorkingCalendar, out: dict[Any, list[Result]]
) -> None:
    regimes = {
        key: catalogue.version_of(*key) for key in {(c.regime, c.regime_version) for c in cases}
    }
    obligations = [o for regime in regimes.values() for o in regime.obligations]
    used = {n for o in obligations for n in predicate_names(o.applies)}
    # The engine looks each case up hundreds of thousands of times: a UUID's hash is
    # worked out in Python on every look-up, its `int`'s in C, so the engine keys the
    # facts by that (a case id of another type is kept as it is).
    key = attrgetter("int") if all(isinstance(c.pk, UUID) for c in cases) else None
    facts = _Facts(
        holds={n: _keyed_set(registry.PREDICATES[n].fn(cases), key) for n in used},
        unknown={
            n: _keyed_set(registry.UNKNOWNS[n].fn(cases), key)
            for n in used
            if n in registry.UNKNOWNS
        },
        evidence={
            n: _keyed(registry.CHECKS[n].fn(cases), key)
            for n in {o.satisfied_by for o in obligations}
        },
        anchors={
            n: _keyed(registry.ANCHORS[n].fn(cases), key)
            for n in {o.anchor for o in obligations if o.anchor_obligation is None}
        },
        pauses=_keyed(registry.pauses_for(cases), key),
        today=today,
        calendar=calendar,
    )
    groups: dict[tuple[str, str], list] = {}
    for case in cases:
        groups.setdefault((case.regime, case.regime_version), []).append(case.pk)
    for group, pks in groups.items():
        plans, order = _plans(regimes[group])
        keys = [key(pk) for pk in pks] if key else pks
        # Obligation by obligation over all the regime's cases (a column each), so that
        # whether an obligation applies is worked out with set operations, and only the
        # cases it applies to, or may apply to, are looked at one by one.
        place = {k: i for i, k in enumerate(keys)}
        columns: dict[str, list[Result]] = {}
        # Most of a regime's obligations share their condition (a review is held): whom it
        # applies to is worked out once per condition.
        applicable: dict[tuple, tuple[set, dict]] = {}
        for plan in plans:
            columns[plan.obligation.id] = _column(plan, keys, place, facts, columns, applicable)
        for pk, row in zip(pks, zip(*(columns[i] for i in order), strict=True), strict=True):
            out[pk] = list(row)


def _keyed_set(pks: set, key: Callable | None) -> set:
    return {key(pk) for pk in pks} if key else pks


def _keyed(by_pk: dict, key: Callable | None) -> dict:
    return {key(pk): value for pk, value in by_pk.items()} if key else by_pk


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the batch's predicates, checks, anchors and pause sources found."""

    holds: dict[str, set]
    unknown: dict[str, set]
    evidence: dict[str, dict]
    anchors: dict[str, dict]
    pauses: dict[Any, list]
    today: date
    calendar: WorkingCalendar
    # {duration: {start: its plain deadline}}, shared by every column of that duration: a
    # look-up by date, not by (date, Duration, calendar), whose Duration hashes and compares
    # in Python (two thirds of a national evaluation's deadlines are looked up this way).
    deadlines: dict[Duration, dict[date, Deadline]] = field(default_factory=dict)


def _column(
    plan: _Plan,
    keys: list,
    place: dict,
    facts: _Facts,
    columns: dict[str, list[Result]],
    applicable: dict[tuple, tuple[set, dict]],
) -> list[Result]:
    """The obligation's result for each of a regime's cases (`keys`, the case at `place`);
    `applicable` keeps, per condition, the cases it holds for and those it may hold for."""
    column = [plan.not_applicable] * len(keys)
    cases = applicable.get(plan.predicates)
    if cases is None:
        cases = applicable[plan.predicates] = _applicable(plan.predicates, place.keys(), facts)
    applies, waiting = cases
    found = facts.evidence[plan.obligation.satisfied_by].get
    before = columns[plan.anchor_obligation] if plan.anchor_obligation else None
    starts = None if before is not None else facts.anchors[plan.obligation.anchor].get
    owing: dict[date, Result] = {}
    o, awaiting, duration, calendar = (
        plan.obligation,
        plan.awaiting,
        plan.duration,
        facts.calendar,
    )
    deadlines = facts.deadlines.get(duration)
    if deadlines is None:
        deadlines = facts.deadlines[duration] = {}
    # A batch with no pauses (the common case) skips the look-up of each case's.
    paused, clock_type = facts.pauses or None, registry.Clock
    # A met line is made as the tuple it is, without the named tuple's own `__new__` (a
    # Python function) in between: a national evaluation makes about 60,000.
    new = tuple.__new__
    # The cases it may apply to (something is not known yet) are few: each through `_one`.
    for pk, unknown_yet in waiting.items():
        i = place[pk]
        start = _start_after(before[i]) if before is not None else starts(pk)
        column[i] = _one(plan, unknown_yet, found(pk), start, pk, facts, deadlines, owing)
    # The cases it applies to: the three lines of most, as `_one` gives them, made here
    # without a call each (a national evaluation has about 140,000): no clock yet, owing from
    # a start date (the same line for every case owing from that day), met.
    for pk in applies:
        i = place[pk]
        if before is not None:
            earlier = before[i]
            start = earlier.evidence.on if earlier.status == "met" and earlier.evidence else None
        else:
            start = starts(pk)
        if start is None:
            evidence = found(pk)
            column[i] = (
                plan.waiting
                if evidence is None
                else new(Result, (o, "met", None, evidence, "", awaiting))
            )
        elif type(start) is clock_type or (paused is not None and paused.get(pk)):
            column[i] = _one(plan, "", found(pk), start, pk, facts, deadlines, owing)
        else:
            evidence = found(pk)
            if evidence is None:
                line = owing.get(start)
                if line is None:
                    clock = deadlines.get(start)
                    if clock is None:
                        clock = deadlines[start] = _plain_deadline(start, duration, calendar)
                    line = owing[start] = _owing(plan, clock, facts.today)
                column[i] = line
            else:
                clock = deadlines.get(start)
                if clock is None:
                    clock = deadlines[start] = _plain_deadline(start, duration, calendar)
                column[i] = new(Result, (o, "met", clock, evidence, "", awaiting))
    return column


def _start_after(earlier: Result) -> date | None:
    """The start of a clock that runs from when an earlier obligation was met."""
    return earlier.evidence.on if earlier.status == "met" and earlier.evidence else None


def _applicable(terms: tuple, members: Any, facts: _Facts) -> tuple[set, dict]:
    """The cases among `members` that the condition (alternatives `terms`) holds for, and
    {case: what is not known yet} for those it may hold for."""
    holds, unknown = facts.holds, facts.unknown
    # The facts hold cases of every regime in the batch: only this regime's count.
    applies: set = set()
    possible: set = set()
    for term in terms:
        applies |= members & set.intersection(*(holds[name] for name in term))
        if any(name in unknown for name in term):
            possible |= members & set.intersection(
                *(holds[name] | unknown.get(name, set()) for name in term)
            )
    waiting = {pk: _undecided(terms, pk, holds, unknown) for pk in possible - applies}
    return applies, waiting


def _undecided(terms, pk, holds, unknown) -> str | None:
    """Whether the obligation applies to the case: "" if one alternative holds, what is not
    known yet if none holds but one could (each of its predicates holds or is not known),
    None if it does not apply."""
    waiting = None
    for term in terms:
        missing = ""
        for name in term:
            if pk not in holds[name]:
                if pk not in unknown.get(name, ()):
                    break
                missing = missing or registry.UNKNOWNS[name].description
        else:
            if not missing:
                return ""
            waiting = waiting or missing
    return waiting


def _one(
    plan: _Plan,
    undecided: str,
    found: Evidence | None,
    start: Any,
    pk: Any,
    facts: _Facts,
    deadlines: dict[date, Deadline],
    owing: dict[date, Result],
) -> Result:
    """One obligation that applies to the case (or may: `undecided` says what is not known).
    `deadlines` is the plain deadline from each start date of the obligation's own duration
    (shared by the columns of that duration), `owing` the column's line of a case that owes
    the obligation from each start date."""
    o = plan.obligation
    if undecided and found is None:
        # A fact the obligation turns on is recorded as not known: say so, rather than
        # calling it not applicable (or owed) on a guess.
        return Result(o, "undecided", None, None, waiting_for=undecided)
    duration = plan.duration
    own_clock = isinstance(start, registry.Clock)
    if own_clock:
        start, duration = start.start, start.duration
    case_pauses = facts.pauses.get(pk) if start else None
    if start and found is None and not own_clock and not case_pauses:
        # Every case owing the obligation from the same day has the same line.
        line = owing.get(start)
        if line is None:
            line = owing[start] = _owing(
                plan, _plain_deadline(start, duration, facts.calendar), facts.today
            )
        return line
    clock = None
    if start:
        if case_pauses:
            clock = deadline(start, duration, case_pauses, facts.calendar)
        elif own_clock:
            clock = _plain_deadline(start, duration, facts.calendar)
        else:
            clock = deadlines.get(start)
            if clock is None:
                clock = deadlines[start] = _plain_deadline(start, duration, facts.calendar)
    if found is not None:
        return Result(o, "met", clock, found, awaiting_feature=plan.awaiting)
    if clock is None:
        return plan.waiting
    return _owing(plan, clock, facts.today)


def _owing(plan: _Plan, clock: Deadline, today: date) -> Result:
    """The line of an obligation not met, whose clock has started."""
    o = plan.obligation
    if clock.paused:
        return Result(o, "paused", clock, None, awaiting_feature=plan.awaiting)
    status = "overdue" if clock.due is not None and today > clock.due else "due"
    return Result(o, status, clock, None, awaiting_feature=plan.awaiting)


def _anchor_order(obligations: Sequence[Obligation]) -> list[Obligation]:
    """Obligations whose clock starts when another is met come after that one."""
    by_id = {o.id: o for o in obligations}
    ordered: list[Obligation] = []
    placed: set[str] = set()

    def place(o: Obligation) -> None:
        if o.id in placed:
            return
        if o.anchor_obligation:
            place(by_id[o.anchor_obligation])
        placed.add(o.id)
        ordered.append(o)

    for o in obligations:
        place(o)
    return ordered


def sort_for_display(results: Iterable[Result]) -> list[Result]:
    return sorted(results, key=lambda r: (ORDER[r.status], r.due or date.max))


def by_stage(results: Iterable[Result]) -> list[tuple[str, list[Result]]]:
    """Results grouped by stage in the procedure's order, overdue first within each."""
    groups: dict[str, list[Result]] = {stage: [] for stage in STAGES}
    for result in results:
        groups[result.obligation.stage].append(result)
    return [
        (STAGE_LABELS[stage], sort_for_display(items)) for stage, items in groups.items() if items
    ]
