"""The integrated chronology is merged again by itself after an import or an edit, so the
panel never reads groups and conflicts older than the entries."""

from __future__ import annotations

from datetime import date

from django.core.management import call_command
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.chronology.entries import EntryFacts, add_entry, withdraw_entry
from casereview.chronology.models import EventGroup
from casereview.chronology.services import chronology_for, integrated
from conftest import review_of

from .helpers import csv_bytes, row, upload

D = date(2025, 6, 3)


def _add(review, agency, actor, ref, child_seen):
    facts = EntryFacts(
        occurred_from=D,
        occurred_to=D,
        precision="day",
        source_ref=ref,
        event="Home visit to the family at the flat",
        child_seen=child_seen,
    )
    return add_entry(chronology_for(review, agency), actor=actor, context=SYSTEM, facts=facts)


def test_entries_saved_in_the_browser_are_grouped_once_committed(
    world, django_capture_on_commit_callbacks
):
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    with django_capture_on_commit_callbacks(execute=True):
        _add(review, world.police, manager, "P-1", "yes")
    with django_capture_on_commit_callbacks(execute=True):
        second = _add(review, world.health, manager, "H-1", "no")
    group = EventGroup.objects.get(review=review)
    assert group.conflict and "Child seen" in group.conflict_summary
    assert integrated(review).merged_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_entry(
            second, actor=manager, context=SYSTEM, reason="Entered twice", lock_version=0
        )
    # One account left: no longer an event recorded by two agencies (the entry is kept).
    assert not EventGroup.objects.filter(review=review).exists()
    assert second.__class__.objects.filter(pk=second.pk, withdrawn_at__isnull=False).exists()


def test_nothing_is_merged_when_the_saving_transaction_does_not_commit(
    world, django_capture_on_commit_callbacks
):
    review = review_of(world, agencies=[world.police, world.health])
    manager = world.user("board_manager")
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        _add(review, world.police, manager, "P-1", "yes")
        _add(review, world.health, manager, "H-1", "no")
    assert len(waiting) == 2
    assert not EventGroup.objects.filter(review=review).exists()


def test_an_uploaded_file_is_merged_with_the_other_agencies_entries(world, client_for):
    review = review_of(world, agencies=[world.police, world.health])
    _add(review, world.health, world.user("board_manager"), "H-1", "no")
    chronology = chronology_for(review, world.police)
    data = csv_bytes(
        [
            row(
                1,
                "",
                day=D,
                **{"Event or contact": "Home visit to the family at the flat", "Child seen": "yes"},
            )
        ]
    )
    client = client_for(world.user("agency_author"))
    client.post(
        reverse(
            "chronology:import", kwargs={"review_id": review.pk, "chronology_id": chronology.pk}
        ),
        {"file": upload(data)},
    )
    assert EventGroup.objects.get(review=review).conflict


def test_the_command_merges_after_importing(world, tmp_path, capsys):
    review = review_of(world, agencies=[world.police, world.health])
    _add(review, world.health, world.user("board_manager"), "H-1", "no")
    path = tmp_path / "police.csv"
    path.write_bytes(
        csv_bytes(
            [
                row(
                    1,
                    "",
                    day=D,
                    **{
                        "Event or contact": "Home visit to the family at the flat",
                        "Child seen": "yes",
                    },
                )
            ]
        )
    )
    call_command(
        "import-chronology", "--review", review.reference, "--agency", world.police.name, str(path)
    )
    assert "1 with different accounts" in capsys.readouterr().out
    assert EventGroup.objects.get(review=review).conflict
