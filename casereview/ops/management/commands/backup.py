"""`casereview backup --out DIR_OR_FILE`: the database and the uploaded documents in one
archive, with a manifest of row counts and content hashes (docs/production.md, Backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casereview.ops import archive, database


class Command(BaseCommand):
    help = "Backs up the database and the uploaded documents into one .tar.gz archive."
    # A backup is worth taking even when a start-up check fails (say, a missing trigger).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, help="a folder (a dated name is chosen) or a file"
        )

    def handle(self, *args, out: Path, **options):
        try:
            path, manifest = archive.backup(out)
        except (archive.BackupError, database.DatabaseCopyError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from None
        tables = manifest["database"]["tables"]
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(tables)} tables ({rows} rows, {manifest['database']['vendor']})"
                f" and {len(manifest['documents'])} documents to {path}"
            )
        )
