"""The national store (19.6): one anonymised record per signed-off review, its lessons, and
the child death overview panels' findings taken beside them. National analysts read only
these tables, never case data."""

from __future__ import annotations

import uuid

from django.db import models


class Submission(models.TextChoices):
    SIGN_OFF = "sign_off", "At the board's sign-off, in this service"
    API = "api", "Through the API, from a board's own instance"


class NationalRecord(models.Model):
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


class NationalLesson(models.Model):
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


class ChildDeathFinding(models.Model):
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

    class Meta:
        ordering = ["-death_month"]


class BoardRegion(models.Model):
    """The region a board is in (national/regions.py): the national tables count by region,
    and the board app has no such field (a board's region is a national concern)."""

    board = models.OneToOneField(
        "accounts.Board", on_delete=models.CASCADE, related_name="national_region"
    )
    region = models.CharField(max_length=60)
