from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casereview.audit"
    label = "audit"

    def ready(self) -> None:
        from . import guard

        guard.install()
