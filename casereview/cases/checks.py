"""The procedure's predicates, checks, anchors and pauses over notification data."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from django.db.models import Count, Max, Q
from django.utils import timezone

from casereview.procedure.clocks import Pause
from casereview.procedure.registry import (
    Evidence,
    anchor,
    case_ids,
    case_keys,
    check,
    link,
    pause_source,
    predicate,
    shared,
    unknown,
)
from casereview.procedure.rows import fetch, to_date, to_localdate

from .models import (
    AbuseNeglect,
    ChildConsidered,
    ClockPause,
    Decision,
    DecisionOutcome,
    NotificationAgency,
    Outcome,
    PanelRecommendation,
    Task,
    TaskKind,
    consideration_settled_q,
)
from .register_rows import registers
from .vocab import MINORITY_ETHNIC, Ethnicity


def _ids(cases):
    return case_ids(cases)


def _url(pk) -> str:
    return link("cases:detail", pk)


def _urls(cases) -> dict:
    """{case id, both as the case's pk and as the database driver gives it: the case's page},
    built once per batch: five checks link to it, tens of thousands of times at national
    scale."""

    def load() -> dict:
        urls: dict = {}
        for given, pk in case_keys(cases).items():
            urls[given] = urls[pk] = _url(pk)
        return urls

    return shared(cases, "case_urls", load)


def _on_case_page(section: str):
    return lambda case: link("cases:detail", case.pk) + f"#{section}"


def decisions(cases) -> dict:
    """{case: (decided_on, outcome)}, read once per batch (the review checks read it too)."""
    return _decisions(cases)


def _decisions(cases) -> dict:
    """{case: (decided_on, outcome)}, read once per batch."""
    return _decision_rows(cases).decided


def _departures(cases) -> dict:
    """{case: the criteria a decision departs from}, for the decisions that depart."""
    return _decision_rows(cases).departures


def decided_on(cases) -> dict:
    """{case: the day of the chair's decision}, worked out once per batch (the review checks
    read it too); not to be changed by the caller."""
    return _decision_rows(cases).on


class _Decisions(NamedTuple):
    """The batch's decisions, and what the predicates over them ask, worked out in the one
    pass over the rows (each predicate walked every decision again)."""

    decided: dict
    departures: dict
    on: dict
    held: set
    not_held: set
    while_government_office: set
    full_reports: set


def _decision_rows(cases) -> _Decisions:
    def load() -> _Decisions:
        keys = case_keys(cases)
        rows = (
            Decision.objects.filter(notification_id__in=_ids(cases))
            .order_by()
            .values_list("notification_id", "decided_on", "outcome", "departs_from")
        )
        found = _Decisions({}, {}, {}, set(), set(), set(), set())
        decided, departures, days = found.decided, found.departures, found.on
        hold, not_held = (
            DecisionOutcome.HOLD_REVIEW,
            (
                DecisionOutcome.NO_REVIEW,
                DecisionOutcome.OTHER_LEARNING,
            ),
        )
        for case_id, on, outcome, departs_from in fetch(rows):
            pk, on = keys[case_id], to_date(on)
            decided[pk] = (on, outcome)
            days[pk] = on
            if departs_from:
                departures[pk] = departs_from
            if outcome == hold:
                found.held.add(pk)
            elif outcome in not_held:
                found.not_held.add(pk)
            if on <= GOVERNMENT_OFFICE_LAST_DAY:
                found.while_government_office.add(pk)
            if on >= FULL_REPORTS_FROM:
                found.full_reports.add(pk)
        return found

    return shared(cases, "decisions", load)


# The Government Office's part in serious case reviews ended for decisions taken after
# 21 February 2011; full overview reports are published for reviews begun from 10 June 2010.
GOVERNMENT_OFFICE_LAST_DAY = date(2011, 2, 21)
FULL_REPORTS_FROM = date(2010, 6, 10)


@predicate("child_is_bme", "The child is black or from a minority ethnic community")
def child_is_bme(cases) -> set:
    return {r.notification_id for r in registers(cases) if r.child_ethnicity in MINORITY_ETHNIC}


@unknown("child_is_bme", "the child's ethnicity is recorded")
def child_ethnicity_not_known(cases) -> set:
    """The child's ethnicity is "not known": whether 19.3 applies cannot be decided."""
    return {r.notification_id for r in registers(cases) if r.child_ethnicity == Ethnicity.NOT_KNOWN}


@predicate("child_or_parent_disabled", "The child or a parent has a disability")
def child_or_parent_disabled(cases) -> set:
    """A parent by relationship (mother, father, step-parent, special guardian) or any carer
    with parental responsibility counts, whatever the box says."""
    return {r.notification_id for r in registers(cases) if r.disabled}


@unknown("child_or_parent_disabled", "it is known whether the child and each parent is disabled")
def disability_not_known(cases) -> set:
    """Nobody is known to be disabled, and the child or a parent is "not known" (19.4)."""
    return {
        r.notification_id for r in registers(cases) if r.disability_not_known and not r.disabled
    }


# The predicates over the decisions answer a copy of what `_decision_rows` worked out (a
# set's or dict's copy keeps its keys' hashes: no UUID is hashed again).


@predicate("review_held", "The board chair decided to hold a serious case review")
def review_held(cases) -> set:
    return set(_decision_rows(cases).held)


@predicate(
    "no_review_decided",
    "The board chair decided not to hold a review (no review, or another learning process)",
)
def no_review_decided(cases) -> set:
    return set(_decision_rows(cases).not_held)


@predicate(
    "decided_while_government_office",
    "The decision was taken on or before 21 February 2011, while Government Offices were told",
)
def decided_while_government_office(cases) -> set:
    return set(_decision_rows(cases).while_government_office)


@predicate("begun_from_10_june_2010", "The review began (was decided) on or after 10 June 2010")
def begun_from_10_june_2010(cases) -> set:
    return set(_decision_rows(cases).full_reports)


@predicate("agencies_involved", "Agencies were involved with the child or family")
def agencies_involved(cases) -> set:
    keys = case_keys(cases)
    rows = (
        NotificationAgency.objects.filter(notification_id__in=_ids(cases))
        .order_by()
        .values_list("notification_id")
        .distinct()
    )
    return {keys[case_id] for (case_id,) in fetch(rows)}


class _CaseFacts(NamedTuple):
    """What the predicates and the incident anchor read of the notifications themselves,
    worked out in one pass over the batch (each walked every case again)."""

    died: set
    died_in_custody: set
    abuse_or_neglect: set
    incident: dict


def _case_facts(cases) -> _CaseFacts:
    def load() -> _CaseFacts:
        found = _CaseFacts(set(), set(), set(), {})
        death, suspected = Outcome.DEATH, (AbuseNeglect.KNOWN, AbuseNeglect.SUSPECTED)
        incident = found.incident
        for c in cases:
            pk = c.pk
            incident[pk] = c.incident_date
            if c.outcome == death:
                found.died.add(pk)
                if c.death_in_custody:
                    found.died_in_custody.add(pk)
            if c.abuse_neglect in suspected:
                found.abuse_or_neglect.add(pk)
        return found

    return shared(cases, "case_facts", load)


# As with the decisions, each predicate answers a copy of the set worked out once.


@predicate("child_died", "The child died")
def child_died(cases) -> set:
    return set(_case_facts(cases).died)


@predicate("looked_after_child_died", "A looked-after child died")
def looked_after_child_died(cases) -> set:
    died = _case_facts(cases).died
    return {
        r.notification_id
        for r in registers(cases)
        if r.child_looked_after and r.notification_id in died
    }


@predicate("died_in_custody", "The child died in custody or detention")
def died_in_custody(cases) -> set:
    return set(_case_facts(cases).died_in_custody)


@predicate("abuse_or_neglect", "Abuse or neglect is known or suspected to be a factor")
def abuse_or_neglect(cases) -> set:
    return set(_case_facts(cases).abuse_or_neglect)


@predicate("legitimate_interest_involved", "Someone with a legitimate interest is involved")
def legitimate_interest_involved(cases) -> set:
    return {r.notification_id for r in registers(cases) if r.legitimate_interest}


def _received_on(cases) -> dict:
    """{case: the local date it was received}, worked out once per batch."""

    def load() -> dict:
        zone = timezone.get_current_timezone()
        return {c.pk: c.received_at.astimezone(zone).date() for c in cases}

    return shared(cases, "received_on", load)


@anchor("notified", "the board learning of the case (the notification)")
def notified(cases) -> dict:
    return _received_on(cases)


@anchor("incident", "the incident")
def incident(cases) -> dict:
    return dict(_case_facts(cases).incident)


@anchor("decided", "the chair's decision")
def decided(cases) -> dict:
    return dict(decided_on(cases))


def _first_steps(cases) -> dict:
    """{case id as the driver gives it: (agencies' records-secured tasks, those with a date,
    their latest date, other-children tasks recorded as done, the latest date of those)} for
    the two first steps the checks read, counted in the database in one read per batch: one
    row per case with either step (both steps in one row, not one row each)."""

    def load() -> dict:
        records, other = Q(kind=TaskKind.RECORDS_SECURED), Q(kind=TaskKind.OTHER_CHILDREN)
        rows = (
            Task.objects.filter(
                notification_id__in=_ids(cases),
                kind__in=[TaskKind.RECORDS_SECURED, TaskKind.OTHER_CHILDREN],
            )
            .order_by()
            .values("notification_id")
            .annotate(
                n=Count("kind", filter=records),
                dated=Count("done_on", filter=records),
                last=Max("done_on", filter=records),
                completed=Count("completed_at", filter=other),
                last_done=Max("done_on", filter=other & Q(completed_at__isnull=False)),
            )
            .values_list("notification_id", "n", "dated", "last", "completed", "last_done")
        )
        return {row[0]: row[1:] for row in fetch(rows)}

    return shared(cases, "first_steps", load)


@check(
    "other_children_considered",
    "Every other child is assessed, and each child at risk referred or discussed (19.1)",
    where=_on_case_page("first-steps"),
)
def other_children_considered(cases) -> dict:
    """Rotherham 19.1: "consider whether there are other children at risk of harm who require
    safeguarding". Met when the step is recorded and every other child in the register is
    considered and settled: assessed not at risk, or (at risk, or risk not known) with a
    referral or strategy discussion and its date. Reads the current records."""
    keys, urls = case_keys(cases), _urls(cases)
    steps = _first_steps(cases)
    # Per case: the children considered, those not settled, those referred or discussed,
    # and the latest referral or discussion.
    considered = {
        row[0]: row[1:]
        for row in fetch(
            ChildConsidered.objects.filter(notification_id__in=_ids(cases))
            .order_by()
            .values("notification_id")
            .annotate(
                n=Count("pk"),
                unsettled=Count("pk", filter=~consideration_settled_q()),
                acted=Count("action_on"),
                last=Max("action_on"),
            )
            .values_list("notification_id", "n", "unsettled", "acted", "last")
        )
    }
    # The cases with a child in the register who is not considered yet.
    missing = {r.case_id for r in registers(cases) if r.unconsidered}
    found = {}
    for case_id, (*_, completed, done_on) in steps.items():
        if not completed:
            continue
        n, unsettled, acted, last = considered.get(case_id, (0, 0, 0, None))
        if unsettled or case_id in missing:
            continue
        on = to_date(done_on)
        if last is not None:
            on = max(on, to_date(last))
        label = (
            f"{n} other {'child' if n == 1 else 'children'} considered, "
            f"{acted} referred or discussed"
            if n
            else "Considered: no other children identified"
        )
        found[keys[case_id]] = Evidence(on, label, urls[case_id])
    return found


@check(
    "records_secured",
    "Every involved agency has recorded securing its records",
    where=_on_case_page("first-steps"),
)
def records_secured(cases) -> dict:
    keys, urls = case_keys(cases), _urls(cases)
    return {
        keys[case_id]: Evidence(to_date(last), f"{n} agencies secured their records", urls[case_id])
        for case_id, (n, done, last, *_) in _first_steps(cases).items()
        # A case with no records-secured task (n = 0) has only the other step.
        if n and done == n
    }


@check(
    "panel_recommended",
    "The panel's recommendation is recorded",
    where=lambda case: link("cases:screening", case.pk),
)
def panel_recommended(cases) -> dict:
    keys, zone, urls = case_keys(cases), timezone.get_current_timezone(), _urls(cases)
    rows = PanelRecommendation.objects.filter(notification_id__in=_ids(cases)).values_list(
        "notification_id", "recorded_at"
    )
    return {
        keys[case_id]: Evidence(
            to_localdate(at, zone), "Panel recommendation recorded", urls[case_id]
        )
        for case_id, at in fetch(rows)
    }


@check(
    "decision_made",
    "The board chair's decision is recorded, with reasons",
    where=lambda case: link("cases:decision", case.pk),
)
def decision_made(cases) -> dict:
    labels, urls = dict(DecisionOutcome.choices), _urls(cases)
    departures = _departures(cases)
    return {
        pk: Evidence(
            on,
            f"Decided: {labels[o]}"
            + (f" (against the criteria: {departures[pk]})" if pk in departures else ""),
            urls[pk],
        )
        for pk, (on, o) in _decisions(cases).items()
    }


@check(
    "child_ethnicity_recorded",
    "The child's ethnicity is recorded",
    where=_on_case_page("people"),
)
def child_ethnicity_recorded(cases) -> dict:
    received, urls = _received_on(cases), _urls(cases)
    # The page's address by the id as the driver gave it (a string's hash is kept with it).
    return {
        r.notification_id: Evidence(
            received[r.notification_id], "Ethnicity recorded", urls[r.case_id]
        )
        for r in registers(cases)
        if r.child_ethnicity is not None and r.child_ethnicity != "NK"
    }


@pause_source
def clock_pauses(cases) -> dict:
    pauses = defaultdict(list)
    for pause in ClockPause.objects.filter(notification_id__in=_ids(cases)):
        pauses[pause.notification_id].append(Pause(pause.starts_on, pause.ends_on, pause.reason))
    return pauses
