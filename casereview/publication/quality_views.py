"""The panel's quality self-assessment page (section.publication; rating: report.assess)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from casereview.accounts.access import require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.procedure import citations
from casereview.reviews.lookup import review_for

from . import quality
from .quality_markers import SOURCE
from .report_forms import QualityForm

SECTION = "section.publication"
ASSESS = "report.assess"


def quality_page(request, pk):
    review = review_for(request, pk, SECTION)
    may_assess = can(request.user, ASSESS, review)
    if request.method == "POST":
        require(request, ASSESS, review)
    lines = quality.lines(review)
    form = (
        QualityForm(request.POST or None, lines=lines, cite=citations.for_case(review))
        if may_assess
        else None
    )
    ok, changed = submitted(
        request,
        form,
        lambda: quality.save(
            review, actor=request.user, context=context_of(request), ratings=form.ratings()
        ),
    )
    if ok:
        messages.success(request, f"{changed} rating{'s' if changed != 1 else ''} saved")
        return redirect("publication:quality", pk=review.pk)
    return render(
        request,
        "publication/quality.html",
        {
            "review": review,
            "lines": lines,
            "missing": quality.missing(review),
            "source": SOURCE,
            "quality_form": form,
            "quality_block": {"review": review, "lines": lines, "source": SOURCE},
            "form": form if form is not None and form.errors else None,
        },
    )
