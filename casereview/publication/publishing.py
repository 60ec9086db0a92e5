"""Publishing a rendered report on the board's public page, and withdrawing it (with a
reason, kept). Publishing is refused while the gate (gate.py) has any block; it moves the
review to its published stage (the first time) and keeps the file public for at least the
regime's minimum period or, where the regime sets none, the board's policy (rules.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.procedure import clocks
from casereview.reviews import lifecycle
from casereview.reviews.models import ReviewStatus

from . import gate, rules
from .anonymiser import Anonymiser
from .models import Publication, Rendering, Report, ReportStage
from .services import terms_of


def active(report: Report):
    return report.publications.filter(withdrawn_at=None)


def _check_public_text(review, **fields: str) -> None:
    """The title and summary shown on the public page carry no register term either."""
    anonymiser = Anonymiser(terms_of(review))
    errors = {
        name: "This contains an entry of the identifier register: use the pseudonym instead"
        for name, value in fields.items()
        if anonymiser.register_hits(value)
    }
    if errors:
        raise ValidationError(errors)


def publish(
    rendering: Rendering, *, title: str, summary: str, actor, context: RequestContext
) -> Publication:
    report = rendering.version.report
    review = report.review
    problems = gate.blocks(report, rendering)
    if problems:
        raise ValidationError([f"{b.reason} ({b.clause})" for b in problems])
    _check_public_text(review, title=title, summary=summary)
    today = timezone.localdate()
    retention = rules.retention_for(review)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if active(locked).exists():
            raise ValidationError(
                "This report is already published: withdraw it first to publish another file"
            )
        publication = Publication.objects.create(
            report=locked,
            rendering=rendering,
            title=title,
            summary=summary,
            published_at=timezone.now(),
            published_by=actor,
            keep_until=clocks.add(today, retention.duration),
            retention_period=retention.period,
            retention_basis=retention.basis,
            retention_clause=retention.clause,
        )
        locked.stage = ReportStage.PUBLISHED
        locked.lock_version += 1
        locked.save(update_fields=["stage", "lock_version"])
        record(
            "report.publish",
            publication,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={
                "report": str(locked.pk),
                "kind": locked.kind,
                "rendering": str(rendering.pk),
                "keep_until": publication.keep_until.isoformat(),
                "kept_for": retention.period,
                "kept_by": retention.basis,
            },
        )
        if review.status == ReviewStatus.BOARD_SIGN_OFF:
            lifecycle.move(
                review,
                to=ReviewStatus.PUBLISHED,
                actor=actor,
                context=context,
                reason=f"{locked.get_kind_display()} published",
            )
    return publication


def withdraw(publication: Publication, *, reason: str, actor, context: RequestContext) -> None:
    """Off the public page at once; the row, its reason and the file are kept."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the publication is withdrawn"})
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError("This publication was already withdrawn")
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason.strip()
        locked.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        report = Report.objects.select_for_update().get(pk=locked.report_id)
        if not active(report).exists():
            report.stage = ReportStage.WITHDRAWN
            report.lock_version += 1
            report.save(update_fields=["stage", "lock_version"])
        record(
            "report.withdraw",
            locked,
            actor=actor,
            context=context,
            board_id=report.review.board_id,
            detail={"report": str(report.pk), "kind": report.kind},
        )
