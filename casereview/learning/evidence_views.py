"""An evidence file of a progress update, downloaded from the action's page: for whoever
reads the action (section.learning; an agency author, their agency's actions), recorded as
an `export` of the document; anything else is 404 (audited)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponseNotAllowed

from casereview.accounts.access import get_for
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.documents import services as documents
from casereview.documents.models import Document
from casereview.reviews.lookup import review_for

from .models import Action, ProgressUpdate

READ = "section.learning"


def update_evidence(request, pk, item_pk, update_pk, document_pk):
    review = review_for(request, pk, READ)
    action = get_for(request, Action.objects.filter(review=review), item_pk, READ, scope=READ)
    update = get_for(
        request,
        ProgressUpdate.objects.filter(action=action, withdrawn_at__isnull=True),
        update_pk,
        READ,
        scope=READ,
    )
    # After the lookups: what the user may not see is 404 whatever the method.
    unsafe = request.method not in ("GET", "HEAD")
    if unsafe and documents.documents_of(update).filter(pk=document_pk).exists():
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return send_evidence(request, update, document_pk)


def send_evidence(request, update: ProgressUpdate, document_pk) -> FileResponse:
    """One evidence file of an update the user reads (already looked up through the
    permission layer): the page's download and the API's. 404 (audited) if not the
    update's."""
    document = documents.documents_of(update).filter(pk=document_pk).first()
    if document is None:
        record(
            "deny",
            Document,
            Outcome.NOT_FOUND,
            object_id=str(document_pk),
            board_id=update.review.board_id,
            actor=request.user,
            context=context_of(request),
        )
        raise Http404
    return documents.attachment(document, actor=request.user, context=context_of(request))
