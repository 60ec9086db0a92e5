"""The timeline's kept summary (summary.py): the merge stores the count, the gaps and the
contacts per agency per month; every write to the entries marks it stale in its own
transaction, and the page uses it only while it still describes the entries."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.audit.context import SYSTEM
from casereview.chronology import chart, merge, panel, summary, timeline
from casereview.chronology.entries import EntryFacts, add_entry, edit_entry, withdraw_entry
from casereview.chronology.models import ChronologyEntry, KeyPracticeEpisode
from casereview.chronology.services import chronology_for, integrated
from conftest import review_of, verified_client

from .timeline_helpers import entries

D = date(2024, 2, 10)


def _facts(on: date, ref: str) -> EntryFacts:
    return EntryFacts(
        occurred_from=on, occurred_to=on, precision="day", source_ref=ref, event="Home visit"
    )


def _fresh(review):
    """What the page works out from the entries when nothing is kept."""
    live = ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True)
    chronology = integrated(review)
    return (
        live.count(),
        timeline.whole_gaps(live, chronology.gap_days),
        sorted(chart.counts(live)),
        sorted(set(live.values_list("agency_id", flat=True))),
    )


def _kept(review):
    chronology = integrated(review)
    live = ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True).count()
    found = summary.kept(chronology, live)
    return found and (found.count, found.gaps, sorted(found.counts), found.agencies)


def test_the_kept_summary_equals_the_entries_after_each_kind_of_write(
    world, django_capture_on_commit_callbacks
):
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    police, health = chronology_for(review, world.police), chronology_for(review, world.health)
    with django_capture_on_commit_callbacks(execute=True):
        first = add_entry(police, actor=manager, context=SYSTEM, facts=_facts(D, "P-1"))
    with django_capture_on_commit_callbacks(execute=True):
        add_entry(health, actor=manager, context=SYSTEM, facts=_facts(D + timedelta(200), "H-1"))
    assert _kept(review) == _fresh(review)
    assert _kept(review)[1], "200 days without contact is a gap at the default 90"

    with django_capture_on_commit_callbacks(execute=True):
        edit_entry(
            first,
            actor=manager,
            context=SYSTEM,
            facts=_facts(D + timedelta(150), "P-1"),
            lock_version=first.lock_version,
        )
    assert _kept(review) == _fresh(review)
    assert not _kept(review)[1], "the corrected date closes the gap"

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_entry(
            ChronologyEntry.objects.get(pk=first.pk),
            actor=manager,
            context=SYSTEM,
            reason="Entered on the wrong chronology",
            lock_version=1,
        )
    assert _kept(review) == _fresh(review)
    assert _kept(review)[0] == 1 and _kept(review)[3] == [world.health.pk]


def test_a_write_not_yet_merged_is_never_read_from_the_summary(
    world, django_capture_on_commit_callbacks
):
    review = review_of(world)
    manager = world.user("board_manager")
    police = chronology_for(review, world.police)
    with django_capture_on_commit_callbacks(execute=True):
        entry = add_entry(police, actor=manager, context=SYSTEM, facts=_facts(D, "P-1"))
    assert _kept(review) is not None
    # The merge has not run yet (the background task is still queued): a corrected date
    # keeps the count, so only the mark of the write tells the page the summary is stale.
    with django_capture_on_commit_callbacks(execute=False):
        edit_entry(
            entry,
            actor=manager,
            context=SYSTEM,
            facts=_facts(D + timedelta(3), "P-1"),
            lock_version=entry.lock_version,
        )
    assert _kept(review) is None


def test_a_changed_gap_is_worked_out_again_and_the_chart_still_kept(world):
    review = review_of(world)
    manager = world.user("board_manager")
    police = chronology_for(review, world.police)
    add_entry(police, actor=manager, context=SYSTEM, facts=_facts(D, "P-1"))
    add_entry(police, actor=manager, context=SYSTEM, facts=_facts(D + timedelta(60), "P-2"))
    merge.rebuild(review, actor=manager, context=SYSTEM)
    chronology = integrated(review)
    panel.set_gap_days(
        chronology, actor=manager, context=SYSTEM, gap_days=30, lock_version=chronology.lock_version
    )
    kept = summary.kept(integrated(review), 2)
    assert kept is not None and kept.gaps is None
    assert sorted(kept.counts) == sorted(
        chart.counts(ChronologyEntry.objects.filter(review=review))
    )


def _chart_table(html: str) -> str:
    return re.search(r'<details class="govuk-details" id="chart-table">.*?</details>', html, re.S)[
        0
    ]


def test_the_page_shows_the_same_from_the_summary_as_from_the_entries(world):
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    for n, (agency, days) in enumerate(
        [(world.police, 0), (world.health, 0), (world.police, 35), (world.health, 300)]
    ):
        add_entry(
            chronology_for(review, agency),
            actor=manager,
            context=SYSTEM,
            facts=_facts(D + timedelta(days), f"R-{n}"),
        )
    merge.rebuild(review, actor=manager, context=SYSTEM)
    assert summary.kept(integrated(review), 4) is not None
    client = verified_client(manager)
    url = reverse("chronology:integrated", args=[review.pk])
    kept_page = client.get(url, secure=True).content.decode()
    summary.mark_changed(review.pk)  # stale: the same page, worked out from the entries
    fresh_page = client.get(url, secure=True).content.decode()
    assert _chart_table(kept_page) == _chart_table(fresh_page)
    assert "No agency contact from" in kept_page
    gap = re.findall(r"No agency contact from [^<]*", kept_page)
    assert gap == re.findall(r"No agency contact from [^<]*", fresh_page)


def _crowded(world, review, n: int) -> None:
    """n entries of two agencies, seven a day (timed, untimed and whole months among them), so
    that pages begin in the middle of a day."""
    rows = {world.police: [], world.health: []}
    for i in range(n):
        on = D + timedelta(days=i // 7)
        event = "Joint home visit with the family" if i % 4 == 0 else f"Contact {i}"
        row = {"on": on, "event": event, "source_ref": f"C-{i:03}"}
        if i % 5 == 0:
            row["occurred_time"] = time(9 + i % 8)
        if i % 11 == 0:
            row |= {"on": None, "occurred_from": on.replace(day=1), "precision": "month"}
            row["occurred_to"] = on.replace(day=1) + timedelta(days=27)
        rows[world.police if i % 3 else world.health].append(row)
    for agency, made in rows.items():
        entries(review, agency, made, user=world.user("board_manager"))


def test_each_page_read_from_the_kept_starts_is_the_page_read_by_offset(world):
    review = review_of(world, agencies=[world.police, world.health])
    _crowded(world, review, 3 * timeline.PAGE_SIZE + 7)
    merge.rebuild(review, actor=world.user("board_manager"), context=SYSTEM)
    live = ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True)
    kept = summary.kept(integrated(review), live.count())
    assert kept is not None and len(kept.starts) == 3
    ordered = live.order_by(*merge.ORDER)
    marked, withdrawn = (
        KeyPracticeEpisode.objects.create(
            review=review,
            title=title,
            starts_on=D,
            ends_on=D + timedelta(days=30),
            marked_by=world.user("panel_chair"),
            marked_at=timezone.now(),
            withdrawn_at=timezone.now() if title == "Withdrawn" else None,
        )
        for title in ("Visits in spring", "Withdrawn")
    )
    for episode in (marked, withdrawn):
        episode.entries.set(list(ordered[45:60]))

    def shown(page):
        return [(r.entry.pk if r.entry else None, r.gap, r.same_as, r.episodes) for r in page.rows]

    grouped = in_episode = 0
    for number in (1, 2, 3, 4):
        live_episodes = {marked.pk: marked.title}  # as the view reads them: not withdrawn
        by_offset = timeline.page_of(
            ordered, live, number, kept.gaps, full_view=True, episodes=live_episodes
        )
        by_starts = timeline.page_of(
            ordered,
            live,
            number,
            kept.gaps,
            full_view=True,
            starts=kept.starts,
            agencies=kept.agencies,
            episodes=live_episodes,
        )
        assert shown(by_starts) == shown(by_offset), f"page {number}"
        assert len(by_offset.rows) >= (7 if number == 4 else timeline.PAGE_SIZE)
        grouped += sum(1 for r in by_starts.rows if r.same_as)
        in_episode += sum(1 for r in by_starts.rows if r.episodes == ["Visits in spring"])
    assert grouped, "some entries are recorded by both agencies"
    assert in_episode == 15
    # Stored for another page size, they are not used.
    stored = integrated(review).summary
    stored["pages"]["size"] = timeline.PAGE_SIZE + 1
    chronology = integrated(review)
    chronology.summary = stored
    assert summary.kept(chronology, live.count()).starts is None


def test_a_later_page_is_the_same_from_the_summary_as_from_the_entries(world):
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    _crowded(world, review, 2 * timeline.PAGE_SIZE + 3)
    merge.rebuild(review, actor=manager, context=SYSTEM)
    client = verified_client(manager)
    url = reverse("chronology:integrated", args=[review.pk]) + "?page=2"
    kept_page = client.get(url, secure=True).content.decode()
    summary.mark_changed(review.pk)
    fresh_page = client.get(url, secure=True).content.decode()
    refs = re.findall(r"Ref\. (C-\d+)", kept_page)
    assert len(refs) == timeline.PAGE_SIZE and refs == re.findall(r"Ref\. (C-\d+)", fresh_page)


def test_agency_names_are_escaped_in_the_chart(world):
    hostile = Agency.objects.create(board=world.board, name='<b onclick="x()">Housing</b>')
    drawn = chart.chart([(hostile.name, D.replace(day=1), 3)])
    svg, table = chart.svg(drawn), chart.table_rows(drawn, 3)
    assert "<b " not in svg and "<b " not in table
    assert "&lt;b onclick=&quot;x()&quot;&gt;Housing&lt;/b&gt;" in table
    assert "February 2024: &lt;b" in svg


def _two_agencies_apart(world, review) -> int:
    """The crowded entries, then one late contact of each agency: the police's alone have one
    long gap, the whole chronology two. Returns how many entries the police have."""
    manager = world.user("board_manager")
    _crowded(world, review, 3 * timeline.PAGE_SIZE + 7)
    late = [(world.health, 150, "H-LATE"), (world.police, 300, "P-LATE")]
    for agency, days, ref in late:
        row = {"on": D + timedelta(days), "event": "Late visit", "source_ref": ref}
        entries(review, agency, [row], user=manager)
    merge.rebuild(review, actor=manager, context=SYSTEM)
    return ChronologyEntry.objects.filter(review=review, agency=world.police).count()


def _shown_pages(client, address: str, pages: int) -> list[tuple]:
    """What each page shows of the chronology: its table, its gaps and its chart."""
    shown = []
    for number in range(1, pages + 1):
        page = client.get(f"{address}page={number}", secure=True).content.decode()
        table = re.search(r'<table class="govuk-table app-chronology".*?</table>', page, re.S)[0]
        table = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", table)  # one a request
        gaps = re.findall(r"No agency contact from [^<]*", page)
        shown.append(
            (table, gaps, _chart_table(page), re.findall(r"entr(?:y|ies), page \d+", page))
        )
    return shown


def test_an_agency_authors_pages_from_their_agencys_kept_summary_are_those_from_the_entries(world):
    review = review_of(world, agencies=[world.police, world.health])
    own = _two_agencies_apart(world, review)
    assert summary.kept(integrated(review), own) is None
    assert summary.kept_of_agency(integrated(review), world.police.pk, own) is not None
    client = verified_client(world.user("agency_author"))  # police, before sharing
    address = reverse("chronology:integrated", args=[review.pk]) + "?"
    kept_pages = _shown_pages(client, address, 3)
    summary.mark_changed(review.pk)  # stale: the same pages, worked out from the entries
    assert summary.kept_of_agency(integrated(review), world.police.pk, own) is None
    assert kept_pages == _shown_pages(client, address, 3)
    tables = "".join(table for table, *_ in kept_pages)
    refs = re.findall(r"Ref\. ([\w-]+)<", tables)
    police = ChronologyEntry.objects.filter(review=review, agency=world.police)
    assert sorted(refs) == sorted(police.values_list("source_ref", flat=True))
    # Their gaps are those of their own entries (one; the whole chronology has two): no
    # health contact shows through, nor in the chart.
    assert sum(len(gaps) for _, gaps, *_ in kept_pages) == 1
    assert "Eastbrook Health" not in "".join(chart for _, _, chart, _ in kept_pages)


def test_the_agency_filter_reads_the_agencys_kept_summary_and_shows_what_the_entries_do(world):
    review = review_of(world, agencies=[world.police, world.health])
    own = _two_agencies_apart(world, review)
    client = verified_client(world.user("board_manager"))
    address = reverse("chronology:integrated", args=[review.pk]) + f"?agency={world.police.pk}&"
    assert summary.kept_of_agency(integrated(review), world.police.pk, own) is not None
    kept_pages = _shown_pages(client, address, 3)
    summary.mark_changed(review.pk)
    assert kept_pages == _shown_pages(client, address, 3)
    tables = "".join(table for table, *_ in kept_pages)
    assert len(re.findall(r"Ref\. ([\w-]+)<", tables)) == own
    # The panel still sees which other agencies recorded the same event, and the gaps of
    # the whole chronology (a filter narrows the rows, not the periods with no contact).
    assert "Eastbrook Health" in tables
    assert sum(len(gaps) for _, gaps, *_ in kept_pages) == 2


def test_one_agencys_kept_summary_serves_only_the_count_it_was_made_for(world):
    review = review_of(world, agencies=[world.police, world.health])
    own = _two_agencies_apart(world, review)
    chronology = integrated(review)
    assert summary.kept_of_agency(chronology, world.police.pk, own - 1) is None
    assert summary.kept_of_agency(chronology, world.police.pk + 1000, own) is None
    kept = summary.kept_of_agency(chronology, world.police.pk, own)
    police = ChronologyEntry.objects.filter(review=review, agency=world.police)
    assert kept.count == own and kept.agencies == [world.police.pk]
    assert kept.gaps == timeline.whole_gaps(police, chronology.gap_days)
    assert sorted(kept.counts) == sorted(chart.counts(police))
