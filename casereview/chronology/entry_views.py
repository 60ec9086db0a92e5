"""An agency's chronology: the review's list of agency chronologies, one agency's entries,
entering, correcting and withdrawing an entry, and submitting the chronology to the panel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.lib import tables
from casereview.lib.forms import submitted
from casereview.reviews.lookup import review_for

from . import entries
from .entry_forms import EntryForm, WithdrawForm, initial_of
from .models import AgencyChronology, ChronologyEntry, ChronologyStatus
from .services import agencies_of, chronology_for
from .tables import AGENCY_CHRONOLOGIES, counted

READ = "section.chronology"
WRITE = "chronology.write"
PER_PAGE = 50


def agencies(request, review_id):
    """Every agency's chronology a board reader may see; an agency author sees their own."""
    review = review_for(request, review_id, READ)
    for agency in agencies_of(review):
        chronology_for(review, agency)  # made when first needed
    rows = counted(
        list_for(request, AgencyChronology, READ).filter(review=review).select_related("agency")
    )
    if kind := tables.wanted_format(request):
        return _download(request, kind, review, list(rows.order_by("agency__name", "id")))
    return render(
        request, "chronology/agencies.html", {"review": review, "chronologies": list(rows)}
    )


def _download(request, kind, review, rows):
    record(
        "list",
        AgencyChronology,
        board_id=review.board_id,
        detail={"count": len(rows), "export": kind, "review": str(review.pk)},
        actor=request.user,
        context=context_of(request),
    )
    return AGENCY_CHRONOLOGIES.download(kind, f"{review.reference}-agency-chronologies", rows)


def _chronology(request, review, chronology_id, action=READ) -> AgencyChronology:
    return get_for(
        request,
        AgencyChronology.objects.filter(review=review).select_related("agency"),
        chronology_id,
        action,
        scope=READ,
    )


def agency(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id)
    live = entries.live_entries(chronology).select_related("agency")
    page = Paginator(live, PER_PAGE).get_page(request.GET.get("page"))
    may_write = can(request.user, WRITE, chronology)
    return render(
        request,
        "chronology/agency.html",
        {
            "review": review,
            "chronology": chronology,
            "page": page,
            "entries": page.object_list,
            "total": page.paginator.count,
            "withdrawn": chronology.entries.filter(withdrawn_at__isnull=False).count(),
            "may_write": may_write,
            "may_reopen": chronology.status == ChronologyStatus.SUBMITTED
            and (may_write or can(request.user, "chronology.panel", chronology)),
        },
    )


def _to_agency(chronology):
    return redirect(
        "chronology:agency", review_id=chronology.review_id, chronology_id=chronology.pk
    )


def entry_add(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, WRITE)
    form = EntryForm(request.POST or None)
    ok, entry = submitted(
        request,
        form,
        lambda: entries.add_entry(
            chronology, actor=request.user, context=context_of(request), facts=form.facts()
        ),
    )
    if ok:
        messages.success(
            request, "The entry is added" + (" as context" if entry.is_context else "")
        )
        if "another" in request.POST:
            return redirect(
                "chronology:entry_add", review_id=review.pk, chronology_id=chronology.pk
            )
        return _to_agency(chronology)
    return render(
        request,
        "chronology/entry_form.html",
        {"review": review, "chronology": chronology, "form": form, "entry": None},
    )


def _entry(request, review, chronology, entry_id) -> ChronologyEntry:
    entry = get_for(
        request,
        ChronologyEntry.objects.filter(chronology=chronology),
        entry_id,
        scope=READ,
        action=READ,
    )
    # Writing is checked on the agency's chronology: an entry of another agency is readable
    # once the panel shares the integrated chronology, never writable.
    require(request, WRITE, chronology)
    return entry


def entry_edit(request, review_id, chronology_id, entry_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id)
    entry = _entry(request, review, chronology, entry_id)
    if entry.withdrawn_at is not None:
        return _already_withdrawn(request, chronology)
    needs_reason = chronology.status == ChronologyStatus.SUBMITTED
    if request.method == "POST":
        form = EntryForm(request.POST, needs_reason=needs_reason, editing=True)
    else:
        form = EntryForm(initial=initial_of(entry), needs_reason=needs_reason, editing=True)

    def save():
        version = form.cleaned_data.get("lock_version")
        return entries.edit_entry(
            entry,
            actor=request.user,
            context=context_of(request),
            facts=form.facts(),
            lock_version=entry.lock_version if version is None else version,
            reason=form.cleaned_data.get("reason", ""),
        )

    ok, _ = submitted(request, form, save)
    if ok:
        messages.success(request, "The entry is corrected")
        return _to_agency(chronology)
    entry.refresh_from_db()
    return render(
        request,
        "chronology/entry_form.html",
        {"review": review, "chronology": chronology, "form": form, "entry": entry},
        status=409 if form.has_error("__all__", "conflict") else 200,
    )


def entry_withdraw(request, review_id, chronology_id, entry_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id)
    entry = _entry(request, review, chronology, entry_id)
    if entry.withdrawn_at is not None:
        return _already_withdrawn(request, chronology)
    form = WithdrawForm(request.POST or None, initial={"lock_version": entry.lock_version})
    ok, _ = submitted(
        request,
        form,
        lambda: entries.withdraw_entry(
            entry,
            actor=request.user,
            context=context_of(request),
            reason=form.cleaned_data["reason"],
            lock_version=form.cleaned_data["lock_version"],
        ),
    )
    if ok:
        messages.success(request, "The entry is withdrawn: it is kept with your reason")
        return _to_agency(chronology)
    return render(
        request,
        "chronology/entry_withdraw.html",
        {"review": review, "chronology": chronology, "form": form, "entry": entry},
    )


def _already_withdrawn(request, chronology):
    messages.info(request, "That entry is withdrawn: it is kept with its reason")
    return _to_agency(chronology)


def _move(request, chronology, service, done: str):
    try:
        service(chronology, actor=request.user, context=context_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _to_agency(chronology)


@require_POST
def submit(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id, WRITE)
    return _move(request, chronology, entries.submit, "The chronology is submitted to the panel")


@require_POST
def reopen(request, review_id, chronology_id):
    review = review_for(request, review_id, READ)
    chronology = _chronology(request, review, chronology_id)
    require(request, WRITE, chronology, "chronology.panel")
    return _move(request, chronology, entries.reopen, "The chronology is open again for the agency")
