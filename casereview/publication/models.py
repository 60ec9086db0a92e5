"""The review's identifier register: what the anonymiser takes out of its reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

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
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    def as_term(self) -> Term:
        return Term(self.kind, self.value, self.role.lower(), tuple(self.alias_list))
