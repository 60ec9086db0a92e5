"""`casereview compliance-refresh`: the nightly task that keeps the stored obligation lines
current as time passes (a deadline moves from due to overdue at midnight). It re-evaluates
every open case not yet worked out today, or marked stale, and forgets closed ones; run it
by a timer just after midnight (docs/production.md). The hyphen: see send-reminders.py."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.reviews import kept
from casereview.reviews.management.commands.compliance import iso_date


class Command(BaseCommand):
    help = (
        "Re-evaluates the stored compliance of every open case not worked out today (run "
        "nightly, just after midnight)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=iso_date, metavar="YYYY-MM-DD", help="Run as on this day"
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        counts = kept.refresh(today)
        record(
            "compliance.refresh",
            Notification,
            detail={**counts, "today": today.isoformat()},
            actor=None,
            context=SYSTEM,
        )
        self.stdout.write(
            f"{counts['open']} open cases: {counts['evaluated']} re-evaluated, "
            f"{counts['forgotten']} no longer open forgotten."
        )
