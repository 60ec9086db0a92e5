"""`casereview anonymise --register REGISTER.json INPUT.txt`: the anonymised text on stdout;
on stderr one line per replacement and per suggested name. Exit 0, or 2 for a bad register
or input (docs/publication.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casereview.publication.anonymiser import Anonymiser, RegisterError, load
from casereview.publication.anonymiser.suggest import suggest


def read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", returncode=2) from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text: {error}", returncode=2) from error


def one_line(text: str) -> str:
    return " ".join(text.split())


class Command(BaseCommand):
    help = "Anonymise a text with an identifier register (replacements, suggestions on stderr)."

    def add_arguments(self, parser):
        parser.add_argument("--register", required=True, help="REGISTER.json")
        parser.add_argument("input", help="INPUT.txt (UTF-8)")
        parser.add_argument(
            "--no-suggestions",
            action="store_true",
            help="do not look for names not on the register",
        )

    def handle(self, *args, **options):
        try:
            terms = load(options["register"])
        except RegisterError as error:
            raise CommandError(str(error), returncode=2) from error
        text = read_text(options["input"])
        result = Anonymiser(terms).run(text)
        self.stdout.write(result.text, ending="")
        for r in result.replacements:
            self.stderr.write(f"replaced {r.kind}: {one_line(r.original)} -> {r.replacement}")
        if not options["no_suggestions"]:
            for s in suggest(result):
                self.stderr.write(f"suggested name (not on the register, please check): {s.name}")
