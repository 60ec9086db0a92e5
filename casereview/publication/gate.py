"""The publication gate (issue 13 item 6): every reason a report cannot be published now,
each with the clause it comes from. Publishing (publishing.py) refuses while any remains,
and the publication page lists them, so that the board sees what is left to do and why."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from casereview.procedure import catalogue, citations, working_days
from casereview.procedure.clocks import Duration
from casereview.reviews.family import duties
from casereview.reviews.models import ContactPurpose, OutboundNotification, Recipient, ReviewStatus

from . import rules
from .models import (
    Rendering,
    RenderStatus,
    Report,
    SignOff,
    SignOffBy,
    TermKind,
    TermStatus,
    in_sentence,
)

LEAK = "leak"
REGISTER_CHANGED = "register_changed"
NOT_RENDERED = "not_rendered"
PARALLEL = "parallel_process"
FAMILY = "family_not_told"
SIGN_OFF = "sign_off_missing"
NOTICE = "notice_not_passed"
NOT_PUBLISHED_UNDER_REGIME = "not_published_under_regime"
STAGE = "not_signed_off_stage"
SIGNED_OFF_STAGES = (
    ReviewStatus.BOARD_SIGN_OFF,
    ReviewStatus.PUBLISHED,
    ReviewStatus.MONITORING,
    ReviewStatus.CLOSED,
)


@dataclass(frozen=True)
class Block:
    code: str
    reason: str
    clause: str


def _published_citation(review) -> str:
    regime = catalogue.version_of(review.regime, review.regime_version)
    for obligation in regime.obligations:
        if obligation.satisfied_by == "executive_summary_published":
            return obligation.citation
    return rules.rule_for(review).clause


def signed_off(report: Report, version, by: str) -> SignOff | None:
    return (
        report.sign_offs.filter(version=version, by=by, withdrawn_at=None)
        .order_by("-recorded_at")
        .first()
    )


def blocks(report: Report, rendering: Rendering | None) -> list[Block]:
    """Why `rendering` (a rendered version of `report`) cannot be published today; empty
    when it can. With no rendering, the report's latest version is judged and its missing
    rendering is a block."""
    review = report.review
    version = rendering.version if rendering else report.versions.order_by("-number").first()
    found: list[Block] = []
    found += _regime(report)
    found += _sign_offs(report, version)
    if review.status not in SIGNED_OFF_STAGES:
        found.append(
            Block(
                STAGE,
                f"The review stands at {review.get_status_display().lower()}: it is published "
                "once the board has signed off its report.",
                citations.for_case(review)["review_completed"],
            )
        )
    found += _rendered(rendering, _published_citation(review))
    found += _register_changed(rendering, _published_citation(review))
    found += _parallel(review)
    found += _family(review)
    found += _notice(report, version)
    return found


def _regime(report: Report) -> list[Block]:
    review = report.review
    rule = rules.rule_for(review)
    if report.kind not in rule.reports:
        return [Block(NOT_PUBLISHED_UNDER_REGIME, f"{rule.why}.", rule.clause)]
    if report.kind == "overview" and not rules.full_report_allowed(review):
        return [
            Block(
                NOT_PUBLISHED_UNDER_REGIME,
                "The full overview report is published only for a review begun on or after "
                "10 June 2010; this review began earlier, so only its executive summary is "
                "published.",
                rule.clause,
            )
        ]
    return []


def _sign_offs(report: Report, version) -> list[Block]:
    clause = citations.for_case(report.review)["review_completed"]
    if version is None:
        return [Block(SIGN_OFF, "The report has no version to sign off yet.", clause)]
    found = []
    for by, who in ((SignOffBy.PANEL, "the review panel"), (SignOffBy.BOARD, "the board")):
        if signed_off(report, version, by) is None:
            found.append(
                Block(
                    SIGN_OFF,
                    f"Version {version.number} has not been signed off by {who}: only the "
                    "version both the panel and the board signed off can be published.",
                    clause,
                )
            )
    return found


def _rendered(rendering: Rendering | None, clause: str) -> list[Block]:
    """`clause`: where publishing the anonymised report comes from, in the review's regime."""
    if rendering is None or rendering.status != RenderStatus.DONE:
        return [
            Block(
                NOT_RENDERED,
                "Make the PDF or Word file of the signed-off version first: the file is what "
                "is checked and published.",
                clause,
            )
        ]
    kinds = dict(TermKind.choices)
    return [
        Block(
            LEAK,
            f"The {rendering.get_format_display()} file still contains an entry of the "
            f"identifier register ({in_sentence(kinds.get(leak['kind'], leak['kind']))}) in its "
            f"{leak['where']}. Correct the report or the register and make the file again.",
            clause,
        )
        for leak in rendering.leaks
    ]


def _register_changed(rendering: Rendering | None, clause: str) -> list[Block]:
    """The file's leak check used the register as it stood when the file was asked for: an
    entry added (or corrected) since was never looked for in it."""
    if rendering is None or rendering.status != RenderStatus.DONE:
        return []
    review = rendering.version.report.review
    changed = review.register_terms.filter(
        status=TermStatus.ACTIVE, added_at__gt=rendering.requested_at
    ).exists()
    if not changed:
        return []
    return [
        Block(
            REGISTER_CHANGED,
            "The identifier register has new entries since this file was made, and the file "
            "was not checked for them: make the file again.",
            clause,
        )
    ]


def _parallel(review) -> list[Block]:
    holds = review.parallel.filter(holds_publication=True, concluded_on__isnull=True)
    clause = _published_citation(review)
    return [
        Block(
            PARALLEL,
            f"Publication waits for the {p.get_kind_display().lower()} to conclude (recorded "
            "as holding publication on the review's parallel processes).",
            clause,
        )
        for p in holds
    ]


def _family(review) -> list[Block]:
    progress = duties.for_review(review).progress(ContactPurpose.PUBLICATION)
    if progress.met:
        return []
    clause = citations.for_case(review)["family_publication"]
    if progress.owed == 0:
        reason = (
            "No one in the family is recorded as owed this duty: record the family members "
            "with parental responsibility, then tell them of the timing and publication."
        )
    else:
        reason = (
            "The family has not all been told of the timing and publication "
            f"({progress.summary()})."
        )
    return [Block(FAMILY, reason, clause)]


def _notice(report: Report, version) -> list[Block]:
    """The regime's notice before publication (WT2018: the final report to the national
    Panel and the Secretary of State at least seven working days before publication)."""
    review = report.review
    regime = catalogue.version_of(review.regime, review.regime_version)
    notice = regime.settings.get("report_before_publication")
    if notice is None:
        return []
    clause = citations.for_case(review)["panel_told_before_publication"]
    days = Duration.parse(notice).amount
    board = signed_off(report, version, SignOffBy.BOARD) if version else None
    since = board.signed_on if board else None
    sent = notices_after(review, since)
    missing = [label for who, label in NOTICE_TO.items() if who not in sent]
    if missing:
        return [
            Block(
                NOTICE,
                f"The final report must go to {' and '.join(missing)} at least {days} working "
                "days before it is published: record the notice on the review's "
                "notifications page once it is sent"
                + (" (after the board's sign-off)." if since else "."),
                clause,
            )
        ]
    calendar = working_days.current()
    ready = calendar.add_working_days(max(sent.values()), days)
    today = timezone.localdate()
    if today < ready:
        return [
            Block(
                NOTICE,
                f"The notice period has not passed: the report was sent on "
                f"{max(sent.values()):%-d %B %Y}, so it can be published from {ready:%-d %B %Y} "
                f"({days} working days).",
                clause,
            )
        ]
    return []


NOTICE_TO = {
    Recipient.NATIONAL_PANEL: "the Child Safeguarding Practice Review Panel",
    Recipient.SECRETARY_OF_STATE: "the Secretary of State",
}


def notices_after(review, since) -> dict:
    """{recipient: the latest date it was sent the report} of the notices to the national
    Panel and the Secretary of State, sent on or after `since` (the board's sign-off)."""
    rows = OutboundNotification.objects.filter(
        notification_id=review.notification_id, recipient__in=list(NOTICE_TO)
    )
    if since is not None:
        rows = rows.filter(sent_on__gte=since)
    sent: dict = {}
    for recipient, on in rows.values_list("recipient", "sent_on"):
        sent[recipient] = max(on, sent.get(recipient, on))
    return sent
