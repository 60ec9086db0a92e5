"""A family letter as a document to print and send (PDF or Word), in the person's
preferred language; the same rule as the letter page (review.manage)."""

from django.http import Http404

from casereview.audit.context import context_of

from .. import printed
from ..lookup import review_for
from . import letters, services
from .views import _member


def letter_download(request, pk, item_pk, template):
    review = review_for(request, pk, "review.manage")
    person = _member(request, review, item_pk)
    if template not in letters.TEMPLATES:
        raise Http404
    outcome = services.letter_for(review, person, template, sender=request.user)
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
