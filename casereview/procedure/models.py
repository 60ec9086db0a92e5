from django.conf import settings
from django.db import models


class RegimeVersion(models.Model):
    """A regime as it stood when a case started under it. Cases keep (regime, version), so
    editing a regime file never changes the obligations of a case already running."""

    regime = models.CharField(max_length=40)
    version = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)
    content = models.JSONField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regime", "version"], name="regime_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.regime} {self.version}"


class OneOffHoliday(models.Model):
    """A bank holiday proclaimed for one year only (the Queen's funeral, 19 September 2022;
    the coronation, 8 May 2023), added by an administrator so that working-day clocks skip
    it. Removing a wrong one keeps the row: who removed it and when."""

    date = models.DateField()
    name = models.CharField(max_length=120)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    removed_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(removed_at__isnull=True),
                name="one_off_holiday_once_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d %B %Y})"


class ConfirmedHolidayYear(models.Model):
    """An administrator's confirmation that the working calendar is right for a year after
    GOV.UK's list: its one-off days, if any, are added. Until then a clock running through
    that year says that its holidays are computed by rule."""

    year = models.PositiveSmallIntegerField(unique=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
