"""The integrated chronology's pages: the timeline (filters, gaps, groups and conflicts, the
chart of contacts), the panel's work on it (chronology.panel), and its downloads."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Count
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, list_for, require
from casereview.accounts.models import Agency
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.field_html import form_fields
from casereview.lib.forms import submitted
from casereview.reviews.dates import review_bounds
from casereview.reviews.lookup import review_for

from . import chart, exports, panel, summary, timeline, timeline_rows
from .merge import ORDER
from .models import ChronologyEntry, EventGroup, KeyPracticeEpisode
from .services import integrated
from .timeline_forms import (
    EpisodeEditForm,
    EpisodeForm,
    GapForm,
    ResolveForm,
    ShareForm,
    SignificanceForm,
    TimelineFilterForm,
    UnshareForm,
    WithdrawForm,
    filtered,
    narrows,
)

READ = "section.chronology"
PANEL = "chronology.panel"
CONFLICTS_LISTED = 10


def _visible(request, review):
    return list_for(request, ChronologyEntry, READ).filter(review=review, withdrawn_at__isnull=True)


def _filters(request, visible, offered=None):
    """The filter form, the entries it chooses in the integrated order, and its cleaned
    data; `offered`: the agencies the reader has entries of, when the caller knows them."""
    # A page number alone filters nothing: the form is then the empty one.
    given = request.GET if set(request.GET) - {"page"} else None
    form = TimelineFilterForm(given, agencies=_agencies(visible) if offered is None else offered)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filtered(visible, data).order_by(*ORDER), data


def _agencies(visible):
    return Agency.objects.filter(pk__in=visible.values("agency_id")).order_by("name")


def _full_view(request, review, chronology) -> bool:
    return exports.full_view(request.user, review, chronology)


def _read_whole(chronology, visible) -> tuple[summary.Kept | None, dict[int, int]]:
    """What the merge kept of every entry this user reads, when it still describes them
    (the whole review's summary, or one agency's: an agency author's before sharing), and
    how many entries of each agency they read (one query over the index of live entries)."""
    # COUNT(*), not of the ids: the index of live entries then answers alone.
    per_agency = dict(visible.order_by().values_list("agency_id").annotate(n=Count("*")))
    count = sum(per_agency.values())
    seen = summary.kept(chronology, count)
    if seen is None and len(per_agency) == 1:
        seen = summary.kept_of_agency(chronology, *per_agency, count)
    return seen, per_agency


def _read_listed(chronology, entries, data: dict, seen, per_agency: dict[int, int]) -> tuple:
    """What the page lists: the summary kept of the entries the filter chose when it still
    describes them (unfiltered, or one agency's entries), their count, and their contacts
    per agency per month. Filtered otherwise, the count is the contacts' total (one query,
    not two)."""
    if not narrows(data):  # every entry the user reads
        count = sum(per_agency.values())
        return seen, count, seen.counts if seen else chart.counts(entries)
    if data.get("agency") and not narrows({**data, "agency": None}):
        count = per_agency.get(data["agency"].pk, 0)
        listed = summary.kept_of_agency(chronology, data["agency"].pk, count)
        return listed, count, listed.counts if listed else chart.counts(entries)
    counts = chart.counts(entries)
    return None, sum(n for _, _, n in counts), counts


def integrated_view(request, review_id, forms=None):
    # The page shows the review's reference only: not its people register, its pauses, its
    # notification or its decision.
    review = review_for(request, review_id, READ, register=False, related=False)
    chronology = integrated(review)
    visible = _visible(request, review)
    seen, per_agency = _read_whole(chronology, visible)
    # The agencies the reader has entries of, by their ids (not read again from the entries).
    offered = Agency.objects.filter(pk__in=per_agency).order_by("name")
    filter_form, entries, data = _filters(request, visible, offered)
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    listed, count, counts = _read_listed(chronology, entries, data, seen, per_agency)
    gaps = seen.gaps if seen and seen.gaps is not None else None
    if gaps is None:
        gaps = timeline.whole_gaps(visible, chronology.gap_days)
    may_panel = can(request.user, PANEL, review)
    choices = SignificanceForm.base_fields["significance"].choices
    # The page's own address: it is also shown at a refused form's (…/gap/, …/episodes/).
    here = reverse("chronology:integrated", args=[review.pk])
    # The review's key practice episodes, listed and tagged on their entries' rows only for
    # those who read the panel's work, and for everyone once the chronology is shared: an
    # agency author sees neither before then. With none, no entry of the page is in one.
    shared = chronology.shared_at is not None
    episodes = (
        list(KeyPracticeEpisode.objects.filter(review=review, withdrawn_at__isnull=True))
        if shared or can(request.user, "section.panel", review)
        else []
    )
    page = timeline.page_of(
        entries,
        visible,
        number,
        gaps,
        full_view=_full_view(request, review, chronology),
        address=here,
        count=count,
        options=timeline.significance_options(choices) if may_panel else None,
        starts=listed.starts if listed else None,
        agencies=sorted(per_agency),
        episodes={e.pk: e.title for e in episodes},
    )
    forms = forms or {}
    # The conflicts still waiting for the panel's view: the first few and how many (each
    # is also flagged on its rows).
    waiting = EventGroup.objects.filter(review=review, conflict=True, resolved_at__isnull=True)
    conflicts = list(waiting.order_by("pk")[:CONFLICTS_LISTED]) if may_panel else []
    waiting_count = waiting.count() if may_panel else 0
    drawn = chart.chart(counts)
    context = {
        "review": review,
        "here": here,
        "chronology": chronology,
        "filter_fields": form_fields(filter_form),
        "page": page,
        "rows": timeline_rows.rows(
            page,
            may_panel=may_panel,
            query=request.GET.urlencode(),
            path=here,
            csrf=get_token(request) if may_panel else "",
        ),
        "query": request.GET.urlencode(),
        "chart": drawn,
        "chart_svg": chart.svg(drawn) if drawn else "",
        "chart_table": chart.table_rows(drawn, page.count) if drawn else "",
        "episodes": episodes,
        "conflicts": conflicts,
        "waiting_count": waiting_count,
        "may_panel": may_panel,
    }
    if may_panel:
        context |= _panel_forms(chronology, forms)
    context["form"] = next((f for f in forms.values() if f.errors), None)
    return render(
        request,
        "chronology/integrated.html",
        context,
        status=400 if context["form"] else 200,
    )


EPISODE_FIELDS = ("title", "summary", "starts_on", "ends_on")


@functools.cache
def _new_episode() -> SafeString:
    """The new episode's fields before anything is typed: the same markup on every page (no
    data in it), so written once a process."""
    return form_fields(EpisodeForm(), EPISODE_FIELDS)


def _panel_forms(chronology, forms: dict) -> dict:
    """The panel's forms on the page: the one that was just refused (`forms`) as it was
    sent, the others empty; sharing offers only the one of share and unshare that applies."""
    version = {"lock_version": chronology.lock_version}
    episode = forms.get("episode")
    gap = forms.get("gap") or GapForm(initial={"gap_days": chronology.gap_days, **version})
    if chronology.shared_at:
        sharing = forms.get("unshare") or UnshareForm(initial=version)
    else:
        sharing = forms.get("share") or ShareForm(initial=version)
    return {
        "episode_fields": form_fields(episode, EPISODE_FIELDS) if episode else _new_episode(),
        "episode_form": episode,
        "gap_fields": form_fields(gap),
        "sharing_fields": form_fields(sharing),
    }


def _panel_review(request, review_id):
    review = review_for(request, review_id, READ)
    require(request, PANEL, review)
    return review


def _back(review, request):
    url = reverse("chronology:integrated", args=[review.pk])
    query = request.POST.get("query", "")
    return redirect(f"{url}?{query}" if query else url)


@require_POST
def rebuild_view(request, review_id):
    review = _panel_review(request, review_id)
    merged = panel.rebuild(review, actor=request.user, context=context_of(request))
    messages.success(
        request,
        f"The chronology is merged again: {len(merged.groups)} events recorded by more than "
        f"one agency, {len(merged.conflicts)} with different accounts",
    )
    return _back(review, request)


@require_POST
def significance_view(request, review_id, item_pk):
    review = review_for(request, review_id, READ)
    entry = get_for(
        request,
        ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True),
        item_pk,
        PANEL,
        scope=READ,
    )
    form = SignificanceForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: panel.set_significance(
            entry, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The significance is saved")
    else:
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    return _back(review, request)


def resolve_view(request, review_id, item_pk):
    review = _panel_review(request, review_id)
    group = get_for(
        request,
        EventGroup.objects.filter(review=review, conflict=True),
        item_pk,
        PANEL,
        scope=READ,
    )
    form = ResolveForm(
        request.POST or None,
        initial={"note": group.panel_note, "lock_version": group.lock_version},
    )
    ok, _ = submitted(
        request,
        form,
        lambda: panel.resolve_conflict(
            group, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The panel's view is recorded")
        return redirect("chronology:integrated", review.pk)
    if form.has_error(NON_FIELD_ERRORS, "conflict"):
        # The page shows the group as it is now; the view typed here stays in the form, to
        # be saved again against the current version if it still stands.
        group.refresh_from_db()
        form.data = form.data.copy()
        form.data["lock_version"] = str(group.lock_version)
    entries = (
        ChronologyEntry.objects.filter(group=group, withdrawn_at__isnull=True)
        .select_related("agency")
        .order_by(*ORDER)
    )
    return render(
        request,
        "chronology/resolve.html",
        {"review": review, "group": group, "entries": entries, "form": form},
        status=400 if form.errors else 200,
    )


def _integrated_setting(request, review_id, key: str, form_class, act, done):
    """One of the panel's settings of the integrated chronology (gap period, sharing): the
    form, the service `act`, then the message `done(chronology)` or the page with the form."""
    review = _panel_review(request, review_id)
    chronology = integrated(review)
    form = form_class(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: act(
            chronology, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, done(chronology))
        return redirect("chronology:integrated", review.pk)
    return integrated_view(request, review_id, forms={key: form})


@require_POST
def gap_view(request, review_id):
    return _integrated_setting(
        request,
        review_id,
        "gap",
        GapForm,
        panel.set_gap_days,
        lambda c: f"Gaps longer than {c.gap_days} days are shown",
    )


@require_POST
def share_view(request, review_id):
    return _integrated_setting(
        request,
        review_id,
        "share",
        ShareForm,
        panel.share,
        lambda c: "The integrated chronology is shared with the agencies",
    )


@require_POST
def unshare_view(request, review_id):
    return _integrated_setting(
        request,
        review_id,
        "unshare",
        UnshareForm,
        panel.unshare,
        lambda c: "The agencies now see only their own entries again",
    )


def _episode_entries(review):
    return ChronologyEntry.objects.filter(review=review, withdrawn_at__isnull=True)


@require_POST
def episode_add_view(request, review_id):
    review = _panel_review(request, review_id)
    form = EpisodeForm(request.POST, entries=_episode_entries(review), bounds=review_bounds(review))
    ok, _ = submitted(
        request,
        form,
        lambda: panel.mark_episode(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The key practice episode is marked")
        return redirect("chronology:integrated", review.pk)
    return integrated_view(request, review_id, forms={"episode": form})


def _episode(request, review, item_pk):
    return get_for(
        request,
        KeyPracticeEpisode.objects.filter(review=review),
        item_pk,
        PANEL,
        scope=READ,
    )


def episode_edit_view(request, review_id, item_pk):
    review = _panel_review(request, review_id)
    episode = _episode(request, review, item_pk)
    if episode.withdrawn_at:
        if request.method == "POST":
            messages.error(request, f"“{episode.title}” was withdrawn: it cannot be changed")
            return redirect("chronology:integrated", review.pk)
        return render(request, "chronology/episode.html", {"review": review, "episode": episode})
    # The entries the episode may hold: its own and those in its period (a page, not 5,000).
    choices = _episode_entries(review).filter(
        occurred_to__gte=episode.starts_on, occurred_from__lte=episode.ends_on
    ) | _episode_entries(review).filter(episodes=episode)
    choices = choices.distinct().select_related("agency").order_by(*ORDER)
    form = EpisodeEditForm(
        request.POST or None,
        entries=choices,
        bounds=review_bounds(review),
        initial={
            "title": episode.title,
            "summary": episode.summary,
            "starts_on": episode.starts_on,
            "ends_on": episode.ends_on,
            "entries": list(episode.entries.values_list("pk", flat=True)),
            "lock_version": episode.lock_version,
        },
    )
    ok, _ = submitted(
        request,
        form,
        lambda: panel.edit_episode(
            episode, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The key practice episode is saved")
        return redirect("chronology:integrated", review.pk)
    withdraw = WithdrawForm(initial={"lock_version": episode.lock_version})
    return render(
        request,
        "chronology/episode.html",
        {"review": review, "episode": episode, "form": form, "withdraw_form": withdraw},
        status=400 if form.errors else 200,
    )


@require_POST
def episode_withdraw_view(request, review_id, item_pk):
    review = _panel_review(request, review_id)
    episode = _episode(request, review, item_pk)
    form = WithdrawForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: panel.withdraw_episode(
            episode, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"“{episode.title}” is withdrawn")
        return redirect("chronology:integrated", review.pk)
    for message in (m for e in form.errors.values() for m in e):
        messages.error(request, message)
    return redirect("chronology:episode", review.pk, episode.pk)


def download_view(request, review_id):
    review = review_for(request, review_id, READ)
    chronology = integrated(review)
    visible = _visible(request, review)
    _, entries, _ = _filters(request, visible)
    return exports.export(
        review,
        chronology,
        entries,
        visible,
        request.GET.get("format", "pdf"),
        user=request.user,
        context=context_of(request),
    )
