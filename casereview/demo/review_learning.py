"""The learning of the board's older reviews (demo and board scales): lessons (19.3 and 19.4
ones where the child's ethnicity or a disability calls for them), recommendations with the
board's response, and actions at every status, from not started to a change verified with
evidence. Written through the learning services, then dated back to when they happened."""

from __future__ import annotations

import random
from datetime import timedelta

from casereview.audit.context import SYSTEM
from casereview.learning import coding, services
from casereview.learning.models import (
    Action,
    ActionStatus,
    Lesson,
    LessonCategory,
    ProgressUpdate,
    Rag,
    RecommendationKind,
    RecommendationLevel,
    ResponseKind,
)

from .review_profile import RS, STAGE_ENTRY
from .review_run import ReviewRun

# (category, lesson, theme, recommendation, expected change, measure)
LESSONS = {
    LessonCategory.INTER_AGENCY: (
        "Agencies held pieces of information that, put together, showed rising risk; no "
        "agency convened a meeting to share them.",
        "information_sharing",
        "The board should make sure agencies call a multi-agency meeting when concerns rise.",
        "Rising concerns lead to a multi-agency meeting within ten working days",
        "Share of audited cases with a timely meeting",
    ),
    LessonCategory.SINGLE_AGENCY: (
        "Home visits recorded the parents' account but not what the child said or showed.",
        "voice_of_child",
        "Visit records should capture the child's own words and behaviour.",
        "Every visit record shows what the child said or how the child seemed",
        "Share of audited visit records showing the child's voice",
    ),
    LessonCategory.COMMUNITIES: (
        "The family's first language was not used, and no interpreter was booked for key meetings.",
        "culture_ethnicity_faith_language",
        "Agencies should book interpreters for families whose first language is not English.",
        "Families are spoken with in their first language at every key meeting",
        "Share of key meetings with an interpreter where needed",
    ),
    LessonCategory.DISABILITY: (
        "The child's disability was seen as explaining injuries that needed to be questioned.",
        "disability",
        "Practitioners should be trained to question injuries in disabled children.",
        "Injuries in disabled children are questioned and recorded as such",
        "Audit of injury assessments for disabled children",
    ),
}
# The recommendation types (the vocabulary's recommendation_type axis) of each lesson's
# recommendation.
REC_TYPES = {
    LessonCategory.INTER_AGENCY: ["policy_procedure"],
    LessonCategory.SINGLE_AGENCY: ["practice_tool", "supervision"],
    LessonCategory.COMMUNITIES: ["policy_procedure", "commissioning_resources"],
    LessonCategory.DISABILITY: ["training"],
}
# The incident coding drawn for a death and for serious harm (codes of the vocabulary).
DEATH_CATEGORIES = (
    "sudden_unexpected_infant_death",
    "extreme_neglect",
    "severe_physical_assault",
    "infanticide_covert_homicide",
    "suicide",
    "accident",
)
HARM_TYPES = ("physical", "neglect", "sexual")
MALTREATMENT = ("physical", "emotional", "exploitation", "online")
ORDER = (
    ActionStatus.NOT_STARTED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.COMPLETED,
    ActionStatus.VERIFIED,
)
# The furthest an action can be, given the days since its recommendation.
STAGES = (
    (60, ActionStatus.NOT_STARTED),
    (150, ActionStatus.IN_PROGRESS),
    (260, ActionStatus.COMPLETED),
)


def learning(run: ReviewRun) -> None:
    """Lessons agreed at panel sign-off; recommendations then; the board's response at its
    sign-off; actions carried as far as the time since allows."""
    # Its own random stream (from the reference): the rest of the review stays as it was.
    rng = random.Random(f"learning {run.review.reference}")
    made_on = run.on(STAGE_ENTRY[RS.PANEL_SIGN_OFF])
    categories = [LessonCategory.INTER_AGENCY, LessonCategory.SINGLE_AGENCY]
    if run.bme:
        categories.append(LessonCategory.COMMUNITIES)
    if run.disabled:
        categories.append(LessonCategory.DISABILITY)
    chair = run.panel_chair
    agencies = run.agencies or [None]
    for i, category in enumerate(categories):
        text, theme, rec_text, change, measure = LESSONS[category]
        lesson = services.add_lesson(
            run.review, actor=chair, context=SYSTEM, text=text, category=category
        )
        services.tag_lesson(
            lesson,
            actor=chair,
            context=SYSTEM,
            code=theme,
            span_start=0,
            span_end=len(text),
        )
        agency = agencies[i % len(agencies)]
        consider = rng.random() < 0.15
        rec = services.add_recommendation(
            run.review,
            actor=chair,
            context=SYSTEM,
            text=rec_text,
            level=RecommendationLevel.AGENCY if agency else RecommendationLevel.BOARD,
            kind=RecommendationKind.FOR_CONSIDERATION if consider else RecommendationKind.SMART,
            agency=agency,
            made_on=made_on,
            lessons=[lesson],
            types=REC_TYPES[category],
        )
        if agency is not None:
            _action(run, rng, rec, agency, change, measure)
    services.agree_lessons(run.review, actor=chair, context=SYSTEM)
    coding.record_coding(run.review, actor=chair, context=SYSTEM, **incident_coding(run))
    Lesson.objects.filter(review=run.review).update(
        agreed_at=run.moment(made_on), recorded_at=run.moment(made_on)
    )
    if run.reached(RS.BOARD_SIGN_OFF):
        responded = run.on(STAGE_ENTRY[RS.BOARD_SIGN_OFF])
        for rec in run.review.recommendations.all():
            in_part = rng.random() < 0.2
            services.respond(
                rec,
                actor=run.ctx.chair,
                context=SYSTEM,
                kind=ResponseKind.ACCEPTED_IN_PART if in_part else ResponseKind.ACCEPTED,
                reasons="The board accepts the aim; the timescale is set by the agency"
                if in_part
                else "",
                responded_on=max(responded, rec.made_on),
            )


def incident_coding(run: ReviewRun) -> dict:
    """The panel's coding of the incident for the national record: neglect in about 60% of
    reviews (DOMAIN.md §6), with one other maltreatment type now and then; its own random
    stream, so the rest of the demo stays as it was."""
    rng = random.Random(f"coding {run.review.reference}")
    maltreatment = ["neglect"] if rng.random() < 0.6 else []
    if not maltreatment or rng.random() < 0.3:
        maltreatment.append(rng.choice(MALTREATMENT))
    if coding.died(run.review):
        return {"death_category": rng.choice(DEATH_CATEGORIES), "maltreatment": maltreatment}
    return {"harm_types": [rng.choice(HARM_TYPES)], "maltreatment": maltreatment}


def _action(run: ReviewRun, rng: random.Random, rec, agency, change: str, measure: str) -> None:
    made_on = rec.made_on
    target = made_on + timedelta(days=rng.choice((90, 120, 180, 270)))
    action = services.add_action(
        rec,
        actor=run.manager,
        context=SYSTEM,
        owner_agency=agency,
        owner=f"Safeguarding lead, {agency.name}",
        description=rec.text,
        expected_change=change,
        measure=measure,
        evidence_required="An audit of cases before and after the change",
        target_date=max(target, made_on),
    )
    age = (run.today - made_on).days
    # As far as the time since allows at most; some agencies lag (every status is seen).
    furthest = next((i for i, (limit, _) in enumerate(STAGES) if age < limit), len(STAGES))
    status = ORDER[rng.randint(0, furthest)]
    if status == ActionStatus.NOT_STARTED:
        return
    lead = run.manager
    steps = [(ActionStatus.IN_PROGRESS, 30, "Work started; the audit tool is agreed")]
    if status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED):
        steps.append((ActionStatus.COMPLETED, 120, "The change is in place in every team"))
    for step, days, text in steps:
        on = min(made_on + timedelta(days=days), run.today)
        services.update_action(
            action,
            actor=lead,
            context=SYSTEM,
            lock_version=action.lock_version,
            status=step,
            rag=Rag.GREEN if step == ActionStatus.COMPLETED else Rag.AMBER,
            text=text,
            on=on,
        )
    ProgressUpdate.objects.filter(action=action).update(written_at=run.moment(made_on))
    if status == ActionStatus.VERIFIED:
        before, after = rng.randint(40, 65), rng.randint(80, 98)
        services.verify(
            action,
            actor=run.manager,
            context=SYSTEM,
            evidence_kind="data_measure",
            evidence="A re-audit of 30 cases six months on",
            measure_before=f"{before}%",
            measure_after=f"{after}%",
            verified_on=min(made_on + timedelta(days=200), run.today),
        )
    Action.objects.filter(pk=action.pk).update(created_at=run.moment(made_on))
