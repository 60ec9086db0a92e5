"""`casereview check-wording FILE`: blaming language (19.2) with the clause and a neutral
rewording, one finding a line on stdout. Exit 0 when none is found, 1 when some are, 2 when
the file cannot be read (docs/publication.md)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from casereview.publication.management.commands.anonymise import read_text
from casereview.publication.wording import WHY, check


class Command(BaseCommand):
    help = "Flag blaming language in a report draft (19.2: not an inquiry into culpability)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a UTF-8 text file")

    def handle(self, *args, **options):
        findings = check(read_text(options["file"]))
        for f in findings:
            self.stdout.write(
                f'line {f.line}: "{f.text}" ({f.rule}, {f.clause}); suggest: {f.suggestion}'
            )
        if findings:
            self.stdout.write(WHY)
            sys.exit(1)
