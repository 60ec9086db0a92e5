"""From lessons to change (19.2): a review's lessons, its recommendations, the board's
response, the actions that carry them out, their progress and the board's verification that
the expected change happened.

Every row belongs to one review (ReviewRecord: its board and case come from the review).
Actions are scoped to their owner agency: an agency author (the agency's lead) reaches only
the actions their agency owns."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.chronology.models import ChronologyEntry, KeyPracticeEpisode
from casereview.reviews.models import Review, ReviewRecord

from . import vocabulary


class LessonCategory(models.TextChoices):
    SINGLE_AGENCY = "single_agency", "Single agency"
    INTER_AGENCY = "inter_agency", "Inter-agency"
    COMMUNITIES = "communities", "Working with particular communities"
    DISABILITY = "disability", "Disabled children and parents"
    OTHER = "other", "Other"


# Each highlighted category's citation topic (procedure/citations.py): the lessons page
# says which clause of the review's regime asks for it (Rotherham 19.3 and 19.4).
HIGHLIGHTED = {
    LessonCategory.COMMUNITIES: "community_lessons",
    LessonCategory.DISABILITY: "disability_lessons",
}


class RecommendationLevel(models.TextChoices):
    BOARD = "board", "Board level"
    AGENCY = "agency", "Agency level"


class RecommendationKind(models.TextChoices):
    SMART = "smart", "SMART recommendation"
    FOR_CONSIDERATION = "consider", "Issue for the board to consider"


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_IN_PART = "in_part", "Accepted in part"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    VERIFIED = "verified", "Change verified"


class Rag(models.TextChoices):
    RED = "red", "Red: unacceptable progress"
    AMBER = "amber", "Amber: acceptable progress"
    GREEN = "green", "Green: achieved"


class EvidenceKind(models.TextChoices):
    AUDIT = "audit", "An audit"
    REINSPECTION = "reinspection", "A re-inspection"
    DATA_MEASURE = "data_measure", "A data measure before and after"


class Lesson(ReviewRecord):
    """A finding of the review and the lesson drawn from it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField("Finding and lesson")
    category = models.CharField(max_length=16, choices=LessonCategory.choices)
    episodes = models.ManyToManyField(KeyPracticeEpisode, blank=True, related_name="lessons")
    entries = models.ManyToManyField(ChronologyEntry, blank=True, related_name="lessons")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # The panel's agreement of the lessons (closing the loop tells the referrer and agencies).
    agreed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.get_category_display()}: {text}"

    @property
    def highlight_topic(self) -> str:
        return HIGHLIGHTED.get(self.category, "")


class ThemeTag(ReviewRecord):
    """A national theme (learning/vocabulary.py) on a lesson, with the words that show it,
    who assigned it (a person or a tagger) and how sure they were."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="theme_tags")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="tags")
    code = models.CharField(max_length=64)
    # Character offsets into the lesson's text.
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "person" or a tagger's name and version.
    assigned_via = models.CharField(max_length=60, default="person")
    confidence = models.DecimalField(max_digits=4, decimal_places=3, default=1)
    confirmed = models.BooleanField(default=False)
    # A tagger's suggestion a person turned down: kept, so that it is not suggested again.
    rejected = models.BooleanField(default=False)
    # Who confirmed or rejected a tagger's suggestion.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "code"], name="one_tag_per_theme"),
            models.CheckConstraint(
                condition=Q(span_end__gte=models.F("span_start")), name="tag_span_ordered"
            ),
        ]


class Recommendation(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveIntegerField()
    text = models.TextField("Recommendation")
    level = models.CharField(max_length=8, choices=RecommendationLevel.choices)
    kind = models.CharField(
        max_length=8, choices=RecommendationKind.choices, default=RecommendationKind.SMART
    )
    # For an agency-level recommendation: the agency it is made to.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lessons = models.ManyToManyField(Lesson, blank=True, related_name="recommendations")
    # Codes of the vocabulary's recommendation_type axis (DOMAIN.md §5), for the national
    # record: training, policy or procedure, ...
    types = models.JSONField(default=list, blank=True)
    made_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_recommendation_number")
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.number}. {text}"

    @property
    def type_labels(self) -> list[str]:
        return [vocabulary.label(c, axis=vocabulary.RECOMMENDATION_TYPE) for c in self.types]


class IncidentCoding(ReviewRecord):
    """The review's incident coding for the national record (DOMAIN.md §5): the death
    category when the child died, the non-fatal harm types when not, and the maltreatment
    types. Codes of the vocabulary (learning/vocabulary.py); one row per review."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="coding")
    death_category = models.CharField(max_length=40, blank=True)
    harm_types = models.JSONField(default=list, blank=True)
    maltreatment = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    lock_version = models.PositiveIntegerField(default=0)


class BoardResponse(ReviewRecord):
    """The board's written response to one recommendation; reasons are required unless it
    is accepted whole."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="board_responses")
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="response"
    )
    kind = models.CharField(max_length=12, choices=ResponseKind.choices)
    reasons = models.TextField(blank=True)
    responded_on = models.DateField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="accepted") | ~Q(reasons=""), name="response_reasons_given"
            )
        ]


class Action(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="learning_actions")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # The named officer (a role and name as the agency gives it, not an account).
    owner = models.CharField("Owner (officer)", max_length=150)
    description = models.TextField()
    expected_change = models.TextField("What is expected to change")
    measure = models.TextField("How the change will be measured")
    evidence_required = models.TextField("Evidence required")
    target_date = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    # Set by a person; the rule's suggestion (learning/rag.py) is shown beside it.
    rag = models.CharField(max_length=6, choices=Rag.choices, blank=True)
    rag_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["target_date", "id"]
        indexes = [models.Index(fields=["status", "target_date"], name="action_status_due")]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(owner_agency_id__in=agency_ids)

    @property
    def set_on(self) -> date:
        """The day the action was set (recorded): its target date is never before it."""
        return timezone.localdate(self.created_at)

    def involves_agency(self, agency_id: int) -> bool:
        return self.owner_agency_id == agency_id

    @property
    def verification(self):
        """The live verification (withdrawn ones are kept beside it), or None."""
        return self.verifications.filter(withdrawn_at__isnull=True).first()


class ProgressUpdate(ReviewRecord):
    """What the owner reports; attachments are documents owned by the update."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="action_updates")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField("Progress")
    on = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()
    # Entered in error: kept with the reason, no longer counted.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "written_at"]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(action__owner_agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.action.owner_agency_id == agency_id


class Verification(ReviewRecord):
    """The board's verification that the expected change happened, with its evidence."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="verifications")
    # Several only when earlier ones were withdrawn: one live verification per action.
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="verifications")
    evidence_kind = models.CharField(max_length=14, choices=EvidenceKind.choices)
    evidence = models.TextField("Evidence of impact")
    measure_before = models.CharField(max_length=100, blank=True)
    measure_after = models.CharField(max_length=100, blank=True)
    verified_on = models.DateField()
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(evidence=""), name="verification_has_evidence"),
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_live_verification",
            ),
        ]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(action__owner_agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.action.owner_agency_id == agency_id


class ReminderKind(models.TextChoices):
    DUE = "due", "Due soon"
    OVERDUE = "overdue", "Overdue"


class ActionReminder(models.Model):
    """One reminder of an action to one person: exactly once per action, kind and person
    (the constraint makes a second attempt, by this run or one beside it, a skip)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    recipient_id = models.PositiveBigIntegerField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "recipient_id"], name="action_reminder_once"
            )
        ]
