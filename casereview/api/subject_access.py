"""A subject-access export: everything the board holds about one person across its cases
and reviews, as JSON with the attached files, in one ZIP for the data protection officer.

The same person is on the register of each case separately; their rows are matched as the
duplicate check matches a child (cases/duplicates.py): the same NHS number, or the same
names and date of birth, within the board. Only the matched person's own register rows are
included, never another person's; the cases they are on come with their notification, its
review and the review's chronology entries (the DPO redacts third parties' data before
disclosure, a human judgement). One audit event records the export."""

from __future__ import annotations

import io
import json
import zipfile

from django.db.models import Q
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.models import Notification, Person
from casereview.chronology.models import AgencyChronology, ChronologyEntry, ChronologyImport
from casereview.documents import services as documents
from casereview.documents.models import Document
from casereview.reviews.models import AgencyReport, Review

NOTIFICATION_FIELDS = (
    "reference", "status", "received_at", "referrer_name", "referrer_role", "referrer_contact",
    "incident_date", "outcome", "date_of_death", "abuse_neglect", "circumstances",
    "whereabouts_and_carer",
)  # fmt: skip
ENTRY_FIELDS = (
    "occurred_from", "occurred_to", "date_as_written", "source_ref", "practitioner_role",
    "event", "decision", "child_seen", "analysis", "withdrawn_at", "withdrawn_reason",
)  # fmt: skip


def _value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _fields(obj, names) -> dict:
    return {name: _value(getattr(obj, name)) for name in names}


def _person(person: Person) -> dict:
    names = [
        f.attname
        for f in Person._meta.concrete_fields
        if f.attname not in ("board_id", "notification_id")
    ]
    return {**_fields(person, names), "id": str(person.pk)}


def same_person(person: Person):
    """Every register row of the board that is this person (the removed ones included)."""
    match = Q(pk=person.pk)
    if person.nhs_number:
        match |= Q(nhs_number=person.nhs_number)
    if person.date_of_birth:
        match |= Q(
            given_names__iexact=person.given_names.strip(),
            family_name__iexact=person.family_name.strip(),
            date_of_birth=person.date_of_birth,
        )
    return (
        Person.all_objects.filter(board_id=person.board_id)
        .filter(match)
        .order_by("notification__received_at", "pk")
    )


def gather(person: Person) -> tuple[dict, list[Document]]:
    """The export's data and the documents to attach."""
    rows = list(same_person(person))
    notifications = list(
        Notification.objects.filter(pk__in={r.notification_id for r in rows}).order_by(
            "received_at", "reference"
        )
    )
    reviews = list(Review.objects.filter(notification__in=notifications).order_by("opened_at"))
    entries = ChronologyEntry.objects.filter(review__in=reviews).select_related("agency")
    owners = [*rows, *notifications, *reviews]
    owners += list(AgencyReport.objects.filter(review__in=reviews))
    owners += list(AgencyChronology.objects.filter(review__in=reviews))
    owners += list(ChronologyImport.objects.filter(review__in=reviews))
    keys = {documents.owner_key(o) for o in owners}
    by_type: dict[str, set[str]] = {}
    for owner_type, owner_id in keys:
        by_type.setdefault(owner_type, set()).add(owner_id)
    query = Q(pk__in=[])
    for owner_type, ids in by_type.items():
        query |= Q(owner_type=owner_type, owner_id__in=ids)
    files = list(Document.objects.filter(query, board_id=person.board_id).order_by("pk"))
    review_of = {r.notification_id: r for r in reviews}
    data = {
        "generated_at": timezone.now().isoformat(),
        "person": str(person.pk),
        "matched_on": "the same NHS number, or the same names and date of birth, in the board",
        "register_entries": [
            {
                **_person(r),
                "case": next(n.reference for n in notifications if n.pk == r.notification_id),
            }
            for r in rows
        ],
        "cases": [
            {
                **_fields(n, NOTIFICATION_FIELDS),
                "review": (
                    {
                        "reference": review_of[n.pk].reference,
                        "status": review_of[n.pk].status,
                        "opened_at": _value(review_of[n.pk].opened_at),
                        "chronology_entries": [
                            {**_fields(e, ENTRY_FIELDS), "agency": e.agency.name}
                            for e in entries
                            if e.review_id == review_of[n.pk].pk
                        ],
                    }
                    if n.pk in review_of
                    else None
                ),
            }
            for n in notifications
        ],
        "files": [
            {"name": d.original_name, "in_zip": _zip_name(d), "uploaded_at": _value(d.uploaded_at)}
            for d in files
        ],
    }
    return data, files


def _zip_name(document: Document) -> str:
    # The stored id keeps names unique; the original name only after it (never a path).
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in document.original_name)
    return f"files/{document.pk}-{safe[-100:]}"


def export(person: Person, *, actor, context: RequestContext) -> bytes:
    data, files = gather(person)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("subject-access.json", json.dumps(data, indent=2, ensure_ascii=False))
        for document in files:
            archive.writestr(_zip_name(document), documents.read_bytes(document))
    record(
        "subject_access.export",
        person,
        actor=actor,
        context=context,
        detail={
            "register_entries": len(data["register_entries"]),
            "cases": len(data["cases"]),
            "files": len(files),
        },
    )
    return out.getvalue()
