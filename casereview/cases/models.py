"""Notifications of serious incidents, the people register, first-step tasks, screening
and the board chair's decision."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.models import Agency, Board
from casereview.accounts.querysets import ScopedQuerySet

from .nhs_number import validate_nhs_number
from .vocab import (
    MINORITY_ETHNIC,
    Ethnicity,
    Language,
    PersonKind,
    Plan,
    Relationship,
    Sex,
)

CaseQuerySet = ScopedQuerySet


class CaseData(models.Model):
    """Rows that belong to one case (a notification): a per-case grant reaches them."""

    case_lookup = "notification_id"

    class Meta:
        abstract = True

    @property
    def case_id(self):
        return self.notification_id

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(notification__in=_involving(agency_ids))

    def involves_agency(self, agency_id: int) -> bool:
        return self.notification.involves_agency(agency_id)


def _involving(agency_ids) -> models.QuerySet:
    return NotificationAgency.objects.filter(agency_id__in=agency_ids).values("notification_id")


class Outcome(models.TextChoices):
    DEATH = "death", "The child died"
    SERIOUS_HARM = "serious_harm", "The child was seriously harmed"


class AbuseNeglect(models.TextChoices):
    KNOWN = "known", "Known to be a factor"
    SUSPECTED = "suspected", "Suspected to be a factor"
    NOT = "not", "Not known or suspected"


class NotificationStatus(models.TextChoices):
    NOTIFIED = "notified", "Awaiting panel"
    RECOMMENDED = "recommended", "Awaiting chair"
    DECIDED = "decided", "Decided"


class Notification(models.Model):
    """A serious incident referred to the board (Rotherham 19.1; WT2006 8.x referral form)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="notifications")
    reference = models.CharField(max_length=30)
    status = models.CharField(
        max_length=20, choices=NotificationStatus.choices, default=NotificationStatus.NOTIFIED
    )
    received_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referrer_name = models.CharField(max_length=150)
    referrer_role = models.CharField(max_length=150)
    referrer_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referrer_contact = models.CharField(max_length=200)
    incident_date = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    date_of_death = models.DateField(null=True, blank=True)
    abuse_neglect = models.CharField(max_length=12, choices=AbuseNeglect.choices)
    # The child died in custody or detention (police custody, remand or sentence, a young
    # offender institution, secure training centre or secure children's home, or detained
    # under the Mental Health Act 1983): its own rules in the later regimes.
    death_in_custody = models.BooleanField(default=False)
    consider_life_threatening = models.BooleanField(default=False)
    consider_sexual_abuse = models.BooleanField(default=False)
    consider_parent_murdered = models.BooleanField(default=False)
    consider_killed_by_mentally_ill_parent = models.BooleanField(default=False)
    consider_interagency_concerns = models.BooleanField(default=False)
    circumstances = models.TextField()
    whereabouts_and_carer = models.TextField(blank=True)
    cross_boundary_note = models.TextField(blank=True)
    # The procedure the case runs under, as it stood when the case began (kept for good).
    regime = models.CharField(max_length=40)
    regime_version = models.CharField(max_length=40)
    agencies = models.ManyToManyField(Agency, through="NotificationAgency", related_name="+")

    objects = CaseQuerySet.as_manager()
    case_lookup = "pk"

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["board", "reference"], name="notification_ref_unique")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def case_id(self):
        return self.pk

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(pk__in=_involving(agency_ids)) | Q(referrer_agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.referrer_agency_id == agency_id or any(
            ia.agency_id == agency_id for ia in self.involvements.all()
        )

    @property
    def child(self) -> Person | None:
        return next((p for p in self.people.all() if p.kind == PersonKind.CHILD), None)

    @property
    def considerations(self) -> dict[str, bool]:
        return {
            "a": self.consider_life_threatening,
            "b": self.consider_sexual_abuse,
            "c": self.consider_parent_murdered,
            "d": self.consider_killed_by_mentally_ill_parent,
            "e": self.consider_interagency_concerns,
        }


class NotificationAgency(models.Model):
    """An agency involved with the child; it must secure its records at once."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="involvements"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="involvements")
    still_involved = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "agency"], name="involvement_unique_agency"
            )
        ]


class KeyDate(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="key_dates"
    )
    date = models.DateField()
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["date", "id"]


class Person(CaseData):
    """An entry in the people register of one case: the child, family, other children."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(max_length=20, choices=PersonKind.choices)
    given_names = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150)
    aliases = models.CharField(max_length=300, blank=True, help_text="Other names used")
    date_of_birth = models.DateField(null=True, blank=True)
    # An unborn child (a pre-birth incident): no date of birth yet, the expected one instead.
    unborn = models.BooleanField(default=False)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number]
    )
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.NOT_KNOWN)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, default="NK")
    disabled = models.BooleanField(default=False)
    disability_description = models.CharField(max_length=300, blank=True)
    address = models.TextField(blank=True)
    # For children.
    school = models.CharField(max_length=200, blank=True)
    gp_practice = models.CharField(max_length=200, blank=True)
    looked_after = models.BooleanField(default=False)
    plan = models.CharField(max_length=12, choices=Plan.choices, default=Plan.NOT_KNOWN)
    # For family and household members.
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)
    parental_responsibility = models.BooleanField(default=False)
    legitimate_interest = models.BooleanField(default=False)
    preferred_language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    interpreter_needed = models.BooleanField(default=False)
    contact_details = models.TextField(blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification"],
                condition=Q(kind="child"),
                name="person_one_child_per_notification",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(notification__in=_involving(agency_ids)) | Q(
            notification__referrer_agency_id__in=agency_ids
        )

    def involves_agency(self, agency_id: int) -> bool:
        return self.notification.involves_agency(agency_id)

    @property
    def is_minority_ethnic(self) -> bool:
        return self.ethnicity in MINORITY_ETHNIC


class TaskKind(models.TextChoices):
    OTHER_CHILDREN = "other_children", "Consider whether other children are at risk"
    RECORDS_SECURED = "records_secured", "Secure the agency's records"


TASK_CITATIONS = {
    TaskKind.OTHER_CHILDREN: "Rotherham 19.1",
    TaskKind.RECORDS_SECURED: "WT2006 chapter 8 first steps (Oxfordshire 7.1)",
}


class Task(CaseData):
    """A first step that falls due the moment a notification is saved."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=20, choices=TaskKind.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_on = models.DateField(null=True, blank=True, help_text="Date the step was taken")
    note = models.TextField(blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "kind", "agency"], name="task_unique_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.kind == TaskKind.RECORDS_SECURED and self.agency_id:
            return f"{self.agency.name}: secure records"
        return self.get_kind_display()

    @property
    def citation(self) -> str:
        return TASK_CITATIONS[TaskKind(self.kind)]

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


class Recommendation(models.TextChoices):
    REVIEW_REQUIRED = "review_required", "A serious case review is required"
    REVIEW_TO_CONSIDER = "review_to_consider", "A serious case review is to be considered"
    CRITERIA_NOT_MET = "criteria_not_met", "The criteria are not met"


class PanelRecommendation(CaseData):
    """What the panel recommends to the chair, beside what the criteria say."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="panel_recommendation"
    )
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    # The screening outcome id of the case's regime (e.g. review_required, or WT2018's
    # notify_panel_and_rapid_review) when the panel recorded its recommendation.
    criteria_result = models.CharField(max_length=40)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    reasons = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = CaseQuerySet.as_manager()


class DecisionOutcome(models.TextChoices):
    HOLD_REVIEW = "hold_review", "Hold a serious case review"
    OTHER_LEARNING = "other_learning", "Use another learning process"
    NO_REVIEW = "no_review", "No review"


class ReferenceCounter(models.Model):
    """The last notification number given in a board's year (cases/references.py)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="reference_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.board_id} {self.year}: {self.last_number}"


class Decision(CaseData):
    """The board chair's decision, with reasons and any dissent (London 19.1)."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="decision"
    )
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    reasons = models.TextField()
    dissent = models.TextField(blank=True)
    # A decision against a "review required" screening: the clause it departs from, kept
    # so that the departure stays visible (dashboard, compliance page). Empty otherwise.
    departs_from = models.CharField(max_length=300, blank=True)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = CaseQuerySet.as_manager()


class ClockPause(CaseData):
    """The procedure's clocks stand still for this case, e.g. during criminal proceedings."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="pauses")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
