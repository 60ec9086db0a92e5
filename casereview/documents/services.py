"""Storing and reading documents. Files live under DOCUMENTS_ROOT/<board id>/<random name>,
outside the web root; the name a user gave is kept for display only."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import object_type_of, record

from .models import Document
from .validation import Kind, check_upload, max_bytes

_STORED_NAME = re.compile(r"[0-9a-f]{32}")


def root() -> Path:
    return Path(settings.DOCUMENTS_ROOT)


# Under the documents storage (shared by every web machine), files the service derives and
# can make again, such as trained theme models: never a document, left out of backups.
CACHE_FOLDER = "_cache"


def cache_root() -> Path:
    return root() / CACHE_FOLDER


def owner_key(owner: models.Model) -> tuple[str, str]:
    return object_type_of(owner), str(owner.pk)


def documents_of(owner: models.Model):
    """The documents attached to `owner` (which the caller has already been allowed to see)."""
    return all_documents_of(owner).filter(withdrawn_at__isnull=True)


def documents_of_many(owners: list[models.Model]) -> dict[str, list[Document]]:
    """The documents of several owners of one model (already allowed), in one query, by the
    owner's id."""
    found: dict[str, list[Document]] = {}
    if not owners:
        return found
    owner_type, _ = owner_key(owners[0])
    for document in Document.objects.filter(
        owner_type=owner_type,
        owner_id__in=[str(o.pk) for o in owners],
        withdrawn_at__isnull=True,
    ):
        found.setdefault(document.owner_id, []).append(document)
    return found


def all_documents_of(owner: models.Model):
    """The documents attached to `owner`, with those withdrawn (for its history)."""
    owner_type, owner_id = owner_key(owner)
    return Document.objects.filter(owner_type=owner_type, owner_id=owner_id).select_related(
        "uploaded_by"
    )


def _read(upload) -> bytes:
    """The upload's bytes, reading no more than one byte past the size limit."""
    limit = max_bytes()
    if getattr(upload, "size", 0) and upload.size > limit:
        return b"\0" * (limit + 1)  # refused for its size without reading it
    chunks, total = [], 0
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            break
    return b"".join(chunks)


def path_of(document: Document) -> Path:
    if not _STORED_NAME.fullmatch(document.stored_name):
        raise ValueError("not a stored name")
    base = root().resolve()
    path = (base / str(int(document.board_id)) / document.stored_name).resolve()
    if base not in path.parents:
        raise ValueError("outside the documents root")
    return path


def vet(upload, only: tuple[Kind, ...] = (), windows_text: bool = False) -> tuple[str, bytes, Kind]:
    """The upload's name, bytes and sniffed kind, after the checks every upload passes
    (docs/uploads.md); ValidationError({"file": ...}) if refused. Nothing is stored.
    `windows_text`: text may be Windows-1252 as well as UTF-8 (a chronology file)."""
    name = str(getattr(upload, "name", "") or "")
    data = _read(upload)
    try:
        kind = check_upload(name, data, windows_text)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    if only and kind not in only:
        allowed = " or ".join(k.label for k in only)
        raise ValidationError({"file": f"The selected file must be a {allowed}"})
    return name, data, kind


def store(
    *,
    board,
    owner: models.Model,
    upload,
    actor,
    context: RequestContext,
    only: tuple[Kind, ...] = (),
    same_file: str = "",
    windows_text: bool = False,
) -> Document:
    """Check and keep an upload for `owner`; ValidationError({"file": ...}) if refused.
    `only` narrows the kinds allowed (a logo: PNG or JPEG). With `same_file` (a message with
    `{name}`), a file whose SHA-256 matches one `owner` already lists is refused; a withdrawn
    one does not count (checked under a lock on the owner's row, so two at once cannot both
    pass)."""
    name, data, kind = vet(upload, only, windows_text)
    owner_type, owner_id = owner_key(owner)
    sha256 = hashlib.sha256(data).hexdigest()
    document = Document(
        board=board,
        owner_type=owner_type,
        owner_id=owner_id,
        original_name=name,
        stored_name=secrets.token_hex(16),
        content_type=kind.content_type,
        extension=kind.extension,
        size=len(data),
        sha256=sha256,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    path = path_of(document)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{document.stored_name}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    try:
        os.replace(temporary, path)
        with transaction.atomic():
            if same_file:
                _refuse_same_file(owner, sha256, same_file)
            document.save(force_insert=True)
            record(
                "document.upload",
                document,
                actor=actor,
                context=context,
                detail={"owner": owner_type, "type": kind.extension, "size": len(data)},
            )
    except BaseException:
        temporary.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        raise
    return document


def _refuse_same_file(owner: models.Model, sha256: str, message: str) -> None:
    """Inside the storing transaction, with the owner's row locked: of two uploads of one
    file at the same moment, the second waits for the first and is then refused."""
    type(owner).objects.select_for_update().filter(pk=owner.pk).exists()
    already = documents_of(owner).filter(sha256=sha256).first()
    if already is not None:
        raise ValidationError({"file": message.format(name=already.original_name)})


def open_for_download(document: Document, *, actor, context: RequestContext):
    """The open file, after recording the export (one event)."""
    handle = path_of(document).open("rb")
    record("export", document, detail={"owner": document.owner_type}, actor=actor, context=context)
    return handle


def attachment(document: Document, *, actor, context: RequestContext) -> FileResponse:
    """A stored file as a download the browser never renders or caches (one export event):
    how an uploaded or rendered file leaves the service to a signed-in reader."""
    response = FileResponse(
        open_for_download(document, actor=actor, context=context),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def latest_of(owner: models.Model, kinds: tuple[Kind, ...]) -> Document | None:
    """The newest document of `owner` of one of `kinds` (a board's current logo)."""
    return (
        documents_of(owner)
        .filter(extension__in=[k.extension for k in kinds])
        .order_by("-uploaded_at", "-id")
        .first()
    )


def read_bytes(document: Document) -> bytes:
    """The stored file's content, for use inside the service (a logo in a rendered
    document); a download goes through open_for_download, which records the export."""
    return path_of(document).read_bytes()
