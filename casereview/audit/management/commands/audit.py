"""`casereview audit verify` checks the keyed chain and every signed checkpoint;
`casereview audit checkpoint` verifies, then appends a signed checkpoint of the head to
settings.AUDIT_CHECKPOINT_FILE (run it daily on a timer: docs/production.md);
`casereview audit restore-triggers` puts the append-only triggers back."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from casereview.audit import checkpoints, triggers
from casereview.audit.integrity import verify_against_file


class Command(BaseCommand):
    help = (
        "Audit trail tools. `verify` checks the hash chain and the signed checkpoints; "
        "`checkpoint` verifies, then signs the chain's head into AUDIT_CHECKPOINT_FILE; "
        "`restore-triggers` puts the append-only triggers back."
    )
    # Not stopped by the start-up check on the triggers: this is what to run when it fails.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify", "checkpoint", "restore-triggers"])

    def handle(self, *args, **options):
        if options["subcommand"] == "restore-triggers":
            self.restore_triggers()
            return
        path = settings.AUDIT_CHECKPOINT_FILE
        try:
            (checked, problem, last_hash), known = verify_against_file(path)
        except (OSError, checkpoints.CheckpointFileError) as error:
            raise CommandError(f"Cannot read the checkpoint file {path}: {error}") from None
        if problem:
            raise CommandError(f"Audit chain broken after {checked} good events: {problem}")
        if options["subcommand"] == "checkpoint":
            try:
                checkpoints.append(path, checkpoints.make(checked, last_hash))
            except OSError as error:
                raise CommandError(f"Cannot write the checkpoint file {path}: {error}") from None
            self.stdout.write(
                self.style.SUCCESS(f"Checkpoint of {checked} events appended to {path}")
            )
            return
        if not path.exists():
            self.stdout.write(f"No checkpoint file at {path}: the chain alone was checked")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {checked} events verified against {known} checkpoint(s)"
            )
        )

    def restore_triggers(self):
        vendor = connection.vendor
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in [*triggers.drop_sql(vendor), *triggers.create_sql(vendor)]:
                cursor.execute(sql)
        self.stdout.write(
            self.style.SUCCESS(
                "Append-only triggers restored. Run `casereview audit verify` to see whether "
                "events were changed while they were missing."
            )
        )
