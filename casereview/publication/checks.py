"""The procedure's checks whose data publication records (discovered by the procedure
catalogue, which loads every app's `checks` module): the reports published, the overview
sent to Ofsted after the board's sign-off, and the final report sent to the national Panel
and the Secretary of State before publication (WT2018)."""

from __future__ import annotations

from django.utils import timezone

from casereview.procedure.registry import Evidence, check, link, shared
from casereview.reviews.batch_reviews import review_ids
from casereview.reviews.checks import outbound, reached
from casereview.reviews.models import Recipient

from .models import Publication, ReportKind, SignOff, SignOffBy


def _publication_page(case) -> str:
    review = getattr(case, "review", None)
    return link("publication:publish_page", review.pk) if review is not None else ""


def _notices_page(case) -> str:
    review = getattr(case, "review", None)
    return link("reviews:notifications", review.pk) if review is not None else ""


def _published(kind: str, label: str):
    """Met by the first publication of the report (withdrawn since or not: it was
    published); a review moved to publication before this app recorded publications counts
    by its history."""

    def fn(cases) -> dict:
        found = reached(cases, label)
        rows = (
            Publication.objects.filter(report__review_id__in=review_ids(cases), report__kind=kind)
            .order_by("published_at")
            .values_list("report__review__notification_id", "report__review_id", "published_at")
        )
        for case_id, review_id, at in rows:
            if case_id not in found or found[case_id].on > timezone.localdate(at):
                found[case_id] = Evidence(
                    timezone.localdate(at), label, link("publication:publish_page", review_id)
                )
        return found

    return fn


check(
    "executive_summary_published",
    "The executive summary was published",
    where=_publication_page,
)(_published(ReportKind.EXECUTIVE_SUMMARY, "Executive summary published"))
check(
    "full_report_published",
    "The full overview report was published",
    where=_publication_page,
)(_published(ReportKind.OVERVIEW, "Full overview report published"))


def _board_signed(cases, kind: str | None) -> dict:
    """{case: the first date the board signed off (a version of) the report}, of the kind
    `kind` or of any kind."""

    def load() -> dict:
        rows = SignOff.objects.filter(
            report__review_id__in=review_ids(cases), by=SignOffBy.BOARD, withdrawn_at=None
        )
        signed: dict = {}
        for case_id, on, report_kind in rows.order_by("signed_on").values_list(
            "report__review__notification_id", "signed_on", "report__kind"
        ):
            signed.setdefault((case_id, None), on)
            signed.setdefault((case_id, report_kind), on)
        return signed

    # Both kinds asked for are read once per batch.
    signed = shared(cases, "board_signed", load)
    return {case_id: on for (case_id, of_kind), on in signed.items() if of_kind == kind}


def _notices(cases, recipients) -> list:
    return [
        (case_id, recipient, on, review_id)
        for case_id, recipient, on, review_id, _ in outbound(cases)
        if recipient in recipients
    ]


@check(
    "overview_sent_to_ofsted",
    "The overview report and executive summary were sent to Ofsted after the board signed "
    "them off (a notice to Ofsted recorded on or after the sign-off)",
    where=_notices_page,
)
def overview_sent_to_ofsted(cases) -> dict:
    signed = _board_signed(cases, ReportKind.OVERVIEW)
    found: dict = {}
    for case_id, _, on, review_id in _notices(cases, [Recipient.OFSTED]):
        if case_id in signed and on >= signed[case_id] and case_id not in found:
            found[case_id] = Evidence(
                on, "Overview report sent to Ofsted", link("reviews:notifications", review_id)
            )
    return found


@check(
    "panel_told_before_publication",
    "The final report was sent to the national Panel and the Secretary of State (notices "
    "recorded on or after the board's sign-off)",
    where=_notices_page,
)
def panel_told_before_publication(cases) -> dict:
    signed = _board_signed(cases, None)
    first: dict = {}
    reviews: dict = {}
    for case_id, recipient, on, review_id in _notices(
        cases, [Recipient.NATIONAL_PANEL, Recipient.SECRETARY_OF_STATE]
    ):
        if case_id in signed and on >= signed[case_id]:
            first.setdefault(case_id, {}).setdefault(recipient, on)
            reviews[case_id] = review_id
    found: dict = {}
    for case_id, sent in first.items():
        if len(sent) == 2:
            found[case_id] = Evidence(
                max(sent.values()),
                "Final report sent to the national Panel and the Secretary of State",
                link("reviews:notifications", reviews[case_id]),
            )
    return found
