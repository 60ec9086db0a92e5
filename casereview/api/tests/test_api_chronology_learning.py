"""The chronology and learning operations through real requests: the timeline's scoping,
the bulk import (all or nothing, pointers to bad entries, re-submission skipped), and an
action's progress update with If-Match."""

from __future__ import annotations

from casereview.audit.models import AuditEvent
from casereview.chronology.models import ChronologyEntry, ChronologyImport, IntegratedChronology
from casereview.chronology.services import chronology_for
from casereview.learning.models import ActionStatus, Recommendation
from casereview.learning.tests.helpers import acted_review
from conftest import chronology_entry, review_of

from .helpers import api_for

PROBLEM = "application/problem+json"

ENTRIES = [
    {"date": "2025-06-03", "source_ref": "PNC-1", "event": "Police attended the home"},
    {
        "date": "June 2025",
        "source_ref": "PNC-2",
        "event": "Referral to children's social care",
        "child_seen": "no",
        "practitioner_role": "Response officer",
    },
]


def test_an_agency_author_reads_their_agencys_entries_until_the_panel_shares(world):
    review = review_of(world, agencies=[world.police, world.health])
    police_entry = chronology_entry(review, world.police, event="Police visit")
    health_entry = chronology_entry(review, world.health, event="Health visit")
    path = f"/reviews/{review.pk}/chronology/entries"

    manager = api_for(world.user("board_manager"))
    assert {e["id"] for e in manager.get(path).json()["items"]} == {
        str(police_entry.pk),
        str(health_entry.pk),
    }
    police = api_for(world.user("agency_author"))
    assert [e["id"] for e in police.get(path).json()["items"]] == [str(police_entry.pk)]
    assert police.get(f"{path}/{health_entry.pk}").status_code == 404
    assert police.get(f"{path}/{police_entry.pk}").json()["event"] == "Police visit"

    IntegratedChronology.objects.update_or_create(
        review=review,
        defaults={"shared_at": review.opened_at, "shared_by": world.user("board_manager")},
    )
    assert len(police.get(path).json()["items"]) == 2
    assert police.get(path, agency=world.health.pk).json()["count"] == 1


def test_bulk_import_is_all_or_nothing_and_skips_what_was_imported(world):
    review = review_of(world)
    chronology = chronology_for(review, world.police)
    path = f"/reviews/{review.pk}/chronologies/{chronology.pk}/entries"
    police = api_for(world.user("agency_author"))

    bad = [*ENTRIES, {"date": "2999-01-01", "event": "Later"}, {"date": "soon", "event": "x"}]
    refused = police.call("post", path, {"entries": bad})
    assert refused.status_code == 422
    assert refused["Content-Type"] == PROBLEM
    pointers = [e["pointer"] for e in refused.json()["errors"]]
    assert pointers == ["/entries/2/date", "/entries/3/date"]
    assert "future" in refused.json()["errors"][0]["detail"]
    assert not ChronologyEntry.objects.filter(review=review).exists()

    done = police.call("post", path, {"entries": ENTRIES})
    assert done.status_code == 201, done.content
    assert done.json()["created"] == 2
    entry = ChronologyEntry.objects.get(source_ref="PNC-2")
    assert (entry.precision, entry.child_seen, entry.source) == ("month", "no", "import")
    assert entry.imported_by.status == "done" and entry.entered_by == world.user("agency_author")

    again = police.call(
        "post", path, {"entries": [*ENTRIES, {"date": "2025-07-01", "event": "New"}]}
    )
    assert again.json() | {"skipped_entries": None} == {
        "created": 1,
        "skipped": 2,
        "context": 0,
        "skipped_entries": None,
    }
    assert [s["index"] for s in again.json()["skipped_entries"]] == [0, 1]
    assert ChronologyEntry.objects.filter(review=review).count() == 3
    assert AuditEvent.objects.filter(action="chronology.import").count() == 2
    assert ChronologyImport.objects.filter(chronology=chronology).count() == 2


def test_bulk_import_into_another_agencys_chronology_or_with_a_read_token_is_refused(world):
    review = review_of(world, agencies=[world.police, world.health])
    health = chronology_for(review, world.health)
    path = f"/reviews/{review.pk}/chronologies/{health.pk}/entries"
    assert (
        api_for(world.user("agency_author")).call("post", path, {"entries": ENTRIES}).status_code
        == 404
    )
    read_only = api_for(world.user("board_manager"), scope="read")
    assert read_only.call("post", path, {"entries": ENTRIES}).status_code == 403
    assert (
        api_for(world.user("panel_member")).call("post", path, {"entries": ENTRIES}).status_code
        == 403
    )
    assert not ChronologyEntry.objects.exists()


def test_lessons_recommendations_and_actions_are_read(world):
    review = review_of(world, agencies=[world.police, world.health])
    lesson, rec, action = acted_review(world, review)
    manager = api_for(world.user("board_manager"))
    lessons = manager.get(f"/reviews/{review.pk}/lessons").json()
    assert [item["id"] for item in lessons["items"]] == [str(lesson.pk)]
    recs = manager.get(f"/reviews/{review.pk}/recommendations").json()["items"]
    assert recs[0]["lessons"] == [str(lesson.pk)] and recs[0]["number"] == rec.number
    assert recs[0]["types"] == []
    Recommendation.objects.filter(pk=rec.pk).update(types=["training", "audit"])
    one = manager.get(f"/reviews/{review.pk}/recommendations/{rec.pk}")
    assert one.status_code == 200 and one.json()["types"] == ["training", "audit"]
    assert manager.get(f"/reviews/{review.pk}/lessons/{lesson.pk}").json()["text"] == lesson.text
    actions = manager.get(f"/reviews/{review.pk}/actions").json()["items"]
    assert [a["id"] for a in actions] == [str(action.pk)]
    # The health author reads no police action.
    health = api_for(world.health_author)
    assert health.get(f"/reviews/{review.pk}/actions").json()["count"] == 0
    assert health.get(f"/reviews/{review.pk}/actions/{action.pk}").status_code == 404


def test_progress_update_needs_the_current_etag(world):
    review = review_of(world)
    _, _, action = acted_review(world, review)
    path = f"/reviews/{review.pk}/actions/{action.pk}"
    police = api_for(world.user("agency_author"))
    read = police.get(path)
    body = {"status": "in_progress", "rag": "amber", "text": "First audit done", "on": "2026-04-20"}

    assert police.call("post", f"{path}/progress", body).status_code == 428
    done = police.call("post", f"{path}/progress", body, headers={"If-Match": read["ETag"]})
    assert done.status_code == 201, done.content
    assert done.json()["status"] == ActionStatus.IN_PROGRESS
    assert [p["text"] for p in done.json()["progress"]] == ["First audit done"]
    stale = police.call("post", f"{path}/progress", body, headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert AuditEvent.objects.filter(action="action.update").count() == 1

    future = dict(body, on="2999-01-01")
    bad = police.call("post", f"{path}/progress", future, headers={"If-Match": done["ETag"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/on"
    # A panel member reads the action but may not update it.
    member = api_for(world.user("panel_member"))
    refused = member.call("post", f"{path}/progress", body, headers={"If-Match": done["ETag"]})
    assert refused.status_code == 403


def test_a_withdrawn_progress_update_is_shown_as_withdrawn(world):
    from casereview.audit.context import SYSTEM
    from casereview.learning import corrections
    from casereview.learning.models import ProgressUpdate

    review = review_of(world)
    _, _, action = acted_review(world, review)
    path = f"/reviews/{review.pk}/actions/{action.pk}"
    police = api_for(world.user("agency_author"))
    body = {"status": "in_progress", "rag": "amber", "text": "Audit done twice", "on": "2026-04-20"}
    done = police.call(
        "post", f"{path}/progress", body, headers={"If-Match": police.get(path)["ETag"]}
    )
    (update,) = ProgressUpdate.objects.filter(action_id=action.pk)  # the action as saved now
    corrections.withdraw_update(
        update, actor=world.user("board_manager"), context=SYSTEM, reason="Entered twice"
    )
    (shown,) = police.get(path).json()["progress"]
    assert done.status_code == 201
    assert shown["withdrawn_at"] is not None and shown["withdrawn_reason"] == "Entered twice"
