"""The review's support pages: independent experts and the overview author, professionals
and their debriefing, outbound notifications, parallel processes and partner boards.
Reading needs the section's action; changes need review.manage unless said."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.accounts.access import get_for, require
from casereview.accounts.permissions import can, roles_allowed
from casereview.accounts.roles import Role
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.procedure import citations
from casereview.procedure.engine import evaluate

from ..lookup import review_for
from ..models import (
    Appointment,
    AppointmentRole,
    ExpertAdvice,
    ParallelProcess,
    PartnerBoard,
    ProcessKind,
    Professional,
    Recipient,
)
from . import services
from .forms import (
    AdviceForm,
    AppointForm,
    ConsideredForm,
    NoExpertForm,
    PartnerForm,
    ProcessForm,
    ProfessionalForm,
    SharedSectionsForm,
    outbound_form,
)

MANAGE = "review.manage"


# --- Independent experts and the overview author --------------------------------------


def _appoint_form(review, role: str, data=None) -> AppointForm:
    return AppointForm(
        data,
        users=services.appointable_users(review, role),
        with_kind=role == AppointmentRole.INDEPENDENT_EXPERT,
        initial={"appointed_on": timezone.localdate()},
        prefix="expert" if role == AppointmentRole.INDEPENDENT_EXPERT else "author",
        cite=citations.for_case(review),
    )


def _share_form(holder, data=None) -> SharedSectionsForm:
    return SharedSectionsForm(
        data, prefix=f"share-{holder.pk}", initial={"sections": holder.shared_sections}
    )


def _no_expert_form(review, data=None) -> NoExpertForm:
    return NoExpertForm(
        data,
        initial={"decided_on": timezone.localdate()},
        prefix="noexpert",
        cite=citations.for_case(review),
    )


def experts(request, pk, expert_form=None, author_form=None, share_forms=None, no_expert_form=None):
    review = review_for(request, pk, "section.experts")
    user = request.user
    appointments = (
        review.appointments.visible_to(user, "section.experts")
        .select_related("user")
        .order_by("appointed_on")
    )
    advice = (
        review.expert_advice.visible_to(user, "section.experts")
        .select_related("appointment__user", "considered_by__meeting")
        .order_by("given_on")
    )
    if roles_allowed(user, "section.experts", review) == {Role.INDEPENDENT_EXPERT}:
        # An expert reads the experts' page for their own appointment and advice only.
        appointments = appointments.filter(user=user)
        advice = advice.filter(appointment__user=user)
    own_expert = any(
        a.user_id == user.pk and a.role == AppointmentRole.INDEPENDENT_EXPERT and not a.ended_on
        for a in appointments
    )
    may_manage = can(user, MANAGE, review)
    return render(
        request,
        "reviews/support/experts.html",
        {
            "review": review,
            "experts": [
                (a, (share_forms or {}).get(a.pk) or _share_form(a) if may_manage else None)
                for a in appointments
                if a.role == AppointmentRole.INDEPENDENT_EXPERT
            ],
            "authors": [a for a in appointments if a.role == AppointmentRole.INDEPENDENT_AUTHOR],
            "not_appointed": review.experts_declined.visible_to(user, "section.experts")
            .select_related("recorded_by")
            .order_by("kind"),
            "no_expert_form": no_expert_form or _no_expert_form(review),
            "advice": advice,
            "may_manage": may_manage,
            "may_advise": own_expert and can(user, "expert.advise", review),
            "may_consider": may_manage or can(user, "panel.decide", review),
            "expert_form": expert_form or _appoint_form(review, AppointmentRole.INDEPENDENT_EXPERT),
            "author_form": author_form or _appoint_form(review, AppointmentRole.INDEPENDENT_AUTHOR),
        },
    )


def _appoint(request, pk, role: str):
    review = review_for(request, pk, MANAGE)
    form = _appoint_form(review, role, request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.appoint(
            review,
            actor=request.user,
            context=context_of(request),
            user=form.cleaned_data["user"],
            role=role,
            kind=form.cleaned_data.get("kind", ""),
            appointed_on=form.cleaned_data["appointed_on"],
        ),
    )
    if ok:
        messages.success(
            request, f"{AppointmentRole(role).label} appointed: they can now see this review"
        )
        return redirect("reviews:experts", pk=review.pk)
    key = "expert_form" if role == AppointmentRole.INDEPENDENT_EXPERT else "author_form"
    return experts(request, pk, **{key: form})


@require_POST
def expert_appoint(request, pk):
    return _appoint(request, pk, AppointmentRole.INDEPENDENT_EXPERT)


@require_POST
def author_appoint(request, pk):
    return _appoint(request, pk, AppointmentRole.INDEPENDENT_AUTHOR)


@require_POST
def expert_not_appointed(request, pk):
    """The panel records why no independent expert of a kind is appointed (19.3, 19.4):
    whoever may appoint an expert may record this."""
    review = review_for(request, pk, MANAGE)
    form = _no_expert_form(review, request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_no_expert(
            review,
            actor=request.user,
            context=context_of(request),
            kind=form.cleaned_data["kind"],
            reasons=form.cleaned_data["reasons"],
            decided_on=form.cleaned_data["decided_on"],
        ),
    )
    if ok:
        messages.success(request, "The panel's reasons for not appointing an expert are recorded")
        return redirect("reviews:experts", pk=review.pk)
    return experts(request, pk, no_expert_form=form)


def expert_advice_add(request, pk):
    review = review_for(request, pk, "expert.advise")
    form = AdviceForm(request.POST or None, initial={"given_on": timezone.localdate()})
    ok, _ = submitted(
        request,
        form,
        lambda: services.add_advice(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "Your advice is recorded for the panel")
        return redirect("reviews:experts", pk=review.pk)
    return render(request, "reviews/support/advice_form.html", {"review": review, "form": form})


@require_POST
def expert_sections(request, pk, item_pk):
    """The panel shares sections of the review with an appointed expert."""
    review = review_for(request, pk, MANAGE)
    appointment = get_for(
        request,
        Appointment.objects.filter(review=review, role=AppointmentRole.INDEPENDENT_EXPERT),
        item_pk,
    )
    return _share(request, review, appointment, experts, "reviews:experts")


def _share(request, review, holder, page, done_url: str):
    """Save what an expert or a partner board reads; a bad choice is shown on the page."""
    form = _share_form(holder, request.POST)
    ok, _ = submitted(
        request,
        form,
        lambda: services.share_sections(
            review,
            holder,
            actor=request.user,
            context=context_of(request),
            sections=form.cleaned_data["sections"],
        ),
    )
    if not ok:
        return page(request, review.pk, share_forms={holder.pk: form})
    messages.success(request, "The sections they may read are saved")
    return redirect(done_url, pk=review.pk)


def expert_advice_considered(request, pk, item_pk):
    review = review_for(request, pk, "section.experts")
    item = get_for(
        request,
        ExpertAdvice.objects.filter(review=review).select_related(
            "appointment__user", "considered_by__meeting"
        ),
        item_pk,
    )
    require(request, MANAGE, review, "panel.decide")
    form = ConsideredForm(request.POST or None, initial={"held_on": timezone.localdate()})
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_advice_considered(
            item,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        messages.success(request, "The panel's consideration of the advice is recorded")
        return redirect("reviews:experts", pk=review.pk)
    return render(
        request,
        "reviews/support/considered_form.html",
        {"review": review, "item": item, "form": form},
    )


# --- Professionals ----------------------------------------------------------------------


def professionals(request, pk):
    review = review_for(request, pk, "section.professionals")
    rows = (
        review.professionals.visible_to(request.user, "section.professionals")
        .select_related("agency")
        .order_by("agency__name", "role")
    )
    return render(
        request,
        "reviews/support/professionals.html",
        {"review": review, "rows": rows, "may_manage": can(request.user, MANAGE, review)},
    )


def _professional_page(request, review, professional=None):
    initial = {}
    if professional is not None:
        initial = {
            f: getattr(professional, f) for f in services.PROFESSIONAL_FIELDS if f != "agency"
        }
        initial["agency"] = professional.agency_id
        initial["support_taken_up"] = "yes" if professional.support_taken_up else "no"
    form = ProfessionalForm(request.POST or None, board=review.board, initial=initial)
    ok, _ = submitted(
        request,
        form,
        lambda: services.save_professional(
            review,
            professional,
            actor=request.user,
            context=context_of(request),
            **form.values(),
        ),
    )
    if ok:
        messages.success(request, "The professional's record is saved")
        return redirect("reviews:professionals", pk=review.pk)
    return render(
        request,
        "reviews/support/professional_form.html",
        {"review": review, "form": form, "professional": professional},
    )


def professional_add(request, pk):
    return _professional_page(request, review_for(request, pk, MANAGE))


def professional_edit(request, pk, item_pk):
    review = review_for(request, pk, "section.professionals")
    professional = get_for(
        request, Professional.objects.filter(review=review).select_related("agency"), item_pk
    )
    require(request, MANAGE, review)
    return _professional_page(request, review, professional)


# --- Outbound notifications -----------------------------------------------------------

# The checks of outbound notifications, and to whom each is sent.
NOTIFY_CHECKS = {
    "pct_informed_sha": Recipient.SHA,
    "inspectorate_notified": Recipient.INSPECTORATE,
    "government_office_notified": Recipient.GOVERNMENT_OFFICE,
    "ofsted_notified": Recipient.OFSTED,
    "national_panel_notified": Recipient.NATIONAL_PANEL,
    # WT2013: the notice of the decision names the reviewers (Ofsted is told of it).
    "decision_notice_names_reviewers": Recipient.OFSTED,
}


def notifications(request, pk):
    review = review_for(request, pk, "section.notifications")
    sent = list(
        review.notification.outbound.visible_to(request.user, "section.notifications").order_by(
            "sent_on", "recipient"
        )
    )
    owed = []
    for r in evaluate(review):
        recipient = NOTIFY_CHECKS.get(r.obligation.satisfied_by)
        if recipient is None or r.status == "not_applicable":
            continue
        owed.append(
            {
                "result": r,
                "recipient": recipient,
                "recipient_label": Recipient(recipient).label,
                "sent": [
                    s
                    for s in sent
                    if (
                        bool(s.reviewers)
                        if r.obligation.satisfied_by == "decision_notice_names_reviewers"
                        else s.recipient == recipient
                    )
                ],
            }
        )
    return render(
        request,
        "reviews/support/notifications.html",
        {
            "review": review,
            "owed": owed,
            "sent": sent,
            "may_manage": can(request.user, MANAGE, review),
        },
    )


def notification_add(request, pk):
    review = review_for(request, pk, MANAGE)
    form = outbound_form(request)
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_outbound(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The notification is recorded")
        return redirect("reviews:notifications", pk=review.pk)
    return render(
        request, "reviews/support/notification_form.html", {"review": review, "form": form}
    )


# --- Parallel processes ---------------------------------------------------------------


def parallel(request, pk):
    review = review_for(request, pk, "section.processes")
    user = request.user
    processes = review.parallel.visible_to(user, "section.processes").order_by("started_on", "kind")
    return render(
        request,
        "reviews/support/parallel.html",
        {
            "review": review,
            "processes": processes,
            "holding": [p for p in processes if p.holds_publication and p.is_open],
            "criminal_open": any(
                p.kind == ProcessKind.CRIMINAL and p.is_open and p.started_on for p in processes
            ),
            "paused": review.notification.pauses.visible_to(user, "section.processes")
            .filter(ends_on__isnull=True)
            .exists(),
            "may_manage": can(request.user, MANAGE, review),
            "may_pause": can(request.user, "clock.pause", review.notification),
        },
    )


def _process_page(request, review, process=None):
    initial = {}
    if process is not None:
        initial = {f: getattr(process, f) for f in services.PROCESS_FIELDS}
        initial["holds_publication"] = "yes" if process.holds_publication else "no"
    form = ProcessForm(request.POST or None, initial=initial)
    ok, saved = submitted(
        request,
        form,
        lambda: services.save_process(
            review,
            process,
            actor=request.user,
            context=context_of(request),
            **form.values(),
        ),
    )
    if ok:
        messages.success(request, f"{saved.get_kind_display()} saved")
        return redirect("reviews:parallel", pk=review.pk)
    return render(
        request,
        "reviews/support/process_form.html",
        {"review": review, "form": form, "process": process},
    )


def parallel_add(request, pk):
    return _process_page(request, review_for(request, pk, MANAGE))


def parallel_edit(request, pk, item_pk):
    review = review_for(request, pk, "section.processes")
    process = get_for(request, ParallelProcess.objects.filter(review=review), item_pk)
    require(request, MANAGE, review)
    return _process_page(request, review, process)


# --- Partner boards -----------------------------------------------------------------


def partners(request, pk, form=None, share_forms=None):
    review = review_for(request, pk, "section.partners")
    user = request.user
    child = review.notification.child
    may_share = can(user, "partner.share", review)
    rows = review.partners.visible_to(user, "section.partners").select_related("board")
    return render(
        request,
        "reviews/support/partners.html",
        {
            "review": review,
            "looked_after": bool(child and child.looked_after),
            "partners": [
                (p, (share_forms or {}).get(p.pk) or _share_form(p) if may_share else None)
                for p in rows.order_by("board__name")
            ],
            "may_manage": can(user, MANAGE, review),
            "form": form or PartnerForm(review=review),
        },
    )


@require_POST
def partner_add(request, pk):
    review = review_for(request, pk, MANAGE)
    form = PartnerForm(request.POST, review=review)
    ok, partner = submitted(
        request,
        form,
        lambda: services.add_partner(
            review, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"{partner.board} can now read this review")
        return redirect("reviews:partners", pk=review.pk)
    return partners(request, pk, form=form)


@require_POST
def partner_sections(request, pk, item_pk):
    """The lead board shares sections of the review with a partner board."""
    review = review_for(request, pk, "partner.share")
    partner = get_for(request, PartnerBoard.objects.filter(review=review), item_pk)
    return _share(request, review, partner, partners, "reviews:partners")
