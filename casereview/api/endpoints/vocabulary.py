"""The national vocabulary (learning/vocabulary.py): every axis's codes in the current
version, retired ones included so old records stay readable. Not case data: any valid token
reads it."""

from __future__ import annotations

from ninja import Query, Router, Schema
from pydantic import Field

from casereview.learning import vocabulary

from ..representations import term_data
from ..schemas import VocabularyOut, choice
from .common import READ_ERRORS, respond

router = Router(tags=["themes"])


class VocabularyFilter(Schema):
    axis: choice(vocabulary.AXES) | None = Field(None, description="Only this axis's codes")


@router.get(
    "/themes",
    response={200: VocabularyOut, **READ_ERRORS},
    url_name="vocabulary",
    summary="The national vocabulary: version, and each code's axis and label",
)
def vocabulary_list(request, filters: Query[VocabularyFilter]):
    terms = [t for t in vocabulary.TERMS if filters.axis in (None, t.axis)]
    return respond(
        request,
        {
            "version": vocabulary.VERSION,
            "fingerprint": vocabulary.fingerprint(),
            "items": [term_data(t) for t in terms],
        },
    )
