"""The review's incident coding for the national record (learning/coding.py): read by
whoever reads the learning section, recorded and corrected by `learning.write`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from casereview.accounts.access import require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.audit.services import mark_read
from casereview.lib.forms import apply_validation_error
from casereview.reviews.lookup import review_for

from . import coding as codes
from .forms import IncidentCodingForm
from .services import Conflict
from .views import READ


def _shown(coding) -> dict:
    """The coding's labels, for the summary list."""
    terms = codes.terms_of(coding)
    death = terms["death_category"]
    return {
        "death_category": death.label if death else "",
        "harm_types": [t.label for t in terms["harm_types"]],
        "maltreatment": [t.label for t in terms["maltreatment"]],
    }


def coding(request, pk):
    review = review_for(request, pk, READ)
    if request.method == "POST":
        require(request, "learning.write", review)
    current = codes.coding_for(review)
    if current is not None:
        mark_read(request, current)
    may_write = can(request.user, "learning.write", review)
    signed_off = codes.signed_off(review)
    form = None
    status = 200
    if may_write:
        initial = {
            "death_category": current.death_category if current else "",
            "harm_types": current.harm_types if current else [],
            "maltreatment": current.maltreatment if current else [],
            "lock_version": current.lock_version if current else 0,
        }
        data = request.POST if request.method == "POST" else None
        form = IncidentCodingForm(data, initial=initial, signed_off=signed_off)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            codes.record_coding(
                review,
                actor=request.user,
                context=context_of(request),
                death_category=data["death_category"],
                harm_types=data["harm_types"],
                maltreatment=data["maltreatment"],
                lock_version=data.get("lock_version"),
                reason=data.get("reason", ""),
            )
        except Conflict as error:
            form.add_error(None, error)
            current = codes.coding_for(review)
            form.data = form.data.copy()
            form.data["lock_version"] = str(current.lock_version if current else 0)
            status = 409
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "The review's coding is recorded")
            return redirect("learning:coding", pk=review.pk)
    return render(
        request,
        "learning/coding.html",
        {
            "review": review,
            "coding": current,
            "shown": _shown(current),
            "died": codes.died(review),
            "signed_off": signed_off,
            "form": form,
        },
        status=status,
    )
