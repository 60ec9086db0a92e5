"""Evidence files of an action's progress update: attach one (multipart, through the
documents service's checks, as the web's progress form does), list them (metadata) and
download one. Reading needs section.learning on the action; attaching, action.update."""

from __future__ import annotations

from uuid import UUID

from ninja import File, Router
from ninja.files import UploadedFile

from casereview.accounts.access import get_for
from casereview.audit.context import context_of
from casereview.documents import services as documents
from casereview.documents import validation
from casereview.documents.models import Document
from casereview.learning import services
from casereview.learning.evidence_views import send_evidence
from casereview.learning.models import Action, ProgressUpdate
from casereview.reviews.lookup import review_for

from ..problems import ApiProblem
from ..schemas import EvidenceOut
from .common import READ_ERRORS, WRITE_ERRORS, file_tagged, respond

router = Router(tags=["learning"])

READ = "section.learning"
WRITE = "action.update"
BASE = "/reviews/{pk}/actions/{item_pk}/progress/{update_pk}/evidence"
# What a stored file can be (its sniffed content type): the download's documented types.
FILE_TYPES = sorted(
    {
        k.content_type.split(";")[0]
        for k in (
            validation.PDF,
            validation.DOCX,
            validation.XLSX,
            validation.PNG,
            validation.JPEG,
            validation.TEXT,
            validation.CSV,
        )
    }
)
BINARY = {"type": "string", "format": "binary"}
# Names of operations that take a file: their request may be as large as a document
# (urls.api_view), not only the JSON body limit.
UPLOADS = {"action_evidence_add"}


def _update(request, pk: UUID, item_pk: UUID, update_pk: UUID, action: str) -> ProgressUpdate:
    review = review_for(request, pk, READ)
    found = get_for(request, Action.objects.filter(review=review), item_pk, action, scope=READ)
    return get_for(
        request,
        ProgressUpdate.objects.filter(action=found, withdrawn_at__isnull=True).select_related(
            "action__review__board"
        ),
        update_pk,
        READ,
        scope=READ,
    )


def evidence_data(update: ProgressUpdate, document: Document) -> dict:
    person = document.uploaded_by
    return {
        "id": str(document.pk),
        "name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "uploaded_at": document.uploaded_at.isoformat(),
        "uploaded_by": person.get_full_name() or person.get_username(),
        "download": f"/api/v1/reviews/{update.review_id}/actions/{update.action_id}/progress/"
        f"{update.pk}/evidence/{document.pk}",
    }


@router.post(
    BASE,
    response={201: EvidenceOut, **WRITE_ERRORS},
    url_name="action_evidence_add",
    summary="Attach a file of evidence to a progress update (multipart/form-data, field "
    "`file`; the same checks as any upload)",
)
def action_evidence_add(
    request, pk: UUID, item_pk: UUID, update_pk: UUID, file: File[UploadedFile] = None
):
    update = _update(request, pk, item_pk, update_pk, WRITE)
    if file is None:
        raise ApiProblem(
            422,
            "Send the file as multipart/form-data",
            [{"pointer": "/file", "detail": "Select a file"}],
        )
    # A refused file is a ValidationError on "file": 422 with the pointer /file.
    document = services.attach_evidence(
        update, actor=request.user, context=context_of(request), upload=file
    )
    data = evidence_data(update, document)  # the stored document, as the service made it
    response = respond(request, data, 201)
    response["Location"] = data["download"]
    return response


@router.get(
    BASE,
    response={200: list[EvidenceOut], **READ_ERRORS},
    url_name="action_evidence_list",
    summary="The evidence files of a progress update (metadata, each with its download)",
)
def action_evidence_list(request, pk: UUID, item_pk: UUID, update_pk: UUID):
    update = _update(request, pk, item_pk, update_pk, READ)
    return respond(request, [evidence_data(update, d) for d in documents.documents_of(update)])


@router.get(
    BASE + "/{document_pk}",
    response={**READ_ERRORS},
    url_name="action_evidence_download",
    summary="Download one evidence file (its sniffed content type; an attachment)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {t: {"schema": BINARY} for t in FILE_TYPES},
            }
        }
    },
)
def action_evidence_download(request, pk: UUID, item_pk: UUID, update_pk: UUID, document_pk: UUID):
    update = _update(request, pk, item_pk, update_pk, READ)
    # The action page's download (learning/evidence_views.py), with the file's ETag.
    return file_tagged(send_evidence(request, update, document_pk))
