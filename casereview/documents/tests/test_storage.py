"""Stored files live outside the web root under a random name; the user's name is shown
only; a refused file leaves nothing behind."""

import hashlib
import stat

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.documents.services import documents_of, path_of, store

from .corpus import pdf


def test_it_stores_a_file_under_the_board_with_a_random_name(world, documents_root):
    data = pdf()
    document = store(
        board=world.board,
        owner=world.police,  # any row can own documents
        upload=SimpleUploadedFile("Police IMR (final).pdf", data, "text/html"),
        actor=world.user("board_manager"),
        context=SYSTEM,
    )
    path = path_of(document)
    assert path.parent == (documents_root / str(world.board.pk)).resolve()
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(document.stored_name) == 32 and "IMR" not in document.stored_name
    # The browser's claimed type is ignored; the sniffed one is kept.
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.download_name == "Police-IMR-final.pdf"
    assert list(documents_of(world.police)) == [document]
    assert list(documents_of(world.health)) == []
    assert AuditEvent.objects.filter(action="document.upload").count() == 1


def test_the_documents_folder_is_not_under_the_web_root():
    root = settings.DOCUMENTS_ROOT.resolve()
    assert settings.STATIC_ROOT.resolve() not in (root, *root.parents)


def test_a_refused_file_leaves_no_row_no_file_and_no_event(world, documents_root):
    with pytest.raises(ValidationError) as caught:
        store(
            board=world.board,
            owner=world.police,
            upload=SimpleUploadedFile("page.pdf", b"<html><script>x</script></html>"),
            actor=world.user("board_manager"),
            context=SYSTEM,
        )
    assert "file" in caught.value.message_dict
    assert not Document.objects.exists()
    assert not documents_root.exists() or not any(documents_root.rglob("*"))
    assert not AuditEvent.objects.filter(action="document.upload").exists()


def test_a_tampered_stored_name_is_never_opened(world):
    document = Document(board=world.board, stored_name="../../../etc/passwd")
    with pytest.raises(ValueError):
        path_of(document)


def test_the_download_name_is_made_of_safe_characters_only(world):
    document = Document(original_name='"; filename=evil.html\r\n.pdf', extension="pdf")
    assert document.download_name == "filename-evil-html.pdf"
    assert Document(original_name="...pdf", extension="pdf").download_name == "document.pdf"
