"""A family letter as a document to print and send (PDF or Word), in the person's
preferred language; the same rule as the letter page (review.manage)."""

from django.http import FileResponse, Http404

from casereview.audit.context import context_of
from casereview.documents.services import attachment

from .. import printed
from ..lookup import review_for
from . import letters, services, translations
from .views import _member


def letter_download(request, pk, item_pk, template):
    review = review_for(request, pk, "review.manage")
    person = _member(request, review, item_pk)
    if template not in letters.TEMPLATES:
        raise Http404
    outcome = services.letter_for(review, person, template, sender=request.user)
    if outcome.letter is None and outcome.translation is not None:
        document = translations.document_of(outcome.translation)
        if document is None:
            raise Http404
        return serve_document(request, document)
    if outcome.letter is None:
        raise Http404  # no translation: the letter page says what to do instead
    return printed.download(
        printed.family_letter(review, person, outcome),
        request.GET.get("format", "pdf"),
        person,
        board=review.board,
        actor=request.user,
        context=context_of(request),
    )


def serve_document(request, document) -> FileResponse:
    """An uploaded letter translation as an attachment (one export event), served as the
    uploads of agency reports are: never rendered by the browser."""
    return attachment(document, actor=request.user, context=context_of(request))
