"""A stored upload. It belongs to a board and to one owner row of a higher app, named by
type and id (this app imports no higher app); access is decided through the owner."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.db import models

from casereview.accounts.models import Board

_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    # The owner, e.g. ("reviews.agencyreport", "<uuid>").
    owner_type = models.CharField(max_length=60)
    owner_id = models.CharField(max_length=64)
    # Shown to users only; never used as a path or as the download name as it stands.
    original_name = models.CharField(max_length=255)
    # A server-made random name under DOCUMENTS_ROOT/<board id>/.
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100, help_text="Sniffed from the content")
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    # Withdrawn with a reason: kept in storage, no longer listed or offered for download.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """A name made by the server from safe characters only, with the sniffed extension."""
        stem = self.original_name.rsplit(".", 1)[0]
        stem = _SAFE.sub("-", stem).strip("-_")[:60] or "document"
        return f"{stem}.{self.extension}"

    @property
    def size_label(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.0f} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"
