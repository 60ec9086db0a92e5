from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "casereview.audit"
    label = "audit"

    def ready(self) -> None:
        from . import guard, system_checks

        guard.install()
        checks.register(system_checks.append_only_triggers, "audit")
