"""`casereview backup` and `casereview restore` round trip: the same row counts, the same
content in every table and file, and an intact audit chain; refusals where data would be lost.

Runs the real commands in subprocesses against a seeded database: SQLite always, and
PostgreSQL too when DATABASE_URL names one (two scratch databases beside it)."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from casereview.ops import fingerprint

ROOT = Path(__file__).resolve().parents[3]


def casereview(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casereview", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def recreate(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return with_database(url, name)


BACKENDS = ["sqlite"] + (["postgresql"] if postgres_url() else [])


@pytest.fixture(scope="module", params=BACKENDS)
def installations(request, tmp_path_factory):
    """(source env, target env) on the backend: the source seeded and holding documents."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CASEREVIEW_", "DATABASE_URL", "DJANGO_"))
    }
    source = {**base, "CASEREVIEW_DATA_DIR": str(tmp_path_factory.mktemp("source"))}
    target = {**base, "CASEREVIEW_DATA_DIR": str(tmp_path_factory.mktemp("target"))}
    if request.param == "postgresql":
        url = postgres_url()
        stem = (urlsplit(url).path.strip("/") or "casereview") + "_backup_test"
        source["DATABASE_URL"] = recreate(url, stem + "_source")
        target["DATABASE_URL"] = recreate(url, stem + "_target")
    for args in (["migrate", "--noinput", "-v0"], ["seed", "--scale", "demo"]):
        result = casereview(source, *args)
        assert result.returncode == 0, result.stderr
    documents = Path(source["CASEREVIEW_DATA_DIR"]) / "documents"
    for name, content in {
        "1/a1b2.pdf": b"%PDF-1.7 report",
        "2/c3d4.docx": os.urandom(4096),
        # A trained model in the cache folder: made again when needed, never backed up.
        "_cache/theme_models/abc-1-2.model": os.urandom(64),
    }.items():
        (documents / name).parent.mkdir(parents=True, exist_ok=True)
        (documents / name).write_bytes(content)
    yield request.param, source, target
    if request.param == "postgresql":
        import psycopg

        with psycopg.connect(postgres_url(), autocommit=True) as admin:
            for env in (source, target):
                name = urlsplit(env["DATABASE_URL"]).path.strip("/")
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def archive(installations, tmp_path_factory):
    _backend, source, _target = installations
    out = tmp_path_factory.mktemp("backups")
    result = casereview(source, "backup", "--out", str(out))
    assert result.returncode == 0, result.stderr
    [path] = out.glob("casereview-backup-*.tar.gz")
    return path


def row_counts(env: dict) -> dict[str, int]:
    """Counted independently of the code under test: straight from the database."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            ]
            return {t: count(db, t) for t in tables}
    db = sqlite3.connect(Path(env["CASEREVIEW_DATA_DIR"]) / "casereview.sqlite3")
    try:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        # The full-text index (FTS5 and its shadow tables) is derived from indexed rows and
        # copied with the file; the manifest leaves it out.
        virtual = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        tables = [t for t in tables if not any(t == v or t.startswith(f"{v}_") for v in virtual)]
        return {t: count(db, t) for t in tables}
    finally:
        db.close()


def count(db, table: str) -> int:
    return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608


def documents(env: dict) -> dict[str, str]:
    """The documents' files and hashes, without the cache folder."""
    found = fingerprint.files(Path(env["CASEREVIEW_DATA_DIR"]) / "documents")
    return {name: sha for name, sha in found.items() if not name.startswith("_cache/")}


def test_a_restore_gives_the_same_rows_files_and_audit_chain(installations, archive):
    _backend, source, target = installations
    result = casereview(target, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "row counts and content hashes equal the backup's" in result.stdout
    counts = row_counts(target)
    assert counts == row_counts(source)
    assert counts["audit_auditevent"] > 0 and counts["cases_notification"] > 0
    # The two files written above and the demo's approved letter translation (one a board).
    assert documents(target) == documents(source) and len(documents(target)) >= 3
    verify = casereview(target, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    # The restored installation works: its start-up checks (the audit triggers) pass.
    check = casereview(target, "check")
    assert check.returncode == 0, check.stderr


def test_the_manifest_lists_every_table_and_file_with_its_hash(installations, archive):
    _backend, source, _target = installations
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = tar.getnames()
    tables = manifest["database"]["tables"]
    assert {name: t["rows"] for name, t in tables.items()} == row_counts(source)
    assert all(len(t["sha256"]) == 64 for t in tables.values())
    assert manifest["documents"] == documents(source)
    assert "documents/1/a1b2.pdf" in members
    assert not any("_cache" in name for name in members)


def test_it_refuses_to_restore_over_data_without_force(installations, archive):
    _backend, _source, target = installations
    result = casereview(target, "restore", str(archive))
    assert result.returncode != 0
    assert "not empty" in result.stderr
    assert casereview(target, "restore", "--force", str(archive)).returncode == 0


def test_it_refuses_a_damaged_archive(installations, archive, tmp_path):
    _backend, _source, target = installations
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read() if member.isfile() else None
            if member.name == "documents/1/a1b2.pdf":
                data = b"%PDF-1.7 altered"
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    before = documents(target)
    result = casereview(target, "restore", "--force", str(damaged))
    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert documents(target) == before
