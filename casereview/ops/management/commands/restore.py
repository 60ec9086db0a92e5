"""`casereview restore FILE [--force]`: puts a backup back, then checks row counts, content
hashes and the audit chain against its manifest (docs/production.md, Backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casereview.ops import archive as backups
from casereview.ops import database


class Command(BaseCommand):
    help = (
        "Restores a backup made by `casereview backup` into an empty database and documents "
        "folder (--force replaces what is there), then verifies it."
    )
    # The database is usually empty before a restore: nothing to check yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database or documents that hold data"
        )

    def handle(self, *args, archive: Path, force: bool, **options):
        if not archive.is_file():
            raise CommandError(f"No backup at {archive}")
        try:
            restored = backups.restore(archive, force=force)
        except (backups.BackupError, database.DatabaseCopyError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {restored.tables} tables ({restored.rows} rows) and "
                f"{restored.files} documents; row counts and content hashes equal the backup's; "
                f"audit chain intact ({restored.audit_events} events)"
            )
        )
