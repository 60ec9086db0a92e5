"""What the timeline page shows of the whole chronology, kept with it: the number of live
entries, the gaps, the contacts per agency per month, where each page starts and the
agencies with entries. `merge.rebuild` stores them; every write to the entries marks them
stale first (`mark_changed`, in the writing transaction), so the page uses them only when
nothing has changed since, and otherwise works them out from the entries as before. A
5,000-entry chronology then costs the page one small count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from .merge import PAGE_SIZE, Gap
from .models import IntegratedChronology


def mark_changed(review_id) -> None:
    """Call inside the transaction that adds, corrects or withdraws an entry."""
    IntegratedChronology.objects.filter(review_id=review_id).update(changes=F("changes") + 1)


@dataclass(frozen=True)
class Kept:
    count: int
    gaps: list[Gap] | None  # None when the gap has been changed since the merge
    counts: list[tuple[str, date, int]]
    # Where pages 2, 3, … start (merge.page_starts); None when stored for another page size
    # or before the merge stored them.
    starts: list[tuple[date, int]] | None = None
    # The ids of the agencies with live entries; None before the merge stored them.
    agencies: list[int] | None = None


def kept(chronology: IntegratedChronology, live_count: int) -> Kept | None:
    """The stored summary if it still describes the entries the caller counted (every live
    entry of the review, unfiltered): nothing written since the merge, and the same count
    (a reader who sees fewer entries than the review holds gets None)."""
    stored = chronology.summary
    if not stored or stored["changes"] != chronology.changes or stored["count"] != live_count:
        return None
    return _read(stored, chronology, stored.get("agencies"))


def kept_of_agency(chronology: IntegratedChronology, agency_id: int, count: int) -> Kept | None:
    """The stored summary of one agency's live entries, if it still describes the entries
    the caller counted: `count` entries of the review, all of this agency (an agency
    author's before sharing, or the agency filter's). Nothing written since the merge and
    the same count mean they are every live entry of the agency, whatever rule chose them."""
    stored = chronology.summary
    if not stored or stored["changes"] != chronology.changes:
        return None
    own = (stored.get("by_agency") or {}).get(str(agency_id))
    if own is None or own["count"] != count:
        return None
    return _read({**own, "gap_days": stored["gap_days"]}, chronology, [agency_id])


def _read(stored: dict, chronology: IntegratedChronology, agencies: list[int] | None) -> Kept:
    gaps = (
        [Gap(date.fromisoformat(a), date.fromisoformat(b)) for a, b in stored["gaps"]]
        if stored["gap_days"] == chronology.gap_days
        else None
    )
    counts = [(name, date.fromisoformat(month), n) for name, month, n in stored["counts"]]
    pages = stored.get("pages") or {}
    starts = (
        [(date.fromisoformat(day), skip) for day, skip in pages["starts"]]
        if pages.get("size") == PAGE_SIZE
        else None
    )
    return Kept(stored["count"], gaps, counts, starts, agencies)
