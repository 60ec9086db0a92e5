from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for
from casereview.accounts.models import Board
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.cases import services as case_services
from casereview.lib.forms import submitted
from casereview.procedure import catalogue
from casereview.procedure.engine import by_stage, evaluate

from .forms import BoardSettingsForm, PauseForm, RestartForm
from .lookup import review_for
from .models import Review
from .panel.services import stage_moves
from .reminders import reminders_sent
from .services import set_default_regime

# The review's pages, in the order the work is done.
REVIEW_SECTIONS = [
    ("panel", "Review panel: members, meetings and decisions"),
    ("terms", "Terms of reference"),
    ("reports", "Agency reports (individual management reviews)"),
    ("experts", "Independent experts and the overview author"),
    ("family", "The family: involvement, contacts and letters"),
    ("professionals", "Professionals: support, debriefing and feedback"),
    ("notifications", "Notifications the board must send"),
    ("parallel", "Parallel processes"),
    ("partners", "Partner boards (cross-boundary)"),
]


def review_list(request):
    reviews = list_for(request, Review).select_related("board", "notification")
    record(
        "list",
        Review,
        detail={"count": reviews.count()},
        actor=request.user,
        context=context_of(request),
    )
    return render(request, "reviews/list.html", {"reviews": reviews})


def review_detail(request, pk):
    review = review_for(request, pk)
    changes = review.status_changes.select_related("changed_by")
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "changes": changes,
            "may_see_log": can(request.user, "audit.view", review),
            "stage_moves": stage_moves(review, request.user),
            "sections": [(f"reviews:{name}", text) for name, text in REVIEW_SECTIONS],
        },
    )


def compliance(request, pk, pause_form=None, restart_form=None):
    review = review_for(request, pk)
    case = review.notification
    results = evaluate(case)
    counts = {s: sum(1 for r in results if r.status == s) for s in ("overdue", "due", "met")}
    open_pause = next((p for p in case.pauses.all() if p.ends_on is None), None)
    may_pause = can(request.user, "clock.pause", case)
    return render(
        request,
        "reviews/compliance.html",
        {
            "review": review,
            "case": case,
            "regime": catalogue.version_of(case.regime, case.regime_version),
            "stages": [
                (stage, [(r, r.where(case)) for r in items if r.status != "not_applicable"])
                for stage, items in by_stage(results)
            ],
            "not_applicable": [r for r in results if r.status == "not_applicable"],
            "reminders": reminders_sent(case, results),
            "counts": counts,
            "pauses": case.pauses.all(),
            "open_pause": open_pause,
            "may_pause": may_pause,
            "pause_form": pause_form or PauseForm(initial={"starts_on": timezone.localdate()}),
            "restart_form": restart_form or RestartForm(initial={"ends_on": timezone.localdate()}),
        },
    )


@require_POST
def pause(request, pk):
    review = review_for(request, pk, "clock.pause")
    form = PauseForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: case_services.pause_clocks(
            review.notification,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        messages.success(request, "The clocks are paused")
        return redirect("reviews:compliance", pk=review.pk)
    return compliance(request, pk, pause_form=form)


@require_POST
def restart(request, pk):
    review = review_for(request, pk, "clock.pause")
    form = RestartForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: case_services.restart_clocks(
            review.notification,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        messages.success(request, "The clocks are running again")
        return redirect("reviews:compliance", pk=review.pk)
    return compliance(request, pk, restart_form=form)


def board_settings(request, board_pk):
    board = get_for(request, Board, board_pk, "board.configure", scope="board.view")
    form = BoardSettingsForm(
        request.POST or None,
        regimes=catalogue.choices(),
        initial={"default_regime": board.default_regime},
    )
    if request.method == "POST" and form.is_valid():
        set_default_regime(
            board, actor=request.user, context=context_of(request), **form.cleaned_data
        )
        messages.success(request, "New cases will run under the chosen procedure")
        return redirect("reviews:board_settings", board_pk=board.pk)
    return render(request, "reviews/board_settings.html", {"board": board, "form": form})
