"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile


def _report(review, world):
    from casereview.reviews.models import AgencyReport, ReportStatus
    from conftest import chronology_entry

    agency = review.board.agencies.first()
    if not review.chronology_entries.filter(agency=agency).exists():
        chronology_entry(review, agency)  # so that the report can be submitted
    report, _ = AgencyReport.objects.get_or_create(
        review=review,
        agency=agency,
        defaults={
            "requested_on": date(2026, 3, 12),
            "due_on": date(2026, 5, 12),
            # Submitted, so that the panel chair's decision URL has something to decide.
            "status": ReportStatus.SUBMITTED,
            "submitted_on": date(2026, 5, 1),
        },
    )
    return report


def _item(review, world):
    return {"item_pk": _report(review, world).pk}


def _document(review, world):
    from casereview.audit.context import SYSTEM
    from casereview.documents.services import store

    report = _report(review, world)
    document = store(
        board=review.board,
        owner=report,
        upload=SimpleUploadedFile("minutes.txt", b"Panel minutes\n"),
        actor=world.outsider,
        context=SYSTEM,
    )
    return {"item_pk": report.pk, "document_pk": document.pk}


ITEMS: dict = {
    "reviews:report": _item,
    "reviews:report_submit": _item,
    "reviews:report_autosave": _item,
    "reviews:report_download": _item,
    "reviews:report_decide": _item,
    "reviews:report_upload": _item,
    "reviews:report_document": _document,
    "reviews:report_document_withdraw": _document,
}
