"""Boards (tenants), agencies, users and their memberships with roles."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .querysets import ScopedQuerySet
from .roles import Role

# The longest retention policy a board may set: 20 years, in months.
RETENTION_MONTHS_MAX = 240


class Board(models.Model):
    """A Local Safeguarding Children Board: the tenant every piece of case data belongs to."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=200, help_text="The local authority area it covers")
    default_regime = models.CharField(
        max_length=40,
        default="rotherham_wt2006",
        help_text="The procedure new reviews run under",
    )
    reference_prefix = models.CharField(max_length=12, default="SCR")
    # The letterhead of the documents the board prints and sends (docs/documents.md); the
    # logo is an upload owned by the board (the documents app).
    address = models.TextField(blank=True, help_text="The board's postal address")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # How long the board keeps a published report on its public page where the regime sets
    # no minimum period (publication/rules.py: only WT2013 chapter 4 sets one, 12 months).
    publication_retention_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_MONTHS_MAX)],
        help_text="Months a published report stays public where the regime sets no minimum",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # The permission layer asks every guarded object for its board and agencies.
    board_lookup = "pk"

    @property
    def board_id(self) -> int:
        return self.pk

    @staticmethod
    def agency_filter(agency_ids) -> models.Q:
        return models.Q(pk__in=[])

    def involves_agency(self, agency_id: int) -> bool:
        return False


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    PRIMARY_CARE_TRUST = "primary_care_trust", "Primary care trust"
    STRATEGIC_HEALTH_AUTHORITY = "strategic_health_authority", "Strategic health authority"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary, community or faith organisation"
    OTHER = "other", "Other"


class Agency(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="agency_unique_name_per_board")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    job_title = models.CharField(max_length=150, blank=True)

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in a board; agency authors also name their agency."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["board__name", "user__last_name", "user__first_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board", "role"], name="membership_one_role_per_board"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="agency_author") | models.Q(agency__isnull=False),
                name="membership_agency_author_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.board}"

    @staticmethod
    def agency_filter(agency_ids) -> models.Q:
        return models.Q(agency_id__in=agency_ids)

    def involves_agency(self, agency_id: int) -> bool:
        return self.agency_id == agency_id


class EmailSent(models.Model):
    """One e-mail sent at a moment that starts someone's work (casereview.accounts.mail): who
    was told, of what kind of event, about which object and when. Never the body."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    # The case or review reference the e-mail named (no personal data).
    reference = models.CharField(max_length=40)
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["board", "-sent_at"])]
