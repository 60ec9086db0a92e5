"""The national scale's learning: every review decided at least OLDER_THAN days ago gets
lessons, RECOMMENDATIONS recommendations and one action each, at every status (about 30,000
recommendations and 30,000 actions for 3,000 reviews), bulk-written with the rest of its
batch (demo/national.py): no services, no audit events, as for the other national rows."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from casereview.learning.models import (
    Action,
    ActionStatus,
    EvidenceKind,
    Lesson,
    LessonCategory,
    Rag,
    Recommendation,
    RecommendationLevel,
    Verification,
)

from .review_learning import LESSONS, ORDER

OLDER_THAN = 120  # days since the decision
RECOMMENDATIONS = 10
CATEGORIES = (LessonCategory.INTER_AGENCY, LessonCategory.SINGLE_AGENCY)


def learning_rows(reviews_and_plans, rng: random.Random) -> dict[str, list]:
    """Unsaved rows for the older reviews; `links` are (recommendation, lesson) pairs."""
    rows: dict[str, list] = {"lessons": [], "recs": [], "links": [], "actions": [], "checks": []}
    today = timezone.localdate()
    now = timezone.now()
    for review, plan in reviews_and_plans:
        decided = review.opened_at.date()
        if (today - decided).days < OLDER_THAN or not plan.agencies:
            continue
        author = plan.ctx.panel_chair or plan.ctx.manager or plan.ctx.chair
        manager = plan.ctx.manager or author
        made_on = decided + timedelta(days=90)
        agreed = timezone.make_aware(
            timezone.datetime.combine(made_on, timezone.datetime.min.time())
        )
        lessons = [
            Lesson(
                review=review,
                text=LESSONS[c][0],
                category=c,
                recorded_by=author,
                recorded_at=agreed,
                agreed_at=agreed,
            )
            for c in CATEGORIES
        ]
        rows["lessons"] += lessons
        age = (today - made_on).days
        for i in range(RECOMMENDATIONS):
            lesson = lessons[i % len(lessons)]
            _, _, rec_text, change, measure = LESSONS[lesson.category]
            agency = plan.agencies[i % len(plan.agencies)]
            rec = Recommendation(
                review=review,
                number=i + 1,
                text=rec_text,
                level=RecommendationLevel.AGENCY,
                agency=agency,
                made_on=made_on,
                recorded_by=author,
                recorded_at=agreed,
            )
            rows["recs"].append(rec)
            rows["links"].append((rec, lesson))
            furthest = min(3, max(0, age // 90))
            status = ORDER[rng.randint(0, furthest)]
            target = made_on + timedelta(days=rng.choice((90, 180, 270)))
            verified_on = (
                min(made_on + timedelta(days=260), today)
                if status == ActionStatus.VERIFIED
                else None
            )
            action = Action(
                review=review,
                recommendation=rec,
                owner_agency=agency,
                owner=f"Safeguarding lead, {agency.name}",
                description=rec_text,
                expected_change=change,
                measure=measure,
                evidence_required="An audit of cases before and after the change",
                target_date=target,
                status=status,
                rag=Rag.GREEN
                if status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED)
                else Rag.AMBER,
                completed_on=min(made_on + timedelta(days=200), today)
                if verified_on or status == ActionStatus.COMPLETED
                else None,
                verified_on=verified_on,
                created_by=manager,
                created_at=now,
            )
            rows["actions"].append(action)
            if verified_on:
                rows["checks"].append(
                    Verification(
                        review=review,
                        action=action,
                        evidence_kind=EvidenceKind.DATA_MEASURE,
                        evidence="A re-audit of 30 cases six months on",
                        measure_before=f"{rng.randint(40, 65)}%",
                        measure_after=f"{rng.randint(80, 98)}%",
                        verified_on=verified_on,
                        verified_by=manager,
                    )
                )
    return rows


def write(rows: dict[str, list]) -> None:
    Lesson.objects.bulk_create(rows["lessons"], batch_size=500)
    Recommendation.objects.bulk_create(rows["recs"], batch_size=500)
    Through = Recommendation.lessons.through
    Through.objects.bulk_create(
        [Through(recommendation=r, lesson=lesson) for r, lesson in rows["links"]], batch_size=1000
    )
    Action.objects.bulk_create(rows["actions"], batch_size=500)
    Verification.objects.bulk_create(rows["checks"], batch_size=500)
