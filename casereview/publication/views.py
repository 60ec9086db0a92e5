"""The review's identifier register page (section.publication; edits: publication.register)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.reviews.lookup import review_for

from . import rules, services
from .forms import CorrectForm, RemoveForm, TermForm
from .models import RegisterTerm, TermStatus

SECTION = "section.publication"
EDIT = "publication.register"


def register(request, pk):
    review = review_for(request, pk, SECTION)
    rows = review.register_terms.visible_to(request.user, SECTION).select_related(
        "added_by", "changed_by"
    )
    return render(
        request,
        "publication/register.html",
        {
            "review": review,
            "active": [t for t in rows if t.status == TermStatus.ACTIVE],
            "closed": [t for t in rows if t.status != TermStatus.ACTIVE],
            "may_edit": can(request.user, EDIT, review),
            "publication_clause": rules.rule_for(review).clause,
        },
    )


@require_POST
def register_build(request, pk):
    review = review_for(request, pk, SECTION)
    require(request, EDIT, review)
    added = services.build_from_people(review, actor=request.user, context=context_of(request))
    messages.success(request, f"{added} entries added from the people register")
    return redirect("publication:register", pk=review.pk)


def term_add(request, pk):
    review = review_for(request, pk, SECTION)
    require(request, EDIT, review)
    form = TermForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: services.add_term(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "Entry added to the register")
        return redirect("publication:register", pk=review.pk)
    return render(
        request, "publication/term_form.html", {"review": review, "form": form, "term": None}
    )


def _term(request, pk, item_pk):
    review = review_for(request, pk, SECTION)
    # Corrected and removed entries are found too: their form says they are closed.
    term = get_for(request, RegisterTerm.objects.filter(review=review), item_pk, scope=SECTION)
    require(request, EDIT, review)
    return review, term


def term_correct(request, pk, item_pk):
    review, term = _term(request, pk, item_pk)
    initial = {
        "value": term.value,
        "role": term.role,
        "aliases": term.aliases,
        "lock_version": term.lock_version,
    }
    form = CorrectForm(request.POST or None, initial=initial)
    ok, _ = submitted(
        request,
        form,
        lambda: services.correct_term(
            term, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "Entry corrected; the old one is kept with your reason")
        return redirect("publication:register", pk=review.pk)
    return render(
        request, "publication/term_form.html", {"review": review, "form": form, "term": term}
    )


def term_remove(request, pk, item_pk):
    review, term = _term(request, pk, item_pk)
    form = RemoveForm(request.POST or None, initial={"lock_version": term.lock_version})
    ok, _ = submitted(
        request,
        form,
        lambda: services.remove_term(
            term, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "Entry removed; it is kept with your reason")
        return redirect("publication:register", pk=review.pk)
    return render(
        request, "publication/term_remove.html", {"review": review, "form": form, "term": term}
    )
