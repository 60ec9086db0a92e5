"""`casereview screen --regime REGIME --outcome death|serious_harm --abuse known|suspected|not
[--criteria a,b,...] [--custody] [--looked-after] [--format json]`: what the regime's
criteria say for these facts, from the same code as the notification form
(cases/screening.py). Facts the form would refuse, and an unknown regime, exit with
status 2 and the form's message. Output: docs/procedure.md ("Screening")."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from casereview.procedure import catalogue
from casereview.procedure.regime import RegimeError

from ...models import AbuseNeglect, Outcome
from ...screening import Facts, refusals, screen

ABUSE_ANSWERS = {"known": AbuseNeglect.KNOWN, "suspected": AbuseNeglect.SUSPECTED, "not": "not"}


def _letters(text: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


class Command(BaseCommand):
    help = "Screen a case's facts against a regime's criteria (the notification form's answer)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--regime", required=True, help="A regime id, e.g. wt2013")
        parser.add_argument("--outcome", required=True, choices=Outcome.values)
        parser.add_argument("--abuse", required=True, choices=list(ABUSE_ANSWERS))
        parser.add_argument("--criteria", default="", help="Letters ticked, e.g. a,e")
        parser.add_argument(
            "--custody", action="store_true", help="The child died in custody or detention"
        )
        parser.add_argument(
            "--looked-after", action="store_true", help="The child was looked after"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            regime = catalogue.current(options["regime"])
        except RegimeError as error:
            known = ", ".join(regime_id for regime_id, _ in catalogue.choices())
            raise CommandError(f"{error} (known: {known})", returncode=2) from None
        facts = Facts(
            outcome=options["outcome"],
            abuse_neglect=ABUSE_ANSWERS[options["abuse"]],
            letters=_letters(options["criteria"]),
            custody=options["custody"],
            looked_after=options["looked_after"],
        )
        if problems := refusals(regime, facts):
            raise CommandError("\n".join(problems.values()), returncode=2)
        result = screen(regime, facts)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_data(), indent=2))
            return
        self.stdout.write(result.outcome.id)
        self.stdout.write(f"{result.label} ({regime.title}, version {regime.version})")
        self.stdout.write("citations:")
        for reason in result.reasons:
            self.stdout.write(f"- {reason.citation}: {reason.text}")
