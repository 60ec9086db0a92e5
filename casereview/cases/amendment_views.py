"""Pages that correct a notification's records with a reason, and the case's history of
corrections."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from casereview.accounts.access import get_for, require
from casereview.audit.context import context_of
from casereview.lib.forms import submitted

from . import corrections
from .amendment_forms import (
    ChildCorrectionForm,
    NotificationCorrectionForm,
    PersonCorrectionForm,
    ReasonForm,
    RedecisionForm,
    TaskCorrectionForm,
)
from .amendments import changes_of, history_for
from .dates import case_bounds
from .models import Person, PersonKind, Task, TaskKind
from .screening import screen_notification
from .views import _notification


def _page(request, n, form, *, title: str, intro: str = "", button: str = "Save the correction"):
    return render(
        request,
        "cases/amend_form.html",
        {"n": n, "form": form, "title": title, "intro": intro, "button": button},
    )


def notification_correct(request, pk):
    n = _notification(request, pk, "notification.edit")
    form = NotificationCorrectionForm(request.POST or None, notification=n)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_notification(
            n,
            actor=request.user,
            context=context_of(request),
            fields=form.notification_fields(),
            agencies=form.cleaned_data["agencies"],
            key_dates=form.cleaned_data["key_dates"],
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        messages.success(request, "The notification is corrected; its earlier version is kept")
        return redirect("cases:detail", pk=n.pk)
    return _page(
        request,
        n,
        form,
        title="Correct the notification",
        intro="Correct what was recorded about the incident. The earlier version is kept "
        "with who corrected it, when and why; deadlines follow the corrected facts.",
    )


def _person(request, n, person_pk) -> Person:
    return get_for(request, Person.objects.filter(notification=n), person_pk, "people.edit")


def person_edit(request, pk, person_pk):
    """An entry of the people register is corrected with a reason; the earlier one is kept."""
    n = _notification(request, pk, "people.edit")
    person = _person(request, n, person_pk)
    form_class = ChildCorrectionForm if person.kind == PersonKind.CHILD else PersonCorrectionForm
    form = form_class(request.POST or None, instance=person)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_person(
            person,
            actor=request.user,
            context=context_of(request),
            values={name: getattr(form.instance, name) for name in form._meta.fields},
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        messages.success(request, "The people register is corrected; the earlier entry is kept")
        return redirect("cases:detail", pk=n.pk)
    return render(
        request,
        "cases/person_form.html",
        {"form": form, "n": n, "person": person, "created": False, "correcting": True},
    )


def person_remove(request, pk, person_pk):
    n = _notification(request, pk, "people.edit")
    person = _person(request, n, person_pk)
    if person.kind == PersonKind.CHILD:
        return render(
            request,
            "cases/amend_form.html",
            {"n": n, "title": "Remove from the register", "refused": corrections.CHILD_NOT_REMOVED},
        )
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.remove_person(
            person,
            actor=request.user,
            context=context_of(request),
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        messages.success(request, "Removed from the register; the entry is kept in its history")
        return redirect("cases:detail", pk=n.pk)
    return _page(
        request,
        n,
        form,
        title=f"Remove {person.full_name} from the register",
        intro="Only for a person entered in error. The entry is kept, marked removed with "
        "your reason, and no longer counts for the procedure.",
        button="Remove from the register",
    )


def task_correct(request, pk, task_pk):
    n = _notification(request, pk)
    task = get_for(request, Task.objects.filter(notification=n).select_related("agency"), task_pk)
    require(
        request, "task.complete" if task.kind == TaskKind.OTHER_CHILDREN else "records.secure", task
    )
    if not task.is_done:
        return redirect("cases:task", pk=n.pk, task_pk=task.pk)
    form = TaskCorrectionForm(
        request.POST or None,
        initial={"done_on": task.done_on, "note": task.note},
        bounds=case_bounds(n),
    )
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_task(
            task, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"Corrected: {task.title}")
        return redirect("cases:detail", pk=n.pk)
    return _page(request, n, form, title=f"Correct: {task.title}")


def decision_revise(request, pk):
    n = _notification(request, pk, "decision.record")
    decision = getattr(n, "decision", None)
    if decision is None:
        return redirect("cases:decision", pk=n.pk)
    form = RedecisionForm(
        request.POST or None,
        bounds=case_bounds(n),
        initial={
            "outcome": decision.outcome,
            "reasons": decision.reasons,
            "dissent": decision.dissent,
            "decided_on": timezone.localdate(),
        },
    )
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.redecide(
            n, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The decision is made again; the earlier decision is kept")
        return redirect("cases:detail", pk=n.pk)
    return render(
        request,
        "cases/decision.html",
        {
            "form": form,
            "n": n,
            "screening": screen_notification(n),
            "recommendation": getattr(n, "panel_recommendation", None),
            "decision": decision,
            "again": True,
        },
    )


def history(request, pk):
    """Every correction of the case's records this user may read, with the earlier values."""
    n = _notification(request, pk)
    record_id = request.GET.get("record", "")[:64]
    rows = [(a, changes_of(a)) for a in history_for(request.user, n, record_id or None)]
    return render(
        request, "cases/history.html", {"n": n, "rows": rows, "one_record": bool(record_id)}
    )
