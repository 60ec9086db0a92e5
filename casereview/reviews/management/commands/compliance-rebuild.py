"""`casereview compliance-rebuild`: throw away every stored obligation line and evaluate
every open case again (after a deploy that changes a predicate or check, or to repair).
The hyphen: see send-reminders.py."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.reviews import kept
from casereview.reviews.management.commands.compliance import iso_date


class Command(BaseCommand):
    help = "Rebuilds the stored compliance of every open case from a fresh evaluation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=iso_date, metavar="YYYY-MM-DD", help="Evaluate as on this day"
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        counts = kept.rebuild(today)
        record(
            "compliance.rebuild",
            Notification,
            detail={**counts, "today": today.isoformat()},
            actor=None,
            context=SYSTEM,
        )
        self.stdout.write(f"{counts['evaluated']} open cases evaluated and stored.")
