"""Web content after the first kilobyte of a text, PDF or PNG file passes the upload check
(which reads the first kilobyte for it) and is stored; it is harmless because a stored file
is only ever served as a download a browser will not render or sniff (docs/uploads.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.documents.models import Document
from casereview.documents.tests.corpus import HTML_AFTER_FIRST_KB
from casereview.reviews.models import AgencyReport
from conftest import make_notification, verified_client, with_review


@pytest.fixture
def report(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police]
    )
    review = with_review(notification, world.user("board_chair")).review
    today = timezone.localdate()
    return AgencyReport.objects.create(
        review=review, agency=world.police, requested_on=today, due_on=today + timedelta(30)
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"), HTML_AFTER_FIRST_KB, ids=[h[0] for h in HTML_AFTER_FIRST_KB]
)
def test_a_file_with_web_content_after_the_first_kilobyte_is_served_inert(
    world, report, name, data, content_type
):
    client = verified_client(world.user("agency_author"))
    upload = reverse("reviews:report_upload", args=[report.review_id, report.pk])
    response = client.post(upload, {"file": SimpleUploadedFile(name, data, "text/html")})
    assert response.status_code == 302
    document = Document.objects.get()
    download = reverse("reviews:report_document", args=[report.review_id, report.pk, document.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = [p.strip() for p in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"".join(response.streaming_content) == data
