"""The Serious Case Review: opened by the chair's decision, then its panel, terms of
reference, agency reports, experts, family, professionals, notifications and parallel
processes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.models import Agency, Board
from casereview.accounts.querysets import ScopedQuerySet
from casereview.cases.models import (
    CaseData,
    CaseQuerySet,
    Decision,
    Notification,
    Person,
    _involving,
    live_manager,
)
from casereview.cases.vocab import Language
from casereview.procedure import catalogue


class ReviewStatus(models.TextChoices):
    DECIDED = "decided", "Decided"
    SCOPING = "scoping", "Scoping"
    AGENCY_REPORTS = "agency_reports", "Agency reports"
    OVERVIEW_DRAFTING = "overview_drafting", "Overview drafting"
    PANEL_SIGN_OFF = "panel_sign_off", "Panel sign-off"
    BOARD_SIGN_OFF = "board_sign_off", "Board sign-off"
    PUBLISHED = "published", "Published"
    MONITORING = "monitoring", "Monitoring"
    CLOSED = "closed", "Closed"


# The stages in which the overview report is still being written: from the panel's sign-off
# on it is the panel's and the board's (a return to drafting brings it back).
OVERVIEW_TO_WRITE = (
    ReviewStatus.DECIDED,
    ReviewStatus.SCOPING,
    ReviewStatus.AGENCY_REPORTS,
    ReviewStatus.OVERVIEW_DRAFTING,
)
# The stages in which the panel still takes advice: until the board signs off the overview
# report, when the review is complete.
ADVICE_TAKEN = (*OVERVIEW_TO_WRITE, ReviewStatus.PANEL_SIGN_OFF)


class Review(CaseData):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="review"
    )
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="review")
    reference = models.CharField(max_length=30)
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DECIDED
    )
    regime = models.CharField(max_length=40)
    regime_version = models.CharField(max_length=20, blank=True)
    opened_at = models.DateTimeField()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["board", "reference"], name="review_ref_unique")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def regime_name(self) -> str:
        """The procedure it runs under, as users read it (not the regime file's name)."""
        return catalogue.display_name(self.regime, self.regime_version)

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(notification__in=_involving(agency_ids))

    def involves_agency(self, agency_id: int) -> bool:
        return self.notification.involves_agency(agency_id)


# --- People appointed to the review and partner boards ---------------------------------


class AppointmentRole(models.TextChoices):
    INDEPENDENT_EXPERT = "independent_expert", "Independent expert"
    INDEPENDENT_AUTHOR = "independent_author", "Independent overview author"


class ExpertKind(models.TextChoices):
    RACE_CULTURE = "race_culture", "Race and culture"
    DISABILITY = "disability", "Disability"


# Each choice's citation topic (procedure/citations.py): forms that know the review label
# the choice with the clause of the review's own regime.
EXPERT_KIND_TOPICS = {ExpertKind.RACE_CULTURE: "race", ExpertKind.DISABILITY: "disability"}


def expert_sections() -> list[str]:
    """What an expert reads until the panel shares more: the stage, the agreed terms and
    the experts' page (their own advice)."""
    return ["section.stage", "section.terms", "section.experts"]


def partner_sections() -> list[str]:
    """What a partner board reads until the lead board shares more."""
    return ["section.stage", "section.terms"]


class ReviewRecord(CaseData):
    """A row that belongs to one review; it takes its board and case from the review."""

    objects = CaseQuerySet.as_manager()
    board_lookup = "review__board_id"
    case_lookup = "review__notification_id"

    class Meta:
        abstract = True

    @property
    def board_id(self) -> int:
        return self.review.board_id

    @property
    def notification_id(self):
        return self.review.notification_id

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(review__notification__in=_involving(agency_ids))

    def involves_agency(self, agency_id: int) -> bool:
        return self.review.involves_agency(agency_id)


class StatusChange(ReviewRecord):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]


class Appointment(ReviewRecord):
    """An independent expert or author appointed to one review: they reach it alone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="appointments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    role = models.CharField(max_length=30, choices=AppointmentRole.choices)
    kind = models.CharField(max_length=20, choices=ExpertKind.choices, blank=True)
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # Why the appointment was ended (cases/amendments.py keeps the record as it was).
    ended_reason = models.TextField(blank=True)
    # The section actions the panel shares with an expert (an overview author reads every
    # section but the access log, whatever this says).
    shared_sections = models.JSONField(default=expert_sections)

    @property
    def topic(self) -> str:
        """The citation topic of an expert's kind."""
        return EXPERT_KIND_TOPICS.get(self.kind, "")


class ExpertNotAppointed(ReviewRecord):
    """The panel's record that no independent expert of one kind is appointed, with its
    reasons: 19.3 and 19.4 make an expert "normal practice", so the panel may explain why
    it departs from it (comply or explain). Recording it again replaces the reasons."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="experts_declined")
    kind = models.CharField(max_length=20, choices=ExpertKind.choices)
    reasons = models.TextField()
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "kind"], name="expert_not_appointed_once")
        ]

    @property
    def topic(self) -> str:
        return EXPERT_KIND_TOPICS[self.kind]

    @property
    def summary(self) -> str:
        """The reasons in brief, as the compliance page shows them as evidence."""
        return _summary(self.reasons)


def _summary(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


class PartnerBoard(models.Model):
    """Another board whose area the case touches (cross-boundary): reads this review only."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="partners")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    # The section actions the lead board shares with the partner board's members.
    shared_sections = models.JSONField(default=partner_sections)
    # Removed (with a reason): kept, but no longer a partner and no longer reading the review.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.TextField(blank=True)

    # Scoped by the review's (lead) board; `board` is the partner.
    objects = live_manager("removed_at")
    all_objects = CaseQuerySet.as_manager()
    board_lookup = "review__board_id"
    case_lookup = "review__notification_id"
    agency_filter = staticmethod(ReviewRecord.agency_filter)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "board"],
                condition=Q(removed_at__isnull=True),
                name="partner_board_once",
            )
        ]


# --- The panel ---------------------------------------------------------------------------


class PanelMember(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel")
    name = models.CharField(max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role_title = models.CharField(max_length=150)
    independent_chair = models.BooleanField(default=False)
    joined_on = models.DateField()

    class Meta:
        ordering = ["-independent_chair", "name"]

    def __str__(self) -> str:
        return self.name


class PanelMeeting(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    attendees = models.ManyToManyField(PanelMember, related_name="meetings", blank=True)
    minutes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on"]


class PanelDecisionKind(models.TextChoices):
    TERMS_AGREED = "terms_agreed", "Terms of reference agreed"
    FAMILY_INVOLVEMENT_AGREED = "family_agreed", "Extent of family involvement agreed"
    FAMILY_INVOLVEMENT_REVIEWED = "family_reviewed", "Extent of family involvement reviewed"
    COMMUNITY_LINK = "community_link", "Who links with community and faith organisations"
    CULTURAL_SENSITIVITY = (
        "cultural_sensitivity",
        "Sensitivity to race, culture, language and religion considered",
    )
    DISABILITY_JUDGEMENT = "disability_judgement", "Judgement on services for disability"
    EXPERT_ADVICE = "expert_advice", "Independent expert's advice considered"
    AGENCY_REPORT = "agency_report", "Agency report accepted or returned"
    RAPID_REVIEW = "rapid_review", "Rapid review completed (WT2018)"
    OTHER = "other", "Other decision"


PANEL_DECISION_TOPICS = {
    PanelDecisionKind.FAMILY_INVOLVEMENT_AGREED: "family_involvement",
    PanelDecisionKind.FAMILY_INVOLVEMENT_REVIEWED: "family_involvement_reviewed",
    PanelDecisionKind.COMMUNITY_LINK: "community_link",
    PanelDecisionKind.CULTURAL_SENSITIVITY: "cultural_sensitivity",
    PanelDecisionKind.DISABILITY_JUDGEMENT: "disability_judgement",
}


class PanelDecision(ReviewRecord):
    """A decision of the panel, minuted at a meeting: evidence for obligations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="decisions")
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel_decisions")
    kind = models.CharField(max_length=30, choices=PanelDecisionKind.choices)
    text = models.TextField()
    # Withdrawn (minuted in error, reviews/corrections.py): kept with its reason, no longer
    # the panel's decision nor evidence for any obligation.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = live_manager("withdrawn_at")
    all_objects = CaseQuerySet.as_manager()

    @property
    def topic(self) -> str:
        """The citation topic of its kind, if the procedure asks for it."""
        return PANEL_DECISION_TOPICS.get(self.kind, "")

    class Meta:
        ordering = ["meeting__held_on", "id"]


# --- Terms of reference --------------------------------------------------------------------


class TermsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"


class TermsOfReference(ReviewRecord):
    """One version of the terms of reference; an agreed version is never edited again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="terms")
    version = models.PositiveIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
    family_involvement = models.TextField()
    parallel_processes = models.TextField(blank=True)
    diversity_questions = models.TextField(
        blank=True, help_text="Race, language, culture, religion and disability"
    )
    specific_questions = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=TermsStatus.choices, default="draft")
    agreed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["review", "version"], name="terms_version_once")
        ]


class RequestedReport(models.Model):
    """An agency the terms of reference ask for a report, and by when."""

    terms = models.ForeignKey(
        TermsOfReference, on_delete=models.CASCADE, related_name="requested_reports"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()


# --- Agency reports (individual management reviews) ----------------------------------------


class ReportStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    DRAFT = "draft", "Being written"
    SUBMITTED = "submitted", "Submitted to the panel"
    RETURNED = "returned", "Returned with reasons"
    ACCEPTED = "accepted", "Accepted by the panel"


class AgencyReport(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="agency_reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.REQUESTED
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_role = models.CharField(max_length=150, blank=True)
    author_independence = models.TextField(blank=True)
    records_secured_on = models.DateField(null=True, blank=True)
    context = models.TextField(blank=True)
    methodology = models.TextField(blank=True)
    chronology_summary = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    action_plan = models.TextField(blank=True)
    senior_sign_off_name = models.CharField(max_length=150, blank=True)
    senior_sign_off_role = models.CharField(max_length=150, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    returned_reasons = models.TextField(blank=True)
    # Optimistic locking: a save carries the version it read; a stale one is refused.
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="one_report_per_agency")
        ]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        # An agency author sees their own agency's report only, not the others'.
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


# --- Independent experts' advice -------------------------------------------------------------


class ExpertAdvice(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="expert_advice")
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="advice")
    about = models.CharField(max_length=150, help_text="The part of the review it concerns")
    advice = models.TextField()
    given_on = models.DateField()
    considered_by = models.ForeignKey(
        PanelDecision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


# --- The family --------------------------------------------------------------------------


class InvolvementBasis(models.TextChoices):
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Has parental responsibility"
    LEGITIMATE_INTEREST = "legitimate_interest", "Has a legitimate interest"


INVOLVEMENT_BASIS_TOPICS = {InvolvementBasis.LEGITIMATE_INTEREST: "legitimate_interest"}


class FamilyInvolvement(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="family")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=30, choices=InvolvementBasis.choices)
    involved = models.BooleanField(default=True)
    extent = models.TextField(blank=True)
    board_reason = models.TextField(blank=True, help_text="Why it is in the child's interests")
    views_of_parents = models.TextField(
        blank=True, help_text="Views of those with parental responsibility"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="family_member_once")
        ]


class ChildQuestion(models.TextChoices):
    """The question the child's involvement answers, by whether the child died and the
    child's age (reviews/family/child.py)."""

    REPRESENTED = "represented", "How the child's lived experience and voice are represented"
    THROUGH_ADVOCATE = "through_advocate", "Whether the child is heard through an advocate"
    OFFERED = "offered", "Whether the child was offered the chance to contribute"


class ChildInvolvement(ReviewRecord):
    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="child_involvement"
    )
    involved = models.BooleanField()
    how = models.TextField(blank=True)
    reason_not = models.TextField(blank=True)
    recorded_on = models.DateField()
    # The question answered; the check is met only while it is still the right one.
    question = models.CharField(max_length=20, choices=ChildQuestion.choices, blank=True)


class ContactMethod(models.TextChoices):
    LETTER = "letter", "Letter"
    PHONE = "phone", "Telephone"
    VISIT = "visit", "Home visit"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "Email"


class ContactPurpose(models.TextChoices):
    TOLD_OF_REVIEW = "told_of_review", "Told of the review and its purpose"
    PROCESS = "process", "Told about the process"
    PUBLICATION = "publication", "Told of the timing and publication of the summary"
    INVITED = "invited", "Invited to contribute"
    SHOWN_REPORT = "shown_report", "Shown the report"


CONTACT_PURPOSE_TOPICS = {
    ContactPurpose.TOLD_OF_REVIEW: "family_told",
    ContactPurpose.PROCESS: "family_process",
    ContactPurpose.PUBLICATION: "family_publication",
}


class FamilyContact(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="family_contacts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    language = models.CharField(max_length=8, choices=Language.choices)
    interpreter = models.BooleanField(default=False)
    purposes = models.JSONField(default=list)
    note = models.TextField(blank=True)
    # Withdrawn as recorded in error: kept, but no longer evidence for any duty.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = live_manager("withdrawn_at")
    all_objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]


class NoContactReason(models.TextChoices):
    WHEREABOUTS_UNKNOWN = "whereabouts_unknown", "Their whereabouts are not known"
    CUSTODY_POLICE_ADVICE = (
        "custody_police_advice",
        "They are in custody and the police advise against contact",
    )
    CHILD_INTERESTS = "child_interests", "Contact would not be in the child's interests"
    DIED = "died", "They have died"
    OTHER = "other", "Another reason"


class FamilyNotContacted(ReviewRecord):
    """The panel's reason for not telling one family member of the review (19.5: comply or
    explain). Withdrawn, never deleted, when the reason no longer holds."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="family_not_contacted"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=30, choices=NoContactReason.choices)
    detail = models.TextField()
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "person"],
                condition=Q(withdrawn_on__isnull=True),
                name="family_not_contacted_once",
            )
        ]


class LetterTranslation(models.Model):
    """A board's translation of one family letter into one language: the uploaded Word or
    PDF file (a document owned by this row), and who approved it and when. The newest
    approved translation is offered for family members whose preferred language it is."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=8, choices=Language.choices)
    template = models.CharField(max_length=30)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    approved_by_name = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # Withdrawn (a wrong or outdated translation): kept with its file, no longer offered.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["language", "template", "-uploaded_at"]

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(pk__in=[])

    def involves_agency(self, agency_id: int) -> bool:
        return False


# --- Professionals ---------------------------------------------------------------------


class Professional(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="professionals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=150)
    name = models.CharField(max_length=150, blank=True)
    support_offered_on = models.DateField(null=True, blank=True)
    support_taken_up = models.BooleanField(default=False)
    debriefed_on = models.DateField(null=True, blank=True)
    feedback_on = models.DateField(null=True, blank=True)

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        # An agency author sees their own agency's staff only.
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


# --- Outbound notifications and parallel processes --------------------------------------


class Recipient(models.TextChoices):
    SHA = "sha", "Strategic Health Authority (by the PCT)"
    INSPECTORATE = "inspectorate", "Inspectorate (CSCI or Ofsted)"
    GOVERNMENT_OFFICE = "government_office", "Government Office"
    OFSTED = "ofsted", "Ofsted"
    NATIONAL_PANEL = "national_panel", "Child Safeguarding Practice Review Panel"
    SECRETARY_OF_STATE = "secretary_of_state", "Secretary of State (Department for Education)"
    PARTNER_BOARD = "partner_board", "Partner board"


class OutboundNotification(CaseData):
    """A statutory notification sent about the case, with a copy of what was sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="outbound"
    )
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    purpose = models.CharField(max_length=200)
    sent_on = models.DateField()
    method = models.CharField(max_length=60)
    copy = models.TextField(help_text="What was sent")
    # A notice of a decision to hold a review names the reviewers (WT2013 chapter 4).
    reviewers = models.CharField(max_length=300, blank=True)

    objects = CaseQuerySet.as_manager()


class RapidReview(CaseData):
    """The rapid review of a serious child safeguarding case (WT2018 chapter 4), recorded on
    the notification: it comes before, and decides whether there is, a local review."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="rapid_review"
    )
    completed_on = models.DateField()
    participants = models.TextField(help_text="Who took part: agencies and roles")
    findings = models.TextField()
    local_review_recommended = models.BooleanField()
    recommendation_reasons = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = CaseQuerySet.as_manager()


class ReviewPlan(ReviewRecord):
    """One version of the review's timescale: when it will be completed (WT2006: the
    timescale agreed with the Government Office; WT2010: a revised plan after an overrun)
    and when the report is planned to be published (WT2018). The latest version counts;
    earlier ones are kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="plans")
    completion_on = models.DateField()
    publication_on = models.DateField(null=True, blank=True)
    agreed_with = models.CharField(max_length=150, blank=True)
    reasons = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]


class ProcessKind(models.TextChoices):
    CRIMINAL = "criminal", "Criminal proceedings"
    INQUEST = "inquest", "Coroner's inquest"
    DOMESTIC_HOMICIDE = "dhr", "Domestic homicide review"
    MENTAL_HEALTH = "mental_health", "Mental health investigation"
    DISCIPLINARY = "disciplinary", "Disciplinary process"
    CHILD_DEATH = "child_death", "Child death review (CDOP)"


class ParallelProcess(ReviewRecord):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="parallel")
    kind = models.CharField(max_length=20, choices=ProcessKind.choices)
    started_on = models.DateField(null=True, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    status_note = models.CharField(max_length=300, blank=True)
    holds_publication = models.BooleanField(
        default=False, help_text="Publication waits until this concludes"
    )

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None


# --- Reminders sent (reminders.py) -----------------------------------------------------


class ReminderSent(models.Model):
    """One reminder e-mail: at most one per obligation, case and recipient a day."""

    case_id = models.UUIDField()
    obligation = models.CharField(max_length=80)
    recipient_id = models.PositiveBigIntegerField()
    sent_on = models.DateField()
    status = models.CharField(max_length=12)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case_id", "obligation", "recipient_id", "sent_on"],
                name="reminder_once_a_day",
            )
        ]


class WordTemplate(models.Model):
    """One version of a board's own Word template for one document kind
    (reviews/word_templates.py): the uploaded .docx (a document owned by this row), checked
    by filling it once with synthetic values before it was kept. At most one version of a
    kind is in force; with none, the service's default template is used. Earlier versions
    are kept, to be put back in force."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    in_force = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "kind", "version"], name="word_template_version"
            ),
            models.UniqueConstraint(
                fields=["board", "kind"],
                condition=Q(in_force=True),
                name="word_template_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} version {self.version}"

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(pk__in=[])


# --- Compliance kept current (kept.py) --------------------------------------------------


class KeptCase(models.Model):
    """When the stored obligation lines of one open case were last worked out, and whether
    a change to its data since has made them stale (kept.py)."""

    case = models.OneToOneField(
        Notification, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    regime = models.CharField(max_length=40)
    regime_version = models.CharField(max_length=40)
    computed_on = models.DateField()
    computed_at = models.DateTimeField()
    # New at every store: names this working-out (kept.full keeps the page's lines under
    # it; a timestamp could repeat under a frozen test clock).
    stamp = models.UUIDField(null=True, blank=True)
    stale = models.BooleanField(default=False)
    # Decided against a review with nothing left open when last worked out: such a case
    # leaves open_cases() until a change to its data marks it stale again.
    settled = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["stale"], name="kept_case_stale")]


class ObligationState(models.Model):
    """One obligation of one open case as the engine last found it (kept.py): what the
    dashboards read instead of evaluating every case on each view."""

    case = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    obligation = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16)
    due = models.DateField(null=True)
    paused_days = models.IntegerField(default=0)
    evidence_on = models.DateField(null=True)
    evidence_label = models.TextField(blank=True)
    evidence_url = models.TextField(blank=True)
    waiting_for = models.TextField(blank=True)
    regime = models.CharField(max_length=40)
    regime_version = models.CharField(max_length=40)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "obligation"], name="obligation_state_once")
        ]
        indexes = [models.Index(fields=["status", "case"], name="obligation_state_status")]
