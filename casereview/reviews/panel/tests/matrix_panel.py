"""Objects of another board's review for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def _meeting(review, world) -> dict:
    from casereview.reviews.models import PanelMeeting

    meeting = PanelMeeting.objects.create(review=review, held_on=date(2026, 3, 20))
    return {"item_pk": meeting.pk}


def _decision(review, world) -> dict:
    from casereview.reviews.models import PanelDecision, PanelMeeting

    meeting = PanelMeeting.objects.create(review=review, held_on=date(2026, 3, 20))
    decision = PanelDecision.objects.create(
        meeting=meeting, review=review, kind="other", text="Minuted in error"
    )
    return {"item_pk": decision.pk}


def _terms(review, world) -> dict:
    from casereview.reviews.models import TermsOfReference

    terms = TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 3, 1),
        family_involvement="The parents are invited to meet the author.",
        created_by=world.outsider,
        created_at=timezone.now(),
    )
    return {"version": terms.version}


ITEMS: dict = {
    "reviews:panel_decision_add": _meeting,
    "reviews:meeting_correct": _meeting,
    "reviews:panel_decision_withdraw": _decision,
    "reviews:terms_document": _terms,
    "reviews:terms_download": _terms,
    "reviews:terms_agree": _terms,
}
