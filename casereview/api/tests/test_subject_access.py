"""The subject-access export: the person's records across the board's cases, with the files
attached to them, and no one else's; board managers only; audited."""

from __future__ import annotations

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents import services as documents
from conftest import chronology_entry, make_notification, verified_client, with_review

MANAGER = "board_manager"


def _case(world, **child):
    n = make_notification(world.board, world.user(MANAGER), agencies=[world.police], child=child)
    return with_review(n, world.user("board_chair"))


def test_the_export_holds_that_persons_records_and_no_one_elses(world):
    first = _case(world, given_names="Orla", family_name="Exportchild")
    second = _case(world, given_names="Orla", family_name="Exportchild")  # the same child
    other = _case(world, given_names="Bryn", family_name="Otherchild", nhs_number="")
    chronology_entry(first.review, world.police, event="Orla seen at school")
    chronology_entry(other.review, world.police, event="Bryn seen at nursery")
    documents.store(
        board=world.board,
        owner=second.child,
        upload=SimpleUploadedFile("letter.txt", b"A synthetic letter about Orla"),
        actor=world.user(MANAGER),
        context=SYSTEM,
    )
    documents.store(
        board=world.board,
        owner=other.child,
        upload=SimpleUploadedFile("bryn.txt", b"A synthetic letter about Bryn"),
        actor=world.user(MANAGER),
        context=SYSTEM,
    )
    url = reverse("subject_access", args=[first.child.pk])
    client = verified_client(world.user(MANAGER))
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("subject-access.json"))
    assert {r["id"] for r in data["register_entries"]} == {
        str(first.child.pk),
        str(second.child.pk),
    }
    assert [c["reference"] for c in data["cases"]] == [first.reference, second.reference]
    assert data["cases"][0]["review"]["chronology_entries"][0]["event"] == "Orla seen at school"
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(files) == 1 and archive.read(files[0]) == b"A synthetic letter about Orla"
    everything = b"".join(archive.read(n) for n in archive.namelist())
    for secret in ("Bryn", "Otherchild", other.reference, str(other.child.pk)):
        assert secret.encode() not in everything
    event = AuditEvent.objects.get(action="subject_access.export")
    assert event.actor_id == world.user(MANAGER).pk and event.detail["files"] == 1


def test_only_the_board_manager_exports(world):
    case = _case(world)
    url = reverse("subject_access", args=[case.child.pk])
    for role in ("board_chair", "panel_chair", "auditor", "administrator"):
        status = verified_client(world.user(role)).post(url).status_code
        assert status in (403, 404), role
    assert not AuditEvent.objects.filter(action="subject_access.export").exists()


def test_the_people_register_links_to_the_export_for_those_who_may_run_it(world):
    case = _case(world, given_names="Orla", family_name="Linkchild")
    page = reverse("cases:detail", args=[case.pk])
    export = reverse("subject_access", args=[case.child.pk])
    manager = verified_client(world.user(MANAGER)).get(page)
    assert manager.status_code == 200
    assert f'href="{export}"' in manager.content.decode()
    author = verified_client(world.user("agency_author")).get(page)  # police: on the case
    assert author.status_code == 200
    assert "Linkchild" in author.content.decode()
    assert export not in author.content.decode()
    assert "Subject-access export" not in author.content.decode()
