"""The report drafts' writes: starting a report, saving a new version of its narrative
sections (optimistic locking on the report), re-assembling from the review's data, and
comments per section. A version is never changed once saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.reviews.models import Review

from . import report_signoff, wording
from .models import Report, ReportComment, ReportKind, ReportStage, ReportVersion
from .report_assembly import assemble, sections_of

STALE = (
    "Someone else saved a new version of this report while you were editing it. Your text "
    "is below, not saved: compare it with the latest version and save again."
)
BOARD_SIGNED = (
    "The board has signed off this report: withdraw the board's sign-off (with a reason) "
    "before changing it."
)
UNCHANGED = "You have not changed any section"


def latest(report: Report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def _new_version(report: Report, sections: list[dict], *, actor, note: str) -> ReportVersion:
    number = (latest(report).number if latest(report) else 0) + 1
    return ReportVersion.objects.create(
        report=report,
        number=number,
        sections=sections,
        note=note,
        created_by=actor,
        created_at=timezone.now(),
    )


def _bump(report: Report, lock_version: int) -> None:
    """Take the report's lock; a stale lock version is refused."""
    fresh = Report.objects.select_for_update().get(pk=report.pk)
    if fresh.stage == ReportStage.BOARD_SIGNED:
        raise ValidationError(BOARD_SIGNED)
    if fresh.lock_version != lock_version:
        raise ValidationError(STALE)
    # A new version needs the sign-offs again (the page says so).
    Report.objects.filter(pk=report.pk).update(
        lock_version=lock_version + 1, stage=ReportStage.DRAFTING
    )
    report.lock_version = lock_version + 1
    report.stage = ReportStage.DRAFTING


def start(review: Review, kind: str, *, actor, context: RequestContext) -> Report:
    """The report of this kind with its first version assembled from the review's data."""
    if kind not in ReportKind.values:
        raise ValidationError("Choose the overview report or the executive summary")
    try:
        with transaction.atomic():
            report = Report.objects.create(review=review, kind=kind)
            version = _new_version(
                report, assemble(review, kind), actor=actor, note="Assembled from the review"
            )
            record(
                "report.start",
                report,
                actor=actor,
                context=context,
                detail={"review": str(review.pk), "kind": kind, "version": version.number},
            )
    except IntegrityError:
        raise ValidationError("This report has already been started") from None
    return report


def save_version(
    report: Report,
    *,
    actor,
    context: RequestContext,
    texts: dict[str, str],
    lock_version: int,
    note: str = "",
) -> ReportVersion:
    """A new version with the narrative sections as written in `texts`."""
    with transaction.atomic():
        current = latest(report)
        narrative = {s.key for s in sections_of(report.kind) if not s.assembled}
        sections = [
            {**s, "text": _clean(texts.get(s["key"], s["text"]))}
            if s["key"] in narrative
            else dict(s)
            for s in current.sections
        ]
        if sections == current.sections:
            raise ValidationError(UNCHANGED)
        _bump(report, lock_version)
        version = _new_version(report, sections, actor=actor, note=note.strip())
        report_signoff.reopen(report, actor=actor, context=context)
        record(
            "report.save",
            report,
            actor=actor,
            context=context,
            detail={"version": version.number, "kind": report.kind},
        )
    return version


def _clean(text: str) -> str:
    return "\n".join(
        line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")
    ).strip()


def reassemble(
    report: Report, *, actor, context: RequestContext, lock_version: int
) -> ReportVersion:
    """A new version with the assembled sections built again from the review's data; the
    narrative text is kept."""
    with transaction.atomic():
        current = latest(report)
        _bump(report, lock_version)
        version = _new_version(
            report,
            assemble(report.review, report.kind, current.sections),
            actor=actor,
            note="Re-assembled from the review's data",
        )
        report_signoff.reopen(report, actor=actor, context=context)
        record(
            "report.reassemble",
            report,
            actor=actor,
            context=context,
            detail={"version": version.number, "kind": report.kind},
        )
    return version


def wording_findings(version: ReportVersion) -> dict[str, list[wording.Finding]]:
    """The wording checks (19.2) on each narrative section, by section key."""
    return {
        s["key"]: found
        for s in version.sections
        if not s.get("assembled") and (found := wording.check(s["text"]))
    }


def add_comment(
    version: ReportVersion, *, actor, context: RequestContext, section_key: str, text: str
) -> ReportComment:
    if section_key not in {s["key"] for s in version.sections}:
        raise ValidationError({"section_key": "Choose a section of this version"})
    with transaction.atomic():
        comment = ReportComment.objects.create(
            version=version,
            section_key=section_key,
            text=text.strip(),
            author=actor,
            created_at=timezone.now(),
        )
        record(
            "report.comment",
            comment,
            actor=actor,
            context=context,
            board_id=version.report.review.board_id,
            detail={"version": version.number, "section": section_key},
        )
    return comment


def resolve_comment(comment: ReportComment, *, actor, context: RequestContext) -> None:
    with transaction.atomic():
        updated = ReportComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=actor
        )
        if not updated:
            raise ValidationError("This comment is already resolved")
        record(
            "report.comment_resolve",
            comment,
            actor=actor,
            context=context,
            board_id=comment.version.report.review.board_id,
            detail={"section": comment.section_key},
        )


def comments_of(report: Report):
    """Every comment on any version of the report, open first."""
    return (
        ReportComment.objects.filter(version__report=report)
        .select_related("author", "resolved_by", "version")
        .order_by("resolved_at", "created_at")
    )
