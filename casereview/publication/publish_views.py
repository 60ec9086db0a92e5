"""The review's publication page: render the signed-off reports, see the gate's blocks,
publish (review.publish: board chair, board manager) and withdraw with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.documents import services as documents
from casereview.lib.forms import submitted
from casereview.procedure import clocks
from casereview.reviews.lookup import review_for

from . import gate, publishing, rules
from . import rendering as rendering_service
from .models import Publication, Rendering, RenderStatus, Report
from .publish_forms import PublishForm, RenderForm, WithdrawForm
from .tasks import render_report

SECTION = "section.publication"
PUBLISH = "review.publish"
REFRESH_SECONDS = 3


def _rows(request, review):
    rows = []
    for report in list_for(request, Report.objects.filter(review=review), SECTION):
        latest = report.versions.order_by("-number").first()
        renderings = list(
            list_for(
                request, Rendering.objects.filter(version__report=report), SECTION
            ).select_related("version", "document")
        )
        done = next((r for r in renderings if r.status == RenderStatus.DONE), None)
        publications = list(report.publications.all())
        rows.append(
            {
                "report": report,
                "latest": latest,
                "renderings": renderings,
                "candidate": done,
                "blocks": gate.blocks(report, done),
                "publications": publications,
                "published": any(p.withdrawn_at is None for p in publications),
            }
        )
    return rows


def page(request, pk):
    review = review_for(request, pk, SECTION)
    rows = _rows(request, review)
    running = any(
        r.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)
        for row in rows
        for r in row["renderings"]
    )
    return render(
        request,
        "publication/publish/page.html",
        {
            "review": review,
            "rows": rows,
            "may_publish": can(request.user, PUBLISH, review),
            "running": running,
            "refresh": REFRESH_SECONDS,
            "render_form": RenderForm(),
            "retention": rules.retention_for(review),
            "publication_clause": rules.rule_for(review).clause,
        },
    )


def _report(request, review, item_pk) -> Report:
    return get_for(request, Report.objects.filter(review=review), item_pk, SECTION, scope=SECTION)


@require_POST
def render_request(request, pk, item_pk):
    review = review_for(request, pk, SECTION)
    report = _report(request, review, item_pk)
    require(request, PUBLISH, review)
    version = report.versions.order_by("-number").first()
    form = RenderForm(request.POST)
    if version is None or not form.is_valid():
        messages.error(request, "Choose PDF or Word for a report that has a version")
        return redirect("publication:publish_page", pk=review.pk)
    rendering = rendering_service.request(
        version, form.cleaned_data["format"], actor=request.user, context=context_of(request)
    )
    render_report.enqueue(
        str(rendering.pk)
    )  # the request has committed the row (no ATOMIC_REQUESTS)
    messages.success(request, "The file is being made: this page shows when it is ready")
    return redirect("publication:publish_page", pk=review.pk)


def _rendering(request, review, item_pk) -> Rendering:
    return get_for(
        request,
        Rendering.objects.filter(version__report__review=review).select_related(
            "version__report", "document"
        ),
        item_pk,
        SECTION,
        scope=SECTION,
    )


def rendering_download(request, pk, item_pk):
    """The rendered file, for the board to read before publishing (one export event)."""
    review = review_for(request, pk, SECTION)
    rendering = _rendering(request, review, item_pk)
    if rendering.document is None:
        raise Http404
    return documents.attachment(rendering.document, actor=request.user, context=context_of(request))


def publish(request, pk, item_pk):
    review = review_for(request, pk, SECTION)
    rendering = _rendering(request, review, item_pk)
    require(request, PUBLISH, review)
    report = rendering.version.report
    initial = {"title": f"Serious Case Review: {report.get_kind_display().lower()}"}
    retention = rules.retention_for(review)
    form = PublishForm(request.POST or None, initial=initial)
    ok, _ = submitted(
        request,
        form,
        lambda: publishing.publish(
            rendering, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"The {report.get_kind_display().lower()} is published")
        return redirect("publication:publish_page", pk=review.pk)
    return render(
        request,
        "publication/publish/publish.html",
        {
            "review": review,
            "report": report,
            "rendering": rendering,
            "blocks": gate.blocks(report, rendering),
            "form": form,
            "retention": retention,
            "keep_until": clocks.add(timezone.localdate(), retention.duration),
        },
    )


def withdraw(request, pk, item_pk):
    review = review_for(request, pk, SECTION)
    publication = get_for(
        request,
        Publication.objects.filter(report__review=review).select_related("report"),
        item_pk,
        SECTION,
        scope=SECTION,
    )
    require(request, PUBLISH, review)
    form = WithdrawForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: publishing.withdraw(
            publication, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The publication is withdrawn from the public page")
        return redirect("publication:publish_page", pk=review.pk)
    return render(
        request,
        "publication/publish/withdraw.html",
        {"review": review, "publication": publication, "form": form},
    )
