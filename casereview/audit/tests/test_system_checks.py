"""The start-up check refuses a database whose audit triggers are gone, switched off or
neutered (SQLite and PostgreSQL)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from casereview.audit import system_checks, triggers
from casereview.audit.management.commands.audit import Command


def execute(*statements):
    """Undone when the test's transaction rolls back."""
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def errors():
    return [m.msg for m in system_checks.append_only_triggers() if m.is_serious()]


@pytest.mark.django_db
def test_a_migrated_database_passes():
    assert system_checks.append_only_triggers() == []
    call_command("check")
    system_checks.refuse_to_serve_unprotected()


@pytest.mark.django_db
def test_a_dropped_trigger_stops_start_up():
    name = next(
        iter(
            triggers.PG_TRIGGERS if connection.vendor == "postgresql" else triggers.SQLITE_TRIGGERS
        )
    )
    on_table = " ON audit_auditevent" if connection.vendor == "postgresql" else ""
    execute(f"DROP TRIGGER {name}{on_table}")
    assert errors() == [f"The audit trail is not append-only: trigger {name} is missing."]
    with pytest.raises(SystemCheckError, match=r"audit\.E001"):
        call_command("check")
    with pytest.raises(ImproperlyConfigured, match=f"trigger {name} is missing"):
        system_checks.refuse_to_serve_unprotected()


@pytest.mark.django_db
def test_all_triggers_dropped_are_each_named():
    execute(*triggers.drop_sql(connection.vendor))
    names = triggers.PG_TRIGGERS if connection.vendor == "postgresql" else triggers.SQLITE_TRIGGERS
    assert errors() == [
        f"The audit trail is not append-only: trigger {n} is missing." for n in names
    ]


@pytest.mark.django_db
def test_a_trigger_switched_off_or_refusing_nothing_stops_start_up():
    if connection.vendor == "postgresql":
        execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_change")
        assert errors() == [
            "The audit trail is not append-only: trigger audit_event_no_change is disabled."
        ]
        # Enabled again, under the same names, but the function lets every change through.
        execute(
            "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_change",
            "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$"
            " BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql",
        )
        assert errors() == [
            f"The audit trail is not append-only: trigger {n} has been altered."
            for n in triggers.PG_TRIGGERS
        ]
    else:
        execute(
            "DROP TRIGGER audit_event_no_update",
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent"
            " BEGIN SELECT 1; END",
        )
        assert errors() == [
            "The audit trail is not append-only: trigger audit_event_no_update has been altered."
        ]


@pytest.mark.django_db
def test_the_audit_command_still_runs_and_restores_the_triggers(capsys):
    execute(*triggers.drop_sql(connection.vendor))
    # As from the command line, where commands run the system checks first.
    Command().execute(subcommand="verify", skip_checks=False, force_color=False, no_color=True)
    call_command("audit", "restore-triggers")
    assert "Append-only triggers restored" in capsys.readouterr().out
    assert system_checks.append_only_triggers() == []
    call_command("check")
