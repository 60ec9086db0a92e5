"""The panel's work on the integrated chronology (chronology.panel): significance of an
entry, its view on a conflict, key practice episodes, the gap period, and sharing the
integrated chronology with the agencies. Each write is transactional, audited and, where
two people may edit the same record, guarded by its lock_version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.lib.date_rules import DateRule, check_dates
from casereview.reviews.dates import review_bounds

from . import merge
from .models import ChronologyEntry, EventGroup, IntegratedChronology, KeyPracticeEpisode

CHANGED = (
    "Someone else changed this since you opened the page. The page now shows their "
    "changes: make yours again if they are still needed."
)

# An episode is a period of what happened: in the past, ending after it starts; it may
# begin before the birth (antenatal care is often a key episode).
EPISODE_DATES = {
    "starts_on": DateRule("The start of the episode", pre_birth=True),
    "ends_on": DateRule("The end of the episode", pre_birth=True, after=("starts_on", "its start")),
}


class Changed(ValidationError):
    def __init__(self):
        super().__init__(CHANGED, code="conflict")


def _bump(model, obj, lock_version: int, **changes) -> None:
    """Write `changes` if nobody saved since `lock_version` was read; Changed otherwise."""
    if not model.objects.filter(pk=obj.pk, lock_version=lock_version).update(
        lock_version=lock_version + 1, **changes
    ):
        raise Changed()
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.lock_version = lock_version + 1


def set_significance(
    entry: ChronologyEntry, *, actor, context: RequestContext, significance: str, lock_version: int
) -> ChronologyEntry:
    with transaction.atomic():
        _bump(ChronologyEntry, entry, lock_version, significance=significance)
        record(
            "chronology.significance",
            entry,
            actor=actor,
            context=context,
            detail={"significance": significance},
        )
    return entry


def resolve_conflict(
    group: EventGroup, *, actor, context: RequestContext, note: str, lock_version: int
) -> EventGroup:
    """The panel's view on what differs between the accounts of one event: refused (Changed)
    when another member recorded a view, or a merge changed the facts, since the page was
    read."""
    with transaction.atomic():
        _bump(
            EventGroup,
            group,
            lock_version,
            panel_note=note,
            resolved_at=timezone.now(),
            resolved_by=actor,
        )
        record("chronology.conflict_resolve", group, actor=actor, context=context)
    return group


def set_gap_days(
    chronology: IntegratedChronology,
    *,
    actor,
    context: RequestContext,
    gap_days: int,
    lock_version: int,
) -> IntegratedChronology:
    with transaction.atomic():
        _bump(IntegratedChronology, chronology, lock_version, gap_days=gap_days)
        record(
            "chronology.gap_days",
            chronology,
            actor=actor,
            context=context,
            detail={"gap_days": gap_days},
        )
    return chronology


def share(
    chronology: IntegratedChronology, *, actor, context: RequestContext, lock_version: int
) -> IntegratedChronology:
    if chronology.shared_at:
        return chronology  # already shared: nothing to do
    with transaction.atomic():
        _bump(
            IntegratedChronology,
            chronology,
            lock_version,
            shared_at=timezone.now(),
            shared_by=actor,
            unshare_reason="",
        )
        record("chronology.share", chronology, actor=actor, context=context)
    return chronology


def unshare(
    chronology: IntegratedChronology,
    *,
    actor,
    context: RequestContext,
    reason: str,
    lock_version: int,
) -> IntegratedChronology:
    if not chronology.shared_at:
        return chronology  # not shared: nothing to do
    with transaction.atomic():
        _bump(
            IntegratedChronology,
            chronology,
            lock_version,
            shared_at=None,
            shared_by=None,
            unshare_reason=reason,
        )
        record("chronology.unshare", chronology, actor=actor, context=context)
    return chronology


def _check_episode(review, starts_on, ends_on, entries) -> None:
    check_dates({"starts_on": starts_on, "ends_on": ends_on}, EPISODE_DATES, review_bounds(review))
    foreign = [e for e in entries if e.review_id != review.pk or e.withdrawn_at]
    if foreign:
        raise ValidationError({"entries": "Choose entries of this review's chronology"})


def mark_episode(
    review,
    *,
    actor,
    context: RequestContext,
    title: str,
    summary: str,
    starts_on,
    ends_on,
    entries=(),
) -> KeyPracticeEpisode:
    _check_episode(review, starts_on, ends_on, entries)
    with transaction.atomic():
        episode = KeyPracticeEpisode.objects.create(
            review=review,
            title=title,
            summary=summary,
            starts_on=starts_on,
            ends_on=ends_on,
            marked_by=actor,
            marked_at=timezone.now(),
        )
        episode.entries.set(entries)
        record(
            "chronology.episode_mark",
            episode,
            actor=actor,
            context=context,
            detail={"entries": len(entries)},
        )
    return episode


def edit_episode(
    episode: KeyPracticeEpisode,
    *,
    actor,
    context: RequestContext,
    lock_version: int,
    title: str,
    summary: str,
    starts_on,
    ends_on,
    entries=(),
) -> KeyPracticeEpisode:
    _check_episode(episode.review, starts_on, ends_on, entries)
    with transaction.atomic():
        _bump(
            KeyPracticeEpisode,
            episode,
            lock_version,
            title=title,
            summary=summary,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        episode.entries.set(entries)
        record(
            "chronology.episode_edit",
            episode,
            actor=actor,
            context=context,
            detail={"entries": len(entries)},
        )
    return episode


def withdraw_episode(
    episode: KeyPracticeEpisode, *, actor, context: RequestContext, reason: str, lock_version: int
) -> KeyPracticeEpisode:
    if episode.withdrawn_at:
        return episode  # already withdrawn: nothing to do
    with transaction.atomic():
        _bump(
            KeyPracticeEpisode,
            episode,
            lock_version,
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason,
        )
        record("chronology.episode_withdraw", episode, actor=actor, context=context)
    return episode


def rebuild(review, *, actor, context: RequestContext):
    """The merge, for the panel's button and for the import and the entry pages."""
    return merge.rebuild(review, actor=actor, context=context)
