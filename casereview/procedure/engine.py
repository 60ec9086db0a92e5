"""Evaluates what each case still owes under the regime it runs under.

`evaluate_many(cases)` takes notifications (each possibly with a review) and returns, per
case, every obligation of its regime as met, due, overdue, paused, waiting (its clock has
not started) or not applicable, with the citation, the deadline and the evidence. The cost
is one query per named predicate, check and anchor used, per regime version and batch of
cases, whatever the number of cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from . import catalogue, registry
from .clocks import Deadline, deadline
from .regime import STAGE_LABELS, STAGES, Obligation, Regime, predicate_names
from .registry import Evidence

BATCH = 2000
ORDER = {"overdue": 0, "due": 1, "paused": 2, "waiting": 3, "met": 4, "not_applicable": 5}
LABELS = {
    "overdue": "Overdue",
    "due": "Due",
    "paused": "Paused",
    "waiting": "Not started",
    "met": "Met",
    "not_applicable": "Not applicable",
}


@dataclass(frozen=True)
class Result:
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
        return " and ".join(
            registry.PREDICATES[n].description for n in predicate_names(self.obligation.applies)
        )

    def where(self, case: Any) -> str:
        """The page where this obligation is satisfied, if the product has one yet."""
        named = registry.CHECKS[self.obligation.satisfied_by]
        return named.where(case) if named.where else ""


def evaluate(case: Any, today: date | None = None) -> list[Result]:
    """One case: a notification, or a review (evaluated through its notification)."""
    case = getattr(case, "notification", case)
    return evaluate_many([case], today)[case.pk]


def evaluate_many(cases: Iterable[Any], today: date | None = None) -> dict[Any, list[Result]]:
    today = today or timezone.localdate()
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for case in cases:
        groups[(case.regime, case.regime_version)].append(case)
    results: dict[Any, list[Result]] = {}
    for (regime_id, version), members in groups.items():
        regime = catalogue.version_of(regime_id, version)
        for start in range(0, len(members), BATCH):
            results.update(_evaluate_batch(regime, members[start : start + BATCH], today))
    return results


def _evaluate_batch(regime: Regime, cases: Sequence[Any], today: date) -> dict[Any, list[Result]]:
    names = {n for o in regime.obligations for n in predicate_names(o.applies)}
    holds = {n: registry.PREDICATES[n].fn(cases) for n in names}
    evidence = {
        n: registry.CHECKS[n].fn(cases) for n in {o.satisfied_by for o in regime.obligations}
    }
    anchors = {
        n: registry.ANCHORS[n].fn(cases)
        for n in {o.anchor for o in regime.obligations if o.anchor_obligation is None}
    }
    pauses = registry.pauses_for(cases)
    ordered = _anchor_order(regime.obligations)
    out: dict[Any, list[Result]] = {}
    for case in cases:
        by_id: dict[str, Result] = {}
        for o in ordered:
            by_id[o.id] = _one(regime, o, case.pk, holds, evidence, anchors, pauses, by_id, today)
        out[case.pk] = [by_id[o.id] for o in regime.obligations]
    return out


def _one(regime, o: Obligation, pk, holds, evidence, anchors, pauses, done, today) -> Result:
    if not all(pk in holds[n] for n in predicate_names(o.applies)):
        return Result(o, "not_applicable", None, None)
    found = evidence[o.satisfied_by].get(pk)
    awaiting = registry.AWAITING.get(o.satisfied_by, "")
    if o.anchor_obligation:
        before = done[o.anchor_obligation]
        start = before.evidence.on if before.status == "met" and before.evidence else None
        waiting_for = f"“{regime.obligation(o.anchor_obligation).text}”"
    else:
        start = anchors[o.anchor].get(pk)
        waiting_for = registry.ANCHORS[o.anchor].description
    clock = deadline(start, regime.duration(o), pauses.get(pk, ())) if start else None
    if found is not None:
        return Result(o, "met", clock, found, awaiting_feature=awaiting)
    if clock is None:
        return Result(o, "waiting", None, None, waiting_for=waiting_for, awaiting_feature=awaiting)
    if clock.paused:
        return Result(o, "paused", clock, None, awaiting_feature=awaiting)
    status = "overdue" if clock.due is not None and today > clock.due else "due"
    return Result(o, status, clock, None, awaiting_feature=awaiting)


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
