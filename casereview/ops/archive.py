"""One backup is one archive: the database copy, the uploaded documents and a manifest of
row counts and content hashes (`casereview backup`, `casereview restore`)."""

import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from casereview.audit.integrity import verify_chain
from casereview.documents.services import CACHE_FOLDER
from casereview.ops import database, fingerprint

FORMAT = 1
MANIFEST = "manifest.json"
DOCUMENTS = "documents"


class BackupError(RuntimeError):
    pass


@dataclass
class Restored:
    tables: int
    rows: int
    files: int
    audit_events: int


def documents_root() -> Path:
    return Path(settings.DOCUMENTS_ROOT)


def documents_files(root: Path) -> dict[str, str]:
    """fingerprint.files of the documents, without the cache folder (trained models: made
    again when needed, and signed with this instance's key)."""
    cache = f"{CACHE_FOLDER}/"
    return {k: v for k, v in fingerprint.files(root).items() if not k.startswith(cache)}


def backup(out: Path) -> tuple[Path, dict]:
    """Writes the archive (to out, or into out when it is a folder); returns it and its manifest.

    The database is copied first, then the documents: a file is stored before the row that
    names it is committed, so every document the copied rows name is in the archive."""
    created = datetime.now(UTC)
    if out.is_dir():
        out = out / f"casereview-backup-{created:%Y%m%dT%H%M%SZ}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="casereview-backup-") as work:
        dump = Path(work) / database.dump_name()
        tables = database.dump(dump)
        manifest = {
            "format": FORMAT,
            "created": created.isoformat(),
            "database": {
                "vendor": database.vendor(),
                "file": dump.name,
                "sha256": fingerprint.file_sha256(dump),
                "tables": tables,
            },
            "documents": documents_files(documents_root()),
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            manifest_file = Path(work) / MANIFEST
            manifest_file.write_text(json.dumps(manifest, indent=1, sort_keys=True))
            tar.add(manifest_file, MANIFEST)
            tar.add(dump, dump.name)
            for name in manifest["documents"]:
                tar.add(documents_root() / name, f"{DOCUMENTS}/{name}")
        partial.replace(out)  # never a half-written archive under the final name
    return out, manifest


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:*") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError(f"{archive} has no {MANIFEST}: not a casereview backup")
        manifest = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def restore(archive: Path, *, force: bool = False) -> Restored:
    """Replaces the database and the documents with the archive's, then checks that the row
    counts, content hashes and audit chain are what the backup recorded."""
    manifest = read_manifest(archive)
    if manifest["database"]["vendor"] != database.vendor():
        raise BackupError(
            f"The backup is of a {manifest['database']['vendor']} database; "
            f"this one is {database.vendor()}"
        )
    root = documents_root()
    if not force:
        if not database.is_empty():
            raise BackupError("The database is not empty: restore into a new one, or use --force")
        if documents_files(root):
            raise BackupError(f"{root} holds documents: restore into an empty folder, or --force")
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".casereview-restore-", dir=root.parent) as work:
        work = Path(work)
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")
        _check_extracted(work, manifest)
        database.load(work / manifest["database"]["file"])
        _replace_documents(work / DOCUMENTS, root)
    return verify(manifest)


def _replace_documents(restored: Path, root: Path) -> None:
    """Empties root and moves the restored documents into it. The folder itself stays: it
    may be the mount point of a share that several machines use."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if restored.is_dir():
        for entry in restored.iterdir():
            shutil.move(entry, root / entry.name)


def _check_extracted(work: Path, manifest: dict) -> None:
    dump = work / manifest["database"]["file"]
    if not dump.is_file() or fingerprint.file_sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError("The database copy in the archive is damaged (its hash differs)")
    problems = fingerprint.differences(
        manifest["documents"], fingerprint.files(work / DOCUMENTS), "document"
    )
    if problems:
        raise BackupError("The archive is damaged: " + "; ".join(problems[:5]))


def verify(manifest: dict) -> Restored:
    """Compares the live database and documents with a manifest; raises on any difference."""
    tables = database.tables()
    problems = fingerprint.differences(manifest["database"]["tables"], tables, "table")
    problems += fingerprint.differences(
        manifest["documents"], documents_files(documents_root()), "document"
    )
    if problems:
        raise BackupError("The restored data differ from the backup: " + "; ".join(problems[:10]))
    events, problem, _head = verify_chain()
    if problem:
        raise BackupError(f"The audit chain does not verify after the restore: {problem}")
    return Restored(
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        files=len(manifest["documents"]),
        audit_events=events,
    )
