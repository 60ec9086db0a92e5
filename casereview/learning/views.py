"""The review's learning pages: lessons, recommendations with the board's response, and
actions with their progress and verification. Thin: the services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.documents import services as documents
from casereview.lib.forms import apply_validation_error, submitted
from casereview.reviews.lookup import review_for

from . import charts, downloads, rag, services
from .forms import (
    ActionForm,
    LessonForm,
    ProgressForm,
    ReasonForm,
    RecommendationForm,
    ResponseForm,
    VerifyForm,
)
from .models import Action, ActionStatus, Lesson, Recommendation

READ = "section.learning"


# --- Lessons ---------------------------------------------------------------------------


def lessons(request, pk, form=None, status=200):
    review = review_for(request, pk, READ)
    rows = list(
        list_for(request, Lesson, READ)
        .filter(review=review)
        .prefetch_related("tags", "episodes", "entries")
    )
    live = [lesson for lesson in rows if not lesson.withdrawn_at]
    if kind := downloads.wanted(request):
        return downloads.lessons(request, kind, review, live)
    may_write = can(request.user, "learning.write", review)
    if may_write and form is None:
        form = LessonForm(review=review)
    return render(
        request,
        "learning/lessons.html",
        {
            "review": review,
            "lessons": live,
            "withdrawn": [lesson for lesson in rows if lesson.withdrawn_at],
            "may_write": may_write,
            "to_agree": any(lesson.agreed_at is None for lesson in live),
            "form": form,
        },
        status=status,
    )


@require_POST
def lesson_add(request, pk):
    review = review_for(request, pk, READ)
    require(request, "learning.write", review)
    form = LessonForm(request.POST, review=review)

    def save():
        data = form.cleaned_data
        lesson = services.add_lesson(
            review,
            actor=request.user,
            context=context_of(request),
            text=data["text"],
            category=data["category"],
            episodes=data.get("episodes") or (),
            entries=data.get("entries") or (),
        )
        if data.get("theme"):
            services.tag_lesson(
                lesson,
                actor=request.user,
                context=context_of(request),
                code=data["theme"],
                span_start=0,
                span_end=len(lesson.text),
            )
        return lesson

    ok, _ = submitted(request, form, save)
    if ok:
        messages.success(request, "The lesson is recorded")
        return redirect("learning:lessons", pk=review.pk)
    return lessons(request, pk, form=form)


def _lesson(request, review, item_pk, action=READ) -> Lesson:
    return get_for(request, Lesson.objects.filter(review=review), item_pk, action)


def lesson_edit(request, pk, item_pk):
    review = review_for(request, pk, READ)
    lesson = _lesson(request, review, item_pk, "learning.write")
    initial = {
        "text": lesson.text,
        "category": lesson.category,
        "episodes": list(lesson.episodes.all()),
        "entries": list(lesson.entries.all()),
        "lock_version": lesson.lock_version,
    }
    form = LessonForm(request.POST or None, review=review, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_lesson(
                lesson,
                actor=request.user,
                context=context_of(request),
                text=data["text"],
                category=data["category"],
                lock_version=data["lock_version"] or 0,
                episodes=data.get("episodes") or (),
                entries=data.get("entries") or (),
            )
        except services.Conflict as error:
            form.add_error(None, error)
            lesson.refresh_from_db()
            form.data = form.data.copy()
            form.data["lock_version"] = str(lesson.lock_version)
            status = 409
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "The lesson is corrected")
            return redirect("learning:lessons", pk=review.pk)
    return render(
        request,
        "learning/lesson_edit.html",
        {"review": review, "lesson": lesson, "form": form},
        status=status,
    )


def lesson_withdraw(request, pk, item_pk):
    review = review_for(request, pk, READ)
    lesson = _lesson(request, review, item_pk, "learning.write")
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: services.withdraw_lesson(
            lesson, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The lesson is withdrawn; it is kept with your reason")
        return redirect("learning:lessons", pk=review.pk)
    return render(
        request, "learning/lesson_withdraw.html", {"review": review, "lesson": lesson, "form": form}
    )


@require_POST
def lessons_agree(request, pk):
    review = review_for(request, pk, READ)
    require(request, "learning.write", review)
    try:
        count = services.agree_lessons(review, actor=request.user, context=context_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{count} lesson{'' if count == 1 else 's'} agreed; the referring and involved "
            "agencies are told",
        )
    return redirect("learning:lessons", pk=review.pk)


# --- Recommendations and the board's response -------------------------------------------


def recommendations(request, pk, form=None, respond_forms=None, status=200):
    review = review_for(request, pk, READ)
    rows = list(
        list_for(request, Recommendation, READ)
        .filter(review=review, withdrawn_at__isnull=True)
        .select_related("agency", "response")
        .prefetch_related("lessons")
    )
    if kind := downloads.wanted(request):
        return downloads.recommendations(request, kind, review, rows)
    may_write = can(request.user, "learning.write", review)
    may_respond = can(request.user, "learning.respond", review)
    if may_write and form is None:
        form = RecommendationForm(review=review)
    respond_forms = respond_forms or {}
    return render(
        request,
        "learning/recommendations.html",
        {
            "review": review,
            "recommendations": [
                (
                    r,
                    getattr(r, "response", None),
                    respond_forms.get(r.pk)
                    or (ResponseForm(prefix=f"r{r.number}") if may_respond else None),
                )
                for r in rows
            ],
            "may_write": may_write,
            "form": next(
                (f for f in (form, *respond_forms.values()) if f is not None and f.errors), None
            ),
            "add_form": form,
        },
        status=status,
    )


@require_POST
def recommendation_add(request, pk):
    review = review_for(request, pk, READ)
    require(request, "learning.write", review)
    form = RecommendationForm(request.POST, review=review)
    ok, rec = submitted(
        request,
        form,
        lambda: services.add_recommendation(
            review,
            actor=request.user,
            context=context_of(request),
            text=form.cleaned_data["text"],
            level=form.cleaned_data["level"],
            kind=form.cleaned_data["kind"],
            agency=form.cleaned_data["agency"],
            lessons=form.cleaned_data["lessons"],
            types=form.cleaned_data["types"],
            made_on=form.cleaned_data["made_on"],
        ),
    )
    if ok:
        messages.success(request, f"Recommendation {rec.number} is recorded")
        return redirect("learning:recommendations", pk=review.pk)
    return recommendations(request, pk, form=form)


@require_POST
def recommendation_respond(request, pk, item_pk):
    review = review_for(request, pk, READ)
    rec = get_for(
        request, Recommendation.objects.filter(review=review), item_pk, "learning.respond"
    )
    form = ResponseForm(request.POST, prefix=f"r{rec.number}")
    ok, _ = submitted(
        request,
        form,
        lambda: services.respond(
            rec, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(
            request, f"The board's response to recommendation {rec.number} is recorded"
        )
        return redirect("learning:recommendations", pk=review.pk)
    return recommendations(request, pk, respond_forms={rec.pk: form})


# --- Actions ---------------------------------------------------------------------------


def _with_suggestion(actions, today):
    return [
        (
            a,
            rag.suggest(a.status, a.target_date, today),
            rag.is_overdue(a.status, a.target_date, today),
        )
        for a in actions
    ]


def actions(request, pk, form=None):
    review = review_for(request, pk, READ)
    listed = list_for(request, Action, READ).filter(review=review, withdrawn_at__isnull=True)
    rows = list(listed.select_related("owner_agency", "recommendation"))
    if kind := downloads.wanted(request):
        return downloads.actions(request, kind, review, rows)
    today = timezone.localdate()
    may_write = can(request.user, "learning.write", review)
    if may_write and form is None:
        form = ActionForm(review=review)
    return render(
        request,
        "learning/actions.html",
        {
            "review": review,
            "actions": _with_suggestion(rows, today),
            "charts": charts.charts(
                charts.facts(listed), today, review.board_id, review_id=review.pk
            )
            if rows
            else [],
            "may_write": may_write,
            "form": form,
        },
    )


@require_POST
def action_add(request, pk):
    review = review_for(request, pk, READ)
    require(request, "learning.write", review)
    form = ActionForm(request.POST, review=review)

    def save():
        data = dict(form.cleaned_data)
        rec = data.pop("recommendation")
        return services.add_action(rec, actor=request.user, context=context_of(request), **data)

    ok, _ = submitted(request, form, save)
    if ok:
        messages.success(request, "The action is recorded")
        return redirect("learning:actions", pk=review.pk)
    return actions(request, pk, form=form)


def _action(request, review, item_pk, action=READ) -> Action:
    return get_for(
        request,
        Action.objects.filter(review=review).select_related("owner_agency", "recommendation"),
        item_pk,
        action,
    )


def _action_page(request, review, action, *, form=None, verify_form=None, status=200):
    user = request.user
    open_ = action.status != ActionStatus.VERIFIED
    may_update = open_ and can(user, "action.update", action)
    may_verify = action.status == ActionStatus.COMPLETED and can(user, "action.verify", action)
    today = timezone.localdate()
    if may_update and form is None:
        form = ProgressForm(
            initial={
                "status": action.status,
                "rag": action.rag or rag.suggest(action.status, action.target_date, today),
                "lock_version": action.lock_version,
            }
        )
    if may_verify and verify_form is None:
        verify_form = VerifyForm(initial={"lock_version": action.lock_version})
    all_updates = list(action.updates.select_related("written_by"))
    updates = [u for u in all_updates if not u.withdrawn_at]
    # The evidence files of every update, in one query.
    files = documents.documents_of_many(updates)
    return render(
        request,
        "learning/action.html",
        {
            "review": review,
            "action": action,
            "suggested": rag.suggest(action.status, action.target_date, today),
            "overdue": rag.is_overdue(action.status, action.target_date, today),
            "updates": [(u, files.get(str(u.pk), [])) for u in updates],
            "verification": action.verification,
            "withdrawn_updates": [u for u in all_updates if u.withdrawn_at],
            "may_correct": open_
            and not action.withdrawn_at
            and can(user, "learning.write", review),
            "may_unverify": can(user, "action.verify", action),
            "progress_form": form if may_update else None,
            "verify_form": verify_form if may_verify else None,
            "form": next((f for f in (form, verify_form) if f is not None and f.errors), None),
        },
        status=status,
    )


def action_detail(request, pk, item_pk):
    review = review_for(request, pk, READ)
    if request.method != "POST":
        return _action_page(request, review, _action(request, review, item_pk))
    action = _action(request, review, item_pk, "action.update")
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _action_page(request, review, action, form=form)
    data = form.cleaned_data
    try:
        services.update_action(
            action,
            actor=request.user,
            context=context_of(request),
            lock_version=data["lock_version"],
            status=data["status"],
            rag=data["rag"],
            text=data["text"],
            on=data["on"],
            upload=data.get("file"),
        )
    except services.Conflict as error:
        # What is saved now is shown; the form keeps this user's update, with the new
        # version, so that saving again is a deliberate choice.
        form.add_error(None, error)
        action.refresh_from_db()
        form.data = request.POST.copy()
        form.data["lock_version"] = str(action.lock_version)
        if request.FILES.get("file"):
            form.add_error("file", "Select the file again: it was not attached")
        return _action_page(request, review, action, form=form, status=409)
    except ValidationError as error:
        apply_validation_error(form, error)
        return _action_page(request, review, action, form=form)
    messages.success(request, "The progress is recorded")
    return redirect("learning:action", pk=review.pk, item_pk=action.pk)


@require_POST
def action_verify(request, pk, item_pk):
    review = review_for(request, pk, READ)
    action = _action(request, review, item_pk, "action.verify")
    form = VerifyForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.verify(
            action, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The change is verified")
        return redirect("learning:action", pk=review.pk, item_pk=action.pk)
    action.refresh_from_db()
    return _action_page(request, review, action, verify_form=form)
