"""Lets the triggers be lifted for a whole-database purge (test flushes, retention runs).

On SQLite the triggers call audit_purge_allowed(), a function registered on each
connection that reads this module's flag; on PostgreSQL they read the session setting
casereview.audit_purge.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.backends.signals import connection_created

_purge_allowed = False


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "audit_purge_allowed", 0, lambda: int(_purge_allowed), deterministic=False
        )


def install() -> None:
    connection_created.connect(_register, dispatch_uid="audit-guard")


def set_purge_allowed(allowed: bool) -> None:
    global _purge_allowed
    _purge_allowed = allowed
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('casereview.audit_purge', %s, false)",
                ["on" if allowed else "off"],
            )


@contextmanager
def purge_allowed():
    set_purge_allowed(True)
    try:
        yield
    finally:
        set_purge_allowed(False)
