"""Pages that correct a review's records with a reason (reviews/corrections.py): a family
contact corrected or withdrawn, an appointment ended, a partner board removed, an agency
report's attachment withdrawn, a panel meeting corrected, a panel decision withdrawn."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.access import get_for, require
from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.cases.amendment_forms import ReasonForm, reason_field
from casereview.documents import services as documents
from casereview.documents.models import Document
from casereview.lib.forms import GovukDateField, submitted
from casereview.procedure import citations

from . import corrections
from .dates import review_bounds
from .family import services as family_services
from .family.forms import ContactForm
from .lookup import review_for
from .models import (
    AgencyReport,
    Appointment,
    FamilyContact,
    PanelDecision,
    PanelMeeting,
    PartnerBoard,
)
from .panel.forms import MeetingForm

MANAGE = "review.manage"


class ContactCorrectionForm(ContactForm):
    reason = reason_field()


class MeetingCorrectionForm(MeetingForm):
    reason = reason_field()


class EndAppointmentForm(forms.Form):
    ended_on = GovukDateField(label="Date the appointment ended")
    reason = reason_field("Why is the appointment ended?")


def _page(request, review, form, *, title, back, intro="", button="Save the correction"):
    return render(
        request,
        "reviews/amend_form.html",
        {
            "review": review,
            "form": form,
            "title": title,
            "intro": intro,
            "button": button,
            "back_url": reverse(back, args=[review.pk]),
        },
    )


def _contact(request, review, item_pk) -> FamilyContact:
    return get_for(
        request, FamilyContact.objects.filter(review=review).select_related("person"), item_pk
    )


def contact_correct(request, pk, item_pk):
    review = review_for(request, pk)
    contact = _contact(request, review, item_pk)
    require(request, MANAGE, review)
    people = list(family_services.family_people(review))
    form = ContactCorrectionForm(
        request.POST or None,
        people=people,
        bounds=review_bounds(review),
        cite=citations.for_case(review),
        initial={
            "person": str(contact.person_id),
            "on": contact.on,
            "method": contact.method,
            "language": contact.language,
            "interpreter": "yes" if contact.interpreter else "no",
            "purposes": contact.purposes,
            "note": contact.note,
        },
    )
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_contact(
            contact,
            actor=request.user,
            context=context_of(request),
            values=form.values(),
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        messages.success(request, "The contact is corrected; the earlier record is kept")
        return redirect("reviews:family", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title="Correct a contact with the family",
        back="reviews:family",
        intro=f"The duties to tell the family ({citations.for_case(review)['family_told']}) read "
        "the contact as corrected. The earlier record is kept in the case's history with your "
        "reason.",
    )


def contact_withdraw(request, pk, item_pk):
    review = review_for(request, pk)
    contact = _contact(request, review, item_pk)
    require(request, MANAGE, review)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_contact(
            contact, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, "The contact is withdrawn; it is kept in the case's history")
        return redirect("reviews:family", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title=f"Withdraw the contact of {contact.on:%-d %B %Y}",
        back="reviews:family",
        intro="Only for a contact recorded in error. It is kept, marked withdrawn with your "
        "reason, and no longer counts as telling the family anything.",
        button="Withdraw the contact",
    )


def appointment_end(request, pk, item_pk):
    review = review_for(request, pk)
    appointment = get_for(
        request, Appointment.objects.filter(review=review).select_related("user"), item_pk
    )
    require(request, MANAGE, review)
    form = EndAppointmentForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.end_appointment(
            appointment, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"The appointment of {appointment.user.display_name()} is ended")
        return redirect("reviews:experts", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title=f"End the appointment of {appointment.user.display_name()}",
        back="reviews:experts",
        intro="Their access to this review ends with the appointment. The appointment is "
        "kept, with the date it ended and your reason.",
        button="End the appointment",
    )


def partner_remove(request, pk, item_pk):
    review = review_for(request, pk)
    partner = get_for(
        request, PartnerBoard.objects.filter(review=review).select_related("board"), item_pk
    )
    require(request, MANAGE, review)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.remove_partner(
            partner, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"{partner.board} is no longer a partner in this review")
        return redirect("reviews:partners", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title=f"Remove {partner.board} as a partner board",
        back="reviews:partners",
        intro="Its members stop reading this review at once. The partnership is kept in the "
        "case's history with your reason.",
        button="Remove the partner board",
    )


def meeting_correct(request, pk, item_pk):
    review = review_for(request, pk)
    meeting = get_for(request, PanelMeeting.objects.filter(review=review), item_pk)
    require(request, MANAGE, review)
    form = MeetingCorrectionForm(
        request.POST or None,
        members=review.panel.visible_to(request.user, "section.panel"),
        initial={
            "held_on": meeting.held_on,
            "attendees": list(meeting.attendees.visible_to(request.user, "section.panel")),
            "minutes": meeting.minutes,
        },
    )
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.correct_meeting(
            meeting,
            actor=request.user,
            context=context_of(request),
            values={k: form.cleaned_data[k] for k in ("held_on", "attendees", "minutes")},
            reason=form.cleaned_data["reason"],
        ),
    )
    if ok:
        messages.success(request, "The meeting is corrected; the earlier record is kept")
        return redirect("reviews:panel", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title=f"Correct the meeting of {meeting.held_on:%-d %B %Y}",
        back="reviews:panel",
        intro="Its decisions stay with it, and the procedure reads the meeting as corrected. "
        "The earlier record is kept in the case's history with your reason. A decision "
        "minuted in error is withdrawn on the panel page.",
    )


def panel_decision_withdraw(request, pk, item_pk):
    review = review_for(request, pk)
    # Not found before refused, as for the other records here: a decision already withdrawn
    # is no longer there to withdraw.
    decision = get_for(
        request, PanelDecision.objects.filter(review=review).select_related("meeting"), item_pk
    )
    require(request, "panel.decide", review)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_decision(
            decision, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(
            request,
            f"The decision is withdrawn: {decision.get_kind_display()}. It is kept in the "
            "case's history",
        )
        return redirect("reviews:panel", pk=review.pk)
    return _page(
        request,
        review,
        form,
        title=f"Withdraw a decision of the meeting of {decision.meeting.held_on:%-d %B %Y}",
        back="reviews:panel",
        intro=f"“{decision.get_kind_display()}”. Only for a decision minuted in error. It is "
        "kept, marked withdrawn with your reason, and no longer counts as the panel's decision: "
        "an obligation it was evidence for is owed again, and an expert's advice it recorded as "
        "considered waits to be considered again.",
        button="Withdraw the decision",
    )


def report_document_withdraw(request, pk, item_pk, document_pk):
    review = review_for(request, pk, "section.reports")
    report = get_for(
        request,
        AgencyReport.objects.filter(review=review).select_related("agency"),
        item_pk,
        "report.write",
        scope="case.view",
    )
    document = documents.all_documents_of(report).filter(pk=document_pk).first()
    if document is None:
        record(
            "deny",
            Document,
            "not_found",
            object_id=str(document_pk),
            board_id=review.board_id,
            actor=request.user,
            context=context_of(request),
        )
        raise Http404
    if document.withdrawn_at is not None:
        messages.info(request, f"{document.original_name} was already withdrawn")
        return redirect("reviews:report", pk=review.pk, item_pk=report.pk)
    form = ReasonForm(request.POST or None)
    ok, _ = submitted(
        request,
        form,
        lambda: corrections.withdraw_document(
            report, document, actor=request.user, context=context_of(request), **form.cleaned_data
        ),
    )
    if ok:
        messages.success(request, f"{document.original_name} is withdrawn")
        return redirect("reviews:report", pk=review.pk, item_pk=report.pk)
    return render(
        request,
        "reviews/amend_form.html",
        {
            "review": review,
            "form": form,
            "title": f"Withdraw {document.original_name}",
            "intro": "The file is kept, but no longer listed or offered for download. The "
            "case's history shows it as withdrawn, with your reason.",
            "button": "Withdraw the document",
            "back_url": reverse("reviews:report", args=[review.pk, report.pk]),
        },
    )
