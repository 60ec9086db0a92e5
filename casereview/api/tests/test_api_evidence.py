"""Evidence files of a progress update through the API: attached with the documents
service's checks (multipart), listed as metadata, downloaded; the same permission actions
as the web's progress form (action.update to attach, section.learning to read)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents.malware import EICAR
from casereview.documents.models import Document
from casereview.learning import corrections, services
from casereview.learning.tests.helpers import acted_review
from conftest import review_of

from .helpers import api_for


def _updated(world):
    review = review_of(world)
    _, _, action = acted_review(world, review)
    update = services.update_action(
        action,
        actor=world.user("agency_author"),
        context=SYSTEM,
        lock_version=action.lock_version,
        status="in_progress",
        rag="amber",
        text="First audit done",
        on=date(2026, 4, 20),
    )
    path = f"/reviews/{review.pk}/actions/{action.pk}/progress/{update.pk}/evidence"
    return review, action, update, path


def _file(name="audit.txt", content=b"Synthetic audit: 48 of 50 referrals followed up"):
    return {"file": SimpleUploadedFile(name, content)}


def test_the_owner_attaches_evidence_and_readers_list_and_download_it(world):
    _, action, update, path = _updated(world)
    police = api_for(world.user("agency_author"))
    done = police.call("post", path, files=_file())
    assert done.status_code == 201, done.content
    body = done.json()
    assert body["name"] == "audit.txt" and body["content_type"].startswith("text/plain")
    assert done["Location"] == body["download"] == f"/api/v1{path}/{body['id']}"
    event = AuditEvent.objects.filter(action="action.update").latest("id")
    assert event.object_id == str(action.pk)
    assert event.detail["evidence"] is True and event.detail["update"] == str(update.pk)
    assert AuditEvent.objects.filter(action="document.upload").count() == 1

    # A panel member reads the action: they list and download the evidence.
    member = api_for(world.user("panel_member"), scope="read")
    listed = member.get(path)
    assert listed.status_code == 200
    assert [e["id"] for e in listed.json()] == [body["id"]]
    file = member.get(f"{path}/{body['id']}")
    assert file.status_code == 200
    assert file.content == b"Synthetic audit: 48 of 50 referrals followed up"
    assert file["ETag"]
    assert file["Content-Disposition"].startswith("attachment")
    assert file["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action="export", object_id=body["id"]).count() == 1
    # The action's progress names each update, so that a client can find its evidence.
    progress = police.get(f"/reviews/{action.review_id}/actions/{action.pk}").json()["progress"]
    assert [p["id"] for p in progress] == [str(update.pk)]


def test_a_missing_hostile_or_oversize_file_is_refused_with_its_field(world):
    _, _, _, path = _updated(world)
    police = api_for(world.user("agency_author"))
    missing = police.call("post", path, {"file": "not a file"})
    assert missing.status_code == 422
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["errors"][0]["pointer"] == "/file"
    for name, content in (("virus.txt", EICAR), ("page.txt", b"<html><script>x</script>")):
        refused = police.call("post", path, files=_file(name, content))
        assert refused.status_code == 422, name
        assert refused.json()["errors"][0]["pointer"] == "/file", name
    with override_settings(DOCUMENT_MAX_BYTES=1000):
        large = police.call("post", path, files=_file(content=b"a" * 2000))
        assert large.status_code == 422 and large.json()["errors"][0]["pointer"] == "/file"
        # Far past the limit: refused before the body is read.
        huge = police.call("post", path, files=_file(content=b"a" * 200_000))
        assert huge.status_code == 413
    # Only a multipart request may be that large: a JSON body keeps the 64 KB limit.
    big_json = police.call("post", path, {"file": "a" * 70_000})
    assert big_json.status_code == 413
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action="document.upload").exists()


def test_who_may_not_attach_is_refused_and_who_may_not_see_gets_404(world):
    _, _, update, path = _updated(world)
    reader = api_for(world.user("panel_member"))
    assert reader.call("post", path, files=_file()).status_code == 403
    read_token = api_for(world.user("agency_author"), scope="read")
    assert read_token.call("post", path, files=_file()).status_code == 403
    health = api_for(world.health_author)  # the action is the police's
    for method in ("get", "post"):
        response = health.call(method, path, files=_file() if method == "post" else None)
        assert response.status_code == 404, method
        assert response["Content-Type"] == "application/problem+json"
    assert not Document.objects.exists()
    # Another update's id, or a document that is not this update's, is not found.
    police = api_for(world.user("agency_author"))
    assert police.get(path.replace(str(update.pk), str(update.action_id))).status_code == 404
    assert police.get(f"{path}/{update.pk}").status_code == 404


def test_a_withdrawn_update_takes_no_evidence(world):
    _, _, update, path = _updated(world)
    police = api_for(world.user("agency_author"))
    corrections.withdraw_update(
        update, actor=world.user("board_manager"), context=SYSTEM, reason="Entered in error"
    )
    assert police.call("post", path, files=_file()).status_code == 404
    assert not Document.objects.exists()


def test_a_verified_action_takes_no_more_evidence(world):
    from casereview.learning.models import Action, ActionStatus

    _, action, _, path = _updated(world)
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.VERIFIED)
    refused = api_for(world.user("agency_author")).call("post", path, files=_file())
    assert refused.status_code == 422
    assert "verified" in refused.json()["errors"][0]["detail"]
    assert not Document.objects.exists()
