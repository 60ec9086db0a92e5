"""The family pages of a review (Rotherham 19.3, 19.5). Reading needs section.family; every
change, and producing letters, needs review.manage."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from casereview.accounts.access import get_for
from casereview.accounts.permissions import can
from casereview.audit.context import context_of
from casereview.lib.forms import submitted
from casereview.procedure import citations
from casereview.procedure.engine import evaluate, sort_for_display

from ..dates import review_bounds
from ..lookup import review_for
from ..models import ChildQuestion, InvolvementBasis
from . import child as child_rules
from . import letters, services
from .forms import ChildInvolvementForm, ContactForm, InvolvementForm, NotContactedForm


def _member(request, review, item_pk):
    return get_for(request, services.family_members(review), item_pk, "review.manage")


def family(request, pk):
    review = review_for(request, pk, "section.family")
    members = services.members_with_involvement(review)
    has_letters = services.letter_languages(review.board_id, (m.person for m in members))
    person_duties = services.duties_by_person(review, [m.person for m in members])
    results = evaluate(review.notification)
    child_involvement = getattr(review, "child_involvement", None)
    child_words = (
        child_rules.wording(
            child_involvement.question or ChildQuestion.OFFERED,
            child_rules.first_name(review.notification),
        )
        if child_involvement
        else None
    )
    changed = bool(
        child_involvement
        and child_involvement.question
        != child_rules.question_of(review.notification, child_involvement.recorded_on)
    )
    return render(
        request,
        "reviews/family/family.html",
        {
            "review": review,
            "members": [
                (
                    m,
                    services.language_name(m.person.preferred_language),
                    has_letters[m.person.pk],
                    person_duties[m.person.pk],
                    services.missing_message(
                        services.preferred_language_name(m.person.preferred_language)
                    ),
                )
                for m in members
            ],
            "child": review.notification.child,
            "child_involvement": child_involvement,
            "child_words": child_words,
            "child_question_changed": changed,
            "contacts": services.contact_log(review),
            "templates": letters.TEMPLATES,
            "obligations": [
                r
                for r in sort_for_display(results)
                if r.obligation.stage == "family" and r.status != "not_applicable"
            ],
            "may_manage": can(request.user, "review.manage", review),
        },
    )


def involvement(request, pk, item_pk):
    review = review_for(request, pk, "review.manage")
    person = _member(request, review, item_pk)
    existing = (
        review.family.visible_to(request.user, "section.family").filter(person=person).first()
    )
    if existing:
        initial = {
            "basis": existing.basis,
            "involved": "yes" if existing.involved else "no",
            "extent": existing.extent,
            "board_reason": existing.board_reason,
            "views_of_parents": existing.views_of_parents,
        }
    else:
        initial = {
            "basis": InvolvementBasis.PARENTAL_RESPONSIBILITY
            if person.parental_responsibility
            else InvolvementBasis.LEGITIMATE_INTEREST
        }
    form = InvolvementForm(request.POST or None, initial=initial, cite=citations.for_case(review))
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_involvement(
            review,
            person,
            actor=request.user,
            context=context_of(request),
            **form.values(),
        ),
    )
    if ok:
        messages.success(request, f"{person.full_name}'s involvement recorded")
        return redirect("reviews:family", pk=review.pk)
    return render(
        request,
        "reviews/family/involvement.html",
        {"review": review, "person": person, "form": form},
    )


def child_involvement(request, pk):
    review = review_for(request, pk, "review.manage")
    existing = getattr(review, "child_involvement", None)
    question = child_rules.question_of(review.notification, timezone.localdate())
    initial = (
        {
            "involved": "yes" if existing.involved else "no",
            "how": existing.how,
            "reason_not": existing.reason_not,
            "recorded_on": existing.recorded_on,
        }
        if existing and existing.question == question
        else {}
    )
    name = child_rules.first_name(review.notification)
    form = ChildInvolvementForm(
        request.POST or None, initial=initial, question=question, child_name=name
    )
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_child_involvement(
            review,
            actor=request.user,
            context=context_of(request),
            **form.values(),
        ),
    )
    if ok:
        messages.success(request, "The child's involvement is recorded")
        return redirect("reviews:family", pk=review.pk)
    return render(
        request,
        "reviews/family/child.html",
        {
            "review": review,
            "child": review.notification.child,
            "form": form,
            "words": child_rules.wording(question, name),
            "question": question,
            "asked_from_age": child_rules.ASKED_FROM_AGE,
        },
    )


def not_contacted(request, pk, item_pk):
    """The panel's reason for not contacting one family member (19.5: comply or explain);
    a POST with `withdraw` withdraws the reason in force."""
    review = review_for(request, pk, "review.manage")
    person = _member(request, review, item_pk)
    current = services.not_contacted(review, person)
    if request.method == "POST" and "withdraw" in request.POST:
        services.withdraw_not_contacted(
            review, person, actor=request.user, context=context_of(request)
        )
        messages.success(request, f"{person.full_name} is to be contacted again")
        return redirect("reviews:family", pk=review.pk)
    initial = (
        {"reason": current.reason, "detail": current.detail}
        if current
        else {"recorded_on": timezone.localdate()}
    )
    form = NotContactedForm(request.POST or None, initial=initial)
    ok, _ = submitted(
        request,
        form,
        lambda: services.record_not_contacted(
            review, person, actor=request.user, context=context_of(request), **form.values()
        ),
    )
    if ok:
        messages.success(request, f"The reason not to contact {person.full_name} is recorded")
        return redirect("reviews:family", pk=review.pk)
    return render(
        request,
        "reviews/family/not_contacted.html",
        {
            "review": review,
            "person": person,
            "form": form,
            "current": current,
        },
    )


def contact_add(request, pk):
    review = review_for(request, pk, "review.manage")
    people = list(services.family_people(review))
    initial = {"on": timezone.localdate()}
    chosen = next((p for p in people if str(p.pk) == request.GET.get("person")), None)
    if chosen is not None:
        initial.update(person=str(chosen.pk), language=chosen.preferred_language)
    form = ContactForm(
        request.POST or None,
        people=people,
        initial=initial,
        bounds=review_bounds(review),
        cite=citations.for_case(review),
    )
    ok, contact = submitted(
        request,
        form,
        lambda: services.record_contact(
            review, actor=request.user, context=context_of(request), **form.values()
        ),
    )
    if ok:
        person = contact.person
        cite = citations.for_case(review)
        if services.in_preferred_language(contact, person):
            messages.success(request, f"Contact with {person.full_name} recorded")
        elif not services.preferred_language_name(person.preferred_language):
            messages.warning(
                request,
                f"Contact with {person.full_name} recorded. Their preferred language is not "
                f"recorded: record it in the people register ({cite['preferred_language']}).",
            )
        else:
            messages.warning(
                request,
                f"Contact with {person.full_name} recorded. It was not in their preferred "
                f"language ({services.language_name(person.preferred_language)}) and no "
                f"interpreter was used ({cite['preferred_language']}).",
            )
        return redirect("reviews:family", pk=review.pk)
    return render(
        request,
        "reviews/family/contact_form.html",
        {
            "review": review,
            "form": form,
            "preferences": [(p, services.language_name(p.preferred_language)) for p in people],
        },
    )


def letter(request, pk, item_pk, template):
    review = review_for(request, pk, "review.manage")
    person = _member(request, review, item_pk)
    if template not in letters.TEMPLATES:
        raise Http404
    outcome = services.letter_for(review, person, template, sender=request.user)
    if outcome.letter is not None:
        services.record_letter_export(
            review, outcome, actor=request.user, context=context_of(request)
        )
    return render(
        request,
        "reviews/family/letter.html",
        {
            "review": review,
            "person": person,
            "outcome": outcome,
            "template_title": letters.TEMPLATES[template],
            "others": [(slug, title) for slug, title in letters.TEMPLATES.items()],
            "may_translate": can(request.user, "letters.translate", review.board),
            "board_contact": services.board_contact(review.board),
        },
    )
