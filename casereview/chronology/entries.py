"""Entering, correcting and withdrawing one agency's chronology entries in the browser, and
submitting the chronology to the panel. Each write is one transaction with one audit event.

Who may write is checked by the views on the agency's chronology (`chronology.write`): an
agency author writes their own agency's only, even once the panel shares the integrated
chronology (which lets them read the other agencies' entries)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.lib.date_rules import check_dates
from casereview.reviews.dates import review_bounds

from .entry_dates import ENTRY_DATES, SEEN_BEFORE_BIRTH, seen_before_birth
from .models import (
    AgencyChronology,
    ChronologyEntry,
    ChronologyStatus,
    DatePrecision,
    EntrySource,
)
from .services import period_under_review
from .tasks import schedule_rebuild

CONFLICT = (
    "Someone else changed this entry while you were editing it. Your changes are below; "
    "compare them with the entry as saved now, then save again."
)
SAME_REF = (
    "{agency} already has an entry with the source record reference {ref}: correct that "
    "entry, or give this one its own reference"
)
REASON_NEEDED = "Enter why you are changing an entry the panel already has"
WITHDRAW_REASON = "Enter why you are withdrawing this entry"


@dataclass(frozen=True)
class EntryFacts:
    """What the entry form gives: the date as a range with its precision, and the facts."""

    occurred_from: date
    occurred_to: date
    precision: str
    occurred_time: time | None = None
    date_as_written: str = ""
    source_ref: str = ""
    practitioner_role: str = ""
    event: str = ""
    decision: str = ""
    child_seen: str = "unknown"
    analysis: str = ""

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def date_range(precision: str, first: date, last: date | None) -> tuple[date, date]:
    """The first and last day an entry's date covers: one day, a whole month, or the period
    the agency gives for an approximate date."""
    if precision == DatePrecision.MONTH:
        return first.replace(day=1), first.replace(
            day=calendar.monthrange(first.year, first.month)[1]
        )
    if precision == DatePrecision.APPROXIMATE:
        return first, last or first
    return first, first


def is_context(chronology: AgencyChronology, first: date, last: date, period=None) -> bool:
    """Outside the period under review (history, antenatal contacts): kept as context. Before
    the terms are agreed there is no period, and nothing is context."""
    period = period if period is not None else period_under_review(chronology.review)
    if not period:
        return False
    start, end = period
    return last < start or first > end


class Conflict(ValidationError):
    def __init__(self):
        super().__init__(CONFLICT, code="conflict")


def _check(chronology: AgencyChronology, facts: EntryFacts, *, exclude=None) -> None:
    errors = {}
    if not facts.event.strip():
        errors["event"] = "Enter the event or contact"
    try:
        check_dates(
            {"occurred_from": facts.occurred_from, "occurred_to": facts.occurred_to}
            if facts.precision == DatePrecision.APPROXIMATE
            else {"occurred_from": facts.occurred_from},
            ENTRY_DATES,
        )
    except ValidationError as error:
        errors.update({k: v for k, v in error.message_dict.items()})
    born = review_bounds(chronology.review).date_of_birth
    if seen_before_birth(facts.child_seen, facts.occurred_to, born):
        errors["child_seen"] = SEEN_BEFORE_BIRTH
    if facts.source_ref:
        same = ChronologyEntry.objects.filter(
            chronology=chronology, source_ref=facts.source_ref, withdrawn_at__isnull=True
        )
        if exclude is not None:
            same = same.exclude(pk=exclude.pk)
        if same.exists():
            errors["source_ref"] = SAME_REF.format(
                agency=chronology.agency.name, ref=facts.source_ref
            )
    if errors:
        raise ValidationError(errors)


def _refused_ref(chronology, facts) -> ValidationError:
    return ValidationError(
        {"source_ref": SAME_REF.format(agency=chronology.agency.name, ref=facts.source_ref)}
    )


def add_entry(
    chronology: AgencyChronology, *, actor, context: RequestContext, facts: EntryFacts
) -> ChronologyEntry:
    _check(chronology, facts)
    first, last = facts.occurred_from, facts.occurred_to
    try:
        with transaction.atomic():
            entry = ChronologyEntry.objects.create(
                review=chronology.review,
                chronology=chronology,
                agency=chronology.agency,
                **facts.fields(),
                is_context=is_context(chronology, first, last),
                source=EntrySource.BROWSER,
                entered_by=actor,
                entered_at=timezone.now(),
            )
            record(
                "chronology.entry.add",
                entry,
                actor=actor,
                context=context,
                detail={"chronology": str(chronology.pk), "context": entry.is_context},
            )
            schedule_rebuild(chronology.review_id)
    except IntegrityError:  # the same reference saved meanwhile
        raise _refused_ref(chronology, facts) from None
    return entry


def edit_entry(
    entry: ChronologyEntry,
    *,
    actor,
    context: RequestContext,
    facts: EntryFacts,
    lock_version: int,
    reason: str = "",
) -> ChronologyEntry:
    """Correct an entry; once the chronology is submitted to the panel, with a reason (the
    panel may already have read it)."""
    chronology = entry.chronology
    if entry.withdrawn_at is not None:
        raise ValidationError("This entry is withdrawn; it cannot be changed")
    if chronology.status == ChronologyStatus.SUBMITTED and not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    _check(chronology, facts, exclude=entry)
    fields = facts.fields()
    changed = sorted(k for k, v in fields.items() if getattr(entry, k) != v)
    fields["is_context"] = is_context(chronology, facts.occurred_from, facts.occurred_to)
    try:
        with transaction.atomic():
            updated = ChronologyEntry.objects.filter(
                pk=entry.pk, lock_version=lock_version, withdrawn_at__isnull=True
            ).update(lock_version=lock_version + 1, **fields)
            if not updated:
                raise Conflict()
            record(
                "chronology.entry.correct",
                entry,
                actor=actor,
                context=context,
                detail={"fields": changed, **({"reason": True} if reason.strip() else {})},
            )
            schedule_rebuild(chronology.review_id)
    except IntegrityError:
        raise _refused_ref(chronology, facts) from None
    entry.refresh_from_db()
    return entry


def withdraw_entry(
    entry: ChronologyEntry, *, actor, context: RequestContext, reason: str, lock_version: int
) -> ChronologyEntry:
    """Entered in error: kept with the reason, out of the lists and the timeline."""
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON})
    with transaction.atomic():
        updated = ChronologyEntry.objects.filter(
            pk=entry.pk, lock_version=lock_version, withdrawn_at__isnull=True
        ).update(
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason.strip(),
            lock_version=lock_version + 1,
        )
        if not updated:
            raise Conflict()
        record("chronology.entry.withdraw", entry, actor=actor, context=context)
        schedule_rebuild(entry.review_id)
    entry.refresh_from_db()
    return entry


def submit(chronology: AgencyChronology, *, actor, context: RequestContext) -> AgencyChronology:
    """Send the chronology to the panel: it needs at least one entry."""
    if chronology.status == ChronologyStatus.SUBMITTED:
        raise ValidationError("This chronology is already submitted to the panel")
    if not chronology.entries.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError("Add at least one entry before you submit the chronology")
    with transaction.atomic():
        updated = AgencyChronology.objects.filter(
            pk=chronology.pk, status=ChronologyStatus.OPEN
        ).update(status=ChronologyStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor)
        if not updated:
            raise ValidationError("Someone else submitted this chronology meanwhile")
        record("chronology.submit", chronology, actor=actor, context=context)
    chronology.refresh_from_db()
    return chronology


def reopen(chronology: AgencyChronology, *, actor, context: RequestContext) -> AgencyChronology:
    """Back to the agency: it can add entries again (corrections need no reason until it is
    submitted again)."""
    if chronology.status != ChronologyStatus.SUBMITTED:
        raise ValidationError("This chronology is not submitted; there is nothing to reopen")
    with transaction.atomic():
        AgencyChronology.objects.filter(pk=chronology.pk).update(
            status=ChronologyStatus.OPEN, submitted_at=None, submitted_by=None
        )
        record("chronology.reopen", chronology, actor=actor, context=context)
    chronology.refresh_from_db()
    return chronology


def live_entries(chronology: AgencyChronology):
    return chronology.entries.filter(withdrawn_at__isnull=True)
