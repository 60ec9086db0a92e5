"""The integrated chronology (issue 11 item 3): every agency's live entries in one stable
order, the same event recorded by two or more agencies grouped (never deleted), conflicting
accounts flagged for the panel, and the gaps with no agency contact.

The rules, as the panel reads them (docs/chronology.md):

- Order: first day, then the narrower range (a day before the month that contains it), then
  the time (untimed last), the agency's name, the source record reference, the entry's id.
  Every key is a fact of the entry, so the order never depends on the order of input.
- Same event: two entries of different agencies, both dated to a day (a month or a season
  cannot show that two accounts are of one event), on the same day, whose event texts
  share at least half of their words (Jaccard similarity of the words of three letters or
  more, common words left out). Groups are the connected entries.
- Conflict: in a group, one agency says the child was seen and another says not, or two
  agencies record decisions that share less than a fifth of their words.
- Gap: more than `gap_days` days between the end of every contact so far and the next.

`merge()` is pure (no database) so that it can be proved and timed; `rebuild()` stores its
groups and is idempotent: a group whose entries mostly were in an existing group keeps that
group (and the panel's note on it)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casereview.audit.services import record
from casereview.reviews.models import Review

from .models import ChildSeen, ChronologyEntry, DatePrecision, EventGroup, IntegratedChronology

SAME_EVENT = 0.5
DIFFERENT_DECISION = 0.2
DATED_TO_A_DAY = frozenset({DatePrecision.DAY, DatePrecision.DATETIME})
_LATEST = time(23, 59, 59, 999999)
_WORD = re.compile(r"[a-z0-9]{3,}")
_COMMON = frozenset(
    {
        "the",
        "and",
        "was",
        "were",
        "with",
        "for",
        "from",
        "that",
        "this",
        "has",
        "had",
        "have",
        "not",
        "but",
        "are",
        "his",
        "her",
        "their",
        "they",
        "she",
        "him",
        "them",
        "its",
        "who",
        "whom",
        "which",
        "when",
        "what",
        "about",
        "into",
        "onto",
        "over",
        "after",
        "before",
    }
)


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower())) - _COMMON


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity: the words both share, of all the words either has."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@dataclass(frozen=True)
class Fact:
    """What the merge needs of one entry (built from a row or a ChronologyEntry)."""

    id: str
    agency: str
    occurred_from: date
    occurred_to: date
    occurred_time: time | None
    precision: str
    source_ref: str
    event: str
    decision: str = ""
    child_seen: str = ChildSeen.UNKNOWN

    @classmethod
    def of(cls, entry: ChronologyEntry, agency_name: str) -> Fact:
        return cls(
            id=str(entry.pk),
            agency=agency_name,
            occurred_from=entry.occurred_from,
            occurred_to=entry.occurred_to,
            occurred_time=entry.occurred_time,
            precision=entry.precision,
            source_ref=entry.source_ref,
            event=entry.event,
            decision=entry.decision,
            child_seen=entry.child_seen,
        )


# Entries a page of the timeline shows (timeline.py); the stored summary marks where each
# page starts, for that size.
PAGE_SIZE = 50

# The same order in the database (untimed entries after timed ones on every backend).
ORDER = (
    "occurred_from",
    "occurred_to",
    F("occurred_time").asc(nulls_last=True),
    "agency__name",
    "source_ref",
    "id",
)


def order_key(fact: Fact) -> tuple:
    return (
        fact.occurred_from,
        fact.occurred_to,
        fact.occurred_time is None,
        fact.occurred_time or _LATEST,
        fact.agency,
        fact.source_ref,
        fact.id,
    )


@dataclass(frozen=True)
class Gap:
    starts_on: date
    ends_on: date

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


@dataclass
class Merged:
    ordered: list[Fact]
    # Each group: the ids of its entries in the integrated order.
    groups: list[tuple[str, ...]]
    # Group (as in `groups`) -> the readable summary of what differs ("" when none).
    conflicts: dict[tuple[str, ...], str] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)


def merge(facts: Iterable[Fact], gap_days: int) -> Merged:
    ordered = sorted(facts, key=order_key)
    groups = _groups(ordered)
    by_id = {f.id: f for f in ordered}
    conflicts = {}
    for group in groups:
        summary = conflict_summary([by_id[i] for i in group])
        if summary:
            conflicts[group] = summary
    return Merged(ordered, groups, conflicts, gaps(ordered, gap_days))


def _groups(ordered: list[Fact]) -> list[tuple[str, ...]]:
    # Same-event pairs fall on one day: each day is its own small problem, in the
    # integrated order, so the result never depends on the order of input.
    by_day: dict[date, list[Fact]] = defaultdict(list)
    for fact in ordered:
        if fact.precision in DATED_TO_A_DAY:
            by_day[fact.occurred_from].append(fact)
    groups: list[tuple[str, ...]] = []
    for day in by_day.values():
        if len(day) < 2 or all(f.agency == day[0].agency for f in day):
            continue
        groups += _groups_of_one_day(day)
    return groups


def _groups_of_one_day(day: list[Fact]) -> list[tuple[str, ...]]:
    found = [words(f.event) for f in day]
    parent = list(range(len(day)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    count = len(day)
    for i, a in enumerate(day):
        mine, agency = found[i], a.agency
        if not mine:
            continue
        for j in range(i + 1, count):
            theirs = found[j]
            if day[j].agency == agency or not theirs:
                continue
            shared = len(mine & theirs)
            # similarity(mine, theirs) >= SAME_EVENT, without the division.
            if shared >= SAME_EVENT * (len(mine) + len(theirs) - shared):
                ri, rj = root(i), root(j)
                if ri != rj:
                    # The earlier entry is the root: groups list their entries in order.
                    parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[str]] = defaultdict(list)
    for i, fact in enumerate(day):
        members[root(i)].append(fact.id)
    return [tuple(m) for m in members.values() if len(m) > 1]


def conflict_summary(facts: list[Fact]) -> str:
    """What the accounts of one event disagree on, in words ("" when they agree)."""
    known = {f.child_seen for f in facts} - {ChildSeen.UNKNOWN}
    if len(known) < 2 and sum(1 for f in facts if f.decision) < 2:
        return ""  # nothing that could differ
    parts = []
    seen = defaultdict(list)
    for f in facts:
        if f.child_seen != ChildSeen.UNKNOWN and f.agency not in seen[f.child_seen]:
            seen[f.child_seen].append(f.agency)
    if len(seen) > 1:
        parts.append(
            "Child seen: "
            + ", ".join(f"{value} ({', '.join(seen[value])})" for value in sorted(seen))
        )
    decided = [(f.agency, f.decision, words(f.decision)) for f in facts if f.decision.strip()]
    for n, (agency_a, text_a, wa) in enumerate(decided):
        clash = next(
            (
                (agency_b, text_b)
                for agency_b, text_b, wb in decided[n + 1 :]
                if agency_b != agency_a and similarity(wa, wb) < DIFFERENT_DECISION
            ),
            None,
        )
        if clash:
            parts.append(f"Decision: {agency_a}: “{text_a}”; {clash[0]}: “{clash[1]}”")
            break
    return ". ".join(parts)


def gaps(ordered: list[Fact], gap_days: int) -> list[Gap]:
    return gaps_between([(f.occurred_from, f.occurred_to) for f in ordered], gap_days)


def gaps_between(ranges: list[tuple[date, date]], gap_days: int) -> list[Gap]:
    """The gaps of (first day, last day) ranges sorted by their first day."""
    found = []
    reached: date | None = None
    for start, end in ranges:
        if reached is not None and (start - reached).days - 1 > gap_days:
            found.append(Gap(reached + timedelta(days=1), start - timedelta(days=1)))
        if reached is None or end > reached:
            reached = end
    return found


# --- Storing it -------------------------------------------------------------------------------


def live_entries(review: Review):
    return ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True)


def facts_of(review: Review) -> list[Fact]:
    rows = live_entries(review).values_list(
        "id",
        "agency__name",
        "occurred_from",
        "occurred_to",
        "occurred_time",
        "precision",
        "source_ref",
        "event",
        "decision",
        "child_seen",
    )
    return [Fact(str(row[0]), *row[1:]) for row in rows]


def rebuild(review: Review, *, actor, context) -> Merged:
    """Merge the review's live entries again and store the groups; call it after any import
    or edit. Idempotent: the same entries give the same groups, with their notes."""
    with transaction.atomic():
        chronology, _ = IntegratedChronology.objects.select_for_update().get_or_create(
            review=review
        )
        merged = merge(facts_of(review), chronology.gap_days)
        kept = _store_groups(review, merged)
        chronology.merged_at = timezone.now()
        named = live_entries(review).order_by().values_list("agency_id", "agency__name")
        chronology.summary = summary_of(merged, chronology, agencies=dict(named.distinct()))
        chronology.save(update_fields=["merged_at", "summary"])
        record(
            "chronology.merge",
            chronology,
            actor=actor,
            context=context,
            detail={
                "entries": len(merged.ordered),
                "groups": len(merged.groups),
                "conflicts": len(merged.conflicts),
                "groups_kept": kept,
            },
        )
    return merged


def summary_of(
    merged: Merged, chronology: IntegratedChronology, *, agencies: dict[int, str] | None = None
) -> dict:
    """What the timeline shows of the whole chronology, stored with it (summary.py), and
    the same of each agency's entries alone (what its authors read before sharing, or the
    agency filter); `agencies`: the name of each agency with live entries by its id."""
    agencies = agencies or {}
    stored = {
        "changes": chronology.changes,
        "gap_days": chronology.gap_days,
        **_shown(merged.ordered, merged.gaps),
        "agencies": sorted(agencies),
    }
    ids = {name: pk for pk, name in agencies.items()}
    if len(ids) == len(agencies):  # names tell the agencies apart (one board's always do)
        own: dict[str, list[Fact]] = defaultdict(list)
        for fact in merged.ordered:
            own[fact.agency].append(fact)
        stored["by_agency"] = {
            str(ids[name]): _shown(facts, gaps(facts, chronology.gap_days))
            for name, facts in own.items()
            if name in ids
        }
    return stored


def _shown(ordered: list[Fact], found: list[Gap]) -> dict:
    """The count, gaps, contacts per agency per month and page starts of these entries."""
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for fact in ordered:
        counts[(fact.agency, fact.occurred_from.replace(day=1))] += 1
    return {
        "count": len(ordered),
        "gaps": [[g.starts_on.isoformat(), g.ends_on.isoformat()] for g in found],
        "counts": [[name, month.isoformat(), n] for (name, month), n in sorted(counts.items())],
        "pages": {"size": PAGE_SIZE, "starts": page_starts(ordered)},
    }


def page_starts(ordered: list[Fact]) -> list[list]:
    """Where each page of the timeline after the first starts, with the row before it (the
    page places its gaps from that row): the first day of that row and how many entries of
    that day come before it. The page reads the entries from that day on and skips those,
    instead of skipping every entry of the earlier pages. The count within the day does not
    depend on how the database orders one day's entries, only on the order of the days."""
    days = [f.occurred_from for f in ordered]
    return [
        [days[row].isoformat(), row - bisect_left(days, days[row])]
        for row in range(PAGE_SIZE - 1, len(days) - 1, PAGE_SIZE)
    ]


def _store_groups(review: Review, merged: Merged) -> int:
    old_of = dict(live_entries(review).filter(group__isnull=False).values_list("id", "group_id"))
    old_of = {str(k): v for k, v in old_of.items()}
    existing = {g.pk: g for g in EventGroup.objects.filter(review=review)}
    claimed: set = set()
    fresh: list[EventGroup] = []
    wanted: dict[str, object] = {}
    kept = 0
    # Groups in the integrated order, so that which group keeps an old one is decided the
    # same way every time.
    for members in merged.groups:
        votes: dict = defaultdict(int)
        for entry_id in members:
            if old_of.get(entry_id) in existing:
                votes[old_of[entry_id]] += 1
        candidates = sorted(
            (g for g in votes if g not in claimed), key=lambda g: (-votes[g], str(g))
        )
        summary = merged.conflicts.get(members, "")
        if candidates:
            group = existing[candidates[0]]
            kept += 1
            if group.conflict_summary != summary:
                # The facts changed: the panel's view was on other facts (its note stays).
                group.conflict = bool(summary)
                group.conflict_summary = summary
                group.resolved_at = None
                group.resolved_by = None
                group.lock_version += 1
                group.save()
        else:
            group = EventGroup(review=review, conflict=bool(summary), conflict_summary=summary)
            fresh.append(group)
        claimed.add(group.pk)
        for entry_id in members:
            wanted[entry_id] = group.pk
    EventGroup.objects.bulk_create(fresh, batch_size=1000)
    changed = [
        ChronologyEntry(pk=entry_id, group_id=wanted.get(entry_id))
        for entry_id in set(old_of) | set(wanted)
        if old_of.get(entry_id) != wanted.get(entry_id)
    ]
    ChronologyEntry.objects.bulk_update(changed, ["group"], batch_size=1000)
    ChronologyEntry.objects.filter(
        review=review, withdrawn_at__isnull=False, group__isnull=False
    ).update(group=None)
    EventGroup.objects.filter(review=review).exclude(pk__in=claimed).delete()
    return kept
