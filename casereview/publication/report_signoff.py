"""The panel's and the board's sign-off of a report's version, and their withdrawal with a
reason. The overview report's sign-offs move the review: the panel's to panel sign-off, the
board's to board sign-off, which completes the review (the obligation `review_completed`
reads the review's arrival there, reviews/checks.py). After the board's sign-off is
committed, `signals.board_signed_off` is sent (the national store listens)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.lib.date_rules import DateRule, check_dates
from casereview.reviews import lifecycle
from casereview.reviews.dates import review_bounds
from casereview.reviews.models import Review, ReviewStatus

from . import quality, signals
from .models import Report, ReportKind, ReportStage, ReportVersion, SignOff, SignOffBy

S = ReviewStatus
SIGNED_DATES = {"signed_on": DateRule("Date signed off", after_notification=True)}
# A sign-off approves a version that exists: not before the day that version was saved; and
# the board signs off what the panel signed off first: not before the panel's sign-off.
VERSION_SIGNED_DATES = {
    "signed_on": DateRule("Date signed off", after=("saved_on", "the day this version was saved"))
}
BOARD_SIGNED_DATES = {
    "signed_on": DateRule("Date signed off", after=("panel_on", "the panel's sign-off"))
}
AFTER_BOARD = (S.PUBLISHED, S.MONITORING, S.CLOSED)


def current(report: Report, by: str, version: ReportVersion | None = None) -> SignOff | None:
    """The sign-off by `by` of the report's latest version (or `version`), if it stands."""
    version = version or report.versions.order_by("-number").first()
    if version is None:
        return None
    return (
        report.sign_offs.filter(by=by, version=version, withdrawn_at__isnull=True)
        .select_related("signed_by")
        .first()
    )


def _status(report: Report) -> str:
    return Review.objects.values_list("status", flat=True).get(pk=report.review_id)


def _moves_review(report: Report) -> bool:
    return report.kind == ReportKind.OVERVIEW


def _follow(report: Report, to: str, *, actor, context, reason: str) -> None:
    """Move the review with the overview report's sign-off, when the move is open."""
    review = Review.objects.get(pk=report.review_id)
    if not _moves_review(report) or review.status == to:
        return
    if to in {m.to for m in lifecycle.MOVES[review.status]}:
        lifecycle.move(review, to=to, actor=actor, context=context, reason=reason)


def reopen(report: Report, *, actor, context: RequestContext) -> None:
    """A new version of the overview after the panel signed: the review is back in drafting
    (the panel signs the new version again). Called in the saving transaction."""
    review = Review.objects.get(pk=report.review_id)
    if _moves_review(report) and review.status == S.PANEL_SIGN_OFF:
        lifecycle.move(
            review,
            to=S.OVERVIEW_DRAFTING,
            actor=actor,
            context=context,
            reason="A new version of the overview report needs the panel's sign-off again",
        )


def panel_blockers(report: Report) -> list[str]:
    """Why the panel cannot sign the latest version now (empty when it can)."""
    reasons = []
    if current(report, SignOffBy.PANEL):
        reasons.append("The panel has already signed off this version")
    missing = quality.missing(report.review)
    if missing:
        reasons.append(
            "Complete the panel's quality self-assessment first: "
            f"{len(missing)} marker{'s' if len(missing) != 1 else ''} not rated"
        )
    status = _status(report)
    if _moves_review(report) and status not in (S.OVERVIEW_DRAFTING, S.PANEL_SIGN_OFF):
        reasons.append(
            f"The review is at {S(status).label.lower()}: the panel signs off the overview "
            "report at the overview drafting stage"
        )
    return reasons


def board_blockers(report: Report) -> list[str]:
    reasons = []
    if current(report, SignOffBy.BOARD):
        reasons.append("The board has already signed off this version")
    elif not current(report, SignOffBy.PANEL):
        reasons.append("The panel signs off this version first")
    status = _status(report)
    if _moves_review(report) and current(report, SignOffBy.PANEL) and status != S.PANEL_SIGN_OFF:
        reasons.append(
            f"The review is at {S(status).label.lower()}, not at panel sign-off: look at the "
            "review's stage"
        )
    return reasons


def check_signed_on(signed_on: date, version: ReportVersion, by: str) -> None:
    """Refuse a sign-off dated before its version was saved, or a board's sign-off dated
    before the panel's sign-off of the same version (a field-level ValidationError)."""
    saved_on = timezone.localdate(version.created_at)
    check_dates({"signed_on": signed_on, "saved_on": saved_on}, VERSION_SIGNED_DATES)
    panel = current(version.report, SignOffBy.PANEL, version) if by == SignOffBy.BOARD else None
    if panel is not None:
        check_dates({"signed_on": signed_on, "panel_on": panel.signed_on}, BOARD_SIGNED_DATES)


def _sign(
    report: Report, by: str, *, actor, context, signed_on: date, lock_version: int
) -> SignOff:
    check_dates({"signed_on": signed_on}, SIGNED_DATES, review_bounds(report.review))
    problems = panel_blockers(report) if by == SignOffBy.PANEL else board_blockers(report)
    if problems:
        raise ValidationError(problems)
    version = report.versions.order_by("-number").first()
    check_signed_on(signed_on, version, by)
    updated = Report.objects.filter(pk=report.pk, lock_version=lock_version).update(
        stage=ReportStage.PANEL_SIGNED if by == SignOffBy.PANEL else ReportStage.BOARD_SIGNED
    )
    if not updated:
        raise ValidationError(
            "A new version of the report was saved while you were reading it: check it "
            "before signing it off"
        )
    sign_off = SignOff.objects.create(
        report=report,
        version=version,
        by=by,
        signed_by=actor,
        signed_on=signed_on,
        recorded_at=timezone.now(),
    )
    record(
        f"report.sign_{by}",
        report,
        actor=actor,
        context=context,
        detail={"version": version.number, "kind": report.kind, "sign_off": str(sign_off.pk)},
    )
    return sign_off


def sign_panel(
    report: Report, *, actor, context: RequestContext, signed_on, lock_version
) -> SignOff:
    with transaction.atomic():
        sign_off = _sign(
            report,
            SignOffBy.PANEL,
            actor=actor,
            context=context,
            signed_on=signed_on,
            lock_version=lock_version,
        )
        _follow(
            report,
            S.PANEL_SIGN_OFF,
            actor=actor,
            context=context,
            reason="The panel signed off the overview report",
        )
    return sign_off


def sign_board(
    report: Report, *, actor, context: RequestContext, signed_on, lock_version
) -> SignOff:
    with transaction.atomic():
        sign_off = _sign(
            report,
            SignOffBy.BOARD,
            actor=actor,
            context=context,
            signed_on=signed_on,
            lock_version=lock_version,
        )
        _follow(
            report,
            S.BOARD_SIGN_OFF,
            actor=actor,
            context=context,
            reason="The board signed off the overview report: the review is complete",
        )
        review = Review.objects.get(pk=report.review_id)
        transaction.on_commit(
            lambda: signals.board_signed_off.send(
                sender=Report, review=review, report=report, actor=actor
            )
        )
    return sign_off


def withdraw(sign_off: SignOff, *, actor, context: RequestContext, reason: str) -> None:
    """A sign-off given in error: kept, withdrawn with the reason; the report (and for the
    overview, the review) goes back a step."""
    report = sign_off.report
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the sign-off is withdrawn"})
    with transaction.atomic():
        if sign_off.withdrawn_at is not None:
            raise ValidationError("This sign-off has already been withdrawn")
        if sign_off.by == SignOffBy.PANEL and current(report, SignOffBy.BOARD, sign_off.version):
            raise ValidationError("Withdraw the board's sign-off of this version first")
        if _moves_review(report) and _status(report) in AFTER_BOARD:
            raise ValidationError(
                "The review has moved past the board's sign-off (published): its sign-off "
                "can no longer be withdrawn here"
            )
        SignOff.objects.filter(pk=sign_off.pk).update(
            withdrawn_at=timezone.now(), withdrawn_reason=reason.strip()
        )
        latest = report.versions.order_by("-number").first()
        if sign_off.version_id == latest.pk:
            back = (
                ReportStage.PANEL_SIGNED if sign_off.by == SignOffBy.BOARD else ReportStage.DRAFTING
            )
            Report.objects.filter(pk=report.pk).update(
                stage=back, lock_version=F("lock_version") + 1
            )
            _follow(
                report,
                S.PANEL_SIGN_OFF if sign_off.by == SignOffBy.BOARD else S.OVERVIEW_DRAFTING,
                actor=actor,
                context=context,
                reason=f"The {sign_off.get_by_display().lower()}'s sign-off was withdrawn: "
                f"{reason.strip()}",
            )
        record(
            f"report.withdraw_{sign_off.by}",
            report,
            actor=actor,
            context=context,
            detail={"version": sign_off.version.number, "sign_off": str(sign_off.pk)},
        )


# Published only through the publication page, which runs the gate (gate.py).
PUBLISH_ELSEWHERE = (
    "Publish from the review's publication page: it checks, each with the clause it comes "
    "from, that no identifier is left in the file, that the panel and the board have signed "
    "off, that the family has been told of the publication, that no parallel process holds "
    "it and, where the procedure asks for notice before publication, that the notice period "
    "has passed"
)


def move_rule(review: Review, to: str, by_hand: bool = False) -> list[str]:
    """Registered with the review's lifecycle: once the overview report is drafted here,
    the review reaches (or leaves) the sign-off stages only through its sign-offs."""
    if by_hand and to == S.PUBLISHED:
        return [PUBLISH_ELSEWHERE]
    report = Report.objects.filter(review=review, kind=ReportKind.OVERVIEW).first()
    if report is None:
        return []
    page = "on the overview report's sign-off page"
    if to == S.PANEL_SIGN_OFF and not current(report, SignOffBy.PANEL):
        return [f"The panel signs off the latest version of the overview report first ({page})"]
    if to == S.BOARD_SIGN_OFF and not current(report, SignOffBy.BOARD):
        return [f"The board signs off the overview report ({page})"]
    if review.status == S.BOARD_SIGN_OFF and to != S.PUBLISHED and current(report, SignOffBy.BOARD):
        return [f"Withdraw the board's sign-off, with a reason, {page}"]
    if to == S.OVERVIEW_DRAFTING and current(report, SignOffBy.PANEL):
        return [f"Withdraw the panel's sign-off, with a reason, {page}"]
    return []
