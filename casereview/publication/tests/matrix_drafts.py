"""The report drafts' objects for the access-control matrices: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""


def _report(review, world):
    from casereview.audit.context import SYSTEM
    from casereview.publication import report_services
    from casereview.publication.models import Report

    report = Report.objects.filter(review=review, kind="overview").first()
    if report is None:
        actor = world.outsider if world is not None else review.notification.created_by
        report = report_services.start(review, "overview", actor=actor, context=SYSTEM)
    return {"item_pk": report.pk}


ITEMS = {
    name: _report
    for name in (
        "publication:draft",
        "publication:draft_reassemble",
        "publication:draft_diff",
        "publication:draft_comment",
        "publication:draft_comment_resolve",
        "publication:signoff",
        "publication:sign_panel",
        "publication:sign_board",
        "publication:signoff_withdraw",
    )
}


def signable(report, world, by: str) -> None:
    """Make the report ready for the sign-off `by` ("panel", "board", or "withdraw": a
    panel sign-off to withdraw), so that the matrix's owner control succeeds."""
    from django.utils import timezone

    from casereview.audit.context import SYSTEM
    from casereview.publication import report_signoff
    from casereview.publication.models import ReportVersion
    from casereview.publication.tests.helpers import rate_everything
    from casereview.reviews.models import Review, ReviewStatus

    review = Review.objects.get(pk=report.review_id)
    rate_everything(world, review)
    if review.status not in (ReviewStatus.OVERVIEW_DRAFTING, ReviewStatus.PANEL_SIGN_OFF):
        Review.objects.filter(pk=review.pk).update(status=ReviewStatus.OVERVIEW_DRAFTING)
    report.refresh_from_db()
    # The matrix signs off on a fixed day soon after the notification: the version is saved,
    # and the panel signs it off, on the day of the notification (a sign-off is never dated
    # before its version, nor the board's before the panel's).
    notified = review.notification.received_at
    ReportVersion.objects.filter(report=report).update(created_at=notified)
    if by != "panel" and report_signoff.current(report, "panel") is None:
        report_signoff.sign_panel(
            report,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            signed_on=timezone.localdate(notified),
            lock_version=report.lock_version,
        )
        report.refresh_from_db()
