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
