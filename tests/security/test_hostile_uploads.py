"""Every hostile file of the corpus (tests/security/hostile.py) goes through every real
upload path — an agency report's attachment, a family letter's translation, the board's
logo — through the test client as the user allowed to upload there: nothing is stored as
it was sent, no request fails with a server error, and a refusal is a message beside the
file field (docs/uploads.md, "The hostile corpus"). Run by `make security` and the suite."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casereview.documents.models import Document
from casereview.reviews.models import AgencyReport
from conftest import make_notification, verified_client, with_review
from tests.security import outcomes
from tests.security.hostile import OVERSIZE, Hostile, corpus, multipart, write_corpus

CORPUS = corpus()
IDS = list(enumerate(CORPUS))
PATHS = ("report attachment", "letter translation", "board logo")
# What a stored file may be, by the extension the server gave it: its sniffed type and the
# signature its bytes must start with.
SNIFFED = {
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
}
FIELD_ERROR = re.compile(
    r'<p id="[^"]*file[^"]*-error" class="govuk-error-message">\s*'
    r'<span class="govuk-visually-hidden">Error:</span>\s*([^<]+)'
)


def _upload(world, path: str) -> tuple:
    """(signed-in client, URL, other form fields) of an upload path."""
    manager = verified_client(world.user("board_manager"))
    if path == "report attachment":
        notification = make_notification(
            world.board, world.user("board_manager"), agencies=[world.police]
        )
        review = with_review(notification, world.user("board_chair")).review
        today = timezone.localdate()
        report = AgencyReport.objects.create(
            review=review, agency=world.police, requested_on=today, due_on=today + timedelta(30)
        )
        url = reverse("reviews:report_upload", args=[review.pk, report.pk])
        return verified_client(world.user("agency_author")), url, {}
    if path == "letter translation":
        url = reverse("reviews:letter_translation_upload", args=[world.board.pk])
        return manager, url, {"language": "pl", "template": "told_of_review"}
    return manager, reverse("reviews:board_logo", args=[world.board.pk]), {}


def _files() -> set[Path]:
    root = Path(settings.DOCUMENTS_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_the_corpus_has_every_kind_of_attack_and_at_least_thirty_files(tmp_path):
    assert len(CORPUS) >= 30
    assert len({f.name for f in CORPUS}) == len(CORPUS)
    assert {
        "zip bomb",
        "polyglot",
        "script-bearing",
        "active PDF",
        "macros",
        "double extension",
        "name",
        "oversize",
        "EICAR",
        "empty",
        "wrong content type",
    } <= {f.category for f in CORPUS}
    assert any(len(f.data) >= OVERSIZE for f in CORPUS)
    written = write_corpus(tmp_path / "corpus")
    assert len(written) == len(CORPUS) and all(p.parent == tmp_path / "corpus" for p in written)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("file", CORPUS, ids=[f"{i:02d}-{f.category}" for i, f in IDS])
def test_a_hostile_upload_is_never_stored_as_sent(world, path: str, file: Hostile):
    client, url, fields = _upload(world, path)
    client.raise_request_exception = False
    documents, files = set(Document.objects.values_list("pk", flat=True)), _files()
    body, content_type = multipart(fields, "file", file)

    response = client.post(url, body, content_type=content_type)

    if response.status_code >= 500:
        outcomes.record(path, file.name, "error")
        pytest.fail(f"server error {response.status_code}")
    new = Document.objects.exclude(pk__in=documents)
    if response.status_code == 302:
        stored = new.get()
        on_disk = _files() - files
        safe = (
            file.content_ok
            and re.fullmatch(r"[0-9a-f]{32}", stored.stored_name)
            and [p.name for p in on_disk] == [stored.stored_name]
            and stored.extension in SNIFFED
            and stored.content_type == SNIFFED[stored.extension][0]
            and file.data.startswith(SNIFFED[stored.extension][1])
        )
        outcomes.record(path, file.name, "stored safely" if safe else "stored as-is")
        assert safe, f"stored as {stored.stored_name} ({stored.content_type})"
        return
    outcomes.record(path, file.name, "refused")
    assert response.status_code == 200, response.status_code
    assert not new.exists() and _files() == files
    message = FIELD_ERROR.search(response.text)
    assert message and message.group(1).strip(), "no message beside the file field"
