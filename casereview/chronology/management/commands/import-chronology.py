"""`casereview import-chronology --review REF --agency NAME FILE`: import one agency's
chronology from a CSV or XLSX file, as the system (no signed-in user). A progress bar goes to
stderr, the summary to stdout. Exit status: 0 imported, 1 refused (every bad row on stderr as
"row N, column C: reason"), 2 the review, the agency or the file cannot be used. The hyphen:
see reviews/management/commands/send-reminders.py."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from casereview.audit.context import SYSTEM
from casereview.chronology.importing.rows import same_name
from casereview.chronology.importing.service import make_import, run_import
from casereview.chronology.merge import rebuild
from casereview.chronology.models import ImportStatus
from casereview.chronology.services import agencies_of, chronology_for
from casereview.documents import services as documents
from casereview.documents.validation import CSV, XLSX
from casereview.reviews.models import Review

WIDTH = 30
STAGES = {"check": "Checking", "save": "Saving  "}


class Refused(CommandError):
    def __init__(self, message: str):
        super().__init__(message, returncode=1)


def _unusable(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Imports an agency's chronology for a review from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("--review", required=True, metavar="REF", help="The review reference")
        parser.add_argument(
            "--agency", required=True, metavar="NAME", help="The agency's name as on the review"
        )
        parser.add_argument("--board", metavar="SLUG", help="The board, if references clash")
        parser.add_argument("file", type=Path, metavar="FILE")

    def _review(self, reference: str, board: str | None) -> Review:
        reviews = Review.objects.filter(reference__iexact=reference.strip())
        if board:
            reviews = reviews.filter(board__slug=board)
        found = list(reviews.select_related("board")[:2])
        if not found:
            raise _unusable(f"No review has the reference {reference}")
        if len(found) > 1:
            raise _unusable(f"Two boards have a review {reference}: give --board")
        return found[0]

    def _progress(self, stage: str, done: int, total: int | None) -> None:
        share = min(1.0, done / total) if total else 0.0
        filled = int(WIDTH * share)
        bar = "#" * filled + "." * (WIDTH - filled)
        end = "\n" if total and done >= total else ""
        self.stderr.write(
            f"\r{STAGES[stage]} [{bar}] {share:4.0%} {done}/{total or '?'} rows{end}", ending=""
        )
        self.stderr.flush()

    def handle(self, *args, **options):
        review = self._review(options["review"], options["board"])
        agency = next(
            (a for a in agencies_of(review) if same_name(a.name, options["agency"])), None
        )
        if agency is None:
            names = ", ".join(a.name for a in agencies_of(review)) or "none"
            raise _unusable(
                f"{options['agency']} is not an agency of review {review.reference} "
                f"(its agencies: {names})"
            )
        path: Path = options["file"]
        if not path.is_file():
            raise _unusable(f"{path} is not a file")
        with path.open("rb") as handle:
            try:
                documents.vet(File(handle, name=path.name), only=(CSV, XLSX), windows_text=True)
            except ValidationError as error:
                raise _unusable(" ".join(error.messages)) from None
        chronology = chronology_for(review, agency)
        started = make_import(chronology, path.name)
        result = run_import(started, path, progress=self._progress)
        if result.status == ImportStatus.DONE:
            self.stdout.write(
                f"{result.created_count} entries imported into {agency.name}'s chronology of "
                f"review {review.reference} ({result.context_count} outside the period under "
                f"review, kept as context); {result.skipped_count} skipped as already there."
            )
            for skipped in result.skipped:
                self.stdout.write(
                    f"  skipped row {skipped['row']}: {skipped['source_ref']} is already there"
                )
            if result.created_count:
                merged = rebuild(review, actor=None, context=SYSTEM)
                self.stdout.write(
                    f"Integrated chronology merged again: {len(merged.groups)} events recorded "
                    f"by more than one agency, {len(merged.conflicts)} with different accounts."
                )
            return
        for error in result.errors:
            where = f"row {error['row']}" if error["row"] else "file"
            column = f", column {error['column']}" if error["column"] else ""
            self.stderr.write(f"{where}{column}: {error['reason']}")
        if result.status == ImportStatus.FAILED:
            raise _unusable("Nothing was imported: the file could not be read")
        raise Refused(f"Nothing was imported: {len(result.errors)} problems in the file")
