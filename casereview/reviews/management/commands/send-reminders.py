"""`casereview send-reminders`: e-mail the people responsible for obligations that are overdue
or fall due soon, at most once a day for each case, obligation and person. The work is in
casereview.reviews.reminders; this file reads the options and prints what was done.

Why this file's name has a hyphen: Django names a command after its module's file name.
`find_commands` lists the modules in `management/commands` with `pkgutil.iter_modules` and
`load_command_class` imports "<app>.management.commands.<name>" with `importlib`; neither needs
the name to be a Python identifier, so this file gives exactly the command `send-reminders`
(for `casereview send-reminders` and `call_command("send-reminders")`). A `send_reminders.py`
would be the command `send_reminders`, and a second module to alias it would list both names
in `casereview help`. Nothing needs to import this module: import casereview.reviews.reminders.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casereview.reviews.management.commands.compliance import iso_date
from casereview.reviews.reminders import (
    DEFAULT_WITHIN,
    OTHER_REMINDERS,
    default_within,
    send_reminders,
)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Command(BaseCommand):
    help = (
        "E-mails each person responsible for an obligation that is overdue or due within N "
        "working days, at most once a day per case, obligation and person."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--within",
            type=int,
            metavar="N",
            help="Working days ahead to remind about (default: the setting "
            f"REMINDER_WITHIN_WORKING_DAYS, or {DEFAULT_WITHIN})",
        )
        parser.add_argument(
            "--today", type=iso_date, metavar="YYYY-MM-DD", help="Run as on this day"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing"
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        within = options["within"]
        if within is None:
            within = default_within()
        if within < 0:
            raise CommandError("--within must be 0 or more working days")
        dry_run = options["dry_run"]

        run = send_reminders(today, within, dry_run=dry_run)
        for other in OTHER_REMINDERS:
            sent, people = other(today, within, dry_run)
            run.sent += sent
            run.people += people

        if options["verbosity"] >= 2:
            for user_id, count in run.would_remind:
                self.stdout.write(f"Would remind user {user_id}: {count} obligations")
        for user_id, error in run.failed:
            self.stderr.write(f"Could not e-mail user {user_id}: {error}")
        verb = "Would send" if dry_run else "Sent"
        summary = (
            f"{verb} {_plural(run.sent, 'reminder', 'reminders')} to "
            f"{_plural(run.people, 'person', 'people')}; {run.skipped} already sent today"
        )
        self.stdout.write(summary)
        if run.no_address:
            self.stderr.write(
                f"{_plural(len(run.no_address), 'person has', 'people have')} no e-mail address "
                f"(user ids {', '.join(map(str, run.no_address))})"
            )
        if run.failed:
            raise CommandError(
                f"{_plural(len(run.failed), 'reminder e-mail', 'reminder e-mails')} failed"
            )
