"""The panel's work on the integrated chronology through its pages: significance, its view on a
conflict, key practice episodes, the gap, sharing; each audited, refused to agency authors,
and guarded against a lost update."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.chronology import merge
from casereview.chronology.models import ChronologyEntry, EventGroup, KeyPracticeEpisode
from casereview.chronology.services import integrated
from conftest import date_fields, review_of, verified_client

from .timeline_helpers import entries, entry

D = date(2025, 3, 12)


@pytest.fixture
def review(world):
    review = review_of(world, agencies=[world.police, world.health])
    user = world.user("board_manager")
    entry(review, world.police, D, "Joint home visit", user=user, child_seen="yes")
    entry(review, world.health, D, "Joint home visit", user=user, child_seen="no")
    merge.rebuild(review, actor=user, context=SYSTEM)
    return review


def go(name, review, *args):
    return reverse(f"chronology:{name}", args=[review.pk, *args])


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_the_panel_sets_the_significance_and_a_stale_form_is_refused(world, review):
    chair = verified_client(world.user("panel_chair"))
    police = ChronologyEntry.objects.get(review=review, agency=world.police)
    address = go("entry_significance", review, police.pk)
    response = chair.post(address, {"significance": "significant", "lock_version": 0})
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.significance == "significant" and police.lock_version == 1
    assert "chronology.significance" in actions()
    # Someone saved since the form was read: nothing is overwritten.
    chair.post(address, {"significance": "routine", "lock_version": 0})
    police.refresh_from_db()
    assert police.significance == "significant"
    page = chair.get(go("integrated", review)).text
    assert "Someone else changed this" in page


def test_agency_authors_may_not_do_the_panels_work(world, review):
    author = verified_client(world.user("agency_author"))
    police = ChronologyEntry.objects.get(review=review, agency=world.police)
    group = EventGroup.objects.get(review=review)
    chronology = integrated(review)
    posts = [
        (
            go("entry_significance", review, police.pk),
            {"significance": "routine", "lock_version": 0},
        ),
        (go("integrated_share", review), {"lock_version": chronology.lock_version}),
        (go("integrated_merge", review), {}),
        (go("integrated_gap", review), {"gap_days": 10, "lock_version": 0}),
        (go("conflict", review, group.pk), {"note": "Mine", "lock_version": 0}),
        (
            go("episode_add", review),
            {"title": "X", **date_fields("starts_on", D), **date_fields("ends_on", D)},
        ),
    ]
    for address, body in posts:
        assert author.post(address, body).status_code == 403, address
    police.refresh_from_db()
    assert police.significance == "unassessed"
    assert integrated(review).shared_at is None
    assert not KeyPracticeEpisode.objects.exists()


def test_the_panel_records_its_view_on_a_conflict_and_it_survives_a_merge(world, review):
    chair = verified_client(world.user("panel_chair"))
    group = EventGroup.objects.get(review=review)
    page = chair.get(go("conflict", review, group.pk)).text
    assert "Child seen: no (Eastbrook Health), yes (Eastbrook Police)" in page
    assert chair.post(go("conflict", review, group.pk), {"note": ""}).status_code == 400
    response = chair.post(
        go("conflict", review, group.pk), {"note": "Health saw the baby", "lock_version": 0}
    )
    assert response.status_code == 302
    chair.post(go("integrated_merge", review), {})
    group = EventGroup.objects.get(review=review)
    assert group.panel_note == "Health saw the baby" and group.resolved_at
    assert "chronology.conflict_resolve" in actions()
    assert "Accounts differ: panel's view recorded" in chair.get(go("integrated", review)).text


def test_sharing_and_unsharing_with_a_reason(world, review):
    chair = verified_client(world.user("panel_chair"))
    assert chair.post(go("integrated_share", review), {"lock_version": 0}).status_code == 302
    chronology = integrated(review)
    assert chronology.shared_at and chronology.shared_by == world.user("panel_chair")
    refused = chair.post(go("integrated_unshare", review), {"reason": "", "lock_version": 1})
    assert refused.status_code == 400 and "Enter why the chronology" in refused.text
    chair.post(go("integrated_unshare", review), {"reason": "Shared too early", "lock_version": 1})
    chronology.refresh_from_db()
    assert chronology.shared_at is None and chronology.unshare_reason == "Shared too early"
    assert {"chronology.share", "chronology.unshare"} <= set(actions())


def test_the_page_offers_the_panel_share_or_unshare_whichever_applies(world, review):
    chair = verified_client(world.user("panel_chair"))
    page = chair.get(go("integrated", review)).text
    assert "Share with the agencies</button>" in page and "Stop sharing" not in page
    assert 'name="gap_days" value="90"' in page and 'id="id_title"' in page
    chair.post(go("integrated_share", review), {"lock_version": 0})
    page = chair.get(go("integrated", review)).text
    assert "Stop sharing</button>" in page and "Share with the agencies</button>" not in page
    assert 'id="unshare_lock_version"' in page and 'value="1"' in page


def test_the_gap_period(world, review):
    manager = verified_client(world.user("board_manager"))
    refused = manager.post(go("integrated_gap", review), {"gap_days": 0, "lock_version": 0})
    assert refused.status_code == 400 and "at least 1 day" in refused.text
    # The refused form's page is at …/gap/: its links and forms still go to the timeline's.
    here = go("integrated", review)
    assert f'action="{here}entries/' in refused.text and "gap/entries/" not in refused.text
    assert f'href="{here}conflicts/' in refused.text and "gap/conflicts/" not in refused.text
    manager.post(go("integrated_gap", review), {"gap_days": 30, "lock_version": 0})
    assert integrated(review).gap_days == 30
    assert "chronology.gap_days" in actions()


def test_marking_editing_and_withdrawing_a_key_practice_episode(world, review):
    chair = verified_client(world.user("panel_chair"))
    police = ChronologyEntry.objects.get(review=review, agency=world.police)
    future = timezone.localdate() + timedelta(days=3)
    refused = chair.post(
        go("episode_add", review),
        {
            "title": "The joint visit",
            **date_fields("starts_on", D),
            **date_fields("ends_on", future),
        },
    )
    assert refused.status_code == 400
    assert "The end of the episode must be today or in the past" in refused.text
    chair.post(
        go("episode_add", review),
        {
            "title": "The joint visit",
            "summary": "Two accounts",
            "entries": [police.pk],
            **date_fields("starts_on", D),
            **date_fields("ends_on", D + timedelta(days=1)),
        },
    )
    episode = KeyPracticeEpisode.objects.get(review=review)
    assert list(episode.entries.all()) == [police]
    assert "Key episode</strong> The joint visit" in chair.get(go("integrated", review)).text
    edit = go("episode", review, episode.pk)
    assert "The joint visit" in chair.get(edit).text
    body = {
        "title": "The first joint visit",
        "lock_version": 0,
        **date_fields("starts_on", D),
        **date_fields("ends_on", D),
    }
    assert chair.post(edit, body).status_code == 302
    stale = chair.post(edit, {**body, "title": "Lost"})
    assert stale.status_code == 400 and "Someone else changed this" in stale.text
    episode.refresh_from_db()
    assert episode.title == "The first joint visit" and not episode.entries.exists()
    chair.post(
        go("episode_withdraw", review, episode.pk), {"reason": "Marked in error", "lock_version": 1}
    )
    episode.refresh_from_db()
    assert episode.withdrawn_at and episode.withdrawn_reason == "Marked in error"
    assert KeyPracticeEpisode.objects.count() == 1  # kept
    assert {
        "chronology.episode_mark",
        "chronology.episode_edit",
        "chronology.episode_withdraw",
    } <= set(actions())
    assert "Withdrawn on" in chair.get(edit).text


def test_two_views_of_one_conflict_from_pages_read_at_once_do_not_overwrite(world, review):
    """Two panel members open the conflict; the first saves; the second's save is refused
    with the page showing the first's view, and their own text kept to save again."""
    chair = verified_client(world.user("panel_chair"))
    member = verified_client(world.user("panel_member"))
    group = EventGroup.objects.get(review=review)
    address = go("conflict", review, group.pk)
    first = {"note": "Health saw the baby", "lock_version": group.lock_version}
    second = {"note": "The police account is right", "lock_version": group.lock_version}
    assert chair.post(address, first).status_code == 302
    refused = member.post(address, second)
    assert refused.status_code == 400
    assert "Someone else changed this since you opened the page" in refused.text
    assert "The police account is right" in refused.text
    group.refresh_from_db()
    assert group.panel_note == "Health saw the baby"
    # Saved again from the refused page: against the version it now shows.
    again = {"note": "The police account is right", "lock_version": group.lock_version}
    assert member.post(address, again).status_code == 302
    group.refresh_from_db()
    assert group.panel_note == "The police account is right"
    assert actions().count("chronology.conflict_resolve") == 2


def test_a_merge_that_changes_the_facts_refuses_a_view_written_before_it(world, review):
    chair = verified_client(world.user("panel_chair"))
    group = EventGroup.objects.get(review=review)
    read_at = group.lock_version
    # Both accounts now record a decision, and they differ: still a conflict, other facts.
    ChronologyEntry.objects.filter(review=review, agency=world.health).update(
        decision="Referred to the GP for a check of the baby's weight"
    )
    ChronologyEntry.objects.filter(review=review, agency=world.police).update(
        decision="No further action by the police"
    )
    merge.rebuild(review, actor=world.user("board_manager"), context=SYSTEM)
    response = chair.post(
        go("conflict", review, group.pk), {"note": "Health saw the baby", "lock_version": read_at}
    )
    assert response.status_code == 400
    group = EventGroup.objects.get(pk=group.pk)
    assert group.conflict and "Decision" in group.conflict_summary
    assert group.panel_note == ""


def test_an_agency_author_sees_the_key_practice_episodes_only_once_shared(world, review):
    chair = verified_client(world.user("panel_chair"))
    author = verified_client(world.user("agency_author"))
    police = ChronologyEntry.objects.get(review=review, agency=world.police)
    chair.post(
        go("episode_add", review),
        {
            "title": "The joint visit",
            "entries": [police.pk],
            **date_fields("starts_on", D),
            **date_fields("ends_on", D + timedelta(days=1)),
        },
    )
    assert "Key episode</strong> The joint visit" in chair.get(go("integrated", review)).text
    before = author.get(go("integrated", review))
    assert before.status_code == 200 and "Joint home visit" in before.text
    # Neither the list nor the tag on the author's own agency's row.
    assert "The joint visit" not in before.text and "Key episode" not in before.text
    chair.post(go("integrated_share", review), {"lock_version": integrated(review).lock_version})
    after = author.get(go("integrated", review)).text
    assert "Key episode</strong> The joint visit" in after


def test_a_refused_forms_page_links_its_pages_to_the_timeline(world, review):
    user = world.user("board_manager")
    rows = [dict(on=D - timedelta(days=n), event=f"Visit {n}") for n in range(1, 61)]
    entries(review, world.police, rows, user=user)
    merge.rebuild(review, actor=user, context=SYSTEM)
    manager = verified_client(user)
    refused = manager.post(go("integrated_gap", review), {"gap_days": 0, "lock_version": 0})
    assert refused.status_code == 400
    here = go("integrated", review)
    # The page is shown at …/gap/, which answers only a form: "Later" goes to the timeline.
    assert f'href="{here}?page=2" rel="next"' in refused.text
    assert manager.get(f"{here}?page=2").status_code == 200
