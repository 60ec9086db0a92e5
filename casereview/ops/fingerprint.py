"""What a backup promises: the row count and a content hash of every table, and the
SHA-256 of every uploaded file. Taken when the backup is made, compared after a restore."""

import hashlib
from pathlib import Path

BATCH = 2000


def tables(cursor, connection) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": hash of its rows in primary-key order}} for every table."""
    introspection = connection.introspection
    quote = connection.ops.quote_name
    result = {}
    derived = _full_text_tables(cursor, connection)
    for table in sorted(set(introspection.table_names(cursor)) - derived):
        key = introspection.get_primary_key_column(cursor, table)
        if key:
            order = quote(key)
        else:  # every column, so that the order (and so the hash) is the same each time
            columns = introspection.get_table_description(cursor, table)
            order = ", ".join(str(n) for n in range(1, len(columns) + 1))
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")  # noqa: S608 (names from the catalogue)
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                digest.update(repr(tuple(row)).encode())
            rows += len(batch)
        result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _full_text_tables(cursor, connection) -> set[str]:
    """SQLite's full-text index (an FTS5 virtual table and its shadow tables): derived from the
    rows it indexes and copied with the database, but not readable as plain tables; the
    search index is checked by its source rows (and rebuilt by `casereview national-search
    rebuild`)."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
    )
    virtual = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = [row[0] for row in cursor.fetchall()]
    return {n for n in names for v in virtual if n == v or n.startswith(f"{v}_")}


def files(root: Path) -> dict[str, str]:
    """{path relative to root: SHA-256} of every file under root (none if it is missing)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): file_sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def differences(expected: dict, actual: dict, what: str) -> list[str]:
    """Human-readable differences between two fingerprints (empty when equal)."""
    problems = [f"{what} {name}: missing" for name in sorted(expected.keys() - actual.keys())]
    problems += [
        f"{what} {name}: not in the backup" for name in sorted(actual.keys() - expected.keys())
    ]
    problems += [
        f"{what} {name}: {expected[name]} in the backup, {actual[name]} now"
        for name in sorted(expected.keys() & actual.keys())
        if expected[name] != actual[name]
    ]
    return problems
