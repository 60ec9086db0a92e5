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
