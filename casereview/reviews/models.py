"""The Serious Case Review itself. Its lifecycle after the decision is built out by the
review issue; here it is opened by the chair's decision to hold one."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.models import Board
from casereview.cases.models import CaseQuerySet, Decision, Notification, _involving


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


class Review(models.Model):
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

    @staticmethod
    def agency_filter(agency_ids) -> Q:
        return Q(notification__in=_involving(agency_ids))

    def involves_agency(self, agency_id: int) -> bool:
        return self.notification.involves_agency(agency_id)


class StatusChange(models.Model):
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
