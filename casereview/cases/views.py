from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.models import Board
from casereview.accounts.permissions import ACTIONS, AGENCY_SCOPED, can, grants_of
from casereview.audit.context import context_of
from casereview.audit.lines import describe
from casereview.audit.models import AuditEvent
from casereview.audit.services import record
from casereview.lib import tables
from casereview.lib.forms import apply_validation_error, submitted
from casereview.procedure.engine import sort_for_display

from . import decision_guard, services
from .amendments import amendment_ids, corrected_ids, history_for
from .corrections import decision_to_look_at_again
from .dates import case_bounds
from .duplicates import Match, PossibleDuplicate
from .forms import (
    ChildConsideredForm,
    ChildForm,
    DecisionForm,
    NotificationForm,
    PanelRecommendationForm,
    PersonForm,
    TaskForm,
    referrer_initial,
)
from .models import ChildConsidered, Notification, Person, PersonKind, Task, TaskKind
from .obligation_lines import lines_of
from .screening import screen_notification
from .tables import NOTIFICATIONS


def _notification(request, pk, action: str = "case.view") -> Notification:
    return get_for(
        request,
        Notification.objects.select_related(
            "board", "referrer_agency", "created_by"
        ).prefetch_related(
            "involvements__agency",
            "people",
            "key_dates",
            Prefetch("tasks", queryset=Task.objects.select_related("agency", "completed_by")),
        ),
        pk,
        action,
    )


def notification_list(request):
    notifications = (
        list_for(request, Notification)
        .select_related("board")
        .prefetch_related(Prefetch("people", queryset=Person.objects.filter(kind=PersonKind.CHILD)))
    )
    notifications = notifications.order_by("-received_at", "reference")
    kind = tables.wanted_format(request)
    page = None if kind else tables.page_of(request, notifications)
    count = page.paginator.count if page else notifications.count()
    record(
        "list",
        Notification,
        detail={"count": count, **({"export": kind} if kind else {})},
        actor=request.user,
        context=context_of(request),
    )
    if kind:
        return NOTIFICATIONS.download(kind, "notifications", notifications)
    return render(request, "cases/list.html", {"notifications": page, "page": page})


def notify(request):
    roles = ACTIONS["notification.create"]
    board_ids = {g.board_id for g in grants_of(request.user) if g.role in roles}
    boards = Board.objects.filter(pk__in=board_ids)
    if not boards:
        record(
            "deny",
            Notification,
            "denied",
            detail={"action": "notification.create"},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied
    form = NotificationForm(
        request.POST or None, boards=boards, initial=referrer_initial(request.user, boards)
    )
    duplicates = None
    if request.method == "POST" and form.is_valid():
        board = form.cleaned_data["board"]
        agencies = list(form.cleaned_data["agencies"])
        own = [
            g.agency_id
            for g in grants_of(request.user)
            if g.board_id == board.pk and g.role in AGENCY_SCOPED and g.role in roles
        ]
        # An agency author's own agency is involved in what it refers.
        agencies += [a for a in board.agencies.filter(pk__in=own) if a not in agencies]
        try:
            notification = services.create_notification(
                board=board,
                actor=request.user,
                context=context_of(request),
                fields=form.notification_fields(),
                child=form.child_fields(),
                agencies=agencies,
                key_dates=form.cleaned_data["key_dates"],
                different_incident=form.cleaned_data["different_incident"],
            )
        except PossibleDuplicate as flagged:
            apply_validation_error(form, flagged)
            duplicates = duplicates_shown(request.user, flagged.matches)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Notification {notification.reference} recorded. Consider now whether other "
                "children are at risk.",
            )
            return redirect("cases:detail", pk=notification.pk)
    return render(request, "cases/notify.html", {"form": form, "duplicates": duplicates})


def duplicates_shown(user, matches: list[Match]) -> dict:
    """The possible duplicates the user may open, and whether there are others (never which:
    a case the user may not see is not revealed)."""
    visible = [m.notification for m in matches if can(user, "case.view", m.notification)]
    return {"visible": visible, "hidden": len(visible) < len(matches)}


def notification_detail(request, pk):
    notification = _notification(request, pk)
    user = request.user
    decision = getattr(notification, "decision", None)
    amendments = history_for(user, notification)
    return render(
        request,
        "cases/detail.html",
        {
            "n": notification,
            "child": notification.child,
            "screening": screen_notification(notification),
            "considered": notification.children_considered.visible_to(user)
            .select_related("person")
            .order_by("person__family_name", "person__given_names"),
            "recommendation": getattr(notification, "panel_recommendation", None),
            "decision": decision,
            "look_again": decision_to_look_at_again(decision),
            "decision_versions": decision
            and sum(1 for a in amendments if a.record_id == str(decision.pk)),
            "amendments": len(amendments),
            "owed": [
                (r, r.where(notification))
                for r in sort_for_display(lines_of(notification))
                if r.is_open and r.obligation.stage in ("notification", "decision")
            ],
            "tasks": [
                (
                    t,
                    can(
                        user,
                        "task.complete" if t.kind == TaskKind.OTHER_CHILDREN else "records.secure",
                        t,
                    ),
                )
                for t in notification.tasks.visible_to(user)
            ],
            "may": {
                action.replace(".", "_"): can(user, action, notification)
                for action in (
                    "people.edit",
                    "notification.edit",
                    "screening.recommend",
                    "decision.record",
                    "audit.view",
                    "section.compliance",
                    "subject_access.export",
                )
            },
        },
    )


def person_add(request, pk):
    notification = _notification(request, pk, "people.edit")
    return _person_form(
        request, notification, Person(notification=notification, board=notification.board), True
    )


def _person_form(request, notification, person, created):
    form_class = ChildForm if person.kind == PersonKind.CHILD else PersonForm
    form = form_class(request.POST or None, instance=person)
    ok, _ = submitted(
        request,
        form,
        lambda: services.save_person(
            form.instance, actor=request.user, context=context_of(request), created=created
        ),
    )
    if ok:
        messages.success(request, f"{form.instance.full_name} saved to the people register")
        return redirect("cases:detail", pk=notification.pk)
    return render(
        request,
        "cases/person_form.html",
        {"form": form, "n": notification, "person": person, "created": created},
    )


def task_complete(request, pk, task_pk):
    notification = _notification(request, pk)
    task = get_for(
        request, Task.objects.filter(notification=notification).select_related("agency"), task_pk
    )
    require(
        request, "task.complete" if task.kind == TaskKind.OTHER_CHILDREN else "records.secure", task
    )
    children_form = None
    if task.kind == TaskKind.OTHER_CHILDREN:
        posted = request.method == "POST" and request.POST.get("step") == "child"
        children_form = ChildConsideredForm(
            request.POST if posted else None,
            children=services.other_children(notification),
            prefix="child",
            bounds=case_bounds(notification),
        )
        if posted:
            return _consider_child(request, notification, task, children_form)
    form = TaskForm(
        request.POST or None,
        initial={"done_on": timezone.localdate()},
        bounds=case_bounds(notification),
    )
    ok, _ = submitted(
        request,
        form,
        lambda: services.complete_task(
            task,
            actor=request.user,
            context=context_of(request),
            done_on=form.cleaned_data["done_on"],
            note=form.cleaned_data["note"],
        ),
    )
    if ok:
        messages.success(request, f"Recorded: {task.title}")
        return redirect("cases:detail", pk=notification.pk)
    return _task_page(request, notification, task, form, children_form)


def _task_page(request, notification, task, form, children_form):
    return render(
        request,
        "cases/task_form.html",
        {
            "form": form,
            "children_form": children_form,
            "considered": notification.children_considered.visible_to(request.user)
            .select_related("person")
            .order_by("person__family_name", "person__given_names"),
            "corrected": corrected_ids(notification, ChildConsidered),
            "n": notification,
            "task": task,
        },
    )


def _consider_child(request, notification, task, form):
    """One child considered under 19.1 (Rotherham 19.1), on the step's own page."""
    ok, row = submitted(
        request,
        form,
        lambda: services.consider_child(
            task,
            actor=request.user,
            context=context_of(request),
            person=form.chosen,
            new_child=form.new_child(),
            assessment=form.cleaned_data["assessment"],
            note=form.cleaned_data["note"],
            action=form.cleaned_data["action"],
            action_on=form.cleaned_data.get("action_on"),
            reason=form.cleaned_data.get("reason", ""),
        ),
    )
    if ok:
        messages.success(request, f"Recorded the consideration of {row.person.full_name}")
        return redirect("cases:task", pk=notification.pk, task_pk=task.pk)
    done = TaskForm(initial={"done_on": timezone.localdate()})
    return _task_page(request, notification, task, done, form)


def screening(request, pk):
    notification = _notification(request, pk, "screening.recommend")
    result = screen_notification(notification)
    existing = getattr(notification, "panel_recommendation", None)
    initial = (
        {"recommendation": existing.recommendation, "reasons": existing.reasons}
        if existing
        else {"recommendation": result.recommendation}
    )
    form = PanelRecommendationForm(request.POST or None, initial=initial)
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_panel_recommendation(
            notification,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        messages.success(request, "The panel's recommendation is recorded")
        return redirect("cases:detail", pk=notification.pk)
    return render(
        request, "cases/screening.html", {"form": form, "n": notification, "screening": result}
    )


def decision(request, pk):
    notification = _notification(request, pk, "decision.record")
    if request.method == "GET" and notification.is_decided:
        # Decided already: the decision is changed by deciding again, with a reason (a link
        # to the first decision, such as a departure still owed, would show a form that is
        # refused only once filled in).
        return redirect("cases:decision_again", pk=notification.pk)
    screening = screen_notification(notification)
    form = DecisionForm(
        request.POST or None,
        initial={"decided_on": timezone.localdate()},
        screening=screening,
        bounds=case_bounds(notification),
    )
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_decision(
            notification,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        messages.success(request, "The decision is recorded")
        return redirect("cases:detail", pk=notification.pk)
    return render(
        request,
        "cases/decision.html",
        {
            "form": form,
            "n": notification,
            "screening": screening,
            "recommendation": getattr(notification, "panel_recommendation", None),
            "min_words": decision_guard.MIN_WORDS,
        },
    )


def notification_access_log(notification: Notification, user):
    """The events on the notification, its people, steps and review, and the corrections
    of any record of the case (the decision, the children considered, the terms of
    reference, appointments, partner boards, family contacts, documents): each
    correction's event names its amendment."""
    ids = [str(notification.pk)]
    ids += [str(pk) for pk in notification.people.visible_to(user).values_list("pk", flat=True)]
    ids += [str(pk) for pk in notification.tasks.visible_to(user).values_list("pk", flat=True)]
    review = getattr(notification, "review", None)
    if review is not None:
        ids.append(str(review.pk))
    # The events name no values, so every correction of the case is listed (the history
    # page, not this log, shows what changed, to those who may read the record).
    corrections = amendment_ids(notification)
    found = Q(object_id__in=ids)
    if corrections:
        found |= Q(detail__amendment__in=corrections)
    return AuditEvent.objects.filter(found).order_by("-id")[:200]


def access_log(request, pk):
    """Who has seen or changed this case: the notification, its people, steps and review,
    and the corrections of its records."""
    notification = _notification(request, pk, "section.access_log")
    return render(
        request,
        "cases/access_log.html",
        {
            "n": notification,
            "lines": describe(list(notification_access_log(notification, request.user))),
        },
    )
