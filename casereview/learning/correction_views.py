"""Pages to correct what was entered wrongly (learning/corrections.py): a recommendation or
an action corrected with a reason (optimistic locking: a stale form gets 409 with what is
saved now and keeps the user's values) or withdrawn with a reason; the board's response
corrected with a reason; a progress update or a verification withdrawn with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render

from casereview.accounts.access import get_for
from casereview.audit.context import context_of
from casereview.lib.forms import apply_validation_error, submitted
from casereview.reviews.lookup import review_for
from casereview.reviews.models import ReviewStatus

from . import corrections
from .forms import ActionCorrectForm, ReasonForm, RecommendationCorrectForm, ResponseCorrectForm
from .models import Action, Recommendation
from .services import Conflict
from .views import READ, _action


def _rec(request, review, item_pk, action="learning.write") -> Recommendation:
    # A withdrawn one is found too: the service refuses with a message.
    return get_for(request, Recommendation.objects.filter(review=review), item_pk, action)


def _action_of(request, review, item_pk, action="learning.write") -> Action:
    # A withdrawn one is found too: the service refuses with a message.
    return _action(request, review, item_pk, action)


def _correct(request, review, obj, form, save, *, template: str, context: dict, done: str, to):
    """The shared shape of a correction page: save, or show the errors, or on a conflict
    409 with what is saved now and the user's values kept with the new version."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except Conflict as error:
            form.add_error(None, error)
            obj.refresh_from_db()
            form.data = form.data.copy()
            form.data["lock_version"] = str(obj.lock_version)
            status = 409
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return to
    return render(request, template, {"review": review, "form": form, **context}, status=status)


def recommendation_correct(request, pk, item_pk):
    review = review_for(request, pk, READ)
    rec = _rec(request, review, item_pk)
    initial = {
        "text": rec.text,
        "level": rec.level,
        "kind": rec.kind,
        "agency": rec.agency_id,
        "lessons": list(rec.lessons.all()),
        "types": rec.types,
        "made_on": rec.made_on,
        "lock_version": rec.lock_version,
    }
    form = RecommendationCorrectForm(request.POST or None, review=review, initial=initial)

    def save(data):
        corrections.correct_recommendation(
            rec, actor=request.user, context=context_of(request), **data
        )

    return _correct(
        request,
        review,
        rec,
        form,
        save,
        template="learning/recommendation_correct.html",
        context={"rec": rec},
        done=f"Recommendation {rec.number} is corrected",
        to=redirect("learning:recommendations", pk=review.pk),
    )


def recommendation_withdraw(request, pk, item_pk):
    review = review_for(request, pk, READ)
    rec = _rec(request, review, item_pk)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_recommendation(
            rec, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The recommendation is withdrawn; it is kept with your reason")
        return redirect("learning:recommendations", pk=review.pk)
    return render(
        request,
        "learning/withdraw.html",
        {
            "review": review,
            "form": form,
            "title": f"Withdraw recommendation {rec.number}",
            "shown": rec.text,
            "back": ("learning:recommendations", "Recommendations"),
        },
    )


def response_correct(request, pk, item_pk):
    review = review_for(request, pk, READ)
    rec = _rec(request, review, item_pk, "learning.respond")
    response = getattr(rec, "response", None)
    if response is None:
        raise Http404
    form = ResponseCorrectForm(
        request.POST or None,
        initial={
            "kind": response.kind,
            "reasons": response.reasons,
            "responded_on": response.responded_on,
        },
    )
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_response(
            response, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(
            request, f"The board's response to recommendation {rec.number} is corrected"
        )
        return redirect("learning:recommendations", pk=review.pk)
    return render(
        request,
        "learning/response_correct.html",
        {"review": review, "rec": rec, "response": response, "form": form},
    )


def action_correct(request, pk, item_pk):
    review = review_for(request, pk, READ)
    action = _action_of(request, review, item_pk)
    initial = {
        "owner_agency": action.owner_agency_id,
        "owner": action.owner,
        "description": action.description,
        "expected_change": action.expected_change,
        "measure": action.measure,
        "evidence_required": action.evidence_required,
        "target_date": action.target_date,
        "lock_version": action.lock_version,
    }
    form = ActionCorrectForm(request.POST or None, review=review, initial=initial)

    def save(data):
        corrections.correct_action(action, actor=request.user, context=context_of(request), **data)

    return _correct(
        request,
        review,
        action,
        form,
        save,
        template="learning/action_correct.html",
        context={"action": action},
        done="The action is corrected",
        to=redirect("learning:action", pk=review.pk, item_pk=action.pk),
    )


def action_withdraw(request, pk, item_pk):
    review = review_for(request, pk, READ)
    action = _action_of(request, review, item_pk)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_action(
            action, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The action is withdrawn; it is kept with your reason")
        return redirect("learning:actions", pk=review.pk)
    return render(
        request,
        "learning/withdraw.html",
        {
            "review": review,
            "form": form,
            "title": "Withdraw an action",
            "shown": action.description,
            "back": ("learning:actions", "Actions"),
        },
    )


def update_withdraw(request, pk, item_pk, update_pk):
    review = review_for(request, pk, READ)
    action = _action_of(request, review, item_pk, "action.update")
    update = action.updates.filter(pk=update_pk).first()
    if update is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_update(
            update, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The progress update is withdrawn; it is kept with your reason")
        return redirect("learning:action", pk=review.pk, item_pk=action.pk)
    return render(
        request,
        "learning/withdraw.html",
        {
            "review": review,
            "form": form,
            "title": "Withdraw a progress update",
            "shown": update.text,
            "back": ("learning:actions", "Actions"),
            "explain": "The action's status goes back to what its latest remaining update says.",
        },
    )


def verification_withdraw(request, pk, item_pk):
    review = review_for(request, pk, READ)
    action = _action_of(request, review, item_pk, "action.verify")
    verification = action.verifications.order_by(F("withdrawn_at").desc(nulls_first=True)).first()
    if verification is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    was_closed = review.status == ReviewStatus.CLOSED
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_verification(
            verification, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        review.refresh_from_db(fields=["status"])
        reopened = review.status == ReviewStatus.MONITORING and was_closed
        messages.success(
            request,
            "The verification is withdrawn; the action is completed again"
            + (
                "; the review is back in monitoring until the change is verified"
                if reopened
                else ""
            ),
        )
        return redirect("learning:action", pk=review.pk, item_pk=action.pk)
    return render(
        request,
        "learning/withdraw.html",
        {
            "review": review,
            "form": form,
            "title": "Withdraw the verification",
            "shown": verification.evidence,
            "back": ("learning:actions", "Actions"),
            "explain": "The action goes back to completed, awaiting a verification with "
            "evidence of impact."
            + (
                " The review was closed on every change being verified: it goes back to monitoring."
                if was_closed
                else ""
            ),
        },
    )
