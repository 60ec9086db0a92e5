"""The review's identifier register: what the anonymiser takes out of its reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.cases.models import CaseQuerySet, _involving
from casereview.reviews.models import Review, ReviewRecord

from .anonymiser.register import Term


class TermKind(models.TextChoices):
    PERSON = "person", "Person's name"
    DOB = "dob", "Date of birth"
    ADDRESS = "address", "Address or postcode"
    SCHOOL = "school", "School or nursery"
    DATE = "date", "Key date"
    ORG = "org", "GP surgery or other organisation"
    PHONE = "phone", "Phone number"
    NHS_NUMBER = "nhs_number", "NHS number"


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Person's name" -> "person's name", but an acronym keeps
    its capitals ("GP surgery or other organisation", "NHS number")."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]


class TermSource(models.TextChoices):
    PEOPLE = "people", "From the people register"
    HAND = "hand", "Added by hand"


class TermStatus(models.TextChoices):
    ACTIVE = "active", "In use"
    CORRECTED = "corrected", "Corrected"
    REMOVED = "removed", "Removed"


class RegisterTerm(ReviewRecord):
    """One identifier. A correction keeps the old row (status corrected, with its reason and
    the row that replaced it); a removal keeps it too (status removed, with its reason)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="register_terms")
    kind = models.CharField(max_length=12, choices=TermKind.choices)
    value = models.CharField(max_length=300)
    role = models.CharField(
        max_length=60, blank=True, help_text="For a person: child, mother, father, …"
    )
    aliases = models.TextField(blank=True, help_text="Other names or spellings, one a line")
    source = models.CharField(max_length=8, choices=TermSource.choices, default=TermSource.HAND)
    # The people register entry it came from (a person's name, birth date, school, …).
    person_id = models.UUIDField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=TermStatus.choices, default=TermStatus.ACTIVE)
    reason = models.TextField(blank=True, help_text="Why it was corrected or removed")
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "added_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pk})"  # no personal data in logs

    @property
    def kind_in_sentence(self) -> str:
        return in_sentence(self.get_kind_display())

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    def as_term(self) -> Term:
        return Term(self.kind, self.value, self.role.lower(), tuple(self.alias_list))


# --- The overview report and the executive summary: drafts, sign-off, rendering, publication ---


class ReportKind(models.TextChoices):
    OVERVIEW = "overview", "Overview report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"


class ReportStage(models.TextChoices):
    DRAFTING = "drafting", "Being drafted"
    PANEL_SIGNED = "panel_signed", "Signed off by the panel"
    BOARD_SIGNED = "board_signed", "Signed off by the board"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Publication withdrawn"


class RetentionBasis(models.TextChoices):
    """Where a publication's minimum period on the public page comes from (rules.py)."""

    REGIME = "regime", "The regime's minimum"
    BOARD = "board", "The board's policy"


class Report(ReviewRecord):
    """One of the review's two reports. Its text lives in versions; the stage moves with the
    sign-offs (the board's sign-off completes the review) and publication."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    stage = models.CharField(
        max_length=14, choices=ReportStage.choices, default=ReportStage.DRAFTING
    )
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["review", "kind"], name="one_report_of_each_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ReportVersion(models.Model):
    """A version of a report's text, never changed once saved: a list of sections
    [{"key": "circumstances", "title": "...", "text": "...", "assembled": bool}], the assembled
    ones built from the review's data and the narrative ones written by the author."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=list)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    board_lookup = "report__review__board_id"
    case_lookup = "report__review__notification_id"

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]


class ReportComment(models.Model):
    """A comment on one section of one version; resolved, never deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=60)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]


class SignOffBy(models.TextChoices):
    PANEL = "panel", "The review panel"
    BOARD = "board", "The board"


class SignOff(models.Model):
    """The panel's or the board's sign-off of one version of a report; withdrawn with a reason
    when it was given in error (kept)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sign_offs")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    by = models.CharField(max_length=6, choices=SignOffBy.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField()
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at"]

    @property
    def notification_id(self):
        """The case, for the kept compliance state (reviews/kept.py)."""
        return self.report.review.notification_id


class QualityRating(ReviewRecord):
    """The panel's self-assessment of the review against one published quality marker, with
    the evidence for it in the review (shown on the sign-off and compliance pages)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="quality_ratings")
    marker = models.CharField(max_length=60)
    rating = models.CharField(max_length=20)
    evidence = models.TextField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField()
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["marker"]
        constraints = [
            models.UniqueConstraint(fields=["review", "marker"], name="one_rating_per_marker")
        ]


class ReachedThroughReport(models.Model):
    """Rows of a report's version (a rendering) or of a report (a publication): the
    permission layer reaches them through the review, as it reaches the review's own rows."""

    objects = CaseQuerySet.as_manager()
    report_path = ""  # the lookup from the row to its report

    class Meta:
        abstract = True

    def _review(self):
        obj = self
        for part in self.report_path.split("__"):
            obj = getattr(obj, part)
        return obj.review

    @property
    def board_id(self) -> int:
        return self._review().board_id

    @property
    def notification_id(self):
        return self._review().notification_id

    @classmethod
    def agency_filter(cls, agency_ids) -> Q:
        return Q(**{f"{cls.report_path}__review__notification__in": _involving(agency_ids)})

    def involves_agency(self, agency_id: int) -> bool:
        return self._review().involves_agency(agency_id)


class RenderFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class Rendering(ReachedThroughReport):
    """One version rendered to PDF or Word by a background task; the leak check re-reads the
    text extracted from the file (and its metadata) against the identifier register."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(max_length=4, choices=RenderFormat.choices)
    status = models.CharField(max_length=8, choices=RenderStatus.choices, default="queued")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Register terms found in the rendered output: [{"kind": ..., "where": "text|metadata|..."}]
    # (never the term itself, which is personal data).
    leaks = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    report_path = "version__report"
    board_lookup = "version__report__review__board_id"
    case_lookup = "version__report__review__notification_id"

    class Meta:
        ordering = ["-requested_at"]


class Publication(ReachedThroughReport):
    """A rendered report made public on the board's public page, kept there at least for the
    regime's minimum period or, where it sets none, the board's policy; withdrawn with a
    reason (kept)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publications")
    rendering = models.ForeignKey(Rendering, on_delete=models.PROTECT, related_name="+")
    # Public: the title and summary on the board's public page (anonymised text only).
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    keep_until = models.DateField()
    # Why keep_until is that date, as it stood when published (the board may change its
    # policy later): the period, the regime's minimum or the board's policy, and the clause.
    retention_period = models.CharField(max_length=40, default="12 months")
    retention_basis = models.CharField(
        max_length=10, choices=RetentionBasis.choices, default=RetentionBasis.BOARD
    )
    retention_clause = models.CharField(max_length=80, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    report_path = "report"
    board_lookup = "report__review__board_id"
    case_lookup = "report__review__notification_id"

    class Meta:
        ordering = ["-published_at"]

    @property
    def retention_source(self) -> str:
        """ "the regime's minimum: WT2013 chapter 4" or "the board's policy: …"."""
        from .rules import source_of

        return source_of(self.retention_basis, self.retention_clause)
