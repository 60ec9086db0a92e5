"""The chronology: each agency's chronology, the entries a user may read (as the timeline:
an agency author reads their agency's entries until the panel shares the integrated
chronology) and the bulk import of one agency's entries (the file import's row checks)."""

from __future__ import annotations

from uuid import UUID

from ninja import Query, Router, Schema
from pydantic import Field

from casereview.accounts.access import get_for, list_for
from casereview.audit.context import context_of
from casereview.chronology import exports
from casereview.chronology.importing.given import EntriesRefused, import_entries
from casereview.chronology.merge import ORDER
from casereview.chronology.models import AgencyChronology, ChronologyEntry
from casereview.chronology.services import agencies_of, chronology_for, integrated
from casereview.chronology.tables import AGENCY_CHRONOLOGIES, counted
from casereview.chronology.tasks import schedule_rebuild
from casereview.reviews.lookup import review_for

from ..paging import Page, PageParams
from ..problems import ApiProblem
from ..representations import agency_chronology_data, entry_data
from ..schemas import (
    AgencyChronologyOut,
    ChronologyEntryOut,
    EntriesImported,
    EntriesIn,
)
from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    ExportParams,
    exported,
    file_tagged,
    listed,
    respond,
    wanted,
)

router = Router(tags=["chronology"])

READ = "section.chronology"
WRITE = "chronology.write"


class EntryFilter(Schema):
    agency: int | None = Field(None, ge=1, le=2**31 - 1, description="Only this agency's entries")


@router.get(
    "/reviews/{pk}/chronologies",
    response={200: Page[AgencyChronologyOut], **READ_ERRORS},
    url_name="chronology_list",
    summary="Each agency's chronology for the review (an agency author: their own)",
)
def chronology_list(request, pk: UUID, page: Query[PageParams], out: Query[ExportParams]):
    review = review_for(request, pk, READ)
    for agency in agencies_of(review):
        chronology_for(review, agency)  # made when first needed, as the web page does
    rows = list_for(request, AgencyChronology, READ).filter(review=review).select_related("agency")
    rows = rows.order_by("agency__name", "id")
    if kind := wanted(out):
        name = "agency-chronologies"
        return exported(
            request, AgencyChronology, counted(rows), kind, AGENCY_CHRONOLOGIES, name, review
        )
    return listed(request, AgencyChronology, rows, page, agency_chronology_data)


@router.get(
    "/reviews/{pk}/chronology/entries",
    response={200: Page[ChronologyEntryOut], **READ_ERRORS},
    url_name="chronology_entry_list",
    summary="The entries of the integrated chronology you may read, in date order",
)
def chronology_entry_list(
    request,
    pk: UUID,
    page: Query[PageParams],
    where: Query[EntryFilter],
    out: Query[ExportParams],
):
    review = review_for(request, pk, READ)
    visible = list_for(request, ChronologyEntry, READ).filter(
        review=review, withdrawn_at__isnull=True
    )
    rows = visible.select_related("agency")
    if where.agency:
        rows = rows.filter(agency_id=where.agency)
    rows = rows.order_by(*ORDER)
    if kind := wanted(out):
        # The integrated chronology's own download (names masked beyond the board, "same
        # event as" and conflicts; the XLSX with its gaps sheet), as the timeline page's.
        response = exports.export(
            review,
            integrated(review),
            rows,
            visible,
            kind,
            user=request.user,
            context=context_of(request),
        )
        return file_tagged(response)
    return listed(request, ChronologyEntry, rows, page, entry_data)


@router.get(
    "/reviews/{pk}/chronology/entries/{entry_pk}",
    response={200: ChronologyEntryOut, **READ_ERRORS},
    url_name="chronology_entry_detail",
)
def chronology_entry_detail(request, pk: UUID, entry_pk: UUID):
    review = review_for(request, pk, READ)
    entry = get_for(
        request,
        ChronologyEntry.objects.filter(review=review).select_related("agency"),
        entry_pk,
        READ,
        scope=READ,
    )
    return respond(request, entry_data(entry))


@router.post(
    "/reviews/{pk}/chronologies/{chronology_pk}/entries",
    response={201: EntriesImported, **WRITE_ERRORS},
    url_name="chronology_import",
    summary="Import entries into one agency's chronology: all or nothing; entries whose "
    "source reference is already imported are skipped",
)
def chronology_import(request, pk: UUID, chronology_pk: UUID, data: EntriesIn):
    review = review_for(request, pk, READ)
    chronology = get_for(
        request,
        AgencyChronology.objects.filter(review=review).select_related("agency", "review"),
        chronology_pk,
        WRITE,
        scope=READ,
    )
    given = [entry.dict() for entry in data.entries]
    try:
        done = import_entries(chronology, given, actor=request.user, context=context_of(request))
    except EntriesRefused as refused:
        raise ApiProblem(
            422,
            "Nothing was imported: correct the entries listed in errors",
            [
                {
                    "pointer": f"/entries/{p['index']}/{p['field']}".rstrip("/"),
                    "detail": p["reason"],
                }
                for p in refused.problems
            ],
        ) from None
    if done["created"]:
        schedule_rebuild(review.pk)
    return respond(
        request, {k: done[k] for k in ("created", "skipped", "context", "skipped_entries")}, 201
    )
