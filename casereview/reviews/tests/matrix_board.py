"""The objects the access matrices (tests/matrix.py) need for the board's own Word
templates: a kind, and a version uploaded on the review's board."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.audit.context import SYSTEM
from casereview.documents.tests.corpus import word
from casereview.reviews import word_templates


def _version(review, world) -> dict:
    template = word_templates.upload(
        review.board,
        actor=review.notification.created_by,
        context=SYSTEM,
        kind="terms_of_reference",
        upload=SimpleUploadedFile("terms.docx", word("{{ board.name }}: terms of reference")),
    )
    return {"item_pk": template.pk}


def _kind(review, world) -> dict:
    return {"template": "terms_of_reference"}


ITEMS: dict = {
    "reviews:word_template": _kind,
    "reviews:word_template_default": _kind,
    "reviews:word_template_upload": _kind,
    "reviews:word_template_revert": _kind,
    "reviews:word_template_file": _version,
    "reviews:word_template_use": _version,
}
