from django.core.management.base import BaseCommand, CommandError

from casereview.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `casereview audit verify` checks the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args, **options):
        checked, problem = verify_chain()
        if problem:
            raise CommandError(f"Audit chain broken after {checked} good events: {problem}")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events verified"))
