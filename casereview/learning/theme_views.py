"""A lesson's themes: who assigned each, with what confidence and evidence; a person adds a
theme with its evidence, and confirms or rejects the taggers' suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.reviews.lookup import review_for

from . import suggestions, themes, vocabulary
from .forms import ThemeTagForm
from .models import Lesson
from .views import READ


def lesson_themes(request, pk, item_pk):
    review = review_for(request, pk, READ)
    write = request.method == "POST"
    lesson = get_for(
        request,
        Lesson.objects.filter(review=review),
        item_pk,
        "learning.write" if write else READ,
    )
    may_write = not lesson.withdrawn_at and can(request.user, "learning.write", review)
    form = ThemeTagForm(request.POST or None) if may_write or write else None
    ok, _ = submitted(
        request,
        form,
        lambda: themes.add_tag(
            lesson, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The theme is added with its evidence")
        return redirect("learning:lesson_themes", pk=review.pk, item_pk=lesson.pk)
    tags = [
        (t, vocabulary.BY_CODE.get(t.code), lesson.text[t.span_start : t.span_end])
        for t in lesson.tags.select_related("assigned_by", "decided_by")
    ]
    pending = themes.pending(lesson) if may_write and suggestions.available() else []
    return render(
        request,
        "learning/lesson_themes.html",
        {
            "review": review,
            "lesson": lesson,
            "tags": tags,
            "available": suggestions.available(),
            "pending": [
                (s, vocabulary.BY_CODE.get(s.code), lesson.text[s.span_start : s.span_end])
                for s in pending
            ],
            "may_write": may_write,
            "form": form,
        },
    )


@require_POST
def lesson_theme_decide(request, pk, item_pk):
    review = review_for(request, pk, READ)
    lesson = get_for(request, Lesson.objects.filter(review=review), item_pk, "learning.write")
    confirm = request.POST.get("decision") == "confirm"
    try:
        themes.decide(
            lesson,
            actor=request.user,
            context=context_of(request),
            code=request.POST.get("code", ""),
            confirm=confirm,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The theme is confirmed" if confirm else "The theme is rejected")
    return redirect("learning:lesson_themes", pk=review.pk, item_pk=lesson.pk)
