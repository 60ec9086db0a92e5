"""The panel page (members, meetings, decisions), the terms of reference and the stages.

Views are thin: each fetches through the access helpers, validates a form and calls a
service in services.py."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, require
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.procedure import citations

from .. import lifecycle
from ..lookup import review_for
from ..models import (
    PanelDecision,
    PanelMeeting,
    RequestedReport,
    ReviewStatus,
    TermsOfReference,
    TermsStatus,
)
from . import services
from .forms import (
    AgreeTermsForm,
    MeetingForm,
    MoveForm,
    PanelDecisionForm,
    PanelMemberForm,
    TermsForm,
)


def _stage_context(request, review) -> dict:
    return {"stage_moves": services.stage_moves(review, request.user)}


# --- The panel -----------------------------------------------------------------------------


def panel(request, pk):
    review = review_for(request, pk, "section.panel")
    user = request.user
    members = review.panel.visible_to(user, "section.panel").select_related("agency", "user")
    meetings = review.meetings.visible_to(user, "section.panel").prefetch_related(
        "attendees",
        Prefetch("decisions", queryset=PanelDecision.objects.order_by("kind", "id")),
    )
    return render(
        request,
        "reviews/panel/panel.html",
        {
            "review": review,
            "members": members,
            "meetings": meetings,
            "may_manage": can(user, "review.manage", review),
            "may_decide": can(user, "panel.decide", review),
            **_stage_context(request, review),
        },
    )


def member_add(request, pk):
    review = review_for(request, pk, "review.manage")
    form = PanelMemberForm(
        request.POST or None,
        board=review.board,
        initial={"joined_on": timezone.localdate()},
    )
    ok, member = submitted(
        request,
        form,
        lambda: services.add_member(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"{member.name} added to the panel")
        return redirect("reviews:panel", pk=review.pk)
    return render(request, "reviews/panel/member_form.html", {"review": review, "form": form})


def meeting_add(request, pk):
    review = review_for(request, pk, "review.manage")
    form = MeetingForm(
        request.POST or None,
        members=review.panel.visible_to(request.user, "section.panel"),
        initial={"held_on": timezone.localdate()},
    )
    ok, meeting = submitted(
        request,
        form,
        lambda: services.add_meeting(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(
            request, f"Meeting of {meeting.held_on:%-d %B %Y} recorded; add its decisions"
        )
        return redirect("reviews:panel", pk=review.pk)
    return render(request, "reviews/panel/meeting_form.html", {"review": review, "form": form})


def decision_add(request, pk, item_pk):
    review = review_for(request, pk, "panel.decide")
    meeting = get_for(request, PanelMeeting.objects.filter(review=review), item_pk, "panel.decide")
    form = PanelDecisionForm(
        request.POST or None,
        initial={"kind": request.GET.get("kind")},
        cite=citations.for_case(review),
    )
    ok, decision = submitted(
        request,
        form,
        lambda: services.record_decision(
            meeting, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"Decision recorded: {decision.get_kind_display()}")
        return redirect("reviews:panel", pk=review.pk)
    return render(
        request,
        "reviews/panel/decision_form.html",
        {"review": review, "meeting": meeting, "form": form},
    )


# --- Terms of reference ----------------------------------------------------------------------


def _requested_reports() -> Prefetch:
    return Prefetch(
        "requested_reports",
        queryset=RequestedReport.objects.select_related("agency").order_by("agency__name"),
    )


def _versions(review, user):
    """The versions this user may read: drafts too only with terms.drafts."""
    versions = review.terms.visible_to(user, "section.terms")
    if not can(user, "terms.drafts", review):
        versions = versions.filter(status=TermsStatus.AGREED)
    return versions.select_related("created_by").prefetch_related(_requested_reports())


def terms(request, pk, agree_form=None):
    review = review_for(request, pk, "section.terms")
    versions = list(_versions(review, request.user))
    latest = versions[0] if versions else None
    return render(
        request,
        "reviews/panel/terms.html",
        {
            "review": review,
            "versions": versions,
            "latest": latest,
            "agreed": next((v for v in versions if v.status == TermsStatus.AGREED), None),
            "may_manage": can(request.user, "review.manage", review),
            "form": agree_form,
            "agree_form": agree_form or AgreeTermsForm(initial={"agreed_on": timezone.localdate()}),
            "diversity_grounds": services.diversity_grounds(review),
        },
    )


def terms_new(request, pk):
    review = review_for(request, pk, "review.manage")
    latest = services.latest_terms(review)
    agencies = review.board.agencies.all()
    initial, reports = services.terms_initial(review)
    for agency_id, due in reports.items():
        initial[f"report_{agency_id}"] = True
        initial[f"due_{agency_id}"] = due
    involved = review.notification.involvements.values_list("agency_id", flat=True)
    correcting = latest is not None and latest.status == TermsStatus.AGREED
    form = TermsForm(
        request.POST or None,
        agencies=agencies,
        involved=list(involved),
        initial=initial,
        correcting=correcting,
        cite=citations.for_case(review),
    )
    ok, saved = submitted(
        request,
        form,
        lambda: services.save_terms(
            review,
            actor=request.user,
            context=context_of(request),
            fields=form.terms_fields(),
            reports=form.requested_reports(),
            reason=form.cleaned_data.get("reason", ""),
        ),
    )
    if ok:
        messages.success(request, f"Version {saved.version} of the terms of reference saved")
        return redirect("reviews:terms", pk=review.pk)
    editing = latest if latest is not None and latest.status == TermsStatus.DRAFT else None
    return render(
        request,
        "reviews/panel/terms_form.html",
        {
            "review": review,
            "form": form,
            "latest": latest,
            "editing": editing,
            "next_version": editing.version if editing else (latest.version + 1 if latest else 1),
            "diversity_grounds": services.diversity_grounds(review),
        },
    )


def _terms_version(request, review, version, action="section.terms") -> TermsOfReference:
    pk = (
        review.terms.visible_to(request.user)
        .filter(version=version)
        .values_list("pk", flat=True)
        .first()
    )
    terms_ = get_for(
        request,
        TermsOfReference.objects.filter(review=review)
        .select_related("created_by")
        .prefetch_related(_requested_reports()),
        pk,
        action,
    )
    if terms_.status == TermsStatus.DRAFT:
        require(request, "terms.drafts", review)
    return terms_


@require_POST
def terms_agree(request, pk, version):
    review = review_for(request, pk, "review.manage")
    version_ = _terms_version(request, review, version, "review.manage")
    form = AgreeTermsForm(request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.agree_terms(
            version_, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"Version {version_.version} of the terms of reference agreed")
        return redirect("reviews:terms", pk=review.pk)
    return terms(request, pk, agree_form=form)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def terms_document(request, pk, version):
    review = review_for(request, pk, "section.terms")
    version_ = _terms_version(request, review, version)
    reports = version_.requested_reports.all()
    return render(
        request,
        "reviews/panel/terms_document.html",
        {
            "review": review,
            "terms": version_,
            "reports": reports,
            "diversity_list": _lines(version_.diversity_questions),
            "specific_list": _lines(version_.specific_questions),
        },
    )


# --- Stages --------------------------------------------------------------------------------


@require_POST
def move(request, pk):
    review = review_for(request, pk, "section.stage")
    form = MoveForm(request.POST)
    to = request.POST.get("to", "")
    require(request, services.move_action(review, to), review)
    ok, _ = submitted(
        request,
        form,
        lambda: lifecycle.move(
            review,
            to=form.cleaned_data["to"],
            actor=request.user,
            context=context_of(request),
            reason=form.cleaned_data["reason"],
            by_hand=True,
        ),
    )
    if ok:
        messages.success(
            request, f"Review {review.reference} moved to {review.get_status_display()}"
        )
        return redirect("reviews:detail", pk=review.pk)
    return render(
        request,
        "reviews/panel/move.html",
        {
            "review": review,
            "form": form,
            "target": ReviewStatus(to).label if to in ReviewStatus.values else "",
            **_stage_context(request, review),
        },
        status=200,
    )
