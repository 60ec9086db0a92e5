"""Notifications of serious incidents, the people register, first-step tasks, screening
and the board chair's decision."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.models import Agency, Board
from casereview.accounts.querysets import ScopedQuerySet
from casereview.procedure import catalogue, citations

from .nhs_number import validate_nhs_number
from .vocab import (
    MINORITY_ETHNIC,
    Disability,
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
    def regime_name(self) -> str:
        """The procedure it runs under, as users read it (not the regime file's name)."""
        return catalogue.display_name(self.regime, self.regime_version)

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
    def is_decided(self) -> bool:
        """The chair has decided: the decision is changed only by deciding again."""
        return self.status == NotificationStatus.DECIDED

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


def live_manager(flag: str):
    """A default manager that leaves out rows whose `flag` (a datetime) is set: a row
    removed or withdrawn in error (cases/amendments.py) is kept but hidden from pages,
    predicates and checks; the model's `all_objects` reaches every row."""

    class LiveManager(models.Manager.from_queryset(ScopedQuerySet)):
        def get_queryset(self):
            return super().get_queryset().filter(**{f"{flag}__isnull": True})

    return LiveManager()


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
    # Ethnicity, religion, disability and language (issue 9 item 7): the forms preselect
    # nothing; "not known" is a real answer, and what a row saved without an answer means.
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, default="NK")
    religion = models.CharField(
        max_length=100, blank=True, help_text="Religion or belief, if known"
    )
    disability = models.CharField(
        max_length=12, choices=Disability.choices, default=Disability.NOT_KNOWN
    )
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
        max_length=8, choices=Language.choices, default=Language.NOT_KNOWN
    )
    interpreter_needed = models.BooleanField(default=False)
    contact_details = models.TextField(blank=True)
    # Removed from the register as entered in error (amendments.py): kept, never shown.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.TextField(blank=True)

    objects = live_manager("removed_at")
    all_objects = CaseQuerySet.as_manager()

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

    @property
    def disabled(self) -> bool:
        return self.disability == Disability.YES


class TaskKind(models.TextChoices):
    OTHER_CHILDREN = "other_children", "Consider whether other children are at risk"
    RECORDS_SECURED = "records_secured", "Secure the agency's records"


# Each first step's citation topic (procedure/citations.py), cited in the case's regime.
TASK_TOPICS = {
    TaskKind.OTHER_CHILDREN: "other_children",
    TaskKind.RECORDS_SECURED: "records_secured",
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
            ),
            # SQL treats every NULL agency as distinct, so the constraint above lets a case
            # hold two board-wide steps of one kind (two "consider other children" tasks).
            models.UniqueConstraint(
                fields=["notification", "kind"],
                condition=models.Q(agency__isnull=True),
                name="task_unique_without_agency",
            ),
        ]
        indexes = [
            # The compliance checks count each case's first steps from the index alone
            # (cases/checks.py _first_steps).
            models.Index(
                fields=["notification", "kind", "done_on", "completed_at"], name="task_step_facts"
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
        return citations.for_case(self.notification)[TASK_TOPICS[TaskKind(self.kind)]]

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


# --- 19.1: the other children considered (issue 9 item 8) -------------------------------


class RiskAssessment(models.TextChoices):
    AT_RISK = "at_risk", "At risk of harm"
    NOT_AT_RISK = "not_at_risk", "Not at risk of harm"
    NOT_KNOWN = "not_known", "Not known yet"


class SafeguardingAction(models.TextChoices):
    NONE = "none", "None yet"
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY = "strategy", "Strategy discussion"


class ChildConsidered(CaseData):
    """One child considered under 19.1 ("whether there are other children at risk of harm
    who require safeguarding"): the assessment, and the referral or strategy discussion."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="children_considered"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    assessment = models.CharField(
        "is the child at risk of harm", max_length=12, choices=RiskAssessment.choices
    )
    note = models.TextField("the assessment")
    action = models.CharField(
        "referral or strategy discussion",
        max_length=12,
        choices=SafeguardingAction.choices,
        default=SafeguardingAction.NONE,
    )
    action_on = models.DateField("date of the referral or discussion", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="recorded by",
    )
    recorded_at = models.DateTimeField("recorded at")

    objects = CaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notification", "person"], name="child_considered_once")
        ]

    @property
    def is_settled(self) -> bool:
        return consideration_settled(self.assessment, self.action, self.action_on)


def consideration_settled(assessment: str, action: str, action_on) -> bool:
    """Not at risk, or safeguarded: a child at risk (or whose risk is not known) needs a
    referral or strategy discussion with its date (19.1)."""
    return assessment == RiskAssessment.NOT_AT_RISK or (
        action != SafeguardingAction.NONE and action_on is not None
    )


def consideration_settled_q() -> Q:
    """`consideration_settled` as a query condition, for counting in the database."""
    return Q(assessment=RiskAssessment.NOT_AT_RISK) | (
        ~Q(action=SafeguardingAction.NONE) & Q(action_on__isnull=False)
    )


OTHER_CHILD_RELATIONSHIPS = frozenset(
    {Relationship.SIBLING, Relationship.HALF_SIBLING, Relationship.OTHER_CHILD_INSTITUTION}
)


def other_children_q() -> Q:
    """The register's other children: entered as another child, or a sibling in the family."""
    return Q(kind=PersonKind.OTHER_CHILD) | Q(
        kind=PersonKind.FAMILY, relationship__in=OTHER_CHILD_RELATIONSHIPS
    )


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
    # What the criteria said when the chair (re-)decided: if the facts are corrected so that
    # they say something else, the decision is to be looked at again.
    criteria_result = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)

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


class AmendmentKind(models.TextChoices):
    CORRECTED = "corrected", "Corrected"
    REMOVED = "removed", "Removed as entered in error"
    REDECIDED = "redecided", "Re-decided"
    NEW_VERSION = "new_version", "New version"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ENDED = "ended", "Ended"


class Amendment(CaseData):
    """One correction of a record of the case: the record as it was before (`before`, its
    fields as JSON), the values after, who, when (server time) and why. Obligations read the
    records' current state; this keeps every earlier version (cases/amendments.py)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="amendments"
    )
    # The record corrected: its model's label and primary key.
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=64)
    # What the record is called on the history page ("The notification's facts", ...).
    record_label = models.CharField(max_length=150)
    # The action that reads the record (case.view, section.family, ...): who sees this line.
    read_action = models.CharField(max_length=40, default="case.view")
    kind = models.CharField(max_length=20, choices=AmendmentKind.choices)
    before = models.JSONField()
    after = models.JSONField()
    reason = models.TextField()
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    amended_at = models.DateTimeField()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["amended_at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="amendment_record")]

    def __str__(self) -> str:
        return f"{self.record_label}: {self.get_kind_display()}"

    @property
    def changed(self) -> list[str]:
        """The fields whose value differs between before and after."""
        keys = list(dict.fromkeys([*self.before, *self.after]))
        return [k for k in keys if self.before.get(k) != self.after.get(k)]
