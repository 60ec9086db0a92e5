"""A report version rendered for publication (issue 13 item 5): its text anonymised with the
review's identifier register, then made a tagged PDF/UA document (WeasyPrint) or a Word file
from the board's template (docxtpl), kept through the documents module, and read back for the
leak check (leaks.py). Requested on the publication page; run by a background task
(tasks.py), whose status the page shows.

The document names no one: its title is the report's kind only, it has no author, and its
producer and creator are the service's name (casereview/documents/rendering.py)."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import SYSTEM, RequestContext
from casereview.audit.services import record
from casereview.documents import rendering as documents_rendering
from casereview.documents import services as documents
from casereview.documents.validation import DOCX, PDF
from casereview.reviews import printed, word_templates

from . import leaks
from .anonymiser import Anonymiser
from .models import RenderFormat, Rendering, RenderStatus, ReportVersion, SignOffBy
from .services import terms_of

log = logging.getLogger(__name__)
PDF_TEMPLATE = "publication/documents/report.html"
FILE_STEMS = {"overview": "overview-report", "executive_summary": "executive-summary"}


def request(version: ReportVersion, fmt: str, *, actor, context: RequestContext) -> Rendering:
    """A queued rendering of `version` (the caller enqueues the task once this commits)."""
    if fmt not in RenderFormat.values:
        raise ValueError(fmt)
    with transaction.atomic():
        rendering = Rendering.objects.create(
            version=version, format=fmt, requested_by=actor, requested_at=timezone.now()
        )
        record(
            "report.render",
            rendering,
            actor=actor,
            context=context,
            board_id=version.report.review.board_id,
            detail={"report": str(version.report_id), "version": version.number, "format": fmt},
        )
    return rendering


def anonymised_sections(version: ReportVersion, anonymiser: Anonymiser) -> list[dict]:
    """The version's sections as the document templates take them, anonymised."""
    sections = []
    for section in version.sections:
        text = anonymiser.run(section.get("text") or "").text
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        sections.append(
            {
                "heading": anonymiser.run(section.get("title") or "").text,
                "paragraphs": paragraphs,
                "entries": [],
            }
        )
    return sections


def _board_signed_on(version: ReportVersion):
    sign_off = (
        version.report.sign_offs.filter(version=version, by=SignOffBy.BOARD, withdrawn_at=None)
        .order_by("-recorded_at")
        .first()
    )
    return sign_off.signed_on if sign_off else None


def values_of(version: ReportVersion, anonymiser: Anonymiser) -> dict:
    report = version.report
    board = report.review.board
    signed = _board_signed_on(version)
    summary = [{"label": "Version", "value": str(version.number)}]
    if signed:
        summary.append(
            {"label": "Signed off by the board", "value": f"{signed.day} {signed:%B %Y}"}
        )
    return {
        **printed.letterhead(board),
        "title": report.get_kind_display(),
        "subtitle": f"A Serious Case Review commissioned by {board.name}",
        "summary": summary,
        "sections": anonymised_sections(version, anonymiser),
    }


def render_bytes(version: ReportVersion, fmt: str) -> tuple[bytes, Anonymiser]:
    report = version.report
    anonymiser = Anonymiser(terms_of(report.review))
    values = values_of(version, anonymiser)
    title = report.get_kind_display()
    if fmt == RenderFormat.PDF:
        values["logo"] = documents_rendering.logo_data_uri(
            values.pop("logo_bytes"), values.pop("logo_type")
        )
        return documents_rendering.render_pdf(PDF_TEMPLATE, values, title=title), anonymiser
    values.pop("logo_type")
    template = word_templates.template_for(report.review.board, _word_kind(report.kind))
    return documents_rendering.render_docx(template, values, title=title), anonymiser


def _word_kind(kind: str) -> str:
    return "overview_report" if kind == "overview" else "executive_summary"


def leaks_in(data: bytes, fmt: str, review) -> list[dict]:
    parts = leaks.pdf_parts(data) if fmt == RenderFormat.PDF else leaks.docx_parts(data)
    return leaks.find(terms_of(review), parts)


def run(rendering: Rendering) -> Rendering:
    """Render, keep the file and check it; the outcome is on the row (done or failed)."""
    Rendering.objects.filter(pk=rendering.pk).update(status=RenderStatus.RUNNING)
    version = rendering.version
    review = version.report.review
    try:
        data, _ = render_bytes(version, rendering.format)
        found = leaks_in(data, rendering.format, review)
        name = f"{FILE_STEMS[version.report.kind]}-v{version.number}.{rendering.format}"
        with transaction.atomic():
            document = documents.store(
                board=review.board,
                owner=rendering,
                upload=ContentFile(data, name=name),
                actor=rendering.requested_by,
                context=SYSTEM,
                only=(PDF if rendering.format == RenderFormat.PDF else DOCX,),
            )
            rendering.document = document
            rendering.leaks = found
            rendering.status = RenderStatus.DONE
            rendering.finished_at = timezone.now()
            rendering.save(update_fields=["document", "leaks", "status", "finished_at"])
            record(
                "report.rendered",
                rendering,
                actor=rendering.requested_by,
                context=SYSTEM,
                board_id=review.board_id,
                detail={"format": rendering.format, "leaks": found},
            )
    except Exception as error:  # the page says it failed; the log has why
        log.exception("rendering %s failed", rendering.pk)
        rendering.status = RenderStatus.FAILED
        rendering.error = f"The document could not be made ({type(error).__name__})"
        rendering.finished_at = timezone.now()
        rendering.save(update_fields=["status", "error", "finished_at"])
    return rendering
