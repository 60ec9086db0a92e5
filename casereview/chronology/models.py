"""The chronology of a review: each agency's entries (imported from a spreadsheet or entered
in the browser), the integrated chronology built from them, the same event recorded by more
than one agency, and the key practice episodes the panel marks (19.2: the review establishes
what happened and what the lessons are)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.models import Agency
from casereview.cases.models import _involving
from casereview.reviews.models import Review, ReviewRecord


class DatePrecision(models.TextChoices):
    DATETIME = "datetime", "Date and time"
    DAY = "day", "Day"
    MONTH = "month", "Month"
    APPROXIMATE = "approximate", "Approximate"


class ChildSeen(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class Significance(models.TextChoices):
    UNASSESSED = "unassessed", "Not yet assessed"
    ROUTINE = "routine", "Routine"
    SIGNIFICANT = "significant", "Significant"


class EntrySource(models.TextChoices):
    IMPORT = "import", "Imported from a file"
    BROWSER = "browser", "Entered in the browser"


class ChronologyStatus(models.TextChoices):
    OPEN = "open", "Being prepared"
    SUBMITTED = "submitted", "Submitted to the panel"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Reading the file"
    DONE = "done", "Imported"
    REFUSED = "refused", "Refused: nothing imported"
    FAILED = "failed", "Failed: nothing imported"


class IntegratedChronology(ReviewRecord):
    """The review's one integrated chronology: whether the panel has shared it with the
    agencies, and the gap (days without any agency contact) that the timeline shows."""

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="integrated_chronology"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gap_days = models.PositiveIntegerField(default=90)
    # Why the panel last withdrew the sharing (kept until it shares again).
    unshare_reason = models.TextField(blank=True)
    # When the merge last ran: the timeline says how current its groups are.
    merged_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    # Writes to the entries since the review began; the summary the last merge stored
    # (summary.py) holds the value it was made at, so the timeline knows when it is stale.
    changes = models.PositiveBigIntegerField(default=0)
    summary = models.JSONField(null=True, blank=True)


class AgencyChronology(ReviewRecord):
    """One agency's chronology for one review; the agency report links to it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="agency_chronologies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=12, choices=ChronologyStatus.choices, default=ChronologyStatus.OPEN
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="one_chronology_per_agency")
        ]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


STALLED_AFTER = timedelta(minutes=30)


class ChronologyImport(ReviewRecord):
    """One file given for an agency's chronology: its progress while a background task reads
    it, and the result (rows created and skipped, or every bad row with nothing committed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronology_imports")
    chronology = models.ForeignKey(
        AgencyChronology, on_delete=models.CASCADE, related_name="imports"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # The file as given, kept by the documents module (never used as a path).
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    context_count = models.PositiveIntegerField(default=0)
    # [{"row": 7, "column": "Date", "reason": "..."}] in the order the file gives them.
    errors = models.JSONField(default=list, blank=True)
    # [{"row": 3, "source_ref": "PNC-1"}]: rows already imported, the first SKIPPED_LISTED.
    skipped = models.JSONField(default=list, blank=True)
    # None: the import-chronology command (the system).
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life of the task reading it (stalled(): its worker died).
    progress_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def stalled(self, now) -> bool:
        """Running with no progress for STALLED_AFTER: the task's worker stopped (a restart,
        a crash) and its transaction was rolled back, so nothing of the file was saved. A
        living task records progress every few hundred rows, and holds this row locked
        while it saves."""
        last = self.progress_at or self.started_at
        return self.status == ImportStatus.RUNNING and now - last > STALLED_AFTER

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


class EventGroup(ReviewRecord):
    """The same event recorded by more than one agency: grouped, never deleted; a conflict
    (same event, different facts) is flagged for the panel until it records its view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="event_groups")
    conflict = models.BooleanField(default=False)
    # What differs, e.g. "Child seen: yes (Police), no (Health)".
    conflict_summary = models.TextField(blank=True)
    panel_note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Raised by the panel's view and by a merge that changes the facts: a view written on a
    # page read before either is refused, never saved over the other.
    lock_version = models.PositiveIntegerField(default=0)


class ChronologyEntry(ReviewRecord):
    """One event or contact in an agency's chronology. Its date is a range: a day gives the
    same first and last day, a month its first and last day, an approximate date ("spring
    2019") the season's; ordering uses the first day, then the narrower range."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronology_entries")
    chronology = models.ForeignKey(
        AgencyChronology, on_delete=models.CASCADE, related_name="entries"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    occurred_from = models.DateField()
    occurred_to = models.DateField()
    occurred_time = models.TimeField(null=True, blank=True)
    precision = models.CharField(max_length=12, choices=DatePrecision.choices)
    # The date as the agency wrote it ("approx. spring 2019").
    date_as_written = models.CharField(max_length=100, blank=True)
    source_ref = models.CharField("Source record reference", max_length=100, blank=True)
    practitioner_role = models.CharField(max_length=150, blank=True)
    event = models.TextField("Event or contact")
    decision = models.TextField("Decision or action", blank=True)
    child_seen = models.CharField(
        max_length=8, choices=ChildSeen.choices, default=ChildSeen.UNKNOWN
    )
    analysis = models.TextField("Agency analysis", blank=True)
    # Outside the period under review (history, antenatal contacts): kept as context.
    is_context = models.BooleanField(default=False)
    significance = models.CharField(
        max_length=12, choices=Significance.choices, default=Significance.UNASSESSED
    )
    source = models.CharField(max_length=8, choices=EntrySource.choices)
    # Provenance: the import and the row of the file it came from.
    imported_by = models.ForeignKey(
        ChronologyImport, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    source_row = models.PositiveIntegerField(null=True, blank=True)
    # None only for entries imported by the import-chronology command (the system).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField()
    group = models.ForeignKey(
        EventGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    # Entered in error: withdrawn with a reason, kept and audited, no longer in the timeline.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = [
            "occurred_from",
            "occurred_to",
            "occurred_time",
            "agency__name",
            "source_ref",
            "id",
        ]
        indexes = [
            models.Index(fields=["review", "occurred_from"], name="chron_review_date"),
            # Covers the timeline's count, its agencies and a page's groups: read from the
            # index alone, not from 5,000 rows with their text.
            models.Index(
                fields=["review", "withdrawn_at", "agency", "group"], name="chron_review_live"
            ),
            models.Index(fields=["chronology", "source_ref"], name="chron_agency_ref"),
            # The agency filter and an agency author's own rows, in date order: the page's
            # rows and the chart's counts found from the index, not by reading every entry of
            # the review in date order and skipping the other agencies'.
            models.Index(
                fields=["review", "withdrawn_at", "agency", "occurred_from", "occurred_to"],
                name="chron_review_agency_date",
            ),
        ]
        constraints = [
            # Importing the same file again matches entries by agency and source reference.
            models.UniqueConstraint(
                fields=["chronology", "source_ref"],
                condition=~Q(source_ref="") & Q(withdrawn_at__isnull=True),
                name="chron_one_live_entry_per_ref",
            )
        ]

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        # An agency author reads their agency's entries, and every entry of a review
        # involving their agency once the panel has shared the integrated chronology.
        return Q(agency_id__in=agency_ids) | Q(
            review__notification__in=_involving(agency_ids),
            review__integrated_chronology__shared_at__isnull=False,
        )

    def involves_agency(self, agency_id: int) -> bool:
        if self.agency_id == agency_id:
            return True
        shared = IntegratedChronology.objects.filter(
            review_id=self.review_id, shared_at__isnull=False
        ).exists()
        return shared and self.review.involves_agency(agency_id)


class KeyPracticeEpisode(ReviewRecord):
    """A period of practice the panel marks on the timeline as key to the learning; the
    learning app links findings to it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="key_episodes")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    entries = models.ManyToManyField(ChronologyEntry, blank=True, related_name="episodes")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_on", "title"]
