"""The national store (19.6): one anonymised record per signed-off review, its lessons, and
the child death overview panels' findings taken beside them. National analysts read only
these tables, never case data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from casereview.accounts.querysets import ScopedQuerySet


class NationalRow(models.Model):
    """A row of the national store: the permission layer's national actions reach it from a
    national-analyst membership of any board (accounts/permissions.py)."""

    national = True
    # No board: a refusal is recorded under no board (accounts/access.py, board_of).
    board_lookup = None

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def agency_filter(agency_ids) -> models.Q:
        return models.Q(pk__in=[])

    def involves_agency(self, agency_id: int) -> bool:
        return False


class Submission(models.TextChoices):
    SIGN_OFF = "sign_off", "At the board's sign-off, in this service"
    API = "api", "Through the API, from a board's own instance"


class NationalRecord(NationalRow):
    """A review as the nation sees it: no direct identifier, dates as months, age as a band,
    codes of the vocabulary (learning/vocabulary.py) for every axis of DOMAIN.md §5. A repeated
    submission with the same source key replaces nothing and creates nothing new."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The board's code and the review's reference: the idempotency key (not personal data).
    source_key = models.CharField(max_length=120, unique=True)
    # The board's code (its slug): a board's manager reads its own board's figures by it.
    board_code = models.CharField(max_length=60, default="", db_index=True)
    board_name = models.CharField(max_length=200)
    region = models.CharField(max_length=60)
    regime = models.CharField(max_length=40)
    vocabulary_version = models.CharField(max_length=20)
    # Months (the first day of the month).
    incident_month = models.DateField()
    notified_month = models.DateField()
    decided_month = models.DateField(null=True, blank=True)
    completed_month = models.DateField(null=True, blank=True)
    published_month = models.DateField(null=True, blank=True)
    age_band = models.CharField(max_length=20)
    sex = models.CharField(max_length=20)
    ethnicity_group = models.CharField(max_length=40)
    disability = models.CharField(max_length=10)
    looked_after = models.CharField(max_length=10)
    plan_status = models.CharField(max_length=30)
    outcome = models.CharField(max_length=20)
    death_category = models.CharField(max_length=40, blank=True)
    harm_types = models.JSONField(default=list, blank=True)
    family_risks = models.JSONField(default=list, blank=True)
    maltreatment = models.JSONField(default=list, blank=True)
    practice_issues = models.JSONField(default=list, blank=True)
    recommendation_types = models.JSONField(default=list, blank=True)
    # From the procedure engine's results: {"decision_in_time": bool|None,
    # "completed_in_time": bool|None, "published_on_time": bool|None}.
    timeliness = models.JSONField(default=dict, blank=True)
    submitted_via = models.CharField(max_length=10, choices=Submission.choices)
    submitted_at = models.DateTimeField()
    # A hash of the submitted content: a repeat with the same content is a no-op.
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-completed_month", "source_key"]
        indexes = [models.Index(fields=["incident_month"], name="national_incident_month")]


class NationalLesson(NationalRow):
    """A lesson of a national record, anonymised, with its theme codes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    record = models.ForeignKey(NationalRecord, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField()
    text = models.TextField()
    category = models.CharField(max_length=30)
    themes = models.JSONField(default=list, blank=True)
    # 19.3 (working with communities) and 19.4 (disability) lessons are highlighted.
    highlighted = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["record", "position"]
        constraints = [
            models.UniqueConstraint(fields=["record", "position"], name="national_lesson_pos")
        ]


class FindingStatus(models.TextChoices):
    CURRENT = "current", "Current"
    CORRECTED = "corrected", "Corrected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ChildDeathFinding(NationalRow):
    """A child death overview panel's finding, in the same anonymised form, so that a theme
    can be followed across child death reviews and serious case reviews (19.6)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source_key = models.CharField(max_length=120, unique=True)
    board_name = models.CharField(max_length=200)
    region = models.CharField(max_length=60)
    death_month = models.DateField()
    age_band = models.CharField(max_length=20)
    sex = models.CharField(max_length=20)
    ethnicity_group = models.CharField(max_length=40)
    category_of_death = models.CharField(max_length=60)
    modifiable = models.CharField(max_length=10)
    modifiable_factors = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField()
    # Recorded by the board's manager on the board's page (childdeath.record); the board
    # manager reaches their board's findings, national analysts all of them.
    board = models.ForeignKey(
        "accounts.Board", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Corrections keep the old row (corrected, with its reason and the row that replaced
    # it); a withdrawal keeps it too. Only current findings are analysed.
    status = models.CharField(max_length=10, choices=FindingStatus.choices, default="current")
    reason = models.TextField(blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    board_lookup = "board_id"

    class Meta:
        ordering = ["-death_month"]


class BoardRegion(models.Model):
    """The region a board is in (national/regions.py): the national tables count by region,
    and the board app has no such field (a board's region is a national concern)."""

    board = models.OneToOneField(
        "accounts.Board", on_delete=models.CASCADE, related_name="national_region"
    )
    region = models.CharField(max_length=60)


# --- Recurring issues (issue 16, item 7) ---


class IssueStatus(models.TextChoices):
    NEEDS_REVIEW = "needs_review", "Needs review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not a recurring issue"


class RecurringIssue(NationalRow):
    """A group of lessons that say the same thing in different reviews, proposed by a
    transparent rule (recurring.py); an analyst approves it. When its membership changes it
    goes back to needs review."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The rule's key: the shared theme codes, joined ("information_sharing+neglect").
    key = models.CharField(max_length=300, unique=True)
    themes = models.JSONField(default=list)
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=14, choices=IssueStatus.choices, default=IssueStatus.NEEDS_REVIEW
    )
    # A digest of the member lessons: a change means another review by an analyst.
    members_digest = models.CharField(max_length=64)
    review_count = models.PositiveIntegerField(default=0)
    proposed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-review_count", "key"]


class IssueOccurrence(NationalRow):
    """One review's evidence of an issue: a verbatim quote of the published text it came
    from, at a checked position: a national lesson, or the summary of a publication that is
    not withdrawn (exactly one of the two)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    issue = models.ForeignKey(RecurringIssue, on_delete=models.CASCADE, related_name="occurrences")
    # The review's national record: a lesson's own; a summary's when the review has one.
    record = models.ForeignKey(
        NationalRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        NationalLesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    publication = models.ForeignKey(
        "publication.Publication",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The review's key (board code and reference, as NationalRecord.source_key): distinct
    # reviews are counted by it, whatever the source.
    source_key = models.CharField(max_length=120, blank=True, default="")
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    similarity = models.FloatField(default=0)

    class Meta:
        ordering = [
            "issue",
            "source_key",
            models.F("lesson__position").asc(nulls_last=True),
            "publication__published_at",
        ]
        constraints = [
            models.UniqueConstraint(fields=["issue", "lesson"], name="one_occurrence_per_lesson"),
            models.UniqueConstraint(
                fields=["issue", "publication"], name="one_occurrence_per_publication"
            ),
            models.CheckConstraint(
                condition=models.Q(lesson__isnull=False, publication__isnull=True)
                | models.Q(lesson__isnull=True, publication__isnull=False),
                name="occurrence_from_one_source",
            ),
        ]

    @property
    def source_text(self) -> str:
        return self.lesson.text if self.lesson_id else self.publication.summary


# --- Search (item 8): one row per published text; the full-text index is beside it ---


class SearchKind(models.TextChoices):
    LESSON = "lesson", "National lesson"
    SUMMARY = "summary", "Published summary"


class SearchEntry(NationalRow):
    """Published material only: national lessons (anonymised, published nationally) and the
    summaries of publications that are not withdrawn. SQLite indexes `text` in the FTS5
    table national_search_fts; PostgreSQL in a GIN index on its tsvector."""

    kind = models.CharField(max_length=8, choices=SearchKind.choices)
    source_id = models.UUIDField()
    title = models.CharField(max_length=300)
    text = models.TextField()
    themes = models.JSONField(default=list, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    age_band = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["kind", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id"], name="one_search_entry")
        ]
        indexes = [models.Index(fields=["year"], name="national_search_year")]


# --- The overview report (item 6): built in the background ---


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Building"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class OverviewReportRun(NationalRow):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    period_from = models.DateField()
    period_to = models.DateField()
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    pdf = models.BinaryField(null=True, blank=True)
    # The tables as built (report.as_data): the page and the CSV show exactly the PDF's.
    tables = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class StoreRevision(models.Model):
    """How many times the national store has been written: one row (pk 1), raised in the
    transaction of every write (revision.py), so that what is worked out from the whole
    store (the trends) is kept until the store changes. It holds no record's data."""

    revision = models.PositiveBigIntegerField(default=0)
