"""The panel's quality self-assessment: each review-quality marker rated with its evidence
in the review (quality_markers.py). Needed before the panel signs off a report."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.reviews.models import Review

from .models import QualityRating
from .quality_markers import BY_KEY, MARKERS, Marker, Rating

STALE = (
    "Someone else changed this rating while you were editing it: your text is below, "
    "look at theirs and save again"
)


@dataclass(frozen=True)
class Line:
    marker: Marker
    rating: QualityRating | None

    @property
    def label(self) -> str:
        return Rating.LABELS.get(self.rating.rating, "") if self.rating else "Not rated"


def lines(review: Review) -> list[Line]:
    rated = {r.marker: r for r in review.quality_ratings.select_related("rated_by")}
    return [Line(m, rated.get(m.key)) for m in MARKERS]


def missing(review: Review) -> list[Marker]:
    rated = set(review.quality_ratings.values_list("marker", flat=True))
    return [m for m in MARKERS if m.key not in rated]


def save(
    review: Review,
    *,
    actor,
    context: RequestContext,
    ratings: dict[str, tuple[str, str, int]],
) -> int:
    """Save the ratings given: marker key -> (rating, evidence, lock version read). A marker
    left unrated is left as it was. Returns how many ratings changed."""
    errors = {}
    for key, (rating, evidence, _) in ratings.items():
        if key not in BY_KEY:
            raise ValidationError(f"Unknown quality marker {key!r}")
        if rating and not evidence.strip():
            errors[f"{key}_evidence"] = "Enter the evidence for this rating in the review"
        if rating and rating not in Rating.LABELS:
            errors[f"{key}_rating"] = "Choose a rating"
    if errors:
        raise ValidationError(errors)
    changed = 0
    try:
        with transaction.atomic():
            existing = {r.marker: r for r in review.quality_ratings.select_for_update()}
            for key, (rating, evidence, lock) in ratings.items():
                if not rating:
                    continue
                old = existing.get(key)
                if old is None:
                    if lock:
                        raise ValidationError({f"{key}_rating": STALE})
                    QualityRating.objects.create(
                        review=review,
                        marker=key,
                        rating=rating,
                        evidence=evidence.strip(),
                        rated_by=actor,
                        rated_at=timezone.now(),
                    )
                elif (old.rating, old.evidence) == (rating, evidence.strip()):
                    continue
                elif old.lock_version != lock:
                    raise ValidationError({f"{key}_rating": STALE})
                else:
                    QualityRating.objects.filter(pk=old.pk).update(
                        rating=rating,
                        evidence=evidence.strip(),
                        rated_by=actor,
                        rated_at=timezone.now(),
                        lock_version=lock + 1,
                    )
                changed += 1
            if changed:
                record(
                    "quality.rate",
                    review,
                    actor=actor,
                    context=context,
                    detail={"changed": changed},
                )
    except IntegrityError:
        raise ValidationError(STALE) from None
    return changed
