"""The database triggers that keep audit events append-only, for SQLite and PostgreSQL.

They refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit events, unless a purge
has been allowed explicitly (see casereview.audit.guard). `problems()` reports triggers
that are missing, disabled or no longer refuse anything, for the start-up check.
"""

from __future__ import annotations

import re

SQLITE_TRIGGERS = {
    "audit_event_no_update": """CREATE TRIGGER audit_event_no_update
    BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    "audit_event_no_delete": """CREATE TRIGGER audit_event_no_delete
    BEFORE DELETE ON audit_auditevent
    WHEN audit_purge_allowed() = 0
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
}
PG_FUNCTION_BODY = """
    BEGIN
      IF TG_OP <> 'UPDATE' AND current_setting('casereview.audit_purge', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit events are append-only';
    END; """
PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$"
    f"{PG_FUNCTION_BODY}$$ LANGUAGE plpgsql"
)
# pg_trigger.tgtype bits: 1 row-level, 2 before, 8 delete, 16 update, 32 truncate.
PG_TRIGGERS = {
    "audit_event_no_change": (
        1 | 2 | 8 | 16,
        """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    ),
    "audit_event_no_truncate": (
        2 | 32,
        """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
    ),
}


def create_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [PG_FUNCTION, *(sql for _, sql in PG_TRIGGERS.values())]
    return list(SQLITE_TRIGGERS.values())


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            *(f"DROP TRIGGER IF EXISTS {name} ON audit_auditevent" for name in PG_TRIGGERS),
            "DROP FUNCTION IF EXISTS audit_event_append_only()",
        ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]


def _same(a: str, b: str) -> bool:
    def squeeze(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().lower()

    return squeeze(a) == squeeze(b)


def problems(connection) -> list[str]:
    """What is wrong with the triggers on this connection's database; empty if nothing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _pg_problems(cursor)
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
        )
        found = dict(cursor.fetchall())
    found_problems = []
    for name, sql in SQLITE_TRIGGERS.items():
        if name not in found:
            found_problems.append(f"trigger {name} is missing")
        elif not _same(found[name], sql):
            found_problems.append(f"trigger {name} has been altered")
    return found_problems


def _pg_problems(cursor) -> list[str]:
    cursor.execute(
        "SELECT t.tgname, t.tgtype, t.tgenabled, p.proname, p.prosrc"
        " FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE t.tgrelid = 'audit_auditevent'::regclass AND NOT t.tgisinternal"
    )
    found = {row[0]: row[1:] for row in cursor.fetchall()}
    found_problems = []
    for name, (tgtype, _) in PG_TRIGGERS.items():
        if name not in found:
            found_problems.append(f"trigger {name} is missing")
            continue
        kind, enabled, function, source = found[name]
        if enabled == "D":
            found_problems.append(f"trigger {name} is disabled")
        elif (
            kind != tgtype
            or function != "audit_event_append_only"
            or not _same(source, PG_FUNCTION_BODY)
        ):
            found_problems.append(f"trigger {name} has been altered")
    return found_problems
