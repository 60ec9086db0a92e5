"""The notification's duties page: everything the case owes whether or not a review is open
(its compliance lines), the statutory notices sent and the rapid review; and the review's
timescale page. Reading the duties needs section.compliance on the case; recording needs
review.manage (the board manager or the panel chair)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.cases.models import Notification
from casereview.lib.forms import submitted
from casereview.procedure import catalogue, working_days
from casereview.procedure.clocks import Duration, add
from casereview.procedure.engine import evaluate

from . import case_duties as duties
from .clock_views import change_clocks
from .compliance import lines_for, obligation_tables
from .forms import PauseForm, PlanForm, RapidReviewForm, RestartForm
from .lookup import review_for
from .models import RapidReview
from .next_steps import what_next
from .reminders import reminders_sent
from .support.forms import outbound_form

MANAGE = "review.manage"


def _case(request, pk, action: str) -> Notification:
    return get_for(request, Notification.objects.select_related("board"), pk, action)


def case_duties(request, pk, pause_form=None, restart_form=None):
    case = _case(request, pk, "section.compliance")
    user = request.user
    pauses = list(case.pauses.visible_to(user, "section.compliance"))
    calendar = working_days.current()
    results = lines_for(user, case, evaluate(case, calendar=calendar))
    review = getattr(case, "review", None)
    may_read_notices = can(user, "section.notifications", case)
    notices = (
        list(case.outbound.visible_to(user, "section.notifications").order_by("sent_on"))
        if may_read_notices
        else []
    )
    rapid = (
        RapidReview.objects.visible_to(user, "section.notifications")
        .filter(notification=case)
        .select_related("recorded_by")
        .first()
    )
    return render(
        request,
        "reviews/case_duties.html",
        {
            "case": case,
            "review": review,
            "regime": catalogue.version_of(case.regime, case.regime_version),
            **obligation_tables(results, case, calendar, timezone.localdate()),
            **what_next(results, case, review, timezone.localdate()),
            "reminders": reminders_sent(case, results),
            "notices": notices,
            "may_read_notices": may_read_notices,
            "rapid": rapid,
            "rapid_owed": any(
                r.obligation.satisfied_by == "rapid_review_completed"
                and r.status != "not_applicable"
                for r in results
            ),
            "may_manage": can(user, MANAGE, case),
            "pauses": pauses,
            "open_pause": next((p for p in pauses if p.ends_on is None), None),
            "may_pause": can(user, "clock.pause", case),
            "pause_form": pause_form or PauseForm(initial={"starts_on": timezone.localdate()}),
            "restart_form": restart_form or RestartForm(initial={"ends_on": timezone.localdate()}),
        },
    )


@require_POST
def case_pause(request, pk):
    """Pause the clocks of a case, from its duties page (with or without a review)."""
    case = _case(request, pk, "clock.pause")
    return change_clocks(
        request, case, "pause", back="reviews:case_duties", back_pk=case.pk, page=case_duties
    )


@require_POST
def case_restart(request, pk):
    case = _case(request, pk, "clock.pause")
    return change_clocks(
        request, case, "restart", back="reviews:case_duties", back_pk=case.pk, page=case_duties
    )


def case_notice_add(request, pk):
    case = _case(request, pk, MANAGE)
    form = outbound_form(request)
    ok, _ = submitted(
        request,
        form,
        lambda: duties.record_notice(
            case, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The notice is recorded")
        return redirect("reviews:case_duties", pk=case.pk)
    return render(request, "reviews/case_notice_form.html", {"case": case, "form": form})


def rapid_review(request, pk):
    case = _case(request, pk, MANAGE)
    # The user may manage the case, so sees whether it has a rapid review.
    if RapidReview.objects.visible_to(request.user, MANAGE).filter(notification=case).exists():
        messages.info(request, "The rapid review of this case is already recorded")
        return redirect("reviews:case_duties", pk=case.pk)
    form = RapidReviewForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    ok, _ = submitted(
        request,
        form,
        lambda: duties.record_rapid_review(
            case, actor=request.user, context=context_of(request), **form.values()
        ),
    )
    if ok:
        messages.success(request, "The rapid review is recorded")
        return redirect("reviews:case_duties", pk=case.pk)
    return render(request, "reviews/rapid_review_form.html", {"case": case, "form": form})


def default_completion(review):
    """The regime's completion period from the decision: what the form offers first."""
    regime = catalogue.version_of(review.notification.regime, review.notification.regime_version)
    within = regime.settings.get("completion_within")
    if within is None:
        return None
    return add(review.decision.decided_on, Duration.parse(within))


def plan(request, pk):
    """The review's timescale: completion date (agreed or revised) and planned publication;
    each save is a new version, the earlier ones listed."""
    review = review_for(request, pk, "section.stage")
    plans = list(
        review.plans.visible_to(request.user, "section.stage").select_related("recorded_by")
    )
    may_manage = can(request.user, MANAGE, review)
    form = None
    if may_manage:
        latest = plans[0] if plans else None
        initial = (
            {
                "completion_on": latest.completion_on,
                "publication_on": latest.publication_on,
                "agreed_with": latest.agreed_with,
            }
            if latest
            else {"completion_on": default_completion(review)}
        )
        form = PlanForm(request.POST or None, initial=initial)
    elif request.method == "POST":
        review_for(request, pk, MANAGE)  # refuses, audited
    if form is not None:
        ok, _ = submitted(
            request,
            form,
            lambda: duties.record_plan(
                review, actor=request.user, context=context_of(request), **form.cleaned_data
            ),
        )
        if ok:
            messages.success(request, "The review's timescale is recorded")
            return redirect("reviews:plan", pk=review.pk)
    return render(
        request,
        "reviews/plan.html",
        {"review": review, "plans": plans, "form": form, "may_manage": may_manage},
    )
