"""Documents attached to an agency report: checked by content on upload, stored outside the
web root, downloaded as an attachment by those who can see the report, each download audited."""

import hashlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.documents.tests.corpus import GOOD, HOSTILE, pdf
from casereview.reviews.models import AgencyReport, ReportStatus
from conftest import make_notification, verified_client, with_review


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def review(world):
    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    return with_review(n, world.user("board_chair")).review


def report_of(review, agency, **fields):
    today = timezone.localdate()
    return AgencyReport.objects.create(
        review=review, agency=agency, requested_on=today, due_on=today + timedelta(30), **fields
    )


def upload_url(report):
    return reverse("reviews:report_upload", args=[report.review_id, report.pk])


def download_url(report, document):
    return reverse("reviews:report_document", args=[report.review_id, report.pk, document.pk])


def test_the_report_page_has_a_file_upload_form(world, review):
    report = report_of(review, world.police)
    page = verified_client(world.user("agency_author")).get(
        reverse("reviews:report", args=[review.pk, report.pk])
    )
    text = page.text
    assert 'enctype="multipart/form-data"' in text
    assert 'class="govuk-file-upload"' in text and 'type="file"' in text


@pytest.mark.parametrize(("name", "data", "content_type"), GOOD, ids=[g[0] for g in GOOD])
def test_the_author_attaches_each_allowed_kind(world, review, documents_root, name, data,
                                               content_type):  # fmt: skip
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    last = AuditEvent.objects.latest("id").id
    response = client.post(
        upload_url(report), {"file": SimpleUploadedFile(name, data, "application/octet-stream")}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == content_type
    assert document.original_name == name
    stored = documents_root / str(world.board.pk) / document.stored_name
    assert stored.read_bytes() == data
    assert [e.action for e in AuditEvent.objects.filter(id__gt=last)] == ["document.upload"]


def test_the_hostile_corpus_is_refused_with_field_errors_and_nothing_stored(
    world, review, documents_root, settings
):
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    client.raise_request_exception = True
    settings.DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
    corpus = [*HOSTILE, ("big.txt", b"a" * (20 * 1024 * 1024 + 1), "smaller than 20 MB")]
    for name, data, expected in corpus:
        response = client.post(upload_url(report), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200, name
        text = response.text
        assert "There is a problem" in text, name
        field_error = text.split('class="govuk-error-message"', 1)[1].split("</p>", 1)[0]
        expected = (expected,) if isinstance(expected, str) else expected
        assert any(f.replace("'", "&#x27;") in field_error for f in expected), (name, field_error)
    assert not Document.objects.exists()
    assert not documents_root.exists() or not any(documents_root.rglob("*"))
    assert not AuditEvent.objects.filter(action="document.upload").exists()


def test_no_file_chosen_is_a_field_error(world, review):
    report = report_of(review, world.police)
    response = verified_client(world.user("agency_author")).post(upload_url(report), {})
    assert response.status_code == 200 and "Select a file" in response.text
    assert not Document.objects.exists()


def test_the_download_is_an_attachment_with_a_safe_name_and_the_sniffed_type(world, review):
    report = report_of(review, world.police)
    client = verified_client(world.user("agency_author"))
    data = pdf()
    client.post(
        upload_url(report),
        {"file": SimpleUploadedFile('Police "IMR" <final>.pdf', data, "text/html")},
    )
    document = Document.objects.get()
    page = client.get(reverse("reviews:report", args=[review.pk, report.pk])).text
    assert "Police &quot;IMR&quot; &lt;final&gt;.pdf" in page
    last = AuditEvent.objects.latest("id").id
    response = client.get(download_url(report, document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Police-IMR-final.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.sha256
    events = AuditEvent.objects.filter(id__gt=last)
    assert [(e.action, e.object_id) for e in events] == [("export", str(document.pk))]


def test_readers_of_the_report_download_but_another_agency_does_not(world, review):
    report = report_of(review, world.police)
    verified_client(world.user("board_manager")).post(
        upload_url(report), {"file": SimpleUploadedFile("notes.txt", b"Notes\n")}
    )
    document = Document.objects.get()
    assert (
        verified_client(world.user("panel_member")).get(download_url(report, document)).status_code
        == 200
    )
    assert (
        verified_client(world.health_author).get(download_url(report, document)).status_code == 404
    )
    assert verified_client(world.outsider).get(download_url(report, document)).status_code == 404


def test_a_document_is_reached_only_through_its_own_report(world, review):
    police = report_of(review, world.police)
    health = report_of(review, world.health)
    verified_client(world.health_author).post(
        upload_url(health), {"file": SimpleUploadedFile("notes.txt", b"Health notes\n")}
    )
    document = Document.objects.get()
    client = verified_client(world.user("agency_author"))  # police
    # The police report's address with the health report's document: not found.
    assert client.get(download_url(police, document)).status_code == 404
    last = AuditEvent.objects.latest("id")
    assert (last.action, last.outcome) == ("deny", "not_found")


def test_only_writers_attach_and_only_while_the_report_is_open(world, review):
    report = report_of(review, world.police)
    for role in ("panel_member", "panel_chair", "auditor"):
        response = verified_client(world.user(role)).post(
            upload_url(report), {"file": SimpleUploadedFile("notes.txt", b"x\n")}
        )
        assert response.status_code == 403, role
    report.status = ReportStatus.SUBMITTED
    report.save()
    response = verified_client(world.user("agency_author")).post(
        upload_url(report), {"file": SimpleUploadedFile("notes.txt", b"x\n")}
    )
    assert response.status_code == 200 and "cannot be changed now" in response.text
    assert not Document.objects.exists()
