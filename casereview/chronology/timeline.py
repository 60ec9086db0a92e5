"""One page of the integrated timeline, in a constant number of queries whatever the size of
the chronology: the entries of the page (one slice, with the row before it to place the gaps),
the groups they belong to, the episodes that hold them, and the gaps of the whole chronology
(its dates only). A page's entries are read as values (`Entry`), not as models: fifty
entries with their agency and group as models cost more than writing their rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from uuid import UUID

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from .merge import PAGE_SIZE, Gap, gaps_between
from .models import ChronologyEntry

# What the page shows of an entry, in the order of Entry's fields.
_SHOWN = (
    "id",
    "agency__name",
    "occurred_from",
    "occurred_to",
    "occurred_time",
    "precision",
    "date_as_written",
    "source_ref",
    "practitioner_role",
    "event",
    "decision",
    "child_seen",
    "analysis",
    "is_context",
    "significance",
    "lock_version",
    "group_id",
    "group__conflict",
    "group__conflict_summary",
    "group__resolved_at",
)


@dataclass(slots=True)
class Entry:
    """An entry as the page shows it, with its agency's name and its group's conflict."""

    pk: UUID
    agency_name: str
    occurred_from: date
    occurred_to: date
    occurred_time: time | None
    precision: str
    date_as_written: str
    source_ref: str
    practitioner_role: str
    event: str
    decision: str
    child_seen: str
    analysis: str
    is_context: bool
    significance: str
    lock_version: int
    group_id: UUID | None
    conflict: bool | None
    conflict_summary: str | None
    resolved_at: datetime | None


@dataclass
class Row:
    entry: Entry | None = None
    gap: Gap | None = None
    # The other agencies that recorded the same event (those this user may see).
    same_as: list[str] = field(default_factory=list)
    conflict: str = ""
    resolved: bool = False
    episodes: list[str] = field(default_factory=list)
    # Worked out here rather than in the template: a page has many rows.
    when: str = ""
    address: str = ""
    significance_options: str = ""  # the <option>s of the panel's select, this one selected


@dataclass
class Page:
    rows: list[Row]
    number: int
    pages: int
    count: int
    gaps: list[Gap]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def whole_gaps(visible, gap_days: int) -> list[Gap]:
    """The gaps of the whole chronology this user reads (unfiltered: a filter narrows the
    rows, not the periods with no contact)."""
    dates = (
        visible.order_by("occurred_from", "occurred_to")
        .values_list("occurred_from", "occurred_to")
        .distinct()
    )
    return gaps_between(list(dates), gap_days)


def significance_options(choices) -> dict[str, SafeString]:
    """The <option>s of the significance select with each value selected: made once a page,
    not once a row."""
    return {
        chosen: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, mark_safe(" selected") if v == chosen else "", t) for v, t in choices),
        )
        for chosen, _ in choices
    }


def when(entry: Entry | ChronologyEntry) -> str:
    """The entry's date as the timeline shows it."""
    if entry.precision in ("datetime", "day"):
        text = f"{entry.occurred_from.day} {entry.occurred_from:%b %Y}"
        return f"{text} {entry.occurred_time:%H:%M}" if entry.occurred_time else text
    return entry.date_as_written or f"{entry.occurred_from:%b %Y}"


def page_of(
    entries,
    visible,
    number: int,
    gaps: list[Gap],
    *,
    full_view: bool,
    address: str = "",
    count: int | None = None,
    options: dict[str, SafeString] | None = None,
    starts: list[tuple[date, int]] | None = None,
    agencies: list[int] | None = None,
    episodes: dict | None = None,
) -> Page:
    """`entries`: the filtered, visible entries in the integrated order (`count` of them,
    when the caller has counted); `visible`: every entry this user may read (to say which
    agencies share a group); `full_view`: whether the user reads every agency's entries
    (only then a conflict's summary is shown); `options`: significance_options(), for the
    panel; `starts` and `agencies`: where each page after the first starts and the ids of
    the agencies with entries, when the kept summary still describes `entries`
    (summary.Kept); with the agencies a page's groups are read from their index (review,
    withdrawn, agency, group) rather than from every entry; `episodes`: the title of each
    live key practice episode of the review by its id, those this user may see (none or
    empty: no entry is tagged, and nothing is asked; the caller decides who sees them)."""
    count = entries.count() if count is None else count
    pages = max(1, -(-count // PAGE_SIZE))
    number = min(max(1, number), pages)
    start = (number - 1) * PAGE_SIZE
    if start and starts and len(starts) == pages - 1:
        day, skip = starts[number - 2]
        shown = entries.filter(occurred_from__gte=day)[skip : skip + PAGE_SIZE + 1]
    else:
        shown = entries[max(0, start - 1) : start + PAGE_SIZE]
    window = [Entry(*values) for values in shown.values_list(*_SHOWN)]
    before = window.pop(0) if start > 0 and window else None
    ids = [e.pk for e in window]
    group_ids = {e.group_id for e in window if e.group_id}
    members = defaultdict(list)
    grouped = visible.filter(group_id__in=group_ids)
    if agencies is not None:
        grouped = grouped.filter(agency_id__in=agencies)
    for group_id, pk, name in grouped.order_by("agency__name").values_list(
        "group_id", "id", "agency__name"
    ):
        members[group_id].append((pk, name))
    titles = defaultdict(list)
    held = []
    if episodes:
        held = [
            (entry_id, episodes[episode_id])
            for entry_id, episode_id in ChronologyEntry.episodes.through.objects.filter(
                chronologyentry_id__in=ids, keypracticeepisode_id__in=episodes
            ).values_list("chronologyentry_id", "keypracticeepisode_id")
        ]
    for entry_id, title in held:
        titles[entry_id].append(title)
    rows = []
    previous = before.occurred_from if before else None
    pending = [g for g in gaps if previous is None or g.starts_on > previous]
    for entry in window:
        while pending and pending[0].ends_on < entry.occurred_from:
            rows.append(Row(gap=pending.pop(0)))
        row = Row(
            entry=entry,
            episodes=titles.get(entry.pk, []),
            when=when(entry),
            address=f"{address}entries/{entry.pk}/",
            significance_options=options.get(entry.significance, "") if options else "",
        )
        if entry.group_id:
            row.same_as = sorted({n for pk, n in members[entry.group_id] if pk != entry.pk})
            if entry.conflict and full_view:
                row.conflict = entry.conflict_summary
                row.resolved = entry.resolved_at is not None
        rows.append(row)
    return Page(rows, number, pages, count, gaps)
