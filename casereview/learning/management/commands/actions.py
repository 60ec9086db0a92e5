"""`casereview actions [--board SLUG] [--overdue] [--format table|json]`: the action tracker
for the command line (a board's officers, scripts). Every action of every review (of one
board), as a table or as JSON: a list of objects with exactly the keys of
casereview.learning.tracker.Row (docs/learning.md). It runs as the system: there is no user."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casereview.accounts.models import Board
from casereview.learning.models import Action
from casereview.learning.tracker import Row, filtered, row_of

KEYS = [f.name for f in fields(Row)]
TABLE = ("review", "owner_agency", "owner", "target_date", "status", "rag", "verified_on")


class Command(BaseCommand):
    help = "Lists the actions of every review (of one board), as a table or as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--board", metavar="SLUG", help="Only this board's reviews")
        parser.add_argument(
            "--overdue", action="store_true", help="Only actions past their target date"
        )
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args, board=None, overdue=False, format="table", **options):
        rows = Action.objects.all()
        if board:
            found = Board.objects.filter(slug=board).first()
            if found is None:
                raise CommandError(f"No board {board!r}")
            rows = rows.filter(review__board=found)
        actions = [row_of(a) for a in filtered(rows, timezone.localdate(), overdue=overdue)]
        if format == "json":
            self.stdout.write(json.dumps([asdict(r) for r in actions], indent=2))
            return
        widths = {
            k: max([len(k), *(len(str(getattr(r, k) or "")) for r in actions)]) for k in TABLE
        }
        self.stdout.write("  ".join(k.ljust(widths[k]) for k in TABLE))
        for r in actions:
            self.stdout.write("  ".join(str(getattr(r, k) or "").ljust(widths[k]) for k in TABLE))
        self.stdout.write(f"{len(actions)} action{'' if len(actions) == 1 else 's'}")
