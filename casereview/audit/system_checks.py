"""Start-up check: the audit trail's append-only triggers are in place.

Runs with every management command that checks the project (`check`, `runserver`,
`migrate`) and when the web application is loaded (casereview.wsgi, casereview.asgi),
so the service does not start on a database whose audit events can be rewritten.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder

from . import triggers

TRIGGERS_MIGRATION = ("audit", "0002_append_only_triggers")


def append_only_triggers(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        recorder = MigrationRecorder(connection)
        # Before the migration that makes them there is nothing to check (and `migrate`,
        # which runs this check first, must be able to make them).
        if not recorder.has_table() or TRIGGERS_MIGRATION not in recorder.applied_migrations():
            return []
        found = triggers.problems(connection)
    except DatabaseError as error:
        return [
            checks.Warning(
                f"Could not check the audit trail's triggers: {error}",
                id="audit.W001",
            )
        ]
    return [
        checks.Error(
            f"The audit trail is not append-only: {problem}.",
            hint="Run `casereview audit restore-triggers`, then `casereview audit verify` to "
            "see whether events were changed meanwhile.",
            id="audit.E001",
        )
        for problem in found
    ]


def refuse_to_serve_unprotected() -> None:
    """For the web application, which runs no system checks of its own."""
    errors = [m for m in append_only_triggers() if m.is_serious()]
    if errors:
        raise ImproperlyConfigured(" ".join(m.msg for m in errors))
