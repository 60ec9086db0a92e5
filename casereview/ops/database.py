"""Copying the database out and back in: SQLite through its online backup API, PostgreSQL
through pg_dump and pg_restore (custom format), each with the fingerprint of what it copied."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections, transaction

from casereview.ops import fingerprint


class DatabaseCopyError(RuntimeError):
    pass


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def dump_name(alias: str = "default") -> str:
    return {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[_supported(alias)]


def _supported(alias: str) -> str:
    name = vendor(alias)
    if name not in {"sqlite", "postgresql"}:
        raise DatabaseCopyError(f"Backups support SQLite and PostgreSQL, not {name}")
    return name


def dump(path: Path, alias: str = "default") -> dict:
    """Writes a consistent copy of the database to path; returns its tables' fingerprint."""
    if _supported(alias) == "sqlite":
        return _dump_sqlite(path, alias)
    return _dump_postgresql(path, alias)


def _dump_sqlite(path: Path, alias: str) -> dict:
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    # The fingerprint is read from the copy itself, so it describes exactly what was copied.
    # Django's own converters (dates, booleans, decimals) apply, as on its connections.
    copy = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return fingerprint.tables(copy.cursor(), connection)
    finally:
        copy.close()


def _dump_postgresql(path: Path, alias: str) -> dict:
    connection = connections[alias]
    # One snapshot for both: pg_dump reads the very state that was counted and hashed.
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = fingerprint.tables(cursor, connection)
        _run_pg("pg_dump", alias, "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
    return tables


def is_empty(alias: str = "default") -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load(path: Path, alias: str = "default") -> None:
    """Replaces the database's contents with the copy at path."""
    if _supported(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    connections[alias].close()
    _run_pg(
        "pg_restore",
        alias,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        str(path),
    )


def tables(alias: str = "default") -> dict:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return fingerprint.tables(cursor, connection)


def _run_pg(program: str, alias: str, *args: str) -> None:
    if shutil.which(program) is None:
        raise DatabaseCopyError(
            f"{program} is not on PATH (Debian: apt-get install postgresql-client)"
        )
    settings = connections[alias].settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    command = [program, "--no-password", f"--dbname={settings['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command.append(f"{flag}={settings[key]}")
    result = subprocess.run(  # noqa: S603 (a fixed program with our own arguments)
        [*command, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseCopyError(f"{program} failed: {result.stderr.strip()[-2000:]}")
