"""Objects of a review's learning for the access-control matrices: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""

from datetime import date

from django.utils import timezone

MADE_ON = date(2026, 3, 15)


def _someone(review):
    return review.notification.created_by


def _lesson(review, world):
    from casereview.learning.models import Lesson

    lesson, _ = Lesson.objects.get_or_create(
        review=review,
        text="Matrix lesson",
        defaults={
            "category": "inter_agency",
            "recorded_by": _someone(review),
            "recorded_at": timezone.now(),
        },
    )
    return {"item_pk": lesson.pk}


def recommendation(review):
    from casereview.learning.models import Recommendation

    rec, _ = Recommendation.objects.get_or_create(
        review=review,
        number=1,
        defaults={
            "text": "Matrix recommendation",
            "level": "board",
            "made_on": MADE_ON,
            "recorded_by": _someone(review),
            "recorded_at": timezone.now(),
        },
    )
    return rec


def _recommendation(review, world):
    return {"item_pk": recommendation(review).pk}


def _action(status):
    def make(review, world):
        from casereview.learning.models import Action

        action = Action.objects.create(
            review=review,
            recommendation=recommendation(review),
            owner_agency=review.board.agencies.order_by("name").first(),
            owner="Matrix officer",
            description="Matrix action",
            expected_change="A change",
            measure="A measure",
            evidence_required="An audit",
            target_date=date(2026, 9, 1),
            status=status,
            created_by=_someone(review),
            created_at=timezone.now(),
        )
        return {"item_pk": action.pk}

    return make


def _responded(review, world):
    from casereview.learning.models import BoardResponse

    rec = recommendation(review)
    BoardResponse.objects.get_or_create(
        recommendation=rec,
        defaults={
            "review": review,
            "kind": "in_part",
            "reasons": "Matrix reasons",
            "responded_on": MADE_ON,
            "responded_by": _someone(review),
        },
    )
    return {"item_pk": rec.pk}


def _bare_recommendation(review, world):
    """A recommendation with no action (one with live actions is not withdrawn)."""
    from casereview.learning.models import Recommendation

    rec, _ = Recommendation.objects.get_or_create(
        review=review,
        number=2,
        defaults={
            "text": "Matrix recommendation without actions",
            "level": "board",
            "made_on": MADE_ON,
            "recorded_by": _someone(review),
            "recorded_at": timezone.now(),
        },
    )
    return {"item_pk": rec.pk}


def _with_update(review, world):
    from casereview.learning.models import Action, ProgressUpdate

    kwargs = _action("in_progress")(review, world)
    update = ProgressUpdate.objects.create(
        review=review,
        action=Action.objects.get(pk=kwargs["item_pk"]),
        text="Matrix progress",
        on=MADE_ON,
        status="in_progress",
        written_by=_someone(review),
        written_at=timezone.now(),
    )
    return {**kwargs, "update_pk": update.pk}


def _with_evidence(review, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casereview.audit.context import SYSTEM
    from casereview.documents import services as documents
    from casereview.learning.models import ProgressUpdate

    kwargs = _with_update(review, world)
    document = documents.store(
        board=review.board,
        owner=ProgressUpdate.objects.get(pk=kwargs["update_pk"]),
        upload=SimpleUploadedFile("audit.txt", b"Matrix evidence"),
        actor=_someone(review),
        context=SYSTEM,
    )
    return {**kwargs, "document_pk": document.pk}


def _verified(review, world):
    from casereview.learning.models import Action, Verification

    kwargs = _action("verified")(review, world)
    Verification.objects.create(
        review=review,
        action=Action.objects.get(pk=kwargs["item_pk"]),
        evidence_kind="audit",
        evidence="Matrix audit",
        verified_on=MADE_ON,
        verified_by=_someone(review),
    )
    return kwargs


ITEMS: dict = {
    "learning:lesson": _lesson,
    "learning:lesson_withdraw": _lesson,
    "learning:lesson_themes": _lesson,
    "learning:lesson_theme_decide": _lesson,
    "learning:recommendation_respond": _recommendation,
    "learning:action": _action("not_started"),
    "learning:action_verify": _action("completed"),
    "learning:recommendation_correct": _recommendation,
    "learning:recommendation_withdraw": _bare_recommendation,
    "learning:response_correct": _responded,
    "learning:action_correct": _action("in_progress"),
    "learning:action_withdraw": _action("not_started"),
    "learning:update_withdraw": _with_update,
    "learning:update_evidence": _with_evidence,
    "learning:verification_withdraw": _verified,
}
