"""`casereview compliance`: what every open case still owes under its regime."""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.utils import timezone

from casereview.accounts.models import Board
from casereview.audit.context import SYSTEM
from casereview.audit.services import record
from casereview.cases.models import Notification
from casereview.procedure.engine import evaluate_many, sort_for_display
from casereview.reviews.compliance import as_json, case_header, open_cases, still_owing
from casereview.reviews.models import Review

WIDTH = 100


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def selected_cases(board_slug: str | None, review_ref: str | None) -> QuerySet[Notification]:
    """The open cases, or the board's, or the named review's (open or closed)."""
    cases = open_cases()
    board = None
    if board_slug:
        board = Board.objects.filter(slug=board_slug).first()
        if board is None:
            known = ", ".join(Board.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No board '{board_slug}'. Boards: {known or 'none'}")
        cases = cases.filter(board=board)
    if review_ref:
        reviews = Review.objects.filter(reference=review_ref)
        if board is not None:
            reviews = reviews.filter(board=board)
        if not reviews.exists():
            where = f" in board '{board_slug}'" if board is not None else ""
            raise CommandError(f"No review with reference '{review_ref}'{where}")
        # A named review is reported whatever its status: closed ones still owe learning.
        cases = (
            Notification.objects.filter(pk__in=reviews.values("notification_id"))
            .select_related("board", "review")
            .order_by("board__slug", "reference")
        )
    return cases


class Command(BaseCommand):
    help = (
        "Lists what each open case (undecided notification, review not closed, or case "
        "decided against a review that still owes something) still owes "
        "under its regime: status, due date and citation of every obligation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--board", metavar="SLUG", help="Only this board's cases")
        parser.add_argument("--review", metavar="REF", help="Only the review with this reference")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--open-only",
            action="store_true",
            help="Only obligations still open (due, overdue, paused or not started)",
        )
        parser.add_argument(
            "--today",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Evaluate as on this day (default: today)",
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        selected = selected_cases(options["board"], options["review"])
        cases = list(selected)
        results = evaluate_many(cases, today)
        if not options["review"]:
            # A case decided against a review is listed while it still owes something.
            cases = [c for c in cases if still_owing(c, results[c.pk])]
        record(
            "compliance.report",
            Notification,
            detail={
                "cases": len(cases),
                "format": options["format"],
                "board": options["board"] or "",
                "today": today.isoformat(),
            },
            actor=None,
            context=SYSTEM,
        )
        if options["format"] == "json":
            data = as_json(results, cases, open_only=options["open_only"])
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        self.write_table(cases, results, options["open_only"])

    def write_table(self, cases, results, open_only: bool) -> None:
        if not cases:
            self.stdout.write("No open cases.")
            return
        width = min(shutil.get_terminal_size((WIDTH, 24)).columns, WIDTH) or WIDTH
        for i, case in enumerate(cases):
            head = case_header(case)
            title = f"{head['reference']}"
            if head["review"]:
                title += f"  review {head['review']}"
            title += f"  {head['board']}  {head['regime']} {head['regime_version']}"
            if i:
                self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(_clip(title, width)))
            shown = [
                r
                for r in sort_for_display(results[case.pk])
                if r.status != "not_applicable" and (r.is_open or not open_only)
            ]
            if not shown:
                self.stdout.write("  nothing open" if open_only else "  no obligations apply")
            for r in shown:
                status = "OVERDUE" if r.status == "overdue" else r.status
                due = r.due.isoformat() if r.due else "-"
                line = _clip(f"  {status:<8} {due:<10}  {r.obligation.citation}  ", width)
                line = _clip(line + r.obligation.text, width)
                self.stdout.write(self.style.ERROR(line) if r.status == "overdue" else line)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
