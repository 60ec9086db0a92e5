"""Which cases the procedure is still running for, and their obligations as plain data.

The `compliance` command and the reminders (reminders.py) use these, and pages and the API can too:
`open_cases()` is the queryset to hand to `engine.evaluate_many`, `as_json()` turns what it
returns into lists and dicts that `json.dumps` takes as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from casereview.accounts.permissions import AGENCY_SCOPED, reaches_every_row, roles_allowed
from casereview.cases.models import Notification, NotificationStatus
from casereview.procedure import catalogue, working_days
from casereview.procedure.clocks import WorkingCalendar
from casereview.procedure.engine import Result, by_stage

from . import obligation_rows
from .models import KeptCase, ReviewStatus


def open_cases(base: QuerySet[Notification] | None = None) -> QuerySet[Notification]:
    """Notifications without a review (undecided, or decided against a review: duties such
    as telling the national panel remain), and those with a review that is not closed (of
    `base`, e.g. what a user may see), with the board, decision and review fetched in the
    same query. A case decided against a review whose obligations are all met is dropped
    after evaluation by `still_owing`, and once the kept state (kept.py) has found it so, it
    is left out here until a change to its data marks it stale: otherwise every such case
    would be evaluated for good."""
    base = Notification.objects.all() if base is None else base
    # A correlated NOT EXISTS: one look-up in the kept state's unique index per case, where
    # `pk NOT IN (...)` read every settled case of the country on every page.
    settled = KeptCase.objects.filter(case_id=OuterRef("pk"), settled=True, stale=False)
    return (
        base.filter(Q(review__isnull=True) | ~Q(review__status=ReviewStatus.CLOSED))
        .exclude(Exists(settled))
        .select_related("board", "review", "decision")
        .order_by("board__slug", "reference")
    )


def still_owing(case: Notification, results: Iterable[Result]) -> bool:
    """Whether the case belongs among the active ones: a review is open, no decision is
    made yet, or (decided without a review) one of its obligations is still open."""
    if review_of(case) is not None or case.status != NotificationStatus.DECIDED:
        return True
    return any(r.is_open for r in results)


def open_results(results: Iterable[Result]) -> list[Result]:
    return [r for r in results if r.is_open]


def lines_for(user, review, results: Iterable[Result]) -> list[Result]:
    """The compliance lines this user may read: all of them, or for an agency-scoped reader
    those whose responsible role is theirs and those each agency involved acts on (the
    regime marks them `agencies = true`: securing records, sending the agency's report)."""
    results = list(results)
    if reaches_every_row(user, "section.compliance", review):
        return results
    roles = roles_allowed(user, "section.compliance", review)
    agency_reader = bool(roles & AGENCY_SCOPED)
    return [
        r
        for r in results
        if r.obligation.responsible in roles or (agency_reader and r.obligation.agencies)
    ]


def review_of(case: Notification):
    """The case's review, or None (without a query when `review` was select_related)."""
    return getattr(case, "review", None)


def compliance_path(case: Notification) -> str:
    """The page that shows what the case still owes: the review's compliance page, or the
    notification's duties page while no review is open (or none is held)."""
    review = review_of(case)
    if review is not None:
        try:
            return reverse("reviews:compliance", args=[review.pk])
        except NoReverseMatch:
            return f"/reviews/{review.pk}/compliance/"
    try:
        return reverse("reviews:case_duties", args=[case.pk])
    except NoReverseMatch:
        return f"/notifications/{case.pk}/duties/"


def obligation_row(result: Result) -> dict[str, Any]:
    o = result.obligation
    clock = result.deadline
    evidence = result.evidence
    return {
        "id": o.id,
        "text": o.text,
        "citation": o.citation,
        "stage": o.stage,
        "severity": o.severity,
        "responsible": o.responsible,
        "status": result.status,
        "due": result.due.isoformat() if result.due else None,
        "evidence": (
            {
                "on": evidence.on.isoformat() if evidence.on else None,
                "label": evidence.label,
                "url": evidence.url,
            }
            if evidence is not None
            else None
        ),
        "paused_days": clock.paused_days if clock else 0,
        "pause_reasons": list(clock.reasons) if clock else [],
        "waiting_for": result.waiting_for,
        "awaiting": result.awaiting_feature or "",
    }


def case_rows(results: Iterable[Result], open_only: bool = False) -> list[dict[str, Any]]:
    """One dict per obligation, in the regime's order; only the open ones if asked."""
    return [obligation_row(r) for r in results if r.is_open or not open_only]


def case_header(case: Notification) -> dict[str, Any]:
    review = review_of(case)
    return {
        "reference": case.reference,
        "review": review.reference if review is not None else None,
        "board": case.board.slug,
        "regime": case.regime,
        "regime_version": case.regime_version,
    }


def as_json(
    results: Mapping[Any, list[Result]], cases: Iterable[Notification], open_only: bool = False
) -> list[dict[str, Any]]:
    """`evaluate_many`'s answer as one dict per case, in the order of `cases`."""
    return [
        {**case_header(case), "obligations": case_rows(results[case.pk], open_only)}
        for case in cases
    ]


def obligation_tables(
    results: list[Result], case, calendar: WorkingCalendar, today: date
) -> dict[str, Any]:
    """What the compliance page and the case's duties page show of a case's lines: each
    stage's applicable lines still to do (`stages`) and those met (`met_stages`, folded away
    on the page), each as its table's rows (obligation_rows.py: with where to record each
    line and any year whose bank holidays nobody has confirmed), the lines that do not
    apply, and the counts by status."""
    unlisted = working_days.unlisted_years(results, calendar, today)
    # Each line's clause in full, looked up here once (the template used to loop over every
    # clause of the regime for every line).
    clauses = catalogue.version_of(case.regime, case.regime_version).clauses

    def lines(items: list[Result], met: bool) -> SafeString:
        chosen = (
            (
                r,
                r.where(case),
                unlisted.get(r.obligation.id, ()),
                clauses.get(r.obligation.clause, "") if r.obligation.clause else "",
            )
            for r in items
            if r.status != "not_applicable" and (r.status == "met") == met
        )
        return obligation_rows.rows(chosen, case)

    stages = by_stage(results)
    return {
        "stages": [(stage, lines(items, met=False)) for stage, items in stages],
        "met_stages": [(stage, lines(items, met=True)) for stage, items in stages],
        "not_applicable": [r for r in results if r.status == "not_applicable"],
        "unlisted_years": sorted({y for years in unlisted.values() for y in years}),
        "counts": {s: sum(1 for r in results if r.status == s) for s in ("overdue", "due", "met")},
    }
