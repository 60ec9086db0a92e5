from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for
from casereview.accounts.models import Board
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.documents.services import latest_of
from casereview.lib import tables
from casereview.lib.forms import submitted
from casereview.procedure import catalogue, working_days

from . import kept, word_templates
from .clock_views import change_clocks
from .compliance import lines_for, obligation_tables
from .compliance_panels import panels_for
from .forms import (
    BoardSettingsForm,
    LetterheadForm,
    LogoForm,
    PauseForm,
    RestartForm,
    RetentionForm,
)
from .lookup import review_for
from .models import Review
from .next_steps import what_next
from .panel.services import stage_moves
from .printed import LOGO_KINDS
from .reminders import reminders_sent
from .sections import readable_pages
from .services import (
    LETTERHEAD_FIELDS,
    set_default_regime,
    set_letterhead,
    set_logo,
    set_retention,
)
from .tables import REVIEWS


def review_list(request):
    reviews = (
        list_for(request, Review)
        .select_related("board", "notification")
        .order_by("-opened_at", "reference")
    )
    kind = tables.wanted_format(request)
    page = None if kind else tables.page_of(request, reviews)
    count = page.paginator.count if page else reviews.count()
    record(
        "list",
        Review,
        detail={"count": count, **({"export": kind} if kind else {})},
        actor=request.user,
        context=context_of(request),
    )
    if kind:
        return REVIEWS.download(kind, "reviews", reviews)
    return render(request, "reviews/list.html", {"reviews": page, "page": page})


def review_detail(request, pk):
    review = review_for(request, pk, "section.stage")
    user = request.user
    changes = review.status_changes.visible_to(user, "section.stage").select_related("changed_by")
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "changes": changes,
            "may_see_compliance": can(user, "section.compliance", review),
            "may_see_log": can(user, "section.access_log", review),
            "stage_moves": stage_moves(review, user),
            "sections": readable_pages(user, review),
        },
    )


def compliance(request, pk, pause_form=None, restart_form=None):
    review = review_for(request, pk, "section.compliance", register=False)
    case = review.notification
    calendar = working_days.current()
    results = lines_for(request.user, review, kept.full(case, timezone.localdate(), calendar))
    pauses = list(case.pauses.visible_to(request.user, "section.compliance"))
    open_pause = next((p for p in pauses if p.ends_on is None), None)
    may_pause = can(request.user, "clock.pause", case)
    return render(
        request,
        "reviews/compliance.html",
        {
            "review": review,
            "case": case,
            "regime": catalogue.version_of(case.regime, case.regime_version),
            **obligation_tables(results, case, calendar, timezone.localdate()),
            **what_next(results, case, review, timezone.localdate()),
            "reminders": reminders_sent(case, results),
            "pauses": pauses,
            "open_pause": open_pause,
            "may_pause": may_pause,
            "pause_form": pause_form or PauseForm(initial={"starts_on": timezone.localdate()}),
            "restart_form": restart_form or RestartForm(initial={"ends_on": timezone.localdate()}),
            "panels": panels_for(request.user, review),
        },
    )


@require_POST
def pause(request, pk):
    review = review_for(request, pk, "clock.pause")
    return change_clocks(
        request,
        review.notification,
        "pause",
        back="reviews:compliance",
        back_pk=review.pk,
        page=compliance,
    )


@require_POST
def restart(request, pk):
    review = review_for(request, pk, "clock.pause")
    return change_clocks(
        request,
        review.notification,
        "restart",
        back="reviews:compliance",
        back_pk=review.pk,
        page=compliance,
    )


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
    return _settings_page(request, board, form=form)


def _settings_page(
    request, board, *, form=None, letterhead_form=None, logo_form=None, retention_form=None
):
    """The settings page; a form posted with errors shows them (and heads the page's error
    summary)."""
    regime_form = form or BoardSettingsForm(
        regimes=catalogue.choices(), initial={"default_regime": board.default_regime}
    )
    letterhead_form = letterhead_form or LetterheadForm(
        initial={f: getattr(board, f) for f in LETTERHEAD_FIELDS}
    )
    logo_form = logo_form or LogoForm()
    retention_form = retention_form or RetentionForm(
        initial={"publication_retention_months": board.publication_retention_months}
    )
    forms = (regime_form, letterhead_form, logo_form, retention_form)
    failed = next((f for f in forms if f.errors), None)
    return render(
        request,
        "reviews/board_settings.html",
        {
            "board": board,
            "regime_form": regime_form,
            "letterhead_form": letterhead_form,
            "logo_form": logo_form,
            "retention_form": retention_form,
            "logo": latest_of(board, LOGO_KINDS),
            "form": failed,
            "may_translate": can(request.user, "letters.translate", board),
            "may_record_child_deaths": can(request.user, "childdeath.record", board),
            "word_templates": word_templates.rows(board),
        },
    )


def _board_setting(request, board_pk, key: str, form_class, act, done: str):
    """One form of the board's settings page: the service `act` with the form's data, then
    the message `done`, or the page with the form's errors."""
    board = get_for(request, Board, board_pk, "board.configure", scope="board.view")
    form = form_class(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: act(board, actor=request.user, context=context_of(request), **form.cleaned_data),
    )
    if ok:
        messages.success(request, done)
        return redirect("reviews:board_settings", board_pk=board.pk)
    return _settings_page(request, board, **{key: form})


@require_POST
def board_letterhead(request, board_pk):
    return _board_setting(
        request,
        board_pk,
        "letterhead_form",
        LetterheadForm,
        set_letterhead,
        "The letterhead is saved",
    )


@require_POST
def board_retention(request, board_pk):
    return _board_setting(
        request,
        board_pk,
        "retention_form",
        RetentionForm,
        set_retention,
        "The retention policy for published reports is saved",
    )


@require_POST
def board_logo(request, board_pk):
    board = get_for(request, Board, board_pk, "board.configure", scope="board.view")
    form = LogoForm(request.POST, request.FILES)
    ok, _ = submitted(
        request,
        form,
        lambda: set_logo(
            board, actor=request.user, context=context_of(request), upload=form.cleaned_data["file"]
        ),
    )
    if ok:
        messages.success(request, "The logo is saved")
        return redirect("reviews:board_settings", board_pk=board.pk)
    return _settings_page(request, board, logo_form=form)
